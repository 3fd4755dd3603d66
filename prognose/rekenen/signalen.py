"""Consistency flags (R11), each in one Dutch sentence. Pure Python: no Django import.

- **plan boven capaciteit**: in a month still to come, the plan counts on more dwellings from
  the corporate supply than the capacity for VH (R9) gives;
- **aanbod ontbreekt**: a corporatie with supply in the gemeente but neither figures nor an
  expected supply for months to forecast: its share of the capacity is missing, not 0;
- **pm**: actions without a number are listed, never summed;
- **ontbrekende maand**: a month that ended without figures is missing, not zero;
- **koppelingen** (verschoonbaar): a gemeente can only house whom COA linked to it, and a
  person linked after the koppelpeildatum (1 april for H1, 1 oktober for H2) can hardly be
  housed before the half-year ends (about 10 weeks to find a home, 2 to move). So: when COA
  linked fewer persons in the half-year's first three months than the opgave of that
  half-year (R3), a shortfall at the half-year's end is *verschoonbaar* up to the difference
  (opgave - gekoppeld). Before the koppelpeildatum the months so far are compared with the
  pace opgave x months / 3 and flagged as provisional. A month without koppelingen entered is
  unknown, not 0: a warning asks for it and no amount or pace is stated;
- **HAR**: persons enter the HAR when counted and leave by a HAR uitplaatsing; uitplaatsingen
  take the oldest entries first (first in, first out). The day of entry is not recorded, only
  the month: who entered in March is surely past six months, the period the Rijk pays for,
  after 30 September (a problem); from two months before that a warning says by when;
- **AMV 21**: an AMV'er's cohort turns 21 in the birth month plus 21 years; the gemeente stays
  responsible for the outflow (seed 000 r. 132). Flagged from 12 months before to 12 after;
- **taakstelling bijgesteld**: a quota revised (R2: a new national number by art. 29, an
  exchange between gemeenten) on or before the peildatum and at most six months before it,
  with the old and the new figure and the date: the opgave and the milestones moved with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from fractions import Fraction

from kern import opmaak
from kern.perioden import Halfjaar, Maand
from prognose.rekenen.gegevens import AmvCohort, Signaal

INFO, WAARSCHUWING, PROBLEEM = "info", "waarschuwing", "probleem"

# The kind of a flag in words, for tables and exports (the code stays in the data and the API).
SOORTNAMEN = {
    "plan_boven_capaciteit": "Plan boven capaciteit",
    "aanbod_ontbreekt": "Aanbodcijfers ontbreken",
    "pm": "Actie zonder aantal (pm)",
    "ontbrekende_maand": "Maand zonder cijfers",
    "koppelingen": "Te weinig koppelingen",
    "har": "Langer dan zes maanden in de HAR",
    "amv": "Alleenstaande minderjarige wordt 21",
    "taakstelling_bijgesteld": "Taakstelling bijgesteld",
}


def soortnaam(soort: str) -> str:
    return SOORTNAMEN.get(soort, soort.replace("_", " ").capitalize())


HAR_MAANDEN = 6
HAR_VOORUIT = 2
AMV_LEEFTIJD = 21
AMV_VENSTER = 12
BIJGESTELD_MAANDEN = 6


def opsomming(namen: Sequence[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b en c'."""
    namen = list(namen)
    if len(namen) <= 1:
        return "".join(namen)
    return ", ".join(namen[:-1]) + " en " + namen[-1]


def _aantal(x: Fraction | int) -> str:
    f = Fraction(x)
    return opmaak.getal(f) if f.denominator == 1 else opmaak.getal(f, 1)


def ontbrekende_maanden(maanden: Iterable[Maand]) -> list[Signaal]:
    return [
        Signaal(
            "ontbrekende_maand",
            WAARSCHUWING,
            f"Geen cijfers ingevoerd voor {m.naam}: die maand telt niet als 0; de prognoses "
            "schatten hem zoals de maanden die nog komen.",
            m,
        )
        for m in maanden
    ]


def plan_boven_capaciteit(
    maanden: Iterable[tuple[Maand, int, Fraction | None, Fraction | None]],
) -> list[Signaal]:
    """(month, planned corporate dwellings, capacity in dwellings, mutaties) per month."""
    uitkomst = []
    for maand, gepland, capaciteit, mutaties in maanden:
        if capaciteit is None or gepland <= capaciteit:
            continue
        van = f" van {_aantal(mutaties)} vrijkomende" if mutaties is not None else ""
        uitkomst.append(
            Signaal(
                "plan_boven_capaciteit",
                WAARSCHUWING,
                f"{maand.naam[0].upper()}{maand.naam[1:]}: het plan rekent op {gepland} woningen "
                "uit het corporatieaanbod, de capaciteit voor vergunninghouders is "
                f"{_aantal(capaciteit)} woningen{van}.",
                maand,
                gepland - capaciteit,
            )
        )
    return uitkomst


