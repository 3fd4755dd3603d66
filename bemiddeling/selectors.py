"""Reads of plans and supply as plain rule inputs."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from django.conf import settings

from bemiddeling.models import Aanbod, Actie, Actieplan, Planning, Verdeelafspraak
from bemiddeling.services.aanbod import VELDEN as AANBODVELDEN
from bemiddeling.services.aanbod import Aanbodcijfers
from kern import aanbod as regels
from kern import regels as regels_taak
from kern.perioden import Maand, maanden
from kern.regels import Afronding, rond_af
from organisaties import selectors as organisatie_selectors
from organisaties.models import Corporatie, Gemeente


def plan_op(gemeente: Gemeente, peildatum: date) -> Actieplan | None:
    """The plan in force on the peildatum, else the next one to start, else the last one."""
    plannen = list(
        Actieplan.objects.filter(gemeente=gemeente)
        .select_related("brondocument")
        .order_by("geldig_vanaf")
    )
    for plan in plannen:
        if plan.geldig_vanaf <= peildatum <= plan.geldig_tot:
            return plan
    komend = [p for p in plannen if p.geldig_vanaf > peildatum]
    if komend:
        return komend[0]
    return plannen[-1] if plannen else None


def bezetting_op(gemeente: Gemeente, peildatum: date) -> tuple[Decimal, str]:
    """The bezetting to plan with, and where it comes from (shown beside every figure)."""
    return bezetting_van(plan_op(gemeente, peildatum))


def bezetting_van(plan: Actieplan | None) -> tuple[Decimal, str]:
    """``bezetting_op`` for a plan already read (None: no plan)."""
    if plan is not None:
        return plan.bezetting, f"plan: {plan.naam}"
    return settings.STANDAARD_BEZETTING, "standaard (geen plan ingevoerd)"


# --- plan grid (R7, R8) -----------------------------------------------------------------------


@dataclass(frozen=True)
class Rastercel:
    """One month of one action: its Planning row, or None when nothing was entered."""

    actie: Actie
    maand: Maand
    planning: Planning | None

    @property
    def pm(self) -> bool:
        return self.planning is not None and self.planning.pm

    @property
    def woningen(self) -> int | None:
        return None if self.planning is None else self.planning.woningen

    @property
    def tekst(self) -> str:
        """What the input shows: a number, 'pm', or empty (not entered)."""
        if self.planning is None:
            return ""
        return "pm" if self.planning.pm else str(self.planning.woningen)

    @property
    def versie(self) -> int | None:
        return None if self.planning is None else self.planning.versie

    @property
    def veldnaam(self) -> str:
        return f"c-{self.actie.type_id}-{self.maand}"


@dataclass(frozen=True)
class Tussentotaal:
    """Planned until a milestone (or over the whole plan) for one action or for the plan."""

    mijlpaal: regels_taak.Mijlpaal | None  # None: the whole plan period
    totaal: regels.PlanTotaal
    afronding: Afronding | None = None  # plan rows only: rounded months vs rounded total
    ingevuld: bool = True  # False: no cell in range was entered (shown as missing, not 0)

    @property
    def som_delen(self) -> int | None:
        return None if self.afronding is None else sum(self.afronding.delen)


@dataclass(frozen=True)
class Kolom:
    maand: Maand | None = None
    mijlpaal: regels_taak.Mijlpaal | None = None


@dataclass(frozen=True)
class Rasterrij:
    actie: Actie
    cellen: dict[Maand, Rastercel]
    tussentotalen: dict[date, Tussentotaal]
    totaal: regels.PlanTotaal
    leeg: int  # months without an entry

    @property
    def ingevuld(self) -> bool:
        return self.leeg < len(self.cellen)

    def per_kolom(self, kolommen: list[Kolom]) -> list[Rastercel | Tussentotaal]:
        return [
            self.cellen[k.maand] if k.maand is not None else self.tussentotalen[k.mijlpaal.datum]
            for k in kolommen
        ]


@dataclass(frozen=True)
class Maandtotaal:
    maand: Maand
    woningen: int
    personen: Decimal
    pm_acties: tuple[str, ...]
    personen_afgerond: int
    ingevuld: bool  # False: no action has an entry for this month


@dataclass(frozen=True)
class Planraster:
    plan: Actieplan
    maanden: list[Maand]
    kolommen: list[Kolom]
    rijen: list[Rasterrij]
    maandtotalen: dict[Maand, Maandtotaal]
    tussentotalen: dict[date, Tussentotaal]  # per milestone column, from the plan's start
    totaal: Tussentotaal
    mijlpalen: list[regels_taak.Mijlpaal]  # every milestone the plan period reaches

    def totalen_per_kolom(self) -> list[Maandtotaal | Tussentotaal]:
        return [
            self.maandtotalen[k.maand]
            if k.maand is not None
            else self.tussentotalen[k.mijlpaal.datum]
            for k in self.kolommen
        ]

    @property
    def afrondingsnoten(self) -> list[Tussentotaal]:
        """Where the rounded month figures do not add up to the rounded total (R7)."""
        kandidaten = [*self.tussentotalen.values(), self.totaal]
        return [t for t in kandidaten if t.afronding is not None and t.afronding.verschil != 0]

    @property
    def mijlpalen_tot_einde(self) -> list[Tussentotaal]:
        """Planned until every milestone the plan period reaches, from the plan's start."""
        cellen = [c for rij in self.rijen for c in _plancellen(rij.actie, rij.cellen)]
        return [
            Tussentotaal(
                m,
                regels.plan_tot_datum(cellen, m.datum, self.maanden[0]),
                ingevuld=any(c.maand.laatste_dag <= m.datum for c in cellen),
            )
            for m in self.mijlpalen
        ]


