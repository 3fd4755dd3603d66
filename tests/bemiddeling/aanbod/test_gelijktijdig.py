"""Two people saving the same new figure at the same moment (review findings 5 and 13).

Real threads on real connections (``transaction=True``): the first writer is held between
its insert and its commit, so both requests pass their checks before either commits, as the
reviewer's probe did. The parent is locked before a child is created, so the second one
waits and then sees the first one's row: a conflict or a Dutch message, never an
IntegrityError (a 500). As a second line of defence a unique-key collision that still
happens is a Conflict too.
"""

import re
import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bemiddeling.models import Aanbod, Actie, Actieplan, Planning
from bemiddeling.services import aanbod as aanbod_diensten
from bemiddeling.services import plan as plan_diensten
from bemiddeling.services.aanbod import Aanbodcijfers
from bemiddeling.services.plan import Celwaarde, Celwijziging
from kern.perioden import Maand
from organisaties.wijzigen import Conflict, opslaan
from taakstelling.models import AmvCohort, Mijlpaal
from taakstelling.services import taakstelling as taak_diensten
from taakstelling.toezicht import services as toezicht_diensten

WACHT = 0.6  # seconds the writer holds its transaction open after writing


def tegelijk(monkeypatch, module: str, *opdrachten) -> list[str]:
    """Run the callables at the same moment in threads; each write holds its transaction
    open for WACHT seconds (in the recompute request, the last step before commit)."""
    monkeypatch.setattr(f"{module}.herberekening_aanvragen", lambda _id: time.sleep(WACHT))
    start = threading.Barrier(len(opdrachten))
    uitkomsten: list[str] = []

    def draai(opdracht):
        try:
            start.wait()
            opdracht()
            uitkomsten.append("opgeslagen")
        except Conflict as c:
            uitkomsten.append(f"conflict: {c}")
        except ValidationError as e:
            uitkomsten.append(f"melding: {' '.join(e.messages)}")
        except Exception as e:  # an IntegrityError is what this test is about
            uitkomsten.append(f"FOUT {type(e).__name__}: {e}")
        finally:
            connection.close()

    draden = [threading.Thread(target=draai, args=(o,)) for o in opdrachten]
    for d in draden:
        d.start()
    for d in draden:
        d.join(30)
    return sorted(uitkomsten)


@pytest.mark.django_db(transaction=True)
def test_two_first_saves_of_a_supply_month(demo, juni_2023, monkeypatch):
    door = demo.user("corporatie_a")

    def sla_op(mutaties):
        return lambda: aanbod_diensten.aanbod_registreren(
            corporatie=demo.ymere,
            gemeente=demo.almere,
            maand=Maand(2023, 5),
            cijfers=Aanbodcijfers(mutaties, 0, 0, 0, 5, 2),
            door=door,
            versie=None,
        )

    uit = tegelijk(monkeypatch, "bemiddeling.services.aanbod", sla_op(30), sla_op(31))
    # The second waited for the first and found its row: the ordinary conflict (both values
    # shown), not the unique-key collision.
    assert uit == ["conflict: Iemand anders heeft dit cijfer intussen gewijzigd.", "opgeslagen"]
    assert Aanbod.objects.filter(corporatie=demo.ymere, maand="2023-05-01").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_first_saves_of_an_amv_cohort(demo, juni_2023, monkeypatch):
    door = demo.user("opgaveteam_a")

    def sla_op(aantal):
        return lambda: taak_diensten.amv_cohort_vastleggen(
            gemeente=demo.almere,
            geboortemaand=Maand(2007, 3),
            gehuisvest_in=Maand(2023, 5),
            aantal=aantal,
            door=door,
        )

    uit = tegelijk(monkeypatch, "taakstelling.services.taakstelling", sla_op(2), sla_op(3))
    assert uit[1] == "opgeslagen" and uit[0].startswith("melding: Dit cohort")
    assert AmvCohort.objects.filter(gemeente=demo.almere, geboortemaand="2007-03-01").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_new_plans_with_the_same_start(demo, juni_2023, monkeypatch):
    door = demo.user("opgaveteam_a")

    def maak(naam):
        return lambda: plan_diensten.actieplan_aanmaken(
            gemeente=demo.almere,
            naam=naam,
            van=Maand(2024, 1),
            tot=Maand(2024, 6),
            bezetting=Decimal("2.2"),
            door=door,
        )

    uit = tegelijk(monkeypatch, "bemiddeling.services.plan", maak("A"), maak("B"))
    assert uit == ["melding: Er is al een plan dat in deze maand begint.", "opgeslagen"]
    assert Actieplan.objects.filter(gemeente=demo.almere, geldig_vanaf="2024-01-01").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_milestone_moved_to_a_date_that_is_taken_at_the_same_moment(demo, juni_2023, monkeypatch):
    door = demo.user("provincie_a")
    okt = Mijlpaal.objects.get(gemeente=demo.almere, datum=date(2023, 10, 1))
    okt.gemeente = demo.almere
    nieuw = date(2023, 11, 15)

    def vastleggen():
        toezicht_diensten.mijlpaal_vastleggen(
            gemeente=demo.almere,
            datum=nieuw,
            doel=450,
            startdatum=date(2023, 1, 1),
            omschrijving="",
            door=door,
        )

    def verzetten():
        toezicht_diensten.mijlpaal_wijzigen(
            mijlpaal=okt,
            datum=nieuw,
            doel=okt.doel,
            startdatum=okt.startdatum,
            omschrijving=okt.omschrijving,
            door=door,
            versie=okt.versie,
            reden="Uitstel",
        )

    uit = tegelijk(monkeypatch, "taakstelling.toezicht.services", vastleggen, verzetten)
    assert uit == ["melding: Op deze datum ligt al een mijlpaal; wijzig die.", "opgeslagen"]
    assert Mijlpaal.objects.filter(gemeente=demo.almere, datum=nieuw).count() == 1


