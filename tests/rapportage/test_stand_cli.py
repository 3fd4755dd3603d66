"""`manage.py stand` reproduces seed 000 (issue 'Grondslag', done-when)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def stand(*args) -> str:
    out = StringIO()
    call_command("stand", *args, stdout=out)
    return out.getvalue()


def test_stand_json_gives_the_seed_figures_on_1_may_2023(demo):
    data = json.loads(stand("GM0034", "--peildatum", "2023-05-01", "--format", "json"))
    assert data["gemeente"]["cbs_code"] == "GM0034"
    assert data["peildatum"] == "2023-05-01"
    g = data["gerealiseerd"]
    assert (g["personen_gehuisvest"], g["personen_tellend"], g["woningen"]) == (98, 78, 48)
    mijlpalen = [
        (
            m["datum"],
            m["doel"],
            m["gerealiseerd"],
            m["resterend"],
            m["bezetting"],
            m["benodigde_woningen"],
        )
        for m in data["mijlpalen"]
    ]
    assert mijlpalen == [
        ("2023-10-01", 293, 78, 215, "2.20", 98),
        ("2023-12-31", 629, 78, 551, "2.20", 251),
    ]
    assert data["mijlpalen"][1]["resterend_in_periode"] == 336
    assert data["mijlpalen"][1]["benodigde_woningen_in_periode"] == 153


def test_stand_only_counts_months_that_ended_before_the_peildatum(demo):
    data = json.loads(stand("GM0034", "--peildatum", "2023-04-01", "--format", "json"))
    g = data["gerealiseerd"]
    assert (g["personen_gehuisvest"], g["personen_tellend"]) == (98 - 25, 78 - 17)


def test_stand_table_is_dutch(demo):
    tekst = stand("GM0034", "--peildatum", "2023-05-01")
    assert "1 okt 2023" in tekst and "31 dec 2023" in tekst
    assert "Bezetting 2,2" in tekst


def test_stand_reports_missing_months_instead_of_zero(demo):
    # Noordoostpolder (illustratief) did not enter April 2023.
    data = json.loads(stand("GM0171", "--peildatum", "2023-05-01", "--format", "json"))
    assert data["ontbrekende_maanden"] == ["2023-04"]


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (("GM9999",), "bestaat niet"),
        (("GM0034", "--peildatum", "1-5-2023"), "JJJJ-MM-DD"),
    ],
)
def test_stand_refuses_bad_input_in_dutch(demo, args, melding):
    with pytest.raises(CommandError, match=melding):
        stand(*args)