def plannen(gemeente: Gemeente) -> list[Actieplan]:
    return list(
        Actieplan.objects.filter(gemeente=gemeente)
        .select_related("brondocument")
        .order_by("-geldig_vanaf")
    )


def _plancellen(actie: Actie, cellen: dict[Maand, Rastercel]) -> list[regels.PlanCel]:
    bezetting = actie.geldende_bezetting
    return [
        regels.PlanCel(actie.type.naam, c.maand, c.woningen, bezetting)
        for c in cellen.values()
        if c.planning is not None
    ]


def planraster(plan: Actieplan, mijlpalen: list[regels_taak.Mijlpaal]) -> Planraster:
    """The plan as actions x months with totals and milestone subtotals, in three queries.

    A month without a Planning row is 'not entered': shown as such and not added to any
    total; only an entered 0 is a zero. pm is listed, never summed (R8).
    """
    maandlijst = maanden(Maand.van(plan.geldig_vanaf), Maand.van(plan.geldig_tot))
    acties = list(
        Actie.objects.filter(actieplan=plan)
        .select_related("type", "eigenaar_corporatie")
        .order_by("volgorde", "type__volgorde")
    )
    for actie in acties:
        actie.actieplan = plan  # geldende_bezetting reads it; no query per row
    per_actie: dict[int, dict[Maand, Planning]] = {}
    for p in Planning.objects.filter(actie__actieplan=plan):
        per_actie.setdefault(p.actie_id, {})[Maand.van(p.maand)] = p

    # A milestone gets its own column when it falls inside the plan period (seed 000:
    # 'Resultaat per 1 okt'); one at or after the plan's end is the total column itself.
    einde = maandlijst[-1].laatste_dag if maandlijst else plan.geldig_tot
    bereikt = [
        m
        for m in sorted(mijlpalen, key=lambda m: m.datum)
        if maandlijst and m.datum >= maandlijst[0].laatste_dag and m.startdatum <= einde
    ]
    binnen = [m for m in bereikt if m.datum < einde]
    kolommen: list[Kolom] = []
    for maand in maandlijst:
        kolommen.append(Kolom(maand=maand))
        volgende = maand.plus(1)
        for m in binnen:
            if maand.laatste_dag <= m.datum < volgende.laatste_dag:
                kolommen.append(Kolom(mijlpaal=m))

    rijen: list[Rasterrij] = []
    alle: list[regels.PlanCel] = []
    for actie in acties:
        planning = per_actie.get(actie.pk, {})
        cellen = {m: Rastercel(actie, m, planning.get(m)) for m in maandlijst}
        pc = _plancellen(actie, cellen)
        alle += pc
        rijen.append(
            Rasterrij(
                actie,
                cellen,
                {
                    m.datum: Tussentotaal(
                        m,
                        regels.plan_tot_datum(pc, m.datum, maandlijst[0]),
                        ingevuld=any(c.maand.laatste_dag <= m.datum for c in pc),
                    )
                    for m in binnen
                },
                regels.plan_totaal(pc),
                sum(1 for c in cellen.values() if c.planning is None),
            )
        )

    maandtotalen = {}
    for maand in maandlijst:
        t = regels.plan_totaal(alle, van=maand, tot_en_met=maand)
        maandtotalen[maand] = Maandtotaal(
            maand,
            t.woningen,
            t.personen,
            t.pm_acties,
            rond_af([t.personen]).totaal,
            any(c.maand == maand for c in alle),
        )

    def tussentotaal(m: regels_taak.Mijlpaal | None, tot: Maand) -> Tussentotaal:
        delen = [maandtotalen[x].personen for x in maandlijst if x <= tot]
        return Tussentotaal(
            m,
            regels.plan_totaal(alle, van=maandlijst[0], tot_en_met=tot),
            rond_af(delen),
            any(c.maand <= tot for c in alle),
        )

    tussentotalen = {
        m.datum: tussentotaal(m, max(x for x in maandlijst if x.laatste_dag <= m.datum))
        for m in binnen
    }
    totaal = (
        tussentotaal(None, maandlijst[-1])
        if maandlijst
        else Tussentotaal(None, regels.PlanTotaal(0, Decimal(0), ()), None, False)
    )
    return Planraster(
        plan, maandlijst, kolommen, rijen, maandtotalen, tussentotalen, totaal, bereikt
    )


