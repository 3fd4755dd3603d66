"""Rules R2-R7 as pure functions, no Django import (docs/ARCHITECTURE.md lists each rule).

Persons and dwellings are separate quantities (R1); dwellings become persons only through a
stated bezetting. Everything is computed exactly (int, Decimal, Fraction) and rounded only
for display (R7).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import pairwise

from kern.perioden import Halfjaar, Maand

Getal = int | Decimal | Fraction


def _decimal(x: Getal) -> Decimal:
    if isinstance(x, Fraction):
        return Decimal(x.numerator) / Decimal(x.denominator)
    return Decimal(x)


# --- R2: taakstelling by art. 29 Huisvestingswet -------------------------------------------


def taakstelling_art29(landelijk_aantal: int, inwoners_gemeente: int, inwoners_nl: int) -> int:
    """ceil(national number x inhabitants of the gemeente / inhabitants of NL), exactly."""
    if inwoners_nl <= 0:
        raise ValueError("het aantal inwoners van Nederland moet positief zijn")
    if landelijk_aantal < 0 or inwoners_gemeente < 0:
        raise ValueError("aantallen kunnen niet negatief zijn")
    teller = landelijk_aantal * inwoners_gemeente
    return -(-teller // inwoners_nl)


def geldende_taakstelling(
    oorspronkelijk: int, bijstellingen: Iterable[tuple[date, int]], op: date | None = None
) -> int:
    """The quota as it stood on a date: the latest revision on or before it (R2)."""
    geldend = oorspronkelijk
    for datum, aantal in sorted(bijstellingen):
        if op is None or datum <= op:
            geldend = aantal
    return geldend


# --- R4: what counts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Telregel:
    """How persons housed through one source count for the quota. Data, not code."""

    bron: str
    telt_mee: bool
    gebruikt_woning: bool = True
    provincie_id: int | None = None
    geldig_vanaf: date = date(1900, 1, 1)
    geldig_tot: date | None = None  # exclusive


def telregel_voor(
    bron: str, datum: date, regels: Iterable[Telregel], provincie_id: int | None = None
) -> Telregel | None:
    """The rule in force for a source on a date; a province's own rule beats the national one."""
    kandidaten = [
        r
        for r in regels
        if r.bron == bron
        and r.geldig_vanaf <= datum
        and (r.geldig_tot is None or datum < r.geldig_tot)
        and (r.provincie_id is None or r.provincie_id == provincie_id)
    ]
    if not kandidaten:
        return None
    return max(kandidaten, key=lambda r: (r.provincie_id is not None, r.geldig_vanaf))


def standaard_tellend(personen_gehuisvest: int, regel: Telregel) -> int:
    return personen_gehuisvest if regel.telt_mee else 0


def controleer_realisatie(
    personen_gehuisvest: int, personen_tellend: int, woningen: int, regel: Telregel
) -> dict[str, str]:
    """Field -> Dutch message for every violation of the counting rule (empty when valid)."""
    fouten: dict[str, str] = {}
    for veld, waarde in (
        ("personen_gehuisvest", personen_gehuisvest),
        ("personen_tellend", personen_tellend),
        ("woningen", woningen),
    ):
        if waarde < 0:
            fouten[veld] = "Vul een aantal van 0 of meer in."
    if "personen_tellend" not in fouten and personen_tellend > personen_gehuisvest:
        fouten["personen_tellend"] = (
            "Er kunnen niet meer personen meetellen dan er zijn gehuisvest "
            f"({personen_tellend} tegen {personen_gehuisvest})."
        )
    if not regel.telt_mee and personen_tellend != 0:
        fouten["personen_tellend"] = (
            "Personen uit deze bron tellen niet mee voor de taakstelling; vul 0 in."
        )
    if not regel.gebruikt_woning and woningen != 0:
        fouten["woningen"] = "Deze bron gebruikt geen woning; vul 0 woningen in."
    if regel.gebruikt_woning and woningen == 0 and personen_gehuisvest > 0:
        fouten.setdefault("woningen", "Vul het aantal gebruikte woningen in (minstens 1).")
    if woningen > personen_gehuisvest and "woningen" not in fouten:
        fouten["woningen"] = "Er zijn meer woningen dan gehuisveste personen ingevuld."
    return fouten


@dataclass(frozen=True, slots=True)
class Realisatieregel:
    maand: Maand
    bron: str
    personen_gehuisvest: int
    personen_tellend: int
    woningen: int


