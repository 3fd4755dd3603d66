"""Issue 15 in a real browser: the art. 29 proposal, the exchange ledger and the
reconciliation page render under the strict CSP and pass axe-core (WCAG 2.1 AA)."""

from playwright.sync_api import expect


def test_the_province_pages_of_the_official_figures_are_accessible(pagina):
    pagina.inloggen("provincie_a")
    page = pagina.open("/provincies/flevoland/art29/?halfjaar=2024-H1")
    expect(
        page.get_by_role("heading", name="Taakstelling volgens artikel 29: Flevoland")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Voorstel vaststellen")).to_be_visible()
    pagina.controleer_toegankelijkheid()
    page = pagina.open("/provincies/flevoland/uitruil/")
    expect(page.get_by_role("heading", name="Uitruil van taakstelling: Flevoland")).to_be_visible()
    pagina.controleer_toegankelijkheid()


def test_the_reconciliation_page_is_accessible(pagina):
    pagina.inloggen("opgaveteam_a")
    page = pagina.open("/gemeenten/GM0034/afstemming/?halfjaar=2023-H1")
    expect(
        page.get_by_role("heading", name="Afstemming van de cijfers: Almere, eerste helft 2023")
    ).to_be_visible()
    pagina.controleer_toegankelijkheid()
