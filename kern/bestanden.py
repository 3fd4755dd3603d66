"""Reading an uploaded file without letting it grow (issue 12 "Beveiliging").

- ``lees_tekst``: the text of a CSV in the encoding it was saved in (a BOM for UTF-8, UTF-16 or
  UTF-32; UTF-16 without BOM by its zero bytes; else UTF-8, Windows-1252, Latin-1), or one Dutch
  message naming what was found.
- ``controleer_xlsx``: an .xlsx is measured before anything is unpacked. First the zip
  directory (number of parts, their unpacked sizes one by one and together), then every XML
  part is read once as a bounded stream through expat: no DOCTYPE or entities, no tag or
  comment over ``MAX_TAG``, no cell over ``MAX_CEL`` characters. Only then may a reader
  (openpyxl) unpack it; it then reads what was checked.
- ``fragment``: what a message quotes of a value: at most 40 characters and "…".

Pure Python (no Django): the limits are plain values, stated in README.md ("Grenzen van een
upload").
"""

from __future__ import annotations

import codecs
import io
import pyexpat
import re
import zipfile
from dataclasses import dataclass

MB = 1024 * 1024
MAX_UITGEPAKT = 100 * MB  # every part of an .xlsx together, unpacked; a sheet is read as a stream
MAX_DEEL = 20 * MB  # any other XML part (shared strings, styles): the reader holds it whole
MAX_DELEN = 1000  # parts in the zip
MAX_CEL = 1000  # characters in one cell (the longest value of the format is a few dozen)
MAX_TEKST = 32_767  # characters in any other text of an .xlsx (Excel's own limit for a cell)
MAX_TAG = MB  # bytes of one tag, comment or processing instruction
FRAGMENT = 40
STUK = 64 * 1024

OPSLAAN_ALS_CSV = "Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'."
OPSLAAN_ALS_XLSX = (
    "Sla het blad op als nieuw Excel-bestand met alleen de kolommen van de import, of als CSV."
)
GEEN_XLSX = "Dit is geen leesbaar Excel-bestand (.xlsx)."


class Bestandsfout(ValueError):
    """The file is refused as a whole; ``regel`` is the line it is about (0: the file)."""

    def __init__(self, melding: str, regel: int = 0):
        super().__init__(melding)
        self.regel = regel


def fragment(waarde: object, lengte: int = FRAGMENT) -> str:
    """At most ``lengte`` characters of a value, with "…" when there was more."""
    tekst = waarde if isinstance(waarde, str) else str(waarde)
    return tekst if len(tekst) <= lengte else tekst[:lengte] + "…"


def _mb(n: int) -> str:
    """300 MB, 100,3 MB: one decimal, only when it is not 0."""
    tekst = f"{n / MB:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return tekst.removesuffix(",0") + " MB"


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --- CSV: the encoding ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tekst:
    tekst: str
    codering: str  # as a user would call it, in Dutch


# UTF-32 before UTF-16: FF FE 00 00 starts both.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 (little-endian)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 (big-endian)"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 met BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 (big-endian)"),
)


