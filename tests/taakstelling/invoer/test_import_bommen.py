"""Zip bombs, huge cells and strange encodings in an upload (issue 12 "Beveiliging").

A 310 KB .xlsx whose shared strings hold one 300 MB string took the worker to 2,17 GB before it
was refused; a 56 KB file with a 50 MB cell returned a 52 MB error page (the message quoted the
whole cell); a UTF-16 CSV from Excel was refused with 14 messages "Onbekende kolom ' b r o n '".
Now an .xlsx is measured in its zip directory and read as a bounded stream before anything is
unpacked, a message quotes at most 40 characters, and a CSV is read in the encoding it was
saved in (or refused with one message that names it).
"""

import codecs
import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from taakstelling.models import ImportVoorstel, Realisatie
from taakstelling.services.importeren import Importfouten, lees_bestand
from tests.bommen import GOEDE_REGEL, GROOT, KOP, gelogen, groot_csv, xlsx

MB = 1024 * 1024
URL = "/gemeenten/GM0034/realisatie/import/"
REGEL = ["GM0034", "2023-05", "regulier", GROOT, 9, 9, 4]


@pytest.fixture(scope="module")
def bom_300mb() -> bytes:
    return xlsx([KOP, REGEL], lengte=300 * MB)


@pytest.fixture(scope="module")
def cel_50mb() -> bytes:
    return xlsx([KOP, REGEL], lengte=50 * MB, inline=True)


def geweigerd(naam: str, inhoud: bytes, *, max_mb: int = 50) -> list[str]:
    """The messages of a refused file; reading it stays under ``max_mb`` and 10 seconds."""
    tracemalloc.start()
    begin = time.monotonic()
    try:
        with pytest.raises(Importfouten) as e:
            lees_bestand(naam, inhoud)
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert piek < max_mb * MB, f"{piek / MB:.0f} MB"
    assert time.monotonic() - begin < 10
    return [str(f) for f in e.value.fouten]


# --- .xlsx: measured before it is unpacked ---------------------------------------------------


def test_a_300_mb_shared_string_is_refused_from_the_zip_directory(bom_300mb):
    assert len(bom_300mb) < 400_000
    assert geweigerd("bom.xlsx", bom_300mb) == [
        "Bestand: Het onderdeel xl/sharedStrings.xml is uitgepakt 300 MB; de import leest "
        "daarvan hoogstens 20 MB. Sla het blad op als nieuw Excel-bestand met alleen de "
        "kolommen van de import, of als CSV."
    ]


def test_a_zip_that_lies_about_its_sizes_is_read_no_further_than_it_says(bom_300mb):
    klein = gelogen(bom_300mb, "xl/sharedStrings.xml", 1000)
    assert geweigerd("leugen.xlsx", klein) == [
        "Bestand: Dit is geen leesbaar Excel-bestand (.xlsx)."
    ]


def test_a_sheet_larger_than_everything_allowed_is_refused_unread():
    inhoud = xlsx([KOP, REGEL], lengte=110 * MB, inline=True)
    assert geweigerd("groot.xlsx", inhoud) == [
        "Bestand: Het onderdeel xl/worksheets/sheet1.xml is uitgepakt 110 MB; de import leest "
        "daarvan hoogstens 100 MB. Sla het blad op als nieuw Excel-bestand met alleen de "
        "kolommen van de import, of als CSV."
    ]


def test_parts_within_their_limits_but_too_large_together_are_refused_from_the_directory():
    inhoud = gelogen(xlsx(), "xl/worksheets/sheet1.xml", 90 * MB)
    inhoud = gelogen(inhoud, "xl/sharedStrings.xml", 15 * MB)
    assert geweigerd("samen.xlsx", inhoud) == [
        "Bestand: Uitgepakt is dit Excel-bestand 105 MB; de import leest hoogstens 100 MB. "
        "Sla het blad op als nieuw Excel-bestand met alleen de kolommen van de import, of als "
        "CSV."
    ]


