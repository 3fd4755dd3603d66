"""Three-way reconciliation (issue 15 item 6): the gemeente's own count, the corporaties'
reported allocations to VH and COA's count, per month and half-year, each difference with
its likely cause in words. Pure Python, no Django.

Two comparisons, each in its own unit (R1: persons and dwellings are never mixed):
- gemeente and corporaties, in dwellings: the gemeente's regular allocations (source
  ``regulier``) against the dwellings the corporaties report as allocated to VH;
- gemeente and COA, in persons: the persons counting for the quota against those COA counts
  as housed.

Where the gemeente keeps a month per household (issue 14), the households behind a
difference are named by their pseudonymous short key, never by anything personal: the ones
whose move (or nareizigers' arrival) the cause points at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

GELIJK = "Gelijk."
RAND_DAGEN = 7  # a move this close to the month's edge can be booked in the other month
NA_EINDE_DAGEN = 31  # COA's overview this soon after the month's end: not yet all processed


@dataclass(frozen=True, slots=True)
class Huishoudenregel:
    """A household's move (or its nareizigers' arrival) in a month kept per household."""

    kort: str  # the first characters of the pseudonymous key (``Huishouden.kort``)
    soort: str  # "verhuisd" or "nareizigers"
    dag: date
    personen: int
    route: str
    corporatie: int | None = None

    @property
    def tekst(self) -> str:
        wat = "verhuisd" if self.soort == "verhuisd" else "nareizigers aangekomen"
        return f"{self.kort} ({self.personen} p., {wat} op {self.dag.day}-{self.dag.month})"


@dataclass(frozen=True, slots=True)
class Maandinvoer:
    maand: str  # JJJJ-MM
    naam: str  # "mei 2023"
    ingevuld: bool  # the gemeente saved the month (missing is not zero)
    tellend: int = 0
    woningen_regulier: int = 0
    amv: int = 0  # persons housed through Nidos (AMV)
    har_uitplaatsing: int = 0  # persons moving on from HAR (count 0 for the gemeente)
    corporaties_gemeld: int = 0
    corporaties_totaal: int = 0
    corporaties_vh_woningen: int = 0
    coa_gehuisvest: int | None = None
    coa_publicatie: date | None = None  # the COA overview the month's count comes from
    laatste_dag: date | None = None
    per_huishouden: bool = False  # the month is kept per household
    huishoudens: tuple[Huishoudenregel, ...] = ()  # moves and arrivals of the month
    gemelde_corporaties: frozenset[int] = frozenset()

    @property
    def nareizigers(self) -> int:
        return sum(h.personen for h in self.huishoudens if h.soort == "nareizigers")


@dataclass(frozen=True, slots=True)
class Verschil:
    tussen: str  # "gemeente en corporaties" or "gemeente en COA"
    eenheid: str  # "woningen" or "personen"
    eigen: int | None
    ander: int | None
    verschil: int | None  # ander - eigen
    oorzaak: str
    # The households behind the difference (short pseudonymous keys), where the month is
    # kept per household and the cause points at some.
    huishoudens: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Afstemmingsregel:
    periode: str  # JJJJ-MM or JJJJ-H1
    naam: str
    verschillen: list[Verschil] = field(default_factory=list)


def _verhuisd(m: Maandinvoer) -> list[Huishoudenregel]:
    return [h for h in m.huishoudens if h.soort == "verhuisd"]


def _aan_rand(h: Huishoudenregel, m: Maandinvoer) -> bool:
    """Moved in the first or the last week of the month."""
    return h.dag.day <= RAND_DAGEN or (
        m.laatste_dag is not None and (m.laatste_dag - h.dag).days < RAND_DAGEN
    )


def _tot(huishoudens: list[Huishoudenregel], personen: int) -> list[Huishoudenregel]:
    """The latest first, until they hold ``personen``."""
    gekozen, som = [], 0
    for h in sorted(huishoudens, key=lambda h: (h.dag, h.kort), reverse=True):
        if som >= personen:
            break
        gekozen.append(h)
        som += h.personen
    return gekozen


def _verschil(tussen, eenheid, eigen, ander, verschil, oorzaak, m, huishoudens) -> Verschil:
    namen = []
    if m.per_huishouden and verschil:
        namen = [h.tekst for h in sorted(huishoudens, key=lambda h: (h.dag, h.kort))]
    return Verschil(tussen, eenheid, eigen, ander, verschil, oorzaak, namen)


def _corporaties(m: Maandinvoer, vorige: int | None, volgende: int | None) -> Verschil:
    tussen, eenheid = "gemeente en corporaties", "woningen"
    huishoudens: list[Huishoudenregel] = []
    eigen = m.woningen_regulier if m.ingevuld else None
    ander = m.corporaties_vh_woningen if m.corporaties_gemeld else None
    verschil = None if eigen is None or ander is None else ander - eigen
    if eigen is None:
        oorzaak = "De gemeente heeft deze maand niet ingevuld (ontbrekend, niet 0)."
    elif ander is None:
        oorzaak = "Geen corporatie heeft voor deze maand aanbod gemeld."
    elif verschil == 0:
        oorzaak = GELIJK
    elif m.corporaties_gemeld < m.corporaties_totaal:
        oorzaak = (
            f"Niet alle corporaties meldden deze maand ({m.corporaties_gemeld} van "
            f"{m.corporaties_totaal}); hun toewijzingen ontbreken aan de kant van de corporaties."
        )
        huishoudens = [
            h
            for h in _verhuisd(m)
            if h.route == "regulier" and h.corporatie not in m.gemelde_corporaties
        ]
    elif verschil in {-(vorige or 0), -(volgende or 0)} - {0}:
        oorzaak = (
            "Verschil in maand: de corporatie meldt de toewijzing in de maand van toewijzing, de "
            "gemeente de huisvesting in de maand van verhuizing; de aangrenzende maand heeft het "
            "omgekeerde verschil."
        )
        huishoudens = [h for h in _verhuisd(m) if h.route == "regulier" and _aan_rand(h, m)]
    elif verschil > 0:
        oorzaak = (
            "Meer toewijzingen dan huisvestingen: toegewezen maar (nog) niet verhuisd, of een "
            "toewijzing die niet doorging."
        )
    else:
        oorzaak = (
            "Meer huisvestingen dan toewijzingen: gehuisvest op een toewijzing uit een eerdere "
            "maand, of een corporatie meldde te weinig toewijzingen aan vergunninghouders."
        )
        huishoudens = [h for h in _verhuisd(m) if h.route == "regulier"]
    return _verschil(tussen, eenheid, eigen, ander, verschil, oorzaak, m, huishoudens)


def _coa(m: Maandinvoer, vorige: int | None, volgende: int | None) -> Verschil:
    tussen, eenheid = "gemeente en COA", "personen"
    huishoudens: list[Huishoudenregel] = []
    eigen = m.tellend if m.ingevuld else None
    ander = m.coa_gehuisvest
    verschil = None if eigen is None or ander is None else ander - eigen
    if eigen is None:
        oorzaak = "De gemeente heeft deze maand niet ingevuld (ontbrekend, niet 0)."
    elif ander is None:
        oorzaak = "Het overzicht van het COA noemt deze maand niet."
    elif verschil == 0:
        oorzaak = GELIJK
    elif verschil in {-(vorige or 0), -(volgende or 0)} - {0}:
        oorzaak = (
            "Verschil in maand: het COA boekt op de dag van vertrek uit de opvang, de gemeente op "
            "de dag van huisvesting; de aangrenzende maand heeft het omgekeerde verschil."
        )
        huishoudens = [h for h in _verhuisd(m) if _aan_rand(h, m)]
    elif verschil < 0 and -verschil <= m.amv:
        oorzaak = (
            f"Waarschijnlijk AMV'ers ({m.amv} via Nidos deze maand): die telt de gemeente, het "
            "COA-overzicht niet of later."
        )
        huishoudens = [h for h in _verhuisd(m) if h.route == "amv"]
    elif verschil < 0 and -verschil <= m.nareizigers:
        oorzaak = (
            f"Waarschijnlijk nareizigers ({m.nareizigers} deze maand aangekomen): de gemeente "
            "telt ze bij aankomst, het COA niet, want ze kwamen niet uit de opvang."
        )
        huishoudens = [h for h in m.huishoudens if h.soort == "nareizigers"]
    elif verschil > 0 and verschil <= m.har_uitplaatsing:
        oorzaak = (
            f"Waarschijnlijk HAR-uitplaatsingen ({m.har_uitplaatsing} deze maand): de gemeente "
            "telt ze niet (ze telden bij de instroom in de HAR), het COA telt de verhuizing mee."
        )
    elif verschil < 0 and _kort_na_einde(m):
        oorzaak = (
            f"Waarschijnlijk gehuisvest maar nog niet verwerkt door het COA: het overzicht is "
            f"van {m.coa_publicatie.day}-{m.coa_publicatie.month}-{m.coa_publicatie.year}, kort "
            "na het einde van deze maand; een later overzicht telt ze naar verwachting mee."
        )
        huishoudens = _tot(_verhuisd(m), -verschil)
    else:
        oorzaak = "Niet uit de cijfers te verklaren: navragen bij het COA."
    return _verschil(tussen, eenheid, eigen, ander, verschil, oorzaak, m, huishoudens)


def _kort_na_einde(m: Maandinvoer) -> bool:
    if m.coa_publicatie is None or m.laatste_dag is None:
        return False
    return 0 <= (m.coa_publicatie - m.laatste_dag).days <= NA_EINDE_DAGEN


def _verschillen(lijst: list[Verschil | None]) -> list[int | None]:
    return [None if v is None else v.verschil for v in lijst]


def afstemmen(
    maanden: list[Maandinvoer],
    *,
    halfjaar: str,
    halfjaar_naam: str,
    coa_gerealiseerd: int | None,
) -> list[Afstemmingsregel]:
    """One row per month (in order) and one for the half-year."""
    eerst = [(_corporaties(m, None, None), _coa(m, None, None)) for m in maanden]
    corp = _verschillen([a for a, _ in eerst])
    coa = _verschillen([b for _, b in eerst])
    regels = []
    for i, m in enumerate(maanden):
        vorige_c, volgende_c = (
            (corp[i - 1] if i else None),
            (corp[i + 1] if i + 1 < len(maanden) else None),
        )
        vorige_a, volgende_a = (
            (coa[i - 1] if i else None),
            (coa[i + 1] if i + 1 < len(maanden) else None),
        )
        regels.append(
            Afstemmingsregel(
                m.maand,
                m.naam,
                [_corporaties(m, vorige_c, volgende_c), _coa(m, vorige_a, volgende_a)],
            )
        )
    ontbrekend = [m.naam for m in maanden if not m.ingevuld]
    eigen_tellend = None if ontbrekend else sum(m.tellend for m in maanden)
    eigen_woningen = None if ontbrekend else sum(m.woningen_regulier for m in maanden)
    corp_woningen = sum(m.corporaties_vh_woningen for m in maanden)
    gemeld = any(m.corporaties_gemeld for m in maanden)
    regels.append(
        Afstemmingsregel(
            halfjaar,
            halfjaar_naam,
            [
                _totaal(
                    "gemeente en corporaties",
                    "woningen",
                    eigen_woningen,
                    corp_woningen if gemeld else None,
                    ontbrekend,
                    "Geen corporatie heeft in dit halfjaar aanbod gemeld.",
                ),
                _totaal(
                    "gemeente en COA",
                    "personen",
                    eigen_tellend,
                    coa_gerealiseerd,
                    ontbrekend,
                    "Het overzicht van het COA noemt dit halfjaar niet.",
                ),
            ],
        )
    )
    return regels


def _totaal(tussen, eenheid, eigen, ander, ontbrekend, zonder) -> Verschil:
    verschil = None if eigen is None or ander is None else ander - eigen
    if eigen is None:
        oorzaak = "Ontbrekende maanden bij de gemeente: " + ", ".join(ontbrekend) + "."
    elif ander is None:
        oorzaak = zonder
    elif verschil == 0:
        oorzaak = GELIJK
    else:
        oorzaak = (
            "De som van de verschillen per maand hierboven; een COA-overzicht halverwege het "
            "halfjaar telt de latere maanden nog niet mee."
        )
    return Verschil(tussen, eenheid, eigen, ander, verschil, oorzaak)