@dataclass(frozen=True, slots=True)
class Totalen:
    personen_gehuisvest: int
    personen_tellend: int
    woningen: int

    @property
    def bezetting(self) -> Decimal | None:
        """Realised bezetting = persons / dwellings (R1); None when no dwellings were used."""
        if self.woningen == 0:
            return None
        return Decimal(self.personen_gehuisvest) / Decimal(self.woningen)


def totalen(regels: Iterable[Realisatieregel]) -> Totalen:
    g = t = w = 0
    for r in regels:
        g += r.personen_gehuisvest
        t += r.personen_tellend
        w += r.woningen
    return Totalen(g, t, w)


def tellend_per_maand(regels: Iterable[Realisatieregel]) -> dict[Maand, int]:
    uitkomst: dict[Maand, int] = {}
    for r in regels:
        uitkomst[r.maand] = uitkomst.get(r.maand, 0) + r.personen_tellend
    return uitkomst


# --- R3: saldo and carry-over ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Afboeking:
    """Part of one quota paid off by the realisation of one period (oldest quota first)."""

    schuld: str  # "2023-H1" or "begin" for the opening backlog
    betaald_in: str  # the period whose realisation (or surplus) paid it
    personen: int


@dataclass(frozen=True, slots=True)
class PeriodeSaldo:
    periode: Halfjaar
    taakstelling: int | None
    ingebracht: int | None  # saldo carried in: negative = achterstand, positive = voorsprong
    opgave: int | None  # taakstelling + achterstand - voorsprong
    realisatie: int  # counted persons in the period (what is known so far)
    saldo: int | None  # realisatie - opgave
    volledig: bool  # all six months have figures
    afboekingen: tuple[Afboeking, ...] = ()

    @property
    def achterstand(self) -> int | None:
        return None if self.saldo is None else max(0, -self.saldo)

    @property
    def voorsprong(self) -> int | None:
        return None if self.saldo is None else max(0, self.saldo)


def saldi(
    perioden: Sequence[tuple[Halfjaar, int | None, int, bool]], beginsaldo: int = 0
) -> list[PeriodeSaldo]:
    """Saldo per half-year (R3) with carry-over, paying off the oldest open quota first.

    ``perioden``: consecutive (halfjaar, taakstelling or None if unknown, counted realisation,
    all months entered) in order. ``beginsaldo`` is what came in before the first period
    (negative: achterstand). Once a quota is unknown, later saldi are unknown too: an unknown
    quota is never treated as zero.
    """
    for (a, *_), (b, *_) in pairwise(perioden):
        if b != a.plus(1):
            raise ValueError(f"perioden moeten aansluiten: {a} gevolgd door {b}")
    open_schulden: list[list] = []  # [label, remaining] oldest first
    tegoed = 0
    if beginsaldo < 0:
        open_schulden.append(["begin", -beginsaldo])
    else:
        tegoed = beginsaldo
    ingebracht: int | None = beginsaldo
    uitkomst: list[PeriodeSaldo] = []
    for periode, taakstelling, realisatie, volledig in perioden:
        if realisatie < 0:
            raise ValueError("realisatie kan niet negatief zijn")
        if taakstelling is None or ingebracht is None:
            uitkomst.append(
                PeriodeSaldo(periode, taakstelling, ingebracht, None, realisatie, None, volledig)
            )
            ingebracht = None
            continue
        afboekingen: list[Afboeking] = []
        if taakstelling > 0:
            open_schulden.append([str(periode), taakstelling])
        # A surplus brought in pays the new quota first, then this period's realisation.
        for bron_label, beschikbaar in (("tegoed", tegoed), (str(periode), realisatie)):
            while beschikbaar > 0 and open_schulden:
                schuld = open_schulden[0]
                deel = min(beschikbaar, schuld[1])
                afboekingen.append(
                    Afboeking(
                        schuld[0], "voorsprong" if bron_label == "tegoed" else bron_label, deel
                    )
                )
                schuld[1] -= deel
                beschikbaar -= deel
                if schuld[1] == 0:
                    open_schulden.pop(0)
            if bron_label == "tegoed":
                tegoed = beschikbaar
            else:
                tegoed += beschikbaar
        opgave = taakstelling - ingebracht
        saldo = realisatie - opgave
        uitkomst.append(
            PeriodeSaldo(
                periode,
                taakstelling,
                ingebracht,
                opgave,
                realisatie,
                saldo,
                volledig,
                tuple(afboekingen),
            )
        )
        ingebracht = saldo
    return uitkomst


