"""The IBT dashboard as a PDF for Gedeputeerde Staten (issue 11): the province's own users
and the beheerder, the same rows and verdicts as the page, Dutch formats."""

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from rapportage.views.dashboard import provincie_context

PAD = "/provincies/flevoland/?peildatum=2023-05-01&formaat=pdf"


def _tekst(inhoud: bytes) -> str:
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    return re.sub(r"\s+", " ", tekst)


def test_the_province_downloads_its_dashboard_as_a_dutch_pdf(demo):
    antwoord = demo.client("provincie_a").get(PAD)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"] == (
        'attachment; filename="ibt-flevoland-2023-05-01.pdf"'
    )
    pdf = PdfReader(io.BytesIO(antwoord.content))
    assert pdf.pages[0].mediabox.width > pdf.pages[0].mediabox.height  # A4 landscape
    tekst = _tekst(antwoord.content)
    assert "IBT-dashboard Flevoland, peildatum 1 mei 2023" in tekst
    for naam in ("Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk", "Zeewolde"):
        assert naam in tekst
    assert "Tredegeschiedenis per gemeente" in tekst and "Ranglijst" in tekst
    assert "Geteld gerealiseerd, % van de opgave" in tekst  # the chart, drawn as vector
    assert "Steenwijkerland" not in tekst
    assert not re.findall(r"\b\d{4}-\d{2}-\d{2}\b", tekst)  # no ISO dates
    assert not re.findall(r"\b\d+\.\d{3,}\b|\b\d+\.\d{1,2}\b(?!\.\d)", tekst)  # no 2.04
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", tekst)  # no codes


def test_the_pdf_shows_the_verdict_per_gemeente_as_the_page_does(demo):
    rijen = provincie_context(demo.flevoland, date(2023, 5, 1))["rijen"]
    tekst = _tekst(demo.client("provincie_a").get(PAD).content)
    tabel = tekst.split("Ranglijst")[0]
    teken = {"op koers": "✓", "risico": "!", "niet haalbaar": "✗", None: "?"}
    for r in rijen:
        # The row of the gemeente carries its status in sign and word, as on the page.
        rij = tabel.split(r["gemeente"], 1)[1][:400]
        assert f"{teken[r['status']]} {r['status'] or 'onbekend'}" in rij, r["gemeente"]
    pagina = demo.client("provincie_a").get("/provincies/flevoland/?peildatum=2023-05-01")
    for r in rijen:
        assert f'data-waarde="{r["status"] or ""}"' in pagina.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("provincie_a", 200),
        ("beheerder", 200),
        ("provincie_elders", 404),
        ("opgaveteam_a", 404),
        ("taskforce_a", 404),
        ("corporatie_a", 404),
        ("opgaveteam_b", 404),
        ("corporatie_b", 404),
        (None, 302),
    ],
)
def test_who_may_download_the_ibt_pdf(demo, persona, status):
    assert demo.client(persona).get(PAD).status_code == status