# --- supply of one corporatie (R9) -----------------------------------------------------------


@dataclass(frozen=True)
class Deelperiode:
    """Days of a month with one share in force (several when a share changes mid-month)."""

    van: date
    tot: date  # inclusive
    waarde: Fraction | None


@dataclass(frozen=True)
class Afspraak:
    """One kind of share in one month: day-weighted value and how it came about."""

    soort: str
    waarde: Fraction | None  # None: not agreed for every day of the month
    delen: tuple[Deelperiode, ...]
    aandelen: tuple[regels.Aandeel, ...] = ()  # the agreements behind it (per-day capacity)

    @property
    def gewogen(self) -> bool:
        return len(self.delen) > 1


@dataclass(frozen=True)
class Aanbodstand:
    """A corporatie's month in one gemeente: its figures (or missing), shares and compliance."""

    gemeente: Gemeente
    maand: Maand
    rij: Aanbod | None
    urgenten: Afspraak
    vh: Afspraak
    plafond: Afspraak

    @property
    def naleving(self) -> regels.Naleving | None:
        if self.rij is None:
            return None
        return regels.naleving(self.rij.mutaties, self.rij.toegewezen_vh, self.plafond.waarde)

    @property
    def capaciteit_vh(self) -> Fraction | None:
        """Mutaties x urgent share x VH share, never above the cap, day by day (the same rule
        as the forecast and the dashboards); None if a share is unknown."""
        if self.rij is None:
            return None
        return regels.capaciteit_in_maand(
            self.rij.mutaties,
            self.maand,
            self.urgenten.aandelen,
            self.vh.aandelen,
            self.plafond.aandelen,
        )

    @property
    def aandeel_urgenten(self) -> Fraction | None:
        if self.rij is None or self.rij.mutaties == 0:
            return None
        return Fraction(self.rij.toegewezen_urgenten, self.rij.mutaties)

    @property
    def aandeel_vh_van_urgenten(self) -> Fraction | None:
        if self.rij is None or self.rij.toegewezen_urgenten == 0:
            return None
        return Fraction(self.rij.toegewezen_vh, self.rij.toegewezen_urgenten)

    @property
    def benutting(self) -> Fraction | None:
        """Allocated to VH as a share of the capacity for VH."""
        cap = self.capaciteit_vh
        if cap is None or cap == 0:
            return None
        return Fraction(self.rij.toegewezen_vh) / cap


def _afspraak(soort: str, maand: Maand, aandelen: list[regels.Aandeel]) -> Afspraak:
    delen: list[Deelperiode] = []
    dag = maand.eerste_dag
    while dag <= maand.laatste_dag:
        waarde = regels.aandeel_op(dag, aandelen)
        if delen and delen[-1].waarde == waarde:
            delen[-1] = Deelperiode(delen[-1].van, dag, waarde)
        else:
            delen.append(Deelperiode(dag, dag, waarde))
        dag += timedelta(days=1)
    return Afspraak(soort, regels.aandeel_in_maand(maand, aandelen), tuple(delen), tuple(aandelen))


