"""The forecast's inputs and results as plain values (no Django import).

Inputs (``Invoer``) are what ``prognose.selectors.invoer`` loads from the database; results
(``Prognose``) are what the engine computes, what a snapshot stores and what the CLI prints.
``prognose_als_dict`` / ``prognose_uit_dict`` convert a result to JSON-safe values and back
without loss: exact figures travel as strings ("370.6", "1147/3"), the rounded figures next to
them are for readers and are recomputed, not read back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from kern import opmaak
from kern.aanbod import Aandeel
from kern.perioden import Halfjaar, Maand
from kern.regels import Mijlpaal, Realisatieregel
from prognose.rekenen import oordeel as oordeel_regel
from prognose.rekenen.oordeel import (  # noqa: F401 (rond, weergave and the statuses: here too)
    NIET_HAALBAAR,
    ONBEKEND,
    OP_KOERS,
    RISICO,
    STATUSSEN,
    Oordeel,
    rond,
    weergave,
)

# --- inputs -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plan:
    naam: str
    geldig_vanaf: date
    geldig_tot: date  # last day of the plan period
    bezetting: Decimal

    def dekt(self, maand: Maand) -> bool:
        return self.geldig_vanaf <= maand.laatste_dag and maand.eerste_dag <= self.geldig_tot


@dataclass(frozen=True, slots=True)
class Planregel:
    """Planned dwellings of one action in one month; ``woningen`` None is pm (R8)."""

    actie: str  # ActieType code
    maand: Maand
    woningen: int | None
    bezetting: Decimal  # the action's, else its plan's
    # The start date of the action's plan (plans are unique per gemeente and start date).
    # None: the newest plan covering the month. Where plans overlap, a month is read from the
    # newest plan covering it only, so a revised plan replaces the old one instead of adding.
    plan: date | None = None


@dataclass(frozen=True, slots=True)
class Actietype:
    code: str
    naam: str
    via_corporatie: bool  # drawn from vacated corporate dwellings: covered by capacity (R9)


@dataclass(frozen=True, slots=True)
class Aanbodcijfer:
    corporatie: str  # slug
    maand: Maand
    mutaties: int


@dataclass(frozen=True, slots=True)
class Aanbodverwachting:
    corporatie: str  # slug
    geldig_vanaf: date
    mutaties_per_maand: Decimal


@dataclass(frozen=True, slots=True)
class Afspraak:
    """A share with validity dates (R9): aandeel_urgenten, aandeel_vh or plafond_vh."""

    soort: str
    corporatie: str | None  # slug; None: every corporatie in the gemeente
    aandeel: Aandeel


@dataclass(frozen=True, slots=True)
class AmvCohort:
    geboortemaand: Maand
    gehuisvest_in: Maand
    aantal: int


@dataclass(frozen=True, slots=True)
class Taakbijstelling:
    """A revision of a half-year's quota (R2): from ``was`` to ``nieuw`` on ``datum``."""

    halfjaar: Halfjaar
    datum: date
    was: int
    nieuw: int


@dataclass(frozen=True)
class Invoer:
    """Everything the forecast of one gemeente reads, loaded in a fixed number of queries."""

    gemeente_id: int
    cbs_code: str
    naam: str
    realisatie: tuple[Realisatieregel, ...] = ()
    ingevoerd: frozenset[Maand] = frozenset()  # months the gemeente entered (Maandrapportage)
    mijlpalen: tuple[Mijlpaal, ...] = ()  # in force: legal half-year ends or the province's
    taakstellingen: tuple[tuple[Halfjaar, int], ...] = ()  # with revisions applied (R2)
    bijstellingen: tuple[Taakbijstelling, ...] = ()  # each revision, for the flag
    opening: tuple[Halfjaar, int] | None = None
    plannen: tuple[Plan, ...] = ()
    planning: tuple[Planregel, ...] = ()
    actietypen: tuple[Actietype, ...] = ()
    aanbod: tuple[Aanbodcijfer, ...] = ()
    verwachtingen: tuple[Aanbodverwachting, ...] = ()
    afspraken: tuple[Afspraak, ...] = ()
    koppelingen: tuple[tuple[Maand, int], ...] = ()
    amv: tuple[AmvCohort, ...] = ()
    standaard_bezetting: Decimal = Decimal("2.2")
    # Issue 14 §9: the households (koppeldatum, einddatum or None, persons with expected
    # nareizigers) and the months the gemeente works per household: their mean size replaces
    # the assumed bezetting there (engine.pijplijn_bezetting).
    huishoudens: tuple[tuple[date, date | None, int], ...] = ()
    per_huishouden: frozenset[Maand] = frozenset()


