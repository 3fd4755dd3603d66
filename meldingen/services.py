"""Detecting events and writing the notification rows (issue 16).

Every event has a stable key; ``melden`` writes one row per user who may see the gemeente
(``organisaties.toegang.gebruikers_die_zien``) and has the kind switched on, and the unique
constraint on (user, key) drops a row that exists already: a detector may run as often as it
likes. The verdict is read from the stored snapshots (``mijlpalen[].oordeel``), never computed
here.

Keys:

- ``oordeel:<cbs>:<mijlpaal>:<naar>:<dag>``: a verdict got worse (or better) *to* ``naar`` on
  that day; a verdict that flips back and forth within a day gives the same key, so it is sent
  once;
- ``kans:<cbs>:<mijlpaal>:<dag>``: the probability fell below the user's own threshold;
- ``maand:<cbs>:<JJJJ-MM>``: the month was not entered by the 10th of the next month;
- ``huishoudens:<cbs>:<norm>:<dag>``: households (counted, never named) passed the 10- or
  12-week norm on that day;
- ``bijstelling:<id>``: a quota was revised;
- ``amv21:<cbs>:<geboortemaand>``: AMV'ers (counted) turn 21 within three months;
- ``har:<cbs>:<maand>``: people who entered the HAR in that month stay past six months;
- ``plafond:<cbs>:<corporatie>:<JJJJ-MM>``: a corporatie's share of mutaties to VH in that
  month was above the cap agreed with the gemeente (only to users who see that corporatie's
  supply: never to another corporatie);
- ``coa:<cbs>:<JJJJ-Hn>:<publicatiedatum>``: COA's count of the half-year in that overview
  differs from the gemeente's own by more than ``MELDINGEN_COA_DREMPEL`` persons.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from fractions import Fraction

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Sum
from django.urls import reverse
from django.utils import timezone

from bemiddeling.models import Aanbod, Huishouden, Verdeelafspraak
from kern import aanbod as regels_aanbod
from kern import huishoudens as HH
from kern import opmaak
from kern.perioden import Halfjaar, Maand
from meldingen import soorten
from meldingen.models import Melding, Oordeelstand, Soort, Status, Wijze
from organisaties import toegang
from organisaties.models import Corporatie, Gemeente
from prognose import selectors as prognose_selectors
from prognose.rekenen.oordeel import NIET_HAALBAAR, OP_KOERS, RISICO
from prognose.rekenen.signalen import PROBLEEM
from taakstelling.models import AmvCohort, Bijstelling, Maandrapportage, Realisatie
from taakstelling.officieel.models import CoaHalfjaar

logger = logging.getLogger(__name__)

RANG = {OP_KOERS: 0, RISICO: 1, NIET_HAALBAAR: 2}  # 'onbekend' is no step on this scale


def melden(
    gemeente: Gemeente,
    soort: str,
    sleutel: str,
    *,
    titel: str,
    tekst: str,
    link: str,
    gegevens: dict | None = None,
    voor: Callable[[object, soorten.Keuze], bool] | None = None,
    voor_totalen: tuple[str, str] | None = None,
) -> int:
    """One row per user who may see ``gemeente`` and has ``soort`` on (and passes ``voor``).
    ``voor_totalen``: the (titel, tekst) for users who see the gemeente's households only as
    totals (small counts hidden, ``toegang.huishoudeninzicht``). Returns the number of new
    rows; rows that exist already are left as they are."""
    rijen = []
    for user in toegang.gebruikers_die_zien(gemeente):
        keuze = soorten.keuzes(user)[soort]
        if keuze.wijze == Wijze.UIT or (voor is not None and not voor(user, keuze)):
            continue
        t, x = titel, tekst
        if voor_totalen and toegang.huishoudeninzicht(user, gemeente) != (
            toegang.Huishoudeninzicht.VOLLEDIG
        ):
            t, x = voor_totalen
        rijen.append(
            Melding(
                user=user,
                sleutel=sleutel,
                soort=soort,
                gemeente=gemeente,
                titel=t,
                tekst=x,
                link=link,
                gegevens=gegevens or {},
                wijze=keuze.wijze,
                status=Status.NIEUW if user.email else Status.GEEN_MAIL,
            )
        )
    if not rijen:
        return 0
    bestaand = set(
        Melding.objects.filter(sleutel=sleutel, user_id__in=[r.user_id for r in rijen]).values_list(
            "user_id", flat=True
        )
    )
    nieuw = [r for r in rijen if r.user_id not in bestaand]
    Melding.objects.bulk_create(nieuw, ignore_conflicts=True)
    if any(r.wijze == Wijze.DIRECT and r.status == Status.NIEUW for r in nieuw):
        transaction.on_commit(_direct_versturen)
    return len(nieuw)


def _direct_versturen() -> None:
    """After the commit: ask a worker to send the direct mails (the beat sweep catches up when
    the broker is away)."""
    from meldingen import tasks

    try:
        tasks.verstuur_directe_meldingen.delay()
    except Exception as exc:  # a broker outage never fails the save
        logger.warning("meldingen niet aangeboden aan de worker (%s)", type(exc).__name__)


# --- the verdict and the probability, compared with the stand seen last --------------------


def _procent(kans: float | None) -> str:
    return "onbekend" if kans is None else f"{round(kans * 100)}%"


def oordelen_vergelijken(gemeente_ids: Iterable[int] | None = None, *, vandaag=None) -> int:
    """Compare the verdict and probability of every milestone in the current basis snapshot of
    these gemeenten (None: all) with the stand seen last; write the events; keep the new stand.
    A fixed number of queries when nothing changed (the recompute's budget), a few per event.
    Returns the number of notification rows written."""
    vandaag = vandaag or timezone.localdate()
    oordelen = prognose_selectors.mijlpaaloordelen(gemeente_ids)
    standen = {
        (s.gemeente_id, s.mijlpaal): s
        for s in Oordeelstand.objects.filter(gemeente_id__in={o.gemeente_id for o in oordelen})
    }
    nieuw, gewijzigd, gemeenten = [], [], {}
    geschreven = 0
    for o in oordelen:
        stand = standen.get((o.gemeente_id, o.datum))
        if stand is None:
            nieuw.append(
                Oordeelstand(
                    gemeente_id=o.gemeente_id,
                    mijlpaal=o.datum,
                    status=o.status,
                    kans=o.kans,
                    snapshot_id=o.snapshot_id,
                )
            )
            continue
        if (stand.status, stand.kans) == (o.status, o.kans):
            continue
        if o.gemeente_id not in gemeenten:
            gemeenten[o.gemeente_id] = Gemeente.objects.select_related("provincie").get(
                pk=o.gemeente_id
            )
        gemeente = gemeenten[o.gemeente_id]
        geschreven += _oordeel_gebeurtenis(gemeente, o, stand.status, vandaag)
        geschreven += _kans_gebeurtenis(gemeente, o, stand.kans, vandaag)
        stand.status, stand.kans, stand.snapshot_id = o.status, o.kans, o.snapshot_id
        gewijzigd.append(stand)
    if nieuw:
        Oordeelstand.objects.bulk_create(nieuw, ignore_conflicts=True)
    if gewijzigd:
        Oordeelstand.objects.bulk_update(gewijzigd, ["status", "kans", "snapshot_id"])
    return geschreven


def _oordeel_gebeurtenis(gemeente, m, was: str, vandaag: date) -> int:
    wordt = m.status
    if was == wordt or was not in RANG or wordt not in RANG:
        return 0
    slechter = RANG[wordt] > RANG[was]
    mijlpaal = opmaak.datum_lang(m.datum)
    return melden(
        gemeente,
        Soort.OORDEEL_SLECHTER if slechter else Soort.OORDEEL_BETER,
        f"oordeel:{gemeente.cbs_code}:{m.datum.isoformat()}:{wordt}:{vandaag.isoformat()}",
        titel=f"{gemeente.naam}: mijlpaal {mijlpaal} van {was} naar {wordt}",
        tekst=(
            f"Het oordeel over de mijlpaal van {mijlpaal} (doel {m.doel} personen) is "
            f"{'verslechterd' if slechter else 'verbeterd'} van {was} naar {wordt}. "
            f"{m.reden}"
        ),
        link=reverse("prognose", args=[gemeente.cbs_code]),
        gegevens={"mijlpaal": m.datum.isoformat(), "van": was, "naar": wordt},
    )


def _kans_gebeurtenis(gemeente, m, was: float | None, vandaag) -> int:
    wordt = m.kans
    if was is None or wordt is None or wordt >= was:
        return 0

    def voor(user, keuze) -> bool:
        drempel = keuze.kansdrempel / 100
        return was >= drempel > wordt

    mijlpaal = opmaak.datum_lang(m.datum)
    return melden(
        gemeente,
        Soort.KANS_ONDER_DREMPEL,
        f"kans:{gemeente.cbs_code}:{m.datum.isoformat()}:{vandaag.isoformat()}",
        titel=f"{gemeente.naam}: kans op de mijlpaal {mijlpaal} gezakt naar {_procent(wordt)}",
        tekst=(
            f"De kans dat de mijlpaal van {mijlpaal} (doel {m.doel} personen) wordt gehaald, "
            f"is gezakt van {_procent(was)} naar {_procent(wordt)}, onder uw drempel."
        ),
        link=reverse("prognose", args=[gemeente.cbs_code]),
        gegevens={"mijlpaal": m.datum.isoformat(), "van": was, "naar": wordt},
        voor=voor,
    )


# --- months not entered by the 10th of the next month --------------------------------------

TERMIJN_DAG = 10


def maanden_controleren(vandaag: date | None = None) -> int:
    """A gemeente that enters its months (it has at least one) and has not entered the previous
    month by the 10th of this month (or the month before that at all). Returns rows written."""
    vandaag = vandaag or timezone.localdate()
    deze = Maand.van(vandaag)
    maanden = [deze.plus(-2)]
    if vandaag.day > TERMIJN_DAG:
        maanden.append(deze.plus(-1))
    eerste = dict(
        Maandrapportage.objects.values("gemeente_id")
        .order_by()
        .annotate(e=Min("maand"))
        .values_list("gemeente_id", "e")
    )
    ingevuld = set(
        Maandrapportage.objects.filter(
            gemeente_id__in=list(eerste), maand__in=[m.eerste_dag for m in maanden]
        ).values_list("gemeente_id", "maand")
    )
    geschreven = 0
    for gemeente in Gemeente.objects.filter(pk__in=list(eerste)).select_related("provincie"):
        for m in maanden:
            if m.eerste_dag < eerste[gemeente.pk] or (gemeente.pk, m.eerste_dag) in ingevuld:
                continue
            termijn = m.plus(1).eerste_dag.replace(day=TERMIJN_DAG)
            geschreven += melden(
                gemeente,
                Soort.MAAND_ONTBREEKT,
                f"maand:{gemeente.cbs_code}:{m}",
                titel=f"{gemeente.naam}: {m.naam} is nog niet ingevuld",
                tekst=(
                    f"De cijfers van {m.naam} stonden op {opmaak.datum_lang(termijn)} nog niet in "
                    "de monitor. Een maand zonder cijfers telt niet als nul: de prognose schat "
                    "hem, en het oordeel kan daardoor niet beter zijn dan risico."
                ),
                link=reverse("realisatie", args=[gemeente.cbs_code, str(m)]),
                gegevens={"maand": str(m)},
            )
    return geschreven


# --- households past the 10- or 12-week norm (counts, never a household) -------------------

# The norm days looked at: today and yesterday. The beat runs every quarter of an hour, so a
# missed run is caught up; a longer look back would flood a first run with one mail per day.
TERUGKIJKEN = timedelta(days=2)
NORMEN = (
    ("contract", HH.NORM_CONTRACT, (HH.Status.GEKOPPELD, HH.Status.AANGEBODEN), "10 weken"),
    ("verhuizing", HH.NORM_VERHUIZING, HH.WACHTEND, "12 weken"),
)


def huishoudens_controleren(vandaag: date | None = None) -> int:
    """Per gemeente, per norm, per day: how many still-waiting households passed the norm that
    day (today or yesterday). Counts only: no household is named or linked."""
    vandaag = vandaag or timezone.localdate()
    geschreven = 0
    for norm, termijn, statussen, woorden in NORMEN:
        tot = vandaag - termijn
        rijen = Counter(
            Huishouden.objects.filter(
                status__in=list(statussen), koppeldatum__gt=tot - TERUGKIJKEN, koppeldatum__lte=tot
            ).values_list("gemeente_id", "koppeldatum")
        )
        if not rijen:
            continue
        gemeenten = Gemeente.objects.in_bulk({g for g, _ in rijen})
        for (g_id, koppeldatum), aantal in sorted(rijen.items()):
            gemeente = gemeenten[g_id]
            dag = koppeldatum + termijn
            wat = "zonder huurcontract" if norm == "contract" else "nog niet verhuisd"

            def zinnen(n: str, enkel: bool, gemeente=gemeente, dag=dag, woorden=woorden, wat=wat):
                hh = f"{n} {'huishouden' if enkel else 'huishoudens'}"
                return (
                    f"{gemeente.naam}: {hh} {woorden} na de koppeling {wat}",
                    f"Op {opmaak.datum_lang(dag)} {'was' if enkel else 'waren'} {hh} {woorden} "
                    f"gekoppeld aan {gemeente.naam} en {wat}.",
                )

            titel, tekst = zinnen(str(aantal), aantal == 1)
            geschreven += melden(
                gemeente,
                Soort.HUISHOUDEN_NORM,
                f"huishoudens:{gemeente.cbs_code}:{norm}:{dag.isoformat()}",
                titel=titel,
                tekst=tekst,
                # The province, the taskforce, the beheerder: a count below 5 as "<5" (AVG).
                voor_totalen=zinnen(HH.verberg_klein(aantal), False),
                link=reverse("huishoudens", args=[gemeente.cbs_code]),
                gegevens={"norm": norm, "aantal": aantal, "dag": dag.isoformat()},
            )
    return geschreven


# --- a quota revised -----------------------------------------------------------------------


def bijstelling_melden(bijstelling: Bijstelling) -> int:
    t = bijstelling.taakstelling
    gemeente = Gemeente.objects.select_related("provincie").get(pk=t.gemeente_id)
    return melden(
        gemeente,
        Soort.TAAKSTELLING_BIJGESTELD,
        f"bijstelling:{bijstelling.pk}",
        titel=(
            f"{gemeente.naam}: taakstelling {t.halfjaar.naam} bijgesteld naar {bijstelling.aantal}"
        ),
        tekst=(
            f"De taakstelling van {gemeente.naam} voor {t.halfjaar.naam} is per "
            f"{opmaak.datum_lang(bijstelling.datum)} bijgesteld van {t.aantal} naar "
            f"{bijstelling.aantal} personen. Reden: {bijstelling.reden}"
        ),
        link=reverse("taakstelling", args=[gemeente.cbs_code]),
        gegevens={"halfjaar": str(t.halfjaar), "aantal": bijstelling.aantal},
    )


# --- AMV'ers turning 21 within three months (counts per birth month, never a person) -------

AMV_LEEFTIJD = 21
AMV_VOORUIT_MAANDEN = 3


def amv_controleren(vandaag: date | None = None) -> int:
    """Per gemeente and birth month: the AMV'ers housed there who turn 21 in this month or the
    next three (the gemeente stays responsible for their outflow, R11). Once per cohort."""
    vandaag = vandaag or timezone.localdate()
    deze = Maand.van(vandaag)
    van = deze.plus(-12 * AMV_LEEFTIJD).eerste_dag
    tot = deze.plus(AMV_VOORUIT_MAANDEN - 12 * AMV_LEEFTIJD).eerste_dag
    per = Counter()
    for g_id, geboren, aantal in AmvCohort.objects.filter(
        geboortemaand__gte=van, geboortemaand__lte=tot
    ).values_list("gemeente_id", "geboortemaand", "aantal"):
        per[(g_id, geboren)] += aantal
    if not per:
        return 0
    gemeenten = Gemeente.objects.select_related("provincie").in_bulk({g for g, _ in per})
    geschreven = 0
    for (g_id, geboren), aantal in sorted(per.items()):
        gemeente = gemeenten[g_id]
        maand = Maand.van(geboren).plus(12 * AMV_LEEFTIJD)
        wie = opmaak.aantal(aantal, "AMV'er", "AMV'ers")
        geschreven += melden(
            gemeente,
            Soort.AMV_21,
            f"amv21:{gemeente.cbs_code}:{Maand.van(geboren)}",
            titel=f"{gemeente.naam}: {wie} {'wordt' if aantal == 1 else 'worden'} in "
            f"{maand.naam} 21 jaar",
            tekst=(
                f"In {maand.naam} {'wordt' if aantal == 1 else 'worden'} {wie} die in "
                f"{gemeente.naam} {'is' if aantal == 1 else 'zijn'} gehuisvest 21 jaar. De "
                "gemeente blijft verantwoordelijk voor hun uitstroom naar een eigen woning."
            ),
            link=reverse("taakstelling_amv", args=[gemeente.cbs_code]),
            gegevens={"maand": str(maand), "aantal": aantal},
        )
    return geschreven


# --- a HAR stay past six months (the flag stored in the snapshot, R11) ----------------------


def har_controleren() -> int:
    """Per gemeente and month of entry: people in the HAR for more than six months (the period
    the Rijk pays), as the recompute flagged it in the current snapshot. Once per cohort."""
    signalen = [
        s for s in prognose_selectors.snapshotsignalen("har") if s.ernst == PROBLEEM and s.maand
    ]
    if not signalen:
        return 0
    gemeenten = Gemeente.objects.select_related("provincie").in_bulk(
        {s.gemeente_id for s in signalen}
    )
    geschreven = 0
    for s in signalen:
        gemeente = gemeenten[s.gemeente_id]
        geschreven += melden(
            gemeente,
            Soort.HAR_ZES_MAANDEN,
            f"har:{gemeente.cbs_code}:{s.maand}",
            titel=f"{gemeente.naam}: langer dan zes maanden in de HAR sinds "
            f"{opmaak.maand(s.maand)}",
            tekst=s.tekst,
            link=reverse("gemeente", args=[gemeente.cbs_code]),
            gegevens={"maand": s.maand},
        )
    return geschreven


# --- a corporatie's share of mutaties to VH above the agreed cap (R9) ----------------------

PLAFOND_MAANDEN = 3  # the last three complete months: a month entered late is still caught


def _plafonds(gemeente_ids) -> tuple[dict, dict]:
    """The caps to VH (``Verdeelafspraak`` PLAFOND_VH) per gemeente: the general ones, and per
    (gemeente, corporatie) its own, which replace the general ones for that corporatie (as on
    the dashboard, ``rapportage.selectors.aanbod_per_corporatie``)."""
    algemeen: dict[int, list] = defaultdict(list)
    eigen: dict[tuple[int, int], list] = defaultdict(list)
    for g, c, teller, noemer, vanaf, tot in Verdeelafspraak.objects.filter(
        gemeente_id__in=list(gemeente_ids), soort=Verdeelafspraak.Soort.PLAFOND_VH
    ).values_list("gemeente_id", "corporatie_id", "teller", "noemer", "geldig_vanaf", "geldig_tot"):
        a = regels_aanbod.Aandeel(Fraction(teller, noemer), vanaf, tot)
        (algemeen[g] if c is None else eigen[(g, c)]).append(a)
    return algemeen, eigen


def plafond_controleren(vandaag: date | None = None) -> int:
    """Per gemeente, corporatie and month (the last three complete ones): the share of the
    month's mutaties allocated to VH above the cap in force (day-weighted in a month the cap
    changes, ``kern.aanbod``). A month without a cap, or without mutaties, is no event."""
    vandaag = vandaag or timezone.localdate()
    deze = Maand.van(vandaag)
    rijen = list(
        Aanbod.objects.filter(
            maand__gte=deze.plus(-PLAFOND_MAANDEN).eerste_dag,
            maand__lt=deze.eerste_dag,
            toegewezen_vh__gt=0,
        )
        .order_by("gemeente_id", "maand", "corporatie_id")
        .values_list("gemeente_id", "corporatie_id", "maand", "mutaties", "toegewezen_vh")
    )
    if not rijen:
        return 0
    algemeen, eigen = _plafonds({r[0] for r in rijen})
    boven = []
    for g_id, c_id, dag, mutaties, naar_vh in rijen:
        m = Maand.van(dag)
        aandelen = eigen.get((g_id, c_id)) or algemeen.get(g_id, [])
        n = regels_aanbod.naleving(mutaties, naar_vh, regels_aanbod.aandeel_in_maand(m, aandelen))
        if n.binnen_plafond is False:
            boven.append((g_id, c_id, m, mutaties, naar_vh, n))
    if not boven:
        return 0
    gemeenten = Gemeente.objects.select_related("provincie").in_bulk({b[0] for b in boven})
    corporaties = Corporatie.objects.in_bulk({b[1] for b in boven})
    geschreven = 0
    for g_id, c_id, m, mutaties, naar_vh, n in boven:
        gemeente, corporatie = gemeenten[g_id], corporaties[c_id]

        def eigen_of_alle(user, keuze, gemeente=gemeente, corporatie=corporatie) -> bool:
            # A corporatie sees only its own supply figures, never another corporatie's.
            alleen = toegang.zichtbare_aanbod_corporaties(user, gemeente)
            return alleen is None or corporatie.pk in alleen

        geschreven += melden(
            gemeente,
            Soort.PLAFOND_VH,
            f"plafond:{gemeente.cbs_code}:{corporatie.slug}:{m}",
            titel=(
                f"{gemeente.naam}: {corporatie.naam} boven het plafond voor vergunninghouders "
                f"in {m.naam}"
            ),
            tekst=(
                f"{corporatie.naam} wees in {m.naam} in {gemeente.naam} "
                f"{opmaak.aantal(naar_vh, 'woning', 'woningen')} van de {mutaties} "
                f"vrijgekomen sociale huurwoningen toe aan vergunninghouders: "
                f"{opmaak.procent(n.aandeel_vh, 1)}. Het afgesproken plafond is "
                f"{opmaak.procent(n.plafond, 1)}."
            ),
            link=reverse("gemeente", args=[gemeente.cbs_code]),
            gegevens={
                "corporatie": corporatie.slug,
                "corporatie_id": corporatie.pk,
                "maand": str(m),
                "mutaties": mutaties,
                "toegewezen_vh": naar_vh,
            },
            voor=eigen_of_alle,
        )
    return geschreven


# --- the own count of a half-year against COA's, above a threshold -------------------------

COA_TERUGKIJKEN = timedelta(days=183)  # COA's overviews of the last half-year


def coa_controleren(vandaag: date | None = None) -> int:
    """Per gemeente and half-year, COA's newest overview published in the last half-year:
    its count of persons housed against the gemeente's own (persons counting for the quota)
    over the months of the half-year that had ended on the publication date, as on the
    afstemming page. A month the gemeente did not enter makes the own count unknown (missing
    is not zero): no event. An event when the difference exceeds ``MELDINGEN_COA_DREMPEL``."""
    vandaag = vandaag or timezone.localdate()
    drempel = settings.MELDINGEN_COA_DREMPEL
    nieuwste: dict[tuple[int, int, int], CoaHalfjaar] = {}
    for c in CoaHalfjaar.objects.filter(
        publicatiedatum__gt=vandaag - COA_TERUGKIJKEN,
        publicatiedatum__lte=vandaag,
        gerealiseerd__isnull=False,
    ).order_by("publicatiedatum"):
        nieuwste[(c.gemeente_id, c.jaar, c.helft)] = c  # the newest one wins
    if not nieuwste:
        return 0
    # The months of each half-year that had ended on the publication date.
    maanden = {
        k: [m for m in Halfjaar(k[1], k[2]).maanden if m.laatste_dag <= c.publicatiedatum]
        for k, c in nieuwste.items()
    }
    alle = {m.eerste_dag for ms in maanden.values() for m in ms}
    if not alle:
        return 0
    gemeente_ids = {k[0] for k in nieuwste}
    ingevuld = set(
        Maandrapportage.objects.filter(
            gemeente_id__in=gemeente_ids, maand__in=list(alle)
        ).values_list("gemeente_id", "maand")
    )
    tellend = {
        (g, m): n
        for g, m, n in Realisatie.objects.filter(gemeente_id__in=gemeente_ids, maand__in=list(alle))
        .order_by()
        .values_list("gemeente_id", "maand")
        .annotate(n=Sum("personen_tellend"))
    }
    gemeenten = Gemeente.objects.select_related("provincie").in_bulk(gemeente_ids)
    geschreven = 0
    for (g_id, jaar, helft), coa in sorted(nieuwste.items()):
        ms = maanden[(g_id, jaar, helft)]
        if not ms or any((g_id, m.eerste_dag) not in ingevuld for m in ms):
            continue
        eigen = sum(tellend.get((g_id, m.eerste_dag), 0) for m in ms)
        verschil = coa.gerealiseerd - eigen
        if abs(verschil) <= drempel:
            continue
        gemeente, halfjaar = gemeenten[g_id], Halfjaar(jaar, helft)
        # COA's overview halfway the half-year counts the months up to its publication.
        periode = (
            f"in de {halfjaar.naam}"
            if len(ms) == len(halfjaar.maanden)
            else f"van {ms[0].naam} tot en met {ms[-1].naam}"
        )
        meer = opmaak.aantal(abs(verschil), "persoon", "personen")
        geschreven += melden(
            gemeente,
            Soort.COA_VERSCHIL,
            f"coa:{gemeente.cbs_code}:{halfjaar}:{coa.publicatiedatum.isoformat()}",
            titel=(
                f"{gemeente.naam}: het COA telt {meer} {'meer' if verschil > 0 else 'minder'} "
                f"in de {halfjaar.naam}"
            ),
            tekst=(
                f"Volgens het overzicht van het COA van "
                f"{opmaak.datum_lang(coa.publicatiedatum)} zijn {periode} "
                f"{opmaak.aantal(coa.gerealiseerd, 'persoon', 'personen')} gehuisvest; de "
                f"gemeente telt er zelf {opmaak.getal(eigen)}. Het verschil is "
                f"{opmaak.getal(abs(verschil))}, meer dan de drempel van "
                f"{opmaak.getal(drempel)}. De afstemming toont per maand de waarschijnlijke "
                "oorzaak."
            ),
            link=reverse("afstemming", args=[gemeente.cbs_code]) + f"?halfjaar={halfjaar}",
            gegevens={
                "halfjaar": str(halfjaar),
                "publicatiedatum": coa.publicatiedatum.isoformat(),
                "eigen": eigen,
                "coa": coa.gerealiseerd,
            },
        )
    return geschreven


def alles_controleren(vandaag: date | None = None) -> dict[str, int]:
    """The beat task and ``manage.py signalen_versturen``: every detector once."""
    return {
        "oordelen": oordelen_vergelijken(vandaag=vandaag),
        "maanden": maanden_controleren(vandaag),
        "huishoudens": huishoudens_controleren(vandaag),
        "amv": amv_controleren(vandaag),
        "har": har_controleren(),
        "plafond": plafond_controleren(vandaag),
        "coa": coa_controleren(vandaag),
    }
