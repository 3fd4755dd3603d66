"""The taskforce reads the plan and the taakstelling pages and cannot change anything, not even
with a forged request."""

import json

from playwright.sync_api import expect

from bemiddeling.models import Planning


def test_taskforce_reads_plan_and_taakstelling_without_inputs_and_a_forged_post_is_403(pagina):
    pagina.inloggen("taskforce_a")
    page = pagina.open("/gemeenten/GM0034/plan/")
    expect(page.get_by_role("columnheader", name="Resultaat per 1 okt 2023")).to_be_visible()
    expect(page.locator("input.plan-invoer")).to_have_count(0)
    expect(page.get_by_role("button", name="Alle wijzigingen opslaan")).to_have_count(0)
    pagina.controleer_toegankelijkheid()

    page = pagina.open("/gemeenten/GM0034/taakstelling/")
    expect(page.get_by_role("heading", name="Saldo per periode")).to_be_visible()
    expect(page.get_by_text("Taakstelling voor een halfjaar toevoegen")).to_have_count(0)
    expect(page.locator("form[method='post'] button", has_text="Bijstelling")).to_have_count(0)
    pagina.controleer_toegankelijkheid()

    token = json.loads(page.locator("body").get_attribute("hx-headers"))["X-CSRFToken"]
    antwoord = page.request.post(
        pagina.basis + "/gemeenten/GM0034/plan/2023-05-01/acties/amv/2023-06/",
        form={"c-amv-2023-06": "9", "v-amv-2023-06": "1", "reden": "vervalst"},
        headers={"X-CSRFToken": token},
    )
    assert antwoord.status == 403
    antwoord = page.request.post(
        pagina.basis + "/gemeenten/GM0034/taakstelling/nieuw/",
        form={"jaar": "2024", "helft": "1", "aantal": "1"},
        headers={"X-CSRFToken": token},
    )
    assert antwoord.status == 403
    cel = Planning.objects.get(
        actie__type_id="amv", actie__gemeente__cbs_code="GM0034", maand="2023-06-01"
    )
    assert cel.woningen == 0
