"""One verdict per milestone, the same everywhere: for every demo gemeente and every milestone,
the verdict (word and sentence, with its figures) of the stored forecast (the API's JSON) is
what the gemeente dashboard, the prognose page, the IBT dashboard, the overleg page and its
CSV, XLSX and PDF exports show (the PDF by its words: ``_pdf_toont``).
"""

import csv
import html
import io
import re

from django.test import Client, override_settings
from openpyxl import load_workbook
from pypdf import PdfReader

from organisaties import tokens
from organisaties.models import Gemeente, Provincie
from taakstelling.officieel.models import ProvincieInstelling

# <... data-mijlpaal="2023-10-01" data-oordeel="risico" ...> ... <span class="oordeel-reden">..
OORDEEL = re.compile(
    r'data-mijlpaal="(\d{4}-\d\d-\d\d)" data-oordeel="([a-z ]+)"[^>]*>.*?'
    r'<span class="oordeel-reden">(.*?)</span>',
    re.S,
)


def _tekst(x: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", x)).split())


def _oordelen(pagina: str, binnen: str | None = None) -> dict[str, tuple[str, str]]:
    if binnen is not None:
        pagina = pagina[pagina.index(binnen) :]
    return {d: (s, _tekst(r)) for d, s, r in OORDEEL.findall(pagina)}


def _csv_oordelen(inhoud: bytes) -> dict[str, tuple[str, str]]:
    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    per: dict[str, dict[str, str]] = {}
    for sectie, rij, kolom, waarde, _ in rijen[1:]:
        if sectie == "mijlpalen" and kolom in ("Oordeel", "Toelichting"):
            per.setdefault(rij, {})[kolom] = waarde
    return {d: (v["Oordeel"], v["Toelichting"]) for d, v in per.items()}


def _xlsx_oordelen(inhoud: bytes) -> dict[str, tuple[str, str]]:
    ws = load_workbook(io.BytesIO(inhoud))["Mijlpalen en prognose"]
    koppen = [c.value for c in ws[2]]
    o, t = koppen.index("Oordeel"), koppen.index("Toelichting")
    return {
        r[0].value.date().isoformat(): (r[o].value, r[t].value)
        for r in ws.iter_rows(min_row=3)
        if r[0].value is not None and hasattr(r[0].value, "date")
    }


def _woorden(tekst: str) -> set[str]:
    return {w.strip(",;.:()") for w in tekst.split()} - {""}


def _pdf_toont(inhoud: bytes, verwacht: dict[str, tuple[str, str]]) -> None:
    """The PDF (same sections as the CSV and the XLSX) holds every verdict and every word of
    its sentence. Table cells wrap, and a PDF reader reads a table line by line across its
    cells, so a sentence is compared as its words, not as one string; the layout itself is
    for the meeting pack's own tests."""
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    assert "Oordeel" in tekst and "toelichting" in tekst.lower()
    aanwezig = _woorden(tekst)
    for status, reden in verwacht.values():
        assert status in " ".join(tekst.split()), status
        assert _woorden(reden) <= aanwezig, _woorden(reden) - aanwezig


def test_every_surface_shows_the_stored_verdict_of_every_milestone(demo):
    beheerder = demo.client("beheerder")
    sleutel = tokens.maak(user=demo.user("beheerder"), naam="test")[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    gezien = set()
    # The stored verdict is the forecast's one verdict. A province that holds its gemeenten
    # to COA's figures (the default) sees them judged again on those on its IBT dashboard
    # (tests/taakstelling/officieel/test_ibt_officieel.py); here every province holds them
    # to their own figures, so every surface shows the stored verdict.
    for p in Provincie.objects.all():
        instelling = ProvincieInstelling(provincie=p, oordeel_op="eigen")
        instelling._change_reason = "Proef: eigen cijfers"
        instelling.save()
    for g in Gemeente.objects.select_related("provincie").order_by("cbs_code"):
        antwoord = api.get(f"/api/v1/gemeenten/{g.cbs_code}/prognose")
        if antwoord.status_code == 404:  # no forecast computed: nothing to compare
            continue
        resultaat = antwoord.json()["resultaat"]
        peil = resultaat["peildatum"]
        verwacht = {
            m["datum"]: (m["oordeel"]["status"], m["oordeel"]["reden"])
            for m in resultaat["mijlpalen"]
        }
        assert verwacht, g.naam
        gezien.add(g.cbs_code)
        for status, reden in verwacht.values():
            assert status in ("op koers", "risico", "niet haalbaar", "onbekend")
            assert reden.endswith(".")

        def pagina(pad: str) -> str:
            a = beheerder.get(pad)
            assert a.status_code == 200, pad
            return a.content.decode()

        dashboard = pagina(f"/gemeenten/{g.cbs_code}/?peildatum={peil}")
        assert _oordelen(dashboard) == verwacht, (g.naam, "dashboard")
        prognose = pagina(f"/gemeenten/{g.cbs_code}/prognose/?peildatum={peil}")
        assert _oordelen(prognose, binnen='id="mijlpaal-1"') == verwacht, (g.naam, "prognose")
        overleg = pagina(f"/gemeenten/{g.cbs_code}/overleg/?datum={peil}")
        assert _oordelen(overleg) == verwacht, (g.naam, "overleg")
        # The IBT dashboard shows the next milestone of each gemeente.
        ibt = pagina(f"/provincies/{g.provincie.slug}/?peildatum={peil}")
        rij = ibt[ibt.index(f'data-gemeente="{g.cbs_code}"') :]
        rij = rij[: rij.index("</tr>")]
        volgende = min((d for d in verwacht if d >= peil), default=None)
        if volgende is not None:
            assert _oordelen(rij) == {volgende: verwacht[volgende]}, (g.naam, "IBT")
        # The exports of the meeting pack.
        pad = f"/gemeenten/{g.cbs_code}/overleg/?datum={peil}&formaat="
        csv_ = beheerder.get(pad + "csv")
        assert _csv_oordelen(csv_.content) == verwacht, (g.naam, "CSV")
        xlsx = beheerder.get(pad + "xlsx")
        assert _xlsx_oordelen(xlsx.content) == verwacht, (g.naam, "XLSX")
        with override_settings(BROWSER_PATH="/bestaat/niet/chromium"):  # tables only: faster
            _pdf_toont(beheerder.get(pad + "pdf").content, verwacht)
    assert {"GM0034", "GM1708"} <= gezien and len(gezien) >= 7
