"""Loading inputs: a fixed number of queries for one or all gemeenten; the demo's figures."""

from datetime import date
from fractions import Fraction

from kern.perioden import Maand
from organisaties.models import Gemeente
from prognose.rekenen import engine
from prognose.selectors import invoer


def test_loading_one_or_all_gemeenten_takes_the_same_fixed_number_of_queries(
    demo, django_assert_num_queries
):
    with django_assert_num_queries(invoer.AANTAL_QUERIES):
        een = invoer.laad([demo.almere.pk])
    with django_assert_num_queries(invoer.AANTAL_QUERIES):
        alle = invoer.laad()
    assert list(een.gemeenten) == [demo.almere.pk]
    assert len(alle.gemeenten) == Gemeente.objects.count() == 7
    # Frames hold only the gemeenten asked for.
    assert set(een.realisatie["g"]) == {demo.almere.pk}
    assert set(alle.realisatie["g"]) >= {demo.almere.pk, demo.lelystad.pk}


def test_the_demo_loads_as_seed_000(demo):
    batch = invoer.laad([demo.almere.pk])
    g = batch.gemeenten[demo.almere.pk]
    assert [(m.datum, m.doel) for m in g.mijlpalen] == [
        (date(2023, 10, 1), 293),
        (date(2023, 12, 31), 629),
    ]
    assert batch.realisatie["tellend"].sum() == 78
    assert batch.realisatie["gehuisvest"].sum() == 98
    assert batch.har["uitstroom"].sum() == 20
    assert int(batch.planning["pm"].sum()) == 3 * 8
    assert int(batch.planning["woningen"].sum()) == 250
    assert set(batch.planning["bezetting_centi"]) == {220}
    assert sum(v.mutaties_per_maand for v in g.verwachtingen) == 90
    assert {(a.soort, a.aandeel.waarde) for a in g.afspraken} == {
        ("aandeel_urgenten", Fraction(2, 5)),
        ("aandeel_urgenten", Fraction(7, 20)),
        ("aandeel_vh", Fraction(2, 3)),
    }
    assert batch.actietypen["prioritaire_toewijzing"].via_corporatie
    assert not batch.actietypen["aankoop_vastgoed"].via_corporatie


def test_the_default_peildatum_matches_rapportage_peildatum(demo):
    from taakstelling.selectors import standaard_peildatum

    batch = invoer.laad()
    vandaag = date(2026, 1, 15)
    peildata = engine.standaard_peildata(batch, vandaag)
    for g in Gemeente.objects.all():
        assert peildata[g.pk] == standaard_peildatum(g, vandaag), g.naam
    assert peildata[demo.almere.pk] == date(2023, 5, 1)
    # While the figures are up to date, today is the peildatum.
    eerder = date(2023, 3, 10)
    assert engine.standaard_peildata(batch, eerder)[demo.almere.pk] == eerder
    assert standaard_peildatum(demo.almere, eerder) == eerder


def test_a_missing_month_in_the_demo_is_estimated_and_flagged(demo):
    from prognose.services import prognose

    noordoostpolder = Gemeente.objects.get(cbs_code="GM0171")  # April 2023 not entered
    p = prognose(noordoostpolder, peildatum=date(2023, 5, 1))
    assert p.ontbrekende_maanden == (Maand(2023, 4),)
    assert any(s.soort == "ontbrekende_maand" for s in p.signalen)
    assert all(Maand(2023, 4) in m.maanden for m in p.mijlpalen)


def test_planning_rows_carry_their_plan_and_a_stopped_action_drops_out(demo):
    from bemiddeling.models import Actie

    batch = invoer.laad([demo.almere.pk])
    # Every row names its plan by start date (Plan van aanpak 2023, from 1 May 2023).
    assert set(batch.planning["plan"]) == {date(2023, 5, 1).toordinal()}
    aankoop = Actie.objects.get(gemeente=demo.almere, type_id="aankoop_vastgoed")
    Actie.objects.filter(pk=aankoop.pk).update(status=Actie.Status.GESTOPT)
    gestopt = invoer.laad([demo.almere.pk])
    assert "aankoop_vastgoed" not in set(gestopt.planning["actie"])
    # Seed 000 L140: 70 dwellings of aankoop no longer count: 250 - 70 = 180 planned.
    assert int(gestopt.planning["woningen"].sum()) == 250 - 70
