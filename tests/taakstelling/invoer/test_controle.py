"""The one validation behind the month form and the import (services.realisatie)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kern import regels
from kern.perioden import Maand
from taakstelling.services.realisatie import (
    MAXIMUM,
    Cijfers,
    controleer_cijfers,
    controleer_maand,
    lees_aantal,
)

TELT = regels.Telregel("regulier", telt_mee=True)
HAR_UIT = regels.Telregel("har_uitplaatsing", telt_mee=False)  # seed 000 r. 43: counts 0
HAR = regels.Telregel("har", telt_mee=True, gebruikt_woning=False)


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", 0),
        (3, 3),
        (4.0, 4),
        (Decimal("5"), 5),
        ("", None),
        (None, None),
        ("1.234", 1234),
    ],
)
def test_it_reads_whole_counts(waarde, verwacht):
    assert lees_aantal(waarde) == verwacht


@pytest.mark.parametrize(
    ("waarde", "melding"),
    [
        ("-3", "0 of meer"),
        ("−3", "0 of meer"),  # a real minus sign, as Dutch Excel writes it
        (-1, "0 of meer"),
        ("2,5", "zonder decimalen"),
        ("1.5", "zonder decimalen"),  # a point that is no thousand separator
        ("2.0", "zonder decimalen"),
        (".5", "zonder decimalen"),
        ("1 5", "zonder decimalen"),
        (2.5, "zonder decimalen"),
        ("drie", "geheel aantal"),
        ("12abc", "geheel aantal"),
        ("１２", "geheel aantal"),  # full-width digits are not ours
        ("1e3", "geheel aantal"),
        (True, "geen ja/nee"),
        (float("nan"), "geheel aantal"),
        (str(MAXIMUM + 1), "hoogstens 10.000"),
        ("10.001", "hoogstens 10.000"),
        ("9" * 400, "hoogstens 10.000"),
    ],
)
def test_it_refuses_anything_else_in_dutch(waarde, melding):
    with pytest.raises(ValueError, match=melding):
        lees_aantal(waarde)


def test_a_thousand_with_a_dutch_separator_is_a_thousand():
    """'1.000' was once read as 1 by the other forms and refused here: it is 1000."""
    assert lees_aantal("1.000") == 1000
    assert lees_aantal("1 000") == 1000
    assert lees_aantal("10.000") == MAXIMUM


@given(st.text(max_size=30))
def test_no_text_makes_it_fail_other_than_with_a_message(tekst):
    try:
        uitkomst = lees_aantal(tekst)
    except ValueError as e:
        assert str(e)
    else:
        assert uitkomst is None or 0 <= uitkomst <= MAXIMUM


def test_empty_tellend_follows_the_counting_rule():
    assert controleer_cijfers(TELT, "9", "", "4") == (Cijfers(9, 9, 4), {})
    # HAR-uitplaatsing uses a dwelling but counts 0 (seed 000 r. 43)
    assert controleer_cijfers(HAR_UIT, "12", "", "5") == (Cijfers(12, 0, 5), {})
    # HAR-instroom uses no dwelling: empty woningen is 0
    assert controleer_cijfers(HAR, "4", "", "") == (Cijfers(4, 4, 0), {})


def test_all_empty_is_no_figure_and_no_error():
    assert controleer_cijfers(TELT, "", " ", None) == (None, {})


@pytest.mark.parametrize(
    ("regel", "invoer", "veld", "melding"),
    [
        (TELT, ("5", "6", "2"), "personen_tellend", "niet meer personen meetellen"),
        (HAR_UIT, ("5", "5", "2"), "personen_tellend", "tellen niet mee"),
        (HAR, ("5", "5", "1"), "woningen", "gebruikt geen woning"),
        (TELT, ("5", "5", "0"), "woningen", "minstens 1"),
        (TELT, ("2", "2", "3"), "woningen", "meer woningen"),
        (TELT, ("", "2", "1"), "personen_gehuisvest", "gehuisveste personen"),
        (TELT, ("5", "5", ""), "woningen", "gebruikte woningen"),
        (None, ("5", "5", "2"), "personen_tellend", "geen telregel"),
    ],
)
def test_it_names_the_field_and_what_is_wrong(regel, invoer, veld, melding):
    cijfers, fouten = controleer_cijfers(regel, *invoer)
    assert cijfers is None
    assert melding in fouten[veld]


def test_future_months_may_not_be_entered_the_current_one_may():
    vandaag = date(2023, 6, 15)
    assert controleer_maand(Maand(2023, 6), vandaag) is None
    assert controleer_maand(Maand(2023, 5), vandaag) is None
    assert "toekomst" in controleer_maand(Maand(2023, 7), vandaag)
    assert "vóór januari 2000" in controleer_maand(Maand(1999, 12), vandaag)
