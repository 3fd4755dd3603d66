"""Edge cases of the forecast found in review: overlapping plans, empty plan months, rounding
that must not hide a shortfall, the engine version, the random seed, caps that change within
a month, passed milestones with missing months. Pure: no database (except where named).

Every expected figure is worked out in the test from seed 000 (Almere, lines of
Almere's plan of approach (seed 000)) or from the inputs written here.
"""

import math
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from kern import aanbod as bemiddeling_regels
from kern import opmaak
from kern.aanbod import Aandeel
from kern.perioden import Maand
from kern.regels import Mijlpaal, Realisatieregel
from prognose.rekenen import engine
from prognose.rekenen.engine import bereken_invoer
from prognose.rekenen.gegevens import (
    NIET_HAALBAAR,
    OP_KOERS,
    RISICO,
    Afspraak,
    Plan,
    Planregel,
    Voorspelling,
    weergave,
)
from tests.prognose.seed import BEZETTING, JAN_APR, MEI_DEC, PEILDATUM, almere

EEN_OKT, EIND_DEC = date(2023, 10, 1), date(2023, 12, 31)
B = Fraction(BEZETTING)


# --- (1) overlapping plans: the newest plan in force per month, never the sum ----------------


def test_a_revised_plan_replaces_the_old_one_for_the_months_it_covers():
    seed = almere()
    # A revision from 1 August: 30 prioritaire toewijzingen a month instead of 20, nothing
    # else. August-December come from the revision only; May-July from the original plan.
    herzien = Plan("Herzien plan", date(2023, 8, 1), date(2023, 12, 31), BEZETTING)
    extra = tuple(
        Planregel("prioritaire_toewijzing", m, 30, BEZETTING, plan=herzien.geldig_vanaf)
        for m in MEI_DEC[3:]
    )
    oud = tuple(replace(r, plan=date(2023, 5, 1)) for r in seed.planning)
    p = bereken_invoer(almere(plannen=(*seed.plannen, herzien), planning=oud + extra), PEILDATUM)
    # Original plan May-July (L139-L145): 20+0+0+0 / 20+0+2+0 / 20+0+2+0 = 20, 22, 22.
    # Revision August-September: 30 each. Until 1 okt: 20 + 22 + 22 + 30 + 30 = 124 dwellings.
    een_okt = p.mijlpaal(EEN_OKT).plan
    assert een_okt.personen == 78 + 124 * B
    # Had the two been added, August would hold 20 + 5 + 2 (original) + 30 = 57 dwellings.
    augustus = dict(een_okt.per_maand)[Maand(2023, 8)]
    assert augustus == 30 * B


# --- (8, 9) months the plan leaves empty are unknown, estimated at the trend ------------------


def test_a_month_the_plan_leaves_empty_is_estimated_at_the_trend_not_zero():
    seed = almere()
    # September has no entry at all in any action: 'niet ingevuld', as the plan page says.
    zonder_sep = tuple(r for r in seed.planning if r.maand != Maand(2023, 9))
    p = bereken_invoer(almere(planning=zonder_sep), PEILDATUM)
    plan = p.mijlpaal(EEN_OKT).plan
    trend = Fraction(19 + 20 + 17, 3)  # Feb-Apr counted (L43, demo split)
    # May-August planned: 20, 22, 22, 27 (20 + 5 AMV + 2 labels) dwellings = 91 x 2.2.
    assert plan.personen == 78 + 91 * B + trend
    assert dict(plan.per_maand)[Maand(2023, 9)] == trend
    assert "september 2023 zonder planning geschat in het tempo van de trend" in plan.reden
    # The probability is centred on the same estimate, not on 0 for September.
    assert plan.status == OP_KOERS and p.mijlpaal(EEN_OKT).kans.waarde > 0.5


