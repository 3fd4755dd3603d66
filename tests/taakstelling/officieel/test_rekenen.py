"""The pure arithmetic of issue 15 (kern/officieel.py): art. 29 for every gemeente,
population across mergers, the national numbers that give Almere's 261 and 336, and the
exchange that leaves the province's sum unchanged."""

from datetime import date

import pytest

from kern import officieel
from kern.officieel import Opvolging, art29_verdeling, inwoners_op, landelijk_bereik, na_uitruil
from kern.regels import taakstelling_art29

# CBS, 1 January 2022 (the reference date of 2023 by art. 29: the year before)
ALMERE_2022 = 218_096
NL_2022 = 17_590_672


def test_art29_uses_the_population_of_the_year_before():
    assert officieel.peiljaar(2023) == 2022


def test_almere_261_and_336_follow_from_a_national_number_in_a_narrow_band():
    """Seed 000 (plan van aanpak Almere, juni 2023): 261 for 2023-I, 336 for 2023-II after
    the raise. With CBS 1-1-2022 each follows from exactly these national numbers."""
    assert landelijk_bereik(261, ALMERE_2022, NL_2022) == (20_971, 21_051)
    assert landelijk_bereik(336, ALMERE_2022, NL_2022) == (27_020, 27_100)
    for landelijk in (20_971, 21_051):
        assert taakstelling_art29(landelijk, ALMERE_2022, NL_2022) == 261
    assert taakstelling_art29(20_970, ALMERE_2022, NL_2022) == 260
    assert taakstelling_art29(21_052, ALMERE_2022, NL_2022) == 262
    for landelijk in (27_020, 27_100):
        assert taakstelling_art29(landelijk, ALMERE_2022, NL_2022) == 336


def test_the_2019_numbers_give_almere_75_after_the_lowering_instead_of_100():
    # Illustration only: 2019 uses CBS 1-1-2018, which this repository does not ship.
    assert taakstelling_art29(8000, ALMERE_2022, NL_2022) == 100
    assert taakstelling_art29(6000, ALMERE_2022, NL_2022) == 75


def test_every_gemeente_is_rounded_up_and_a_missing_population_gives_no_proposal():
    uitkomst = art29_verdeling(1000, {"GM0001": 10, "GM0002": 15, "GM0003": None}, 100)
    assert [(v.code, v.taakstelling) for v in uitkomst] == [
        ("GM0001", 100),
        ("GM0002", 150),
        ("GM0003", None),
    ]
    # 3 x ceil(1000/3) = 1002: the sum of the parts is at or just above the national number
    drie = art29_verdeling(1000, {"A": 1, "B": 1, "C": 1}, 3)
    assert sum(v.taakstelling for v in drie) == 1002


def test_a_merged_gemeente_has_the_sum_of_its_predecessors_before_the_merger():
    fusie = [
        Opvolging("GM0001", "GM0100", date(2023, 1, 1)),
        Opvolging("GM0002", "GM0100", date(2023, 1, 1)),
    ]
    cijfers = {("GM0001", 2022): 1000, ("GM0002", 2022): 500, ("GM0100", 2023): 1520}
    assert inwoners_op("GM0100", 2022, cijfers, fusie) == 1500
    assert inwoners_op("GM0100", 2023, cijfers, fusie) == 1520
    # a predecessor without a figure: unknown, never a partial sum
    assert inwoners_op("GM0100", 2022, {("GM0001", 2022): 1000}, fusie) is None
    # a rename (new code) chained after a merger
    keten = [*fusie, Opvolging("GM0100", "GM0200", date(2024, 1, 1))]
    assert inwoners_op("GM0200", 2022, cijfers, keten) == 1500
    assert inwoners_op("GM0300", 2022, cijfers, keten) is None


def test_an_exchange_keeps_the_sum_and_refuses_what_cannot_be():
    voor = {"urk": 26, "zeewolde": 28, "almere": 261}
    na = na_uitruil(voor, "urk", "zeewolde", 5)
    assert na == {"urk": 31, "zeewolde": 23, "almere": 261}
    assert sum(na.values()) == sum(voor.values())
    for a, b, n in (("urk", "urk", 1), ("urk", "zeewolde", 0), ("urk", "zeewolde", 29)):
        with pytest.raises(ValueError):
            na_uitruil(voor, a, b, n)
