"""Writes to the plan: audited (who, why, old and new), versioned, recompute after commit."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bemiddeling.models import Actie, Actieplan, ActieType, Planning
from bemiddeling.services import plan as diensten
from bemiddeling.services.plan import Celconflict, Celwaarde, Celwijziging, Rasterfouten
from kern.perioden import Maand
from organisaties.models import Corporatie
from organisaties.wijzigen import Conflict, controleer_versie

pytestmark = pytest.mark.usefixtures("juni_2023")


@pytest.fixture
def plan(demo) -> Actieplan:
    return Actieplan.objects.get(gemeente=demo.almere, geldig_vanaf=date(2023, 5, 1))


def actie(plan, code: str) -> Actie:
    return Actie.objects.select_related("actieplan", "gemeente").get(actieplan=plan, type_id=code)


def cel(plan, code: str, maand: str) -> Planning | None:
    return Planning.objects.filter(actie__actieplan=plan, actie__type_id=code, maand=maand).first()


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("20", Celwaarde(20)),
        (" 0 ", Celwaarde(0)),
        ("pm", Celwaarde(None, True)),
        ("P.M.", Celwaarde(None, True)),
        ("", Celwaarde()),
        ("1.000", Celwaarde(1000)),
        ("10.000", Celwaarde(10_000)),
        ("p.m.", Celwaarde(None, True)),
    ],
)
def test_a_cell_reads_a_number_pm_or_nothing(tekst, verwacht):
    assert Celwaarde.lees(tekst) == verwacht


@pytest.mark.parametrize(
    "tekst",
    # "1.5" was 15 dwellings, "2.0" 20, ".5" 5 and "1 5" 15 (review finding 2)
    ["abc", "-3", "2,5", "12 woningen", "10001", "1e3", "²", "1.5", "2.0", ".5", "1 5", "1.00"],
)
def test_anything_else_is_refused_in_dutch(tekst):
    with pytest.raises(ValueError, match=r"aantal|aannemelijk"):
        Celwaarde.lees(tekst)


def test_changing_a_cell_records_who_why_old_and_new(
    demo, plan, herberekeningen, django_capture_on_commit_callbacks
):
    oud = cel(plan, "amv", "2023-06-01")
    with django_capture_on_commit_callbacks(execute=True):
        diensten.planning_zetten(
            actie=actie(plan, "amv"),
            maand=Maand(2023, 6),
            waarde=Celwaarde(4),
            door=demo.user("opgaveteam_a"),
            versie=oud.versie,
            reden="AMV-locatie eerder klaar",
        )
    nieuw = cel(plan, "amv", "2023-06-01")
    assert (nieuw.woningen, nieuw.versie) == (4, oud.versie + 1)
    h_nieuw, h_oud = nieuw.history.order_by("-history_id")[:2]
    assert h_nieuw.history_user.username == "opgaveteam-almere"
    assert h_nieuw.history_change_reason == "AMV-locatie eerder klaar"
    assert [
        (c.field, c.old, c.new)
        for c in h_nieuw.diff_against(h_oud).changes
        if c.field == "woningen"
    ] == [("woningen", 0, 4)]
    assert herberekeningen == [demo.almere.pk]


def test_emptying_a_cell_deletes_it_with_a_history_row(demo, plan, herberekeningen):
    oud = cel(plan, "amv", "2023-06-01")
    diensten.planning_zetten(
        actie=actie(plan, "amv"),
        maand=Maand(2023, 6),
        waarde=Celwaarde(),
        door=demo.user("opgaveteam_a"),
        versie=oud.versie,
    )
    assert cel(plan, "amv", "2023-06-01") is None
    laatste = Planning.history.filter(id=oud.pk).order_by("-history_id").first()
    assert (laatste.history_type, laatste.history_user.username) == ("-", "opgaveteam-almere")


def test_pm_is_stored_as_pm_without_a_number(demo, plan):
    oud = cel(plan, "amv", "2023-07-01")
    diensten.planning_zetten(
        actie=actie(plan, "amv"),
        maand=Maand(2023, 7),
        waarde=Celwaarde(None, True),
        door=demo.user("opgaveteam_a"),
        versie=oud.versie,
    )
    nieuw = cel(plan, "amv", "2023-07-01")
    assert (nieuw.pm, nieuw.woningen) == (True, None)


def test_a_stale_version_is_a_conflict_showing_both_values(demo, plan, herberekeningen):
    oud = cel(plan, "amv", "2023-08-01")
    a = actie(plan, "amv")
    diensten.planning_zetten(
        actie=a,
        maand=Maand(2023, 8),
        waarde=Celwaarde(6),
        door=demo.user("opgaveteam_a"),
        versie=oud.versie,
    )
    with pytest.raises(Celconflict) as fout:
        diensten.planning_zetten(
            actie=a,
            maand=Maand(2023, 8),
            waarde=Celwaarde(7),
            door=demo.user("opgaveteam_a"),
            versie=oud.versie,
        )
    assert (fout.value.waarde_nu, fout.value.gevraagd) == (Celwaarde(6), Celwaarde(7))
    assert cel(plan, "amv", "2023-08-01").woningen == 6


def test_the_same_value_from_a_stale_form_is_no_conflict_and_no_history(demo, plan):
    oud = cel(plan, "amv", "2023-08-01")
    a = actie(plan, "amv")
    diensten.planning_zetten(
        actie=a,
        maand=Maand(2023, 8),
        waarde=Celwaarde(6),
        door=demo.user("opgaveteam_a"),
        versie=oud.versie,
    )
    aantal = Planning.history.count()
    diensten.planning_zetten(
        actie=a,
        maand=Maand(2023, 8),
        waarde=Celwaarde(6),
        door=demo.user("opgaveteam_a"),
        versie=oud.versie,
    )
    assert Planning.history.count() == aantal


def test_a_cell_created_meanwhile_is_a_conflict_for_a_form_that_saw_it_empty(demo, plan):
    a = actie(plan, "flexwoningen")
    diensten.planning_zetten(
        actie=a,
        maand=Maand(2023, 9),
        waarde=Celwaarde(5),
        door=demo.user("opgaveteam_a"),
        versie=None,
    )
    with pytest.raises(Celconflict):
        diensten.planning_zetten(
            actie=a,
            maand=Maand(2023, 9),
            waarde=Celwaarde(8),
            door=demo.user("opgaveteam_a"),
            versie=None,
        )


def test_an_old_month_needs_a_reason_and_nothing_is_written_without(
    demo, plan, herberekeningen, django_capture_on_commit_callbacks
):
    """15 June 2023: May is the previous month; with today 10 July, May is older."""
    import time_machine

    oud = cel(plan, "amv", "2023-05-01")
    with (
        time_machine.travel(date(2023, 7, 10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as fout,
    ):
        diensten.planning_zetten(
            actie=actie(plan, "amv"),
            maand=Maand(2023, 5),
            waarde=Celwaarde(1),
            door=demo.user("opgaveteam_a"),
            versie=oud.versie,
        )
    assert "reden" in fout.value.message_dict
    assert cel(plan, "amv", "2023-05-01").woningen == 0
    assert herberekeningen == []


def test_a_month_outside_the_plan_is_refused(demo, plan):
    with pytest.raises(ValidationError, match="buiten de periode"):
        diensten.planning_zetten(
            actie=actie(plan, "amv"),
            maand=Maand(2024, 1),
            waarde=Celwaarde(1),
            door=demo.user("opgaveteam_a"),
            versie=None,
        )


@pytest.mark.parametrize(
    "persona", ["taskforce_a", "corporatie_a", "provincie_a", "opgaveteam_b", "beheerder"]
)
def test_only_the_gemeentes_opgaveteam_may_change_the_plan(demo, plan, persona):
    oud = cel(plan, "amv", "2023-06-01")
    with pytest.raises(PermissionDenied):
        diensten.planning_zetten(
            actie=actie(plan, "amv"),
            maand=Maand(2023, 6),
            waarde=Celwaarde(9),
            door=demo.user(persona),
            versie=oud.versie,
        )
    assert cel(plan, "amv", "2023-06-01").woningen == 0


def test_a_grid_save_is_all_or_nothing(
    demo, plan, herberekeningen, django_capture_on_commit_callbacks
):
    amv, prio = actie(plan, "amv"), actie(plan, "prioritaire_toewijzing")
    juni = cel(plan, "amv", "2023-06-01")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Rasterfouten) as fout:
        diensten.planraster_opslaan(
            plan=plan,
            wijzigingen=[
                Celwijziging(amv, Maand(2023, 6), Celwaarde(2), juni.versie),
                Celwijziging(prio, Maand(2023, 6), Celwaarde(25), 999),  # stale
            ],
            door=demo.user("opgaveteam_a"),
        )
    assert [(c.actie.type_id, str(c.maand)) for c in fout.value.conflicten] == [
        ("prioritaire_toewijzing", "2023-06")
    ]
    assert cel(plan, "amv", "2023-06-01").woningen == 0
    assert herberekeningen == []


def test_a_grid_save_writes_every_change_and_asks_one_recompute(
    demo, plan, herberekeningen, django_capture_on_commit_callbacks
):
    amv, prio = actie(plan, "amv"), actie(plan, "prioritaire_toewijzing")
    with django_capture_on_commit_callbacks(execute=True):
        aantal = diensten.planraster_opslaan(
            plan=plan,
            wijzigingen=[
                Celwijziging(
                    amv, Maand(2023, 6), Celwaarde(2), cel(plan, "amv", "2023-06-01").versie
                ),
                Celwijziging(
                    prio,
                    Maand(2023, 6),
                    Celwaarde(25),
                    cel(plan, "prioritaire_toewijzing", "2023-06-01").versie,
                ),
            ],
            door=demo.user("opgaveteam_a"),
            reden="Herijking juni",
        )
    assert aantal == 2
    assert cel(plan, "prioritaire_toewijzing", "2023-06-01").woningen == 25
    assert herberekeningen == [demo.almere.pk]


def test_adding_an_action_from_the_catalogue(demo, plan):
    Actie.objects.filter(actieplan=plan, type_id="kamerverhuur").delete()
    ymere = Corporatie.objects.get(slug="ymere")
    a = diensten.actie_toevoegen(
        plan=plan,
        type=ActieType.objects.get(code="kamerverhuur"),
        eigenaar_corporatie=ymere,
        door=demo.user("opgaveteam_a"),
    )
    assert (a.eigenaar, a.status, a.bezetting) == ("Ymere", "voorbereiding", None)
    assert a.history.order_by("-history_id").first().history_user.username == "opgaveteam-almere"


def test_an_action_twice_or_an_owner_outside_the_gemeente_is_refused(demo, plan):
    with pytest.raises(ValidationError, match="staat al"):
        diensten.actie_toevoegen(
            plan=plan, type=ActieType.objects.get(code="amv"), door=demo.user("opgaveteam_a")
        )
    with pytest.raises(ValidationError, match="corporatie die in deze gemeente werkt"):
        diensten.actie_toevoegen(
            plan=plan,
            type=ActieType.objects.get(code="kamerverhuur"),
            eigenaar_corporatie=Corporatie.objects.get(slug="woonconcept"),
            door=demo.user("opgaveteam_a"),
        )


def test_changing_an_actions_attributes_is_versioned(demo, plan):
    a = actie(plan, "amv")
    kwargs = dict(
        eigenaar_corporatie=None,
        status="gerealiseerd",
        bezetting=Decimal("1.5"),
        resultaat_toelichting="",
        omschrijving="Nidos",
        door=demo.user("opgaveteam_a"),
    )
    diensten.actie_wijzigen(actie=a, versie=a.versie, **kwargs)
    assert actie(plan, "amv").bezetting == Decimal("1.5")
    with pytest.raises(diensten.Conflict):
        diensten.actie_wijzigen(actie=a, versie=a.versie, **(kwargs | {"status": "gestopt"}))


def test_removing_an_action_removes_its_cells_each_with_history_and_needs_a_reason(
    demo, plan, herberekeningen, django_capture_on_commit_callbacks
):
    a = actie(plan, "amv")
    with pytest.raises(ValidationError, match="reden"):
        diensten.actie_verwijderen(
            actie=a, door=demo.user("opgaveteam_a"), versie=a.versie, reden=" "
        )
    ids = list(Planning.objects.filter(actie=a).values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        diensten.actie_verwijderen(
            actie=a, door=demo.user("opgaveteam_a"), versie=a.versie, reden="Nidos stopt"
        )
    assert not Actie.objects.filter(pk=a.pk).exists()
    verwijderd = Planning.history.filter(id__in=ids, history_type="-")
    assert verwijderd.count() == len(ids) == 8
    assert {h.history_change_reason for h in verwijderd} == {"Nidos stopt"}
    assert herberekeningen == [demo.almere.pk]


def test_a_new_plan_and_changing_its_period(demo):
    nieuw = diensten.actieplan_aanmaken(
        gemeente=demo.almere,
        naam="Plan 2024",
        van=Maand(2024, 1),
        tot=Maand(2024, 12),
        bezetting=Decimal("2.0"),
        door=demo.user("opgaveteam_a"),
    )
    assert (nieuw.geldig_vanaf, nieuw.geldig_tot) == (date(2024, 1, 1), date(2024, 12, 31))
    with pytest.raises(ValidationError, match="al een plan"):
        diensten.actieplan_aanmaken(
            gemeente=demo.almere,
            naam="Dubbel",
            van=Maand(2024, 1),
            tot=Maand(2024, 6),
            bezetting=Decimal("2.0"),
            door=demo.user("opgaveteam_a"),
        )
    with pytest.raises(ValidationError, match="vóór de eerste maand"):
        diensten.actieplan_aanmaken(
            gemeente=demo.almere,
            naam="Omgekeerd",
            van=Maand(2025, 6),
            tot=Maand(2025, 1),
            bezetting=Decimal("2.0"),
            door=demo.user("opgaveteam_a"),
        )


def test_a_plan_period_cannot_drop_months_that_hold_figures(demo, plan):
    with pytest.raises(ValidationError, match="buiten de nieuwe periode"):
        diensten.actieplan_wijzigen(
            plan=plan,
            naam=plan.naam,
            van=Maand(2023, 6),
            tot=Maand(2023, 12),
            bezetting=plan.bezetting,
            door=demo.user("opgaveteam_a"),
            versie=plan.versie,
        )
    diensten.actieplan_wijzigen(
        plan=plan,
        naam=plan.naam,
        van=Maand(2023, 5),
        tot=Maand(2024, 2),
        bezetting=Decimal("2.1"),
        door=demo.user("opgaveteam_a"),
        versie=plan.versie,
        reden="Verlengd",
    )
    plan.refresh_from_db()
    assert (plan.geldig_tot, plan.bezetting) == (date(2024, 2, 29), Decimal("2.1"))


def test_saving_the_plan_unchanged_from_a_stale_form_is_no_conflict(demo, plan):
    """Finding 18: the version was checked before seeing that nothing changed."""
    oud = plan.versie
    diensten.actieplan_wijzigen(
        plan=plan,
        naam="Plan van aanpak, herzien",
        van=Maand.van(plan.geldig_vanaf),
        tot=Maand.van(plan.geldig_tot),
        bezetting=plan.bezetting,
        door=demo.user("opgaveteam_a"),
        versie=oud,
    )
    plan.refresh_from_db()
    # Someone else's form, opened before, now asks exactly what is stored: nothing to do.
    terug = diensten.actieplan_wijzigen(
        plan=plan,
        naam="Plan van aanpak, herzien",
        van=Maand.van(plan.geldig_vanaf),
        tot=Maand.van(plan.geldig_tot),
        bezetting=plan.bezetting,
        door=demo.user("opgaveteam_a"),
        versie=oud,
    )
    assert terug.versie == oud + 1
    with pytest.raises(Conflict):  # a real change from the stale form still is a conflict
        diensten.actieplan_wijzigen(
            plan=plan,
            naam="Weer anders",
            van=Maand.van(plan.geldig_vanaf),
            tot=Maand.van(plan.geldig_tot),
            bezetting=plan.bezetting,
            door=demo.user("opgaveteam_a"),
            versie=oud,
        )


def test_a_row_that_appeared_or_disappeared_since_the_form_is_a_conflict(demo, plan):
    """D5: one version check for new, changed and deleted rows."""
    rij = cel(plan, "amv", "2023-06-01")
    controleer_versie(None, None)  # a new row on a form that showed none
    controleer_versie(rij, rij.versie)
    with pytest.raises(Conflict) as fout:
        controleer_versie(None, 3)  # deleted since
    assert fout.value.huidig is None
    for versie in (None, rij.versie + 1, -1):  # appeared since, changed since, forged
        with pytest.raises(Conflict) as fout:
            controleer_versie(rij, versie)
        assert fout.value.huidig == rij


def test_conflicting_cells_of_the_grid_cost_no_query_each(demo, plan):
    """Finding 19: who changed each cell was one query per conflict (the grid's own work per
    cell is the service's; what is counted here is reading who changed them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.formulier import formulier

    c = demo.client("opgaveteam_a")

    def tellen(maanden: list[str]) -> tuple[int, int]:
        pad = "/gemeenten/GM0034/plan/2023-05-01/"
        data = formulier(c.get(pad).content, "plan-raster")
        for m in maanden:  # someone else changes these cells first
            rij = cel(plan, "amv", f"{m}-01")
            diensten.planning_zetten(
                actie=actie(plan, "amv"),
                maand=Maand.lees(m),
                waarde=Celwaarde((rij.woningen or 0) + 1),
                door=demo.user("opgaveteam_a"),
                versie=rij.versie,
            )
            data[f"c-amv-{m}"] = "40"
        with CaptureQueriesContext(connection) as q:
            html = c.post(pad, data).content.decode()
        historie = [x for x in q.captured_queries if "historicalplanning" in x["sql"]]
        return len(historie), html.count("Intussen gewijzigd door opgaveteam-almere")

    een = tellen(["2023-06"])
    drie = tellen(["2023-07", "2023-08", "2023-09"])
    assert (een[1], drie[1]) == (1, 3)
    assert drie[0] == een[0] == 2  # the last history rows: two queries, not one per cell
