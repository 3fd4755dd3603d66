"""Two-factor set-up and log-in, and the lockout page, in a real browser: accessible, Dutch,
no CSP violation (the fixture fails on any console error)."""

import re
from base64 import b32decode

from django.conf import settings
from django.test import override_settings
from django_otp.oath import totp

from tests.conftest import PERSONAS, WACHTWOORD


def _code_uit(sleutel_tekst: str) -> str:
    sleutel = b32decode(sleutel_tekst.replace(" ", ""))
    return f"{totp(sleutel):06d}"


def test_setting_up_two_factor_and_logging_in_with_a_backup_code(pagina):
    with override_settings(TWEESTAPS_VERPLICHT=True):
        page = pagina.inloggen("opgaveteam_a")
        assert "/tweestaps/instellen/" in page.url
        assert page.get_by_role("heading", name="Tweestapsverificatie instellen").is_visible()
        qr = page.get_by_role("img", name=re.compile("QR-code"))
        assert qr.is_visible() and qr.get_attribute("src").startswith("data:image/svg+xml")
        pagina.controleer_toegankelijkheid()

        # A wrong code: the message sits next to the field and the field is marked invalid.
        page.get_by_label("Code uit de app").fill("123")
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_load_state()
        assert "klopt niet" in page.locator(".utrecht-form-field-error-message").inner_text()
        pagina.controleer_toegankelijkheid()

        sleutel = page.locator("figcaption code").inner_text()
        page.get_by_label("Code uit de app").fill(_code_uit(sleutel))
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_url("**/tweestaps/reservecodes/**")
        codes = page.get_by_role("list", name="Uw nieuwe reservecodes").locator("code")
        assert codes.count() == 10
        reservecode = codes.first.inner_text()
        pagina.controleer_toegankelijkheid()
        page.get_by_role("link", name="Verder").click()
        page.wait_for_url("**/gemeenten/GM0034/")

        page.get_by_role("button", name="Uitloggen").click()
        page.wait_for_url("**/inloggen/")
        page = pagina.inloggen("opgaveteam_a")
        assert "/tweestaps/controleren/" in page.url
        assert page.get_by_role("heading", name="Inloggen: tweede stap").is_visible()
        pagina.controleer_toegankelijkheid()
        page.get_by_label("Code").fill(reservecode)
        page.get_by_role("button", name="Controleren").click()
        page.wait_for_url("**/gemeenten/GM0034/")
        assert "reservecode gebruikt" in page.get_by_role("status").inner_text()


def test_the_lockout_page_is_dutch_and_accessible(pagina):
    page = pagina.open("/inloggen/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Gebruikersnaam").fill(PERSONAS["opgaveteam_a"])
        page.get_by_label("Wachtwoord").fill("verkeerd-wachtwoord")
        with page.expect_navigation() as navigatie:
            page.get_by_role("button", name="Inloggen").click()
    assert navigatie.value.status == 429
    assert page.get_by_role("heading", name="Inloggen tijdelijk geblokkeerd").is_visible()
    assert "30 minuten" in page.get_by_role("alert").inner_text()
    pagina.controleer_toegankelijkheid()
    # Even the right password is refused now.
    page.get_by_role("link", name="Terug naar inloggen").click()
    page.get_by_label("Gebruikersnaam").fill(PERSONAS["opgaveteam_a"])
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    with page.expect_navigation() as navigatie:
        page.get_by_role("button", name="Inloggen").click()
    assert navigatie.value.status == 429
    page.wait_for_load_state()
    # Chromium reports each 429 document as a console error; exactly those are expected here.
    verwacht = "the server responded with a status of 429 (Too Many Requests)"
    assert sum(verwacht in f for f in pagina.fouten) == 2
    pagina.fouten[:] = [f for f in pagina.fouten if verwacht not in f]
