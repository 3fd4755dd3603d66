"""Log-in and the gemeente page in a real browser: accessible, keyboard-usable, no errors."""


def test_opgaveteam_logs_in_and_sees_the_seed_position(pagina):
    page = pagina.inloggen("opgaveteam_a")
    assert page.url.endswith("/gemeenten/GM0034/")
    assert page.get_by_role("heading", name="Stand op 1 mei 2023").is_visible()
    # The dashboard shows each milestone as a card (issue 'Rapportage').
    kaart = page.locator("section.rapportage-kaart").filter(has_text="Mijlpaal 1 okt 2023")
    assert "215" in kaart.inner_text() and "98 woningen" in kaart.inner_text()
    pagina.controleer_toegankelijkheid()


def test_login_page_is_accessible_and_keyboard_only(pagina):
    page = pagina.open("/inloggen/")
    pagina.controleer_toegankelijkheid()
    # The username field has focus on arrival; the rest is Tab and Enter.
    assert page.evaluate("document.activeElement.name") == "username"
    page.keyboard.type("opgaveteam-almere")
    page.keyboard.press("Tab")
    page.keyboard.type("test-wachtwoord-2023")
    page.keyboard.press("Enter")
    page.wait_for_url("**/gemeenten/GM0034/")
    # On every other page the skip link is the first stop and moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_a_wrong_password_is_announced(pagina):
    page = pagina.open("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("opgaveteam-almere")
    page.get_by_label("Wachtwoord").fill("verkeerd")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_role("alert").inner_text().startswith("De combinatie")
    pagina.controleer_toegankelijkheid()
