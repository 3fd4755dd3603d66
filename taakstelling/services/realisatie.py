"""Entering a gemeente's monthly realisation (issue 'Invoer' §2, §5-§7, §9).

One validation for every way figures come in: the month form and the import both call
``controleer_maand`` and ``controleer_cijfers``, which in turn use the pure counting rule
(``kern.regels.controleer_realisatie``). Writes go through ``realisatie_maand_opslaan``:
one transaction per month, a history row per changed figure (who, reason), a version check per
row so nothing is silently overwritten, and a recompute request after commit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern import invoer, regels
from kern.bestanden import fragment
from kern.perioden import EERSTE_MAAND, Maand
from organisaties import selectors as organisatie_selectors
from organisaties.herberekening import herberekening_aanvragen
from organisaties.historie import laatste_auteurs
from organisaties.models import Corporatie, Gemeente
from organisaties.toegang import Handeling, vereis
from organisaties.wijzigen import (
    Conflict,
    controleer_versie,
    opslaan,
    vereis_reden,
    verwijderen,
)
from organisaties.wijzigen import reden_melding as _reden_melding
from taakstelling import selectors
from taakstelling.models import Bron, Invoerwijze, Koppeling, Maandrapportage, Realisatie

# No gemeente houses ten thousand persons through one source in one month; a larger figure
# is a typing error (and would overflow nothing, but mislead everyone).
MAXIMUM = invoer.MAX_PERSONEN_PER_MAAND

VELDEN = ("personen_gehuisvest", "personen_tellend", "woningen")
_GEHEEL_GETAL = re.compile(r"^[0-9]+$")

Sleutel = tuple[str, str | None]  # (bron code, corporatie slug or None)
Foutsleutel = tuple[Sleutel | None, str]  # (row or None for the month, field)


@dataclass(frozen=True, slots=True)
class Cijfers:
    """The three figures of one realisation row (R1: persons and dwellings apart)."""

    personen_gehuisvest: int
    personen_tellend: int
    woningen: int

    @classmethod
    def van(cls, rij: Realisatie | None) -> Cijfers | None:
        if rij is None:
            return None
        return cls(rij.personen_gehuisvest, rij.personen_tellend, rij.woningen)

    @classmethod
    def lees(cls, tekst: str | None) -> Cijfers | None:
        """'9/9/4' (what a form showed) -> Cijfers; anything else -> None."""
        delen = (tekst or "").split("/")
        if len(delen) != 3 or not all(_GEHEEL_GETAL.match(d) for d in delen):
            return None
        return cls(*(int(d) for d in delen))

    def __str__(self) -> str:
        return f"{self.personen_gehuisvest}/{self.personen_tellend}/{self.woningen}"


class Invoerfout(ValidationError):
    """Bad input: (row or None, field) -> Dutch message. Nothing has been written."""

    def __init__(self, fouten: dict[Foutsleutel, str]):
        self.fouten = dict(fouten)
        super().__init__(list(self.fouten.values()))


@dataclass(frozen=True)
class Regelconflict:
    """Someone else saved this figure after the form was opened, and this user changed it too."""

    sleutel: Sleutel | None  # None: the koppelingen of the month
    mijn: Cijfers | int | None  # what this user wants (None: empty / delete)
    huidig: Cijfers | int | None  # what is saved now (None: deleted)
    versie: int | None  # the saved version now
    door: str | None = None
    op: datetime | None = None


class Maandconflict(Exception):
    def __init__(self, conflicten: list[Regelconflict]):
        super().__init__("Iemand anders heeft cijfers van deze maand intussen gewijzigd.")
        self.conflicten = conflicten


@dataclass(frozen=True)
class Regelinvoer:
    """One row as entered: raw values (form text or spreadsheet cells), with what the form
    showed (``versie``, ``oorspronkelijk``) so a stale form is noticed."""

    sleutel: Sleutel
    personen_gehuisvest: object = None
    personen_tellend: object = None
    woningen: object = None
    versie: int | None = None
    oorspronkelijk: Cijfers | None = None


@dataclass(frozen=True)
class Koppelinginvoer:
    personen: object = None
    versie: int | None = None
    oorspronkelijk: int | None = None


@dataclass
class Opslaguitkomst:
    aangemaakt: int = 0
    gewijzigd: int = 0
    verwijderd: int = 0
    maand_vastgelegd: bool = False  # the Maandrapportage header was created now

    @property
    def iets_gewijzigd(self) -> bool:
        return bool(self.aangemaakt or self.gewijzigd or self.verwijderd or self.maand_vastgelegd)


# --- the shared checks -----------------------------------------------------------------------


def lees_aantal(waarde: object) -> int | None:
    """A count from a form field or a spreadsheet cell; None when empty.

    The one whole-number reader (``kern.invoer.lees_aantal``): "1.000" is 1000,
    "1,5" or "2.0" is refused; raises ValueError with a Dutch message for anything that is
    not a whole number from 0 to MAXIMUM.
    """
    return invoer.lees_aantal(waarde, maximum=MAXIMUM)


def controleer_maand(maand: Maand, vandaag: date) -> str | None:
    """Months from January 2000 up to the current one may be entered; the future may not
    (nobody can have housed anyone in a month that has not begun)."""
    if maand < EERSTE_MAAND:
        return f"Maanden vóór {EERSTE_MAAND.naam} kunnen niet worden ingevoerd."
    if maand > Maand.van(vandaag):
        return f"{maand.naam.capitalize()} ligt in de toekomst en kan nog niet worden ingevuld."
    return None


def controleer_cijfers(
    regel: regels.Telregel | None,
    personen_gehuisvest: object,
    personen_tellend: object,
    woningen: object,
) -> tuple[Cijfers | None, dict[str, str]]:
    """Raw values of one row -> (Cijfers, {}) or (None, field -> Dutch message).

    All three empty is (None, {}): no figure for this source. An empty 'tellend' follows the
    counting rule (HAR-uitplaatsing counts 0); empty 'woningen' is 0 for a source that uses no
    dwelling. ``regel`` is the counting rule in force for the source, month and province.
    """
    fouten: dict[str, str] = {}
    waarden: dict[str, int | None] = {}
    for veld, ruw in zip(VELDEN, (personen_gehuisvest, personen_tellend, woningen), strict=True):
        try:
            waarden[veld] = lees_aantal(ruw)
        except ValueError as e:
            fouten[veld] = str(e)
    if fouten:
        return None, fouten
    g, t, w = (waarden[v] for v in VELDEN)
    if g is None and t is None and w is None:
        return None, {}
    if regel is None:
        return None, {
            "personen_tellend": "Voor deze bron geldt in deze maand geen telregel; "
            "vraag de beheerder die in te stellen."
        }
    if g is None:
        return None, {"personen_gehuisvest": "Vul ook het aantal gehuisveste personen in."}
    if t is None:
        t = regels.standaard_tellend(g, regel)
    if w is None:
        if regel.gebruikt_woning:
            return None, {"woningen": "Vul het aantal gebruikte woningen in."}
        w = 0
    fouten = regels.controleer_realisatie(g, t, w, regel)
    if fouten:
        return None, fouten
    return Cijfers(g, t, w), {}


@dataclass
class Invoercontext:
    """Reference data a check needs, loaded once (a fixed number of queries)."""

    bronnen: dict[str, Bron]
    telregels: list[regels.Telregel]
    corporaties: dict[str, Corporatie]  # slug -> corporatie
    werkgebieden: set[tuple[int, int]]  # (corporatie id, gemeente id)
    _regelcache: dict = field(default_factory=dict)

    @classmethod
    def laad(cls, gemeenten: Iterable[int] | None = None) -> Invoercontext:
        return cls(
            bronnen={b.code: b for b in Bron.objects.all()},
            telregels=selectors.telregels(),
            corporaties={c.slug: c for c in Corporatie.objects.all()},
            werkgebieden=organisatie_selectors.werkgebieden(gemeenten),
        )

    def werkt_in(self, corporatie: Corporatie, gemeente: Gemeente) -> bool:
        return (corporatie.pk, gemeente.pk) in self.werkgebieden

    def telregel(self, bron: str, maand: Maand, provincie_id: int) -> regels.Telregel | None:
        sleutel = (bron, maand, provincie_id)
        if sleutel not in self._regelcache:
            self._regelcache[sleutel] = regels.telregel_voor(
                bron, maand.eerste_dag, self.telregels, provincie_id
            )
        return self._regelcache[sleutel]

    def controleer_sleutel(
        self,
        gemeente: Gemeente,
        bron_code: str,
        slug: str | None,
        *,
        ook_vertrokken: bool = False,
    ) -> tuple[Bron | None, Corporatie | None, dict[str, str]]:
        """The source exists; a corporatie is named exactly when the source needs one, and
        works in the gemeente (organisaties.Werkgebied). ``ook_vertrokken`` accepts a
        corporatie that no longer works there (the caller decides: the import keeps its
        unchanged rows)."""
        bron = self.bronnen.get(bron_code)
        if bron is None:
            codes = ", ".join(self.bronnen)
            return (
                None,
                None,
                {"bron": f"Onbekende bron '{fragment(bron_code)}'; kies uit {codes}."},
            )
        if not bron.vereist_corporatie:
            if slug:
                return bron, None, {"corporatie": f"Bij bron '{bron.code}' hoort geen corporatie."}
            return bron, None, {}
        if not slug:
            return bron, None, {"corporatie": f"Vul bij bron '{bron.code}' de corporatie in."}
        corporatie = self.corporaties.get(slug)
        if corporatie is None:
            return bron, None, {"corporatie": f"Onbekende corporatie '{fragment(slug)}'."}
        if not ook_vertrokken and not self.werkt_in(corporatie, gemeente):
            return (
                bron,
                None,
                {"corporatie": f"{corporatie.naam} werkt niet in {gemeente.naam}."},
            )
        return bron, corporatie, {}


PER_HUISHOUDEN_MELDING = (
    "{maand} wordt per huishouden bijgehouden: de realisatie volgt uit de verhuizingen op de "
    "pagina Huishoudens en wordt hier niet ingetypt. Zet de maand terug op totalen om ze "
    "zelf in te voeren."
)


def per_huishouden(gemeente: Gemeente, maand: Maand) -> bool:
    """Is the month's realisation derived from the households' moves (issue 14)?"""
    return Invoerwijze.objects.filter(
        gemeente=gemeente, maand=maand.eerste_dag, per_huishouden=True
    ).exists()


def weiger_getypte_totalen(gemeente: Gemeente, maand: Maand) -> None:
    """Invoerfout when the month's realisation comes from the households: one source of
    truth per month."""
    if per_huishouden(gemeente, maand):
        raise Invoerfout(
            {(None, "maand"): PER_HUISHOUDEN_MELDING.format(maand=maand.naam.capitalize())}
        )


def reden_nodig(maand: Maand, vandaag: date) -> bool:
    return regels.reden_verplicht(maand, vandaag)


def reden_melding(maand: Maand) -> str:
    return _reden_melding(maand)


# --- saving one month ------------------------------------------------------------------------


def _verouderd(huidig, versie: int | None) -> bool:
    """Was the form opened on another version than the one saved now (or on no row, or on
    a row that is gone since)?"""
    try:
        controleer_versie(huidig, versie)
    except Conflict:
        return True
    return False


def _reden(reden: str | None, **regel) -> str | None:
    try:
        return vereis_reden(reden, **regel)
    except ValidationError as e:
        raise Invoerfout({(None, "reden"): e.message_dict["reden"][0]}) from None


@transaction.atomic
def realisatie_maand_opslaan(
    *,
    gemeente: Gemeente,
    maand: Maand,
    regels_in: Sequence[Regelinvoer],
    koppeling: Koppelinginvoer | None,
    door,
    reden: str | None = None,
    vandaag: date | None = None,
    ctx: Invoercontext | None = None,
) -> Opslaguitkomst:
    """Save the month as entered: create, change or delete each row, all or nothing.

    Raises PermissionDenied (not the opgaveteam of this gemeente), Invoerfout (bad input or a
    missing reason; nothing written) or Maandconflict (someone else changed a figure this user
    also changed since the form was opened; nothing written). ``ctx`` is the reference data
    when the caller already read it for this gemeente (the month page).
    """
    _vereis_rechten(door, gemeente, koppeling)
    vandaag = vandaag or timezone.localdate()
    reden = _controleer_maand_en_reden(maand, vandaag, reden)
    weiger_getypte_totalen(gemeente, maand)
    ctx = ctx or Invoercontext.laad([gemeente.pk])
    gewenst, gekoppeld = _lees_invoer(gemeente, maand, regels_in, koppeling, ctx)
    bestaand, koppeling_rij = _vergrendel(gemeente, maand, ctx, met_koppeling=koppeling is not None)
    plan = _maak_plan(gewenst, bestaand, koppeling, gekoppeld, koppeling_rij)
    if plan.verouderd:
        raise _maandconflict(plan.verouderd)
    kop = Maandrapportage.objects.filter(gemeente=gemeente, maand=maand.eerste_dag).first()
    if plan.schrijft or kop is None:
        reden = _reden(reden, maand=maand, vandaag=vandaag)  # an older month needs one
    uitkomst = _schrijf(gemeente, maand, plan, nieuwe_kop=kop is None, door=door, reden=reden)
    if uitkomst.iets_gewijzigd:
        herberekening_aanvragen(gemeente.pk)
    return uitkomst


# The steps of realisatie_maand_opslaan, in their order.


def _vereis_rechten(door, gemeente: Gemeente, koppeling: Koppelinginvoer | None) -> None:
    vereis(door, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    if koppeling is not None:
        vereis(door, Handeling.KOPPELINGEN_WIJZIGEN, gemeente=gemeente)


def _controleer_maand_en_reden(maand: Maand, vandaag: date, reden: str | None) -> str | None:
    """The month may be entered; the reason is not too long, whether or not it is needed."""
    fout = controleer_maand(maand, vandaag)
    if fout:
        raise Invoerfout({(None, "maand"): fout})
    return _reden(reden)


class _Gewenst(NamedTuple):
    """A row as the user wants it (``cijfers`` None: empty, so delete)."""

    bron: Bron
    corporatie: Corporatie | None
    cijfers: Cijfers | None
    invoer: Regelinvoer


def _lees_invoer(
    gemeente: Gemeente,
    maand: Maand,
    regels_in: Sequence[Regelinvoer],
    koppeling: Koppelinginvoer | None,
    ctx: Invoercontext,
) -> tuple[dict[Sleutel, _Gewenst], int | None]:
    """Every row and the koppelingen read and checked, before anything is locked; Invoerfout
    with all messages at once."""
    fouten: dict[Foutsleutel, str] = {}
    gewenst: dict[Sleutel, _Gewenst] = {}
    for regel_in in regels_in:
        bron_code, slug = regel_in.sleutel
        bron, corporatie, sleutelfouten = ctx.controleer_sleutel(gemeente, bron_code, slug)
        if sleutelfouten or bron is None:
            fouten.update({(regel_in.sleutel, v): m for v, m in sleutelfouten.items()})
            continue
        if regel_in.sleutel in gewenst:
            fouten[(regel_in.sleutel, "bron")] = "Deze bron staat twee keer in de invoer."
            continue
        cijfers, cijferfouten = controleer_cijfers(
            ctx.telregel(bron.code, maand, gemeente.provincie_id),
            regel_in.personen_gehuisvest,
            regel_in.personen_tellend,
            regel_in.woningen,
        )
        fouten.update({(regel_in.sleutel, v): m for v, m in cijferfouten.items()})
        gewenst[regel_in.sleutel] = _Gewenst(bron, corporatie, cijfers, regel_in)
    gekoppeld: int | None = None
    if koppeling is not None:
        try:
            gekoppeld = lees_aantal(koppeling.personen)
        except ValueError as e:
            fouten[(None, "koppeling")] = str(e)
    if fouten:
        raise Invoerfout(fouten)
    return gewenst, gekoppeld


def _vergrendel(
    gemeente: Gemeente, maand: Maand, ctx: Invoercontext, *, met_koppeling: bool
) -> tuple[dict[Sleutel, Realisatie], Koppeling | None]:
    """Lock, always in this order: the gemeente, its rows of the month, its koppelingen.

    One writer per gemeente at a time: the second waits, then sees the first one's rows (and
    gets a conflict instead of a unique-constraint error).
    """
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    dag = maand.eerste_dag
    slugs = {c.pk: c.slug for c in ctx.corporaties.values()}
    bestaand = {
        (r.bron_id, slugs.get(r.corporatie_id) if r.corporatie_id else None): r
        for r in Realisatie.objects.select_for_update()
        .filter(gemeente=gemeente, maand=dag)
        .order_by()  # the default ordering joins bron and corporatie, which cannot be locked
    }
    koppeling_rij = None
    if met_koppeling:
        koppeling_rij = (
            Koppeling.objects.select_for_update()
            .filter(gemeente=gemeente, maand=dag)
            .order_by("pk")
            .first()
        )
    return bestaand, koppeling_rij


class _Actie(NamedTuple):
    soort: str  # "nieuw", "anders" or "weg"
    rij: Realisatie | None  # None: "nieuw"
    bron: Bron
    corporatie: Corporatie | None
    cijfers: Cijfers | None  # None: "weg"


class _Verouderd(NamedTuple):
    """A figure someone else saved after the form was opened, which this user changed too."""

    sleutel: Sleutel | None  # None: the koppelingen of the month
    mijn: Cijfers | int | None
    huidig: Realisatie | Koppeling | None


@dataclass
class _Maandplan:
    """What saving the month writes, or (``verouderd``) why it writes nothing."""

    acties: list[_Actie]
    verouderd: list[_Verouderd]
    koppeling_actie: str | None  # "nieuw", "anders" or "weg"
    koppeling_rij: Koppeling | None
    gekoppeld: int | None

    @property
    def schrijft(self) -> bool:
        return bool(self.acties or self.koppeling_actie)


def _maak_plan(
    gewenst: dict[Sleutel, _Gewenst],
    bestaand: dict[Sleutel, Realisatie],
    koppeling: Koppelinginvoer | None,
    gekoppeld: int | None,
    koppeling_rij: Koppeling | None,
) -> _Maandplan:
    """Compare what the user wants with what is saved now (locked): an unchanged figure is
    skipped, and one that someone else changed since the form was opened is kept when this
    user did not touch it, and a conflict when they did."""
    acties: list[_Actie] = []
    verouderd: list[_Verouderd] = []
    for sleutel, (bron, corporatie, mijn, regel_in) in gewenst.items():
        huidig = bestaand.get(sleutel)
        if mijn == Cijfers.van(huidig):
            continue
        if _verouderd(huidig, regel_in.versie):
            if mijn != regel_in.oorspronkelijk:
                verouderd.append(_Verouderd(sleutel, mijn, huidig))
            continue
        if huidig is None:
            acties.append(_Actie("nieuw", None, bron, corporatie, mijn))
        elif mijn is None:
            acties.append(_Actie("weg", huidig, bron, corporatie, None))
        else:
            acties.append(_Actie("anders", huidig, bron, corporatie, mijn))
    koppeling_actie = None
    if koppeling is not None and gekoppeld != (koppeling_rij.personen if koppeling_rij else None):
        if not _verouderd(koppeling_rij, koppeling.versie):
            if gekoppeld is None:
                koppeling_actie = "weg"
            else:
                koppeling_actie = "nieuw" if koppeling_rij is None else "anders"
        elif gekoppeld != koppeling.oorspronkelijk:
            verouderd.append(_Verouderd(None, gekoppeld, koppeling_rij))
    return _Maandplan(acties, verouderd, koppeling_actie, koppeling_rij, gekoppeld)


def _maandconflict(verouderd: list[_Verouderd]) -> Maandconflict:
    """Each conflict with what is saved now, and who saved it when."""
    # Who saved each figure last: two queries per kind of row, whatever the number.
    auteurs = laatste_auteurs(v.huidig for v in verouderd)
    conflicten = []
    for sleutel, mijn, huidig in verouderd:
        door_naam, op = (
            auteurs.get((type(huidig), huidig.pk), (None, None)) if huidig else (None, None)
        )
        # sleutel None: the koppelingen of the month (a number of persons)
        nu = Cijfers.van(huidig) if sleutel is not None else getattr(huidig, "personen", None)
        conflicten.append(
            Regelconflict(sleutel, mijn, nu, huidig.versie if huidig else None, door_naam, op)
        )
    return Maandconflict(conflicten)


def _schrijf(
    gemeente: Gemeente, maand: Maand, plan: _Maandplan, *, nieuwe_kop: bool, door, reden
) -> Opslaguitkomst:
    """Write the plan: the month's header when it is new, each row, then the koppelingen."""
    dag = maand.eerste_dag
    uitkomst = Opslaguitkomst()
    if nieuwe_kop:
        opslaan(Maandrapportage(gemeente=gemeente, maand=dag), door=door, reden=reden)
        uitkomst.maand_vastgelegd = True
    for actie in plan.acties:
        _schrijf_regel(gemeente, dag, actie, door=door, reden=reden)
        _tel(uitkomst, actie.soort)
    if plan.koppeling_actie:
        _schrijf_koppeling(gemeente, dag, plan, door=door, reden=reden)
        _tel(uitkomst, plan.koppeling_actie)
    return uitkomst


