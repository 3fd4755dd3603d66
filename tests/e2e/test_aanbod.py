"""The corporatie enters its monthly supply and sees the compliance with the cap change."""

from playwright.sync_api import expect

from bemiddeling.models import Aanbod


def test_corporatie_enters_its_supply_and_sees_compliance_update(pagina, demo):
    page = pagina.inloggen("corporatie_b")  # Woonconcept, Steenwijkerland (seed 002 caps)
    # The start page leads to the month after the last one entered: October 2024.
    expect(page).to_have_url(pagina.basis + "/corporaties/woonconcept/aanbod/2024-10/")
    expect(page.get_by_text("oktober 2024 ontbreekt voor Steenwijkerland")).to_be_visible()
    pagina.controleer_toegankelijkheid()

    blok = page.locator("#aanbod-GM1708")
    blok.get_by_label("Mutaties (vrijgekomen sociale huurwoningen)").fill("24")
    blok.get_by_label("Door een label").fill("4")
    blok.get_by_label("Door de huurprijs").fill("3")
    blok.get_by_label("Door de grootte").fill("2")
    blok.get_by_label("Toegewezen aan urgenten").fill("9")
    blok.get_by_label("Waarvan aan vergunninghouders").fill("7")
    blok.get_by_label("Reden van de wijziging", exact=True).fill("Maandcijfers oktober")
    blok.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#aanbod-status")).to_have_text(
        "Aanbod Steenwijkerland oktober 2024 opgeslagen."
    )
    naleving = page.locator("#naleving-GM1708")
    expect(naleving).to_contain_text("7 van 24 mutaties = 29,2%")
    expect(naleving).to_contain_text("boven het plafond")
    pagina.controleer_toegankelijkheid()

    # A correction below the 25% cap of the addendum (seed 002 r. 31).
    blok = page.locator("#aanbod-GM1708")
    blok.get_by_label("Waarvan aan vergunninghouders").fill("5")
    blok.get_by_role("button", name="Opslaan").click()
    # October 2024 lies more than a month back: the correction needs its reason.
    expect(page.locator("#id_GM1708-reden_fout")).to_contain_text("Geef een reden")
    pagina.controleer_toegankelijkheid()
    blok.get_by_label("Reden van de wijziging", exact=True).fill("Twee toewijzingen waren geen VH")
    blok.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#naleving-GM1708")).to_contain_text("5 van 24 mutaties = 20,8%")
    expect(page.locator("#naleving-GM1708")).to_contain_text("binnen het plafond")
    rij = Aanbod.objects.get(corporatie__slug="woonconcept", maand="2024-10-01")
    assert (rij.mutaties, rij.toegewezen_vh, rij.versie) == (24, 5, 2)

    # Impossible figures: messages at the fields, the error summary above the form takes
    # focus (issue 11), its link leads to the field, nothing written.
    blok = page.locator("#aanbod-GM1708")
    blok.get_by_label("Toegewezen aan urgenten").fill("30")
    blok.get_by_role("button", name="Opslaan").click()
    fout = page.locator("#id_GM1708-toegewezen_urgenten_fout")
    expect(fout).to_contain_text("niet meer woningen aan urgenten")
    overzicht = page.locator("#foutoverzicht-GM1708")
    expect(overzicht).to_be_focused()
    overzicht.get_by_role("link", name="Toegewezen aan urgenten").click()
    expect(page.get_by_label("Toegewezen aan urgenten")).to_be_focused()
    assert Aanbod.objects.get(pk=rij.pk).toegewezen_urgenten == 9
    pagina.controleer_toegankelijkheid()