def aandelen_per_gemeente(
    gemeente_ids: list[int], corporatie_id: int | None = None
) -> dict[int, dict[str, list[regels.Aandeel]]]:
    """Shares per gemeente and kind, in one query. Where a corporatie has agreements of its
    own for a kind, those replace the gemeente-wide ones for that corporatie."""
    algemeen: dict[int, dict[str, list[regels.Aandeel]]] = {}
    eigen: dict[int, dict[str, list[regels.Aandeel]]] = {}
    for g, c, soort, teller, noemer, vanaf, tot in Verdeelafspraak.objects.filter(
        gemeente_id__in=gemeente_ids
    ).values_list(
        "gemeente_id", "corporatie_id", "soort", "teller", "noemer", "geldig_vanaf", "geldig_tot"
    ):
        if c is not None and c != corporatie_id:
            continue
        doel = eigen if c is not None else algemeen
        doel.setdefault(g, {}).setdefault(soort, []).append(
            regels.Aandeel(Fraction(teller, noemer), vanaf, tot)
        )
    uitkomst = {}
    for g in gemeente_ids:
        soorten = dict(algemeen.get(g, {}))
        soorten.update(eigen.get(g, {}))
        uitkomst[g] = soorten
    return uitkomst


def werkgebied(corporatie: Corporatie) -> list[Gemeente]:
    """The gemeenten the corporatie works in (``organisaties.selectors.gemeenten_van``)."""
    return organisatie_selectors.gemeenten_van(corporatie)


def aanbodstanden(
    corporatie: Corporatie, gemeenten: list[Gemeente], maanden_: list[Maand]
) -> dict[tuple[int, Maand], Aanbodstand]:
    """Every (gemeente, month) of a corporatie, entered or missing, in two queries."""
    if not maanden_ or not gemeenten:
        return {}
    rijen = {
        (a.gemeente_id, Maand.van(a.maand)): a
        for a in Aanbod.objects.filter(
            corporatie=corporatie,
            gemeente__in=gemeenten,
            maand__gte=min(maanden_).eerste_dag,
            maand__lte=max(maanden_).eerste_dag,
        )
    }
    aandelen = aandelen_per_gemeente([g.pk for g in gemeenten], corporatie.pk)
    S = Verdeelafspraak.Soort
    uitkomst = {}
    for g in gemeenten:
        soorten = aandelen[g.pk]
        for m in maanden_:
            uitkomst[(g.pk, m)] = Aanbodstand(
                g,
                m,
                rijen.get((g.pk, m)),
                _afspraak(S.AANDEEL_URGENTEN, m, soorten.get(S.AANDEEL_URGENTEN, [])),
                _afspraak(S.AANDEEL_VH, m, soorten.get(S.AANDEEL_VH, [])),
                _afspraak(S.PLAFOND_VH, m, soorten.get(S.PLAFOND_VH, [])),
            )
    return uitkomst


def laatste_aanbodmaand(corporatie: Corporatie) -> Maand | None:
    laatste = (
        Aanbod.objects.filter(corporatie=corporatie)
        .order_by("-maand")
        .values_list("maand", flat=True)
        .first()
    )
    return None if laatste is None else Maand.van(laatste)


@dataclass(frozen=True)
class Aanbodrij:
    """One corporatie's supply in one month of a gemeente, as entered (dwellings)."""

    corporatie: str  # slug
    maand: Maand
    cijfers: Aanbodcijfers
    illustratief: bool


def aanbodrijen(
    gemeente: Gemeente,
    corporatie_ids: Collection[int] | None,
    van: Maand | None = None,
    tot: Maand | None = None,
) -> list[Aanbodrij]:
    """A gemeente's supply rows of [van, tot] (open ends: all), by month and corporatie name,
    in one query. ``corporatie_ids`` are the corporaties whose rows the caller may see
    (``organisaties.toegang.zichtbare_aanbod_corporaties``); None: every corporatie's."""
    rijen = Aanbod.objects.filter(gemeente=gemeente)
    if corporatie_ids is not None:
        rijen = rijen.filter(corporatie_id__in=corporatie_ids)
    if van is not None:
        rijen = rijen.filter(maand__gte=van.eerste_dag)
    if tot is not None:
        rijen = rijen.filter(maand__lte=tot.eerste_dag)
    rijen = rijen.order_by("maand", "corporatie__naam")
    return [
        Aanbodrij(
            slug,
            Maand.van(m),
            Aanbodcijfers(**dict(zip(AANBODVELDEN, cijfers, strict=True))),
            illustratief,
        )
        for slug, m, illustratief, *cijfers in rijen.values_list(
            "corporatie__slug", "maand", "illustratief", *AANBODVELDEN
        )
    ]
