"""Consistency flags (R11): pure rules, one Dutch sentence each."""

from datetime import date
from fractions import Fraction

from kern.perioden import Halfjaar, Maand
from prognose.rekenen import signalen
from prognose.rekenen.engine import bereken_invoer
from prognose.rekenen.gegevens import AmvCohort
from tests.prognose.seed import PEILDATUM, almere

H1 = Halfjaar(2023, 1)


def test_seed_000_koppelingen_before_1_april_make_a_shortfall_excusable():
    # Demo koppelingen Jan-Mar (illustratief): 60 + 55 + 70 = 185 against the H1 opgave 293.
    uit = signalen.koppelingen(
        date(2023, 5, 1),
        Maand(2023, 4),
        [(H1, 293)],
        {Maand(2023, 1): 60, Maand(2023, 2): 55, Maand(2023, 3): 70, Maand(2023, 4): 65},
    )
    (s,) = uit
    assert s.soort == "koppelingen" and s.aantal == 108
    assert "vóór 1 apr 2023 185 personen" in s.tekst and "verschoonbaar" in s.tekst
    assert signalen.verschoonbaar(293, 185) == 108
    assert signalen.verschoonbaar(293, 300) == 0


def test_koppelingen_at_pace_give_no_flag():
    gekoppeld = {Maand(2023, m): 100 for m in (1, 2, 3)}
    assert signalen.koppelingen(date(2023, 5, 1), Maand(2023, 4), [(H1, 293)], gekoppeld) == []


def test_before_the_koppelpeildatum_the_pace_is_provisional():
    (s,) = signalen.koppelingen(
        date(2023, 3, 1), Maand(2023, 2), [(H1, 300)], {Maand(2023, 1): 50, Maand(2023, 2): 40}
    )
    # Two of three months passed: pace 200, linked 90.
    assert "onder het tempo (200)" in s.tekst and "voorlopig" in s.tekst
    assert s.aantal is None


def test_h2_uses_1_october():
    h2 = Halfjaar(2023, 2)
    gekoppeld = {Maand(2023, 7): 100, Maand(2023, 8): 90, Maand(2023, 9): 0}
    (s,) = signalen.koppelingen(date(2023, 11, 1), Maand(2023, 10), [(h2, 551)], gekoppeld)
    assert signalen.koppelpeildatum(h2) == date(2023, 10, 1)
    assert "vóór 1 okt 2023 190 personen" in s.tekst
    assert s.aantal == 551 - 190


def test_missing_koppelingen_are_unknown_not_zero():
    # September not entered: reading it as 0 would make up to 551 - 190 = 361 persons
    # "verschoonbaar" on a figure nobody gave. No amount; a warning that asks for it.
    h2 = Halfjaar(2023, 2)
    gekoppeld = {Maand(2023, 7): 100, Maand(2023, 8): 90}
    (s,) = signalen.koppelingen(date(2023, 11, 1), Maand(2023, 10), [(h2, 551)], gekoppeld)
    assert s.ernst == "waarschuwing" and s.aantal is None and s.maand == Maand(2023, 9)
    assert "Koppelingen ontbreken voor september 2023" in s.tekst
    assert "verschoonbaar" in s.tekst and "361" not in s.tekst
    # Also before the koppelpeildatum: no pace is judged on a missing month.
    (voorlopig,) = signalen.koppelingen(
        date(2023, 3, 1), Maand(2023, 2), [(H1, 300)], {Maand(2023, 2): 40}
    )
    assert voorlopig.ernst == "waarschuwing" and "januari 2023" in voorlopig.tekst
    assert "tempo" not in voorlopig.tekst


