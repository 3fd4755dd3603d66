"""The one writer of every CSV and Excel export: text never becomes a formula.

A text someone typed (a decision, a reason, a description) is downloaded by every reader of
the gemeente. A spreadsheet computes a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and
one that starts with a tab or a carriage return before such a character), so such a text
could link to an outside address with the sheet's data in it or start a program (OWASP, CSV
injection). So, as OWASP advises, every *text* that starts with one of those characters gets
a single quote in front; in Excel it is also stored as a text cell (never a formula cell).
Numbers are written as numbers, also negative ones: only text is neutralised.

Our own import reads such a text back as it was (``als_ingevoerd``), so export -> import
still changes nothing.

Pure Python (openpyxl, no Django): ``rapportage`` (the meeting pack) and ``taakstelling``
(the realisation export and template) both write through here.
"""

from __future__ import annotations

import csv
import io
import numbers
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")
VOORVOEGSEL = "'"


def _te_beveiligen(tekst: str) -> bool:
    # Quotes already in front count too: "'=x" becomes "''=x", so that reading it back
    # (``als_ingevoerd``) gives exactly "'=x" again.
    return tekst.lstrip(VOORVOEGSEL).startswith(GEVAARLIJK)


def onschadelijk(tekst: str) -> str:
    """The text with a single quote in front if a spreadsheet would compute it."""
    return VOORVOEGSEL + tekst if _te_beveiligen(tekst) else tekst


def als_ingevoerd(waarde: object) -> object:
    """A cell read back from one of our exports: the quote ``onschadelijk`` added comes off
    (exactly that one; every other value is returned as it is)."""
    if isinstance(waarde, str) and waarde.startswith(VOORVOEGSEL) and _te_beveiligen(waarde[1:]):
        return waarde[1:]
    return waarde


# --- CSV ---------------------------------------------------------------------------------------


def csv_cel(x: object, *, decimaalteken: str = ",") -> str:
    """One CSV field: empty for missing (never 0), numbers as numbers (decimals to at most
    four places), dates as JJJJ-MM-DD, yes/no in Dutch, text neutralised."""
    if x is None:
        return ""
    if isinstance(x, bool):
        return "ja" if x else "nee"
    if isinstance(x, datetime):
        return x.strftime("%Y-%m-%d %H:%M")
    if isinstance(x, date):
        return x.isoformat()
    if isinstance(x, numbers.Integral):  # also numpy's integers (pandas frames)
        return str(int(x))
    if isinstance(x, Fraction):
        x = Decimal(x.numerator) / Decimal(x.denominator)
    elif isinstance(x, numbers.Real):
        x = Decimal(str(float(x)))
    if isinstance(x, Decimal):
        tekst = format(x.quantize(Decimal("0.0001")).normalize(), "f")
        return tekst.replace(".", decimaalteken)
    return onschadelijk(str(x))


def csv_bestand(
    rijen: Iterable[Sequence[object]], *, scheiding: str = ";", bom: bool = True
) -> bytes:
    """UTF-8 CSV. With ``;`` (Dutch Excel) the decimal sign is a comma, with ``,`` a point;
    ``bom`` puts a byte order mark in front (so Excel reads é and – as UTF-8)."""
    decimaalteken = "," if scheiding == ";" else "."
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=scheiding, lineterminator="\r\n")
    for rij in rijen:
        schrijver.writerow([csv_cel(x, decimaalteken=decimaalteken) for x in rij])
    return (("\ufeff" if bom else "") + uit.getvalue()).encode("utf-8")


# --- Excel -------------------------------------------------------------------------------------


def xlsx_cel(x: object) -> object:
    """One Excel value: numbers as numbers (exact fractions as float), dates as dates, text
    neutralised and without the control characters Excel cannot store."""
    if x is None or isinstance(x, bool | date):
        return x
    if isinstance(x, numbers.Integral):  # also numpy's integers (pandas frames)
        return int(x)
    if isinstance(x, numbers.Number):  # Fraction, Decimal: exact, as float in a cell
        return float(x)
    return onschadelijk(ILLEGAL_CHARACTERS_RE.sub("", str(x)))


def xlsx_rij(blad: Worksheet, waarden: Sequence[object]) -> tuple:
    """Append one row; its text cells are text cells (data type 's'), never formulas."""
    blad.append([xlsx_cel(x) for x in waarden])
    cellen = blad[blad.max_row] if waarden else ()
    for cel in cellen:
        if isinstance(cel.value, str):
            cel.data_type = "s"
    return cellen


def werkmap() -> Workbook:
    """An empty workbook (no sheet yet): fill it with ``create_sheet`` and ``xlsx_rij``."""
    boek = Workbook()
    boek.remove(boek.active)
    return boek


def xlsx_bytes(boek: Workbook) -> bytes:
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def xlsx_bestand(titel: str, kop: Sequence[str], rijen: Iterable[Sequence[object]]) -> bytes:
    """One sheet: a bold header that stays in view, then the rows."""
    boek = werkmap()
    blad = boek.create_sheet(titel[:31])
    for cel in xlsx_rij(blad, kop):
        cel.font = Font(bold=True)
    blad.freeze_panes = "A2"
    for rij in rijen:
        xlsx_rij(blad, rij)
    return xlsx_bytes(boek)
