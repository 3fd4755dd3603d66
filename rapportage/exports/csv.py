"""The meeting pack as one CSV in long format: sectie;rij;kolom;waarde;eenheid.

One file, not a zip: it opens with a double click, and a long table keeps every part of the
pack (whatever its columns) in one sheet that filters by 'sectie'. For Dutch Excel: UTF-8 with
a byte order mark (so é and – survive), ';' as separator, a decimal comma and no thousands
separator in numbers (2,2 and 1234), dates as JJJJ-MM-DD (which Excel reads as a date).
Missing is an empty 'waarde', never 0; pm stays 'pm'.
"""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from rapportage.exports.pakket import Pakket, timezone_lokaal
from rapportage.frames import PM

_EENHEID = re.compile(r"\((personen|woningen)\)")


def _waarde(x) -> str:
    if x is None:
        return ""
    if x == PM:
        return PM
    if isinstance(x, bool):
        return "ja" if x else "nee"
    if isinstance(x, datetime):
        return (
            timezone_lokaal(x).strftime("%Y-%m-%d %H:%M")
            if x.tzinfo
            else x.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(x, date):
        return x.isoformat()
    if isinstance(x, Fraction):
        x = Decimal(x.numerator) / Decimal(x.denominator)
    if isinstance(x, float):
        x = Decimal(str(x))
    if isinstance(x, Decimal):
        tekst = format(x.quantize(Decimal("0.0001")).normalize(), "f")
        return tekst.replace(".", ",")
    return str(x)


def bestand(pakket: Pakket) -> bytes:
    uit = io.StringIO()
    w = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    w.writerow(["sectie", "rij", "kolom", "waarde", "eenheid"])
    for sectie in pakket.secties:
        if not sectie.rijen:  # an empty part is said, not left out
            w.writerow([sectie.sleutel, "geen", "", "", ""])
        for rij in sectie.rijen:
            naam = _waarde(rij[0])
            eenheid_rij = None
            # The month table has its unit in its second column.
            if sectie.sleutel == "maandtabel":
                eenheid_rij = rij[1]
            for (kop, _), x in zip(sectie.kolommen[1:], rij[1:], strict=False):
                if sectie.sleutel == "maandtabel" and kop == "Eenheid":
                    continue
                m = _EENHEID.search(kop)
                eenheid = eenheid_rij or (m.group(1) if m else "")
                if sectie.sleutel == "stand" and kop == "Waarde":
                    eenheid = rij[2]
                if sectie.sleutel == "stand" and kop == "Eenheid":
                    continue
                w.writerow(
                    [sectie.sleutel, naam, _EENHEID.sub("", kop).strip(), _waarde(x), eenheid]
                )
        for noot in sectie.noten:
            w.writerow([sectie.sleutel, "noot", "", noot, ""])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")
