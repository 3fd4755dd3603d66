"""The provincie records a new IBT step and a milestone of its own."""

from datetime import date, timedelta

from playwright.sync_api import expect

from taakstelling.models import IbtStatus, Mijlpaal


def test_provincie_sets_a_trede_and_a_milestone(pagina, demo):
    pagina.inloggen("provincie_a")
    page = pagina.open("/gemeenten/GM0034/ibt/")
    expect(page.locator(".ibt-huidig")).to_contain_text("trede 3, Actief toezicht")
    pagina.controleer_toegankelijkheid()

    # Without a reason: a Dutch message at the field, nothing recorded.
    page.get_by_label("Trede van de interventieladder").select_option(
        label="Trede 4: Aanwijzing (vooraankondiging) (rood)"
    )
    sinds = date.today() - timedelta(days=3)
    page.get_by_label("Sinds").fill(sinds.isoformat())
    page.get_by_role("button", name="Status vastleggen").click()
    expect(page.locator("#id_reden_fout")).to_have_text("Geef de reden van deze status.")
    assert IbtStatus.objects.filter(gemeente__cbs_code="GM0034").count() == 1
    pagina.controleer_toegankelijkheid()

    page.get_by_label("Reden", exact=True).fill("Deadline 1 oktober niet gehaald")
    page.get_by_role("button", name="Status vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("IBT-status vastgelegd: trede 4")
    expect(page.locator(".ibt-huidig")).to_contain_text("trede 4, Aanwijzing (vooraankondiging)")
    geschiedenis = page.get_by_role("table", name="Geschiedenis van de IBT-status (nieuwste eerst)")
    expect(geschiedenis.get_by_role("row")).to_have_count(3)  # header, new, seed 000 L11
    pagina.controleer_toegankelijkheid()

    page = pagina.open("/gemeenten/GM0034/mijlpalen/")
    page.get_by_role("textbox", name="Datum van de mijlpaal").fill("2023-11-15")
    page.get_by_role("textbox", name="Doel (personen, cumulatief)").fill("450")
    page.get_by_role("textbox", name="Geteld vanaf").fill("2023-01-01")
    page.get_by_role("textbox", name="Omschrijving (optioneel)").fill("Tussenstap uit de brief")
    page.get_by_role("button", name="Mijlpaal vastleggen").click()
    # November 2023 lies more than a month back: a reason is needed, nothing is recorded yet.
    expect(page.locator("#id_reden_fout")).to_contain_text("Geef een reden: november 2023")
    assert not Mijlpaal.objects.filter(gemeente__cbs_code="GM0034", datum="2023-11-15").exists()
    pagina.controleer_toegankelijkheid()
    page.get_by_role("textbox", name="Reden van de wijziging").fill("Brief van de provincie")
    page.get_by_role("button", name="Mijlpaal vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Mijlpaal vastgelegd: 450 personen per 15 nov 2023"
    )
    expect(
        page.get_by_role("table", name="Geldende mijlpalen").get_by_role("row", name="15 nov 2023")
    ).to_contain_text("provincie")
    assert (
        Mijlpaal.objects.get(gemeente__cbs_code="GM0034", datum="2023-11-15").gezet_door
        == "provincie"
    )
    pagina.controleer_toegankelijkheid()