def test_a_50_mb_cell_is_refused_while_streaming_with_a_short_quote(cel_50mb):
    assert len(cel_50mb) < 100_000
    assert geweigerd("cel.xlsx", cel_50mb) == [
        "regel 2: Cel D2 heeft meer dan 1.000 tekens ('" + "x" * 40 + "…'); een cel in de "
        "import heeft er hoogstens 1.000."
    ]


def test_a_long_shared_string_is_refused_before_the_reader_loads_it():
    inhoud = xlsx([KOP, REGEL], lengte=5000, teken="é".encode())
    assert geweigerd("tekst.xlsx", inhoud) == [
        "Bestand: Een tekst in dit Excel-bestand heeft meer dan 1.000 tekens ('"
        + "é" * 40
        + "…'); een cel in de import heeft er hoogstens 1.000."
    ]


def test_a_huge_attribute_or_comment_is_refused():
    dtdloos = xlsx([KOP, GOEDE_REGEL], dtd="<!--" + "z" * (3 * MB) + "-->")
    assert geweigerd("opmerking.xlsx", dtdloos) == [
        "Bestand: Het onderdeel xl/worksheets/sheet1.xml bevat een XML-tag of opmerking van "
        "meer dan 1 MB; dat maakt Excel niet."
    ]


def test_a_document_type_with_entities_is_refused():
    lach = '<!DOCTYPE x [<!ENTITY a "hahahahahahahahahaha">]>'
    assert geweigerd("lach.xlsx", xlsx([KOP, GOEDE_REGEL], dtd=lach)) == [
        "Bestand: Het onderdeel xl/worksheets/sheet1.xml bevat een DOCTYPE of entiteiten; "
        "dat maakt Excel niet."
    ]


def test_a_normal_excel_like_file_still_reads():
    regels = lees_bestand(
        "mei.xlsx", xlsx([KOP, GOEDE_REGEL, ["GM0034", "2023-05", "har", "", 2, 2, 0]])
    )
    assert [(r.regel, r.waarden["bron"]) for r in regels] == [(2, "amv"), (3, "har")]


# --- messages quote a short excerpt -----------------------------------------------------------


def test_a_10_mb_csv_cell_is_quoted_in_40_characters():
    (melding,) = geweigerd("groot.csv", groot_csv(10 * MB - 1), max_mb=40)
    assert melding == (
        "regel 2, kolom corporatie: Deze cel heeft meer dan 1.000 tekens ('"
        + "y" * 40
        + "…'); een cel in de import heeft er hoogstens 1.000."
    )


def test_an_unknown_long_column_and_value_are_quoted_short():
    kop = ",".join(KOP) + "," + "k" * 900
    with pytest.raises(Importfouten) as e:
        lees_bestand("kop.csv", f"{kop}\n".encode())
    assert [f.kolom for f in e.value.fouten] == ["k" * 40 + "…"]


# --- CSV: the encoding it was saved in --------------------------------------------------------

TEKST = ",".join(KOP) + "\nGM0034,2023-05,amv,,3,3,1\nGM0034,2023-05,har,,2,2,0\n"


@pytest.mark.parametrize(
    "inhoud",
    [
        codecs.BOM_UTF16_LE + TEKST.replace(",", "\t").encode("utf-16-le"),  # Excel "Unicode-tekst"
        codecs.BOM_UTF16_BE + TEKST.encode("utf-16-be"),
        TEKST.encode("utf-16-le"),  # no BOM: the zero bytes tell
        codecs.BOM_UTF8 + TEKST.encode(),
        codecs.BOM_UTF32_LE + TEKST.encode("utf-32-le"),
        TEKST.replace(",", ";").encode("cp1252"),
    ],
    ids=["utf16le-tab", "utf16be", "utf16le-zonder-bom", "utf8-bom", "utf32", "cp1252"],
)
def test_csv_in_any_excel_encoding_reads(inhoud):
    regels = lees_bestand("mei.csv", inhoud)
    assert [(r.regel, r.waarden["bron"], r.waarden["woningen"]) for r in regels] == [
        (2, "amv", "1"),
        (3, "har", "0"),
    ]


