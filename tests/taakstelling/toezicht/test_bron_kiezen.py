"""Issue 11, bouwpunt 2: the taakstelling forms take their source as a document from the
reference data (a choice by title, organisation and date, or 'geen document') with a
paragraph, and the old free text as an optional note. Bad combinations are refused in Dutch and
change nothing; a saved source is audited with its reason and cited in words on the page."""

import pytest

from organisaties.models import Brondocument
from taakstelling.models import Openingssaldo, Taakstelling

pytestmark = pytest.mark.usefixtures("juni_2023")

T = "/gemeenten/GM0034/taakstelling/"
PVA = "Plan van aanpak huisvesting vergunninghouders Almere, gemeente Almere, 2 juni 2023"


def pva() -> Brondocument:
    return Brondocument.objects.get(code="pva-almere-2023")


def tekst(antwoord) -> str:
    return " ".join(antwoord.content.decode().split())


def nieuw(**velden) -> dict:
    return {"nieuw-jaar": "2024", "nieuw-helft": "1", "nieuw-aantal": "300"} | {
        f"nieuw-{k}": v for k, v in velden.items()
    }


def test_the_forms_offer_the_documents_by_title_organisation_and_date(demo):
    html = tekst(demo.client("opgaveteam_a").get(T))
    assert '<select name="nieuw-brondocument"' in html
    assert '<option value="" selected>geen document</option>' in html
    assert f'<option value="{pva().pk}">{PVA}</option>' in html
    # The correction form of H2 2023 shows the document the quota cites, and its paragraph.
    assert f'<option value="{pva().pk}" selected>{PVA}</option>' in html
    assert 'name="t-2023-H2-paragraaf" value="§1"' in html
    assert "Toelichting op de bron (optioneel)" in html
    assert "De beheerder van de monitor voegt het toe bij de brondocumenten" in html
    # Only the beheerder gets the link to the documents in the admin.
    assert "/beheer/organisaties/brondocument/" not in html


def test_the_beheerder_is_linked_to_the_documents_in_the_admin(demo):
    html = tekst(demo.client("beheerder").get(T))
    assert 'href="/beheer/organisaties/brondocument/">Brondocumenten beheren</a>' in html
    assert "Taakstelling voor een halfjaar toevoegen" not in html  # figures only via the admin


@pytest.mark.parametrize(
    ("velden", "veld", "boodschap"),
    [
        (
            {"paragraaf": "§2"},
            "paragraaf",
            "Kies het document waar deze paragraaf in staat, of maak de paragraaf leeg.",
        ),
        ({"brondocument": "999999"}, "brondocument", "Kies een document uit de lijst"),
        ({"brondocument": "plan"}, "brondocument", "Kies een document uit de lijst"),
        ({"brondocument": "PVA", "paragraaf": "r. 98"}, "paragraaf", "niet een regelnummer"),
        ({"brondocument": "PVA", "paragraaf": "§" * 101}, "paragraaf", "Houd de paragraaf kort"),
        ({"bron": "x" * 201}, "bron", "Houd de toelichting korter: hoogstens 200 tekens."),
    ],
)
def test_bad_combinations_are_refused_in_dutch_and_change_nothing(demo, velden, veld, boodschap):
    if velden.get("brondocument") == "PVA":
        velden["brondocument"] = str(pva().pk)
    antwoord = demo.client("opgaveteam_a").post(T + "nieuw/", nieuw(**velden))
    assert antwoord.status_code == 200
    html = tekst(antwoord)
    assert boodschap in html
    assert f'id="id_nieuw-{veld}_fout"' in html  # next to the field, not only at the top
    assert not Taakstelling.objects.filter(gemeente=demo.almere, jaar=2024).exists()


def test_all_errors_come_in_one_pass(demo):
    html = tekst(
        demo.client("opgaveteam_a").post(T + "nieuw/", nieuw(aantal="veel", paragraaf="§2"))
    )
    assert "Vul een geheel aantal in" in html
    assert "Kies het document waar deze paragraaf in staat" in html


def test_a_new_quota_saves_the_document_and_paragraph(demo):
    c = demo.client("opgaveteam_a")
    antwoord = c.post(
        T + "nieuw/", nieuw(brondocument=str(pva().pk), paragraaf=" §4 ", bron="  brief  ")
    )
    assert antwoord.status_code == 302
    t = Taakstelling.objects.get(gemeente=demo.almere, jaar=2024, helft=1)
    assert (t.brondocument, t.paragraaf, t.bron) == (pva(), "§4", "brief")
    assert f"{PVA}, §4 – brief" in tekst(c.get(T))