# --- R5: milestones -------------------------------------------------------------------------


def saldi_tot(
    rijen: list[Realisatieregel],
    ingevoerd: set[Maand],
    quota: list[tuple[Halfjaar, int]],
    opening: tuple[Halfjaar, int] | None,
    tot: Maand,
) -> list[PeriodeSaldo]:
    """Saldo per half-year from the first quota on, with realisation known up to ``tot``."""
    if not quota:
        return []
    per_periode: dict[Halfjaar, int] = {}
    for r in rijen:
        if r.maand <= tot:
            per_periode[r.maand.halfjaar] = (
                per_periode.get(r.maand.halfjaar, 0) + r.personen_tellend
            )
    ingevuld: dict[Halfjaar, int] = {}
    for m in ingevoerd:
        if m <= tot:
            ingevuld[m.halfjaar] = ingevuld.get(m.halfjaar, 0) + 1
    return saldi_per_periode(per_periode, ingevuld, quota, opening)


def saldi_per_periode(
    realisatie: dict[Halfjaar, int],
    ingevuld: dict[Halfjaar, int],
    quota: list[tuple[Halfjaar, int]],
    opening: tuple[Halfjaar, int] | None,
) -> list[PeriodeSaldo]:
    """``saldi_tot`` from totals per half-year (counted persons, and the number of entered
    months up to ``tot``): a period is complete when all six of its months are entered. The
    IBT dashboard reads these totals with one aggregate query per province."""
    if not quota:
        return []
    bekend = dict(quota)
    eerste, laatste = quota[0][0], quota[-1][0]
    perioden = []
    p = eerste
    while p <= laatste:
        volledig = ingevuld.get(p, 0) == len(p.maanden)
        perioden.append((p, bekend.get(p), realisatie.get(p, 0), volledig))
        p = p.plus(1)
    begin = opening[1] if opening and opening[0] == eerste else 0
    return saldi(perioden, begin)


@dataclass(frozen=True, slots=True)
class Mijlpaal:
    datum: date
    doel: int  # cumulative persons since startdatum
    startdatum: date
    gezet_door: str = "wet"  # "wet" (half-year end) or "provincie"
    omschrijving: str = ""


def telt_voor_mijlpaal(maand: Maand, mijlpaal: Mijlpaal) -> bool:
    """A month counts when it starts on/after the start date and ends on/before the milestone."""
    return maand.eerste_dag >= mijlpaal.startdatum and maand.laatste_dag <= mijlpaal.datum


def standaard_mijlpalen(
    taakstellingen: Sequence[tuple[Halfjaar, int]], beginsaldo: int = 0
) -> list[Mijlpaal]:
    """The legal defaults: the end of each half-year, cumulative since the first one.

    They stop at the first half-year without a quota: an unknown quota is never zero, so no
    cumulative target can be stated after it.
    """
    if not taakstellingen:
        return []
    reeks = sorted(taakstellingen)
    start = reeks[0][0].begin
    cumulatief = -beginsaldo
    uitkomst = []
    verwacht = reeks[0][0]
    for periode, aantal in reeks:
        if periode != verwacht:
            break
        cumulatief += aantal
        uitkomst.append(Mijlpaal(periode.einde, cumulatief, start, "wet", f"einde {periode.naam}"))
        verwacht = periode.plus(1)
    return uitkomst


def geldende_mijlpalen(standaard: Iterable[Mijlpaal], eigen: Iterable[Mijlpaal]) -> list[Mijlpaal]:
    """A province's own milestone replaces a legal default that it covers: it falls in the
    default's half-year or later, counts from on or before the default's deadline, and asks
    at least as much (measured from the default's start). Almere 2023: 293 by 1 okt replaces
    293 by 30 jun, but not 629 by 31 dec; only 629 by 31 dec replaces that one."""
    standaard = sorted(standaard, key=lambda m: m.datum)
    eigen = list(eigen)

    def al_vereist_voor(datum: date) -> int:
        """The legal cumulative target already due before a date (0 before the first)."""
        eerder = [m.doel for m in standaard if m.datum < datum]
        return eerder[-1] if eerder else 0

    def dekt(e: Mijlpaal, m: Mijlpaal) -> bool:
        return (
            e.datum >= Halfjaar.van(m.datum).begin
            and e.startdatum <= m.datum
            and e.doel + al_vereist_voor(e.startdatum) >= m.doel
        )

    gehouden = [m for m in standaard if not any(dekt(e, m) for e in eigen)]
    return sorted(gehouden + eigen, key=lambda m: (m.datum, m.doel))


