"""Seed 002 (Steenwijkerland, addendum prestatieafspraken 12 juli 2024): the VH cap."""

from datetime import date
from fractions import Fraction

from kern import aanbod as regels
from kern.perioden import Maand

# L17: max 10% in the multi-year agreements 2023-2027; L31: max 25% from 12 juli 2024;
# L9: the addendum holds until 1 januari 2025.
PLAFONDS = [
    regels.Aandeel(Fraction(10, 100), date(2023, 1, 1), date(2028, 1, 1)),
    regels.Aandeel(Fraction(25, 100), date(2024, 7, 12), date(2025, 1, 1)),
]


def test_l17_l31_cap_is_10_percent_until_11_july_and_25_percent_from_12_july_2024():
    assert regels.aandeel_op(date(2024, 7, 11), PLAFONDS) == Fraction(1, 10)
    assert regels.aandeel_op(date(2024, 7, 12), PLAFONDS) == Fraction(1, 4)
    assert regels.aandeel_op(date(2024, 12, 31), PLAFONDS) == Fraction(1, 4)


def test_l9_the_addendum_ends_on_1_january_2025_and_10_percent_holds_again():
    assert regels.aandeel_op(date(2025, 1, 1), PLAFONDS) == Fraction(1, 10)


def test_july_2024_gets_the_day_weighted_cap_11_days_at_10_and_20_at_25_percent():
    juli = regels.aandeel_in_maand(Maand(2024, 7), PLAFONDS)
    assert juli == (11 * Fraction(1, 10) + 20 * Fraction(1, 4)) / 31


def test_the_cap_limits_capacity_never_the_other_way_round():
    # 40 mutaties, half to urgenten, all of those to VH would be 20; a 10% cap allows 4.
    assert regels.capaciteit_vh(40, Fraction(1, 2), Fraction(1), Fraction(1, 10)) == 4
    assert regels.capaciteit_vh(40, Fraction(1, 20), Fraction(1), Fraction(1, 4)) == 2


def test_compliance_share_to_vh_against_the_cap():
    binnen = regels.naleving(mutaties=40, aan_vh=4, plafond=Fraction(1, 10))
    boven = regels.naleving(mutaties=40, aan_vh=5, plafond=Fraction(1, 10))
    assert binnen.binnen_plafond is True and boven.binnen_plafond is False
    assert regels.naleving(0, 0, Fraction(1, 10)).binnen_plafond is None
