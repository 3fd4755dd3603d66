"""Rules R8 (plan) and R9 (capacity) as pure functions (no Django import).

Shares are exact fractions (two thirds is not 0.6667) with validity dates; a month that a
share changes in gets the day-weighted share of that month.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from kern.perioden import Maand


def als_fraction(x: Decimal | Fraction | int) -> Fraction:
    return x if isinstance(x, Fraction) else Fraction(x)


# --- R8: the plan ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanCel:
    """Planned dwellings of one action in one month; ``woningen`` None means pm."""

    actie: str
    maand: Maand
    woningen: int | None
    bezetting: Decimal

    @property
    def pm(self) -> bool:
        return self.woningen is None

    @property
    def personen(self) -> Decimal | None:
        """Persons = dwellings x the action's bezetting (R8); pm stays pm, never 0."""
        if self.woningen is None:
            return None
        return self.woningen * self.bezetting


@dataclass(frozen=True, slots=True)
class PlanTotaal:
    woningen: int
    personen: Decimal  # exact; round only for display (R7)
    pm_acties: tuple[str, ...]  # shown, never summed


def plan_totaal(
    cellen: Iterable[PlanCel], van: Maand | None = None, tot_en_met: Maand | None = None
) -> PlanTotaal:
    woningen = 0
    personen = Decimal(0)
    pm: list[str] = []
    for c in cellen:
        if (van and c.maand < van) or (tot_en_met and c.maand > tot_en_met):
            continue
        if c.pm:
            if c.actie not in pm:
                pm.append(c.actie)
            continue
        woningen += c.woningen
        personen += c.personen
    return PlanTotaal(woningen, personen, tuple(pm))


def plan_tot_datum(
    cellen: Iterable[PlanCel], datum: date, vanaf: Maand | None = None
) -> PlanTotaal:
    """Planned until a milestone: months whose last day is on or before the date (R5)."""
    return plan_totaal([c for c in cellen if c.maand.laatste_dag <= datum], van=vanaf)


# --- R9: capacity ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Aandeel:
    """A share with validity dates, e.g. 40% of mutaties to urgenten until 2023-07-01."""

    waarde: Fraction
    geldig_vanaf: date
    geldig_tot: date | None = None  # exclusive


def aandeel_op(datum: date, aandelen: Iterable[Aandeel]) -> Fraction | None:
    """The share in force on a date; where agreements overlap, the most recent one wins."""
    geldig = [
        a
        for a in aandelen
        if a.geldig_vanaf <= datum and (a.geldig_tot is None or datum < a.geldig_tot)
    ]
    if not geldig:
        return None
    return max(geldig, key=lambda a: a.geldig_vanaf).waarde


def aandeel_in_maand(maand: Maand, aandelen: Sequence[Aandeel]) -> Fraction | None:
    """Day-weighted share over a month; None when some day of the month has no share."""
    totaal = Fraction(0)
    dag = maand.eerste_dag
    for _ in range(maand.dagen):
        waarde = aandeel_op(dag, aandelen)
        if waarde is None:
            return None
        totaal += waarde
        dag += timedelta(days=1)
    return totaal / maand.dagen


def vh_fractie_in_maand(
    maand: Maand,
    urgenten: Sequence[Aandeel],
    vh: Sequence[Aandeel],
    plafond: Sequence[Aandeel] = (),
) -> Fraction | None:
    """The share of a month's mutaties available for VH (R9), day by day: share to urgenten
    x share to VH, never above the cap in force that day (a day without a cap has none),
    weighted by days. None when some day has no share to urgenten or to VH.

    Taking the minimum per day matters in a month where a share or the cap changes: the
    minimum of two month averages is not the average of the daily minimums. Computed per
    stretch of days between validity dates, not per day."""
    begin = maand.eerste_dag
    einde = maand.laatste_dag + timedelta(days=1)
    punten = {begin}
    for a in (*urgenten, *vh, *plafond):
        for d in (a.geldig_vanaf, a.geldig_tot):
            if d is not None and begin < d < einde:
                punten.add(d)
    reeks = sorted(punten)

    def op(dag: date) -> Fraction | None:
        u, v = aandeel_op(dag, urgenten), aandeel_op(dag, vh)
        if u is None or v is None:
            return None
        cap = aandeel_op(dag, plafond)
        return u * v if cap is None else min(u * v, cap)

    if len(reeks) == 1:  # one share the whole month (most months): no weighting by days
        return op(begin)
    totaal = Fraction(0)
    for i, start in enumerate(reeks):
        stop = reeks[i + 1] if i + 1 < len(reeks) else einde
        fractie = op(start)
        if fractie is None:
            return None
        totaal += fractie * (stop - start).days
    return totaal / maand.dagen


def capaciteit_in_maand(
    mutaties: int | Fraction | Decimal,
    maand: Maand,
    urgenten: Sequence[Aandeel],
    vh: Sequence[Aandeel],
    plafond: Sequence[Aandeel] = (),
) -> Fraction | None:
    """Dwellings for VH in a month (R9) with the shares and cap of each day of that month."""
    fractie = vh_fractie_in_maand(maand, urgenten, vh, plafond)
    return None if fractie is None else capaciteit_vh(mutaties, fractie, Fraction(1))


def capaciteit_vh(
    mutaties: int | Fraction | Decimal,
    aandeel_urgenten: Fraction,
    aandeel_vh: Fraction,
    plafond: Fraction | None = None,
) -> Fraction:
    """Dwellings for VH = mutaties x urgent share x VH share, never above the cap (R9)."""
    m = als_fraction(mutaties)
    if m < 0:
        raise ValueError("mutaties kunnen niet negatief zijn")
    capaciteit = m * aandeel_urgenten * aandeel_vh
    if plafond is not None:
        capaciteit = min(capaciteit, m * plafond)
    return capaciteit


@dataclass(frozen=True, slots=True)
class Naleving:
    aandeel_vh: Fraction | None  # share of mutaties that went to VH
    plafond: Fraction | None
    binnen_plafond: bool | None  # None when there is no cap or no mutaties


def naleving(mutaties: int, aan_vh: int, plafond: Fraction | None) -> Naleving:
    """Compliance with a prestatieafspraak: the share of mutaties to VH against the cap."""
    if mutaties <= 0:
        return Naleving(None, plafond, None)
    aandeel = Fraction(aan_vh, mutaties)
    return Naleving(aandeel, plafond, None if plafond is None else aandeel <= plafond)


def parse_aandeel(tekst: str) -> Fraction:
    """'40%', '0,4', '2/3' -> Fraction. Raises ValueError with a Dutch message."""
    t = tekst.strip().replace(" ", "")
    try:
        if t.endswith("%"):
            waarde = Fraction(Decimal(t[:-1].replace(",", "."))) / 100
        elif "/" in t:
            teller, noemer = t.split("/", 1)
            waarde = Fraction(int(teller), int(noemer))
        else:
            waarde = Fraction(Decimal(t.replace(",", ".")))
    except (ValueError, ZeroDivisionError, ArithmeticError) as exc:
        raise ValueError(
            f"'{tekst}' is geen aandeel; schrijf bijvoorbeeld 40%, 0,4 of 2/3"
        ) from exc
    if not 0 <= waarde <= 1:
        raise ValueError("een aandeel ligt tussen 0% en 100%")
    return waarde