def test_months_after_the_plan_ends_are_estimated_at_the_trend():
    seed = almere()
    kort = Plan("Plan tot juli", date(2023, 5, 1), date(2023, 7, 31), BEZETTING)
    tot_juli = tuple(r for r in seed.planning if r.maand <= Maand(2023, 7))
    p = bereken_invoer(almere(plannen=(kort,), planning=tot_juli), PEILDATUM)
    plan = p.mijlpaal(EEN_OKT).plan
    trend = Fraction(56, 3)
    assert plan.personen == 78 + (20 + 22 + 22) * B + 2 * trend
    assert "augustus–september 2023 zonder planning" in plan.reden


# --- (3) rounding never hides a shortfall ----------------------------------------------------


def test_a_shortfall_below_half_a_person_shows_one_decimal():
    assert weergave(Fraction("292.6"), 293) == (Fraction("292.6"), 1)
    assert weergave(Fraction("292.96"), 293) == (Fraction("292.9"), 1)
    assert weergave(Fraction("292.4"), 293) == (292, 0)
    assert weergave(Fraction("293.4"), 293) == (293, 0)
    v = Voorspelling("plan", Fraction("292.6"), 293, 78, 5, BEZETTING, RISICO, "")
    assert (v.personen_tekst, v.verschil_tekst) == ("292,6", opmaak.MIN + "0,4")
    # Rounded to whole persons this would read "293" and "0" next to "risico".
    assert v.personen_afgerond == 293


def test_the_reason_agrees_with_the_status_when_short_by_a_fraction():
    # Shift 0.4 person: the plan until 1 okt is 78 + 292.6 = 370.6; a target of 371 is missed
    # by 0.4 and must read so, not "371 personen, 0 boven het doel".
    mijlpalen = (Mijlpaal(EEN_OKT, 371, date(2023, 1, 1), "provincie"),)
    p = bereken_invoer(almere(mijlpalen=mijlpalen), PEILDATUM)
    plan = p.mijlpaal(EEN_OKT).plan
    assert plan.personen == Fraction("370.6") and plan.status == RISICO
    assert "komt de prognose op 370,6 personen, 0,4 onder het doel van 371" in plan.reden
    assert plan.verschil_tekst == opmaak.MIN + "0,4"


# --- (13) extra dwellings: ceil of the total shortfall (R6) ----------------------------------


def test_extra_dwellings_are_the_ceiling_of_the_total_shortfall_spread_over_the_months():
    v = Voorspelling("trend", Fraction(171), 293, 78, 5, BEZETTING, NIET_HAALBAAR, "")
    # 122 short / 2.2 = 55.45...: 56 whole dwellings (R6), over 5 months 11.2 a month.
    assert v.extra_woningen == 56 == math.ceil(Fraction(122) / B)
    assert v.extra_woningen_per_maand == Fraction(56, 5)
    seed = bereken_invoer(almere(), PEILDATUM)
    trend = seed.mijlpaal(EEN_OKT).trend
    tekort = 293 - trend.personen  # 293 - (78 + 5 x 56/3)
    assert trend.extra_woningen == math.ceil(tekort / B)
    per_maand = opmaak.getal(Fraction(math.ceil(tekort / B), 5), 1)
    assert f"({per_maand} woningen) per maand extra" in trend.reden


# --- (4) the engine version follows the source ----------------------------------------------


def test_the_engine_version_is_a_hash_of_the_engines_source(monkeypatch):
    assert engine._engine_versie() == engine.ENGINE_VERSIE
    assert engine.ENGINE_VERSIE.startswith("2-") and len(engine.ENGINE_VERSIE) == 14
    echt = Path.read_bytes

    def gewijzigd(pad: Path) -> bytes:
        inhoud = echt(pad)
        return inhoud + b"\n# anders\n" if pad.name == "signalen.py" else inhoud

    monkeypatch.setattr(Path, "read_bytes", gewijzigd)
    assert engine._engine_versie() != engine.ENGINE_VERSIE


# --- (5, 6, 7) probability -------------------------------------------------------------------


