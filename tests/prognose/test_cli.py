"""`manage.py prognose` (issue 'Prognose', done-when): JSON for both milestones, every run alike."""

import json
from fractions import Fraction
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kern import opmaak
from prognose.models import Snapshot


def prognose(*args) -> str:
    out = StringIO()
    call_command("prognose", *args, stdout=out)
    return out.getvalue()


def test_json_gives_plan_trend_and_capacity_for_both_milestones_with_probabilities(demo):
    data = json.loads(prognose("GM0034", "--peildatum", "2023-05-01", "--format", "json"))
    assert data["gemeente"]["cbs_code"] == "GM0034" and data["peildatum"] == "2023-05-01"
    assert [(m["datum"], m["doel"]) for m in data["mijlpalen"]] == [
        ("2023-10-01", 293),
        ("2023-12-31", 629),
    ]
    een_okt, eind_dec = data["mijlpalen"]
    verwacht = {
        "2023-10-01": {
            "plan": (371, 78, "op koers"),
            "trend": (171, -122, "niet haalbaar"),
            "capaciteit": (377, 84, "op koers"),
        },
        "2023-12-31": {
            "plan": (628, -1, "risico"),
            "trend": (227, -402, "niet haalbaar"),
            "capaciteit": (637, 8, "op koers"),
        },
    }
    for m in data["mijlpalen"]:
        for methode, (personen, verschil, status) in verwacht[m["datum"]].items():
            v = m["prognose"][methode]
            assert (v["personen"], v["verschil"], v["status"]) == (personen, verschil, status)
            assert v["reden"].endswith(".")
        assert 0 <= m["kans"]["waarde"] <= 1
        assert m["kans"]["p10"] <= m["kans"]["p50"] <= m["kans"]["p90"]
    # Seed 000: 78 counted + the plan's 133 dwellings May-Sep x 2.2 = 78 + 292.6.
    assert Fraction(een_okt["prognose"]["plan"]["personen_exact"]) == 78 + 133 * Fraction("2.2")
    # 78 + 550 (250 dwellings x 2.2) = 628 against 629: one person short.
    assert Fraction(eind_dec["prognose"]["plan"]["verschil_exact"]) == -1
    # The demo has no plan history before May 2023 (the plan starts then): the stated
    # default spread around the plan, said so, not the gemeente's own narrow month swing.
    for m in data["mijlpalen"]:
        assert m["kans"]["grondslag"] == "standaard"
        assert m["kans"]["toelichting"].startswith("Geen planhistorie")
    # 292.6 planned against 215 still needed: the plan can fall a quarter short and still
    # make it; 550 against 551: about a coin toss.
    assert 0.9 < een_okt["kans"]["waarde"] < 1
    assert 0.4 < eind_dec["kans"]["waarde"] < 0.6


def test_every_run_gives_the_same_output(demo):
    args = ("GM0034", "--peildatum", "2023-05-01", "--format", "json")
    assert prognose(*args) == prognose(*args)


def test_a_named_scenario(demo):
    data = json.loads(
        prognose(
            "GM0034",
            "--peildatum",
            "2023-05-01",
            "--scenario",
            "intensief bemiddelen",
            "--format",
            "json",
        )
    )
    assert data["scenario"] == "intensief bemiddelen"
    assert [m["prognose"]["plan"]["personen"] for m in data["mijlpalen"]] == [393, 663]
    basis = json.loads(prognose("GM0034", "--scenario", "basis", "--format", "json"))
    assert basis["scenario"] is None


def test_the_table_is_dutch(demo):
    tekst = prognose("GM0034", "--peildatum", "2023-05-01")
    assert "Mijlpaal 1 okt 2023: doel 293, geteld 78" in tekst
    assert "✓ plan" in tekst and "✗ trend" in tekst and "! plan" in tekst
    data = json.loads(prognose("GM0034", "--peildatum", "2023-05-01", "--format", "json"))
    kans = data["mijlpalen"][0]["kans"]["waarde"]
    assert f"kans {opmaak.procent(kans)} (P10–P90" in tekst and "verschoonbaar" in tekst


def test_alle_writes_snapshots_for_every_gemeente(demo):
    Snapshot.objects.all().delete()
    tekst = prognose("--alle")
    assert tekst.startswith("7 gemeenten herberekend: 8 snapshots (8 nieuw)")
    assert Snapshot.objects.filter(actueel=True, scenario=None).count() == 7
    data = json.loads(prognose("--alle", "--format", "json"))
    assert (data["gemeenten"], data["snapshots"], data["nieuw"]) == (7, 8, 0)


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (("GM9999",), "bestaat niet"),
        (("GM0034", "--peildatum", "1-5-2023"), "JJJJ-MM-DD"),
        (("GM0034", "--scenario", "onbekend"), "kies uit: basis, intensief bemiddelen"),
        ((), "CBS-code"),
        (("GM0034", "--alle"), "gaat niet samen"),
    ],
)
def test_bad_input_gets_a_dutch_message(demo, args, melding):
    with pytest.raises(CommandError, match=melding):
        prognose(*args)