# --- R6: needed dwellings, R7: rounding -----------------------------------------------------


def benodigde_woningen(personen: Getal, bezetting: Decimal) -> int:
    """ceil(persons / bezetting) in Decimal: floats give wrong ceilings (R6)."""
    if bezetting <= 0:
        raise ValueError("de bezetting moet groter dan 0 zijn")
    p = _decimal(personen)
    if p <= 0:
        return 0
    return int((p / bezetting).to_integral_value(rounding=ROUND_CEILING))


def afronden(x: Getal) -> int:
    """Round half up, for display only."""
    return int(_decimal(x).to_integral_value(rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Afronding:
    """Rounded parts and the rounded exact total (R7), with the difference between them."""

    delen: tuple[int, ...]
    totaal: int
    exact_totaal: Decimal

    @property
    def verschil(self) -> int:
        return self.totaal - sum(self.delen)


def rond_af(delen: Iterable[Getal]) -> Afronding:
    exact = [_decimal(d) for d in delen]
    som = sum(exact, Decimal(0))
    return Afronding(tuple(afronden(d) for d in exact), afronden(som), som)


# --- the position (stand) at a peildatum ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class MijlpaalStand:
    mijlpaal: Mijlpaal
    gerealiseerd: int
    bezetting: Decimal
    vorige_doel: int | None = None  # the previous milestone with the same start date

    @property
    def resterend(self) -> int:
        return max(0, self.mijlpaal.doel - self.gerealiseerd)

    @property
    def verschil(self) -> int:
        """+ surplus / - shortfall against the target, on the counted figures so far."""
        return self.gerealiseerd - self.mijlpaal.doel

    @property
    def benodigde_woningen(self) -> int:
        return benodigde_woningen(self.resterend, self.bezetting)

    @property
    def resterend_in_periode(self) -> int | None:
        """What falls due between the previous milestone and this one (seed 000: 336)."""
        if self.vorige_doel is None:
            return None
        return min(self.resterend, self.mijlpaal.doel - self.vorige_doel)

    @property
    def benodigde_woningen_in_periode(self) -> int | None:
        r = self.resterend_in_periode
        return None if r is None else benodigde_woningen(r, self.bezetting)


@dataclass(frozen=True)
class Stand:
    peildatum: date
    tot_en_met: Maand  # the last month whose figures count
    totalen: Totalen
    mijlpalen: list[MijlpaalStand] = field(default_factory=list)
    ontbrekende_maanden: list[Maand] = field(default_factory=list)


def stand_op(
    peildatum: date,
    regels: Sequence[Realisatieregel],
    mijlpalen: Sequence[Mijlpaal],
    bezetting: Decimal,
    verwachte_maanden: Sequence[Maand] = (),
    ingevoerde_maanden: Iterable[Maand] | None = None,
) -> Stand:
    """The position at a peildatum: only months that ended before it count.

    A month is missing when nobody entered it (``ingevoerde_maanden``; by default the months
    that have rows); an entered month with nothing housed counts as 0. Missing is not zero.
    """
    tot = Maand.van(peildatum).plus(-1)
    bekend = [r for r in regels if r.maand <= tot]
    per_maand = tellend_per_maand(bekend)
    standen = []
    vorige_per_start: dict[date, int] = {}
    for m in sorted(mijlpalen, key=lambda m: (m.datum, m.doel)):
        gerealiseerd = sum(n for maand, n in per_maand.items() if telt_voor_mijlpaal(maand, m))
        standen.append(
            MijlpaalStand(m, gerealiseerd, bezetting, vorige_per_start.get(m.startdatum))
        )
        vorige_per_start[m.startdatum] = m.doel
    aanwezig = {r.maand for r in bekend} if ingevoerde_maanden is None else set(ingevoerde_maanden)
    ontbrekend = [m for m in verwachte_maanden if m <= tot and m not in aanwezig]
    return Stand(peildatum, tot, totalen(bekend), standen, ontbrekend)


# --- audit: when a change needs a reason (issue 'Invoer' §6) ------------------------------


def reden_verplicht(maand: Maand, vandaag: date) -> bool:
    """Changing a month older than the previous month needs a reason in the audit trail."""
    return maand < Maand.van(vandaag).plus(-1)
