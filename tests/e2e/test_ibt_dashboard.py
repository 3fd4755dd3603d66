"""The province's IBT dashboard in a real browser (tests/e2e/test_ibt.py is the IBT status
page of one gemeente): six Flevoland gemeenten and nothing of Overijssel, sorting by keyboard,
the ranked chart drawn by plotly.js under the strict CSP, and the drill-down to Almere."""

import re

from playwright.sync_api import expect

FLEVOLAND = ["Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk", "Zeewolde"]


def _namen(page) -> list[str]:
    return page.locator("table.rapportage-sorteerbaar tbody th a").all_inner_texts()


def test_the_province_sorts_by_keyboard_and_drills_down_to_almere(pagina):
    pagina.inloggen("provincie_a")
    page = pagina.page
    # Log-in lands on the province's own overview.
    expect(page.get_by_role("heading", name="IBT-dashboard Flevoland")).to_be_visible()
    assert _namen(page) == FLEVOLAND
    tekst = page.locator("main").inner_text()
    assert "Steenwijkerland" not in tekst and "Overijssel" not in tekst
    # Status in words and signs next to the colour.
    almere = page.get_by_role("row").filter(has_text="Almere").first
    expect(almere).to_contain_text("risico")
    expect(almere).to_contain_text("3: Actief toezicht")
    # The ranked chart is drawn (an SVG by plotly.js, from our own static files).
    expect(page.locator("#ranglijst-vlak svg.main-svg").first).to_be_visible()
    pagina.controleer_toegankelijkheid()

    # Sort by '% van de opgave' with the keyboard: focus the header button, Enter.
    knop = page.get_by_role("button", name=re.compile("% van de opgave"))
    knop.focus()
    page.keyboard.press("Enter")
    kop = page.locator("th", has=knop)
    expect(kop).to_have_attribute("aria-sort", "ascending")
    percentages = page.locator("table.rapportage-sorteerbaar tbody tr td:nth-of-type(5)")
    waarden = [int(t.rstrip("%")) for t in percentages.all_inner_texts()]
    assert waarden == sorted(waarden)
    page.keyboard.press("Space")
    expect(kop).to_have_attribute("aria-sort", "descending")
    waarden = [int(t.rstrip("%")) for t in percentages.all_inner_texts()]
    assert waarden == sorted(waarden, reverse=True)
    expect(page.locator("#sorteer-melding")).to_have_text(
        re.compile("Gesorteerd op % van de opgave, aflopend")
    )
    pagina.controleer_toegankelijkheid()

    # Drill-down: Almere's 2023 story and the forecast, read-only.
    page.get_by_role("link", name="Almere", exact=True).click()
    expect(page.get_by_role("heading", name="Stand op 1 mei 2023")).to_be_visible()
    expect(page.get_by_text("waarvan 78 tellend voor de taakstelling")).to_be_visible()
    okt = page.locator("section.rapportage-kaart").filter(has_text="Mijlpaal 1 okt 2023")
    expect(okt).to_contain_text("215 personen: 98 woningen bij een bezetting van 2,2")
    expect(okt).to_contain_text("371 personen (+78)")
    expect(okt).to_contain_text("risico")
    expect(okt).to_contain_text("in het huidige tempo komt u op 171")
    dec = page.locator("section.rapportage-kaart").filter(has_text="Mijlpaal 31 dec 2023")
    expect(dec).to_contain_text("551 personen: 251 woningen")
    expect(dec).to_contain_text("628 personen (−1)")
    expect(dec).to_contain_text("risico")
    expect(page.get_by_text("trede 3: Actief toezicht")).to_be_visible()
    expect(page.locator("#cumulatief-vlak svg.main-svg").first).to_be_visible()
    menu = page.get_by_role("navigation", name="Pagina's van Almere")
    expect(menu.get_by_role("link", name="IBT-dashboard Flevoland")).to_be_visible()
    pagina.controleer_toegankelijkheid()