def _schrijf_regel(gemeente: Gemeente, dag: date, actie: _Actie, *, door, reden) -> None:
    if actie.soort == "weg":
        verwijderen(actie.rij, door=door, reden=reden)
        return
    rij = actie.rij or Realisatie(
        gemeente=gemeente, maand=dag, bron=actie.bron, corporatie=actie.corporatie
    )
    rij.personen_gehuisvest = actie.cijfers.personen_gehuisvest
    rij.personen_tellend = actie.cijfers.personen_tellend
    rij.woningen = actie.cijfers.woningen
    rij.illustratief = False  # entered by a person now, no longer demo data
    opslaan(rij, door=door, reden=reden)


def _schrijf_koppeling(gemeente: Gemeente, dag: date, plan: _Maandplan, *, door, reden) -> None:
    rij = plan.koppeling_rij
    if plan.koppeling_actie == "weg":
        verwijderen(rij, door=door, reden=reden)
    elif plan.koppeling_actie == "nieuw":
        opslaan(
            Koppeling(gemeente=gemeente, maand=dag, personen=plan.gekoppeld), door=door, reden=reden
        )
    else:
        rij.personen = plan.gekoppeld
        rij.illustratief = False
        opslaan(rij, door=door, reden=reden)


def _tel(uitkomst: Opslaguitkomst, soort: str) -> None:
    if soort == "nieuw":
        uitkomst.aangemaakt += 1
    elif soort == "anders":
        uitkomst.gewijzigd += 1
    else:
        uitkomst.verwijderd += 1
