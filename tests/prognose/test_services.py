"""Snapshots (upsert on the inputs hash, one actueel per scenario) and scenario writes."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organisaties.wijzigen import Conflict
from prognose import selectors, services
from prognose.models import Rekenstatus, Scenario, Snapshot
from prognose.rekenen.scenario import Parameters
from taakstelling.models import Bron, Maandrapportage, Realisatie


def test_the_demo_has_a_snapshot_for_the_basis_and_intensief_bemiddelen(demo):
    snapshots = selectors.actuele_snapshots(demo.almere)
    assert set(snapshots) == {None, Scenario.objects.get(gemeente=demo.almere).pk}
    basis = snapshots[None].prognose()
    assert basis.peildatum == date(2023, 5, 1)
    # Seed 000: 78 counted + the plan's 133 (until 1 okt) and 250 (until 31 dec) dwellings x 2.2.
    b = Fraction("2.2")
    assert [m.plan.personen for m in basis.mijlpalen] == [78 + 133 * b, 78 + 250 * b]
    assert [m.plan.personen_afgerond for m in basis.mijlpalen] == [371, 628]
    assert basis.scenario is None
    intensief = next(s for k, s in snapshots.items() if k is not None).prognose()
    assert intensief.scenario == "intensief bemiddelen"
    # Plus 2 prioritaire toewijzingen a month: 5 months to 1 okt, 8 to 31 dec (x 2.2). The
    # higher share to urgenten changes the capacity, not the plan.
    assert [m.plan.personen for m in intensief.mijlpalen] == [
        78 + (133 + 2 * 5) * b,
        78 + (250 + 2 * 8) * b,
    ]
    assert [m.plan.personen_afgerond for m in intensief.mijlpalen] == [393, 663]
    # Capacity until 1 okt (L61, L72, L78): 90 mutaties x 2/5 x 2/3 = 24 dwellings a month for
    # VH, May-Sep 120 (basis: 7/20 from July, 24 + 24 + 21 + 21 + 21 = 111), plus the planned
    # non-corporate dwellings May-Sep (aankoop 20 in September, AMV 5 in August) = 25.
    assert basis.mijlpalen[0].capaciteit.personen == 78 + (111 + 25) * b
    assert intensief.mijlpalen[0].capaciteit.personen == 78 + (120 + 25) * b


def test_recomputing_unchanged_inputs_updates_the_same_row(demo):
    voor = list(Snapshot.objects.filter(gemeente=demo.almere).values_list("pk", flat=True))
    snapshots = services.herberekenen(demo.almere.pk)
    assert sorted(s.pk for s in snapshots) == sorted(voor)
    assert Snapshot.objects.filter(gemeente=demo.almere).count() == len(voor)


def test_a_change_gives_a_new_actueel_snapshot_and_keeps_the_old_one(demo):
    oud = selectors.nieuwste_snapshot(demo.almere)
    Maandrapportage.objects.create(gemeente=demo.almere, maand=date(2023, 5, 1))
    Realisatie.objects.create(
        gemeente=demo.almere,
        maand=date(2023, 5, 1),
        bron=Bron.objects.get(code="amv"),
        personen_gehuisvest=10,
        personen_tellend=10,
        woningen=2,
    )
    services.herberekenen(demo.almere.pk)
    nieuw = selectors.nieuwste_snapshot(demo.almere)
    assert nieuw.pk != oud.pk and nieuw.invoer_hash != oud.invoer_hash
    assert nieuw.peildatum == date(2023, 6, 1)
    assert nieuw.prognose().mijlpalen[0].gerealiseerd == 88
    oud.refresh_from_db()
    assert not oud.actueel
    assert Snapshot.objects.filter(gemeente=demo.almere, scenario=None, actueel=True).count() == 1


def test_an_older_computation_never_replaces_a_newer_one(demo):
    Rekenstatus.objects.filter(gemeente=demo.almere).update(wijziging=10)
    services.herberekenen(demo.almere.pk)
    nieuw = selectors.nieuwste_snapshot(demo.almere)
    assert nieuw.wijziging == 10
    # A run that read the counter at 9 (before the last change) arrives late.
    prognose = services.prognose(demo.almere, peildatum=date(2023, 4, 1))
    geschreven, _ = services._schrijven([(demo.almere.pk, None, prognose)], {demo.almere.pk: 9})
    assert geschreven == []
    assert selectors.nieuwste_snapshot(demo.almere).pk == nieuw.pk


def test_all_gemeenten_are_recomputed_in_a_fixed_number_of_queries(
    demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        uitkomst = services.herberekenen_alle()
    assert uitkomst.gemeenten == 7
    assert uitkomst.snapshots == 8  # every gemeente's basis + Almere's scenario


def test_a_live_prognose_at_another_peildatum(demo):
    p = services.prognose(demo.almere, peildatum=date(2023, 3, 1))
    assert p.tot_en_met.naam == "februari 2023"
    assert p.mijlpalen[0].gerealiseerd == 22 + 19


# --- scenarios ----------------------------------------------------------------------------


def test_the_opgaveteam_saves_a_scenario_audited_and_recomputed(
    demo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rij = services.scenario_opslaan(
            gemeente=demo.almere,
            naam="Lagere bezetting",
            parameters=Parameters(bezetting=Decimal("2")),
            door=demo.user("opgaveteam_a"),
        )
    assert (rij.slug, rij.parameters, rij.versie) == ("lagere-bezetting", {"bezetting": "2"}, 1)
    historie = rij.history.first()
    assert historie.history_user.username == "opgaveteam-almere"
    assert historie.history_change_reason == "Scenario aangemaakt"
    snapshot = selectors.nieuwste_snapshot(demo.almere, rij)
    assert snapshot.prognose().mijlpalen[0].plan.personen_afgerond == 78 + 133 * 2


@pytest.mark.parametrize("persona", ["taskforce_a", "provincie_a", "corporatie_a", "beheerder"])
def test_only_the_opgaveteam_may_save_a_scenario(demo, persona):
    with pytest.raises(PermissionDenied):
        services.scenario_opslaan(
            gemeente=demo.almere, naam="x", parameters=Parameters(), door=demo.user(persona)
        )


def test_basis_is_not_a_scenario_name(demo):
    with pytest.raises(ValidationError) as fout:
        services.scenario_opslaan(
            gemeente=demo.almere,
            naam="Basis",
            parameters=Parameters(),
            door=demo.user("opgaveteam_a"),
        )
    assert "naam" in fout.value.message_dict


def test_saving_over_a_changed_scenario_is_a_conflict(demo):
    bestaand = Scenario.objects.get(gemeente=demo.almere, slug="intensief-bemiddelen")
    with pytest.raises(Conflict):
        services.scenario_opslaan(
            gemeente=demo.almere,
            naam="intensief bemiddelen",
            parameters=Parameters(),
            door=demo.user("opgaveteam_a"),
            versie=bestaand.versie + 1,
        )
    rij = services.scenario_opslaan(
        gemeente=demo.almere,
        naam="Intensief bemiddelen",
        parameters=Parameters(),
        door=demo.user("opgaveteam_a"),
        versie=bestaand.versie,
    )
    assert rij.pk == bestaand.pk and rij.versie == bestaand.versie + 1 and rij.parameters == {}


def test_deleting_a_scenario_removes_its_snapshots(demo):
    rij = Scenario.objects.get(gemeente=demo.almere)
    services.scenario_verwijderen(scenario=rij, door=demo.user("opgaveteam_a"), versie=rij.versie)
    assert not Scenario.objects.filter(pk=rij.pk).exists()
    assert not Snapshot.objects.filter(scenario_id=rij.pk).exists()
    assert rij.history.first().history_type == "-"
