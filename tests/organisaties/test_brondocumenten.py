"""Sources as people cite them (issue 11): a document with title, organisation and date, and
the paragraph on the row that cites it. Never a file name or a line number."""

from datetime import date

from django.forms.models import model_to_dict

from kern.bronnen import ADDENDUM_STEENWIJKERLAND, PVA_ALMERE, citaat, uit_oude_verwijzing
from organisaties.models import Brondocument
from organisaties.selectors import bronvermelding
from taakstelling.models import Taakstelling

PVA = "Plan van aanpak huisvesting vergunninghouders Almere, gemeente Almere, 2 juni 2023"


def test_a_citation_reads_as_people_cite_it():
    assert (
        citaat("Titel", "gemeente X", "2 juni 2023", "§1") == "Titel, gemeente X, 2 juni 2023, §1"
    )
    assert PVA_ALMERE.titel == "Plan van aanpak huisvesting vergunninghouders Almere"
    assert PVA_ALMERE.datum == date(2023, 6, 2)  # the date in the plan's footer
    assert ADDENDUM_STEENWIJKERLAND.datum == date(2024, 7, 12)  # "Aldus overeengekomen"


def test_old_references_become_a_document_and_its_paragraph():
    """What earlier versions stored ("seed 000 r. 78") is converted by the migrations."""
    gevallen = {
        "seed 000 r. 36: achterstand 2022": (PVA_ALMERE, "§1", "achterstand 2022"),
        "seed 000 r. 78": (PVA_ALMERE, "§2", ""),
        "seed 000 §3 (r. 98-147)": (PVA_ALMERE, "§3", ""),
        "seed 000 voetnoot 3 (naam); parameters illustratief": (
            PVA_ALMERE,
            "§2, voetnoot 3",
            "naam uit het plan; parameters illustratief",
        ),
        "seed 002: addendum signed 12 Jul 2024; valid until 1 Jan 2025 (L9, L31, L51)": (
            ADDENDUM_STEENWIJKERLAND,
            "afspraak a",
            "geldt tot 1 januari 2025",
        ),
        # Not a known text: still no file name or line number left over.
        "seed 000 r. 120: iets anders": (PVA_ALMERE, "§3", "iets anders"),
        "volgens seed 002 r. 33": (ADDENDUM_STEENWIJKERLAND, "afspraak c", "volgens"),
    }
    for oud, (document, paragraaf, toelichting) in gevallen.items():
        v = uit_oude_verwijzing(oud)
        assert (v.document, v.paragraaf, v.toelichting) == (document, paragraaf, toelichting), oud
    assert uit_oude_verwijzing("illustratief (demo)") is None
    assert uit_oude_verwijzing("Brief provincie 20 april 2023") is None


def test_the_demo_cites_documents(demo):
    t = Taakstelling.objects.get(gemeente=demo.almere, jaar=2023, helft=1)
    assert t.brondocument.code == PVA_ALMERE.code and t.paragraaf == "§1"
    assert bronvermelding(t).startswith(PVA + ", §1 – eerste helft 2023")
    pagina = demo.client("taskforce_a").get("/gemeenten/GM0034/taakstelling/").content.decode()
    assert PVA + ", §1" in pagina
    plan = demo.client("opgaveteam_a").get("/gemeenten/GM0034/plan/").content.decode()
    assert f"Bron: {PVA}, §3." in plan
    assert "Addendum Prestatieafspraken Steenwijkerland 2023-2027" in (
        demo.client("opgaveteam_b").get("/gemeenten/GM1708/plan/").content.decode()
    )


def test_a_row_without_a_document_shows_its_note(demo):
    t = Taakstelling.objects.get(gemeente=demo.lelystad, jaar=2023, helft=1)
    assert t.brondocument is None and bronvermelding(t) == "illustratief (demo)"


def test_a_document_changes_only_with_a_reason_and_keeps_its_history(demo):
    client = demo.client("beheerder")
    doc = Brondocument.objects.get(code=PVA_ALMERE.code)
    url = f"/beheer/organisaties/brondocument/{doc.pk}/change/"
    data = {**model_to_dict(doc), "datum": "2023-06-02", "organisatie": "College van B en W"}
    zonder = client.post(url, data)
    assert zonder.status_code == 200 and "Geef een reden" in zonder.content.decode()
    met = client.post(url, {**data, "reden": "Ondertekenaar volgens de brief"}, follow=True)
    assert met.status_code == 200
    doc.refresh_from_db()
    assert doc.organisatie == "College van B en W"
    assert doc.history.first().history_change_reason == "Ondertekenaar volgens de brief"