def test_two_peildata_in_the_same_month_draw_the_same_paths():
    eerste = bereken_invoer(almere(), date(2023, 5, 1))
    later = bereken_invoer(almere(), date(2023, 5, 17))
    assert eerste.invoer_hash != later.invoer_hash  # the flags read the exact date
    assert [m.kans for m in eerste.mijlpalen] == [m.kans for m in later.mijlpalen]


def test_without_plan_and_trend_the_probability_is_unknown_not_zero():
    p = bereken_invoer(
        almere(realisatie=(), ingevoerd=frozenset(), planning=(), plannen=()), date(2023, 5, 1)
    )
    kans = p.mijlpaal(EEN_OKT).kans
    assert kans.waarde is None and kans.p10 is None and kans.grondslag == "onbekend"


# --- (14) a passed milestone with months still missing is provisional, and stays ------------


def test_a_passed_milestone_with_missing_months_stays_and_is_provisional():
    # Peildatum 1 January 2024: December not entered. 31 dec belongs to the previous half-year
    # but its outcome is not known yet: it stays, marked voorlopig, December estimated.
    jul_nov = tuple(Realisatieregel(Maand(2023, m), "regulier", 40, 40, 18) for m in range(7, 12))
    p = bereken_invoer(
        almere(
            realisatie=JAN_APR
            + tuple(Realisatieregel(Maand(2023, m), "regulier", 40, 40, 18) for m in (5, 6))
            + jul_nov,
            ingevoerd=frozenset(Maand(2023, m) for m in range(1, 12)),
        ),
        date(2024, 1, 1),
    )
    assert [m.datum for m in p.mijlpalen] == [EIND_DEC]
    m = p.mijlpaal(EIND_DEC)
    assert m.voorlopig and m.maanden == (Maand(2023, 12),)
    assert m.gerealiseerd == 78 + 7 * 40
    assert "december 2023" in m.voorlopig_tekst
    # With December entered the outcome is known: history, no longer shown.
    compleet = bereken_invoer(
        almere(
            realisatie=JAN_APR
            + tuple(Realisatieregel(Maand(2023, m), "regulier", 40, 40, 18) for m in range(5, 13)),
            ingevoerd=frozenset(Maand(2023, m) for m in range(1, 13)),
        ),
        date(2024, 1, 1),
    )
    assert compleet.mijlpalen == ()


# --- (15) smaller points ---------------------------------------------------------------------


def test_a_cap_that_starts_mid_month_applies_day_by_day():
    juli = Maand(2023, 7)
    urgenten = [Aandeel(Fraction(2, 5), date(2023, 1, 1))]
    vh = [Aandeel(Fraction(2, 3), date(2023, 1, 1))]
    plafond = [Aandeel(Fraction(1, 10), date(2023, 7, 17))]
    # 1-16 July no cap: 2/5 x 2/3 = 4/15 for 16 days; 17-31 July capped at 1/10 for 15 days.
    verwacht = (Fraction(4, 15) * 16 + Fraction(1, 10) * 15) / 31
    assert bemiddeling_regels.vh_fractie_in_maand(juli, urgenten, vh, plafond) == verwacht
    # Not the minimum of month averages: min(4/15, 1/10 x 15/31) would cap all of July.
    assert verwacht != min(Fraction(4, 15), Fraction(1, 10) * 15 / 31)
    assert bemiddeling_regels.capaciteit_in_maand(90, juli, urgenten, vh, plafond) == 90 * verwacht
    # The same in the forecast: Almere's capacity in July with such a cap.
    seed = almere()
    p = bereken_invoer(
        almere(afspraken=(*seed.afspraken, Afspraak("plafond_vh", None, plafond[0]))), PEILDATUM
    )
    juli_personen = dict(p.mijlpaal(EEN_OKT).capaciteit.per_maand)[juli]
    # July: 40% to urgenten until 1 July, then 35% (L78), so 7/20 x 2/3 = 7/30 before the cap.
    fractie = (Fraction(7, 30) * 16 + Fraction(1, 10) * 15) / 31
    # Non-corporate actions planned in July: aankoop 0 + AMV 0 + andere 0 (pm) = 0.
    assert juli_personen == 90 * fractie * B