def test_har_is_first_in_first_out_and_flags_stays_past_six_months():
    har = [
        (Maand(2023, 1), 10, 0),
        (Maand(2023, 3), 5, 0),
        (Maand(2023, 4), 0, 12),  # leaves from January first (10), then 2 of March
        (Maand(2023, 6), 4, 0),
    ]
    cohorten, onbekend = signalen.har_cohorten(har)
    assert cohorten == [(Maand(2023, 3), 3), (Maand(2023, 6), 4)] and onbekend == 0
    # Entered in March (the day is not recorded): all of them are past six months only after
    # 30 September. On 15 September that is a warning with the date; June is further off.
    uit = signalen.har_verblijf(date(2023, 9, 15), har)
    assert [(s.ernst, s.maand, s.aantal) for s in uit] == [
        ("waarschuwing", Maand(2023, 3), Fraction(3))
    ]
    assert "uiterlijk 30 sep 2023 zes maanden" in uit[0].tekst
    assert signalen.har_verblijf(date(2023, 9, 30), har)[0].ernst == "waarschuwing"
    later = signalen.har_verblijf(date(2023, 10, 1), har)
    assert [(s.ernst, s.maand) for s in later] == [
        ("probleem", Maand(2023, 3)),
        ("waarschuwing", Maand(2023, 6)),  # June: surely past six months after 31 December
    ]
    assert "langer dan zes maanden" in later[0].tekst
    # Two months before 31 December means from 1 October: not before.
    assert [s.maand for s in signalen.har_verblijf(date(2023, 9, 30), har)] == [Maand(2023, 3)]


def test_har_uitplaatsingen_without_a_recorded_entry_are_not_a_stay():
    # Seed 000 L43: 20 uitplaatsingen Jan-Apr of people who entered the HAR in 2022.
    cohorten, onbekend = signalen.har_cohorten([(Maand(2023, 2), 0, 12), (Maand(2023, 4), 0, 8)])
    assert cohorten == [] and onbekend == 20


def test_amv_reaching_21_within_a_year_is_flagged():
    cohorten = [
        AmvCohort(Maand(2002, 8), Maand(2020, 5), 3),  # 21 in August 2023
        AmvCohort(Maand(2002, 8), Maand(2021, 1), 1),
        AmvCohort(Maand(2010, 1), Maand(2022, 1), 2),  # far off
        AmvCohort(Maand(2001, 12), Maand(2019, 1), 1),  # turned 21 in December 2022
    ]
    uit = signalen.amv_21(date(2023, 5, 1), cohorten)
    assert [(s.maand, s.aantal) for s in uit] == [
        (Maand(2022, 12), 1),
        (Maand(2023, 8), 4),
    ]
    assert uit[1].tekst.startswith("4 AMV'ers worden 21 in augustus 2023")
    assert uit[0].tekst.startswith("1 AMV'er werd 21 in december 2022")


def test_plan_above_capacity_names_the_month_and_both_figures():
    (s,) = signalen.plan_boven_capaciteit(
        [
            (Maand(2023, 6), 22, Fraction(24), Fraction(90)),
            (Maand(2023, 7), 22, Fraction(21), Fraction(90)),
            (Maand(2023, 8), 22, None, None),
        ]
    )
    assert s.maand == Maand(2023, 7) and s.aantal == 1
    assert s.tekst == (
        "Juli 2023: het plan rekent op 22 woningen uit het corporatieaanbod, de capaciteit "
        "voor vergunninghouders is 21 woningen van 90 vrijkomende."
    )


def test_seed_000_plan_exceeds_capacity_from_july_to_october():
    p = bereken_invoer(almere(), PEILDATUM)
    boven = [s.maand for s in p.signalen if s.soort == "plan_boven_capaciteit"]
    # 20 + 2 labels (L141-142) against 90 x 35% x 2/3 = 21 from July (L78).
    assert boven == [Maand(2023, m) for m in (7, 8, 9, 10)]


def test_opsomming_is_dutch():
    assert signalen.opsomming(["a"]) == "a"
    assert signalen.opsomming(["a", "b", "c"]) == "a, b en c"
    assert signalen.pm_acties([]) == []