# --- exact numbers as text ----------------------------------------------------------------


def exact_tekst(x: Fraction | Decimal | int | None) -> str | None:
    """Exact, and readable where it can be: '370.6' for 1853/5, '1147/3' for a third."""
    if x is None:
        return None
    f = x if isinstance(x, Fraction) else Fraction(x)
    noemer = f.denominator
    twee = vijf = 0
    while noemer % 2 == 0:
        noemer //= 2
        twee += 1
    while noemer % 5 == 0:
        noemer //= 5
        vijf += 1
    if noemer != 1:
        return f"{f.numerator}/{f.denominator}"
    decimalen = max(twee, vijf)
    if decimalen == 0:
        return str(f.numerator)
    d = Decimal(f.numerator) / Decimal(f.denominator)
    return format(d.quantize(Decimal(1).scaleb(-decimalen)), "f")


def exact_uit_tekst(tekst: str | None) -> Fraction | None:
    return None if tekst is None else Fraction(tekst)


# --- results ------------------------------------------------------------------------------

METHODEN = ("plan", "trend", "capaciteit")


@dataclass(frozen=True)
class Voorspelling:
    """One forecast (plan, trend or capaciteit) of the persons counted at a milestone."""

    methode: str
    personen: Fraction | None  # exact; None when the method has nothing to go on
    doel: int
    gerealiseerd: int
    maanden: int  # months still to forecast that count for the milestone
    bezetting: Decimal
    status: str
    reden: str  # one Dutch sentence
    bereikt_in: Maand | None = None  # the month the target is (expected to be) reached
    per_maand: tuple[tuple[Maand, Fraction], ...] = ()

    @property
    def verschil(self) -> Fraction | None:
        """+ surplus / - shortfall against the target, exactly."""
        return None if self.personen is None else self.personen - self.doel

    @property
    def personen_afgerond(self) -> int | None:
        return None if self.personen is None else rond(self.personen)

    @property
    def verschil_afgerond(self) -> int | None:
        return None if self.personen is None else rond(self.verschil)

    @property
    def personen_tekst(self) -> str:
        """The forecast as shown (``weergave``): '293', or '292,6' when 293 would hide a
        shortfall."""
        if self.personen is None:
            return opmaak.getal(None)
        waarde, decimalen = weergave(self.personen, self.doel)
        return opmaak.getal(waarde, decimalen)

    @property
    def verschil_tekst(self) -> str:
        """The difference as shown, with its sign; consistent with ``personen_tekst`` and the
        status: a shortfall is never shown as 0 or +."""
        if self.personen is None:
            return opmaak.getal(None)
        waarde, decimalen = weergave(self.personen, self.doel)
        return opmaak.getal(waarde - self.doel, decimalen, teken=True)

    @property
    def tempo(self) -> Fraction | None:
        """Forecast persons per month still to come."""
        if self.personen is None or self.maanden == 0:
            return None
        return (self.personen - self.gerealiseerd) / self.maanden

    @property
    def extra_personen_per_maand(self) -> Fraction | None:
        """What this forecast lacks per remaining month to reach the target (0 if nothing)."""
        if self.personen is None or self.maanden == 0:
            return None
        return max(Fraction(0), -self.verschil) / self.maanden

    @property
    def extra_woningen(self) -> int | None:
        """Dwellings this forecast lacks in all: ceil(shortfall / bezetting) (R6)."""
        if self.personen is None or self.maanden == 0:
            return None
        tekort = max(Fraction(0), -self.verschil)
        return math.ceil(tekort / Fraction(self.bezetting))

    @property
    def extra_woningen_per_maand(self) -> Fraction | None:
        """``extra_woningen`` spread over the months to come: whole dwellings in all (R6),
        not a fraction of a dwelling per person short."""
        extra = self.extra_woningen
        return None if extra is None else Fraction(extra, self.maanden)