def _utf16_zonder_bom(inhoud: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM, told by its zero bytes: text in the Latin alphabet has a zero in every
    second byte (the odd ones little-endian, the even ones big-endian) and none in the other."""
    begin = inhoud[:4096]
    if len(inhoud) % 2 or len(begin) < 4:
        return None
    even, oneven = begin[0::2], begin[1::2]
    if oneven.count(0) >= 0.9 * len(oneven) and not even.count(0):
        return "utf-16-le", "UTF-16 (little-endian) zonder BOM"
    if even.count(0) >= 0.9 * len(even) and not oneven.count(0):
        return "utf-16-be", "UTF-16 (big-endian) zonder BOM"
    return None


def lees_tekst(inhoud: bytes) -> Tekst:
    """The text of a CSV, or Bestandsfout with one message that names what was found."""
    gevonden = next(((len(b), c, n) for b, c, n in _BOMS if inhoud.startswith(b)), None)
    if gevonden is None and inhoud.startswith(b"PK\x03\x04"):
        raise Bestandsfout("Dit is een Excel-bestand met de naam .csv; geef het de extensie .xlsx.")
    if gevonden is None and (zonder_bom := _utf16_zonder_bom(inhoud)):
        gevonden = (0, *zonder_bom)
    if gevonden is not None:
        begin, codec, naam = gevonden
        try:
            tekst = inhoud[begin:].decode(codec)
        except UnicodeDecodeError:
            raise Bestandsfout(
                f"Het bestand begint als {naam}, maar bevat tekens die daarin niet bestaan. "
                + OPSLAAN_ALS_CSV
            ) from None
    elif b"\x00" in inhoud:
        raise Bestandsfout("Dit is geen tekstbestand (het bevat nul-bytes). " + OPSLAAN_ALS_CSV)
    else:
        try:
            tekst, naam = inhoud.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            try:  # 'CSV' saved by Dutch Excel
                tekst, naam = inhoud.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError:  # the five bytes cp1252 leaves out
                tekst, naam = inhoud.decode("latin-1"), "Latin-1"
    if "\x00" in tekst:
        raise Bestandsfout(
            f"Dit is geen tekstbestand (gelezen als {naam} bevat het nul-tekens). "
            + OPSLAAN_ALS_CSV
        )
    return Tekst(tekst, naam)


# --- .xlsx: measured before it is unpacked ------------------------------------------------------


def _grens(naam: str) -> int:
    """A worksheet is read as a stream (only the total bounds it); any other XML part is read
    whole by the reader; a part that is no XML (an image) is not read at all."""
    if naam.startswith("xl/worksheets/") or not naam.endswith((".xml", ".rels")):
        return MAX_UITGEPAKT
    return MAX_DEEL


def _stukken(archief: zipfile.ZipFile, deel: zipfile.ZipInfo, grens: int):
    """The unpacked part in chunks, never more than ``grens`` bytes, whatever the zip says.

    (zipfile itself stops at the size in the directory and then checks the CRC; this bound
    does not depend on that.)"""
    gelezen = 0
    with archief.open(deel) as f:
        while stuk := f.read(STUK):
            gelezen += len(stuk)
            if gelezen > grens:
                raise Bestandsfout(
                    f"Het onderdeel {fragment(deel.filename)} is uitgepakt groter dan "
                    f"{_mb(grens)}. " + OPSLAAN_ALS_XLSX
                )
            yield stuk


_ADRES = re.compile(r"[A-Z]{1,3}([0-9]{1,7})")


class _Xmlcontrole:
    """One XML part through expat: counts the characters of each cell (``c`` in a sheet, ``si``
    in the shared strings) and of any other text, keeps only the first ``FRAGMENT`` of them."""

    def __init__(self, naam: str):
        self.naam = naam
        self.parser = p = pyexpat.ParserCreate()
        p.buffer_text = False  # text arrives in pieces: a long one is never held whole
        p.StartDoctypeDeclHandler = self._dtd
        p.EntityDeclHandler = self._dtd
        p.StartElementHandler = self._start
        p.EndElementHandler = self._eind
        p.CharacterDataHandler = self._tekst
        self.cel: str | None = None  # the cell being read: its address, "" in shared strings
        self.lengte = 0
        self.begin = ""

    def _dtd(self, *args) -> None:
        raise Bestandsfout(
            f"Het onderdeel {fragment(self.naam)} bevat een DOCTYPE of entiteiten; dat maakt "
            "Excel niet."
        )

    def _start(self, naam: str, attributen: dict) -> None:
        lokaal = naam.rpartition(":")[2]
        if lokaal == "c" or lokaal == "si":
            self.cel = attributen.get("r", "")
        elif self.cel is not None:
            return  # within a cell (a run of rich text): its characters add up
        self.lengte, self.begin = 0, ""

    def _eind(self, naam: str) -> None:
        lokaal = naam.rpartition(":")[2]
        if lokaal == "c" or lokaal == "si":
            self.cel = None
        if self.cel is None:
            self.lengte, self.begin = 0, ""

    def _tekst(self, tekst: str) -> None:
        self.lengte += len(tekst)
        if len(self.begin) <= FRAGMENT:
            self.begin += tekst[: FRAGMENT + 1 - len(self.begin)]
        grens = MAX_TEKST if self.cel is None else MAX_CEL
        if self.lengte <= grens:
            return
        citaat = fragment(self.begin)
        staart = f"een cel in de import heeft er hoogstens {_getal(MAX_CEL)}."
        if self.cel and (adres := _ADRES.fullmatch(self.cel)):
            raise Bestandsfout(
                f"Cel {self.cel} heeft meer dan {_getal(grens)} tekens ('{citaat}'); {staart}",
                regel=int(adres.group(1)),
            )
        raise Bestandsfout(
            f"Een tekst in dit Excel-bestand heeft meer dan {_getal(grens)} tekens "
            f"('{citaat}'); {staart}"
        )

    def lees(self, stukken) -> None:
        gevoerd = 0
        for stuk in stukken:
            self.parser.Parse(stuk, False)
            gevoerd += len(stuk)
            # Text is handed over piece by piece; only a tag, comment or processing
            # instruction keeps expat from reporting anything: that one is too long.
            if gevoerd - max(self.parser.CurrentByteIndex, 0) > MAX_TAG:
                raise Bestandsfout(
                    f"Het onderdeel {fragment(self.naam)} bevat een XML-tag of opmerking van "
                    f"meer dan {_mb(MAX_TAG)}; dat maakt Excel niet."
                )
        self.parser.Parse(b"", True)


def controleer_xlsx(inhoud: bytes) -> None:
    """Bestandsfout unless the .xlsx keeps to the limits; nothing is unpacked beyond them."""
    try:
        archief = zipfile.ZipFile(io.BytesIO(inhoud))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise Bestandsfout(GEEN_XLSX) from None
    with archief:
        delen = archief.infolist()
        if len(delen) > MAX_DELEN:
            raise Bestandsfout(
                f"Dit Excel-bestand heeft meer dan {_getal(MAX_DELEN)} onderdelen. "
                + OPSLAAN_ALS_XLSX
            )
        for deel in delen:
            if deel.file_size > (grens := _grens(deel.filename)):
                raise Bestandsfout(
                    f"Het onderdeel {fragment(deel.filename)} is uitgepakt {_mb(deel.file_size)}; "
                    f"de import leest daarvan hoogstens {_mb(grens)}. " + OPSLAAN_ALS_XLSX
                )
        totaal = sum(d.file_size for d in delen)
        if totaal > MAX_UITGEPAKT:
            raise Bestandsfout(
                f"Uitgepakt is dit Excel-bestand {_mb(totaal)}; de import leest hoogstens "
                f"{_mb(MAX_UITGEPAKT)}. " + OPSLAAN_ALS_XLSX
            )
        for deel in delen:
            if not deel.filename.endswith((".xml", ".rels")):
                continue  # not read by the import (an image, a macro)
            try:
                _Xmlcontrole(deel.filename).lees(_stukken(archief, deel, _grens(deel.filename)))
            except Bestandsfout:
                raise
            except (
                pyexpat.ExpatError,
                zipfile.BadZipFile,
                NotImplementedError,  # a compression zipfile cannot unpack
                RuntimeError,  # encrypted
                OSError,
                EOFError,
                ValueError,
            ):
                raise Bestandsfout(GEEN_XLSX) from None