def test_a_correction_of_the_source_is_audited_with_its_reason(demo):
    c = demo.client("opgaveteam_a")
    t = Taakstelling.objects.get(gemeente=demo.almere, jaar=2023, helft=2)
    data = {
        "t-2023-H2-aantal": str(t.aantal),
        "t-2023-H2-brondocument": str(pva().pk),
        "t-2023-H2-paragraaf": "§3",
        "t-2023-H2-bron": "",
        "t-2023-H2-versie": str(t.versie),
    }
    # Without a reason: refused, nothing changes.
    html = tekst(c.post(T + "2023-H2/", data | {"t-2023-H2-reden": ""}))
    assert "Geef een reden" in html
    assert Taakstelling.objects.get(pk=t.pk).paragraaf == "§1"
    assert c.post(T + "2023-H2/", data | {"t-2023-H2-reden": "Juiste paragraaf"}).status_code == 302
    t.refresh_from_db()
    assert (t.brondocument_id, t.paragraaf, t.bron) == (pva().pk, "§3", "")
    laatste = t.history.order_by("-history_id").first()
    assert laatste.history_change_reason == "Juiste paragraaf"
    assert laatste.history_user == demo.user("opgaveteam_a")
    assert (laatste.brondocument_id, laatste.paragraaf) == (pva().pk, "§3")
    assert f"{PVA}, §3" in tekst(c.get(T))


def test_choosing_geen_document_drops_the_document_and_its_paragraph(demo):
    c = demo.client("opgaveteam_a")
    t = Taakstelling.objects.get(gemeente=demo.almere, jaar=2023, helft=2)
    data = {
        "t-2023-H2-aantal": str(t.aantal),
        "t-2023-H2-brondocument": "",
        "t-2023-H2-paragraaf": "",
        "t-2023-H2-bron": "brief van de provincie",
        "t-2023-H2-versie": str(t.versie),
        "t-2023-H2-reden": "Bron is de brief",
    }
    assert c.post(T + "2023-H2/", data).status_code == 302
    t.refresh_from_db()
    assert (t.brondocument, t.paragraaf, t.bron) == (None, "", "brief van de provincie")


def test_the_opening_saldo_form_saves_its_document(demo):
    c = demo.client("opgaveteam_a")
    rij = Openingssaldo.objects.get(gemeente=demo.almere)
    data = {
        "opening-jaar": "2023",
        "opening-helft": "1",
        "opening-saldo": str(rij.saldo),
        "opening-brondocument": "",
        "opening-paragraaf": "§1",
        "opening-reden": "Bron aangevuld",
        "opening-versie": str(rij.versie),
    }
    html = tekst(c.post(T + "openingssaldo/", data))
    assert "Kies het document waar deze paragraaf in staat" in html
    data["opening-brondocument"] = str(pva().pk)
    assert c.post(T + "openingssaldo/", data).status_code == 302
    rij.refresh_from_db()
    assert (rij.brondocument_id, rij.paragraaf) == (pva().pk, "§1")
    assert rij.history.order_by("-history_id").first().history_change_reason == "Bron aangevuld"
    assert f"Bron: {PVA}, §1" in tekst(c.get(T))


# --- the province's milestones cite their source the same way -------------------------------

M = "/gemeenten/GM0034/mijlpalen/"


def test_a_milestone_cites_a_document_and_refuses_a_paragraph_without_one(demo):
    from datetime import date

    from taakstelling.models import Mijlpaal

    c = demo.client("provincie_a")
    nieuw = {"datum": "2023-11-15", "doel": "450", "startdatum": "2023-01-01"}
    html = tekst(c.post(M, nieuw | {"paragraaf": "§1"}))
    assert "Kies het document waar deze paragraaf in staat" in html
    assert not Mijlpaal.objects.filter(gemeente=demo.almere, datum=date(2023, 11, 15)).exists()
    antwoord = c.post(M, nieuw | {"brondocument": str(pva().pk), "paragraaf": "§4"})
    assert antwoord.status_code == 302
    m = Mijlpaal.objects.get(gemeente=demo.almere, datum=date(2023, 11, 15))
    assert (m.brondocument_id, m.paragraaf) == (pva().pk, "§4")
    assert m.history.order_by("-history_id").first().history_user == demo.user("provincie_a")
    html = tekst(c.get(M))
    assert f"(bron: {PVA}, §4)" in html
    assert '<select name="brondocument"' in html
    assert "De beheerder van de monitor voegt het toe bij de brondocumenten" in html


def test_an_ibt_status_cites_a_document_and_checks_it_in_the_same_pass(demo):
    from taakstelling.models import IbtStatus, Trede
    from taakstelling.toezicht.services import huidige_status

    c = demo.client("provincie_a")
    ibt = "/gemeenten/GM0034/ibt/"
    voor = IbtStatus.objects.filter(gemeente=demo.almere).count()
    data = {
        "trede": Trede.objects.get(provincie=demo.flevoland, nummer=4).pk,
        "sinds": "01-06-2023",
        "reden": "",
        "paragraaf": "§4",
        "huidig": huidige_status(demo.almere).pk,
    }
    html = tekst(c.post(ibt, data))
    assert "Geef de reden van deze status." in html
    assert "Kies het document waar deze paragraaf in staat" in html
    assert IbtStatus.objects.filter(gemeente=demo.almere).count() == voor
    data |= {"reden": "Deadline in gevaar", "brondocument": str(pva().pk)}
    assert c.post(ibt, data).status_code == 302
    nieuw = huidige_status(demo.almere)
    assert (nieuw.brondocument_id, nieuw.paragraaf) == (pva().pk, "§4")
    assert f"(bron: {PVA}, §4)" in tekst(c.get(ibt))
