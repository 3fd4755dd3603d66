"""Hostile upload files, built small (issue 12 "Beveiliging"): for the tests and bench/upload.py.

An .xlsx is written the way Excel writes it (strings in ``xl/sharedStrings.xml``, the sheet
refers to them by number); one cell may hold a huge text, written as a stream of repeated
chunks so the file is a few hundred kilobytes on disk and nothing of its unpacked size is ever
held in memory here.
"""

import io
import zipfile
from xml.sax.saxutils import escape

from taakstelling.services.importeren import KOLOMMEN

KOP = list(KOLOMMEN)
GOEDE_REGEL = ["GM0034", "2023-05", "amv", "", 3, 3, 1]
STUK = 1024 * 1024

_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
GROOT = object()  # the place of the huge text in ``rijen``


def _kolom(i: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i]


def _schrijf(f, deel: str, lengte: int, teken: bytes) -> None:
    """Write part + ``lengte`` times ``teken`` in chunks of STUK: never all of it at once."""
    f.write(deel.encode())
    blok = teken * (STUK // len(teken))
    rest = lengte * len(teken)
    while rest > 0:
        stuk = blok[: min(rest, len(blok))]
        f.write(stuk)
        rest -= len(stuk)


def xlsx(
    rijen: list[list] | None = None,
    *,
    lengte: int = 0,
    inline: bool = False,
    teken: bytes = b"x",
    dtd: str = "",
) -> bytes:
    """An Excel-like .xlsx; the cell ``GROOT`` in ``rijen`` holds ``lengte`` times ``teken``,
    in the shared strings (as Excel writes it) or ``inline`` in the sheet."""
    rijen = rijen if rijen is not None else [KOP, GOEDE_REGEL]
    teksten: list[str] = []
    cellen: list[str] = []
    for r, rij in enumerate(rijen, start=1):
        xml = []
        for k, waarde in enumerate(rij):
            adres = f"{_kolom(k)}{r}"
            if waarde is GROOT and inline:
                xml.append(f'<c r="{adres}" t="inlineStr"><is><t>\x00</t></is></c>')
            elif waarde is GROOT:
                xml.append(f'<c r="{adres}" t="s"><v>{len(teksten)}</v></c>')
                teksten.append("\x00")
            elif isinstance(waarde, int | float):
                xml.append(f'<c r="{adres}"><v>{waarde}</v></c>')
            elif waarde not in ("", None):
                xml.append(f'<c r="{adres}" t="s"><v>{len(teksten)}</v></c>')
                teksten.append(escape(str(waarde)))
        cellen.append(f'<row r="{r}">{"".join(xml)}</row>')
    blad = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{dtd}'
        f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(cellen)}</sheetData></worksheet>'
    )
    gedeeld = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{dtd}'
        f'<sst xmlns="{_MAIN}" count="{len(teksten)}" uniqueCount="{len(teksten)}">'
        + "".join(f"<si><t>{t}</t></si>" for t in teksten)
        + "</sst>"
    )
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        for naam, xml in (("xl/worksheets/sheet1.xml", blad), ("xl/sharedStrings.xml", gedeeld)):
            if "\x00" not in xml:
                z.writestr(naam, xml)
                continue
            voor, na = xml.split("\x00")
            with z.open(naam, "w") as f:
                _schrijf(f, voor, lengte, teken)
                f.write(na.encode())
    return uit.getvalue()


def gelogen(inhoud: bytes, naam: str, grootte: int) -> bytes:
    """The same zip whose directory states ``grootte`` as the unpacked size of ``naam``."""
    data = bytearray(inhoud)
    for sig, veld, naamlengte, begin in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
        i = data.find(sig)
        while i != -1:
            n = int.from_bytes(data[i + naamlengte : i + naamlengte + 2], "little")
            if data[i + begin : i + begin + n].decode(errors="replace") == naam:
                data[i + veld : i + veld + 4] = grootte.to_bytes(4, "little")
            i = data.find(sig, i + 4)
    return bytes(data)


def groot_csv(grootte: int) -> bytes:
    """A CSV of ``grootte`` bytes: a header and one row whose corporatie cell fills the rest."""
    kop = (",".join(KOP) + "\n").encode()
    begin = b"GM0034,2023-05,regulier,"
    eind = b",3,3,1\n"
    return kop + begin + b"y" * (grootte - len(kop) - len(begin) - len(eind)) + eind