@dataclass(frozen=True)
class Kans:
    """Probability that the milestone is met, with the P10-P90 band of persons (Monte Carlo)."""

    waarde: float | None
    p10: int | None
    p50: int | None
    p90: int | None
    trekkingen: int
    grondslag: str  # plan | historie | standaard | vast
    maanden_historie: int
    toelichting: str


@dataclass(frozen=True)
class MijlpaalPrognose:
    datum: date
    doel: int
    startdatum: date
    gezet_door: str
    omschrijving: str
    gerealiseerd: int  # counted persons in months with figures, so far
    bezetting: Decimal
    maanden: tuple[Maand, ...]  # months still to forecast (future, and past ones without figures)
    plan: Voorspelling
    trend: Voorspelling
    capaciteit: Voorspelling
    kans: Kans
    # The milestone date has passed but months counting for it have no figures yet: the
    # outcome is estimated, not known.
    voorlopig: bool = False
    # The one verdict of this milestone (``oordeel.beoordeel``), computed by the engine and
    # stored with the snapshot: every page, export and API answer shows this one.
    oordeel: Oordeel | None = None

    @property
    def voorlopig_tekst(self) -> str:
        """Why a passed milestone is provisional, in Dutch ('' when it is not)."""
        if not self.voorlopig:
            return ""
        namen = [m.naam for m in self.maanden]
        lijst = namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]
        return (
            f"de mijlpaal is voorbij, maar voor {lijst} zijn nog geen cijfers ingevoerd; die "
            "maanden zijn geschat, de uitkomst staat pas vast als de cijfers er zijn."
        )

    @property
    def resterend(self) -> int:
        return max(0, self.doel - self.gerealiseerd)

    @property
    def nodig_personen_per_maand(self) -> Fraction | None:
        if not self.maanden:
            return None
        return Fraction(self.resterend, len(self.maanden))

    @property
    def benodigde_woningen(self) -> int:
        """ceil(remaining persons / bezetting) in exact arithmetic (R6)."""
        if self.resterend == 0:
            return 0
        return math.ceil(Fraction(self.resterend) / Fraction(self.bezetting))

    @property
    def nodig_woningen_per_maand(self) -> Fraction | None:
        if not self.maanden:
            return None
        return Fraction(self.benodigde_woningen, len(self.maanden))

    def voorspelling(self, methode: str) -> Voorspelling:
        return getattr(self, methode)

    @property
    def voorspellingen(self) -> tuple[Voorspelling, Voorspelling, Voorspelling]:
        return (self.plan, self.trend, self.capaciteit)


@dataclass(frozen=True)
class Signaal:
    """A consistency flag (R11) in one Dutch sentence."""

    soort: str  # plan_boven_capaciteit | pm | ontbrekende_maand | koppelingen | har | amv
    ernst: str  # info | waarschuwing | probleem
    tekst: str
    maand: Maand | None = None
    aantal: Fraction | None = None
    # The corporatie (slug) whose figures the flag is about; None: the gemeente's. A corporatie
    # user sees only its own (organisaties.toegang.zichtbare_aanbod_corporaties).
    corporatie: str | None = None


@dataclass(frozen=True)
class Trend:
    """The recent monthly rate: counted persons per month over the months named."""

    maanden: tuple[Maand, ...]
    per_maand: Fraction | None


@dataclass(frozen=True)
class Actie:
    code: str
    naam: str
    via_corporatie: bool
    pm: bool  # has a pm month in the forecast period


@dataclass(frozen=True)
class Prognose:
    gemeente_id: int
    cbs_code: str
    naam: str
    peildatum: date
    tot_en_met: Maand  # the last month whose figures count
    scenario: str | None  # None: basis (the figures as entered)
    parameters: dict  # the scenario's parameters as JSON-safe values ({} for the basis)
    bezetting: Decimal
    bezetting_bron: str
    trend: Trend
    mijlpalen: tuple[MijlpaalPrognose, ...]
    signalen: tuple[Signaal, ...]
    ontbrekende_maanden: tuple[Maand, ...]
    acties: tuple[Actie, ...]
    aannames: tuple[tuple[str, str], ...]  # (what, Dutch description) shown beside a scenario
    invoer_hash: str
    engine_versie: str

    def mijlpaal(self, datum: date) -> MijlpaalPrognose:
        return next(m for m in self.mijlpalen if m.datum == datum)


