"""The gemeente dashboard in a real browser: the chart is drawn by plotly.js (no console error,
so no CSP violation), its table opens, the month table and the navigation are accessible."""

from playwright.sync_api import expect


def test_the_dashboard_draws_its_chart_and_is_accessible(pagina):
    pagina.inloggen("opgaveteam_a")
    page = pagina.open("/gemeenten/GM0034/")
    expect(page.get_by_role("heading", name="Stand op 1 mei 2023")).to_be_visible()
    grafiek = page.locator("#cumulatief-vlak")
    expect(grafiek.locator("svg.main-svg").first).to_be_visible()
    expect(grafiek).to_contain_text("1 okt 2023: 293")  # the milestone label in the SVG
    expect(page.locator(".rapportage-geen-js")).to_be_hidden()
    # The plotly CSS comes from our file, not from an injected <style>.
    assert page.evaluate("document.querySelectorAll('head style').length") == 0
    nav = page.get_by_role("navigation", name="Pagina's van Almere")
    expect(nav.get_by_role("link", name="Dashboard")).to_have_attribute("aria-current", "page")
    page.get_by_text("Tabel bij de grafiek").click()
    expect(page.get_by_role("row", name="april 2023").first).to_contain_text("78")
    tabel = page.get_by_role("table", name="Verwacht resultaat per maand")
    expect(tabel.get_by_role("columnheader", name="Resultaat per 1 okt 2023")).to_be_visible()
    pagina.controleer_toegankelijkheid()

    # Another peildatum through the form.
    page.get_by_role("textbox", name="Peildatum").fill("2023-03-01")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("heading", name="Stand op 1 mrt 2023")).to_be_visible()
    pagina.controleer_toegankelijkheid()


def test_the_navigation_reaches_every_page_of_the_gemeente(pagina):
    pagina.inloggen("taskforce_a")
    page = pagina.open("/gemeenten/GM0034/")
    nav = page.get_by_role("navigation", name="Pagina's van Almere")
    for naam in ("Actieplan", "Prognose", "Overleg", "Wijzigingen", "Dashboard"):
        nav.get_by_role("link", name=naam, exact=True).click()
        nav = page.get_by_role("navigation", name="Pagina's van Almere")
        expect(nav.get_by_role("link", name=naam, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