def aanbod_ontbreekt(
    per_corporatie: dict[str, list[Maand]], slugs: dict[str, str] | None = None
) -> list[Signaal]:
    """Corporaties (names) with supply in the gemeente but neither figures nor an expected
    supply for some months to forecast: their part of the capacity is missing, not 0.
    ``slugs``: name -> slug, so the flag says whose figures it is about."""
    slugs = slugs or {}
    uitkomst = []
    for corporatie, maanden in sorted(per_corporatie.items()):
        eerste, laatste = min(maanden), max(maanden)
        periode = eerste.naam if eerste == laatste else f"{eerste.naam} tot en met {laatste.naam}"
        uitkomst.append(
            Signaal(
                "aanbod_ontbreekt",
                WAARSCHUWING,
                f"Corporatie {corporatie}: geen aanbodcijfers en geen aanbodverwachting voor "
                f"{periode} ({len(maanden)} {'maand' if len(maanden) == 1 else 'maanden'}); "
                "haar aanbod ontbreekt in de capaciteitsprognose. Voer een aanbodverwachting "
                "in.",
                eerste,
                corporatie=slugs.get(corporatie, corporatie),
            )
        )
    return uitkomst


def pm_acties(namen: Sequence[str]) -> list[Signaal]:
    if not namen:
        return []
    return [
        Signaal(
            "pm",
            INFO,
            f"Pro memorie (pm), niet meegeteld in de prognoses: {opsomming(list(namen))}.",
        )
    ]


def koppelpeildatum(halfjaar: Halfjaar) -> date:
    return date(halfjaar.jaar, 4 if halfjaar.helft == 1 else 10, 1)


def verschoonbaar(opgave: int, gekoppeld: int) -> int:
    """Persons of a shortfall that are excusable: what COA did not link by the peildatum."""
    return max(0, opgave - gekoppeld)


def koppelingen(
    peildatum: date,
    tot: Maand,
    opgaven: Iterable[tuple[Halfjaar, int | None]],
    gekoppeld_per_maand: dict[Maand, int],
) -> list[Signaal]:
    uitkomst = []
    for halfjaar, opgave in opgaven:
        if opgave is None or opgave <= 0:
            continue
        venster = halfjaar.maanden[:3]
        voorbij = [m for m in venster if m <= tot]
        if not voorbij:
            continue
        zonder = [m for m in voorbij if m not in gekoppeld_per_maand]
        gekoppeld = sum(gekoppeld_per_maand.get(m, 0) for m in voorbij)
        grens = koppelpeildatum(halfjaar)
        if zonder:
            # A month without koppelingen entered is unknown, not 0: no verschoonbaar amount
            # and no pace can be stated until they are entered.
            uitkomst.append(
                Signaal(
                    "koppelingen",
                    WAARSCHUWING,
                    f"Koppelingen ontbreken voor {opsomming([m.naam for m in zonder])}: het "
                    f"aantal dat COA vóór {opmaak.datum(grens)} koppelde is onbekend, dus ook "
                    f"welk deel van een tekort in de {halfjaar.naam} verschoonbaar is. Voer de "
                    "koppelingen van die maanden in.",
                    zonder[0],
                )
            )
            continue
        if len(voorbij) == len(venster) and peildatum >= grens:
            tekort = verschoonbaar(opgave, gekoppeld)
            if tekort == 0:
                continue
            uitkomst.append(
                Signaal(
                    "koppelingen",
                    INFO,
                    f"COA koppelde vóór {opmaak.datum(grens)} {opmaak.getal(gekoppeld)} personen"
                    f", {opmaak.getal(tekort)} minder dan de opgave van "
                    f"{opmaak.getal(opgave)} voor de {halfjaar.naam}: een tekort tot "
                    f"{opmaak.getal(tekort)} personen in dat halfjaar is verschoonbaar.",
                    None,
                    Fraction(tekort),
                )
            )
            continue
        tempo = Fraction(opgave * len(voorbij), len(venster))
        if gekoppeld >= tempo:
            continue
        periode = (
            voorbij[0].naam
            if len(voorbij) == 1
            else (f"{voorbij[0].naam.split()[0]}–{voorbij[-1].naam}")
        )
        uitkomst.append(
            Signaal(
                "koppelingen",
                INFO,
                f"COA koppelde in {periode} {opmaak.getal(gekoppeld)} personen, onder "
                f"het tempo ({_aantal(tempo)}) voor de opgave van {opmaak.getal(opgave)} vóór "
                f"{opmaak.datum(grens)}: blijft dat zo, dan is een tekort in de "
                f"{halfjaar.naam} deels verschoonbaar (voorlopig).",
            )
        )
    return uitkomst


