"""The opgaveteam adds a household and moves it to verhuisd in a real browser; axe-clean at
390 and 1366 px (issue 14 §11)."""

import pytest
from playwright.sync_api import expect

from bemiddeling.huishoudens.services import sleutel_van
from bemiddeling.models import Huishouden


def _stapformulier(page, titel: str):
    return page.locator("form", has=page.get_by_role("heading", name=titel, exact=True))


@pytest.mark.parametrize("breedte", [390, 1366])
def test_opgaveteam_moves_a_household_to_verhuisd(pagina, demo, breedte):
    page = pagina.page
    page.set_viewport_size({"width": breedte, "height": 900})
    pagina.inloggen("opgaveteam_a")
    pagina.open("/gemeenten/GM0034/huishoudens/")
    expect(page.get_by_role("heading", name="Huishoudens Almere")).to_be_visible()
    pagina.controleer_toegankelijkheid()

    page.get_by_role("link", name="Huishouden toevoegen").click()
    pagina.controleer_toegankelijkheid()
    page.get_by_label("Referentie van COA").fill(f"E2E-{breedte}")
    page.get_by_label("Koppeldatum").fill("2024-01-15")
    page.get_by_label("Volwassenen").fill("2")
    page.get_by_label("Kinderen").fill("1")
    page.get_by_label("Medische indicatie").check()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Gekoppeld sinds")).to_be_visible()
    pagina.controleer_toegankelijkheid()

    aanbod = _stapformulier(page, "Woning aanbieden")
    aanbod.get_by_label("Corporatie").select_option(label="Ymere")
    aanbod.get_by_label("Grootte van de woning").select_option(label="3 of 4 personen")
    aanbod.get_by_role("button", name="Woning aanbieden").click()
    expect(page.get_by_text("Woning aangeboden sinds")).to_be_visible()
    _stapformulier(page, "Huurcontract getekend").get_by_role(
        "button", name="Huurcontract getekend"
    ).click()
    expect(page.get_by_text("Huurcontract getekend sinds")).to_be_visible()
    pagina.controleer_toegankelijkheid()
    _stapformulier(page, "Verhuisd (sleutel overgedragen)").get_by_role(
        "button", name="Verhuisd (sleutel overgedragen)"
    ).click()
    expect(page.get_by_text("Verhuisd sinds")).to_be_visible()
    pagina.controleer_toegankelijkheid()

    h = Huishouden.objects.get(sleutel=sleutel_van(f"E2E-{breedte}"))
    assert (h.status, h.corporatie.slug, h.grootte) == ("verhuisd", "ymere", 3)
    assert h.gebeurtenissen.count() == 4
