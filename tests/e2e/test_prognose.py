"""The forecast page in a real browser: accessible, no CSP errors, scenario what-ifs in place
with htmx (accessible after the swap too), and saving a scenario as the opgaveteam."""

from playwright.sync_api import expect

from prognose.models import Scenario

PROGNOSE = "/gemeenten/GM0034/prognose/"


def test_the_forecast_reads_in_words_and_numbers_and_is_accessible(pagina):
    pagina.inloggen("taskforce_a")
    page = pagina.open(PROGNOSE)
    expect(page.get_by_role("heading", name="Prognose Almere")).to_be_visible()
    expect(page.get_by_role("heading", name="Mijlpaal 1 okt 2023: 293 personen")).to_be_visible()
    plan = page.get_by_role("row", name="Plan").first
    expect(plan).to_contain_text("371")
    expect(plan).to_contain_text("haalt het doel")
    expect(page.locator(".prognose-oordeel").first).to_contain_text("risico")
    expect(page.get_by_role("heading", name="Signalen")).to_be_visible()
    expect(page.get_by_text("verschoonbaar", exact=False)).to_be_visible()
    pagina.controleer_toegankelijkheid()


def test_doorrekenen_updates_the_comparison_in_place_without_saving(pagina):
    pagina.inloggen("provincie_a")
    page = pagina.open(PROGNOSE)
    vergelijking = page.locator("#vergelijking")
    expect(vergelijking).not_to_contain_text("Uw scenario")
    page.get_by_label("Bezetting (personen per woning)").fill("2,0")
    page.keyboard.press("Tab")  # a change recomputes; no button needed
    expect(vergelijking).to_contain_text("Uw scenario (niet opgeslagen)")
    expect(vergelijking).to_contain_text("bezetting 2")
    # The URL and the form stay: only the comparison was swapped.
    assert page.url.endswith(PROGNOSE)
    expect(page.get_by_label("Bezetting (personen per woning)")).to_have_value("2,0")
    pagina.controleer_toegankelijkheid()

    # A bad value: a Dutch message in the comparison, nothing computed.
    page.get_by_label("Bezetting (personen per woning)").fill("veel")
    page.get_by_role("button", name="Doorrekenen").click()
    expect(vergelijking).to_contain_text("Niet doorgerekend")
    expect(vergelijking).not_to_contain_text("Uw scenario")
    pagina.controleer_toegankelijkheid()
    assert Scenario.objects.count() == 1


def test_the_opgaveteam_saves_a_what_if_as_a_scenario(pagina):
    pagina.inloggen("opgaveteam_a")
    page = pagina.open(PROGNOSE)
    page.get_by_label("Extra woningen per maand: Aankoop/huur (en transformatie) vastgoed").fill(
        "5"
    )
    page.get_by_role("button", name="Doorrekenen").click()
    vergelijking = page.locator("#vergelijking")
    expect(vergelijking).to_contain_text("5 extra woningen per maand")
    vergelijking.get_by_label("Naam van het scenario").fill("Meer aankoop")
    vergelijking.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Scenario ‘Meer aankoop’ is opgeslagen"
    )
    expect(page.get_by_role("heading", name="Doorrekenen: Meer aankoop")).to_be_visible()
    rij = Scenario.objects.get(slug="meer-aankoop")
    assert rij.parameters == {"extra_woningen": {"aankoop_vastgoed": 5}}
    expect(page.locator("#vergelijking thead")).to_contain_text("Meer aankoop")
    pagina.controleer_toegankelijkheid()
