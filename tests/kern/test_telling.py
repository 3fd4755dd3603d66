"""R2 (art. 29), R4 (what counts), R5 (which months count for a milestone), R7 (rounding)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kern import regels
from kern.perioden import Halfjaar, Maand

HAR_UIT = regels.Telregel("har_uitplaatsing", telt_mee=False)
REGULIER = regels.Telregel("regulier", telt_mee=True)
HAR = regels.Telregel("har", telt_mee=True, gebruikt_woning=False)


def test_r2_art29_rounds_up_exactly():
    # 10.000 x 1 / 3 = 3.333,3 -> 3.334; integer arithmetic, no float.
    assert regels.taakstelling_art29(10_000, 1, 3) == 3334
    assert regels.taakstelling_art29(17_000, 200_000, 17_000_000) == 200
    assert regels.taakstelling_art29(17_000, 200_001, 17_000_000) == 201


def test_r2_the_latest_revision_on_or_before_a_date_holds():
    revisies = [(date(2023, 8, 1), 336), (date(2023, 3, 1), 300)]
    assert regels.geldende_taakstelling(280, revisies, date(2023, 2, 1)) == 280
    assert regels.geldende_taakstelling(280, revisies, date(2023, 5, 1)) == 300
    assert regels.geldende_taakstelling(280, revisies) == 336


def test_r4_har_uitplaatsing_counts_zero_persons():
    assert regels.standaard_tellend(20, HAR_UIT) == 0
    fouten = regels.controleer_realisatie(20, 20, 9, HAR_UIT)
    assert "tellen niet mee" in fouten["personen_tellend"]
    assert regels.controleer_realisatie(20, 0, 9, HAR_UIT) == {}


def test_r4_counting_persons_cannot_exceed_persons_housed():
    fouten = regels.controleer_realisatie(5, 6, 2, REGULIER)
    assert fouten["personen_tellend"].startswith("Er kunnen niet meer personen meetellen")


def test_r4_har_entry_uses_no_dwelling():
    assert regels.controleer_realisatie(4, 4, 0, HAR) == {}
    assert "geen woning" in regels.controleer_realisatie(4, 4, 1, HAR)["woningen"]


def test_r4_a_province_rule_beats_the_national_rule_and_validity_dates_hold():
    landelijk = regels.Telregel("har", telt_mee=True)
    flevoland = regels.Telregel(
        "har", telt_mee=False, provincie_id=7, geldig_vanaf=date(2024, 1, 1)
    )
    regels_ = [landelijk, flevoland]
    assert regels.telregel_voor("har", date(2024, 2, 1), regels_, 7) is flevoland
    assert regels.telregel_voor("har", date(2023, 12, 1), regels_, 7) is landelijk
    assert regels.telregel_voor("har", date(2024, 2, 1), regels_, 8) is landelijk
    assert regels.telregel_voor("onbekend", date(2024, 2, 1), regels_) is None


def test_r5_may_to_september_count_for_1_okt_and_october_to_december_for_31_dec():
    een_okt = regels.Mijlpaal(date(2023, 10, 1), 293, date(2023, 1, 1))
    tellen = [m for m in range(1, 13) if regels.telt_voor_mijlpaal(Maand(2023, m), een_okt)]
    assert tellen == list(range(1, 10))
    eind = regels.Mijlpaal(date(2023, 12, 31), 629, date(2023, 1, 1))
    assert regels.telt_voor_mijlpaal(Maand(2023, 12), eind)
    assert not regels.telt_voor_mijlpaal(Maand(2022, 12), eind)  # before the start date


def test_r5_legal_milestones_stay_for_half_years_without_a_province_milestone():
    standaard = regels.standaard_mijlpalen([(Halfjaar(2024, 1), 50), (Halfjaar(2024, 2), 60)])
    eigen = [regels.Mijlpaal(date(2024, 12, 1), 110, date(2024, 7, 1), "provincie")]
    geldend = regels.geldende_mijlpalen(standaard, eigen)
    assert [(m.datum, m.doel) for m in geldend] == [
        (date(2024, 6, 30), 50),
        (date(2024, 12, 1), 110),
    ]


def test_missing_months_are_reported_not_counted_as_zero():
    rijen = [regels.Realisatieregel(Maand(2024, 1), "regulier", 4, 4, 2)]
    verwacht = [Maand(2024, m) for m in range(1, 4)]
    stand = regels.stand_op(
        date(2024, 4, 1),
        rijen,
        [],
        Decimal("2.2"),
        verwacht,
        ingevoerde_maanden={Maand(2024, 1), Maand(2024, 3)},
    )
    assert stand.ontbrekende_maanden == [Maand(2024, 2)]


def test_r6_needed_dwellings_edge_cases():
    assert regels.benodigde_woningen(0, Decimal("2.2")) == 0
    assert regels.benodigde_woningen(-5, Decimal("2.2")) == 0
    with pytest.raises(ValueError):
        regels.benodigde_woningen(10, Decimal(0))


@given(
    st.integers(0, 100_000), st.decimals(min_value=Decimal("0.5"), max_value=Decimal("8"), places=2)
)
def test_property_needed_dwellings_house_everyone_and_one_fewer_would_not(personen, bezetting):
    w = regels.benodigde_woningen(personen, bezetting)
    assert w * bezetting >= personen
    if w > 0:
        assert (w - 1) * bezetting < personen


def test_r7_round_half_up_for_display():
    assert regels.afronden(Decimal("292.5")) == 293
    assert regels.afronden(Decimal("-0.5")) == -1
    assert regels.afronden(Decimal("48.4")) == 48


def test_periods_parse_and_step():
    assert Maand.parse("2023-05").plus(8) == Maand(2024, 1)
    assert Maand(2023, 5).tot(Maand(2024, 1)) == 8
    assert Halfjaar.parse("2023-h2").plus(1) == Halfjaar(2024, 1)
    assert Maand(2024, 2).laatste_dag == date(2024, 2, 29)
    with pytest.raises(ValueError, match="JJJJ-MM"):
        Maand.parse("mei 2023")


def test_r5_a_1_okt_milestone_alone_does_not_erase_the_31_dec_default():
    # Seed 000 L14 alone: 293 by 1 okt replaces 293 by 30 jun, not 629 by 31 dec.
    standaard = regels.standaard_mijlpalen(
        [(Halfjaar(2023, 1), 261), (Halfjaar(2023, 2), 336)], beginsaldo=-32
    )
    een_okt = regels.Mijlpaal(date(2023, 10, 1), 293, date(2023, 1, 1), "provincie")
    geldend = regels.geldende_mijlpalen(standaard, [een_okt])
    assert [(m.datum, m.doel, m.gezet_door) for m in geldend] == [
        (date(2023, 10, 1), 293, "provincie"),
        (date(2023, 12, 31), 629, "wet"),
    ]


def test_r5_a_province_milestone_counting_from_later_is_compared_in_the_same_frame():
    # Quotas from 2023-H1; the province asks 300 from 1 jul 2023 by 31 dec: that is 100 + 300
    # since the start of the legal series, which covers the legal 31 dec target of 400.
    standaard = regels.standaard_mijlpalen([(Halfjaar(2023, 1), 100), (Halfjaar(2023, 2), 300)])
    eigen = regels.Mijlpaal(date(2023, 12, 31), 300, date(2023, 7, 1), "provincie")
    assert [m.gezet_door for m in regels.geldende_mijlpalen(standaard, [eigen])] == [
        "wet",
        "provincie",
    ]
    lager = regels.Mijlpaal(date(2023, 12, 31), 250, date(2023, 7, 1), "provincie")
    assert len(regels.geldende_mijlpalen(standaard, [lager])) == 3


def test_r5_legal_milestones_stop_at_a_half_year_without_quota():
    standaard = regels.standaard_mijlpalen([(Halfjaar(2023, 1), 100), (Halfjaar(2024, 1), 130)])
    assert [(m.datum, m.doel) for m in standaard] == [(date(2023, 6, 30), 100)]


def test_r3_a_zero_quota_is_never_written_off_with_zero_persons():
    (p,) = regels.saldi([(Halfjaar(2023, 1), 0, 5, True)])
    assert p.afboekingen == () and p.voorsprong == 5
