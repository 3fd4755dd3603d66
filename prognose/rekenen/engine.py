"""The forecast (R10): will each milestone be met? Pure Python and numpy; no Django.

Per gemeente, per milestone of the current half-year onwards, at a peildatum:

- **plan**: counted realisation so far + the planned persons of the months still to come
  (dwellings x each action's bezetting; pm is listed, never summed). A month is read from the
  newest plan covering it (a revision replaces, never adds); a month that plan leaves empty
  is unknown, not 0, and is estimated at the trend, said in the reason; stopped actions are
  not loaded;
- **trend**: counted realisation so far + the recent monthly rate carried forward. The rate is
  the average counted persons of the last ``TREND_VENSTER`` (3) months *with figures* among
  the ``TREND_TERUG`` (6) months before the peildatum. Three months (a quarter) smooth the
  lumps a single month has (a group of AMV'ers, a block of bought dwellings, a HAR batch) and
  still react within a quarter when measures start to work; months older than half a year
  describe the situation the plan is meant to change. A month without figures is skipped,
  never read as 0;
- **capaciteit**: counted realisation so far + the corporate capacity for VH (mutaties from the
  supply figures, else the expected supply, x share to urgenten x share to VH, never above the
  prestatieafspraak cap; shares day-weighted in a month they change) x bezetting + the planned
  persons of actions outside the corporate supply.

Months that ended before the peildatum without figures are missing, not zero: every method
estimates them the way it estimates the months still to come, and a flag names them.

For each: persons at the milestone (exact), the difference with the target, what is lacking
per month, the month the target is (expected to be) reached and a status with one Dutch
sentence: *op koers* (forecast >= target), *risico* (short by at most ``RISICOMARGE``, 10%,
of what still has to be realised: a modest acceleration closes it), *niet haalbaar* (short
by more, or no months left).

**Kans**: the probability that the target is met and the P10-P90 band of persons, by Monte
Carlo: ``TREKKINGEN`` (2,000) paths, each month the plan's persons (where no plan covers a
month: the trend rate) times a factor resampled from the gemeente's own monthly history
(the last ``HISTORIE_TERUG`` (12) months with figures):

- ``plan``: realised / planned persons of past months that had a plan (at least 3 months):
  the gemeente's own record of delivering its plan;
- ``standaard``: without that record, the stated default: factors 0.5, 0.75, 1, 1.25 and 1.5
  (the plan give or take half; coefficient of variation about 35%), said as "geen
  planhistorie";
- ``historie``: without that record but with a month-to-month swing of its own (counted
  persons / their average, at least 3 months) wider than the default: that swing;
- ``onbekend``: a month with neither plan nor trend has no centre: no probability, not 0%.

The random generator is seeded from the inputs and the last month with figures (not the exact
peildatum), so the same figures give exactly the same output, and a gemeente's result does
not depend on which other gemeenten are computed with it. ``ENGINE_VERSIE`` is a hash of the
source of the modules that shape a result.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

import numpy as np

from kern import aanbod as kern_aanbod
from kern import opmaak, regels
from kern import perioden as kern_perioden
from kern.aanbod import Aandeel, aandeel_op, capaciteit_vh, vh_fractie_in_maand
from kern.perioden import Halfjaar, Maand
from prognose.rekenen import batch as batch_module
from prognose.rekenen import gegevens as gegevens_module
from prognose.rekenen import oordeel as oordeel_module
from prognose.rekenen import scenario as scenario_regels
from prognose.rekenen import signalen, verdelen
from prognose.rekenen.batch import (
    Batch,
    Gemeentegegevens,
    Tabel,
    batch_uit_invoer,
    centi,
    maand_index,
)
from prognose.rekenen.batch import maand_uit_index as _m
from prognose.rekenen.gegevens import (
    NIET_HAALBAAR,
    ONBEKEND,
    OP_KOERS,
    RISICO,
    Actie,
    Afspraak,
    Invoer,
    Kans,
    MijlpaalPrognose,
    Prognose,
    Signaal,
    Trend,
    Voorspelling,
    beoordeel_mijlpaal,
    weergave,
)
from prognose.rekenen.oordeel import RISICOMARGE
from prognose.rekenen.scenario import Parameters


def _engine_versie() -> str:
    """'2-' and 12 hex digits of the SHA-256 of the source of every module that shapes a
    result: any change to the forecast's code gives a new version, so stored snapshots of the
    old code are recomputed (not reused because their inputs hash matches) without anyone
    having to remember to bump a number. A change that alters no result (a comment) costs one
    needless recompute, nothing more."""
    h = hashlib.sha256()
    for module in (
        batch_module,
        gegevens_module,
        oordeel_module,
        scenario_regels,
        signalen,
        opmaak,
        kern_aanbod,
        regels,
        kern_perioden,
    ):
        h.update(Path(module.__file__).read_bytes())
    h.update(Path(__file__).read_bytes())
    return "2-" + h.hexdigest()[:12]


ENGINE_VERSIE = _engine_versie()
# The random draws follow the inputs, not the source code: moving or tidying the code (which
# changes ENGINE_VERSIE and so the inputs hash, forcing a recompute) must draw the same paths
# and give the same probability. This is the engine version the draws were seeded with when
# the version still followed the source (the figures in
# tests/prognose/prognose_20_gemeenten.json.gz); change it only to redraw on purpose.
ZAAD_VERSIE = "2-973e6905d917"
TREND_VENSTER = 3
TREND_TERUG = 6
HISTORIE_TERUG = 12
MIN_HISTORIE = 3
TREKKINGEN = 2000
STANDAARD_FACTOREN = (0.5, 0.75, 1.0, 1.25, 1.5)
HORIZON = 36  # months after the peildatum searched for the month a target is reached


@dataclass(frozen=True)
class Opdracht:
    """Compute one gemeente at one peildatum, for the basis or a scenario."""

    gemeente_id: int
    peildatum: date
    parameters: Parameters = field(default_factory=Parameters)
    scenario: str | None = None


# --- default peildatum and bezetting (mirrors rapportage.peildatum / bemiddeling.selectors) ---


def standaard_peildatum(ingevoerd: Sequence[Maand] | set[Maand], vandaag: date) -> date:
    """The day after the last entered month, never later than today."""
    bekend = [m for m in ingevoerd if m.eerste_dag <= vandaag]
    if not bekend:
        return vandaag
    return min(vandaag, max(bekend).plus(1).eerste_dag)


def standaard_peildata(batch: Batch, vandaag: date) -> dict[int, date]:
    """``standaard_peildatum`` for every gemeente of the batch, in one vectorised step."""
    grens = maand_index(Maand.van(vandaag))
    g, m = batch.ingevoerd["g"], batch.ingevoerd["m"]
    binnen = m <= grens
    laatste: dict[int, int] = {}
    if binnen.any():
        gemeenten, positie = np.unique(g[binnen], return_inverse=True)
        hoogste = np.full(len(gemeenten), np.iinfo(np.int64).min)
        np.maximum.at(hoogste, positie, m[binnen])
        laatste = dict(zip(gemeenten.tolist(), hoogste.tolist(), strict=True))
    uitkomst = {}
    for g in batch.gemeenten:
        if g in laatste:
            uitkomst[g] = min(vandaag, _m(int(laatste[g]) + 1).eerste_dag)
        else:
            uitkomst[g] = vandaag
    return uitkomst


def plan_op(plannen: Sequence, peildatum: date):
    """The plan in force on the peildatum, else the next one to start, else the last one."""
    gesorteerd = sorted(plannen, key=lambda p: p.geldig_vanaf)
    for p in gesorteerd:
        if p.geldig_vanaf <= peildatum <= p.geldig_tot:
            return p
    komend = [p for p in gesorteerd if p.geldig_vanaf > peildatum]
    if komend:
        return komend[0]
    return gesorteerd[-1] if gesorteerd else None


# --- shares per month -------------------------------------------------------------------


def aandeel_in_maand(maand: Maand, aandelen: Sequence[Aandeel]) -> Fraction | None:
    """Day-weighted share over a month, as ``kern.aanbod.aandeel_in_maand`` but by
    segments between validity dates instead of day by day."""
    begin = maand.eerste_dag
    einde = maand.laatste_dag + timedelta(days=1)
    punten = {begin}
    for a in aandelen:
        if begin < a.geldig_vanaf < einde:
            punten.add(a.geldig_vanaf)
        if a.geldig_tot is not None and begin < a.geldig_tot < einde:
            punten.add(a.geldig_tot)
    if len(punten) == 1:  # no agreement starts or ends inside the month: one share all month
        waarde = aandeel_op(begin, aandelen)
        return None if waarde is None else Fraction(waarde)
    reeks = sorted(punten)
    totaal = Fraction(0)
    for i, start in enumerate(reeks):
        stop = reeks[i + 1] if i + 1 < len(reeks) else einde
        waarde = aandeel_op(start, aandelen)
        if waarde is None:
            return None
        totaal += waarde * (stop - start).days
    return totaal / maand.dagen


_SOORTEN = ("aandeel_urgenten", "aandeel_vh", "plafond_vh")


class _Aandelen:
    """Shares per corporatie per month: a corporatie's own agreement beats the general one."""

    def __init__(self, afspraken: Sequence[Afspraak]):
        self._per: dict[tuple[str, str | None], list[Aandeel]] = {}
        for a in afspraken:
            self._per.setdefault((a.soort, a.corporatie), []).append(a.aandeel)
        self._cache: dict[tuple[str, str | None, int], Fraction | None] = {}

    def _samengesteld(self, soort: str, corporatie: str) -> list[Aandeel]:
        eigen = self._per.get((soort, corporatie), [])
        algemeen = self._per.get((soort, None), [])
        if not eigen:
            return algemeen
        # Days covered by the corporatie's own agreement use it; other days the general one.
        # Cut the general shares around the own ones so aandeel_op sees one share per day.
        uitkomst = list(eigen)
        for a in algemeen:
            stukken = [(a.geldig_vanaf, a.geldig_tot)]
            for e in eigen:
                nieuw = []
                for van, tot in stukken:
                    e_tot = e.geldig_tot or date.max
                    tot_ = tot or date.max
                    if e_tot <= van or e.geldig_vanaf >= tot_:
                        nieuw.append((van, tot))
                        continue
                    if van < e.geldig_vanaf:
                        nieuw.append((van, e.geldig_vanaf))
                    if e.geldig_tot is not None and e_tot < tot_:
                        nieuw.append((e.geldig_tot, tot))
                stukken = nieuw
            uitkomst += [Aandeel(a.waarde, van, tot) for van, tot in stukken]
        return uitkomst

    def _sleutel(self, soort: str, corporatie: str, m: int) -> tuple:
        # Corporaties without an agreement of their own share the general one's cache entry.
        eigen = corporatie if (soort, corporatie) in self._per else None
        return (soort, eigen, m)

    def in_maand(self, soort: str, corporatie: str, m: int) -> Fraction | None:
        sleutel = self._sleutel(soort, corporatie, m)
        if sleutel not in self._cache:
            self._cache[sleutel] = aandeel_in_maand(_m(m), self._samengesteld(soort, corporatie))
        return self._cache[sleutel]

    def vh_fractie(self, corporatie: str, m: int) -> Fraction | None:
        """Share of the month's mutaties for VH, the cap applied day by day (R9)."""
        eigen = any((s, corporatie) in self._per for s in _SOORTEN)
        sleutel = ("vh_fractie", corporatie if eigen else None, m)
        if sleutel not in self._cache:
            self._cache[sleutel] = vh_fractie_in_maand(
                _m(m), *(self._samengesteld(s, corporatie) for s in _SOORTEN)
            )
        return self._cache[sleutel]

    def beschrijving(self, soort: str, vanaf: date) -> str | None:
        """'40% tot 1 jul 2023, daarna 35%' for the general agreements from ``vanaf`` on."""
        aandelen = sorted(
            (
                a
                for a in self._per.get((soort, None), [])
                if a.geldig_tot is None or a.geldig_tot > vanaf
            ),
            key=lambda a: a.geldig_vanaf,
        )
        if not aandelen:
            return None
        delen = []
        for i, a in enumerate(aandelen):
            tekst = _aandeel_nl(a.waarde)
            if i > 0:
                tekst = f"vanaf {opmaak.datum(a.geldig_vanaf)} {tekst}"
            if a.geldig_tot is not None:
                tekst += f" tot {opmaak.datum(a.geldig_tot)}"
            delen.append(tekst)
        return ", ".join(delen)