# --- to and from JSON-safe dicts ---------------------------------------------------------


def _maand(m: Maand | None) -> str | None:
    return None if m is None else str(m)


def _maand_uit(t: str | None) -> Maand | None:
    return None if t is None else Maand.parse(t)


def _voorspelling_als_dict(v: Voorspelling) -> dict:
    return {
        "methode": v.methode,
        "personen": v.personen_afgerond,
        "verschil": v.verschil_afgerond,
        "status": v.status,
        "reden": v.reden,
        "bereikt_in": _maand(v.bereikt_in),
        "personen_exact": exact_tekst(v.personen),
        "verschil_exact": exact_tekst(v.verschil),
        "tempo_per_maand": exact_tekst(v.tempo),
        "extra_personen_per_maand": exact_tekst(v.extra_personen_per_maand),
        "extra_woningen_per_maand": exact_tekst(v.extra_woningen_per_maand),
        "doel": v.doel,
        "gerealiseerd": v.gerealiseerd,
        "maanden": v.maanden,
        "bezetting": str(v.bezetting),
        "per_maand": [{"maand": str(m), "personen": exact_tekst(p)} for m, p in v.per_maand],
    }


def _voorspelling_uit_dict(d: dict) -> Voorspelling:
    return Voorspelling(
        methode=d["methode"],
        personen=exact_uit_tekst(d["personen_exact"]),
        doel=d["doel"],
        gerealiseerd=d["gerealiseerd"],
        maanden=d["maanden"],
        bezetting=Decimal(d["bezetting"]),
        status=d["status"],
        reden=d["reden"],
        bereikt_in=_maand_uit(d["bereikt_in"]),
        per_maand=tuple((Maand.parse(r["maand"]), Fraction(r["personen"])) for r in d["per_maand"]),
    )


def _kans_als_dict(k: Kans) -> dict:
    return {
        "waarde": k.waarde,
        "p10": k.p10,
        "p50": k.p50,
        "p90": k.p90,
        "trekkingen": k.trekkingen,
        "grondslag": k.grondslag,
        "maanden_historie": k.maanden_historie,
        "toelichting": k.toelichting,
    }


def _mijlpaal_als_dict(m: MijlpaalPrognose) -> dict:
    return {
        "datum": m.datum.isoformat(),
        "doel": m.doel,
        "startdatum": m.startdatum.isoformat(),
        "gezet_door": m.gezet_door,
        "omschrijving": m.omschrijving,
        "gerealiseerd": m.gerealiseerd,
        "resterend": m.resterend,
        "bezetting": str(m.bezetting),
        "benodigde_woningen": m.benodigde_woningen,
        "maanden": [str(x) for x in m.maanden],
        "nodig_personen_per_maand": exact_tekst(m.nodig_personen_per_maand),
        "nodig_woningen_per_maand": exact_tekst(m.nodig_woningen_per_maand),
        "voorlopig": m.voorlopig,
        "kans": _kans_als_dict(m.kans),
        "prognose": {v.methode: _voorspelling_als_dict(v) for v in m.voorspellingen},
        "oordeel": None if m.oordeel is None else oordeel_regel.als_dict(m.oordeel),
    }


def beoordeel_mijlpaal(m: MijlpaalPrognose, ontbrekend) -> Oordeel:
    """The verdict of a milestone from its forecasts (``oordeel.beoordeel``); ``ontbrekend``:
    the months without figures of the whole forecast (those counting for it are in
    ``m.maanden``)."""
    return oordeel_regel.beoordeel(
        doel=m.doel,
        gerealiseerd=m.gerealiseerd,
        maanden=len(m.maanden),
        plan=m.plan.personen,
        trend=m.trend.personen,
        capaciteit=m.capaciteit.personen,
        kans=m.kans.waarde,
        ontbrekend=[x for x in ontbrekend if x in m.maanden],
    )


