"""Dutch number and date formats (1.234; 2,2; 1 okt 2023). Pure Python, used by templates,
exports and the CLI so every place prints a figure the same way."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from kern.perioden import MAANDNAMEN, MAANDNAMEN_KORT, Maand

MIN = "\u2212"  # a real minus sign reads better than a hyphen and screen readers say "min"


def _als_decimal(x) -> Decimal:
    if isinstance(x, Fraction):
        return Decimal(x.numerator) / Decimal(x.denominator)
    return Decimal(str(x)) if isinstance(x, float) else Decimal(x)


def getal(x, decimalen: int = 0, teken: bool = False) -> str:
    """1234.5 -> '1.234,5' (decimalen=1); None -> '–' (missing is not zero)."""
    if x is None or x == "":
        return "–"
    d = _als_decimal(x)
    q = Decimal(1).scaleb(-decimalen)
    d = d.quantize(q, rounding=ROUND_HALF_UP)
    negatief = d < 0
    tekst = f"{abs(d):,.{decimalen}f}".replace(",", "X").replace(".", ",").replace("X", ".")
    if negatief and d != 0:
        return MIN + tekst
    if teken and d > 0:
        return "+" + tekst
    return tekst


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """aantal(1, 'maand', 'maanden') -> '1 maand'; 2 -> '2 maanden' (never 'maand(en)')."""
    return f"{getal(n)} {enkelvoud if n == 1 else meervoud}"


def bezetting(x) -> str:
    """A bezetting as set (at most two decimals, the model field): 2,2 / 2,25 / 3. Shown with
    the decimals it has, never rounded to one: 2,25 must not read as 2,3."""
    if x is None:
        return getal(None)
    tekst = getal(x, 2)
    return tekst.rstrip("0").rstrip(",") if "," in tekst else tekst


def procent(x, decimalen: int = 0) -> str:
    if x is None:
        return "–"
    return getal(_als_decimal(x) * 100, decimalen) + "%"


def datum(d: date | datetime | None) -> str:
    """date(2023, 10, 1) -> '1 okt 2023'."""
    if d is None:
        return "–"
    return f"{d.day} {MAANDNAMEN_KORT[d.month - 1]} {d.year}"


def datum_lang(d: date | None) -> str:
    """date(2023, 6, 2) -> '2 juni 2023' (a document's date, as it is cited)."""
    if d is None:
        return "–"
    return f"{d.day} {MAANDNAMEN[d.month - 1]} {d.year}"


def maand(m: Maand | date | str | None) -> str:
    if m is None:
        return "–"
    if isinstance(m, str):
        m = Maand.parse(m)
    elif isinstance(m, date):
        m = Maand.van(m)
    return m.naam