def har_cohorten(har: Iterable[tuple[Maand, int, int]]) -> tuple[list[tuple[Maand, int]], int]:
    """Who is still in the HAR, per month of entry, first in first out.

    ``har``: (month, persons entering, persons leaving by uitplaatsing). Returns the remaining
    cohorts and the uitplaatsingen without a recorded entry (entered before the figures start).
    """
    wachtrij: list[list] = []
    onbekend = 0
    for maand, instroom, uitstroom in sorted(har):
        if instroom:
            wachtrij.append([maand, instroom])
        rest = uitstroom
        while rest and wachtrij:
            deel = min(rest, wachtrij[0][1])
            wachtrij[0][1] -= deel
            rest -= deel
            if wachtrij[0][1] == 0:
                wachtrij.pop(0)
        onbekend += rest
    return [(m, n) for m, n in wachtrij], onbekend


def har_verblijf(peildatum: date, har: Iterable[tuple[Maand, int, int]]) -> list[Signaal]:
    cohorten, _ = har_cohorten(har)
    uitkomst = []
    for maand, aantal in cohorten:
        # Entered somewhere in ``maand``: from the first day of month + 6 the earliest entries
        # are past six months, after the last day of month + 6 all of them are.
        zes = maand.plus(HAR_MAANDEN).laatste_dag
        if peildatum > zes:
            uitkomst.append(
                Signaal(
                    "har",
                    PROBLEEM,
                    f"{opmaak.getal(aantal)} {'persoon staat' if aantal == 1 else 'personen staan'}"
                    f" sinds {maand.naam} in de HAR: langer dan zes maanden, de periode die het "
                    "Rijk betaalt.",
                    maand,
                    Fraction(aantal),
                )
            )
        elif peildatum >= maand.plus(HAR_MAANDEN - HAR_VOORUIT).eerste_dag:
            uitkomst.append(
                Signaal(
                    "har",
                    WAARSCHUWING,
                    f"{opmaak.getal(aantal)} {'persoon staat' if aantal == 1 else 'personen staan'}"
                    f" sinds {maand.naam} in de HAR en {'bereikt' if aantal == 1 else 'bereiken'}"
                    f" uiterlijk {opmaak.datum(zes)} zes maanden, de periode die het Rijk "
                    "betaalt.",
                    maand,
                    Fraction(aantal),
                )
            )
    return uitkomst


def amv_21(peildatum: date, cohorten: Iterable[AmvCohort]) -> list[Signaal]:
    nu = Maand.van(peildatum)
    per_maand: dict[Maand, int] = {}
    for c in cohorten:
        wordt = c.geboortemaand.plus(AMV_LEEFTIJD * 12)
        if nu.plus(-AMV_VENSTER) <= wordt <= nu.plus(AMV_VENSTER):
            per_maand[wordt] = per_maand.get(wordt, 0) + c.aantal
    uitkomst = []
    for maand, aantal in sorted(per_maand.items()):
        wie = "AMV'er" if aantal == 1 else "AMV'ers"
        if maand < nu:
            werkwoord = "werd" if aantal == 1 else "werden"
        else:
            werkwoord = "wordt" if aantal == 1 else "worden"
        uitkomst.append(
            Signaal(
                "amv",
                WAARSCHUWING if maand >= nu else INFO,
                f"{opmaak.getal(aantal)} {wie} {werkwoord} 21 in {maand.naam}: de gemeente blijft "
                "verantwoordelijk voor hun uitstroom.",
                maand,
                Fraction(aantal),
            )
        )
    return uitkomst


def taakstelling_bijgesteld(
    peildatum: date, bijstellingen: Iterable[tuple[Halfjaar, date, int, int]]
) -> list[Signaal]:
    """(half-year, date, old, new) per revision of a quota. Flagged from its date until six
    months after it; a revision dated after the peildatum is not known on it."""
    van = Maand.van(peildatum).plus(-BIJGESTELD_MAANDEN).eerste_dag
    uitkomst = []
    for halfjaar, datum, was, nieuw in sorted(bijstellingen, key=lambda b: (b[1], b[0])):
        if not van <= datum <= peildatum or was == nieuw:
            continue
        richting = "verhoogd" if nieuw > was else "verlaagd"
        uitkomst.append(
            Signaal(
                "taakstelling_bijgesteld",
                INFO,
                f"De taakstelling voor de {halfjaar.naam} is op {opmaak.datum(datum)} "
                f"bijgesteld: {richting} van {opmaak.getal(was)} naar {opmaak.getal(nieuw)} "
                "personen. De opgave en de mijlpalen rekenen met het nieuwe cijfer.",
                Maand.van(datum),
                Fraction(nieuw - was),
            )
        )
    return uitkomst
