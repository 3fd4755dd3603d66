"""The meeting pack as one CSV in long format: sectie;rij;kolom;waarde;eenheid.

One file, not a zip: it opens with a double click, and a long table keeps every part of the
pack (whatever its columns) in one sheet that filters by 'sectie'. For Dutch Excel: UTF-8 with
a byte order mark (so é and – survive), ';' as separator, a decimal comma and no thousands
separator in numbers (2,2 and 1234), dates as JJJJ-MM-DD (which Excel reads as a date).
Missing is an empty 'waarde', never 0; pm stays 'pm'.
"""

import re
from datetime import datetime

from kern import export
from rapportage.exports.pakket import Pakket, timezone_lokaal

_EENHEID = re.compile(r"\((personen|woningen)\)")


def _waarde(x):
    """Local wall-clock time for a moment; everything else as it is (``kern.export`` writes
    numbers as numbers and neutralises text)."""
    if isinstance(x, datetime) and x.tzinfo:
        return timezone_lokaal(x)
    return x


def bestand(pakket: Pakket) -> bytes:
    rijen = [["sectie", "rij", "kolom", "waarde", "eenheid"]]
    for sectie in pakket.secties:
        if not sectie.rijen:  # an empty part is said, not left out
            rijen.append([sectie.sleutel, "geen", "", "", ""])
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
                rijen.append(
                    [sectie.sleutel, naam, _EENHEID.sub("", kop).strip(), _waarde(x), eenheid]
                )
        for noot in sectie.noten:
            rijen.append([sectie.sleutel, "noot", "", noot, ""])
    return export.csv_bestand(rijen, scheiding=";", bom=True)
