"""Columnar inputs for many gemeenten at once (numpy; no Django import).

The large, month-by-month tables (realisation, entered months, planning, supply, koppelingen)
travel as one ``Tabel`` each (a numpy array per column) with a gemeente column ``g`` and a
month index ``m``
(jaar * 12 + maand - 1), so the engine filters and aggregates them for every gemeente in one
vectorised step. The small per-gemeente facts (milestones, quotas, plans, shares, expected
supply, AMV cohorts) travel as plain dataclasses in ``Gemeentegegevens``.

``batch_uit_invoer`` builds a batch from ``Invoer`` values (tests, a single gemeente);
``prognose.selectors.invoer`` builds the same frames straight from query rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

import numpy as np

from kern.perioden import Halfjaar, Maand
from kern.regels import Mijlpaal
from prognose.rekenen.gegevens import (
    Aanbodverwachting,
    Actietype,
    Afspraak,
    AmvCohort,
    Invoer,
    Plan,
    Planregel,
    Taakbijstelling,
)

KOLOMMEN = {
    "realisatie": ("g", "m", "tellend", "gehuisvest", "woningen"),
    "har": ("g", "m", "instroom", "uitstroom"),
    "ingevoerd": ("g", "m"),
    "planning": ("g", "m", "actie", "woningen", "pm", "bezetting_centi", "plan"),
    "aanbod": ("g", "corporatie", "m", "mutaties"),
    "koppelingen": ("g", "m", "personen"),
}
_TYPES = {
    "g": "int64",
    "m": "int64",
    "tellend": "int64",
    "gehuisvest": "int64",
    "woningen": "int64",
    "instroom": "int64",
    "uitstroom": "int64",
    "actie": "object",
    "pm": "bool",
    "bezetting_centi": "int64",
    "plan": "int64",  # the plan's start date as a day ordinal (plans are unique per start)
    "corporatie": "object",  # the corporatie's slug: stable across installations
    "mutaties": "int64",
    "personen": "int64",
}


def maand_index(m: Maand) -> int:
    return m.jaar * 12 + m.nummer - 1


@cache
def maand_uit_index(i: int) -> Maand:
    """Cached: a forecast asks for the same few hundred months hundreds of thousands of
    times, and a Maand is an immutable value."""
    return Maand(i // 12, i % 12 + 1)


def centi(bezetting: Decimal) -> int:
    """Persons per dwelling in hundredths; bezetting has at most two decimals (model field)."""
    waarde = bezetting * 100
    if waarde != waarde.to_integral_value():
        raise ValueError(f"bezetting {bezetting} heeft meer dan twee decimalen")
    return int(waarde)


# Columns of equal length by name, each a typed numpy array (text columns ``object``). No
# pandas: the engine only filters and joins columns with numpy, and importing pandas cost
# every process that loads the forecast (each management command, each worker) 0.8 s of its
# start-up.
Tabel = dict[str, np.ndarray]


def frame(naam: str, rijen) -> Tabel:
    """Column by column from the rows of table ``naam`` (``KOLOMMEN``)."""
    kolommen = KOLOMMEN[naam]
    rijen = list(rijen)
    waarden = list(zip(*rijen, strict=True)) if rijen else [() for _ in kolommen]
    return {k: np.array(w, dtype=_TYPES[k]) for k, w in zip(kolommen, waarden, strict=True)}


@dataclass(frozen=True)
class Gemeentegegevens:
    gemeente_id: int
    cbs_code: str
    naam: str
    mijlpalen: tuple[Mijlpaal, ...]
    taakstellingen: tuple[tuple[Halfjaar, int], ...]
    opening: tuple[Halfjaar, int] | None
    plannen: tuple[Plan, ...]
    acties: tuple[str, ...]  # ActieType codes of the gemeente's plans (also without months)
    verwachtingen: tuple[Aanbodverwachting, ...]
    afspraken: tuple[Afspraak, ...]
    amv: tuple[AmvCohort, ...]
    standaard_bezetting: Decimal
    bijstellingen: tuple[Taakbijstelling, ...] = ()  # each revision of a quota, for the flag
    huishoudens: tuple[tuple[date, date | None, int], ...] = ()  # see gegevens.Gemeentegegevens
    per_huishouden: frozenset[Maand] = frozenset()


@dataclass
class Batch:
    gemeenten: dict[int, Gemeentegegevens]
    actietypen: dict[str, Actietype]
    realisatie: Tabel
    har: Tabel
    ingevoerd: Tabel
    planning: Tabel
    aanbod: Tabel
    koppelingen: Tabel
    corporatienamen: dict[str, str] = field(default_factory=dict)  # slug -> name, for texts


def _plan_van(regel: Planregel, plannen) -> int:
    """The plan of a planning row as a day ordinal: its own, else the newest plan covering
    its month (0: none)."""
    if regel.plan is not None:
        return regel.plan.toordinal()
    dekkend = [p.geldig_vanaf for p in plannen if p.dekt(regel.maand)]
    return max(dekkend).toordinal() if dekkend else 0


def batch_uit_invoer(invoeren: list[Invoer]) -> Batch:
    realisatie: dict[tuple[int, int], list[int]] = {}
    har: dict[tuple[int, int], list[int]] = {}
    ingevoerd, planning, aanbod, koppelingen = [], [], [], []
    gemeenten: dict[int, Gemeentegegevens] = {}
    actietypen: dict[str, Actietype] = {}
    for inv in invoeren:
        g = inv.gemeente_id
        for r in inv.realisatie:
            som = realisatie.setdefault((g, maand_index(r.maand)), [0, 0, 0])
            som[0] += r.personen_tellend
            som[1] += r.personen_gehuisvest
            som[2] += r.woningen
            if r.bron in ("har", "har_uitplaatsing"):
                h = har.setdefault((g, maand_index(r.maand)), [0, 0])
                h[0 if r.bron == "har" else 1] += r.personen_gehuisvest
        ingevoerd += [(g, maand_index(m)) for m in inv.ingevoerd]
        planning += [
            (
                g,
                maand_index(p.maand),
                p.actie,
                0 if p.woningen is None else p.woningen,
                p.woningen is None,
                centi(p.bezetting),
                _plan_van(p, inv.plannen),
            )
            for p in inv.planning
        ]
        aanbod += [(g, a.corporatie, maand_index(a.maand), a.mutaties) for a in inv.aanbod]
        koppelingen += [(g, maand_index(m), n) for m, n in inv.koppelingen]
        for t in inv.actietypen:
            actietypen[t.code] = t
        gemeenten[g] = Gemeentegegevens(
            gemeente_id=g,
            cbs_code=inv.cbs_code,
            naam=inv.naam,
            mijlpalen=tuple(inv.mijlpalen),
            taakstellingen=tuple(inv.taakstellingen),
            opening=inv.opening,
            plannen=tuple(inv.plannen),
            acties=tuple(sorted({p.actie for p in inv.planning})),
            verwachtingen=tuple(inv.verwachtingen),
            afspraken=tuple(inv.afspraken),
            amv=tuple(inv.amv),
            standaard_bezetting=inv.standaard_bezetting,
            bijstellingen=tuple(inv.bijstellingen),
            huishoudens=tuple(inv.huishoudens),
            per_huishouden=frozenset(inv.per_huishouden),
        )
    return Batch(
        gemeenten=gemeenten,
        actietypen=actietypen,
        realisatie=frame("realisatie", ((g, m, *v) for (g, m), v in realisatie.items())),
        har=frame("har", ((g, m, *v) for (g, m), v in har.items())),
        ingevoerd=frame("ingevoerd", ingevoerd),
        planning=frame("planning", planning),
        aanbod=frame("aanbod", aanbod),
        koppelingen=frame("koppelingen", koppelingen),
    )
