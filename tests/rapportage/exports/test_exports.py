"""The meeting pack's exports, opened the way their readers open them: the XLSX with openpyxl,
the CSV with the csv module as Dutch Excel reads it, the PDF with a PDF reader."""

import csv
import io
from datetime import date

import pytest
from django.test import override_settings
from openpyxl import load_workbook
from pypdf import PdfReader

PAD = "/gemeenten/GM0034/overleg/?datum=2023-06-01&formaat="


def _download(demo, formaat, persona="taskforce_a"):
    antwoord = demo.client(persona).get(PAD + formaat)
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"] == (
        f'attachment; filename="overleg-GM0034-2023-06-01.{formaat}"'
    )
    return antwoord


def test_xlsx_has_a_sheet_per_part_with_numbers_as_numbers(demo):
    antwoord = _download(demo, "xlsx")
    assert antwoord["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(antwoord.content))
    assert wb.sheetnames == [
        "Stand",
        "Mijlpalen en prognose",
        "Maandtabel",
        "Acties",
        "Signalen",
        "Sinds vorig overleg",
        "Wijzigingen",
        "Besluiten",
    ]
    ws = wb["Mijlpalen en prognose"]
    koppen = [c.value for c in ws[2]]
    assert koppen[:5] == [
        "Mijlpaal",
        "Doel (personen)",
        "Geteld (personen)",
        "Nog te huisvesten (personen)",
        "Benodigde woningen",
    ]
    okt = [c for c in ws[3]]
    assert okt[0].value.date() == date(2023, 10, 1) and okt[0].number_format == "d mmm yyyy"
    assert [c.value for c in okt[1:5]] == [293, 78, 215, 98]
    assert all(isinstance(c.value, int) for c in okt[1:5])
    assert okt[1].number_format == "#,##0"
    assert okt[5].value == pytest.approx(370.6) and okt[5].number_format == "#,##0.0"
    # The one verdict of the milestone (prognose/rekenen/oordeel.py), with its reason.
    assert okt[11].value == "risico" and "in het huidige tempo komt u op 171" in okt[12].value

    mt = wb["Maandtabel"]
    koppen = [c.value for c in mt[2]]
    assert "Resultaat per 1 okt 2023" in koppen
    kolom = koppen.index("Resultaat per 1 okt 2023")
    rijen = {r[0].value: r for r in mt.iter_rows(min_row=3) if r[0].value}
    assert rijen["Aantal woningen per maand (plan)"][kolom].value == 133
    assert rijen["Aantal vergunninghouders per maand (plan)"][kolom].value == 293
    assert rijen["Aantal vergunninghouders per maand (plan)"][1].value == "personen"
    assert rijen["Aftoppen van huurprijzen"][2].value == "pm"
    assert rijen["Gerealiseerd: woningen"][2].value is None  # missing, not 0
    assert any("292,6" in (r[0].value or "") for r in mt.iter_rows(min_row=3))  # R7 note


def test_csv_is_one_long_table_for_dutch_excel(demo):
    antwoord = _download(demo, "csv")
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    assert antwoord.content.startswith(b"\xef\xbb\xbf")  # BOM
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == ["sectie", "rij", "kolom", "waarde", "eenheid"]
    index = {(r[0], r[1], r[2]): r for r in rijen[1:]}
    assert index[("mijlpalen", "2023-10-01", "Doel")][3:] == ["293", "personen"]
    assert index[("mijlpalen", "2023-10-01", "Prognose plan")][3:] == ["370,6", "personen"]
    assert index[("stand", "Bezetting voor de planning", "Waarde")][3:] == [
        "2,2",
        "personen per woning",
    ]
    sub = index[("maandtabel", "Aantal vergunninghouders per maand (plan)",
                 "Resultaat per 1 okt 2023")]  # fmt: skip
    assert sub[3:] == ["293", "personen"]
    assert index[("maandtabel", "Gerealiseerd: woningen", "mei 2023")][3] == ""  # missing
    assert {r[0] for r in rijen[1:]} >= {
        "stand",
        "mijlpalen",
        "maandtabel",
        "acties",
        "signalen",
        "vergelijking",
        "besluiten",
    }


def test_pdf_opens_with_its_chart_and_tables(demo):
    antwoord = _download(demo, "pdf")
    assert antwoord["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(antwoord.content))
    assert len(pdf.pages) >= 2
    tekst = " ".join(p.extract_text() for p in pdf.pages)
    for verwacht in ("Taskforce-overleg Almere, 1 jun 2023", "Mijlpalen en prognose", "Besluiten"):
        assert verwacht in tekst, verwacht
    assert "293" in tekst and "629" in tekst
    assert "Grafiek niet beschikbaar" not in tekst
    # The chart is the plotly figure drawn as vector SVG: its axis title is text in the PDF.
    assert "Personen (cumulatief, tellend)" in tekst
    breedte, hoogte = pdf.pages[0].mediabox.width, pdf.pages[0].mediabox.height
    assert breedte > hoogte  # A4 landscape


@override_settings(BROWSER_PATH="/bestaat/niet/chromium")
def test_pdf_without_chromium_has_the_tables_and_a_note(demo):
    pdf = PdfReader(io.BytesIO(_download(demo, "pdf").content))
    tekst = " ".join(p.extract_text() for p in pdf.pages)
    assert "Grafiek niet beschikbaar" in tekst
    assert "293" in tekst and "Personen (cumulatief, tellend)" not in tekst


def test_the_pack_carries_the_decisions(demo):
    demo.client("opgaveteam_a").post(
        "/gemeenten/GM0034/overleg/besluiten/",
        {"datum": "2023-06-01", "tekst": "Aankoop versnellen", "eigenaar": "Gemeente"},
    )
    wb = load_workbook(io.BytesIO(_download(demo, "xlsx").content))
    besluiten = [[c.value for c in r] for r in wb["Besluiten"].iter_rows(min_row=3)]
    assert besluiten[0][1:3] == ["Aankoop versnellen", "Gemeente"]
    assert besluiten[0][4] == "opgaveteam-almere"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("opgaveteam_a", 200),
        ("taskforce_a", 200),
        ("corporatie_a", 200),
        ("provincie_a", 200),
        ("beheerder", 200),
        ("opgaveteam_b", 404),
        ("corporatie_b", 404),
        ("provincie_elders", 404),
    ],
)
def test_who_may_download(demo, persona, status):
    assert demo.client(persona).get(PAD + "csv").status_code == status


def test_an_unknown_format_is_a_message_not_an_error(demo):
    antwoord = demo.client("taskforce_a").get(PAD + "docx")
    assert antwoord.status_code == 200
    assert "Kies als formaat pdf, xlsx of csv." in antwoord.content.decode()
