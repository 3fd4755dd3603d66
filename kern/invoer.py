"""Reading what people type or paste: whole numbers and hidden versions.

Pure Python, no Django import (tests/kern/test_aantal.py checks it), so the month form,
every other numeric form field, the plan grid cells and the import (CSV and Excel cells) read
a number in exactly the same way:

- digits, optionally with Dutch thousand grouping in groups of exactly three ("1.250",
  "20.000", "1 000"): what ``kern.opmaak.getal`` prints reads back as the same number;
- never decimals ("1,5", "2,0", "1.5", ".5"), never text, never full-width or other digits;
- a sign only where the field allows negatives (an opening saldo: "-32", "−32" as
  ``opmaak.getal`` prints it);
- a maximum per kind of field (the constants below), so a typing error is not stored.

Each message lives here, next to the only parser that gives it.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal

# Maxima per kind of field: a larger figure is a typing error, not a fact.
MAX_PERSONEN_PER_MAAND = 10_000  # realisation per source per month, COA-koppelingen
MAX_WONINGEN_PER_MAAND = 10_000  # one cell of the action plan
MAX_AANBOD = 100_000  # a corporatie's supply figures of one month
MAX_AMV = 10_000  # one AMV cohort
MAX_PERSONEN = 1_000_000  # a quota, a revision, a milestone target, an opening saldo
MAX_LANDELIJK = 10_000_000  # the national quota (art. 29)
MAX_INWONERS = 100_000_000  # inhabitants (art. 29)

GEEN_GEHEEL_AANTAL = "Vul een geheel aantal in, zonder decimalen (bijvoorbeeld 1.250)."
GEEN_JA_NEE = "Vul een aantal in, geen ja/nee."
NUL_OF_MEER = "Vul een aantal van 0 of meer in."

_ZONDER_GROEPEN = re.compile(r"[0-9]+")
# Groups of exactly three after the first, all with the same separator: a point, a space, a
# non-breaking space or a narrow non-breaking space (what spreadsheets paste).
_MET_GROEPEN = re.compile(r"[0-9]{1,3}(?P<s>[. \u00a0\u202f])[0-9]{3}(?:(?P=s)[0-9]{3})*")
_MINTEKENS = ("-", "\u2212", "\u2013")  # hyphen, minus sign, en dash (Word, Excel)
_MAX_CIJFERS = 15


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".").replace("-", "\u2212")


def _grenzen(getal: int, minimum: int, maximum: int) -> int:
    if getal < minimum:
        if minimum == 0:
            raise ValueError(NUL_OF_MEER)
        raise ValueError(f"Vul een aantal van {_getal(minimum)} of meer in.")
    if getal > maximum:
        raise ValueError(f"Vul een aantal van hoogstens {_getal(maximum)} in.")
    return getal


def lees_aantal(
    waarde: object, *, maximum: int, minimum: int = 0, groepen: bool = True
) -> int | None:
    """A whole number from a form field or a spreadsheet cell; None when empty.

    Raises ValueError with a Dutch message for anything else. ``groepen=False`` refuses
    thousand grouping (a year is written 2023, not 2.023).
    """
    if waarde is None:
        return None
    if isinstance(waarde, bool):
        raise ValueError(GEEN_JA_NEE)
    if isinstance(waarde, int):
        return _grenzen(waarde, minimum, maximum)
    if isinstance(waarde, float | Decimal):
        # A spreadsheet cell holds 4.0 for 4; 2.5 is a fraction, NaN and infinity nothing.
        if isinstance(waarde, float) and not math.isfinite(waarde):
            raise ValueError(GEEN_GEHEEL_AANTAL)
        if isinstance(waarde, Decimal) and not waarde.is_finite():
            raise ValueError(GEEN_GEHEEL_AANTAL)
        if waarde != int(waarde):
            raise ValueError(GEEN_GEHEEL_AANTAL)
        return _grenzen(int(waarde), minimum, maximum)
    tekst = str(waarde).strip()
    if tekst == "":
        return None
    teken = 1
    if tekst[0] in _MINTEKENS or tekst[0] == "+":
        teken = -1 if tekst[0] in _MINTEKENS else 1
        tekst = tekst[1:].lstrip()
    if _ZONDER_GROEPEN.fullmatch(tekst):
        cijfers = tekst
    elif groepen and _MET_GROEPEN.fullmatch(tekst):
        cijfers = re.sub(r"[^0-9]", "", tekst)
    else:
        raise ValueError(GEEN_GEHEEL_AANTAL)
    onder = NUL_OF_MEER if minimum == 0 else f"Vul een aantal van {_getal(minimum)} of meer in."
    if teken < 0 and minimum >= 0 and cijfers.strip("0"):
        raise ValueError(onder)
    if len(cijfers.lstrip("0")) > _MAX_CIJFERS:  # before int(): no huge numbers to build
        raise ValueError(
            f"Vul een aantal van hoogstens {_getal(maximum)} in." if teken > 0 else onder
        )
    return _grenzen(teken * int(cijfers), minimum, maximum)


def lees_versie(tekst: object) -> int | None:
    """The version a form showed (a hidden field): None when empty (a new row); -1 when it
    cannot be read, which matches no stored version and so shows as a conflict."""
    if tekst is None:
        return None
    t = str(tekst).strip()
    if t == "":
        return None
    if re.fullmatch(r"[0-9]{1,9}", t) is None:
        return -1
    return int(t)


def lees_peildatum(tekst: str | None) -> tuple[date | None, str | None]:
    """Parse ?peildatum=JJJJ-MM-DD; returns (date, None) or (None, Dutch error)."""
    if not tekst:
        return None, None
    try:
        d = date.fromisoformat(tekst.strip())
    except ValueError:
        return None, f"'{tekst}' is geen datum; gebruik de vorm JJJJ-MM-DD."
    if not 2000 <= d.year <= 2100:
        return None, "Kies een peildatum tussen 2000 en 2100."
    return d, None
