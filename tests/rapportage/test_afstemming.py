"""/gemeenten/<cbs>/afstemming/, `manage.py afstemming` and the API (issue 15 item 6)."""

import json

from django.core.management import call_command

A = "/gemeenten/GM0034/afstemming/"


def test_the_page_shows_the_three_counts_with_causes(demo):
    html = demo.client("opgaveteam_a").get(A + "?halfjaar=2023-H1").content.decode()
    assert "Afstemming van de cijfers: Almere, eerste helft 2023" in html
    assert "Gemeente en COA (personen)" in html and "Gemeente en corporaties (woningen)" in html
    assert "Waarschijnlijke oorzaak" in html and "niet ingevuld" in html
    assert demo.client("opgaveteam_a").get(A + "?halfjaar=2023-H7").status_code == 400
    eigen = demo.client("corporatie_a").get(A + "?halfjaar=2023-H1").content.decode()
    assert "alleen het aanbod van uw eigen" in eigen


def test_the_command_and_the_api_give_the_same_json(demo, capsys):
    call_command("afstemming", "GM0034", "--halfjaar", "2023-H1", "--format", "json")
    uit = json.loads(capsys.readouterr().out)
    assert uit["gemeente"] == "GM0034" and uit["halfjaar"] == "2023-H1"
    januari = uit["regels"][0]
    assert januari["periode"] == "2023-01"
    coa = next(v for v in januari["verschillen"] if v["tussen"] == "gemeente en COA")
    assert coa["ander"] == 22  # the illustrative COA overview
    api = demo.client("provincie_a").get("/api/v1/gemeenten/GM0034/afstemming?halfjaar=2023-H1")
    assert api.status_code == 200 and api.json() == uit
    assert demo.client("opgaveteam_b").get("/api/v1/gemeenten/GM0034/afstemming").status_code == 404


def test_a_peildatum_shows_the_figures_as_they_stood_then(demo, capsys):
    """On 15 April 2023 COA's overview of 30 April did not exist yet: no COA figures; the
    half-year is that of March, the last month ended."""
    import pytest
    from django.core.management import CommandError

    call_command("afstemming", "GM0034", "--peildatum", "2023-04-15", "--format", "json")
    uit = json.loads(capsys.readouterr().out)
    assert uit["halfjaar"] == "2023-H1"
    januari = next(v for v in uit["regels"][0]["verschillen"] if v["tussen"] == "gemeente en COA")
    assert januari["ander"] is None and "noemt deze maand niet" in januari["oorzaak"]
    api = demo.client("provincie_a").get("/api/v1/gemeenten/GM0034/afstemming?peildatum=2023-04-15")
    assert api.status_code == 200 and api.json() == uit
    call_command("afstemming", "GM0034", "--peildatum", "2023-05-01", "--format", "json")
    assert json.loads(capsys.readouterr().out)["regels"][0]["verschillen"][1]["ander"] == 22
    with pytest.raises(CommandError, match="geen datum"):
        call_command("afstemming", "GM0034", "--peildatum", "15-04-2023")
    fout = demo.client("provincie_a").get("/api/v1/gemeenten/GM0034/afstemming?peildatum=morgen")
    assert fout.status_code == 422 and "peildatum" in str(fout.json())
