"""The opgaveteam edits its action plan in a real browser: cell by cell with htmx, keyboard only,
accessible before and after every swap; and the same grid without JavaScript."""

import re

from django.conf import settings
from playwright.sync_api import expect

from bemiddeling.models import Planning
from tests.conftest import PERSONAS, WACHTWOORD

PLAN = "/gemeenten/GM0034/plan/"


def planning(code: str, maand: str) -> Planning:
    return Planning.objects.get(
        actie__type_id=code, actie__gemeente__cbs_code="GM0034", maand=maand
    )


def test_opgaveteam_edits_a_plan_cell_and_the_totals_follow(pagina):
    pagina.inloggen("opgaveteam_a")
    page = pagina.open(PLAN)
    expect(page.get_by_role("heading", name="Actieplan Almere")).to_be_visible()
    totaal_1_okt = page.locator("#plan-totalen td").nth(5)
    expect(totaal_1_okt).to_have_text("133")
    pagina.controleer_toegankelijkheid()

    # The demo's months lie far back, so a change needs a reason (audit trail).
    page.locator("#plan-reden").fill("AMV-locatie Haven eerder beschikbaar")
    cel = page.get_by_role("textbox", name="Huisvesten AMV'ers jun 2023")
    cel.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    page.keyboard.press("Enter")  # saves and moves down to the next action, same month
    expect(page.locator("#plan-status")).to_have_text(
        "Opgeslagen: Huisvesten AMV'ers, juni 2023: 3."
    )
    volgende = page.get_by_role(
        "textbox", name="Gebruik maken HAR of andere tijdelijke voorzieningen jun 2023"
    )
    expect(volgende).to_be_focused()
    expect(totaal_1_okt).to_have_text("136")
    expect(page.locator("#rij-amv-mp-2023-10-01")).to_have_text("8")
    assert planning("amv", "2023-06-01").woningen == 3
    pagina.controleer_toegankelijkheid()

    # A bad value: a Dutch message at the cell, announced, nothing written.
    foute = page.get_by_role("textbox", name="Huisvesten AMV'ers jul 2023")
    foute.fill("veel")
    page.keyboard.press("Tab")
    melding = page.locator("#cel-amv-2023-07-fout")
    expect(melding).to_contain_text("'veel' is geen aantal")
    expect(page.locator("#cel-amv-2023-07-invoer")).to_have_attribute("aria-invalid", "true")
    assert planning("amv", "2023-07-01").woningen == 0
    pagina.controleer_toegankelijkheid()


def test_a_second_editor_gets_a_conflict_and_chooses(pagina, demo):
    pagina.inloggen("opgaveteam_a")
    page = pagina.open(PLAN)
    page.locator("#plan-reden").fill("Herijking")
    # Meanwhile a colleague saves the same cell (another session).
    rij = planning("amv", "2023-08-01")
    rij.woningen = 4
    rij.versie += 1
    rij.save()
    cel = page.locator("#cel-amv-2023-08-invoer")
    cel.fill("6")
    cel.press("Tab")
    conflict = page.locator("#cel-amv-2023-08-fout")
    expect(conflict).to_contain_text("nu 4; u vulde 6 in")
    pagina.controleer_toegankelijkheid()
    conflict.get_by_role("button", name="Mijn waarde (6) opslaan").click()
    expect(page.locator("#plan-status")).to_contain_text("augustus 2023: 6")
    assert planning("amv", "2023-08-01").woningen == 6


def test_the_grid_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(PERSONAS["opgaveteam_a"])
        page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()
        page.goto(live_server.url + PLAN)
        page.locator("#plan-reden").fill("Zonder JavaScript ingevuld")
        page.locator("#cel-flexwoningen-2023-12-invoer").fill("pm")
        page.locator("#cel-amv-2023-09-invoer").fill("2")
        page.get_by_role("button", name="Alle wijzigingen opslaan").first.click()
        expect(page.get_by_text("2 vakken van het plan opgeslagen.")).to_be_visible()
        assert re.search(r"/plan/2023-05-01/$", page.url)
        assert planning("flexwoningen", "2023-12-01").pm
        assert planning("amv", "2023-09-01").woningen == 2
    finally:
        context.close()


def test_an_expired_session_does_not_put_the_log_in_page_in_a_cell(pagina):
    pagina.inloggen("opgaveteam_a")
    page = pagina.open(PLAN)
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)  # the session ended
    cel = page.get_by_role("textbox", name="Huisvesten AMV'ers jun 2023")
    cel.fill("3")
    cel.press("Tab")  # leaving the cell saves it (htmx)
    page.wait_for_url(re.compile(r"/inloggen/\?next="))
    assert page.locator("#plan-raster").count() == 0
    assert planning("amv", "2023-06-01").woningen == 0
    # And the log-in page says why (issue 12).
    assert page.get_by_text("Uw sessie is verlopen").is_visible()