def test_a_gemeente_without_any_quota_gets_no_missing_month_flags():
    p = bereken_invoer(
        almere(taakstellingen=(), mijlpalen=(), opening=None, realisatie=(), ingevoerd=frozenset()),
        PEILDATUM,
    )
    assert p.ontbrekende_maanden == ()
    assert not [s for s in p.signalen if s.soort == "ontbrekende_maand"]


def test_a_start_date_mid_month_leaves_that_month_out_past_the_milestone():
    # Counted from 15 May: May itself does not count (R5).
    mijlpaal = Mijlpaal(EEN_OKT, 200, date(2023, 5, 15), "provincie")
    p = bereken_invoer(almere(mijlpalen=(mijlpaal,)), PEILDATUM)
    m = p.mijlpaal(EEN_OKT)
    assert m.gerealiseerd == 0 and Maand(2023, 5) not in m.maanden
    # June-September planned 22 + 22 + 27 + 42 = 113 dwellings = 248.6 persons.
    assert m.plan.personen == 113 * B


def test_bezetting_is_shown_with_the_decimals_it_has():
    assert opmaak.bezetting(Decimal("2.25")) == "2,25"
    assert opmaak.bezetting(Decimal("2.20")) == "2,2"
    assert opmaak.bezetting(Decimal("3.00")) == "3"
    assert opmaak.bezetting(None) == "–"


def test_vh_share_without_an_agreement_for_some_day_is_unknown():
    juli = Maand(2023, 7)
    urgenten = [Aandeel(Fraction(2, 5), date(2023, 7, 10))]
    vh = [Aandeel(Fraction(2, 3), date(2023, 1, 1))]
    assert bemiddeling_regels.vh_fractie_in_maand(juli, urgenten, vh) is None
    assert juli.eerste_dag + timedelta(days=9) == date(2023, 7, 10)


def test_the_dashboard_keeps_a_previous_half_year_milestone_while_months_are_missing():
    from rapportage.selectors.stand import relevant

    eind_dec = Mijlpaal(EIND_DEC, 629, date(2023, 1, 1), "provincie")
    tot_nov = {Maand(2023, m) for m in range(1, 12)}
    # On 5 January 2024, December not entered: 31 dec stays (as the forecast says: voorlopig).
    assert relevant(eind_dec, date(2024, 1, 5), tot_nov)
    # December entered: history.
    assert not relevant(eind_dec, date(2024, 1, 5), tot_nov | {Maand(2023, 12)})
    # Two half-years back: history whatever is missing.
    assert not relevant(eind_dec, date(2024, 7, 5), tot_nov)
    # The current half-year always counts.
    assert relevant(eind_dec, date(2023, 11, 1), set())


def test_a_corporatie_without_figures_or_expected_supply_is_flagged_not_zero():
    from prognose.rekenen.gegevens import Aanbodcijfer, prognose_als_dict, prognose_uit_dict

    seed = almere()
    # A fourth corporatie reported April only, with no expectation for the months to come.
    p = bereken_invoer(
        almere(
            aanbod=(Aanbodcijfer("mooiland", Maand(2023, 4), 12),), verwachtingen=seed.verwachtingen
        ),
        PEILDATUM,
    )
    (s,) = [s for s in p.signalen if s.soort == "aanbod_ontbreekt"]
    assert "mooiland" in s.tekst and "mei 2023 tot en met december 2023 (8 maanden)" in s.tekst
    assert s.ernst == "waarschuwing"
    # Whose figures the flag is about, so a corporatie user sees only its own (toegang).
    assert s.corporatie == "mooiland"
    assert prognose_uit_dict(prognose_als_dict(p)).signalen == p.signalen
    # The other three still count: May capacity stays 90 x 2/5 x 2/3 = 24 dwellings (L61).
    mei = dict(p.mijlpaal(EEN_OKT).capaciteit.per_maand)[Maand(2023, 5)]
    assert mei == 24 * B
