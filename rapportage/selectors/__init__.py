"""Database reads of the dashboards, the meeting pack, the exports and the API.

The first layer of ``rapportage``: queries -> frames (pandas, ``frames.py``)
-> charts (plotly figure dicts, ``charts.py``) -> views and exports. Everything here returns
plain values (rule dataclasses, tuples); the arithmetic stays in the pure rules. Callers pass
gemeenten and provincies they got from ``organisaties.toegang``; every function costs a fixed
number of queries, also the province's, whatever the number of gemeenten.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractYear

from bemiddeling.models import Verdeelafspraak
from bemiddeling.selectors import Planraster, bezetting_van, plan_op, planraster
from kern import aanbod as regels_aanbod
from kern import regels
from kern.perioden import Halfjaar, Maand, maanden
from organisaties import toegang
from organisaties.models import Corporatie, Gemeente, Provincie
from prognose import selectors as prognose_selectors
from prognose import services
from prognose.rekenen.gegevens import Prognose
from rapportage.selectors import samen
from rapportage.selectors.samen import Tredestand
from rapportage.selectors.stand import Positie, positie_uit
from taakstelling.models import (
    IbtStatus,
    Maandrapportage,
    Openingssaldo,
    Realisatie,
    Taakstelling,
)

# --- the forecast at a peildatum ------------------------------------------------------------


@dataclass(frozen=True)
class Voorspelling:
    """The forecast a page shows, and where it comes from."""

    prognose: Prognose
    bron: str  # "snapshot" (computed by the worker) or "live" (computed for this page)
    actualiteit: prognose_selectors.Actualiteit


def prognose_op(gemeente: Gemeente, peildatum: date) -> Voorspelling:
    """The newest snapshot when it is for this peildatum, else computed now (not saved)."""
    snapshot, status = prognose_selectors.nieuwste_snapshot_en_status(gemeente)
    actualiteit = prognose_selectors.actualiteit(snapshot, status)
    if snapshot is not None and snapshot.peildatum == peildatum:
        return Voorspelling(snapshot.prognose(), "snapshot", actualiteit)
    return Voorspelling(services.prognose(gemeente, peildatum=peildatum), "live", actualiteit)


# --- one gemeente ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Realisatiemaand:
    """Counted figures of one month, or missing (``ingevoerd`` False: not zero)."""

    maand: Maand
    ingevoerd: bool
    personen_gehuisvest: int
    personen_tellend: int
    woningen: int


@dataclass(frozen=True)
class Bronrealisatie:
    maand: Maand
    bron: str
    woningen: int
    personen_tellend: int


@dataclass(frozen=True)
class Corporatieaanbod:
    """Supply of one corporatie over a range of months, with the shares agreed for it."""

    corporatie: str
    slug: str
    maanden_met_cijfers: int
    maanden: int
    mutaties: int
    toegewezen_urgenten: int
    toegewezen_vh: int
    # What the agreements allowed over the months with figures (day-weighted per month):
    verwacht_urgenten: Fraction | None  # mutaties x agreed share to urgenten
    maximum_vh: Fraction | None  # mutaties x cap; None: no cap agreed
    capaciteit_vh: Fraction | None  # mutaties x share urgenten x share VH (never above cap)
    illustratief: bool

    @property
    def aandeel_urgenten(self) -> Fraction | None:
        return None if not self.mutaties else Fraction(self.toegewezen_urgenten, self.mutaties)

    @property
    def aandeel_vh(self) -> Fraction | None:
        return None if not self.mutaties else Fraction(self.toegewezen_vh, self.mutaties)

    @property
    def afgesproken_urgenten(self) -> Fraction | None:
        if not self.mutaties or self.verwacht_urgenten is None:
            return None
        return self.verwacht_urgenten / self.mutaties

    @property
    def plafond(self) -> Fraction | None:
        if not self.mutaties or self.maximum_vh is None:
            return None
        return self.maximum_vh / self.mutaties

    @property
    def boven_plafond(self) -> bool | None:
        if self.maximum_vh is None or not self.mutaties:
            return None
        return self.toegewezen_vh > self.maximum_vh


@dataclass
class Gemeentegegevens:
    gemeente: Gemeente
    peildatum: date
    positie: Positie
    voorspelling: Voorspelling
    realisatie: list[Realisatiemaand]  # from the first milestone's start up to the peildatum
    per_bron: list[Bronrealisatie]
    raster: Planraster | None
    aanbod: list[Corporatieaanbod]
    aanbod_van: Maand | None
    aanbod_tot: Maand | None
    treden: list[Tredestand]  # newest first
    corporaties_beperkt: bool = False  # a corporatie user sees only its own supply row
    illustratieve_maanden: frozenset[Maand] = frozenset()  # months with made-up rows
    extra: dict = field(default_factory=dict)

    @property
    def prognose(self) -> Prognose:
        return self.voorspelling.prognose

    @property
    def trede(self) -> Tredestand | None:
        return self.treden[0] if self.treden else None


def zichtbare_corporaties(user, gemeente: Gemeente) -> frozenset[int] | None:
    """None: every corporatie's supply; a set: only these (``organisaties.toegang`` decides:
    a corporatie sees its own rows, unless it also sees the gemeente through another role)."""
    return toegang.zichtbare_aanbod_corporaties(user, gemeente)


def zichtbare_signalen(prognose: Prognose, user, gemeente: Gemeente) -> Prognose:
    """The forecast without the flags about another corporatie's figures, for a corporatie
    user (a flag about the gemeente's figures, or about its own, stays). One query, only for a
    corporatie user."""
    alleen = zichtbare_corporaties(user, gemeente)
    if alleen is None or not any(s.corporatie for s in prognose.signalen):
        return prognose
    eigen = set(Corporatie.objects.filter(pk__in=alleen).values_list("slug", flat=True))
    signalen = tuple(s for s in prognose.signalen if s.corporatie in (None, *eigen))
    return replace(prognose, signalen=signalen)


def realisatiemaanden(
    rijen: list[regels.Realisatieregel], ingevoerd: set[Maand], van: Maand, tot: Maand
) -> list[Realisatiemaand]:
    per: dict[Maand, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in rijen:
        t = per[r.maand]
        t[0] += r.personen_gehuisvest
        t[1] += r.personen_tellend
        t[2] += r.woningen
    return (
        [Realisatiemaand(m, m in ingevoerd, *per.get(m, (0, 0, 0))) for m in maanden(van, tot)]
        if van <= tot
        else []
    )


def treden(gemeente_ids: list[int]) -> dict[int, list[Tredestand]]:
    """IBT history per gemeente, newest first, in one query."""
    uitkomst: dict[int, list[Tredestand]] = defaultdict(list)
    for s in (
        IbtStatus.objects.filter(gemeente_id__in=gemeente_ids)
        .select_related("trede")
        .order_by("gemeente_id", "-sinds", "-vastgesteld_op")
    ):
        uitkomst[s.gemeente_id].append(
            Tredestand(
                s.trede.nummer,
                s.trede.naam,
                s.trede.kleur,
                s.sinds,
                s.reden,
                s.verschoonbaar,
                s.verschoonbaar_grond,
            )
        )
    return uitkomst


def _aandelen(afspraken: list[tuple]) -> tuple[dict, dict]:
    """The agreed shares (corporatie_id, soort, teller, noemer, vanaf, tot): the gemeente's
    general ones by kind, and per corporatie its own."""
    algemeen: dict[str, list] = defaultdict(list)
    eigen: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for c, soort, teller, noemer, vanaf, tot in afspraken:
        a = regels_aanbod.Aandeel(Fraction(teller, noemer), vanaf, tot)
        (algemeen[soort] if c is None else eigen[c][soort]).append(a)
    return algemeen, eigen


def aanbod_per_corporatie(
    gemeente: Gemeente, van: Maand, tot: Maand, alleen: frozenset[int] | None = None
) -> list[Corporatieaanbod]:
    """Supply per corporatie working in the gemeente over [van, tot], in three queries."""
    if tot < van:
        return []
    # Working areas, supply rows and agreed shares in one query (``samen.aanbodinvoer``).
    invoer = samen.aanbodinvoer(gemeente.pk, van, tot)
    rijen = invoer.rijen
    algemeen, eigen = _aandelen(invoer.afspraken)
    S = Verdeelafspraak.Soort
    per: dict[int, list] = defaultdict(list)
    namen = dict(invoer.corporaties)
    for r in rijen:
        per[r[0]].append(r)
        namen.setdefault(r[0], (r[1], r[2]))
    uitkomst = []
    for pk, (naam, slug) in sorted(namen.items(), key=lambda x: x[1][0]):
        if alleen is not None and pk not in alleen:
            continue
        soorten = {**algemeen, **eigen.get(pk, {})}
        mut = urg = vh = 0
        verwacht: Fraction | None = Fraction(0)
        maximum: Fraction | None = Fraction(0)
        capaciteit: Fraction | None = Fraction(0)
        illustratief = False
        for _, _, _, dag, mutaties, urgenten, naar_vh, ill in per.get(pk, []):
            m = Maand.van(dag)
            mut, urg, vh = mut + mutaties, urg + urgenten, vh + naar_vh
            illustratief = illustratief or ill
            a_urg = regels_aanbod.aandeel_in_maand(m, soorten.get(S.AANDEEL_URGENTEN, []))
            plafond = regels_aanbod.aandeel_in_maand(m, soorten.get(S.PLAFOND_VH, []))
            verwacht = None if verwacht is None or a_urg is None else verwacht + mutaties * a_urg
            maximum = None if maximum is None or plafond is None else maximum + mutaties * plafond
            deze = regels_aanbod.capaciteit_in_maand(
                mutaties,
                m,
                soorten.get(S.AANDEEL_URGENTEN, []),
                soorten.get(S.AANDEEL_VH, []),
                soorten.get(S.PLAFOND_VH, []),
            )
            capaciteit = None if capaciteit is None or deze is None else capaciteit + deze
        heeft = bool(per.get(pk))
        uitkomst.append(
            Corporatieaanbod(
                naam,
                slug,
                len({r[3] for r in per.get(pk, [])}),
                len(maanden(van, tot)),
                mut,
                urg,
                vh,
                verwacht if heeft else None,
                maximum if heeft else None,
                capaciteit if heeft else None,
                illustratief,
            )
        )
    return uitkomst


def per_bron_uit(
    rijen: list[regels.Realisatieregel], van: Maand, tot: Maand
) -> list[Bronrealisatie]:
    """Dwellings and counted persons per month and source (summed over corporaties), from
    the realisation rows the dashboard reads anyway (no query of its own)."""
    per: dict[tuple[Maand, str], list[int]] = {}
    for r in rijen:
        if van <= r.maand <= tot:
            t = per.setdefault((r.maand, r.bron), [0, 0])
            t[0] += r.woningen
            t[1] += r.personen_tellend
    return [Bronrealisatie(m, b, w, t) for (m, b), (w, t) in sorted(per.items())]


def gemeentegegevens(gemeente: Gemeente, peildatum: date, user) -> Gemeentegegevens:
    """Everything the gemeente dashboard and the meeting pack show to ``user``, at a peildatum
    (a corporatie: its own supply row and flags only, ``zichtbare_corporaties``).

    The position is ``stand.positie``'s, built here from rows this function needs
    anyway (realisation, entered months, plan), so each is read once."""
    # The realisation rows as ``selectors.realisatieregels`` reads them, plus which months
    # hold made-up (illustratief) rows, in the same query.
    # The entered months in the same query (``samen``); quota, opening saldo, milestones and
    # IBT history in one more.
    rijen, ingevoerd, illustratief = samen.realisatie_en_maanden(gemeente.pk)
    doelen = samen.doelen(gemeente.pk)
    plan = plan_op(gemeente, peildatum)
    pos = positie_uit(gemeente, peildatum, rijen, ingevoerd, *bezetting_van(plan), doelen)
    stand = pos.stand
    tot = stand.tot_en_met
    voorspelling = prognose_op(gemeente, peildatum)
    voorspelling = replace(
        voorspelling, prognose=zichtbare_signalen(voorspelling.prognose, user, gemeente)
    )
    starts = [m.mijlpaal.startdatum for m in stand.mijlpalen]
    van = Maand.van(min(starts)) if starts else Halfjaar.van(peildatum).eerste_maand
    raster = planraster(plan, [m.mijlpaal for m in stand.mijlpalen]) if plan else None
    eind = tot
    if raster is not None and raster.maanden:
        eind = max(tot, raster.maanden[-1])
    # Supply: the half-year of the peildatum's last full month, up to that month.
    aanbod_tot = tot
    aanbod_van = Halfjaar.van(tot.eerste_dag).eerste_maand
    alleen = zichtbare_corporaties(user, gemeente)
    return Gemeentegegevens(
        gemeente=gemeente,
        peildatum=peildatum,
        positie=pos,
        voorspelling=voorspelling,
        realisatie=realisatiemaanden(rijen, ingevoerd, van, tot),
        per_bron=per_bron_uit(rijen, van, min(tot, eind)),
        raster=raster,
        aanbod=aanbod_per_corporatie(gemeente, aanbod_van, aanbod_tot, alleen),
        aanbod_van=aanbod_van,
        aanbod_tot=aanbod_tot,
        treden=list(doelen.ibt),
        corporaties_beperkt=alleen is not None,
        illustratieve_maanden=frozenset(illustratief),
    )


# --- a province -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provinciegemeente:
    gemeente: Gemeente
    saldi: list[regels.PeriodeSaldo]
    prognose: Prognose | None  # None: no snapshot at this peildatum yet (one is requested)
    herberekening_loopt: bool
    treden: list[Tredestand]
    ontbrekend: int  # months without figures from the first quota up to the peildatum
    ontbrekend_in_periode: int = 0  # of which in the half-year of the peildatum's last month


def standaard_peildatum_provincie(provincie: Provincie, vandaag: date) -> date:
    """The day after the newest month any of its gemeenten entered, never after today."""
    laatste = Maandrapportage.objects.filter(
        gemeente__provincie=provincie, maand__lte=vandaag
    ).aggregate(m=Max("maand"))["m"]
    if laatste is None:
        return vandaag
    return min(vandaag, Maand.van(laatste).plus(1).eerste_dag)


def _halfjaartotalen(qs, waarde, soort: int):
    """One GROUP BY over (gemeente, year, half) with ``soort`` as its first column."""
    return (
        qs.annotate(
            jaar=ExtractYear("maand"),
            helft=Case(When(maand__month__lte=6, then=Value(1)), default=Value(2)),
        )
        .values("gemeente_id", "jaar", "helft")
        .annotate(w=waarde, soort=Value(soort, output_field=IntegerField()))
        .order_by()
        .values_list("soort", "gemeente_id", "jaar", "helft", "w")
    )


def _per_halfjaar(*qs) -> list[dict[int, dict[Halfjaar, int]]]:
    """Per queryset of ``_halfjaartotalen``: {gemeente id: {half-year: aggregate}}, all from
    one query (UNION ALL)."""
    uitkomst: list[dict[int, dict[Halfjaar, int]]] = [defaultdict(dict) for _ in qs]
    for soort, g, jaar, helft, w in qs[0].union(*qs[1:], all=True):
        uitkomst[soort][g][Halfjaar(jaar, helft)] = w or 0
    return uitkomst


def provinciegegevens(provincie: Provincie, peildatum: date) -> list[Provinciegemeente]:
    """Every gemeente of a province at one peildatum, in seven queries whatever the number of
    gemeenten, and no forecast computed here: the forecast is each gemeente's snapshot at this
    peildatum (``prognose.selectors.snapshots_op``; a recompute writes one at the province's
    default peildatum). A gemeente without one gets ``prognose`` None: the caller asks the
    worker for it (``prognose.tasks.peildatum_aanvragen``) and the page says so.

    The saldi come from totals per half-year (``regels.saldi_per_periode``): counted persons
    and entered months summed in the database, not every realisation row since the start."""
    opening = Openingssaldo.objects.filter(gemeente_id=OuterRef("pk"))
    gemeenten = list(
        Gemeente.objects.filter(provincie=provincie)
        .annotate(
            opening_jaar=Subquery(opening.values("jaar")[:1]),
            opening_helft=Subquery(opening.values("helft")[:1]),
            opening_saldo=Subquery(opening.values("saldo")[:1]),
        )
        .order_by("naam")
    )
    ids = [g.pk for g in gemeenten]
    tot = Maand.van(peildatum).plus(-1)
    # Counted persons and entered months per half-year: one query for both.
    realisatie, ingevuld = _per_halfjaar(
        _halfjaartotalen(
            Realisatie.objects.filter(gemeente_id__in=ids, maand__lte=tot.eerste_dag),
            Sum("personen_tellend"),
            0,
        ),
        _halfjaartotalen(
            Maandrapportage.objects.filter(gemeente_id__in=ids, maand__lte=tot.eerste_dag),
            Count("id"),
            1,
        ),
    )
    # The quota with their revisions: one query (a row per revision, LEFT JOIN).
    per_quotum: dict[tuple[int, Halfjaar], tuple[int, list]] = {}
    for g, jaar, helft, aantal, datum, nieuw in (
        Taakstelling.objects.filter(gemeente_id__in=ids)
        .order_by("gemeente_id", "jaar", "helft")
        .values_list(
            "gemeente_id",
            "jaar",
            "helft",
            "aantal",
            "bijstellingen__datum",
            "bijstellingen__aantal",
        )
    ):
        _, herzien = per_quotum.setdefault((g, Halfjaar(jaar, helft)), (aantal, []))
        if datum is not None:
            herzien.append((datum, nieuw))
    quota: dict[int, list[tuple[Halfjaar, int]]] = defaultdict(list)
    for (g, h), (aantal, herzien) in sorted(per_quotum.items()):
        quota[g].append((h, regels.geldende_taakstelling(aantal, herzien)))
    snapshots = prognose_selectors.snapshots_op(ids, peildatum)
    tredes = treden(ids)
    uitkomst = []
    for g in gemeenten:
        q = quota.get(g.pk, [])
        opening_g = (
            None
            if g.opening_jaar is None
            else (Halfjaar(g.opening_jaar, g.opening_helft), g.opening_saldo)
        )
        snapshot = snapshots.get(g.pk)
        ingevuld_g = ingevuld.get(g.pk, {})
        verwacht = len(maanden(q[0][0].eerste_maand, tot)) if q else 0
        binnen = sum(n for h, n in ingevuld_g.items() if q and h >= q[0][0])
        # The half-year of ``tot`` (its months up to ``tot``), when quota have begun by then.
        periode = Halfjaar.van(tot.eerste_dag)
        in_periode = (
            len(maanden(periode.eerste_maand, tot)) - ingevuld_g.get(periode, 0)
            if q and q[0][0] <= periode
            else 0
        )
        uitkomst.append(
            Provinciegemeente(
                g,
                regels.saldi_per_periode(realisatie.get(g.pk, {}), ingevuld_g, q, opening_g)
                if q
                else [],
                None if snapshot is None else snapshot.prognose(),
                snapshot is None or (snapshot.status_wijziging or 0) > snapshot.wijziging,
                tredes.get(g.pk, []),
                verwacht - binnen if q else 0,
                in_periode,
            )
        )
    return uitkomst
