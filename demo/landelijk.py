"""A synthetic country for benchmarks and load tests (issue 'Schaal en betrouwbaarheid').

``manage.py genereer_landelijk --gemeenten 342 --jaren 10 [--seed N] [--tot JJJJ-MM]`` writes
the 12 provincies (real names) and ``--gemeenten`` made-up gemeenten into the configured
database, with everything the product reads: half-year quotas by art. 29 (R2), monthly
realisation per source (also HAR, HAR-uitplaatsing and AMV, with some missing months),
month headers, koppelingen, corporaties with their werkgebieden and monthly supply,
verdeelafspraken, expected supply, action plans with monthly planning, IBT statuses, a few
provincial milestones, AMV cohorts and scenarios.

Nothing here is a source's figure. Every gemeente is ``illustratief`` and has a CBS code from
GM8001 upwards (real codes stay below GM2000, so they never collide with the demo's), every
corporatie is named "... (fictief)" with a slug ending in ``-fictief``, and every figure row is
marked ``illustratief`` where the model has the field. The national quota per half-year
(``LANDELIJK``) is an illustrative order of magnitude, not the published number.

Reproducible: ``numpy.random.default_rng`` with the seed, one generator per gemeente (seeded
with the seed and the gemeente's position), so the same ``--seed``, ``--gemeenten``,
``--jaren`` and ``--tot`` give identical figures on every machine. Nothing depends on
database ids or on today's date (``--tot`` defaults to a fixed month, ``STANDAARD_TOT``).
``Land.vingerafdruk`` hashes the generated figures by their stable keys (CBS code, slug,
month), and ``vingerafdruk_van(lees_terug())`` the same figures read back from a database, so
a database can be checked against a seed and two runs compared.

Audit trail. Every figure row gets its creation history row through simple_history's
``bulk_create_with_history`` (user empty, reason "Synthetische landelijke gegevens ..."), the
way an import writes: the wijzigingen page and the history tables then have a realistic size
for the benchmarks. ``--vervang`` removes earlier synthetic rows with plain SQL DELETEs,
without a deletion history row per row (synthetic generation is not a user's change, and a third
of a million history rows for it would take minutes); the creation history of the removed rows
stays, because the history tables refuse DELETE. For a clean slate use a fresh database
(``bench/database.sh`` does).
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from django.db import connection, transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from bemiddeling.models import (
    Aanbod,
    Aanbodverwachting,
    Actie,
    Actieplan,
    ActieType,
    Planning,
    Verdeelafspraak,
)
from bemiddeling.referentie import laad_actietypen
from kern import regels
from kern.perioden import Halfjaar, Maand, maanden
from organisaties.models import Corporatie, Gemeente, Provincie, Werkgebied
from prognose.models import Scenario
from taakstelling.models import (
    AmvCohort,
    Bijstelling,
    Bron,
    IbtStatus,
    Koppeling,
    Maandrapportage,
    Mijlpaal,
    Openingssaldo,
    Realisatie,
    Taakstelling,
    Telregel,
    Trede,
)
from taakstelling.referentie import laad_bronnen

STANDAARD_TOT = Maand(2026, 9)
EERSTE_CODE = 8001  # GM8001 ...; real CBS codes are below GM2000
MAX_GEMEENTEN = 999
MAX_JAREN = 20
BATCH = 5000
ILL = "synthetisch (genereer_landelijk)"

# The 12 provincies with their number of gemeenten in 2024 (together 342); a run with
# another number spreads its gemeenten in the same proportions.
PROVINCIES = [
    ("groningen", "Groningen", 10),
    ("friesland", "Fryslân", 18),
    ("drenthe", "Drenthe", 12),
    ("overijssel", "Overijssel", 25),
    ("flevoland", "Flevoland", 6),
    ("gelderland", "Gelderland", 51),
    ("utrecht", "Utrecht", 26),
    ("noord-holland", "Noord-Holland", 44),
    ("zuid-holland", "Zuid-Holland", 50),
    ("zeeland", "Zeeland", 13),
    ("noord-brabant", "Noord-Brabant", 56),
    ("limburg", "Limburg", 31),
]
LANDELIJK_AANTAL_GEMEENTEN = 342
INWONERS_NL = 17_900_000  # order of magnitude, 1 January 2024
# The four big cities (order of magnitude) and where they lie: the long tail's head.
GROTE_STEDEN = [
    (930_000, "noord-holland"),
    (665_000, "zuid-holland"),
    (560_000, "zuid-holland"),
    (370_000, "utrecht"),
]

# National quota per half-year (H1, H2), illustrative order of magnitude: not a source's.
LANDELIJK = {
    2014: (12_000, 14_500),
    2015: (14_000, 20_000),
    2016: (20_000, 23_000),
    2017: (14_000, 9_500),
    2018: (7_000, 6_000),
    2019: (9_000, 11_000),
    2020: (11_000, 10_000),
    2021: (13_500, 13_500),
    2022: (17_000, 20_500),
    2023: (20_000, 19_000),
    2024: (22_000, 22_000),
    2025: (19_500, 17_500),
    2026: (17_000, 17_000),
    2027: (16_000, 16_000),
}
LANDELIJK_ANDERS = 15_000

# The share of counted persons per source (regulier is split over the corporaties).
BRONAANDELEN = {
    "regulier": 0.60,
    "flexwoning": 0.06,
    "aankoop": 0.04,
    "andere_verhuurder": 0.05,
    "amv": 0.06,
    "har": 0.08,
    "doorstroomlocatie": 0.04,
    "kamerverhuur": 0.07,
}
# Dwellings per person by source: (lowest, highest persons per dwelling), or None (no dwelling).
BEZETTING_PER_BRON = {
    "regulier": (1.5, 2.8),
    "flexwoning": (1.2, 2.2),
    "aankoop": (2.0, 4.0),
    "andere_verhuurder": (1.5, 2.6),
    "amv": (2.5, 4.0),
    "har": None,
    "har_uitplaatsing": (1.5, 2.8),
    "doorstroomlocatie": (2.0, 4.0),
    "kamerverhuur": (1.5, 3.0),
}
# Actions a plan can hold besides prioritaire toewijzing, with their share of the plan.
PLANACTIES = {
    "flexwoningen": 0.10,
    "aankoop_vastgoed": 0.06,
    "andere_verhuurders": 0.06,
    "amv": 0.06,
    "doorstroomlocatie": 0.05,
    "kamerverhuur": 0.07,
    "schrappen_labels": 0.05,
    "aftoppen_huren": 0.04,
}
# Same ladder as the demo (demo.laden.LADDER); a province adapts it.
LADDER = [
    (1, "Reguliere monitoring", "groen"),
    (2, "Verscherpt toezicht", "oranje"),
    (3, "Actief toezicht", "rood"),
    (4, "Aanwijzing (vooraankondiging)", "rood"),
    (5, "Indeplaatsstelling", "rood"),
]

_STAMMEN = [
    "Elm", "Ber", "Wes", "Hol", "Lin", "Mar", "Ros", "Ter", "Val", "Wit", "Aker", "Bre", "Dor",
    "Eek", "Gaas", "Haver", "Kem", "Lo", "Mid", "Nes", "Ot", "Pel", "Rij", "Sta", "Ul", "Vree",
    "Zon", "Ees", "Frie", "Gel", "Hul", "Ip", "Jel", "Kor", "Lin", "Mep", "Nij", "Olde", "Pol",
]  # fmt: skip
_WORTELS = [
    "brink", "veen", "dam", "dijk", "horst", "beek", "wold", "hoven", "rade", "loo", "meer",
    "kerk", "zand", "berg", "waard", "hout", "wijk", "sloot", "burg", "stede", "vaart", "hem",
]  # fmt: skip
_VOORVOEGSELS = ["", "", "", "", "Nieuw-", "Oud-", "Groot-", "Sint-"]


def _landelijk(halfjaar: Halfjaar) -> int:
    paar = LANDELIJK.get(halfjaar.jaar)
    return paar[halfjaar.helft - 1] if paar else LANDELIJK_ANDERS


# --- the generated country, as plain values keyed by CBS code and slug ---------------------

TABELLEN = [
    "provincies",
    "gemeenten",
    "corporaties",
    "werkgebieden",
    "taakstellingen",
    "bijstellingen",
    "openingssaldi",
    "mijlpalen",
    "ibt",
    "maandrapportages",
    "realisaties",
    "koppelingen",
    "aanbod",
    "verwachtingen",
    "afspraken",
    "plannen",
    "acties",
    "planning",
    "amv",
    "scenarios",
]


@dataclass
class Land:
    seed: int
    tot: Maand
    jaren: int
    provincies: list[tuple[str, str]] = field(default_factory=list)
    gemeenten: list[tuple[str, str, str, int]] = field(default_factory=list)  # cbs, naam, prov, n
    corporaties: list[tuple[str, str]] = field(default_factory=list)  # slug, naam
    werkgebieden: list[tuple[str, str]] = field(default_factory=list)  # slug, cbs
    taakstellingen: list[tuple] = field(default_factory=list)  # cbs, jaar, helft, aantal
    bijstellingen: list[tuple] = field(default_factory=list)  # cbs, jaar, helft, datum, n, reden
    openingssaldi: list[tuple] = field(default_factory=list)  # cbs, jaar, helft, saldo
    mijlpalen: list[tuple] = field(default_factory=list)  # cbs, datum, doel, start, omschrijving
    ibt: list[tuple] = field(default_factory=list)  # cbs, trede, sinds, reden, verschoonbaar, grond
    maandrapportages: list[tuple] = field(default_factory=list)  # cbs, maand
    realisaties: list[tuple] = field(default_factory=list)  # cbs, maand, bron, slug, g, t, w
    koppelingen: list[tuple] = field(default_factory=list)  # cbs, maand, personen
    aanbod: list[tuple] = field(default_factory=list)  # slug, cbs, maand, m, l, h, g, u, vh
    verwachtingen: list[tuple] = field(default_factory=list)  # cbs, slug, mutaties, vanaf
    afspraken: list[tuple] = field(default_factory=list)  # cbs, slug, soort, t, n, vanaf, tot
    plannen: list[tuple] = field(default_factory=list)  # cbs, naam, vanaf, tot, bezetting
    acties: list[tuple] = field(default_factory=list)  # cbs, vanaf, code, eigenaar, oms, st, bez
    planning: list[tuple] = field(default_factory=list)  # cbs, vanaf, code, maand, woningen, pm
    amv: list[tuple] = field(default_factory=list)  # cbs, geboortemaand, gehuisvest_in, aantal
    scenarios: list[tuple] = field(default_factory=list)  # cbs, naam, slug, parameters, oms

    @property
    def eerste_maand(self) -> Maand:
        return self.tot.plus(-(self.jaren * 12 - 1))

    def aantallen(self) -> dict[str, int]:
        return {naam: len(getattr(self, naam)) for naam in TABELLEN}

    def vingerafdruk(self) -> str:
        return vingerafdruk_van(land_als_rijen(self))


def land_als_rijen(land: Land) -> dict[str, list[tuple]]:
    """The figures in the canonical form ``lees_terug`` reads from the database."""
    return {
        "gemeenten": sorted((c, n, p, i) for c, n, p, i in land.gemeenten),
        "corporaties": sorted(land.corporaties),
        "werkgebieden": sorted(land.werkgebieden),
        "taakstellingen": sorted(land.taakstellingen),
        "bijstellingen": sorted((c, j, h, d, n) for c, j, h, d, n, _ in land.bijstellingen),
        "openingssaldi": sorted(land.openingssaldi),
        "mijlpalen": sorted((c, d, n, s) for c, d, n, s, _ in land.mijlpalen),
        "ibt": sorted((c, t, s, v) for c, t, s, _, v, _ in land.ibt),
        "maandrapportages": sorted(land.maandrapportages),
        "realisaties": sorted(land.realisaties, key=lambda r: (*r[:3], r[3] or "")),
        "koppelingen": sorted(land.koppelingen),
        "aanbod": sorted(land.aanbod),
        "verwachtingen": sorted(land.verwachtingen),
        "afspraken": sorted(land.afspraken, key=_afspraak_sleutel),
        "plannen": sorted(land.plannen),
        "acties": sorted(((c, v, t, e or "", b) for c, v, t, e, _, _, b in land.acties), key=str),
        "planning": sorted(land.planning, key=lambda r: (*r[:4], -1 if r[4] is None else r[4])),
        "amv": sorted(land.amv),
        "scenarios": sorted((c, s) for c, _, s, _, _ in land.scenarios),
    }


def _afspraak_sleutel(a: tuple) -> tuple:
    c, slug, soort, t, n, vanaf, tot = a
    return (c, slug or "", soort, vanaf, tot or date.max, t, n)


def vingerafdruk_van(rijen: dict[str, list[tuple]]) -> str:
    h = hashlib.sha256()
    for naam in sorted(rijen):
        h.update(f"#{naam}\n".encode())
        for rij in rijen[naam]:
            h.update((repr(_gewoon(rij)) + "\n").encode())
    return h.hexdigest()


def _gewoon(rij: tuple) -> tuple:
    """The same text for the same value, from the generator or from the database."""
    return tuple(
        str(x) if isinstance(x, Decimal) else x.isoformat() if isinstance(x, date) else x
        for x in rij
    )


# --- generating ---------------------------------------------------------------------------------


def _verdeel(totaal: int, gewichten: list[int]) -> list[int]:
    """Largest remainder: integer shares of ``totaal`` in proportion to ``gewichten``."""
    som = sum(gewichten)
    exact = [totaal * g / som for g in gewichten]
    delen = [math.floor(x) for x in exact]
    rest = sorted(range(len(exact)), key=lambda i: (-(exact[i] - delen[i]), i))
    for i in rest[: totaal - sum(delen)]:
        delen[i] += 1
    return delen


def _namen(rng: np.random.Generator, n: int, bezet: set[str]) -> list[str]:
    uitkomst: list[str] = []
    gezien = set(bezet)
    while len(uitkomst) < n:
        naam = (
            _VOORVOEGSELS[rng.integers(len(_VOORVOEGSELS))]
            + _STAMMEN[rng.integers(len(_STAMMEN))]
            + _WORTELS[rng.integers(len(_WORTELS))]
        )
        if naam not in gezien:
            gezien.add(naam)
            uitkomst.append(naam)
    return uitkomst


def _slug(tekst: str) -> str:
    return slugify(tekst)


def _inwoners(rng: np.random.Generator, n: int) -> list[int]:
    """Heavy-tailed: log-normal (median about 28,000), the four big cities on top for a
    national run, scaled so that n gemeenten hold n/342 of the country."""
    ruw = np.clip(rng.lognormal(np.log(28_000), 0.9, size=n), 900, 300_000)
    doel = INWONERS_NL * n / LANDELIJK_AANTAL_GEMEENTEN
    groot = [g for g, _ in GROTE_STEDEN] if n >= 40 else []
    volgorde = np.argsort(-ruw, kind="stable")
    waarden = ruw.copy()
    for plek, inwoners in zip(volgorde[: len(groot)], groot, strict=True):
        waarden[plek] = inwoners
    bovenaan = set(volgorde[: len(groot)].tolist())
    rest = [i for i in range(n) if i not in bovenaan]
    factor = (doel - sum(groot)) / float(sum(waarden[i] for i in rest))
    for i in rest:
        waarden[i] = max(900.0, waarden[i] * factor)
    return [round(float(x)) for x in waarden]


def genereer(
    *, gemeenten: int = 342, jaren: int = 10, seed: int = 1, tot: Maand = STANDAARD_TOT
) -> Land:
    """The whole country as plain values; pure (no database)."""
    if not 1 <= gemeenten <= MAX_GEMEENTEN:
        raise ValueError(f"--gemeenten moet tussen 1 en {MAX_GEMEENTEN} liggen")
    if not 1 <= jaren <= MAX_JAREN:
        raise ValueError(f"--jaren moet tussen 1 en {MAX_JAREN} liggen")
    land = Land(seed=seed, tot=tot, jaren=jaren)
    land.provincies = [(s, n) for s, n, _ in PROVINCIES]
    algemeen = np.random.default_rng([seed, 0])

    # Gemeenten: provincie by largest remainder, populations heavy-tailed.
    per_provincie = _verdeel(gemeenten, [a for _, _, a in PROVINCIES])
    inwoners = _inwoners(algemeen, gemeenten)
    plaatsen = [s for (s, _, _), k in zip(PROVINCIES, per_provincie, strict=True) for _ in range(k)]
    volgorde = np.argsort(-np.array(inwoners), kind="stable").tolist()
    toegewezen: dict[int, str] = {}
    vrij = Counter(plaatsen)
    if gemeenten >= 40:
        for i, (_, prov) in zip(volgorde, GROTE_STEDEN, strict=False):
            if vrij[prov] > 0:
                toegewezen[i] = prov
                vrij[prov] -= 1
    overige: list[str] = []
    for s, _, _ in PROVINCIES:
        overige += [s] * vrij[s]
    algemeen.shuffle(overige)
    for i in range(gemeenten):
        if i not in toegewezen:
            toegewezen[i] = overige.pop()
    namen = _namen(algemeen, gemeenten, set())
    for i in range(gemeenten):
        land.gemeenten.append((f"GM{EERSTE_CODE + i:04d}", namen[i], toegewezen[i], inwoners[i]))

    # Corporaties: per provincie about 0.7 per gemeente; a gemeente works with 1 to 4.
    corp_namen = _namen(np.random.default_rng([seed, 2]), gemeenten + 12, set(namen))
    corporaties_van: dict[str, list[tuple[str, float]]] = {}
    for p_index, (prov, _, _) in enumerate(PROVINCIES):
        leden = [g for g in land.gemeenten if g[2] == prov]
        if not leden:
            continue
        rng = np.random.default_rng([seed, 3, p_index])
        k = max(1, math.ceil(len(leden) * 0.7))
        slugs = []
        for _ in range(k):
            stam = corp_namen.pop()
            naam = f"{stam} Wonen (fictief)"
            slug = f"{_slug(stam)}-wonen-fictief"
            land.corporaties.append((slug, naam))
            slugs.append(slug)
        gebruikt = set()
        for cbs, _, _, n in leden:
            aantal = min(len(slugs), 1 + (n > 40_000) + (n > 100_000) + (n > 250_000))
            gekozen = sorted(rng.choice(len(slugs), size=aantal, replace=False).tolist())
            gewichten = rng.dirichlet([4.0] * aantal).tolist()
            corporaties_van[cbs] = [(slugs[j], w) for j, w in zip(gekozen, gewichten, strict=True)]
            gebruikt.update(gekozen)
        for j in range(len(slugs)):
            if j not in gebruikt:  # every corporatie works somewhere
                cbs = leden[int(rng.integers(len(leden)))][0]
                corporaties_van[cbs].append((slugs[j], 0.15))
        for cbs, *_ in leden:
            for slug, _ in corporaties_van[cbs]:
                land.werkgebieden.append((slug, cbs))

    for i, (cbs, _naam, _prov, n) in enumerate(land.gemeenten):
        _gemeente(land, np.random.default_rng([seed, 1, i]), cbs, n, corporaties_van[cbs])
    return land


def _gemeente(
    land: Land, rng: np.random.Generator, cbs: str, inwoners: int, corporaties: list
) -> None:
    tot = land.tot
    reeks = maanden(land.eerste_maand, tot)
    aantal = len(reeks)
    peil_halfjaar = tot.plus(1).halfjaar
    # Quotas from the first half-year that lies wholly within the months (so no month of a
    # quota period is before the data), up to the half-year after the peildatum's.
    halfjaren = []
    h = land.eerste_maand.halfjaar
    if h.eerste_maand < land.eerste_maand:
        h = h.plus(1)
    while h <= peil_halfjaar.plus(1):
        halfjaren.append(h)
        h = h.plus(1)

    # R2: quota by art. 29; now and then a revision.
    quota: dict[Halfjaar, int] = {}
    for h in halfjaren:
        aantal_h = regels.taakstelling_art29(_landelijk(h), inwoners, INWONERS_NL)
        quota[h] = aantal_h
        land.taakstellingen.append((cbs, h.jaar, h.helft, aantal_h))
        if h >= peil_halfjaar.plus(-3) and rng.random() < 0.06:
            nieuw = math.ceil(aantal_h * rng.uniform(1.05, 1.25))
            datum = h.begin + timedelta(days=int(rng.integers(30, 90)))
            land.bijstellingen.append(
                (cbs, h.jaar, h.helft, datum, nieuw, "Landelijke taakstelling bijgesteld " + ILL)
            )
            quota[h] = nieuw
    eerste = halfjaren[0]
    if rng.random() < 0.55:
        opening = -round(quota[eerste] * rng.uniform(0, 0.5))
    else:
        opening = round(quota[eerste] * rng.uniform(0, 0.2))
    land.openingssaldi.append((cbs, eerste.jaar, eerste.helft, opening))

    # How well this gemeente delivers, drifting a little year by year.
    prestatie = float(np.clip(rng.normal(1.0, 0.15), 0.45, 1.45))
    jaarfactor = {j: math.exp(rng.normal(0, 0.12)) for j in range(reeks[0].jaar, tot.jaar + 2)}
    seizoen = np.array([0.85 if m.nummer in (1, 12) else 1.05 if m.nummer in (5, 6) else 1.0
                        for m in reeks])  # fmt: skip
    quotum_maand = np.array([quota.get(m.halfjaar, quota[halfjaren[0]]) / 6 for m in reeks])
    verwacht = quotum_maand * prestatie * seizoen * np.array([jaarfactor[m.jaar] for m in reeks])

    # Missing months: rare in the past, more often the last ones (entered late).
    kans_ontbreekt = np.full(aantal, 0.004)
    for terug, kans in ((0, 0.2), (1, 0.07), (2, 0.02), (3, 0.02), (4, 0.02), (5, 0.02)):
        if terug < aantal:
            kans_ontbreekt[aantal - 1 - terug] = kans
    ontbreekt = rng.random(aantal) < kans_ontbreekt

    aandelen = rng.dirichlet([40 * a for a in BRONAANDELEN.values()])
    per_bron = {b: rng.poisson(verwacht * a) for b, a in zip(BRONAANDELEN, aandelen, strict=True)}

    # Verdeelafspraken (R9): to urgenten, to VH, now and then a cap; they drive supply too.
    begin = land.eerste_maand.eerste_dag
    urgent_teller = int(rng.choice([30, 35, 40, 45]))
    urgent_per_maand = np.full(aantal, urgent_teller / 100)
    if rng.random() < 0.35 and aantal > 12:
        wissel_index = int(rng.integers(6, aantal - 3))
        dag = 1 if rng.random() < 0.7 else 12
        wissel = reeks[wissel_index].eerste_dag.replace(day=dag)
        na = int(np.clip(urgent_teller + rng.choice([-5, 5]), 20, 60))
        land.afspraken.append((cbs, None, "aandeel_urgenten", urgent_teller, 100, begin, wissel))
        land.afspraken.append((cbs, None, "aandeel_urgenten", na, 100, wissel, None))
        urgent_per_maand[wissel_index:] = na / 100
    else:
        land.afspraken.append((cbs, None, "aandeel_urgenten", urgent_teller, 100, begin, None))
    vh_teller, vh_noemer = [(1, 2), (2, 3), (3, 5), (1, 3), (50, 100)][int(rng.integers(5))]
    land.afspraken.append((cbs, None, "aandeel_vh", vh_teller, vh_noemer, begin, None))
    if rng.random() < 0.12 and aantal > 24:
        vanaf = reeks[int(rng.integers(aantal - 24, aantal - 1))].eerste_dag
        plafond_tot = None if rng.random() < 0.5 else vanaf.replace(year=vanaf.year + 1)
        teller = int(rng.choice([10, 15, 25]))
        land.afspraken.append((cbs, None, "plafond_vh", teller, 100, vanaf, plafond_tot))
    if rng.random() < 0.06:
        slug = corporaties[int(rng.integers(len(corporaties)))][0]
        land.afspraken.append((cbs, slug, "aandeel_vh", 3, 4, begin, None))

    # Regular allocation, split over the corporaties; supply follows the allocations.
    regulier = per_bron["regulier"]
    slugs = [s for s, _ in corporaties]
    gewichten = np.array([w for _, w in corporaties])
    gewichten = gewichten / gewichten.sum()
    per_corporatie = np.zeros((aantal, len(slugs)), dtype=int)
    for i in range(aantal):
        if regulier[i]:
            per_corporatie[i] = rng.multinomial(int(regulier[i]), gewichten)
    mutaties_basis = inwoners * 0.00075 * gewichten
    corp_woningen = np.zeros((aantal, len(slugs)), dtype=int)
    bezetting_reg = rng.uniform(*BEZETTING_PER_BRON["regulier"], size=(aantal, len(slugs)))
    for i in range(aantal):
        for j in range(len(slugs)):
            p = int(per_corporatie[i, j])
            if p:
                corp_woningen[i, j] = min(p, max(1, round(p / bezetting_reg[i, j])))
    kans_aanbod = np.full(aantal, 0.96)
    kans_aanbod[-1] = 0.7
    if aantal > 1:
        kans_aanbod[-2] = 0.85
    heeft_aanbod = rng.random((aantal, len(slugs))) < kans_aanbod[:, None]
    mutaties = rng.poisson(np.broadcast_to(mutaties_basis, (aantal, len(slugs))))
    for j, slug in enumerate(slugs):
        for i in range(aantal):
            if not heeft_aanbod[i, j]:
                continue
            m = int(mutaties[i, j])
            label = int(rng.binomial(m, 0.12))
            huur = int(rng.binomial(m - label, 0.08))
            grootte = int(rng.binomial(m - label - huur, 0.05))
            urgenten = int(rng.binomial(m, urgent_per_maand[i]))
            vh = int(corp_woningen[i, j])
            m += max(0, vh - (m - label - huur - grootte))  # enough suitable dwellings
            urgenten = max(urgenten, vh)
            land.aanbod.append(
                (slug, cbs, reeks[i].eerste_dag, m, label, huur, grootte, urgenten, vh)
            )
        land.verwachtingen.append((cbs, slug, _centen(mutaties_basis[j]), begin))
        if rng.random() < 0.5 and tot.jaar > reeks[0].jaar:
            later = _centen(mutaties_basis[j] * rng.uniform(0.85, 1.15))
            land.verwachtingen.append((cbs, slug, later, date(tot.jaar, 1, 1)))

    # Realisation rows and month headers.
    har_voorraad = 0
    amv_maanden = []
    for i, maand in enumerate(reeks):
        instroom = int(per_bron["har"][i])
        uit = int(rng.binomial(har_voorraad, 0.15)) if har_voorraad else 0
        har_voorraad += instroom - uit
        if ontbreekt[i]:
            continue
        dag = maand.eerste_dag
        land.maandrapportages.append((cbs, dag))
        for j, slug in enumerate(slugs):
            p = int(per_corporatie[i, j])
            if p:
                land.realisaties.append(
                    (cbs, dag, "regulier", slug, p, p, int(corp_woningen[i, j]))
                )
        for bron in BRONAANDELEN:
            if bron == "regulier":
                continue
            p = int(per_bron[bron][i])
            if not p:
                continue
            land.realisaties.append((cbs, dag, bron, None, p, p, _woningen(rng, bron, p)))
            if bron == "amv":
                amv_maanden.append((maand, p))
        if uit:
            land.realisaties.append(
                (
                    cbs,
                    dag,
                    "har_uitplaatsing",
                    None,
                    uit,
                    0,
                    _woningen(rng, "har_uitplaatsing", uit),
                )
            )

    # Koppelingen (COA), almost every month.
    koppel = rng.poisson(quotum_maand * rng.uniform(0.85, 1.15))
    for i, maand in enumerate(reeks):
        if rng.random() >= 0.01:
            land.koppelingen.append((cbs, maand.eerste_dag, int(koppel[i])))

    # AMV cohorts of the last three years (counts per birth month, no names).
    cohorten: Counter = Counter()
    for maand, p in amv_maanden:
        if maand < tot.plus(-35):
            continue
        for _ in range(p):
            leeftijd = int(rng.integers(15 * 12, 18 * 12))
            cohorten[(maand.plus(-leeftijd).eerste_dag, maand.eerste_dag)] += 1
    for (geboren, gehuisvest), n in sorted(cohorten.items()):
        land.amv.append((cbs, geboren, gehuisvest, n))

    # Action plans with monthly planning: most gemeenten have one for this year.
    _plannen(land, rng, cbs, quota, prestatie, slugs)

    # IBT and provincial milestones follow how the gemeente delivers.
    _toezicht(land, rng, cbs, reeks, quota, per_bron, ontbreekt, opening, prestatie)


def _centen(x: float) -> Decimal:
    """Two decimals, as the database stores them (DecimalField with decimal_places=2)."""
    return Decimal(str(round(float(x), 2))).quantize(Decimal("0.01"))


def _woningen(rng: np.random.Generator, bron: str, personen: int) -> int:
    bereik = BEZETTING_PER_BRON[bron]
    if bereik is None:
        return 0
    return min(personen, max(1, round(personen / rng.uniform(*bereik))))


def _plannen(land, rng, cbs, quota, prestatie, slugs) -> None:
    tot = land.tot
    kansen = {tot.jaar - 2: 0.45, tot.jaar - 1: 0.7, tot.jaar: 0.9, tot.jaar + 1: 0.35}
    actiecodes = list(PLANACTIES)
    plannen_gemaakt = []
    for jaar, kans in kansen.items():
        if jaar < land.eerste_maand.jaar or rng.random() >= kans:
            continue
        start_maand = 1
        if jaar == tot.jaar and rng.random() < 0.2:
            start_maand = int(rng.integers(3, 7))
        vanaf = date(jaar, start_maand, 1)
        bezetting = Decimal(str(rng.choice(["2.00", "2.10", "2.20", "2.20", "2.30"])))
        naam = f"Plan van aanpak {jaar}"
        land.plannen.append((cbs, naam, vanaf, date(jaar, 12, 31), bezetting))
        plannen_gemaakt.append(jaar)
        gekozen = ["prioritaire_toewijzing"] + [
            actiecodes[k]
            for k in sorted(
                rng.choice(len(actiecodes), size=int(rng.integers(1, 6)), replace=False).tolist()
            )
        ]
        ambitie = rng.uniform(0.9, 1.35) / max(prestatie, 0.6) ** 0.5
        aandelen = {"prioritaire_toewijzing": 0.6, **PLANACTIES}
        som = sum(aandelen[c] for c in gekozen)
        for code in gekozen:
            eigenaar = slugs[0] if code == "prioritaire_toewijzing" and rng.random() < 0.5 else None
            actie_bezetting = Decimal("3.00") if code == "amv" and rng.random() < 0.5 else None
            pm_actie = code in ("andere_verhuurders", "doorstroomlocatie") and rng.random() < 0.4
            zonder = code != "prioritaire_toewijzing" and rng.random() < 0.1
            status = Actie.Status.VOORBEREIDING if zonder else Actie.Status.UITVOERING
            land.acties.append(
                (
                    cbs,
                    vanaf,
                    code,
                    eigenaar,
                    f"{code.replace('_', ' ').capitalize()} ({ILL})",
                    status,
                    actie_bezetting,
                )
            )
            if zonder:
                continue
            bez = float(actie_bezetting or bezetting)
            for m in maanden(Maand(jaar, start_maand), Maand(jaar, 12)):
                if pm_actie or rng.random() < 0.02:
                    land.planning.append((cbs, vanaf, code, m.eerste_dag, None, True))
                    continue
                quotum = quota.get(m.halfjaar, quota[max(quota)])
                personen = quotum / 6 * ambitie * aandelen[code] / som
                woningen = int(rng.poisson(personen / bez))
                land.planning.append((cbs, vanaf, code, m.eerste_dag, woningen, False))
    if tot.jaar in plannen_gemaakt and rng.random() < 0.05:
        naam = "intensief bemiddelen (fictief)"
        land.scenarios.append(
            (
                cbs,
                naam,
                "intensief-bemiddelen-fictief",
                {"aandeel_urgenten": "2/5", "extra_woningen": {"prioritaire_toewijzing": 2}},
                "Synthetisch scenario: 40% naar urgenten en 2 woningen per maand extra.",
            )
        )


def _toezicht(land, rng, cbs, reeks, quota, per_bron, ontbreekt, opening, prestatie) -> None:
    tot = land.tot
    eerste = reeks[0].eerste_dag
    land.ibt.append(
        (cbs, 1, eerste, "Reguliere monitoring van de taakstelling (" + ILL + ").", False, "")
    )
    laatste_dag = tot.laatste_dag
    trede = 1
    if prestatie < 0.9 and len(reeks) > 12:
        stappen = [2] + ([3] if prestatie < 0.75 else []) + ([4] if prestatie < 0.6 else [])
        index = int(rng.integers(max(1, len(reeks) - 48), len(reeks) - 6))
        for stap in stappen:
            if index >= len(reeks):
                break
            sinds = reeks[index].eerste_dag + timedelta(days=int(rng.integers(0, 27)))
            verschoonbaar = stap == 2 and rng.random() < 0.1
            grond = (
                "COA koppelde vóór de peildatum te weinig vergunninghouders (" + ILL + ")."
                if verschoonbaar
                else ""
            )
            land.ibt.append(
                (
                    cbs,
                    stap,
                    min(sinds, laatste_dag),
                    f"Achterstand in de huisvesting van vergunninghouders ({ILL}).",
                    verschoonbaar,
                    grond,
                )
            )
            trede = stap
            index += int(rng.integers(4, 13))
        if trede >= 2 and rng.random() < 0.15 and index < len(reeks):
            sinds = reeks[index].eerste_dag
            land.ibt.append((cbs, 1, sinds, f"Achterstand ingelopen ({ILL}).", False, ""))
            trede = 1
    if trede < 3:
        return
    # The province sets its own deadlines for this half-year (like Almere 2023, seed 000).
    huidig = tot.plus(1).halfjaar
    halfjaren = sorted(quota)
    geteld: dict[Halfjaar, int] = defaultdict(int)
    volledig: dict[Halfjaar, bool] = defaultdict(lambda: True)
    for i, m in enumerate(reeks):
        if ontbreekt[i]:
            volledig[m.halfjaar] = False
            continue
        geteld[m.halfjaar] += sum(
            int(per_bron[b][i]) for b in BRONAANDELEN
        )  # har_uitplaatsing counts 0
    perioden = [(h, quota[h], geteld[h], volledig[h]) for h in halfjaren if h <= huidig]
    opgave = next(s.opgave for s in regels.saldi(perioden, opening) if s.periode == huidig)
    if opgave is None or opgave <= 0:
        return
    tussen = huidig.eerste_maand.plus(4).laatste_dag
    doel_tussen = math.ceil(opgave * 0.6)
    for datum, doel, wat in ((tussen, doel_tussen, "tussendoel"), (huidig.einde, opgave, "eind")):
        land.mijlpalen.append(
            (cbs, datum, max(doel, doel_tussen), huidig.begin, f"Deadline provincie ({wat}, {ILL})")
        )


# --- writing ------------------------------------------------------------------------------------


def synthetische_gemeenten():
    return Gemeente.objects.filter(
        illustratief=True, cbs_code__gte=f"GM{EERSTE_CODE:04d}", cbs_code__lte="GM8999"
    )


def synthetische_corporaties():
    return Corporatie.objects.filter(slug__endswith="-fictief")


def aanwezig() -> int:
    return synthetische_gemeenten().count()


def _historisch(model) -> bool:
    return any(f.name == "history_id" for f in model._meta.fields)


def _kinderen(model) -> list:
    """Relations pointing at ``model`` (also hidden ones such as Snapshot's), without the
    append-only history tables and many-to-many shortcuts."""
    return [
        rel
        for rel in model._meta.get_fields(include_hidden=True)
        if rel.auto_created
        and not rel.concrete
        and (rel.one_to_many or rel.one_to_one)
        and not _historisch(rel.related_model)
    ]


def _verwijder_waar(
    cursor, model, kolom: str, waarden: str, params: list, tabellen: set, diepte: int = 0
):
    """DELETE the rows of ``model`` whose ``kolom`` is IN (``waarden``), their children first
    (a child's subquery still finds its parent rows)."""
    if diepte > 6:
        raise RuntimeError(f"te diep genest bij {model.__name__}")
    q = connection.ops.quote_name
    tabel = q(model._meta.db_table)
    selectie = f"SELECT {q(model._meta.pk.column)} FROM {tabel} WHERE {q(kolom)} IN ({waarden})"  # noqa: S608
    for rel in _kinderen(model):
        if rel.related_model._meta.db_table in tabellen:  # a model without its migration yet
            _verwijder_waar(
                cursor, rel.related_model, rel.field.column, selectie, params, tabellen, diepte + 1
            )
    cursor.execute(f"DELETE FROM {tabel} WHERE {q(kolom)} IN ({waarden})", params)  # noqa: S608


def verwijderen() -> int:
    """Remove earlier synthetic data and everything that points at it (see the module
    docstring on history); returns the number of gemeenten removed."""
    q = connection.ops.quote_name
    aantal = aanwezig()
    gemeenten = (
        f"SELECT {q('id')} FROM {q(Gemeente._meta.db_table)} "  # noqa: S608
        f"WHERE {q('illustratief')} = %s AND {q('cbs_code')} >= %s AND {q('cbs_code')} <= %s"
    )
    corporaties = f"SELECT {q('id')} FROM {q(Corporatie._meta.db_table)} WHERE {q('slug')} LIKE %s"  # noqa: S608
    tabellen = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        grenzen = [True, f"GM{EERSTE_CODE:04d}", "GM8999"]
        _verwijder_waar(cursor, Gemeente, "id", gemeenten, grenzen, tabellen)
        _verwijder_waar(cursor, Corporatie, "id", corporaties, ["%-fictief"], tabellen)
    return aantal


@dataclass
class Uitkomst:
    land: Land
    genereren: float
    schrijven: float
    rijen: dict[str, int]


def _met_historie(model, objecten: list, reden: str) -> list:
    if not objecten:
        return []
    return bulk_create_with_history(
        objecten, model, batch_size=BATCH, default_user=None, default_change_reason=reden
    )


@transaction.atomic
def schrijven(land: Land, *, vervang: bool = False) -> dict[str, int]:
    """Write the country into the database in one transaction; returns rows per table."""
    if aanwezig():
        if not vervang:
            raise BestaatAl(aanwezig())
        verwijderen()
    reden = f"Synthetische landelijke gegevens (manage.py genereer_landelijk, seed {land.seed})"
    laad_bronnen(Bron, Telregel)
    laad_actietypen(ActieType)

    provincies = {}
    for slug, naam in land.provincies:
        provincie, _ = Provincie.objects.get_or_create(slug=slug, defaults={"naam": naam})
        provincies[slug] = provincie
        if not Trede.objects.filter(provincie=provincie).exists():
            Trede.objects.bulk_create(
                [
                    Trede(
                        provincie=provincie,
                        nummer=n,
                        naam=naam_t,
                        kleur=kleur,
                        omschrijving="Voorbeeldladder; de provincie past deze zelf aan.",
                    )
                    for n, naam_t, kleur in LADDER
                ]
            )
    treden = {(p, n): pk for pk, p, n in Trede.objects.values_list("pk", "provincie_id", "nummer")}
    gemeenten = {
        g.cbs_code: g
        for g in Gemeente.objects.bulk_create(
            [
                Gemeente(
                    cbs_code=cbs,
                    naam=naam,
                    provincie=provincies[prov],
                    inwoners=inwoners,
                    illustratief=True,
                )
                for cbs, naam, prov, inwoners in land.gemeenten
            ],
            batch_size=BATCH,
        )
    }
    corporaties = {
        c.slug: c
        for c in Corporatie.objects.bulk_create(
            [Corporatie(slug=slug, naam=naam) for slug, naam in land.corporaties],
            batch_size=BATCH,
        )
    }
    Werkgebied.objects.bulk_create(
        [
            Werkgebied(corporatie=corporaties[s], gemeente=gemeenten[c])
            for s, c in land.werkgebieden
        ],
        batch_size=BATCH,
    )
    g = {cbs: obj.pk for cbs, obj in gemeenten.items()}
    c = {slug: obj.pk for slug, obj in corporaties.items()}

    taken = _met_historie(
        Taakstelling,
        [
            Taakstelling(gemeente_id=g[cbs], jaar=j, helft=h, aantal=n, illustratief=True, bron=ILL)
            for cbs, j, h, n in land.taakstellingen
        ],
        reden,
    )
    taak_id = {(t.gemeente_id, t.jaar, t.helft): t.pk for t in taken}
    _met_historie(
        Bijstelling,
        [
            Bijstelling(
                taakstelling_id=taak_id[(g[cbs], j, h)],
                gemeente_id=g[cbs],
                datum=d,
                aantal=n,
                reden=r,
            )
            for cbs, j, h, d, n, r in land.bijstellingen
        ],
        reden,
    )
    _met_historie(
        Openingssaldo,
        [
            Openingssaldo(gemeente_id=g[cbs], jaar=j, helft=h, saldo=s, illustratief=True, bron=ILL)
            for cbs, j, h, s in land.openingssaldi
        ],
        reden,
    )
    _met_historie(
        Mijlpaal,
        [
            Mijlpaal(
                gemeente_id=g[cbs],
                datum=d,
                doel=n,
                startdatum=s,
                gezet_door=Mijlpaal.GezetDoor.PROVINCIE,
                omschrijving=o,
                bron=ILL,
            )
            for cbs, d, n, s, o in land.mijlpalen
        ],
        reden,
    )
    provincie_van = {cbs: provincies[prov].pk for cbs, _, prov, _ in land.gemeenten}
    _met_historie(
        IbtStatus,
        [
            IbtStatus(
                gemeente_id=g[cbs],
                trede_id=treden[(provincie_van[cbs], t)],
                sinds=s,
                reden=r,
                verschoonbaar=v,
                verschoonbaar_grond=gr,
                bron=ILL,
            )
            for cbs, t, s, r, v, gr in land.ibt
        ],
        reden,
    )
    _met_historie(
        Maandrapportage,
        [Maandrapportage(gemeente_id=g[cbs], maand=m) for cbs, m in land.maandrapportages],
        reden,
    )
    _met_historie(
        Realisatie,
        [
            Realisatie(
                gemeente_id=g[cbs],
                maand=m,
                bron_id=b,
                corporatie_id=c[s] if s else None,
                personen_gehuisvest=gh,
                personen_tellend=t,
                woningen=w,
                illustratief=True,
            )
            for cbs, m, b, s, gh, t, w in land.realisaties
        ],
        reden,
    )
    _met_historie(
        Koppeling,
        [
            Koppeling(gemeente_id=g[cbs], maand=m, personen=n, illustratief=True)
            for cbs, m, n in land.koppelingen
        ],
        reden,
    )
    _met_historie(
        AmvCohort,
        [
            AmvCohort(
                gemeente_id=g[cbs],
                geboortemaand=geb,
                gehuisvest_in=geh,
                aantal=n,
                illustratief=True,
            )
            for cbs, geb, geh, n in land.amv
        ],
        reden,
    )
    _met_historie(
        Aanbod,
        [
            Aanbod(
                corporatie_id=c[s],
                gemeente_id=g[cbs],
                maand=m,
                mutaties=mu,
                ongeschikt_label=la,
                ongeschikt_huur=hu,
                ongeschikt_grootte=gr,
                toegewezen_urgenten=ur,
                toegewezen_vh=vh,
                illustratief=True,
            )
            for s, cbs, m, mu, la, hu, gr, ur, vh in land.aanbod
        ],
        reden,
    )
    _met_historie(
        Aanbodverwachting,
        [
            Aanbodverwachting(
                gemeente_id=g[cbs],
                corporatie_id=c[s],
                mutaties_per_maand=n,
                geldig_vanaf=v,
                illustratief=True,
                bron=ILL,
            )
            for cbs, s, n, v in land.verwachtingen
        ],
        reden,
    )
    _met_historie(
        Verdeelafspraak,
        [
            Verdeelafspraak(
                gemeente_id=g[cbs],
                corporatie_id=c[s] if s else None,
                soort=soort,
                teller=t,
                noemer=n,
                geldig_vanaf=v,
                geldig_tot=e,
                illustratief=True,
                bron=ILL,
            )
            for cbs, s, soort, t, n, v, e in land.afspraken
        ],
        reden,
    )
    plannen = _met_historie(
        Actieplan,
        [
            Actieplan(
                gemeente_id=g[cbs], naam=naam, geldig_vanaf=v, geldig_tot=e, bezetting=b, bron=ILL
            )
            for cbs, naam, v, e, b in land.plannen
        ],
        reden,
    )
    plan_id = {(p.gemeente_id, p.geldig_vanaf): p.pk for p in plannen}
    volgorde: Counter = Counter()
    acties = []
    for cbs, v, code, eigenaar, omschrijving, status, bezetting in land.acties:
        volgorde[(cbs, v)] += 1
        acties.append(
            Actie(
                actieplan_id=plan_id[(g[cbs], v)],
                gemeente_id=g[cbs],
                type_id=code,
                eigenaar_corporatie_id=c[eigenaar] if eigenaar else None,
                omschrijving=omschrijving,
                status=status,
                bezetting=bezetting,
                volgorde=volgorde[(cbs, v)],
            )
        )
    acties = _met_historie(Actie, acties, reden)
    actie_id = {(a.actieplan_id, a.type_id): a.pk for a in acties}
    _met_historie(
        Planning,
        [
            Planning(
                actie_id=actie_id[(plan_id[(g[cbs], v)], code)],
                gemeente_id=g[cbs],
                maand=m,
                woningen=w,
                pm=pm,
            )
            for cbs, v, code, m, w, pm in land.planning
        ],
        reden,
    )
    _met_historie(
        Scenario,
        [
            Scenario(
                gemeente_id=g[cbs],
                naam=naam,
                slug=slug,
                parameters=parameters,
                omschrijving=omschrijving,
                illustratief=True,
                bron=ILL,
            )
            for cbs, naam, slug, parameters, omschrijving in land.scenarios
        ],
        reden,
    )
    return land.aantallen()


class BestaatAl(Exception):
    def __init__(self, aantal: int):
        super().__init__(
            f"Er staan al synthetische landelijke gegevens in deze database ({aantal} "
            "gemeenten GM8001 en verder); gebruik --vervang om ze te vervangen."
        )
        self.aantal = aantal


def genereer_en_schrijf(
    *,
    gemeenten: int = 342,
    jaren: int = 10,
    seed: int = 1,
    tot: Maand = STANDAARD_TOT,
    vervang: bool = False,
) -> Uitkomst:
    begin = time.perf_counter()
    land = genereer(gemeenten=gemeenten, jaren=jaren, seed=seed, tot=tot)
    gegenereerd = time.perf_counter()
    rijen = schrijven(land, vervang=vervang)
    return Uitkomst(land, gegenereerd - begin, time.perf_counter() - gegenereerd, rijen)


# --- reading back (tests, and to compare two databases) -------------------------------------


def lees_terug() -> dict[str, list[tuple]]:
    """The synthetic figures in the database by stable keys, in ``land_als_rijen``'s form."""
    ids = synthetische_gemeenten()
    gem = {"gemeente__in": ids}

    def lijst(qs, *velden):
        return list(qs.values_list(*velden))

    return {
        "gemeenten": sorted(lijst(ids, "cbs_code", "naam", "provincie__slug", "inwoners")),
        "corporaties": sorted(lijst(synthetische_corporaties(), "slug", "naam")),
        "werkgebieden": sorted(
            lijst(Werkgebied.objects.filter(**gem), "corporatie__slug", "gemeente__cbs_code")
        ),
        "taakstellingen": sorted(
            lijst(
                Taakstelling.objects.filter(**gem), "gemeente__cbs_code", "jaar", "helft", "aantal"
            )
        ),
        "bijstellingen": sorted(
            lijst(
                Bijstelling.objects.filter(**gem),
                "gemeente__cbs_code",
                "taakstelling__jaar",
                "taakstelling__helft",
                "datum",
                "aantal",
            )
        ),
        "openingssaldi": sorted(
            lijst(
                Openingssaldo.objects.filter(**gem), "gemeente__cbs_code", "jaar", "helft", "saldo"
            )
        ),
        "mijlpalen": sorted(
            lijst(
                Mijlpaal.objects.filter(**gem), "gemeente__cbs_code", "datum", "doel", "startdatum"
            )
        ),
        "ibt": sorted(
            lijst(
                IbtStatus.objects.filter(**gem),
                "gemeente__cbs_code",
                "trede__nummer",
                "sinds",
                "verschoonbaar",
            )
        ),
        "maandrapportages": sorted(
            lijst(Maandrapportage.objects.filter(**gem), "gemeente__cbs_code", "maand")
        ),
        "realisaties": sorted(
            lijst(
                Realisatie.objects.filter(**gem),
                "gemeente__cbs_code",
                "maand",
                "bron_id",
                "corporatie__slug",
                "personen_gehuisvest",
                "personen_tellend",
                "woningen",
            ),
            key=lambda r: (*r[:3], r[3] or ""),
        ),
        "koppelingen": sorted(
            lijst(Koppeling.objects.filter(**gem), "gemeente__cbs_code", "maand", "personen")
        ),
        "aanbod": sorted(
            lijst(
                Aanbod.objects.filter(**gem),
                "corporatie__slug",
                "gemeente__cbs_code",
                "maand",
                "mutaties",
                "ongeschikt_label",
                "ongeschikt_huur",
                "ongeschikt_grootte",
                "toegewezen_urgenten",
                "toegewezen_vh",
            )
        ),
        "verwachtingen": sorted(
            lijst(
                Aanbodverwachting.objects.filter(**gem),
                "gemeente__cbs_code",
                "corporatie__slug",
                "mutaties_per_maand",
                "geldig_vanaf",
            )
        ),
        "afspraken": sorted(
            lijst(
                Verdeelafspraak.objects.filter(**gem),
                "gemeente__cbs_code",
                "corporatie__slug",
                "soort",
                "teller",
                "noemer",
                "geldig_vanaf",
                "geldig_tot",
            ),
            key=_afspraak_sleutel,
        ),
        "plannen": sorted(
            lijst(
                Actieplan.objects.filter(**gem),
                "gemeente__cbs_code",
                "naam",
                "geldig_vanaf",
                "geldig_tot",
                "bezetting",
            )
        ),
        "acties": sorted(
            (
                (cbs, v, t, e or "", b)
                for cbs, v, t, e, b in lijst(
                    Actie.objects.filter(**gem),
                    "gemeente__cbs_code",
                    "actieplan__geldig_vanaf",
                    "type_id",
                    "eigenaar_corporatie__slug",
                    "bezetting",
                )
            ),
            key=str,
        ),
        "planning": sorted(
            lijst(
                Planning.objects.filter(**gem),
                "gemeente__cbs_code",
                "actie__actieplan__geldig_vanaf",
                "actie__type_id",
                "maand",
                "woningen",
                "pm",
            ),
            key=lambda r: (*r[:4], -1 if r[4] is None else r[4]),
        ),
        "amv": sorted(
            lijst(
                AmvCohort.objects.filter(**gem),
                "gemeente__cbs_code",
                "geboortemaand",
                "gehuisvest_in",
                "aantal",
            )
        ),
        "scenarios": sorted(lijst(Scenario.objects.filter(**gem), "gemeente__cbs_code", "slug")),
    }