def _mijlpaal_uit_dict(d: dict, ontbrekend: tuple[Maand, ...]) -> MijlpaalPrognose:
    m = MijlpaalPrognose(
        datum=date.fromisoformat(d["datum"]),
        doel=d["doel"],
        startdatum=date.fromisoformat(d["startdatum"]),
        gezet_door=d["gezet_door"],
        omschrijving=d["omschrijving"],
        gerealiseerd=d["gerealiseerd"],
        bezetting=Decimal(d["bezetting"]),
        maanden=tuple(Maand.parse(x) for x in d["maanden"]),
        plan=_voorspelling_uit_dict(d["prognose"]["plan"]),
        trend=_voorspelling_uit_dict(d["prognose"]["trend"]),
        capaciteit=_voorspelling_uit_dict(d["prognose"]["capaciteit"]),
        kans=Kans(**d["kans"]),
        voorlopig=d.get("voorlopig", False),  # absent in snapshots of older engine versions
    )
    if d.get("oordeel"):
        return replace(m, oordeel=oordeel_regel.uit_dict(d["oordeel"]))
    # A snapshot of an older engine version has no stored verdict: the same rule gives it.
    return replace(m, oordeel=beoordeel_mijlpaal(m, ontbrekend))


def prognose_als_dict(p: Prognose) -> dict:
    """The JSON of ``manage.py prognose``, of a snapshot and (later) of the API."""
    return {
        "gemeente": {"id": p.gemeente_id, "cbs_code": p.cbs_code, "naam": p.naam},
        "peildatum": p.peildatum.isoformat(),
        "cijfers_tot_en_met": str(p.tot_en_met),
        "scenario": p.scenario,
        "parameters": p.parameters,
        "bezetting": str(p.bezetting),
        "bezetting_bron": p.bezetting_bron,
        "trend": {
            "maanden": [str(m) for m in p.trend.maanden],
            "per_maand": exact_tekst(p.trend.per_maand),
        },
        "mijlpalen": [_mijlpaal_als_dict(m) for m in p.mijlpalen],
        "signalen": [
            {
                "soort": s.soort,
                "ernst": s.ernst,
                "tekst": s.tekst,
                "maand": _maand(s.maand),
                "aantal": exact_tekst(s.aantal),
                "corporatie": s.corporatie,
            }
            for s in p.signalen
        ],
        "ontbrekende_maanden": [str(m) for m in p.ontbrekende_maanden],
        "acties": [
            {"code": a.code, "naam": a.naam, "via_corporatie": a.via_corporatie, "pm": a.pm}
            for a in p.acties
        ],
        "aannames": [list(a) for a in p.aannames],
        "invoer_hash": p.invoer_hash,
        "engine_versie": p.engine_versie,
    }


def prognose_uit_dict(d: dict) -> Prognose:
    ontbrekend = tuple(Maand.parse(m) for m in d["ontbrekende_maanden"])
    return Prognose(
        gemeente_id=d["gemeente"]["id"],
        cbs_code=d["gemeente"]["cbs_code"],
        naam=d["gemeente"]["naam"],
        peildatum=date.fromisoformat(d["peildatum"]),
        tot_en_met=Maand.parse(d["cijfers_tot_en_met"]),
        scenario=d["scenario"],
        parameters=d["parameters"],
        bezetting=Decimal(d["bezetting"]),
        bezetting_bron=d["bezetting_bron"],
        trend=Trend(
            tuple(Maand.parse(m) for m in d["trend"]["maanden"]),
            exact_uit_tekst(d["trend"]["per_maand"]),
        ),
        mijlpalen=tuple(_mijlpaal_uit_dict(m, ontbrekend) for m in d["mijlpalen"]),
        signalen=tuple(
            Signaal(
                s["soort"],
                s["ernst"],
                s["tekst"],
                _maand_uit(s["maand"]),
                exact_uit_tekst(s["aantal"]),
                s.get("corporatie"),  # absent in snapshots of older engine versions
            )
            for s in d["signalen"]
        ),
        ontbrekende_maanden=ontbrekend,
        acties=tuple(
            Actie(a["code"], a["naam"], a["via_corporatie"], a["pm"]) for a in d["acties"]
        ),
        aannames=tuple(tuple(a) for a in d["aannames"]),
        invoer_hash=d["invoer_hash"],
        engine_versie=d["engine_versie"],
    )
