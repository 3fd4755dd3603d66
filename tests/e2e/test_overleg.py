"""The meeting pack in a real browser: the opgaveteam records decisions, the taskforce reads
them and downloads the pack as PDF, Excel and CSV, and each download opens."""

import csv
import io

from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from rapportage.models import Besluit

OVERLEG = "/gemeenten/GM0034/overleg/?datum=2023-06-01"


def _download(page, naam: str) -> bytes:
    """Click a download link and return the file's bytes (Playwright's download handling)."""
    with page.expect_download() as info:
        page.get_by_role("link", name=naam).click()
    download = info.value
    assert download.failure() is None
    with open(download.path(), "rb") as f:
        return f.read()


def test_the_opgaveteam_records_decisions(pagina):
    pagina.inloggen("opgaveteam_a")
    page = pagina.open(OVERLEG)
    expect(page.get_by_role("heading", name="Taskforce-overleg Almere, 1 jun 2023")).to_be_visible()
    pagina.controleer_toegankelijkheid()
    # Without text: Dutch messages at the fields, nothing recorded.
    page.get_by_role("button", name="Besluit vastleggen").click()
    # At the fields and in the error summary above the form (issue 11).
    expect(page.get_by_text("Beschrijf het besluit.", exact=True)).to_be_visible()
    expect(page.get_by_text("Noem wie het besluit uitvoert.", exact=True)).to_be_visible()
    expect(page.locator("#foutoverzicht")).to_be_focused()
    pagina.controleer_toegankelijkheid()
    assert not Besluit.objects.exists()
    page.get_by_label("Besluit", exact=True).fill("Versneld aankopen: 10 woningen extra in juli.")
    page.get_by_label("Eigenaar (wie voert het uit)").fill("Gemeente, team vastgoed")
    page.get_by_label("Deadline").fill("2023-07-31")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("Het besluit is vastgelegd.")
    besluiten = page.get_by_role("table", name="Besluiten van het overleg van 1 jun 2023")
    expect(besluiten).to_contain_text("Versneld aankopen")
    expect(besluiten).to_contain_text("31 jul 2023")
    pagina.controleer_toegankelijkheid()
    assert Besluit.objects.get().vastgelegd_door.username == "opgaveteam-almere"


def test_the_taskforce_downloads_the_pack_as_pdf_excel_and_csv(pagina):
    Besluit.objects.all().delete()
    pagina.inloggen("taskforce_a")
    page = pagina.open(OVERLEG)
    expect(page.get_by_role("button", name="Besluit vastleggen")).to_have_count(0)
    expect(page.locator("#cumulatief-vlak svg.main-svg").first).to_be_visible()
    pagina.controleer_toegankelijkheid()

    pdf = PdfReader(io.BytesIO(_download(page, "PDF (om te printen, met grafiek)")))
    tekst = " ".join(p.extract_text() for p in pdf.pages)
    assert "Taskforce-overleg Almere, 1 jun 2023" in tekst and "293" in tekst

    wb = load_workbook(io.BytesIO(_download(page, "Excel (een blad per onderdeel)")))
    assert "Mijlpalen en prognose" in wb.sheetnames
    assert wb["Mijlpalen en prognose"]["B3"].value == 293

    data = _download(page, "CSV (één tabel, puntkomma's)").decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(data), delimiter=";"))
    assert rijen[0] == ["sectie", "rij", "kolom", "waarde", "eenheid"]
    assert ["mijlpalen", "2023-10-01", "Doel", "293", "personen"] in rijen
