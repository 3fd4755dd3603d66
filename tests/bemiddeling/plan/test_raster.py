"""The plan grid (R7, R8) against seed 000 §3 'Verwacht resultaat per maand' (L137-147)."""

from datetime import date
from decimal import Decimal

import pytest

from bemiddeling import selectors
from bemiddeling.models import Actie, Actieplan, Planning
from kern.perioden import Maand
from taakstelling import selectors as taak_selectors


@pytest.fixture
def almere_plan(demo) -> Actieplan:
    return Actieplan.objects.get(gemeente=demo.almere, geldig_vanaf=date(2023, 5, 1))


def raster(plan):
    return selectors.planraster(plan, taak_selectors.geldende_mijlpalen(plan.gemeente))


def test_seed_000_l146_resultaat_per_1_okt_is_133_dwellings_and_293_persons(almere_plan):
    r = raster(almere_plan)
    per_1_okt = r.tussentotalen[date(2023, 10, 1)]
    assert per_1_okt.totaal.woningen == 133
    assert per_1_okt.totaal.personen == Decimal("292.6")
    assert per_1_okt.afronding.totaal == 293


def test_seed_000_l147_rounded_months_add_to_291_not_293_and_the_note_says_so(almere_plan):
    r = raster(almere_plan)
    mei_sep = [r.maandtotalen[Maand(2023, m)].personen_afgerond for m in range(5, 10)]
    assert mei_sep == [44, 48, 48, 59, 92]
    noot = next(n for n in r.afrondingsnoten if n.mijlpaal is not None)
    assert (noot.som_delen, noot.afronding.totaal, noot.afronding.verschil) == (291, 293, 2)


def test_seed_000_l146_l147_whole_plan_is_250_dwellings_550_persons(almere_plan):
    r = raster(almere_plan)
    assert (r.totaal.totaal.woningen, r.totaal.afronding.totaal) == (250, 550)
    # the printed months (44 ... 66) add to 548: R7 keeps the exact total
    assert r.totaal.som_delen == 548


def test_the_milestone_column_comes_right_after_september(almere_plan):
    kolommen = raster(almere_plan).kolommen
    labels = [str(k.maand) if k.maand else f"mijlpaal {k.mijlpaal.datum}" for k in kolommen]
    assert labels == [
        "2023-05",
        "2023-06",
        "2023-07",
        "2023-08",
        "2023-09",
        "mijlpaal 2023-10-01",
        "2023-10",
        "2023-11",
        "2023-12",
    ]


def test_pm_is_listed_and_never_summed(almere_plan):
    r = raster(almere_plan)
    mei = r.maandtotalen[Maand(2023, 5)]
    assert mei.woningen == 20  # only prioritaire toewijzing; three pm actions are not added
    assert set(mei.pm_acties) == {
        "Aftoppen van huurprijzen",
        "Beroep doen op andere verhuurders",
        "Gebruik maken HAR of andere tijdelijke voorzieningen",
    }


def test_an_action_without_entries_is_missing_not_zero(almere_plan):
    flex = next(rij for rij in raster(almere_plan).rijen if rij.actie.type_id == "flexwoningen")
    assert not flex.ingevuld
    assert all(c.planning is None for c in flex.cellen.values())
    assert not flex.tussentotalen[date(2023, 10, 1)].ingevuld


def test_a_plan_without_any_entry_has_no_totals_only_missing(demo):
    plan = Actieplan.objects.create(
        gemeente=demo.almere,
        naam="Leeg",
        geldig_vanaf=date(2024, 1, 1),
        geldig_tot=date(2024, 3, 31),
    )
    r = raster(plan)
    assert not r.totaal.ingevuld
    assert [t.ingevuld for t in r.maandtotalen.values()] == [False, False, False]


def test_an_actions_own_bezetting_changes_its_persons_only(almere_plan):
    Actie.objects.filter(actieplan=almere_plan, type_id="amv").update(bezetting=Decimal("1.0"))
    r = raster(almere_plan)
    amv = next(rij for rij in r.rijen if rij.actie.type_id == "amv")
    assert (amv.totaal.woningen, amv.totaal.personen) == (10, Decimal("10.0"))
    # 240 dwellings at 2.2 plus 10 at 1.0
    assert r.totaal.totaal.personen == Decimal("538.0")


def test_the_grid_loads_in_a_fixed_number_of_queries(almere_plan, django_assert_num_queries):
    mijlpalen = taak_selectors.geldende_mijlpalen(almere_plan.gemeente)
    with django_assert_num_queries(2):
        selectors.planraster(almere_plan, mijlpalen)


def test_a_zero_entered_is_shown_as_zero(almere_plan):
    cel = Planning.objects.get(
        actie__actieplan=almere_plan, actie__type_id="amv", maand="2023-05-01"
    )
    assert cel.woningen == 0
    rij = next(r for r in raster(almere_plan).rijen if r.actie.type_id == "amv")
    assert rij.cellen[Maand(2023, 5)].tekst == "0"
