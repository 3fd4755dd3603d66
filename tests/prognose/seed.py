"""Seed 000 (Almere, June 2023) as plain forecast inputs, line by line; no database.

The monthly split of January-April is the demo's (illustratief); the totals, the plan, the
supply and the shares are the source's (line numbers of Almere's plan of approach (seed 000)).
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from kern.aanbod import Aandeel
from kern.perioden import Halfjaar, Maand
from kern.regels import Mijlpaal, Realisatieregel
from prognose.rekenen.gegevens import (
    Aanbodverwachting,
    Actietype,
    Afspraak,
    Invoer,
    Plan,
    Planregel,
)

BEZETTING = Decimal("2.2")  # L51
PEILDATUM = date(2023, 5, 1)  # L43: figures up to April
MEI_DEC = [Maand(2023, m) for m in range(5, 13)]

# L43/L46: 98 housed Jan-Apr in 48 dwellings, 20 of them HAR uitplaatsingen: 78 count.
JAN_APR = (
    Realisatieregel(Maand(2023, 1), "regulier", 22, 22, 11),
    Realisatieregel(Maand(2023, 2), "regulier", 19, 19, 9),
    Realisatieregel(Maand(2023, 2), "har_uitplaatsing", 12, 0, 5),
    Realisatieregel(Maand(2023, 3), "regulier", 20, 20, 10),
    Realisatieregel(Maand(2023, 4), "regulier", 17, 17, 9),
    Realisatieregel(Maand(2023, 4), "har_uitplaatsing", 8, 0, 4),
)
# L139-L145: dwellings per action per month May-Dec; None is pm.
PLAN = {
    "prioritaire_toewijzing": [20, 20, 20, 20, 20, 20, 20, 20],
    "aankoop_vastgoed": [0, 0, 0, 0, 20, 20, 20, 10],
    "aftoppen_huren": [None] * 8,
    "schrappen_labels": [0, 2, 2, 2, 2, 2, 0, 0],
    "andere_verhuurders": [None] * 8,
    "amv": [0, 0, 0, 5, 0, 0, 5, 0],
    "har": [None] * 8,
}
ACTIETYPEN = (
    Actietype("prioritaire_toewijzing", "Prioritaire toewijzing", True),
    Actietype("aankoop_vastgoed", "Aankoop/huur (en transformatie) vastgoed", False),
    Actietype("aftoppen_huren", "Aftoppen van huurprijzen", True),
    Actietype("schrappen_labels", "Schrappen van toewijzingslabels", True),
    Actietype("andere_verhuurders", "Beroep doen op andere verhuurders", False),
    Actietype("amv", "Huisvesten AMV'ers", False),
    Actietype("har", "HAR of andere tijdelijke voorzieningen", False),
)
GOEDESTEDE, YMERE, ALLIANTIE = "goedestede", "ymere", "de-alliantie"


def almere(**afwijkend) -> Invoer:
    invoer = Invoer(
        gemeente_id=34,
        cbs_code="GM0034",
        naam="Almere",
        realisatie=JAN_APR,
        ingevoerd=frozenset(Maand(2023, m) for m in range(1, 5)),
        mijlpalen=(
            Mijlpaal(date(2023, 10, 1), 293, date(2023, 1, 1), "provincie"),  # L14
            Mijlpaal(date(2023, 12, 31), 629, date(2023, 1, 1), "provincie"),  # L15
        ),
        taakstellingen=((Halfjaar(2023, 1), 261), (Halfjaar(2023, 2), 336)),  # L37-L38
        opening=(Halfjaar(2023, 1), -32),  # L36
        plannen=(Plan("Plan van aanpak 2023", date(2023, 5, 1), date(2023, 12, 31), BEZETTING),),
        planning=tuple(
            Planregel(actie, maand, woningen, BEZETTING)
            for actie, reeks in PLAN.items()
            for maand, woningen in zip(MEI_DEC, reeks, strict=True)
        ),
        actietypen=ACTIETYPEN,
        # L61: about 90 mutaties a month over the three corporaties (split illustratief).
        verwachtingen=(
            Aanbodverwachting(GOEDESTEDE, date(2023, 1, 1), Decimal(33)),
            Aanbodverwachting(YMERE, date(2023, 1, 1), Decimal(32)),
            Aanbodverwachting(ALLIANTIE, date(2023, 1, 1), Decimal(25)),
        ),
        afspraken=(
            # L78: about 40% to urgenten until 1 July, 35% after; L72: two thirds to VH.
            Afspraak(
                "aandeel_urgenten",
                None,
                Aandeel(Fraction(2, 5), date(2023, 1, 1), date(2023, 7, 1)),
            ),
            Afspraak("aandeel_urgenten", None, Aandeel(Fraction(7, 20), date(2023, 7, 1))),
            Afspraak("aandeel_vh", None, Aandeel(Fraction(2, 3), date(2023, 1, 1))),
        ),
        koppelingen=tuple(
            (Maand(2023, m), n) for m, n in zip(range(1, 5), [60, 55, 70, 65], strict=True)
        ),
        standaard_bezetting=BEZETTING,
    )
    return replace(invoer, **afwijkend)
