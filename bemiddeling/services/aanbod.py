"""Writes of a corporatie's monthly supply (R9): audited, versioned, recompute on commit."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bemiddeling.models import Aanbod, Aanbodverwachting
from kern import opmaak
from kern.invoer import MAX_AANBOD, lees_aantal
from kern.perioden import Maand
from organisaties.herberekening import herberekening_aanvragen
from organisaties.models import Corporatie, Gemeente
from organisaties.toegang import Handeling, vereis
from organisaties.wijzigen import controleer_versie, opslaan, vereis_reden, verwijderen

MAX_AANTAL = MAX_AANBOD
VELDEN = (
    "mutaties",
    "ongeschikt_label",
    "ongeschikt_huur",
    "ongeschikt_grootte",
    "toegewezen_urgenten",
    "toegewezen_vh",
)


@dataclass(frozen=True)
class Aanbodcijfers:
    mutaties: int
    ongeschikt_label: int
    ongeschikt_huur: int
    ongeschikt_grootte: int
    toegewezen_urgenten: int
    toegewezen_vh: int

    @property
    def ongeschikt(self) -> int:
        return self.ongeschikt_label + self.ongeschikt_huur + self.ongeschikt_grootte

    @classmethod
    def van(cls, rij: Aanbod) -> Aanbodcijfers:
        return cls(**{v: getattr(rij, v) for v in VELDEN})


def controleer_aanbod(c: Aanbodcijfers) -> dict[str, str]:
    """Field -> Dutch message for every rule the database also enforces (empty when valid).

    'ongeschikt' is the group of the three unsuitable-for-VH fields.
    """
    fouten: dict[str, str] = {}
    for veld, waarde in asdict(c).items():
        try:
            lees_aantal(waarde, maximum=MAX_AANTAL)
        except ValueError as e:
            fouten[veld] = str(e)
    if fouten:
        return fouten
    if c.ongeschikt > c.mutaties:
        fouten["ongeschikt"] = (
            f"Samen zijn er meer ongeschikte woningen ({c.ongeschikt}: label "
            f"{c.ongeschikt_label}, huur {c.ongeschikt_huur}, grootte {c.ongeschikt_grootte}) "
            f"dan mutaties ({c.mutaties})."
        )
    if c.toegewezen_urgenten > c.mutaties:
        fouten["toegewezen_urgenten"] = (
            f"Er kunnen niet meer woningen aan urgenten zijn toegewezen ({c.toegewezen_urgenten}) "
            f"dan er zijn vrijgekomen ({c.mutaties})."
        )
    if c.toegewezen_vh > c.toegewezen_urgenten:
        fouten["toegewezen_vh"] = (
            f"Toegewezen aan vergunninghouders ({c.toegewezen_vh}) is een deel van de "
            f"toewijzingen aan urgenten ({c.toegewezen_urgenten}) en kan daar niet boven liggen."
        )
    elif "ongeschikt" not in fouten and c.toegewezen_vh > c.mutaties - c.ongeschikt:
        fouten["toegewezen_vh"] = (
            f"Er zijn meer woningen aan vergunninghouders toegewezen ({c.toegewezen_vh}) dan "
            f"er geschikt waren ({c.mutaties - c.ongeschikt} = {c.mutaties} mutaties min "
            f"{c.ongeschikt} ongeschikt)."
        )
    return fouten


def _controleer_maand(maand: Maand) -> None:
    if maand > Maand.van(timezone.localdate()):
        raise ValidationError(
            {"__all__": "Deze maand is nog niet begonnen; vul het aanbod in als de maand loopt."}
        )


@transaction.atomic
def aanbod_registreren(
    *,
    corporatie: Corporatie,
    gemeente: Gemeente,
    maand: Maand,
    cijfers: Aanbodcijfers,
    door,
    versie: int | None,
    reden: str | None = None,
) -> Aanbod:
    vereis(door, Handeling.AANBOD_WIJZIGEN, gemeente=gemeente, corporatie=corporatie)
    _controleer_maand(maand)
    fouten = controleer_aanbod(cijfers)
    if fouten:
        raise ValidationError(fouten)
    # The parent first: a second first save of the same month waits here and then finds the
    # row (a conflict to choose from), instead of both inserting it.
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    rij = (
        Aanbod.objects.select_for_update()
        .filter(corporatie=corporatie, gemeente=gemeente, maand=maand.eerste_dag)
        .order_by("pk")  # the default ordering joins (and would lock) the corporatie
        .first()
    )
    if rij is not None and Aanbodcijfers.van(rij) == cijfers:
        return rij  # already so: nothing to record, nothing lost
    controleer_versie(rij, versie)  # appeared, disappeared or changed since the form opened
    reden = vereis_reden(reden, maand=maand)
    if rij is None:
        rij = Aanbod(corporatie=corporatie, gemeente=gemeente, maand=maand.eerste_dag)
    for veld, waarde in asdict(cijfers).items():
        setattr(rij, veld, waarde)
    opslaan(rij, door=door, reden=reden)
    herberekening_aanvragen(gemeente.pk)
    return rij


@transaction.atomic
def aanbod_verwijderen(
    *,
    corporatie: Corporatie,
    gemeente: Gemeente,
    maand: Maand,
    door,
    versie: int | None,
    reden: str | None = None,
) -> None:
    """The month goes back to 'not entered' (missing, not zero)."""
    vereis(door, Handeling.AANBOD_WIJZIGEN, gemeente=gemeente, corporatie=corporatie)
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    rij = (
        Aanbod.objects.select_for_update()
        .filter(corporatie=corporatie, gemeente=gemeente, maand=maand.eerste_dag)
        .order_by("pk")  # the default ordering joins (and would lock) the corporatie
        .first()
    )
    if rij is None and versie is None:
        return
    controleer_versie(rij, versie)
    reden = vereis_reden(reden, maand=maand)
    verwijderen(rij, door=door, reden=reden)
    herberekening_aanvragen(gemeente.pk)


# --- the expected supply (Aanbodverwachting) with its optional split by size (issue 14 §9) ---

SPLIT = ("vh_1", "vh_2", "vh_3_4", "vh_5_plus")
SPLIT_LABELS = {
    "vh_1": "voor 1 persoon",
    "vh_2": "voor 2 personen",
    "vh_3_4": "voor 3 of 4 personen",
    "vh_5_plus": "voor 5 of meer personen",
}
MAX_MUTATIES_PER_MAAND = Decimal("99999.99")  # the column: 7 digits, 2 decimals
MAX_SPLIT = Decimal("9999.99")  # 6 digits, 2 decimals


@dataclass(frozen=True)
class Verwachtingcijfers:
    """Expected mutaties per month and, optional, of these the dwellings per month for VH by
    the size of the household that fits them (None: not split for that size)."""

    mutaties_per_maand: Decimal
    vh_1: Decimal | None = None
    vh_2: Decimal | None = None
    vh_3_4: Decimal | None = None
    vh_5_plus: Decimal | None = None

    @property
    def split_totaal(self) -> Decimal | None:
        waarden = [getattr(self, v) for v in SPLIT if getattr(self, v) is not None]
        return sum(waarden, Decimal(0)) if waarden else None

    @classmethod
    def van(cls, rij: Aanbodverwachting) -> Verwachtingcijfers:
        return cls(rij.mutaties_per_maand, *(getattr(rij, v) for v in SPLIT))


def controleer_verwachting(c: Verwachtingcijfers) -> dict[str, str]:
    """Field (or ``__all__``) -> Dutch message; empty when valid. The split of the dwellings
    for VH may not add up to more than the expected mutaties: they are part of them."""
    fouten: dict[str, str] = {}
    if c.mutaties_per_maand is None:
        fouten["mutaties_per_maand"] = "Vul de verwachte mutaties per maand in."
    elif not 0 <= c.mutaties_per_maand <= MAX_MUTATIES_PER_MAAND:
        fouten["mutaties_per_maand"] = "De verwachte mutaties per maand liggen tussen 0 en 99.999."
    for veld in SPLIT:
        waarde = getattr(c, veld)
        if waarde is not None and not 0 <= waarde <= MAX_SPLIT:
            fouten[veld] = f"Het aantal woningen {SPLIT_LABELS[veld]} ligt tussen 0 en 9.999."
    if fouten:
        return fouten
    totaal = c.split_totaal
    if totaal is not None and totaal > c.mutaties_per_maand:
        fouten["__all__"] = (
            f"De woningen voor vergunninghouders per grootte zijn samen {opmaak.getal(totaal, 2)} "
            f"per maand; dat is meer dan de verwachte mutaties per maand "
            f"({opmaak.getal(c.mutaties_per_maand, 2)}). Ze zijn een deel van die mutaties: "
            "verlaag de verdeling of verhoog de mutaties."
        )
    return fouten


@transaction.atomic
def verwachting_registreren(
    *,
    corporatie: Corporatie,
    gemeente: Gemeente,
    geldig_vanaf: date,
    cijfers: Verwachtingcijfers,
    door,
    reden: str | None = None,
) -> Aanbodverwachting:
    """The expectation of this corporatie in this gemeente from ``geldig_vanaf`` (a new one,
    or the one from that date changed). In the history with who and the reason; a reason is
    required when the expectation starts longer than a month ago (as for the monthly figures).
    The forecast is recomputed."""
    vereis(door, Handeling.AANBOD_WIJZIGEN, gemeente=gemeente, corporatie=corporatie)
    fouten = controleer_verwachting(cijfers)
    if fouten:
        raise ValidationError(fouten)
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    rij = (
        Aanbodverwachting.objects.select_for_update()
        .filter(corporatie=corporatie, gemeente=gemeente, geldig_vanaf=geldig_vanaf)
        .order_by("pk")
        .first()
    )
    if rij is not None and Verwachtingcijfers.van(rij) == cijfers:
        return rij
    reden = vereis_reden(reden, maand=Maand.van(geldig_vanaf))
    if rij is None:
        rij = Aanbodverwachting(
            corporatie=corporatie,
            gemeente=gemeente,
            geldig_vanaf=geldig_vanaf,
            bron=f"Ingevoerd door {corporatie.naam}",
        )
    for veld, waarde in asdict(cijfers).items():
        setattr(rij, veld, waarde)
    rij.illustratief = False
    opslaan(rij, door=door, reden=reden)
    herberekening_aanvragen(gemeente.pk)
    return rij
