"""Month entry in a real browser (issue 'Invoer' §10): the saldo follows the typing, the
save swaps in place with focus on the outcome, keyboard only works, read-only stays read-only.

'Today' is 15 June 2023 (server side): May 2023 is the previous month, so no reason is needed,
and it is a demo month still to be entered (Almere's figures stop in April, seed 000).
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import expect

from taakstelling.models import Maandrapportage, Realisatie
from tests.conftest import WACHTWOORD

MEI = "/gemeenten/GM0034/realisatie/2023-05/"


@pytest.fixture
def juni_2023():
    amsterdam = ZoneInfo("Europe/Amsterdam")
    with time_machine.travel(datetime(2023, 6, 15, 10, 0, tzinfo=amsterdam), tick=True):
        yield


@pytest.fixture
def opgaveteam(juni_2023, pagina):
    pagina.inloggen("opgaveteam_a")
    return pagina


def test_opgaveteam_enters_a_month_and_sees_totals_and_saldo_change(opgaveteam, demo):
    page = opgaveteam.open(MEI)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Realisatie mei 2023")
    expect(page.locator("#saldo-periode")).to_contain_text("−215")  # seed 000: 293 - 78
    expect(page.locator("#totaal-gehuisvest")).to_have_text("–")  # missing, not zero
    opgaveteam.controleer_toegankelijkheid()

    page.get_by_label("Reguliere toewijzing door corporatie: Ymere: personen gehuisvest").fill("10")
    page.get_by_label("Reguliere toewijzing door corporatie: Ymere: woningen").fill("4")
    # htmx recomputes after a short pause, without saving
    expect(page.locator("#totaal-gehuisvest")).to_have_text("10")
    expect(page.locator("#saldo-periode")).to_contain_text("−205")
    expect(page.locator("#totalen-melding")).to_contain_text("Saldo eerste helft 2023: −205")
    expect(page.locator("#totalen")).to_contain_text("nog niet opgeslagen")
    assert not Realisatie.objects.filter(maand="2023-05-01").exists()
    opgaveteam.controleer_toegankelijkheid()

    # HAR-uitplaatsing: 6 housed, 'tellend' left empty follows the rule and counts 0
    page.get_by_label("HAR-uitplaatsing naar een woning: personen gehuisvest").fill("6")
    page.get_by_label("HAR-uitplaatsing naar een woning: woningen").fill("3")
    expect(page.locator("#totaal-gehuisvest")).to_have_text("16")
    expect(page.locator("#totaal-tellend")).to_have_text("10")

    page.get_by_label("AMV (Nidos): personen gehuisvest").fill("drie")
    expect(page.locator("#totalen")).to_contain_text("nog geen geldig getal: AMV (Nidos)")
    page.get_by_role("button", name="Mei 2023 opslaan").click()
    samenvatting = page.locator("#foutsamenvatting")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_contain_text("Er is niets opgeslagen")
    veld = page.get_by_label("AMV (Nidos): personen gehuisvest")
    expect(veld).to_have_attribute("aria-invalid", "true")
    expect(veld).to_have_accessible_description(re.compile("Vul een geheel aantal in"))
    assert not Maandrapportage.objects.filter(maand="2023-05-01").exists()
    opgaveteam.controleer_toegankelijkheid()

    # The error summary links to the field.
    samenvatting.get_by_role("link").first.click()
    expect(veld).to_be_focused()
    veld.fill("")
    page.get_by_role("button", name="Mei 2023 opslaan").click()
    melding = page.get_by_role("status").filter(has_text="Mei 2023 is opgeslagen")
    expect(melding).to_be_focused()
    expect(page.locator("#saldo-periode")).to_contain_text("−205")
    # The badge above the form follows the save (issue 11, finding 4).
    expect(page.locator("#maandstatus")).to_contain_text("Ingevuld")
    expect(page.locator("#maandstatus")).not_to_contain_text("Ontbrekend")
    opgaveteam.controleer_toegankelijkheid()
    rijen = {
        (r.bron_id, r.personen_gehuisvest, r.personen_tellend, r.woningen)
        for r in Realisatie.objects.filter(maand="2023-05-01")
    }
    assert rijen == {("regulier", 10, 10, 4), ("har_uitplaatsing", 6, 0, 3)}

    # Reloading shows the month as entered, with the saved figures.
    page.reload()
    expect(page.locator(".invoer-status--ingevuld")).to_be_visible()
    expect(page.locator("#totaal-tellend")).to_have_text("10")


def test_the_month_can_be_entered_with_the_keyboard_only(opgaveteam, demo):
    page = opgaveteam.open(MEI)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    doel = "id_r-regulier-de-alliantie-personen_gehuisvest"  # the first figure of the table
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == doel:
            break
    assert page.evaluate("document.activeElement.id") == doel
    page.keyboard.type("4")
    page.keyboard.press("Tab")  # personen tellend: empty, follows the rule
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    expect(page.locator("#totaal-gehuisvest")).to_have_text("4")
    page.keyboard.press("Enter")  # submits the month form
    melding = page.get_by_role("status").filter(has_text="Mei 2023 is opgeslagen")
    expect(melding).to_be_focused()
    r = Realisatie.objects.get(maand="2023-05-01")
    assert (r.corporatie.slug, r.personen_gehuisvest, r.personen_tellend, r.woningen) == (
        "de-alliantie",
        4,
        4,
        2,
    )
    # From the message, Tab goes on into the form again.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in {"INPUT", "A", "BUTTON"}
    opgaveteam.controleer_toegankelijkheid()


def test_taskforce_can_only_read(juni_2023, pagina, demo):
    page = pagina.inloggen("taskforce_a")
    page = pagina.open("/gemeenten/GM0034/realisatie/2023-04/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Realisatie april 2023")
    expect(page.locator("#saldo-periode")).to_contain_text("−215")
    assert page.locator("main form[method=post]").count() == 0
    assert (
        page.locator("main textarea, main input[name^='r-'], main input[name=koppeling]").count()
        == 0
    )
    assert page.get_by_role("button", name=re.compile("opslaan")).count() == 0
    pagina.controleer_toegankelijkheid()

    # A forged POST with a valid CSRF token is refused by the server, not by the template.
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page.locator("body").get_attribute("hx-headers"))
    antwoord = page.request.post(
        pagina.basis + "/gemeenten/GM0034/realisatie/2023-04/",
        form={"r-amv-personen_gehuisvest": "3", "r-amv-woningen": "1", "reden": "vals"},
        headers={"X-CSRFToken": token.group(1), "Referer": pagina.basis + "/"},
    )
    assert antwoord.status == 403
    assert "CSRF" not in antwoord.text()
    assert not Realisatie.objects.filter(maand="2023-04-01", bron="amv").exists()


def test_import_preview_and_audit_trail_pages(opgaveteam, demo, tmp_path):
    page = opgaveteam.open("/gemeenten/GM0034/realisatie/import/")
    opgaveteam.controleer_toegankelijkheid()

    slecht = tmp_path / "slecht.csv"
    slecht.write_text(
        "gemeente,maand,bron,corporatie,personen_gehuisvest,personen_tellend,woningen\n"
        "GM0034,2023-05,regulier,,9,9,4\nGM0034,2023-13,amv,,3,3,1\n"
    )
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(str(slecht))
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("alert")).to_contain_text("Het bestand is geweigerd")
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_role("row", name=re.compile("regel 2"))).to_contain_text("corporatie")
    expect(page.get_by_role("row", name=re.compile("regel 3"))).to_contain_text("maand")
    opgaveteam.controleer_toegankelijkheid()

    goed = tmp_path / "mei.csv"
    goed.write_text(
        "gemeente,maand,bron,corporatie,personen_gehuisvest,personen_tellend,woningen\n"
        "GM0034,2023-05,regulier,ymere,9,9,4\nGM0034,2023-05,amv,,3,3,1\n"
    )
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(str(goed))
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.locator("#samenvatting")).to_contain_text("2 regels, waarvan 2 nieuw")
    opgaveteam.controleer_toegankelijkheid()
    page.get_by_role("button", name="Import bevestigen").click()
    expect(page.get_by_role("status")).to_contain_text("mei.csv is geïmporteerd: 2 nieuw")

    page = opgaveteam.open("/gemeenten/GM0034/wijzigingen/?maand=2023-05")
    wat = "Realisatie mei 2023, Reguliere toewijzing door corporatie, Ymere"
    rij = page.get_by_role("row", name=re.compile(wat))
    expect(rij).to_contain_text("opgaveteam-almere")
    expect(rij).to_contain_text("Import mei.csv")
    expect(rij).to_contain_text("personen gehuisvest: – → 9")
    opgaveteam.controleer_toegankelijkheid()


def test_an_expired_session_goes_to_the_log_in_page_not_into_the_form(opgaveteam, demo):
    """Finding 8: the live preview of a page whose session ended swapped the log-in page into
    the form. Now the whole page goes to log in, and back to this month afterwards."""
    page = opgaveteam.open(MEI)
    # The session ends (15 minutes idle): its cookie is gone, the CSRF cookie stays.
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    page.get_by_label("AMV (Nidos): personen gehuisvest").fill("3")  # htmx preview
    page.wait_for_url(re.compile(r"/inloggen/\?next="))
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()
    assert page.locator("#maandformulier").count() == 0
    page.get_by_label("Gebruikersnaam").fill("opgaveteam-almere")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/realisatie/2023-05/$"))
    assert not Realisatie.objects.filter(maand="2023-05-01").exists()
