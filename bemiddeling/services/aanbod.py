"""Writes of a corporatie's monthly supply (R9): audited, versioned, recompute on commit."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bemiddeling.models import Aanbod
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
