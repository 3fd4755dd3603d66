"""Scenario parameters: parsing with Dutch messages, canonical storage, applying shares."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from kern.aanbod import Aandeel
from prognose.rekenen import scenario
from prognose.rekenen.gegevens import Afspraak
from prognose.rekenen.scenario import Parameters


def test_empty_form_is_the_basis():
    p, fouten = scenario.lees({"bezetting": "", "aandeel_urgenten": " "})
    assert fouten == {} and p.leeg and scenario.als_dict(p) == {}


def test_dutch_notation_is_read_exactly():
    p, fouten = scenario.lees(
        {
            "bezetting": "2,15",
            "aandeel_urgenten": "40%",
            "aandeel_urgenten_na": "0,35",
            "wisseldatum": "2023-07-01",
            "aandeel_vh": "2/3",
            "extra_prioritaire_toewijzing": "2",
            "extra_amv": "0",
        }
    )
    assert fouten == {}
    assert p == Parameters(
        bezetting=Decimal("2.15"),
        aandeel_urgenten=Fraction(2, 5),
        aandeel_urgenten_na=Fraction(7, 20),
        wisseldatum=date(2023, 7, 1),
        aandeel_vh=Fraction(2, 3),
        extra_woningen=(("prioritaire_toewijzing", 2),),
    )


def test_parameters_round_trip_through_storage():
    p = Parameters(
        bezetting=Decimal("2"),
        aandeel_urgenten=Fraction(2, 5),
        aandeel_urgenten_na=Fraction(7, 20),
        wisseldatum=date(2023, 7, 1),
        aandeel_vh=Fraction(2, 3),
        extra_woningen=(("amv", 3),),
    )
    assert scenario.uit_dict(scenario.als_dict(p)) == p
    formulier, fouten = scenario.lees(scenario.als_formulier(p))
    assert fouten == {} and formulier == p


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("bezetting", "veel", "als getal"),
        ("bezetting", "0,2", "0,5 tot en met 10"),
        ("bezetting", "2,123", "twee decimalen"),
        ("aandeel_urgenten", "140%", "tussen 0% en 100%"),
        ("aandeel_vh", "twee derde", "geen aandeel"),
        ("wisseldatum", "1-7-2023", "JJJJ-MM-DD"),
        ("extra_amv", "-1", "0 tot en met 1000"),
        ("extra_amv", "2,5", "heel aantal"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_no_parameters(veld, waarde, melding):
    gegevens = {veld: waarde}
    if veld == "wisseldatum":
        gegevens |= {"aandeel_urgenten": "40%", "aandeel_urgenten_na": "35%"}
    p, fouten = scenario.lees(gegevens)
    assert melding in fouten[veld]
    assert p.leeg


def test_a_switch_needs_both_a_date_and_a_second_share():
    _, fouten = scenario.lees({"aandeel_urgenten": "40%", "aandeel_urgenten_na": "35%"})
    assert "wisseldatum" in fouten
    _, fouten = scenario.lees({"wisseldatum": "2023-07-01"})
    assert "aandeel_urgenten_na" in fouten


def test_scenario_shares_replace_the_agreements_from_the_first_month_to_forecast():
    afspraken = (
        Afspraak(
            "aandeel_urgenten", None, Aandeel(Fraction(2, 5), date(2023, 1, 1), date(2023, 7, 1))
        ),
        Afspraak("aandeel_urgenten", "ymere", Aandeel(Fraction(1, 2), date(2023, 1, 1))),
        Afspraak("aandeel_vh", None, Aandeel(Fraction(2, 3), date(2023, 1, 1))),
    )
    p = Parameters(
        aandeel_urgenten=Fraction(1, 2),
        aandeel_urgenten_na=Fraction(3, 10),
        wisseldatum=date(2023, 9, 1),
    )
    nieuw = scenario.afspraken_met(afspraken, p, date(2023, 5, 1))
    urgent = sorted(
        (a.corporatie or "", a.aandeel.geldig_vanaf, a.aandeel.geldig_tot, a.aandeel.waarde)
        for a in nieuw
        if a.soort == "aandeel_urgenten"
    )
    assert urgent == [
        ("", date(2023, 1, 1), date(2023, 5, 1), Fraction(2, 5)),  # history kept, cut off
        ("", date(2023, 5, 1), date(2023, 9, 1), Fraction(1, 2)),
        ("", date(2023, 9, 1), None, Fraction(3, 10)),
        ("ymere", date(2023, 1, 1), date(2023, 5, 1), Fraction(1, 2)),  # own one cut off too
    ]
    assert [a for a in nieuw if a.soort == "aandeel_vh"] == [afspraken[2]]


def test_slug_and_description():
    assert scenario.slug("Intensief  bemiddelen!") == "intensief-bemiddelen"
    regels = scenario.beschrijving(
        Parameters(
            bezetting=Decimal("2.0"),
            aandeel_urgenten=Fraction(2, 5),
            extra_woningen=(("amv", 3),),
        ),
        {"amv": "Huisvesten AMV'ers"},
    )
    assert regels == [
        "bezetting 2",
        "naar urgenten 40%",
        "Huisvesten AMV'ers: 3 extra woningen per maand",
    ]
