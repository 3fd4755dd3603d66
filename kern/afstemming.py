"""Three-way reconciliation (issue 15 item 6): the gemeente's own count, the corporaties'
reported allocations to VH and COA's count, per month and half-year, each difference with
its likely cause in words. Pure Python, no Django.

Two comparisons, each in its own unit (R1: persons and dwellings are never mixed):
- gemeente and corporaties, in dwellings: the gemeente's regular allocations (source
  ``regulier``) against the dwellings the corporaties report as allocated to VH;
- gemeente and COA, in persons: the persons counting for the quota against those COA counts
  as housed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GELIJK = "Gelijk."


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


@dataclass(frozen=True, slots=True)
class Verschil:
    tussen: str  # "gemeente en corporaties" or "gemeente en COA"
    eenheid: str  # "woningen" or "personen"
    eigen: int | None
    ander: int | None
    verschil: int | None  # ander - eigen
    oorzaak: str


@dataclass(frozen=True)
class Afstemmingsregel:
    periode: str  # JJJJ-MM or JJJJ-H1
    naam: str
    verschillen: list[Verschil] = field(default_factory=list)


def _corporaties(m: Maandinvoer, vorige: int | None, volgende: int | None) -> Verschil:
    tussen, eenheid = "gemeente en corporaties", "woningen"
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
    elif verschil in {-(vorige or 0), -(volgende or 0)} - {0}:
        oorzaak = (
            "Verschil in maand: de corporatie meldt de toewijzing in de maand van toewijzing, de "
            "gemeente de huisvesting in de maand van verhuizing; de aangrenzende maand heeft het "
            "omgekeerde verschil."
        )
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
    return Verschil(tussen, eenheid, eigen, ander, verschil, oorzaak)


def _coa(m: Maandinvoer, vorige: int | None, volgende: int | None) -> Verschil:
    tussen, eenheid = "gemeente en COA", "personen"
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
    elif verschil < 0 and -verschil <= m.amv:
        oorzaak = (
            f"Waarschijnlijk AMV'ers ({m.amv} via Nidos deze maand): die telt de gemeente, het "
            "COA-overzicht niet of later."
        )
    elif verschil > 0 and verschil <= m.har_uitplaatsing:
        oorzaak = (
            f"Waarschijnlijk HAR-uitplaatsingen ({m.har_uitplaatsing} deze maand): de gemeente "
            "telt ze niet (ze telden bij de instroom in de HAR), het COA telt de verhuizing mee."
        )
    else:
        oorzaak = "Niet uit de cijfers te verklaren: navragen bij het COA."
    return Verschil(tussen, eenheid, eigen, ander, verschil, oorzaak)


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
