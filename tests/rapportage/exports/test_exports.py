"""The meeting pack's exports, opened the way their readers open them: the XLSX with openpyxl,
the CSV with the csv module as Dutch Excel reads it, the PDF with a PDF reader."""

import csv
import io
import re
from datetime import date

import pytest
import time_machine
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
def test_pdf_draws_its_chart_without_a_browser(demo):
    """Issue 11: the chart is drawn in Python, so a server without Chromium has it too."""
    tekst = _pdf_tekst(_download(demo, "pdf").content)
    assert "Grafiek niet beschikbaar" not in tekst
    assert "Personen (cumulatief, tellend)" in tekst and "1 okt 2023: 293" in tekst


def test_pdf_with_a_chart_that_cannot_be_drawn_has_the_tables_and_a_note(demo, monkeypatch):
    from rapportage.exports import svg

    def kapot(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(svg, "svg", kapot)
    tekst = _pdf_tekst(_download(demo, "pdf").content)
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


# --- Issue 11: the pack for GS and the raad reads as Dutch, local and bounded -------------

ISO_DATUM = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# A number with a decimal point and more than two decimals (2.0416666...), or any number
# with a point before exactly one or two digits at the end (2.20): Dutch writes a comma.
PUNTGETAL = re.compile(r"\b\d+\.\d{3,}\b|\b\d+\.\d{1,2}\b(?!\.\d)")
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _pdf_tekst(inhoud: bytes) -> str:
    """The text of every page, with line breaks of narrow table cells as spaces."""
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    return re.sub(r"\s+", " ", tekst)


def _wijziging(demo, wanneer: str, aantal: int = 1, reden="Cijfers mei (test)"):
    from organisaties.wijzigen import opslaan
    from taakstelling.models import Realisatie

    with time_machine.travel(wanneer, tick=False):
        rij = Realisatie.objects.filter(gemeente=demo.almere, maand=date(2023, 5, 1)).first()
        if rij is None:
            rij = Realisatie(
                gemeente=demo.almere,
                maand=date(2023, 5, 1),
                bron_id="amv",
                personen_gehuisvest=1,
                personen_tellend=1,
                woningen=1,
            )
        for i in range(aantal):
            rij.personen_gehuisvest = rij.personen_tellend = 2 + i
            opslaan(rij, door=demo.user("opgaveteam_a"), reden=reden)


def test_pdf_numbers_dates_and_codes_are_dutch(demo):
    """Review finding 3: '2.0416666...', '2.20', ISO dates and codes such as
    'plan_boven_capaciteit' or 'har_uitplaatsing' in the PDF."""
    tekst = _pdf_tekst(
        demo.client("taskforce_a").get("/gemeenten/GM0034/overleg/?formaat=pdf").content
    )
    assert not PUNTGETAL.findall(tekst), PUNTGETAL.findall(tekst)[:5]
    assert not ISO_DATUM.findall(tekst), ISO_DATUM.findall(tekst)[:5]
    assert not CODE.findall(tekst), CODE.findall(tekst)[:5]
    assert "2,04" in tekst or "2,0" in tekst  # the realised bezetting, rounded
    assert "Plan boven capaciteit" in tekst


def test_pdf_times_are_local_like_the_page(demo):
    """Review finding 3: 07:24 in the PDF against 08:24 on the page (UTC against Amsterdam)."""
    with time_machine.travel("2023-06-01 15:00 +0200"):
        demo.client("opgaveteam_a").post(
            "/gemeenten/GM0034/overleg/besluiten/",
            {"datum": "2023-06-01", "tekst": "Aankoop versnellen", "eigenaar": "Gemeente"},
        )
    _wijziging(demo, "2023-06-10 10:24 +0200")
    pagina = demo.client("taskforce_a").get("/gemeenten/GM0034/overleg/?datum=2023-07-01")
    assert "10 jun 2023 10:24" in pagina.content.decode()
    tekst = _pdf_tekst(
        demo.client("taskforce_a")
        .get("/gemeenten/GM0034/overleg/?datum=2023-07-01&formaat=pdf")
        .content
    )
    assert "10 jun 2023 10:24" in tekst
    assert "08:24" not in tekst


def test_pdf_change_section_is_since_the_previous_meeting_and_bounded(demo):
    """Review finding 3: 11 of 16 pages of raw change log, mostly the demo load. Only what
    changed since the previous meeting, without the demo loader's rows, at most a page."""
    with time_machine.travel("2023-06-01 15:00 +0200"):
        demo.client("opgaveteam_a").post(
            "/gemeenten/GM0034/overleg/besluiten/",
            {"datum": "2023-06-01", "tekst": "Aankoop versnellen", "eigenaar": "Gemeente"},
        )
    _wijziging(demo, "2023-05-20 10:00 +0200", reden="Voor het vorige overleg")
    _wijziging(demo, "2023-06-10 10:00 +0200", aantal=40)
    pad = "/gemeenten/GM0034/overleg/?datum=2023-07-01&formaat=pdf"
    tekst = _pdf_tekst(demo.client("taskforce_a").get(pad).content)
    sectie = tekst.split("Gewijzigde cijfers")[1].split("Besluiten")[0]
    assert sectie.count("Cijfers mei (test)") <= 15
    assert "en nog 25 wijzigingen" in sectie
    assert "Voor het vorige overleg" not in sectie
    assert "Demo geladen" not in tekst


def test_pdf_of_today_leaves_out_the_demo_load(demo):
    """The default meeting (today, no previous meeting): the demo loader's rows are no
    changes the meeting discusses."""
    antwoord = demo.client("taskforce_a").get("/gemeenten/GM0034/overleg/?formaat=pdf")
    tekst = _pdf_tekst(antwoord.content)
    assert "Demo geladen" not in tekst
    assert len(PdfReader(io.BytesIO(antwoord.content)).pages) <= 8