def _aandeel_nl(f: Fraction) -> str:
    if (f * 100).denominator == 1:
        return opmaak.procent(f)
    if f.denominator <= 12:
        return f"{f.numerator}/{f.denominator}"
    return opmaak.procent(f, 1)


# --- the per-gemeente context after the vectorised windowing -----------------------------


@dataclass
class _Context:
    opdracht: Opdracht
    gegevens: Gemeentegegevens
    tot: int  # last month whose figures count
    van: int  # first month of the window
    eind: int  # last month of the horizon
    mijlpalen: list[regels.Mijlpaal]
    tellend: dict[int, int]  # counted persons per month in [van, tot]
    halfjaren: dict[int, int]  # counted persons per half-year index, months <= tot
    ingevoerd: set[int]  # entered months in [van, tot]
    planning: list[tuple[int, str, int, bool, int, int]]  # m, actie, woningen, pm, centi, plan
    aanbod: dict[tuple[str, int], int]  # (corporatie slug, m) -> mutaties
    koppelingen: dict[int, int]
    har: list[tuple[int, int, int]]  # m, instroom, uitstroom (months <= tot)
    corporatienamen: dict[str, str] = field(default_factory=dict)  # of its corporaties


class _Vensters:
    """Each opdracht's window (months ``van``..``tot``, planning and supply up to ``eind``)
    over the batch's frames: the inner join on the gemeente, done with numpy (a pandas merge
    costs more than the work itself when one gemeente is recomputed)."""

    def __init__(self, vensters: list[tuple[int, int, int, int, int]]):
        rijen = np.array(vensters, dtype=np.int64).reshape(-1, 5)
        volgorde = np.argsort(rijen[:, 1], kind="stable")  # by gemeente, then opdracht
        self.o, self.g, self.van, self.tot, self.eind = (rijen[volgorde, k] for k in range(5))

    def koppel(
        self, df: Tabel, kolommen: list[str], tot_grens: bool, van_grens: bool = True
    ) -> dict[str, np.ndarray]:
        """The rows of ``df`` inside each opdracht's window, with the opdracht as ``o``."""
        g = df["g"]
        links = np.searchsorted(self.g, g, "left")
        aantal = np.searchsorted(self.g, g, "right") - links
        bron = np.repeat(np.arange(len(g)), aantal)
        binnen = np.arange(len(bron)) - np.repeat(np.cumsum(aantal) - aantal, aantal)
        vi = np.repeat(links, aantal) + binnen
        m = df["m"][bron]
        masker = m <= (self.tot[vi] if tot_grens else self.eind[vi])
        if van_grens:
            masker &= m >= self.van[vi]
        uit = {"o": self.o[vi][masker], "m": m[masker]}
        for k in kolommen:
            if k not in uit:
                uit[k] = df[k][bron][masker]
        return uit


def _splits(kol: dict[str, np.ndarray], n: int, kolommen: list[str]) -> list[list[tuple]]:
    """Rows per opdracht (column ``o``, then by month), as plain tuples."""
    uitkomst: list[list[tuple]] = [[] for _ in range(n)]
    if not len(kol["o"]):
        return uitkomst
    volgorde = np.lexsort((kol["m"], kol["o"]))  # stable: by opdracht, then month
    o = kol["o"][volgorde]
    grenzen = np.searchsorted(o, np.arange(n + 1))
    rijen = list(zip(*(kol[k][volgorde].tolist() for k in kolommen), strict=True))
    for i in range(n):
        uitkomst[i] = rijen[grenzen[i] : grenzen[i + 1]]
    return uitkomst


