"""Writes of households (issue 14): add, move through the statuses, nareizigers, the month's
mode, retention. Each write owns its transaction, checks the right, writes one event row
(who, when, what) and, when a move changes a month kept per household, derives that month's
realisation through taakstelling's service (a downward call)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bemiddeling.models import (
    Huishouden,
    HuishoudenGebeurtenis,
    Huishoudeninzage,
    HuishoudenTelling,
)
from kern import huishoudens as HH
from kern.huishoudens import Stap
from kern.perioden import Maand
from organisaties import selectors as organisatie_selectors
from organisaties.herberekening import herberekening_aanvragen
from organisaties.models import Corporatie, Gemeente
from organisaties.toegang import Handeling, mag, toegang, vereis
from taakstelling.models import Invoerwijze
from taakstelling.services import afgeleid

MAX_PERSONEN = 30  # no household of thirty; a larger number is a typing error
Soort = HuishoudenGebeurtenis.Soort


class Huishoudenfout(ValidationError):
    """Bad input or a step that is not allowed: field -> Dutch message; nothing changed."""

    def __init__(self, fouten: dict[str, str]):
        self.fouten = dict(fouten)
        super().__init__(list(self.fouten.values()))


def _fout(veld: str, melding: str) -> Huishoudenfout:
    return Huishoudenfout({veld: melding})


@dataclass(frozen=True)
class Samenstelling:
    volwassenen: int
    kinderen: int = 0
    nareizigers_verwacht: int = 0
    nareizigers_maand: Maand | None = None


def controleer_samenstelling(s: Samenstelling) -> dict[str, str]:
    fouten = {}
    for veld in ("volwassenen", "kinderen", "nareizigers_verwacht"):
        waarde = getattr(s, veld)
        if not isinstance(waarde, int) or waarde < 0 or waarde > MAX_PERSONEN:
            fouten[veld] = f"Vul een geheel getal van 0 tot en met {MAX_PERSONEN} in."
    if not fouten and s.volwassenen + s.kinderen == 0:
        fouten["volwassenen"] = "Een huishouden heeft minstens één persoon."
    if not fouten and s.nareizigers_verwacht and s.nareizigers_maand is None:
        fouten["nareizigers_maand"] = "Vul in in welke maand de nareizigers worden verwacht."
    return fouten


def _controleer_datum(veld: str, datum: date | None, vandaag: date, na: date | None = None):
    if datum is None:
        raise _fout(veld, "Vul een datum in.")
    if datum > vandaag:
        raise _fout(veld, "Deze datum ligt in de toekomst.")
    if na is not None and datum < na:
        raise _fout(veld, f"Deze datum ligt vóór de vorige stap ({na:%d-%m-%Y}).")


def sleutel_van(referentie: str) -> str:
    try:
        return HH.pseudoniem(referentie, settings.HUISHOUDEN_SLEUTEL)
    except ValueError as e:
        raise _fout("referentie", str(e)) from None


def _gebeurtenis(huishouden: Huishouden, soort: str, datum: date, door, **velden) -> None:
    HuishoudenGebeurtenis.objects.create(
        huishouden=huishouden, soort=soort, datum=datum, door=door, **velden
    )
    # Issue 14 §9: where the gemeente works per household, the forecast reads the waiting
    # households' mean size (prognose.rekenen.engine.pijplijn_bezetting): recompute it.
    if Invoerwijze.objects.filter(gemeente_id=huishouden.gemeente_id, per_huishouden=True).exists():
        herberekening_aanvragen(huishouden.gemeente_id)


@transaction.atomic
def huishouden_toevoegen(
    *,
    gemeente: Gemeente,
    referentie: str,
    koppeldatum: date,
    samenstelling: Samenstelling,
    behoeften: list[str] = (),
    route: str = "regulier",
    door,
    vandaag: date | None = None,
    illustratief: bool = False,
) -> Huishouden:
    """A household COA linked to the gemeente. Only its pseudonymous key is kept."""
    vereis(door, Handeling.HUISHOUDENS_WIJZIGEN, gemeente=gemeente)
    vandaag = vandaag or timezone.localdate()
    sleutel = sleutel_van(referentie)
    fouten = controleer_samenstelling(samenstelling)
    if route not in HH.ROUTES:
        fouten["route"] = f"Onbekende route '{route[:30]}'; kies uit {', '.join(HH.ROUTES)}."
    try:
        codes = HH.controleer_behoeften(behoeften)
    except ValueError as e:
        fouten["behoeften"] = str(e)
    if fouten:
        raise Huishoudenfout(fouten)
    _controleer_datum("koppeldatum", koppeldatum, vandaag)
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    if Huishouden.objects.filter(gemeente=gemeente, sleutel=sleutel).exists():
        raise _fout("referentie", "Dit huishouden staat al in de lijst (dezelfde COA-referentie).")
    h = Huishouden(
        gemeente=gemeente,
        sleutel=sleutel,
        koppeldatum=koppeldatum,
        volwassenen=samenstelling.volwassenen,
        kinderen=samenstelling.kinderen,
        nareizigers_verwacht=samenstelling.nareizigers_verwacht,
        nareizigers_maand=samenstelling.nareizigers_maand.eerste_dag
        if samenstelling.nareizigers_maand and samenstelling.nareizigers_verwacht
        else None,
        behoeften=codes,
        route=route,
        status=HH.Status.GEKOPPELD,
        status_sinds=koppeldatum,
        illustratief=illustratief,
    )
    try:
        with transaction.atomic():
            h.save()
    except IntegrityError:
        raise _fout("referentie", "Dit huishouden staat al in de lijst.") from None
    _gebeurtenis(h, Soort.AANGEMAAKT, koppeldatum, door, naar_status=HH.Status.GEKOPPELD)
    return h


def _mag_stap(door, h: Huishouden, stap: Stap, corporatie: Corporatie | None) -> None:
    """The opgaveteam of the gemeente takes every step. A corporatie records an offer of one
    of its own dwellings, and the refusal or lease of its own offer; never a move or a drop-out
    (those change the gemeente's realisation)."""
    if mag(door, Handeling.HUISHOUDENS_WIJZIGEN, gemeente=h.gemeente):
        return
    eigen = toegang(door).corporaties
    if not eigen:
        raise PermissionDenied("U mag dit niet wijzigen.")
    if stap == Stap.AANBIEDEN:
        if (
            corporatie is not None
            and corporatie.pk in eigen
            and organisatie_selectors.werkt_in(corporatie.pk, h.gemeente_id)
        ):
            return
    elif stap in (Stap.WEIGEREN, Stap.TEKENEN) and h.corporatie_id in eigen:
        return
    raise PermissionDenied("U mag dit niet wijzigen.")


@transaction.atomic
def stap_zetten(
    *,
    huishouden: Huishouden,
    stap: Stap | str,
    datum: date | None,
    door,
    corporatie: Corporatie | None = None,
    grootteklasse: str = "",
    huurklasse: str = "",
    reden: str = "",
    toelichting: str = "",
    versie: int | None = None,
    vandaag: date | None = None,
) -> Huishouden:
    """Move a household one step; Huishoudenfout (Dutch, nothing changed) when the step is not
    allowed from its status or the input is wrong; PermissionDenied without the right."""
    try:
        stap = Stap(stap)
    except ValueError:
        raise _fout("stap", "Onbekende stap.") from None
    vandaag = vandaag or timezone.localdate()
    Gemeente.objects.select_for_update().filter(pk=huishouden.gemeente_id).first()
    h = Huishouden.objects.select_for_update().select_related("gemeente").get(pk=huishouden.pk)
    _mag_stap(door, h, stap, corporatie)
    if versie is not None and versie != h.versie:
        raise _fout(
            "stap", "Iemand anders heeft dit huishouden intussen gewijzigd; bekijk het opnieuw."
        )
    try:
        nieuw = HH.volgende_status(h.status, stap)
    except ValueError as e:
        raise _fout("stap", str(e)) from None
    _controleer_datum("datum", datum, vandaag, na=h.status_sinds)
    if len(toelichting or "") > 300:
        raise _fout("toelichting", "Houd de toelichting korter: hoogstens 300 tekens.")
    van = h.status
    extra: dict = {}
    if stap == Stap.AANBIEDEN:
        fouten = {}
        if h.route == "regulier" and corporatie is None:
            fouten["corporatie"] = "Kies de corporatie van de aangeboden woning."
        elif corporatie is not None and not organisatie_selectors.werkt_in(
            corporatie.pk, h.gemeente_id
        ):
            fouten["corporatie"] = f"{corporatie.naam} werkt niet in {h.gemeente.naam}."
        if grootteklasse not in HH.GROOTTEKLASSEN:
            fouten["grootteklasse"] = "Kies de grootte van de woning."
        if huurklasse and huurklasse not in HH.HUURKLASSEN:
            fouten["huurklasse"] = "Onbekende huurklasse."
        if fouten:
            raise Huishoudenfout(fouten)
        h.corporatie = corporatie
        h.woning_grootteklasse = grootteklasse
        h.woning_huurklasse = huurklasse
        extra = {"corporatie": corporatie, "reden": grootteklasse, "toelichting": toelichting}
    elif stap == Stap.WEIGEREN:
        if reden not in {r.value for r in HH.Weigerreden}:
            raise _fout("reden", "Kies waarom het aanbod is geweigerd.")
        extra = {"corporatie": h.corporatie, "reden": reden, "toelichting": toelichting}
        h.corporatie = None
        h.woning_grootteklasse = ""
        h.woning_huurklasse = ""
    elif stap == Stap.TEKENEN:
        extra = {"corporatie": h.corporatie, "toelichting": toelichting}
    elif stap == Stap.VERHUIZEN:
        h.sleuteldatum = datum
        h.einddatum = datum
        extra = {"corporatie": h.corporatie, "personen": h.grootte, "toelichting": toelichting}
    elif stap == Stap.UITVALLEN:
        if reden not in {r.value for r in HH.Uitvalreden}:
            raise _fout("reden", "Kies waarom het huishouden is uitgevallen.")
        h.einddatum = datum
        extra = {"reden": reden, "toelichting": toelichting}
    h.status = nieuw
    h.status_sinds = datum
    h.versie += 1
    h.save()
    _gebeurtenis(h, stap.value, datum, door, van_status=van, naar_status=nieuw, **extra)
    if stap == Stap.VERHUIZEN:
        afleiden_als_per_huishouden(h.gemeente, Maand.van(datum), door=door, vandaag=vandaag)
    return h


@transaction.atomic
def nareizigers_vastleggen(
    *, huishouden: Huishouden, personen: int, datum: date | None, door, vandaag: date | None = None
) -> Huishouden:
    """Nareizigers arrived: they join the household and count in the month they arrive (when
    the household has moved already; before the move, they count with the move)."""
    vandaag = vandaag or timezone.localdate()
    Gemeente.objects.select_for_update().filter(pk=huishouden.gemeente_id).first()
    h = Huishouden.objects.select_for_update().select_related("gemeente").get(pk=huishouden.pk)
    vereis(door, Handeling.HUISHOUDENS_WIJZIGEN, gemeente=h.gemeente)
    if h.status == HH.Status.UITGEVALLEN:
        raise _fout("personen", "Dit huishouden is uitgevallen.")
    if not isinstance(personen, int) or not 1 <= personen <= MAX_PERSONEN:
        raise _fout("personen", f"Vul een geheel getal van 1 tot en met {MAX_PERSONEN} in.")
    _controleer_datum("datum", datum, vandaag, na=h.koppeldatum)
    h.nareizigers_aangekomen += personen
    h.nareizigers_verwacht = max(0, h.nareizigers_verwacht - personen)
    if not h.nareizigers_verwacht:
        h.nareizigers_maand = None
    h.versie += 1
    h.save()
    _gebeurtenis(h, Soort.NAREIZIGERS, datum, door, personen=personen, van_status=h.status)
    if h.status == HH.Status.VERHUISD:
        afleiden_als_per_huishouden(h.gemeente, Maand.van(datum), door=door, vandaag=vandaag)
    return h


# --- realisation from moves ---------------------------------------------------------------------


def verhuizingen_in(gemeente: Gemeente, maand: Maand) -> list[HH.Verhuizing]:
    """Households that moved in the month (persons at the move: the composition plus
    nareizigers who arrived by then) and nareizigers who joined a moved household in the month,
    plus what is left of reduced households (anonymous counts). Four queries."""
    van, tot = maand.eerste_dag, maand.laatste_dag
    uitkomst: list[HH.Verhuizing] = []
    verhuisd = Huishouden.objects.filter(
        gemeente=gemeente, status=HH.Status.VERHUISD, sleuteldatum__range=(van, tot)
    ).prefetch_related("gebeurtenissen")
    for h in verhuisd:
        later = sum(
            g.personen
            for g in h.gebeurtenissen.all()
            if g.soort == Soort.NAREIZIGERS and g.datum > h.sleuteldatum
        )
        uitkomst.append(HH.Verhuizing(h.route, h.corporatie_id, h.grootte - later, 1))
    for g in HuishoudenGebeurtenis.objects.filter(
        huishouden__gemeente=gemeente,
        soort=Soort.NAREIZIGERS,
        datum__range=(van, tot),
        huishouden__status=HH.Status.VERHUISD,
    ).select_related("huishouden"):
        if g.datum > g.huishouden.sleuteldatum:
            uitkomst.append(
                HH.Verhuizing(g.huishouden.route, g.huishouden.corporatie_id, g.personen, 0)
            )
    for t in HuishoudenTelling.objects.filter(
        gemeente=gemeente, maand=van, status__in=["verhuisd", "nareizigers"]
    ):
        woningen = t.huishoudens if t.status == "verhuisd" else 0
        uitkomst.append(HH.Verhuizing(t.route, t.corporatie_id, t.personen, woningen))
    return uitkomst


AFGELEID = "Afgeleid uit de verhuizingen per huishouden"


def maand_afleiden(gemeente: Gemeente, maand: Maand, *, door, vandaag: date | None = None) -> int:
    regels = HH.realisatie_uit_verhuizingen(verhuizingen_in(gemeente, maand))
    return afgeleid.afgeleide_realisatie_vastleggen(
        gemeente=gemeente, maand=maand, regels_in=regels, door=door, reden=AFGELEID, vandaag=vandaag
    )


def afleiden_als_per_huishouden(gemeente: Gemeente, maand: Maand, *, door, vandaag=None) -> int:
    if not afgeleid.per_huishouden(gemeente, maand):
        return 0
    return maand_afleiden(gemeente, maand, door=door, vandaag=vandaag)


@transaction.atomic
def invoerwijze_kiezen(
    *,
    gemeente: Gemeente,
    maand: Maand,
    per_huishouden: bool,
    door,
    reden: str | None = None,
    vandaag: date | None = None,
) -> bool:
    """Keep the month per household (its realisation is derived from the moves now and after
    every move) or as typed totals again (the derived rows stay, now editable)."""
    vandaag = vandaag or timezone.localdate()
    fout = afgeleid.controleer_maand(maand, vandaag)
    if fout:
        raise _fout("maand", fout)
    tekst = (reden or "").strip() or (
        "Maand per huishouden bijgehouden" if per_huishouden else "Maand weer met totalen"
    )
    gewijzigd = afgeleid.invoerwijze_zetten(
        gemeente=gemeente, maand=maand, per_huishouden=per_huishouden, door=door, reden=tekst
    )
    if gewijzigd and per_huishouden:
        maand_afleiden(gemeente, maand, door=door, vandaag=vandaag)
    if gewijzigd:  # the forecast's bezetting may now come from the pipeline, or no longer
        herberekening_aanvragen(gemeente.pk)
    return gewijzigd


# --- privacy ------------------------------------------------------------------------------------


def inzage_vastleggen(
    *, gebruiker, gemeente: Gemeente, wat: str, huishouden: Huishouden | None = None, aantal=0
) -> None:
    """Every view of household rows is logged: who, when, which gemeente, what."""
    Huishoudeninzage.objects.create(
        gebruiker=gebruiker if getattr(gebruiker, "is_authenticated", False) else None,
        gemeente=gemeente,
        wat=wat,
        huishouden_id_ref=huishouden.pk if huishouden else None,
        aantal=aantal if huishouden is None else 1,
    )


def _telling_status(h: Huishouden) -> str:
    return "verhuisd" if h.status == HH.Status.VERHUISD else "uitgevallen"


@transaction.atomic
def bewaartermijn_toepassen(*, vandaag: date | None = None, maanden: int | None = None) -> int:
    """Reduce households whose move or drop-out is more than ``maanden`` (the setting
    HUISHOUDEN_BEWAARTERMIJN_MAANDEN) months ago to anonymous counts per gemeente, month,
    status, route, corporatie and size class; the households and their events are deleted.
    The realisation rows derived from them stay as they are. Returns the number reduced."""
    vandaag = vandaag or timezone.localdate()
    maanden = maanden or settings.HUISHOUDEN_BEWAARTERMIJN_MAANDEN
    grens = Maand.van(vandaag).plus(-maanden).eerste_dag
    # Day precision: a move on 15 March 2024 is reduced from 15 March 2026 (24 months).
    try:
        grens = grens.replace(day=vandaag.day)
    except ValueError:
        grens = Maand.van(grens).laatste_dag
    oud = list(
        Huishouden.objects.select_for_update()
        .filter(status__in=[HH.Status.VERHUISD, HH.Status.UITGEVALLEN], einddatum__lte=grens)
        .prefetch_related("gebeurtenissen")
        .order_by("pk")
    )
    if not oud:
        return 0
    tellingen: dict[tuple, list[int]] = {}

    def tel(gemeente_id, maand, status, route, corporatie_id, klasse, huishoudens, personen):
        sleutel = (gemeente_id, maand, status, route, corporatie_id, klasse)
        rij = tellingen.setdefault(sleutel, [0, 0])
        rij[0] += huishoudens
        rij[1] += personen

    for h in oud:
        later = [
            g
            for g in h.gebeurtenissen.all()
            if g.soort == Soort.NAREIZIGERS and h.sleuteldatum and g.datum > h.sleuteldatum
        ]
        personen = h.grootte - sum(g.personen for g in later)
        corporatie_id = h.corporatie_id if h.status == HH.Status.VERHUISD else None
        maand = Maand.van(h.einddatum).eerste_dag
        klasse = HH.grootteklasse(personen)
        tel(h.gemeente_id, maand, _telling_status(h), h.route, corporatie_id, klasse, 1, personen)
        for g in later:
            tel(
                h.gemeente_id,
                Maand.van(g.datum).eerste_dag,
                "nareizigers",
                h.route,
                corporatie_id,
                klasse,
                0,
                g.personen,
            )
    for (gemeente_id, maand, status, route, corporatie_id, klasse), (n, p) in tellingen.items():
        rij, _ = HuishoudenTelling.objects.select_for_update().get_or_create(
            gemeente_id=gemeente_id,
            maand=maand,
            status=status,
            route=route,
            corporatie_id=corporatie_id,
            grootteklasse=klasse,
        )
        rij.huishoudens += n
        rij.personen += p
        rij.save()
    Huishouden.objects.filter(pk__in=[h.pk for h in oud]).delete()
    return len(oud)
