"""One verdict per milestone: "halen we het?" (R10). Pure Python, no Django.

The forecast has three methods (plan, trend, capaciteit) and a probability (kans); each
method has its own status, but a page, an export or the API answers the question with one
word and one sentence: the verdict (``Oordeel``) of this module. The engine computes it once
per milestone and the snapshot stores it, so every reader shows the stored verdict and no
reader decides on its own.

The rule, in this order (the first that applies decides; docs/OORDEEL.md says it in Dutch):

1. *op koers* (gehaald): the persons counted so far reach the target.
2. *niet haalbaar* (niet gehaald): no month is left to forecast and the target is not reached.
3. *onbekend*: no method has a figure (no plan, no trend, no capacity).
4. *niet haalbaar*:
   a. the plan falls short by more than the risk margin (``RISICOMARGE``, 10% of what still
      has to be realised) and the current pace (trend) does not reach the target either; or
   b. every figure of the trend and the capacity falls short by more than the margin and the
      probability is below ``KANS_LAAG`` (20%) or unknown.
5. *op koers*: the plan reaches the target; the trend reaches it too, or the trend falls short
   by no more than the margin (or there is no trend) and the probability is at least
   ``KANS_HOOG`` (75%); and no month that counts for the milestone lacks figures. (The
   probability is computed around the plan: it cannot outweigh a pace far below the target.)
6. *risico*: everything else (no plan; a plan just short; a plan that reaches while the pace
   and the probability do not; months without figures).

Figures in the sentence are as the pages show them (``weergave``): whole persons, except
where rounding would hide a shortfall (292,6 against 293).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from kern import opmaak
from kern.perioden import Maand

OP_KOERS, RISICO, NIET_HAALBAAR, ONBEKEND = "op koers", "risico", "niet haalbaar", "onbekend"
STATUSSEN = (OP_KOERS, RISICO, NIET_HAALBAAR, ONBEKEND)
# Short by at most this share of what still has to be realised: a modest acceleration closes
# it (risico); short by more: niet haalbaar.
RISICOMARGE = Fraction(1, 10)
KANS_LAAG = 0.20  # below this, a forecast that falls far short is not rescued by chance
KANS_HOOG = 0.75  # from this, a plan that reaches is trusted even when the pace lags

# Which branch of the rule decided (for tests and the API; never shown on a page).
GEHAALD = "gehaald"
NIET_GEHAALD = "niet_gehaald"
GEEN_PROGNOSE = "geen_prognose"
PLAN_RUIM_TEKORT = "plan_ruim_tekort"
TEMPO_EN_AANBOD_RUIM_TEKORT = "tempo_en_aanbod_ruim_tekort"
HAALBAAR = "haalbaar"
ONZEKER = "onzeker"


def rond(x: Fraction | int) -> int:
    """Round half up (towards +inf) for display, so rond(x - d) == rond(x) - d for whole d:
    the rounded forecast minus the target is the rounded difference (R7)."""
    f = x if isinstance(x, Fraction) else Fraction(x)
    return math.floor(f + Fraction(1, 2))


def weergave(personen: Fraction, doel: int) -> tuple[Fraction, int]:
    """(value, decimals) to show a forecast with: whole persons, except where rounding would
    hide a shortfall (292.6 against 293 shows as 292,6 and -0,4, never as 293 and 0, which
    would contradict the status): then one decimal, rounded down."""
    if personen < doel and rond(personen) >= doel:
        return Fraction(math.floor(personen * 10), 10), 1
    return Fraction(rond(personen)), 0


@dataclass(frozen=True)
class Oordeel:
    """The verdict of one milestone with its reason in one Dutch sentence."""

    status: str  # one of STATUSSEN
    reden: str
    regel: str  # the branch of the rule that decided (GEHAALD, ..., ONZEKER)
    ontbrekende_maanden: tuple[Maand, ...] = ()  # counting for the milestone, no figures


def _p(personen: Fraction, doel: int) -> str:
    waarde, decimalen = weergave(personen, doel)
    return opmaak.getal(waarde, decimalen)


def _onder(personen: Fraction, doel: int) -> str:
    waarde, decimalen = weergave(personen, doel)
    return opmaak.getal(doel - waarde, decimalen)


def _lijst(namen: Sequence[str]) -> str:
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


def _zin(delen: Sequence[str]) -> str:
    tekst = "; ".join(d for d in delen if d)
    return tekst[:1].upper() + tekst[1:] + "."


def beoordeel(
    *,
    doel: int,
    gerealiseerd: int,
    maanden: int,
    plan: Fraction | None,
    trend: Fraction | None,
    capaciteit: Fraction | None,
    kans: float | None,
    ontbrekend: Sequence[Maand] = (),
) -> Oordeel:
    """The verdict of one milestone (see the module's docstring for the rule).

    ``maanden``: months still to forecast that count for the milestone (future ones and past
    ones without figures); ``plan``, ``trend``, ``capaciteit``: the persons each method
    expects at the milestone, exactly (None: no figure); ``kans``: the probability (0-1, None:
    unknown); ``ontbrekend``: months counting for the milestone that ended without figures.
    """
    ontbrekend = tuple(sorted(ontbrekend))
    g = opmaak.getal
    if gerealiseerd >= doel:
        return Oordeel(
            OP_KOERS,
            f"Het doel van {g(doel)} personen is gehaald: {g(gerealiseerd)} geteld.",
            GEHAALD,
            ontbrekend,
        )
    if maanden == 0:
        return Oordeel(
            NIET_HAALBAAR,
            f"Alle maanden tot de mijlpaal zijn bekend: {g(gerealiseerd)} van de {g(doel)} "
            f"personen geteld, {g(doel - gerealiseerd)} te weinig.",
            NIET_GEHAALD,
            ontbrekend,
        )
    if plan is None and trend is None and capaciteit is None:
        return Oordeel(
            ONBEKEND,
            f"Geen prognose voor het doel van {g(doel)} personen: er is geen plan voor de "
            "komende maanden, geen tempo (geen cijfers in de laatste zes maanden) en geen "
            "corporatieaanbod met verdeelafspraken.",
            GEEN_PROGNOSE,
            ontbrekend,
        )

    marge = RISICOMARGE * (doel - gerealiseerd)

    def haalt(x: Fraction | None) -> bool:
        return x is not None and x >= doel

    def ruim_tekort(x: Fraction | None) -> bool:
        return x is not None and doel - x > marge

    # The parts of the sentence, in a fixed order: plan, pace, capacity, probability, gaps.
    if plan is None:
        plan_deel = f"er is geen plan voor de komende maanden (doel {g(doel)})"
    elif haalt(plan):
        plan_deel = f"het plan haalt {_p(plan, doel)} (doel {g(doel)})"
    else:
        plan_deel = (
            f"het plan komt op {_p(plan, doel)}, {_onder(plan, doel)} onder het doel van {g(doel)}"
        )
    if trend is None:
        tempo_deel = "er is geen tempo (geen cijfers in de laatste zes maanden)"
    else:
        tempo_deel = f"in het huidige tempo komt u op {_p(trend, doel)}"
    aanbod_deel = (
        "" if capaciteit is None else f"met het corporatieaanbod komt u op {_p(capaciteit, doel)}"
    )
    kans_deel = "kans onbekend" if kans is None else f"kans {opmaak.procent(kans)}"
    gaten_deel = (
        f"voor {_lijst([m.naam for m in ontbrekend])} zijn nog geen cijfers ingevoerd"
        if ontbrekend
        else ""
    )

    # 4a: the plan itself falls far short and the pace does not make up for it.
    if ruim_tekort(plan) and not haalt(trend):
        return Oordeel(
            NIET_HAALBAAR,
            _zin([plan_deel, tempo_deel, kans_deel, gaten_deel]),
            PLAN_RUIM_TEKORT,
            ontbrekend,
        )
    # 4b: pace and capacity (where known) both fall far short and chance does not rescue it.
    andere = [x for x in (trend, capaciteit) if x is not None]
    if andere and all(ruim_tekort(x) for x in andere) and (kans is None or kans < KANS_LAAG):
        if trend is not None and capaciteit is not None:
            beide = (
                f"{tempo_deel} en met het corporatieaanbod op {_p(capaciteit, doel)}, "
                "beide ruim onder het doel"
            )
        elif trend is not None:
            beide = f"{tempo_deel}, ruim onder het doel"
        else:
            beide = f"{aanbod_deel}, ruim onder het doel"
        return Oordeel(
            NIET_HAALBAAR,
            _zin([plan_deel, beide, kans_deel, gaten_deel]),
            TEMPO_EN_AANBOD_RUIM_TEKORT,
            ontbrekend,
        )
    # 5: the plan reaches, the pace or the probability backs it, and no month is missing.
    # The probability is computed around the plan: it can back a plan whose pace lags a
    # little (or that has no pace yet), not one whose pace falls far short.
    gesteund = haalt(trend) or (not ruim_tekort(trend) and kans is not None and kans >= KANS_HOOG)
    if haalt(plan) and gesteund and not ontbrekend:
        if haalt(trend):
            zin = [f"{plan_deel} en {tempo_deel}", kans_deel]
        else:
            zin = [plan_deel, f"{tempo_deel}, maar de kans is {opmaak.procent(kans)}"]
        return Oordeel(OP_KOERS, _zin(zin), HAALBAAR, ontbrekend)
    # 6: risico; the sentence names what is missing for 'op koers'.
    if plan is None:
        delen = [plan_deel, tempo_deel, aanbod_deel, kans_deel, gaten_deel]
    elif haalt(plan) and not gesteund:
        delen = [f"{plan_deel}, maar {tempo_deel}", kans_deel, gaten_deel]
    else:
        delen = [plan_deel, tempo_deel, kans_deel, gaten_deel]
    if ontbrekend and haalt(plan) and gesteund:
        gaten_deel_slot = gaten_deel + ": zonder die cijfers is het oordeel hoogstens risico"
        delen = [*delen[:-1], gaten_deel_slot]
    return Oordeel(RISICO, _zin(delen), ONZEKER, ontbrekend)


def als_dict(o: Oordeel) -> dict:
    return {
        "status": o.status,
        "reden": o.reden,
        "regel": o.regel,
        "ontbrekende_maanden": [str(m) for m in o.ontbrekende_maanden],
    }


def uit_dict(d: dict) -> Oordeel:
    return Oordeel(
        d["status"],
        d["reden"],
        d["regel"],
        tuple(Maand.parse(m) for m in d["ontbrekende_maanden"]),
    )
