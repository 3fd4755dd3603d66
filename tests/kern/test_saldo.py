"""R3: saldo, carry-over and paying off the oldest quota first; property tests included."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kern import regels
from kern.perioden import Halfjaar

H1_2023 = Halfjaar(2023, 1)


def test_seed_000_backlog_of_32_is_paid_first_then_h1_carries_215_into_h2():
    # L36: the 2022 backlog (32) was met by the 78 counted Jan-Apr ("inmiddels aan voldaan").
    h1, h2 = regels.saldi(
        [(H1_2023, 261, 78, False), (H1_2023.plus(1), 336, 0, False)], beginsaldo=-32
    )
    assert h1.opgave == 293 and h1.saldo == -215 and h1.achterstand == 215
    assert h1.afboekingen == (
        regels.Afboeking("begin", "2023-H1", 32),
        regels.Afboeking("2023-H1", "2023-H1", 46),
    )
    assert h2.ingebracht == -215 and h2.opgave == 551  # L49: 551 still to house


def test_a_surplus_carries_as_voorsprong_and_lowers_the_next_opgave():
    a, b = regels.saldi([(H1_2023, 100, 130, True), (H1_2023.plus(1), 100, 50, True)])
    assert a.voorsprong == 30 and b.opgave == 70 and b.saldo == -20
    assert regels.Afboeking("2023-H2", "voorsprong", 30) in b.afboekingen


def test_an_unknown_quota_is_never_zero_and_makes_later_saldi_unknown():
    a, b, c = regels.saldi(
        [
            (H1_2023, 100, 50, True),
            (H1_2023.plus(1), None, 40, True),
            (H1_2023.plus(2), 100, 10, False),
        ]
    )
    assert a.saldo == -50
    assert b.opgave is None and b.saldo is None
    assert c.saldo is None


def test_periods_must_be_consecutive():
    with pytest.raises(ValueError, match="aansluiten"):
        regels.saldi([(H1_2023, 10, 0, True), (H1_2023.plus(2), 10, 0, True)])


perioden_strategie = st.lists(
    st.tuples(st.integers(0, 1000), st.integers(0, 1000)), min_size=1, max_size=12
)


@given(perioden_strategie, st.integers(-500, 500))
def test_property_nothing_realised_is_lost_or_counted_twice(reeks, begin):
    perioden = [(H1_2023.plus(i), t, r, True) for i, (t, r) in enumerate(reeks)]
    uitkomst = regels.saldi(perioden, beginsaldo=begin)
    totaal_realisatie = sum(r for _, r in reeks)
    totaal_taak = sum(t for t, _ in reeks)
    # The last saldo is everything realised minus everything owed, opening saldo included.
    assert uitkomst[-1].saldo == totaal_realisatie - totaal_taak + begin
    # Every person realised (and any opening surplus) is booked once: against a quota or as
    # the surplus left at the end.
    afgeboekt = sum(a.personen for p in uitkomst for a in p.afboekingen)
    assert afgeboekt + uitkomst[-1].voorsprong == totaal_realisatie + max(begin, 0)
    # No quota is paid beyond what it was.
    betaald: dict[str, int] = {}
    for p in uitkomst:
        for a in p.afboekingen:
            betaald[a.schuld] = betaald.get(a.schuld, 0) + a.personen
    for i, (t, _) in enumerate(reeks):
        assert betaald.get(str(H1_2023.plus(i)), 0) <= t
    assert betaald.get("begin", 0) <= max(-begin, 0)


@given(perioden_strategie, st.integers(-500, 500))
def test_property_oldest_quota_is_paid_off_first(reeks, begin):
    perioden = [(H1_2023.plus(i), t, r, True) for i, (t, r) in enumerate(reeks)]
    uitkomst = regels.saldi(perioden, beginsaldo=begin)
    volgorde = ["begin"] + [str(H1_2023.plus(i)) for i in range(len(reeks))]
    gezien = [a.schuld for p in uitkomst for a in p.afboekingen]
    assert gezien == sorted(gezien, key=volgorde.index)


@given(perioden_strategie, st.integers(-500, 500), st.integers(0, 11), st.integers(1, 50))
def test_property_more_realisation_never_raises_a_later_achterstand(reeks, begin, i, extra):
    i = i % len(reeks)
    meer = [(t, r + extra if j == i else r) for j, (t, r) in enumerate(reeks)]
    basis = regels.saldi([(H1_2023.plus(j), t, r, True) for j, (t, r) in enumerate(reeks)], begin)
    hoger = regels.saldi([(H1_2023.plus(j), t, r, True) for j, (t, r) in enumerate(meer)], begin)
    for a, b in zip(basis[i:], hoger[i:], strict=True):
        assert b.saldo >= a.saldo