def test_a_collision_that_still_happens_is_a_conflict_with_the_stored_row(demo):
    """The second line of defence: the unique constraint, caught in ``opslaan``."""
    cijfers = dict.fromkeys(vars(Aanbodcijfers(9, 0, 0, 0, 0, 0)), 0) | {"mutaties": 9}
    sleutel = {"corporatie": demo.ymere, "gemeente": demo.almere, "maand": date(2021, 1, 1)}
    bestaand = Aanbod.objects.create(**sleutel, **cijfers)
    dubbel = Aanbod(**sleutel, **cijfers)
    with pytest.raises(Conflict, match="tegelijk vastgelegd") as fout:
        opslaan(dubbel, door=demo.user("corporatie_a"), reden=None)
    assert fout.value.huidig == bestaand
    # the transaction goes on: the savepoint was rolled back, nothing half-written
    assert Aanbod.objects.filter(maand="2021-01-01").count() == 1


# --- lock order in the plan (finding 13) ----------------------------------------------------


def _vergrendeld(queries) -> list[str]:
    """The rows each SELECT ... FOR UPDATE locks, in order: its tables (a join locks the
    joined rows too), with ' (op pk)' when it locks several rows in pk order."""
    uitkomst = []
    for q in queries:
        sql = q["sql"]
        if "FOR UPDATE" not in sql:
            continue
        tabellen = re.findall(r'(?:FROM|JOIN) "(\w+)"', sql)
        geordend = re.search(r"ORDER BY (\S+\.\"id\"|1) ASC", sql) and "LIMIT 1" not in sql
        uitkomst.append("+".join(tabellen) + (" (op pk)" if geordend else ""))
    return uitkomst


def _plan(demo):
    return Actieplan.objects.get(gemeente=demo.almere, geldig_vanaf=date(2023, 5, 1))


def test_removing_an_action_locks_plan_action_then_cells_by_pk(demo, juni_2023):
    actie = Actie.objects.get(actieplan=_plan(demo), type_id="amv")
    with CaptureQueriesContext(connection) as q:
        plan_diensten.actie_verwijderen(
            actie=actie, door=demo.user("opgaveteam_a"), versie=actie.versie, reden="Vervalt"
        )
    assert _vergrendeld(q.captured_queries) == [
        "bemiddeling_actieplan",
        "bemiddeling_actie",
        "bemiddeling_planning (op pk)",
    ]


def test_saving_the_grid_locks_the_plan_then_its_actions_by_pk_then_cells(demo, juni_2023):
    plan = _plan(demo)
    acties = {a.type_id: a for a in Actie.objects.filter(actieplan=plan)}
    cellen = {
        p.actie.type_id: p
        for p in Planning.objects.filter(actie__actieplan=plan, maand="2023-06-01")
    }
    wijzigingen = [
        Celwijziging(acties[code], Maand(2023, 6), Celwaarde(7), cellen[code].versie)
        for code in sorted(cellen)[:2]
    ]
    with CaptureQueriesContext(connection) as q:
        plan_diensten.planraster_opslaan(
            plan=plan, wijzigingen=wijzigingen, door=demo.user("opgaveteam_a")
        )
    assert _vergrendeld(q.captured_queries) == [
        "bemiddeling_actieplan",
        "bemiddeling_actie (op pk)",
        "bemiddeling_planning",
        "bemiddeling_planning",
    ]


def test_one_cell_locks_its_plan_and_action_first(demo, juni_2023):
    plan = _plan(demo)
    actie = Actie.objects.get(actieplan=plan, type_id="amv")
    cel = Planning.objects.get(actie=actie, maand="2023-06-01")
    with CaptureQueriesContext(connection) as q:
        plan_diensten.planning_zetten(
            actie=actie,
            maand=Maand(2023, 6),
            waarde=Celwaarde(3),
            door=demo.user("opgaveteam_a"),
            versie=cel.versie,
        )
    assert _vergrendeld(q.captured_queries) == [
        "bemiddeling_actieplan",
        "bemiddeling_actie",
        "bemiddeling_planning",
    ]