def test_latin1_and_windows_1252_characters_arrive_as_written():
    tekst = ",".join(KOP) + "\nGM0034,2023-05,regulier,café-€,3,3,1\n"
    regels = lees_bestand("mei.csv", tekst.encode("cp1252"))
    assert regels[0].waarden["corporatie"] == "café-€"
    regels = lees_bestand("mei.csv", tekst.replace("€", "").encode("latin-1"))
    assert regels[0].waarden["corporatie"] == "café-"


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (
            codecs.BOM_UTF16_LE + TEKST.encode("utf-16-le") + b"\x00\xd8",
            "Bestand: Het bestand begint als UTF-16 (little-endian), maar bevat tekens die daarin "
            "niet bestaan. Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'.",
        ),
        (
            b"gemeente\x00\x01\x02\x03 binair",
            "Bestand: Dit is geen tekstbestand (het bevat nul-bytes). Sla het in Excel op als "
            "'CSV UTF-8 (door komma's gescheiden)'.",
        ),
        (
            xlsx(),
            "Bestand: Dit is een Excel-bestand met de naam .csv; geef het de extensie .xlsx.",
        ),
    ],
    ids=["utf16-kapot", "binair", "xlsx-als-csv"],
)
def test_an_unreadable_encoding_gives_one_message_that_names_it(inhoud, melding):
    assert geweigerd("raar.csv", inhoud) == [melding]


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bestand", "melding"),
    [
        ("bom_300mb", "xl/sharedStrings.xml is uitgepakt 300 MB"),
        ("cel_50mb", "Cel D2 heeft meer dan 1.000 tekens"),
        ("csv_10mb", "Deze cel heeft meer dan 1.000 tekens"),
    ],
)
def test_the_page_refuses_a_hostile_file_in_a_small_answer(demo, request, bestand, melding):
    if bestand == "csv_10mb":
        naam, inhoud = "groot.csv", groot_csv(10 * MB - 1)
    else:
        naam, inhoud = f"{bestand}.xlsx", request.getfixturevalue(bestand)
    voor = Realisatie.objects.count()
    client = demo.client("opgaveteam_a")
    antwoord = client.post(URL, {"bestand": SimpleUploadedFile(naam, inhoud)})
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Het bestand is geweigerd; er is niets opgeslagen" in html
    assert melding in html
    assert len(antwoord.content) < 10_000, len(antwoord.content)
    assert Realisatie.objects.count() == voor
    assert not ImportVoorstel.objects.exists()


def test_an_excel_unicode_text_csv_imports_through_the_page(demo, juni_2023):
    inhoud = codecs.BOM_UTF16_LE + TEKST.replace(",", "\t").encode("utf-16-le")
    client = demo.client("opgaveteam_a")
    html = client.post(URL, {"bestand": SimpleUploadedFile("unicode.csv", inhoud)}).content.decode()
    assert "Het bestand is in orde: 2 regels" in html


def test_the_page_lists_the_first_hundred_errors_and_counts_the_rest(demo):
    regels = "".join(f"GM0034,2023-05,amv,,{'z' * 900},3,1\n" for _ in range(5000))
    tekst = ",".join(KOP) + "\n" + regels
    client = demo.client("opgaveteam_a")
    antwoord = client.post(URL, {"bestand": SimpleUploadedFile("fout.csv", tekst.encode())})
    html = antwoord.content.decode()
    assert "fout.csv: 5000 fouten." in html
    assert html.count("Vul een geheel aantal") == 100
    assert "En nog 4.900 fouten; verbeter eerst deze." in html
    assert len(antwoord.content) < 50_000, len(antwoord.content)


def test_the_command_refuses_a_large_file_without_reading_it(demo, tmp_path):
    bestand = tmp_path / "groot.csv"
    with bestand.open("wb") as f:  # sparse: 200 MB that take no disk
        f.truncate(200 * MB)
    tracemalloc.start()
    try:
        with pytest.raises(CommandError, match=r"groter dan 10 MB; er is niets opgeslagen"):
            call_command("import_realisatie", str(bestand), "--gebruiker", "opgaveteam-almere")
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert piek < 20 * MB, f"{piek / MB:.0f} MB"


def test_openpyxl_parses_with_defusedxml():
    """defusedxml is a direct dependency: openpyxl uses it when it is installed (no entities, no
    DTD), behind the check in kern.bestanden."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