def _halfjaren(kol: dict[str, np.ndarray], n: int) -> list[list[tuple]]:
    """Counted persons per opdracht per half-year index (jaar * 2 + helft - 1)."""
    uitkomst: list[list[tuple]] = [[] for _ in range(n)]
    if not len(kol["o"]):
        return uitkomst
    h = (kol["m"] // 12) * 2 + (kol["m"] % 12 >= 6)
    volgorde = np.lexsort((h, kol["o"]))
    o, h, t = kol["o"][volgorde], h[volgorde], kol["tellend"][volgorde]
    nieuw = np.flatnonzero(np.r_[True, (o[1:] != o[:-1]) | (h[1:] != h[:-1])])
    sommen = np.add.reduceat(t, nieuw)
    for oi, hi, som in zip(o[nieuw].tolist(), h[nieuw].tolist(), sommen.tolist(), strict=True):
        uitkomst[oi].append((hi, som))
    return uitkomst


def _contexten(batch: Batch, opdrachten: Sequence[Opdracht]) -> list[_Context]:
    vensters = []
    for i, o in enumerate(opdrachten):
        gegevens = batch.gemeenten[o.gemeente_id]
        tot = maand_index(Maand.van(o.peildatum)) - 1
        # Milestones of the current half-year onwards, and those of the previous half-year:
        # one of those stays while months counting for it have no figures (voorlopig).
        begin_vorig = Halfjaar.van(o.peildatum).plus(-1).begin
        mijlpalen = sorted(
            (m for m in gegevens.mijlpalen if m.datum >= begin_vorig),
            key=lambda m: (m.datum, m.doel),
        )
        start = min(
            [maand_index(Maand.van(m.startdatum)) for m in mijlpalen] + [tot + 1],
        )
        vorig_halfjaar = maand_index(Halfjaar.van(o.peildatum).plus(-1).eerste_maand)
        van = min(start, tot - (HISTORIE_TERUG - 1), vorig_halfjaar)
        laatste = max([maand_index(Maand.van(m.datum)) for m in mijlpalen] + [tot])
        eind = max(tot + HORIZON, laatste)
        vensters.append((i, o.gemeente_id, van, tot, eind, mijlpalen))
    n = len(opdrachten)
    v = _Vensters([(i, g, van, tot, eind) for i, g, van, tot, eind, _ in vensters])

    real = v.koppel(batch.realisatie, ["tellend"], tot_grens=True)
    alle_real = v.koppel(batch.realisatie, ["tellend"], tot_grens=True, van_grens=False)
    ingevoerd = v.koppel(batch.ingevoerd, [], tot_grens=True)
    planning = v.koppel(
        batch.planning, ["actie", "woningen", "pm", "bezetting_centi", "plan"], tot_grens=False
    )
    aanbod = v.koppel(batch.aanbod, ["corporatie", "mutaties"], tot_grens=False)
    koppelingen = v.koppel(batch.koppelingen, ["personen"], tot_grens=True)
    har = v.koppel(batch.har, ["instroom", "uitstroom"], tot_grens=True, van_grens=False)

    real_per = _splits(real, n, ["m", "tellend"])
    half_per = _halfjaren(alle_real, n)
    ingevoerd_per = _splits(ingevoerd, n, ["m"])
    planning_per = _splits(planning, n, ["m", "actie", "woningen", "pm", "bezetting_centi", "plan"])
    aanbod_per = _splits(aanbod, n, ["corporatie", "m", "mutaties"])
    koppel_per = _splits(koppelingen, n, ["m", "personen"])
    har_per = _splits(har, n, ["m", "instroom", "uitstroom"])

    uitkomst = []
    for i, g, van, tot, eind, mijlpalen in vensters:
        uitkomst.append(
            _Context(
                opdracht=opdrachten[i],
                gegevens=batch.gemeenten[g],
                tot=tot,
                van=van,
                eind=eind,
                mijlpalen=mijlpalen,
                tellend={m: t for m, t in real_per[i]},
                halfjaren={h: t for h, t in half_per[i]},
                ingevoerd={m for (m,) in ingevoerd_per[i]},
                planning=sorted(planning_per[i]),
                aanbod={(c, m): n for c, m, n in aanbod_per[i]},
                koppelingen={m: p for m, p in koppel_per[i]},
                har=sorted(har_per[i]),
                corporatienamen=_namen(batch, aanbod_per[i], batch.gemeenten[g]),
            )
        )
    return uitkomst


def _namen(batch: Batch, aanbod: list[tuple], gegevens: Gemeentegegevens) -> dict[str, str]:
    """Names of the corporaties of one window (texts name them; the hash covers them)."""
    if not batch.corporatienamen:
        return {}
    slugs = {c for c, _, _ in aanbod} | {v.corporatie for v in gegevens.verwachtingen}
    return {c: batch.corporatienamen[c] for c in sorted(slugs) if c in batch.corporatienamen}


# --- hashing ------------------------------------------------------------------------------


PIJPLIJN_BRON = "gemiddelde huishoudgrootte uit de pijplijn"


def pijplijn_bezetting(g: Gemeentegegevens, peildatum: date) -> Decimal | None:
    """The mean size of the households waiting at the peildatum, expected nareizigers
    included, when the gemeente works per household in the peildatum's month or the month
    before (issue 14 §9): each needs one dwelling, so their mean size is the bezetting the
    forecast needs, instead of the assumed one. None otherwise, or when none wait. Rounded
    to two decimals (half up), as a plan's bezetting is entered."""
    maand = Maand.van(peildatum)
    if maand not in g.per_huishouden and maand.plus(-1) not in g.per_huishouden:
        return None
    maten = [
        p
        for koppel, eind, p in g.huishoudens
        if koppel <= peildatum and (eind is None or eind > peildatum)
    ]
    if not maten:
        return None
    return (Decimal(sum(maten)) / len(maten)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _canoniek(ctx: _Context, actietypen: dict) -> dict:
    g = ctx.gegevens
    o = ctx.opdracht
    uit_pijplijn = pijplijn_bezetting(g, o.peildatum)
    # Only where it applies: every other gemeente keeps its hash (and its snapshots).
    extra = {} if uit_pijplijn is None else {"pijplijn_bezetting": str(uit_pijplijn)}
    return extra | {
        "engine": ENGINE_VERSIE,
        "peildatum": o.peildatum.isoformat(),
        "scenario": o.scenario,
        "parameters": scenario_regels.als_dict(o.parameters),
        # Stable keys only (CBS code, slugs), no database ids: the same figures give the same
        # hash, and so the same random draws, in every installation.
        "gemeente": [g.cbs_code, g.naam, str(g.standaard_bezetting)],
        "mijlpalen": [
            [m.datum.isoformat(), m.doel, m.startdatum.isoformat(), m.gezet_door, m.omschrijving]
            for m in g.mijlpalen
        ],
        "taakstellingen": [[str(h), n] for h, n in g.taakstellingen],
        # Only a flag reads the revisions (the quota above already holds them): in the
        # inputs hash, not in the seed (``hashes``), so the draws stay as they were.
        "bijstellingen": [
            [str(b.halfjaar), b.datum.isoformat(), b.was, b.nieuw] for b in g.bijstellingen
        ],
        "opening": None if g.opening is None else [str(g.opening[0]), g.opening[1]],
        "plannen": [
            [p.naam, p.geldig_vanaf.isoformat(), p.geldig_tot.isoformat(), str(p.bezetting)]
            for p in sorted(g.plannen, key=lambda p: p.geldig_vanaf)
        ],
        "acties": list(g.acties),
        "actietypen": [
            [c, actietypen[c].naam, actietypen[c].via_corporatie]
            for c in sorted({*g.acties, *(c for _, c, *_ in ctx.planning)})
            if c in actietypen
        ],
        "verwachtingen": sorted(
            [v.corporatie, v.geldig_vanaf.isoformat(), str(v.mutaties_per_maand)]
            for v in g.verwachtingen
        ),
        "afspraken": sorted(
            [
                a.soort,
                a.corporatie or "",
                str(a.aandeel.waarde),
                a.aandeel.geldig_vanaf.isoformat(),
                None if a.aandeel.geldig_tot is None else a.aandeel.geldig_tot.isoformat(),
            ]
            for a in g.afspraken
        ),
        "amv": sorted([str(a.geboortemaand), str(a.gehuisvest_in), a.aantal] for a in g.amv),
        "tellend": sorted(ctx.tellend.items()),
        "halfjaren": sorted(ctx.halfjaren.items()),
        "ingevoerd": sorted(ctx.ingevoerd),
        # Tuples are JSON arrays like lists (the same text, the same hash), without copies.
        "planning": ctx.planning,
        "aanbod": sorted((c, m, n) for (c, m), n in ctx.aanbod.items()),
        "koppelingen": sorted(ctx.koppelingen.items()),
        "har": ctx.har,
        "corporatienamen": sorted(ctx.corporatienamen.items()),
    }


def hashes(ctx: _Context, actietypen: dict) -> tuple[str, int]:
    """(inputs hash, random seed). The hash covers the exact peildatum (the flags read it);
    the seed only the last month whose figures count, so two peildata in the same month with
    the same figures draw the same paths and give the same probability. The seed reads the
    scenario's parameters in their canonical form (``scenario.als_dict``), never its name."""
    canoniek = _canoniek(ctx, actietypen)
    peildatum = canoniek.pop("peildatum")
    # The inputs are serialised once (most of the cost of hashing): the seed's text, and the
    # inputs hash over that text plus what the seed leaves out (engine version, scenario
    # name, revisions of the quota).
    eigen = [canoniek.pop("engine"), canoniek["scenario"], canoniek.pop("bijstellingen")]
    canoniek["engine"] = ZAAD_VERSIE
    # The draws follow what is computed, not what it is called: a scenario saved under a name
    # and the same parameters unsaved ("uw scenario") draw the same paths (the basis has no
    # name, so its draws are as before).
    canoniek["scenario"] = None
    zaadtekst = json.dumps(canoniek, sort_keys=True, separators=(",", ":"))
    eigen_tekst = json.dumps(eigen, separators=(",", ":"))
    invoer = hashlib.sha256(f"{peildatum}|{eigen_tekst}|{zaadtekst}".encode()).hexdigest()
    zaad = hashlib.sha256(f"{_m(ctx.tot)}|{zaadtekst}".encode()).hexdigest()
    return invoer, int(zaad[:16], 16)


def invoer_hash(ctx: _Context, actietypen: dict) -> str:
    return hashes(ctx, actietypen)[0]


# --- the computation of one context -----------------------------------------------------


def _telt(m: int, mijlpaal: regels.Mijlpaal) -> bool:
    """``regels.telt_voor_mijlpaal`` on month indexes: the months that count for a milestone
    are one unbroken range, computed once per (start date, date)."""
    laag, hoog = _telbereik(mijlpaal.startdatum, mijlpaal.datum)
    return laag <= m <= hoog


@cache
def _telbereik(startdatum: date, datum: date) -> tuple[int, int]:
    """First month whose first day is on/after the start date, last month whose last day is
    on/before the milestone date (R5)."""
    laag = maand_index(Maand.van(startdatum)) + (0 if startdatum.day == 1 else 1)
    eind = Maand.van(datum)
    hoog = maand_index(eind) - (0 if datum == eind.laatste_dag else 1)
    return laag, hoog


def _periode(maanden: Sequence[int]) -> str:
    if not maanden:
        return ""
    eerste, laatste = _m(min(maanden)), _m(max(maanden))
    if eerste == laatste:
        return eerste.naam
    if eerste.jaar == laatste.jaar:
        return f"{eerste.naam.split()[0]}–{laatste.naam}"
    return f"{eerste.naam}–{laatste.naam}"


def _getal(x, decimalen: int = 0) -> str:
    return opmaak.getal(x, decimalen)


def _getal_kort(x: Fraction | Decimal | int) -> str:
    """One decimal where it matters, none where it does not (292,6 / 293)."""
    f = x if isinstance(x, Fraction) else Fraction(x)
    if f.denominator == 1:
        return opmaak.getal(f)
    return opmaak.getal(f, 1)


@dataclass
class _Reeksen:
    """Month-by-month values the three methods need, computed once per context.

    A scenario changes only months being forecast: those after the peildatum and past months
    without figures. History stays as entered.
    """

    ctx: _Context
    actietypen: dict
    bezetting: Decimal
    bezetting_centi: int | None  # the scenario's override
    ontbrekend: set[int]
    aandelen: _Aandelen
    corporaties: list[str]
    plan_per_maand: dict[int, dict[str, list]]  # m -> actie -> [woningen, centi, pm]
    capaciteit_cache: dict[int, tuple[Fraction | None, str | None]] = field(default_factory=dict)
    cellen_cache: dict[int, list] = field(default_factory=dict)
    plan_cache: dict[int, Fraction] = field(default_factory=dict)
    capaciteit_personen_cache: dict[int, tuple] = field(default_factory=dict)

    @property
    def bezetting_f(self) -> Fraction:
        return Fraction(self.bezetting)

    verwachting_per: dict[str, list] = field(default_factory=dict)

    def voorspeld(self, m: int) -> bool:
        return m > self.ctx.tot or m in self.ontbrekend

    def gedekt(self, m: int) -> bool:
        """The plan in force for month m has an entry for it (a number, 0 or pm). A month the
        plan leaves empty is not planned at 0: it is unknown, as on the plan page."""
        return m in self.plan_per_maand

    def via_corporatie(self, code: str) -> bool:
        t = self.actietypen.get(code)
        return bool(t and t.via_corporatie)

    def _cellen(self, m: int) -> list[tuple[str, int, int, bool]]:
        """(actie, woningen, centi, pm) of month m with the scenario applied."""
        if m not in self.cellen_cache:
            self.cellen_cache[m] = self._bereken_cellen(m)
        return self.cellen_cache[m]

    def _bereken_cellen(self, m: int) -> list[tuple[str, int, int, bool]]:
        toekomst = self.voorspeld(m)
        cellen = []
        for code, (woningen, c, pm) in self.plan_per_maand.get(m, {}).items():
            if toekomst and self.bezetting_centi is not None:
                c = self.bezetting_centi
            cellen.append((code, woningen, c, pm))
        extra = self.ctx.opdracht.parameters.extra_woningen
        if toekomst and extra:
            bestaand = self.plan_per_maand.get(m, {})
            standaard = self.bezetting_centi or centi(self.bezetting)
            for code, n in extra:
                if code not in self.actietypen:
                    continue
                cel = bestaand.get(code)
                c = cel[1] if cel and self.bezetting_centi is None else standaard
                cellen.append((code, n, c, False))
        return cellen

    def plan(self, m: int) -> Fraction:
        """Planned persons in month m (pm excluded), exact."""
        if m not in self.plan_cache:
            centi_personen = sum(w * c for _, w, c, pm in self._cellen(m) if not pm)
            self.plan_cache[m] = Fraction(centi_personen, 100)
        return self.plan_cache[m]

    def plan_woningen(self, m: int) -> int:
        return sum(w for _, w, _, pm in self._cellen(m) if not pm)

    def plan_corporatie_woningen(self, m: int) -> int:
        return sum(w for code, w, _, pm in self._cellen(m) if not pm and self.via_corporatie(code))

    def plan_buiten_corporaties(self, m: int) -> tuple[Fraction, int]:
        """(persons, dwellings) planned outside the corporate supply in month m."""
        cellen = [
            (w, c) for code, w, c, pm in self._cellen(m) if not pm and not self.via_corporatie(code)
        ]
        return Fraction(sum(w * c for w, c in cellen), 100), sum(w for w, _ in cellen)

    def pm_acties(self, maanden: Sequence[int]) -> list[str]:
        codes: list[str] = []
        for m in maanden:
            for code, _, _, pm in self._cellen(m):
                if pm and code not in codes:
                    codes.append(code)
        return codes

    def mutaties(self, corporatie: str, m: int) -> Fraction | None:
        """The month's supply figure, else the expected supply in force at its start."""
        if (corporatie, m) in self.ctx.aanbod:
            return Fraction(self.ctx.aanbod[(corporatie, m)])
        if not self.verwachting_per:
            for v in sorted(self.ctx.gegevens.verwachtingen, key=lambda v: v.geldig_vanaf):
                self.verwachting_per.setdefault(v.corporatie, []).append(
                    (v.geldig_vanaf, Fraction(v.mutaties_per_maand))
                )
        eerste = _m(m).eerste_dag
        waarde = None
        for vanaf, mutaties in self.verwachting_per.get(corporatie, []):
            if vanaf > eerste:
                break
            waarde = mutaties
        return waarde

    def capaciteit_woningen(self, m: int) -> tuple[Fraction | None, str | None]:
        """Corporate dwellings for VH in month m (R9), or None with the reason in Dutch."""
        if m in self.capaciteit_cache:
            return self.capaciteit_cache[m]
        totaal = Fraction(0)
        bekend = False
        reden = None
        for c in self.corporaties:
            mutaties = self.mutaties(c, m)
            if mutaties is None:
                continue
            bekend = True
            fractie = self.aandelen.vh_fractie(c, m)
            if fractie is None:
                urgent = self.aandelen.in_maand("aandeel_urgenten", c, m)
                wat = "naar urgenten" if urgent is None else "naar vergunninghouders"
                reden = f"geen verdeelafspraak over het aandeel {wat} voor {_m(m).naam}"
                break
            totaal += capaciteit_vh(mutaties, fractie, Fraction(1))
        if reden is None and not bekend:
            reden = f"geen aanbodcijfers of aanbodverwachting voor {_m(m).naam}"
        uitkomst = (None, reden) if reden else (totaal, None)
        self.capaciteit_cache[m] = uitkomst
        return uitkomst

    def capaciteit(self, m: int) -> tuple[Fraction | None, str | None]:
        """Persons: corporate capacity x bezetting + planned persons outside the corporaties."""
        if m not in self.capaciteit_personen_cache:
            woningen, reden = self.capaciteit_woningen(m)
            if woningen is None:
                self.capaciteit_personen_cache[m] = (None, reden)
            else:
                buiten, _ = self.plan_buiten_corporaties(m)
                self.capaciteit_personen_cache[m] = (woningen * self.bezetting_f + buiten, None)
        return self.capaciteit_personen_cache[m]

    def mutaties_totaal(self, m: int) -> Fraction | None:
        waarden = [w for c in self.corporaties if (w := self.mutaties(c, m)) is not None]
        return sum(waarden, Fraction(0)) if waarden else None


def _reeksen(ctx: _Context, actietypen: dict, ontbrekend: set[int]) -> _Reeksen:
    g = ctx.gegevens
    p = ctx.opdracht.parameters
    plan = plan_op(g.plannen, ctx.opdracht.peildatum)
    if p.bezetting is not None:
        bezetting = p.bezetting
    elif (uit_pijplijn := pijplijn_bezetting(g, ctx.opdracht.peildatum)) is not None:
        bezetting = uit_pijplijn
    elif plan is not None:
        bezetting = plan.bezetting
    else:
        bezetting = g.standaard_bezetting
    # Where plans overlap, a month is read from the newest plan covering it (a revised plan
    # replaces the old one; it does not add to it).
    geldend: dict[int, int] = {}
    per_maand: dict[int, dict[str, list]] = {}
    for m, actie, woningen, pm, c, van in ctx.planning:
        if m not in geldend:
            dekkend = [p.geldig_vanaf for p in g.plannen if p.dekt(_m(m))]
            geldend[m] = max(dekkend).toordinal() if dekkend else 0
        if van != geldend[m]:
            continue
        cel = per_maand.setdefault(m, {}).setdefault(actie, [0, c, False])
        cel[0] += woningen
        cel[2] = cel[2] or pm
    afspraken = g.afspraken
    if p.aandeel_urgenten is not None or p.aandeel_vh is not None:
        vanaf = _m(min([*ontbrekend, ctx.tot + 1])).eerste_dag
        afspraken = scenario_regels.afspraken_met(afspraken, p, vanaf)
    corporaties = sorted({v.corporatie for v in g.verwachtingen} | {c for c, _ in ctx.aanbod})
    return _Reeksen(
        ctx=ctx,
        actietypen=actietypen,
        bezetting=bezetting,
        bezetting_centi=None if p.bezetting is None else centi(p.bezetting),
        ontbrekend=ontbrekend,
        aandelen=_Aandelen(afspraken),
        corporaties=corporaties,
        plan_per_maand=per_maand,
    )


def _trend(ctx: _Context, bekend: set[int]) -> Trend:
    kandidaten = sorted(m for m in bekend if ctx.tot - TREND_TERUG < m <= ctx.tot)
    gebruikt = kandidaten[-TREND_VENSTER:]
    if not gebruikt:
        return Trend((), None)
    som = sum(ctx.tellend.get(m, 0) for m in gebruikt)
    return Trend(tuple(_m(m) for m in gebruikt), Fraction(som, len(gebruikt)))


def _status(personen: Fraction, doel: int, gerealiseerd: int, maanden: int) -> str:
    if gerealiseerd >= doel or personen >= doel:
        return OP_KOERS
    if maanden == 0:
        return NIET_HAALBAAR
    if doel - personen <= RISICOMARGE * (doel - gerealiseerd):
        return RISICO
    return NIET_HAALBAAR


def _slot(personen: Fraction, doel: int, status: str, bezetting: Decimal, maanden: int) -> str:
    """The second half of a reason: where the forecast lands against the target. Figures as
    ``weergave`` shows them, so the sentence, the table and the status agree; the dwellings
    lacking are ceil(shortfall / bezetting) in all (R6), spread over the months."""
    waarde, decimalen = weergave(personen, doel)
    kern = f"komt de prognose op {_getal(waarde, decimalen)} personen"
    if personen >= doel:
        if waarde == doel:
            return f"{kern}, precies het doel van {_getal(doel)}"
        return f"{kern}, {_getal(waarde - doel)} boven het doel van {_getal(doel)}"
    tekort = doel - personen
    woningen = math.ceil(tekort / Fraction(bezetting))
    extra = (
        f"{_getal_kort(tekort / maanden)} personen "
        f"({_getal_kort(Fraction(woningen, maanden))} woningen) per maand extra"
    )
    onder = f"{kern}, {_getal(doel - waarde, decimalen)} onder het doel van {_getal(doel)}"
    if status == RISICO:
        return f"{onder}; {extra} is genoeg"
    return f"{onder}; daarvoor is {extra} nodig"


def _vast_reden(doel: int, gerealiseerd: int, maand_bereikt: Maand | None) -> str | None:
    if gerealiseerd >= doel:
        wanneer = f" in {maand_bereikt.naam}" if maand_bereikt else ""
        return (
            f"Het doel van {_getal(doel)} personen is{wanneer} al gehaald: "
            f"{_getal(gerealiseerd)} geteld."
        )
    return None


def _bereikt_historisch(ctx: _Context, mijlpaal: regels.Mijlpaal, doel: int) -> Maand | None:
    cumulatief = 0
    for m in sorted(ctx.tellend):
        if not _telt(m, mijlpaal):
            continue
        cumulatief += ctx.tellend[m]
        if cumulatief >= doel:
            return _m(m)
    return None


def _bereikt(
    start: int,
    reeks: list[tuple[int, Fraction]],
    doel: int,
    volgende,
    eind: int,
) -> Maand | None:
    """First month the cumulative forecast reaches the target; ``volgende(m)`` extends the
    series past the milestone (None: the method has nothing more to go on)."""
    cumulatief = Fraction(start)
    laatste = None
    for m, waarde in reeks:
        cumulatief += waarde
        laatste = m
        if cumulatief >= doel:
            return _m(m)
    m = (laatste if laatste is not None else eind) + 1
    while m <= eind:
        waarde = volgende(m)
        if waarde is None:
            return None
        cumulatief += waarde
        if cumulatief >= doel:
            return _m(m)
        m += 1
    return None


def _percentiel(gesorteerd: np.ndarray, q: float) -> float:
    """Linear interpolation between order statistics (numpy's default method), without the
    overhead of np.percentile on a small array."""
    positie = q / 100 * (len(gesorteerd) - 1)
    laag = math.floor(positie)
    hoog = min(laag + 1, len(gesorteerd) - 1)
    return float(gesorteerd[laag] + (gesorteerd[hoog] - gesorteerd[laag]) * (positie - laag))


def _kans(
    rng_seed: int,
    reeksen: _Reeksen,
    trend: Trend,
    bekend: set[int],
    maanden_alle: list[int],
    per_mijlpaal: list[tuple[int, int, list[int]]],  # (gerealiseerd, doel, months)
) -> list[Kans]:
    ctx = reeksen.ctx
    historie = sorted(m for m in bekend if ctx.tot - HISTORIE_TERUG < m <= ctx.tot)
    verhoudingen = []
    for m in historie:
        if not reeksen.gedekt(m):
            continue
        gepland = reeksen.plan(m)
        if gepland > 0:
            verhoudingen.append(float(Fraction(ctx.tellend.get(m, 0)) / gepland))
    waarden = [ctx.tellend.get(m, 0) for m in historie]
    gemiddeld = sum(waarden) / len(waarden) if waarden else 0
    trekkingen = opmaak.getal(TREKKINGEN)
    standaard = (
        f"{trekkingen} trekkingen met de standaardschommeling van de helft tot anderhalf keer "
        "het plan per maand"
    )
    if len(verhoudingen) >= MIN_HISTORIE:
        factoren = np.array(verhoudingen)
        gemiddelde = opmaak.procent(float(np.mean(factoren)))
        toelichting = (
            f"{trekkingen} trekkingen rond het plan, met wat de gemeente in "
            f"{len(verhoudingen)} eerdere maanden van haar plan realiseerde "
            f"(gemiddeld {gemiddelde})."
        )
        grondslag = "plan"
    elif len(waarden) >= MIN_HISTORIE and gemiddeld > 0:
        # No record yet of how the gemeente delivers its plan: its own month-to-month swing
        # says nothing about that, so it is used only where it is wider than the default.
        eigen = np.array(waarden, dtype=float) / gemiddeld
        geen = f"Geen planhistorie (minder dan {MIN_HISTORIE} maanden met plan en cijfers): "
        if float(np.std(eigen)) > float(np.std(STANDAARD_FACTOREN)):
            factoren = eigen
            grondslag = "historie"
            toelichting = (
                f"{geen}{trekkingen} trekkingen rond het plan, met de schommeling van maand tot "
                f"maand in de eigen cijfers van {_periode(historie)} ({len(historie)} "
                "maanden), die groter is dan de standaardschommeling."
            )
        else:
            factoren = np.array(STANDAARD_FACTOREN)
            grondslag = "standaard"
            toelichting = f"{geen}{standaard}."
    else:
        factoren = np.array(STANDAARD_FACTOREN)
        grondslag = "standaard"
        toelichting = f"Te weinig eigen cijfers (minder dan {MIN_HISTORIE} maanden): {standaard}."
    # The plan where a plan covers the month, else the trend (also for past months without
    # figures), so a month no one planned does not silently count as 0.
    # A month without plan and without trend has no centre: a milestone that needs it gets
    # no probability (unknown), not 0%.
    onbekend = {m for m in maanden_alle if not reeksen.gedekt(m) and trend.per_maand is None}
    centrum = np.array(
        [
            float(reeksen.plan(m))
            if reeksen.gedekt(m)
            else float((trend.per_maand or 0) + reeksen.plan(m))
            for m in maanden_alle
        ]
    )
    rng = np.random.default_rng(rng_seed)
    if maanden_alle:
        keuze = rng.integers(0, len(factoren), size=(TREKKINGEN, len(maanden_alle)))
        paden = factoren[keuze] * centrum[None, :]
    else:
        paden = np.zeros((TREKKINGEN, 0))
    positie = {m: i for i, m in enumerate(maanden_alle)}
    uitkomst = []
    for gerealiseerd, doel, maanden in per_mijlpaal:
        if not maanden:
            gehaald = gerealiseerd >= doel
            uitkomst.append(
                Kans(
                    1.0 if gehaald else 0.0,
                    gerealiseerd,
                    gerealiseerd,
                    gerealiseerd,
                    0,
                    "vast",
                    len(historie),
                    "Geen maanden meer te gaan tot de mijlpaal: de uitkomst staat vast.",
                )
            )
            continue
        zonder = [m for m in maanden if m in onbekend]
        if zonder:
            uitkomst.append(
                Kans(
                    None,
                    None,
                    None,
                    None,
                    0,
                    "onbekend",
                    len(historie),
                    f"Geen kans te berekenen: voor {_periode(zonder)} is niets gepland en er "
                    "is geen trend.",
                )
            )
            continue
        kolommen = [positie[m] for m in maanden]
        totalen = np.sort(gerealiseerd + paden[:, kolommen].sum(axis=1))
        kans = float(np.count_nonzero(totalen >= doel - 1e-9)) / TREKKINGEN
        p10, p50, p90 = (_percentiel(totalen, q) for q in (10, 50, 90))
        uitkomst.append(
            Kans(
                round(kans, 4),
                math.floor(p10 + 0.5),
                math.floor(p50 + 0.5),
                math.floor(p90 + 0.5),
                TREKKINGEN,
                grondslag,
                len(historie),
                toelichting,
            )
        )
    return uitkomst


@dataclass(frozen=True)
class _Mijlpaalstand:
    """What every method of one milestone starts from."""

    mijlpaal: regels.Mijlpaal
    gerealiseerd: int
    maanden: list[int]  # months to forecast that count for the milestone
    vast: str | None  # the reason when the target is already met
    historisch: Maand | None  # the month it was met

    @property
    def doel(self) -> int:
        return self.mijlpaal.doel

    @property
    def start(self) -> int:
        """The first month that counts (R5): with a start date mid-month, the month after."""
        return _telbereik(self.mijlpaal.startdatum, self.mijlpaal.datum)[0]

    def voorbij(self, functie):
        """Extend a method's series past the milestone (months before the start add 0)."""

        def volgende(m: int):
            return functie(m) if m >= self.start else Fraction(0)

        return volgende


def _vaststaand(methode: str, st: _Mijlpaalstand, bezetting: Decimal) -> Voorspelling:
    """No months left to forecast: every method gives what was counted."""
    g = Fraction(st.gerealiseerd)
    return Voorspelling(
        methode,
        g,
        st.doel,
        st.gerealiseerd,
        0,
        bezetting,
        _status(g, st.doel, st.gerealiseerd, 0),
        st.vast or _reden_geen_maanden(st.gerealiseerd, st.doel),
        st.historisch,
    )


def _plan_voorspelling(st: _Mijlpaalstand, r: _Reeksen, trend: Trend) -> Voorspelling:
    if not st.maanden:
        return _vaststaand("plan", st, r.bezetting)
    n = len(st.maanden)
    # A month the plan in force leaves empty (or no plan covers) is estimated at the trend,
    # never read as 0; the reason says which months. Without any planned month, or without a
    # trend to estimate the empty ones, there is no plan forecast.
    geschat = [m for m in st.maanden if not r.gedekt(m)]
    gepland = [m for m in st.maanden if r.gedekt(m)]
    tempo = trend.per_maand
    if not gepland or (geschat and tempo is None):
        if not gepland:
            waarom = f"het actieplan heeft niets ingevuld voor {_periode(st.maanden)}"
        else:
            waarom = (
                f"voor {_periode(geschat)} is niets gepland en zonder cijfers van de laatste "
                "zes maanden is er geen trend om die maanden mee te schatten"
            )
        return Voorspelling(
            "plan",
            None,
            st.doel,
            st.gerealiseerd,
            n,
            r.bezetting,
            OP_KOERS if st.vast else ONBEKEND,
            st.vast or f"Geen planprognose: {waarom}.",
            st.historisch,
        )
    # r.plan(m) of an empty month holds only a scenario's extra dwellings (if any).
    reeks = [(m, tempo + r.plan(m) if m in geschat else r.plan(m)) for m in st.maanden]
    personen = st.gerealiseerd + sum((w for _, w in reeks), Fraction(0))
    status = _status(personen, st.doel, st.gerealiseerd, n)
    woningen = sum(r.plan_woningen(m) for m in gepland)
    schatting = (
        f", {_periode(geschat)} zonder planning geschat in het tempo van de trend "
        f"({_getal_kort(tempo)} personen per maand)"
        if geschat
        else ""
    )
    reden = st.vast or (
        f"Met het plan voor {_periode(gepland)} ({_getal(woningen)} "
        f"woningen, {_getal_kort(sum((w for m, w in reeks if m not in geschat), Fraction(0)))}"
        f" personen){schatting} " + _slot(personen, st.doel, status, r.bezetting, n) + "."
    )
    bereikt = st.historisch or _bereikt(
        st.gerealiseerd,
        reeks,
        st.doel,
        st.voorbij(lambda m: r.plan(m) if r.gedekt(m) else None),
        r.ctx.eind,
    )
    return Voorspelling(
        "plan",
        personen,
        st.doel,
        st.gerealiseerd,
        n,
        r.bezetting,
        status,
        reden,
        bereikt,
        tuple((_m(m), w) for m, w in reeks),
    )


def _trend_voorspelling(st: _Mijlpaalstand, r: _Reeksen, trend: Trend) -> Voorspelling:
    if not st.maanden:
        return _vaststaand("trend", st, r.bezetting)
    n = len(st.maanden)
    tempo = trend.per_maand
    if tempo is None:
        return Voorspelling(
            "trend",
            None,
            st.doel,
            st.gerealiseerd,
            n,
            r.bezetting,
            OP_KOERS if st.vast else ONBEKEND,
            st.vast
            or "Geen trend: in de zes maanden vóór de peildatum zijn geen cijfers ingevoerd.",
            st.historisch,
        )
    reeks = [(m, tempo) for m in st.maanden]
    personen = st.gerealiseerd + tempo * n
    status = _status(personen, st.doel, st.gerealiseerd, n)
    aantal = len(trend.maanden)
    reden = st.vast or (
        f"In het tempo van {_periode([maand_index(x) for x in trend.maanden])} "
        f"({_getal_kort(tempo)} personen per maand, {aantal} "
        f"{'maand' if aantal == 1 else 'maanden'} met cijfers) "
        + _slot(personen, st.doel, status, r.bezetting, n)
        + "."
    )
    bereikt = st.historisch
    if bereikt is None and tempo > 0:
        bereikt = _bereikt(st.gerealiseerd, reeks, st.doel, st.voorbij(lambda m: tempo), r.ctx.eind)
    return Voorspelling(
        "trend",
        personen,
        st.doel,
        st.gerealiseerd,
        n,
        r.bezetting,
        status,
        reden,
        bereikt,
        tuple((_m(m), w) for m, w in reeks),
    )


def _capaciteit_voorspelling(st: _Mijlpaalstand, r: _Reeksen) -> Voorspelling:
    if not st.maanden:
        return _vaststaand("capaciteit", st, r.bezetting)
    n = len(st.maanden)
    reeks = []
    for m in st.maanden:
        waarde, ontbreekt = r.capaciteit(m)
        if waarde is None:
            return Voorspelling(
                "capaciteit",
                None,
                st.doel,
                st.gerealiseerd,
                n,
                r.bezetting,
                OP_KOERS if st.vast else ONBEKEND,
                st.vast or f"Geen capaciteitsprognose: {ontbreekt}.",
                st.historisch,
            )
        reeks.append((m, waarde))
    personen = st.gerealiseerd + sum((w for _, w in reeks), Fraction(0))
    status = _status(personen, st.doel, st.gerealiseerd, n)
    corporatie = sum((r.capaciteit_woningen(m)[0] for m in st.maanden), Fraction(0))
    buiten = sum(r.plan_buiten_corporaties(m)[1] for m in st.maanden)
    reden = st.vast or (
        f"Met het corporatieaanbod voor vergunninghouders in {_periode(st.maanden)} "
        f"({_getal_kort(corporatie)} woningen) en {_getal(buiten)} geplande woningen buiten de "
        "corporaties " + _slot(personen, st.doel, status, r.bezetting, n) + "."
    )
    bereikt = st.historisch or _bereikt(
        st.gerealiseerd,
        reeks,
        st.doel,
        st.voorbij(lambda m: r.capaciteit(m)[0]),
        r.ctx.eind,
    )
    return Voorspelling(
        "capaciteit",
        personen,
        st.doel,
        st.gerealiseerd,
        n,
        r.bezetting,
        status,
        reden,
        bereikt,
        tuple((_m(m), w) for m, w in reeks),
    )


def _bereken_context(
    ctx: _Context, actietypen: dict, hashes_: tuple[str, int] | None = None
) -> Prognose:
    g = ctx.gegevens
    o = ctx.opdracht
    hash_, zaad = hashes_ or hashes(ctx, actietypen)
    tot = ctx.tot
    bekend = ctx.ingevoerd | set(ctx.tellend)
    eerste_quotum = (
        maand_index(min(h for h, _ in g.taakstellingen).eerste_maand) if g.taakstellingen else None
    )
    # Months are missing from the first quota on; a gemeente without any quota has nothing to
    # forecast and no missing months to flag.
    ontbrekend = (
        [m for m in range(max(ctx.van, eerste_quotum), tot + 1) if m not in bekend]
        if eerste_quotum is not None
        else []
    )
    reeksen = _reeksen(ctx, actietypen, set(ontbrekend))
    trend = _trend(ctx, bekend)

    standen = []
    begin_halfjaar = Halfjaar.van(o.peildatum).begin
    for mp in ctx.mijlpalen:
        laatste = maand_index(Maand.van(mp.datum))
        maanden = [m for m in ontbrekend if _telt(m, mp)]
        if mp.datum < begin_halfjaar and not maanden:
            continue  # an earlier half-year's milestone whose outcome is known: history
        maanden += [m for m in range(tot + 1, laatste + 1) if _telt(m, mp)]
        gerealiseerd = sum(t for m, t in ctx.tellend.items() if m <= tot and _telt(m, mp))
        historisch = _bereikt_historisch(ctx, mp, mp.doel) if gerealiseerd >= mp.doel else None
        standen.append(
            _Mijlpaalstand(
                mp,
                gerealiseerd,
                sorted(maanden),
                _vast_reden(mp.doel, gerealiseerd, historisch),
                historisch,
            )
        )
    voorspeld = sorted({m for st in standen for m in st.maanden})
    kansen = _kans(
        zaad,
        reeksen,
        trend,
        bekend,
        voorspeld,
        [(st.gerealiseerd, st.doel, st.maanden) for st in standen],
    )
    ontbrekende_maanden = tuple(_m(m) for m in ontbrekend)
    mijlpalen = tuple(
        MijlpaalPrognose(
            datum=st.mijlpaal.datum,
            doel=st.doel,
            startdatum=st.mijlpaal.startdatum,
            gezet_door=st.mijlpaal.gezet_door,
            omschrijving=st.mijlpaal.omschrijving,
            gerealiseerd=st.gerealiseerd,
            bezetting=reeksen.bezetting,
            maanden=tuple(_m(m) for m in st.maanden),
            plan=_plan_voorspelling(st, reeksen, trend),
            trend=_trend_voorspelling(st, reeksen, trend),
            capaciteit=_capaciteit_voorspelling(st, reeksen),
            kans=kans,
            voorlopig=st.mijlpaal.datum < o.peildatum and bool(st.maanden),
        )
        for st, kans in zip(standen, kansen, strict=True)
    )
    # One verdict per milestone, from all of the above (prognose/rekenen/oordeel.py).
    mijlpalen = tuple(
        replace(m, oordeel=beoordeel_mijlpaal(m, ontbrekende_maanden)) for m in mijlpalen
    )
    plan_nu = plan_op(g.plannen, o.peildatum)
    if o.parameters.bezetting is not None:
        bezetting_bron = f"scenario {o.scenario}" if o.scenario else "scenario"
    elif (uit_pijplijn := pijplijn_bezetting(g, o.peildatum)) is not None:
        # No number of households: the province and the taskforce read this text too.
        bezetting_bron = f"{PIJPLIJN_BRON}: {opmaak.bezetting(uit_pijplijn)}"
    elif plan_nu is not None:
        bezetting_bron = f"plan: {plan_nu.naam}"
    else:
        bezetting_bron = "standaard (geen plan ingevoerd)"
    return Prognose(
        gemeente_id=g.gemeente_id,
        cbs_code=g.cbs_code,
        naam=g.naam,
        peildatum=o.peildatum,
        tot_en_met=_m(tot),
        scenario=o.scenario,
        parameters=scenario_regels.als_dict(o.parameters),
        bezetting=reeksen.bezetting,
        bezetting_bron=bezetting_bron,
        trend=trend,
        mijlpalen=mijlpalen,
        signalen=_signalen(ctx, reeksen, ontbrekend, voorspeld),
        ontbrekende_maanden=ontbrekende_maanden,
        acties=_acties(ctx, reeksen, voorspeld, actietypen),
        aannames=_aannames(reeksen, bezetting_bron, voorspeld, o.peildatum),
        invoer_hash=hash_,
        engine_versie=ENGINE_VERSIE,
    )


def _reden_geen_maanden(gerealiseerd: int, doel: int) -> str:
    if gerealiseerd >= doel:
        return (
            f"Alle maanden tot de mijlpaal zijn bekend: {_getal(gerealiseerd)} personen "
            f"geteld, het doel van {_getal(doel)} is gehaald."
        )
    return (
        f"Alle maanden tot de mijlpaal zijn bekend: {_getal(gerealiseerd)} van de "
        f"{_getal(doel)} personen geteld, {_getal(doel - gerealiseerd)} te weinig."
    )


def _acties(ctx: _Context, reeksen: _Reeksen, maanden: list[int], actietypen: dict) -> tuple:
    codes = list(ctx.gegevens.acties)
    for m in maanden:
        for code in reeksen.plan_per_maand.get(m, {}):
            if code not in codes:
                codes.append(code)
    pm = set(reeksen.pm_acties(maanden))
    volgorde = {c: i for i, c in enumerate(actietypen)}
    codes = sorted((c for c in codes if c in actietypen), key=lambda c: volgorde[c])
    return tuple(Actie(c, actietypen[c].naam, actietypen[c].via_corporatie, c in pm) for c in codes)


def _aannames(r: _Reeksen, bron: str, maanden: list[int], peildatum: date) -> tuple:
    """The assumptions a scenario can change, as they stand, in Dutch (shown in the form)."""
    vanaf = _m(maanden[0]).eerste_dag if maanden else peildatum
    uitkomst = [("bezetting", f"{opmaak.bezetting(r.bezetting)} personen per woning ({bron})")]
    for soort in ("aandeel_urgenten", "aandeel_vh"):
        uitkomst.append((soort, r.aandelen.beschrijving(soort, vanaf) or "niet vastgelegd"))
    plafond = r.aandelen.beschrijving("plafond_vh", vanaf)
    if plafond:
        uitkomst.append(("plafond_vh", plafond))
    mutaties = r.mutaties_totaal(maanden[0]) if maanden else None
    if mutaties is not None:
        tekst = f"{_getal_kort(mutaties)} vrijkomende corporatiewoningen in {_m(maanden[0]).naam}"
        uitkomst.append(("mutaties", tekst))
    return tuple(uitkomst)


def _signalen(
    ctx: _Context, reeksen: _Reeksen, ontbrekend: list[int], maanden: list[int]
) -> tuple[Signaal, ...]:
    g = ctx.gegevens
    peildatum = ctx.opdracht.peildatum
    uitkomst: list[Signaal] = []
    uitkomst += signalen.ontbrekende_maanden([_m(m) for m in ontbrekend])
    vergelijking = []
    for m in maanden:
        capaciteit, _ = reeksen.capaciteit_woningen(m)
        vergelijking.append(
            (_m(m), reeksen.plan_corporatie_woningen(m), capaciteit, reeksen.mutaties_totaal(m))
        )
    uitkomst += signalen.plan_boven_capaciteit(vergelijking)
    zonder_aanbod = {
        c: [_m(m) for m in maanden if reeksen.mutaties(c, m) is None] for c in reeksen.corporaties
    }
    namen = ctx.corporatienamen
    uitkomst += signalen.aanbod_ontbreekt(
        {namen.get(c, c): ms for c, ms in zonder_aanbod.items() if ms},
        {namen.get(c, c): c for c in zonder_aanbod},
    )
    namen = [
        reeksen.actietypen[c].naam for c in reeksen.pm_acties(maanden) if c in reeksen.actietypen
    ]
    uitkomst += signalen.pm_acties(namen)
    opgaven = _opgaven(ctx)
    uitkomst += signalen.koppelingen(
        peildatum,
        _m(ctx.tot),
        opgaven,
        _koppelingen_van(ctx, opgaven),
    )
    uitkomst += signalen.har_verblijf(
        peildatum, [(_m(m), instroom, uitstroom) for m, instroom, uitstroom in ctx.har]
    )
    uitkomst += signalen.amv_21(peildatum, g.amv)
    uitkomst += signalen.taakstelling_bijgesteld(
        peildatum, [(b.halfjaar, b.datum, b.was, b.nieuw) for b in g.bijstellingen]
    )
    return tuple(uitkomst)


def _koppelingen_van(ctx: _Context, opgaven) -> dict[Maand, int]:
    """The koppelingen of the months ``signalen.koppelingen`` reads: the first three months of
    the half-years in ``opgaven`` (not every month of the window)."""
    nodig = {maand_index(m) for h, _ in opgaven for m in h.maanden[:3]}
    return {_m(m): n for m, n in ctx.koppelingen.items() if m in nodig}


def _opgaven(ctx: _Context) -> list[tuple[Halfjaar, int | None]]:
    """Opgave (R3) of the previous and the current half-year, on realisation known so far."""
    g = ctx.gegevens
    if not g.taakstellingen:
        return []
    quota = dict(g.taakstellingen)
    eerste, laatste = min(quota), max(quota)
    huidig = Halfjaar.van(ctx.opdracht.peildatum)
    laatste = max(laatste, huidig)
    perioden = []
    p = eerste
    while p <= laatste:
        index = p.jaar * 2 + p.helft - 1
        perioden.append((p, quota.get(p), ctx.halfjaren.get(index, 0), False))
        p = p.plus(1)
    begin = g.opening[1] if g.opening and g.opening[0] == eerste else 0
    saldi = {s.periode: s.opgave for s in regels.saldi(perioden, begin)}
    return [(h, saldi.get(h)) for h in (huidig.plus(-1), huidig) if h >= eerste]


# --- public API -----------------------------------------------------------------------------


@contextmanager
def zonder_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: the forecast allocates hundreds of thousands
    of small objects (months, fractions, tuples) and no reference cycles that outlive it, and
    with a large batch in memory every collection walks all of it (a quarter of the time of
    all gemeenten). Reference counting still frees everything; the collector resumes after."""
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


@dataclass(frozen=True)
class Voorbereiding:
    """One opdracht windowed and hashed, not yet computed: a caller that already holds the
    result of these inputs (the same ``invoer_hash``, peildatum and engine version give the
    same result) skips ``bereken_voorbereid``."""

    opdracht: Opdracht
    invoer_hash: str
    engine_versie: str
    _ctx: _Context
    _actietypen: dict
    _zaad: int

    @property
    def peildatum(self) -> date:
        return self.opdracht.peildatum


def voorbereiden(
    batch: Batch, opdrachten: Sequence[Opdracht], processen: int = 1
) -> list[Voorbereiding]:
    """The windows and inputs hashes of many opdrachten (the cheap part of ``bereken``); the
    hashing spread over ``processen`` (``verdelen``) when there are many."""
    if not opdrachten:
        return []
    with zonder_gc():
        contexten = _contexten(batch, opdrachten)
        actietypen = batch.actietypen
        gehasht = verdelen.verdeeld(lambda ctx: hashes(ctx, actietypen), contexten, processen)
        return [
            Voorbereiding(ctx.opdracht, h, ENGINE_VERSIE, ctx, actietypen, zaad)
            for ctx, (h, zaad) in zip(contexten, gehasht, strict=True)
        ]


def bereken_voorbereid(voorbereidingen: Sequence[Voorbereiding]) -> list[Prognose]:
    with zonder_gc():
        return [
            _bereken_context(v._ctx, v._actietypen, (v.invoer_hash, v._zaad))
            for v in voorbereidingen
        ]


def bereken(batch: Batch, opdrachten: Sequence[Opdracht]) -> list[Prognose]:
    """Forecasts for many gemeenten (and scenarios) at once; one per opdracht, in order."""
    if not opdrachten:
        return []
    with zonder_gc():
        contexten = _contexten(batch, opdrachten)
        return [_bereken_context(ctx, batch.actietypen) for ctx in contexten]


def bereken_invoer(
    invoer: Invoer,
    peildatum: date,
    parameters: Parameters | None = None,
    scenario: str | None = None,
) -> Prognose:
    """One gemeente from plain inputs (tests, tools)."""
    batch = batch_uit_invoer([invoer])
    opdracht = Opdracht(invoer.gemeente_id, peildatum, parameters or Parameters(), scenario)
    return bereken(batch, [opdracht])[0]
