"""Every change of a figure leaves an append-only history row with who, when, old, new, why."""

import pytest
from django.db import DatabaseError, connection, transaction

from taakstelling.models import Realisatie


def test_a_change_is_recorded_with_author_reason_and_both_values(demo):
    rij = Realisatie.objects.filter(gemeente=demo.almere).first()
    oud = rij.personen_tellend
    rij.personen_tellend = oud - 1
    rij._history_user = demo.user("opgaveteam_a")
    rij._change_reason = "Correctie na controle"
    rij.save()
    nieuw, vorig = rij.history.all()[:2]
    assert nieuw.history_user.username == "opgaveteam-almere"
    assert nieuw.history_change_reason == "Correctie na controle"
    verschil = nieuw.diff_against(vorig)
    assert [(c.field, c.old, c.new) for c in verschil.changes] == [
        ("personen_tellend", oud, oud - 1)
    ]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE taakstelling_historicalrealisatie SET personen_tellend = 0",
        "DELETE FROM taakstelling_historicalrealisatie",
        "UPDATE bemiddeling_historicalaanbod SET mutaties = 0",
    ],
)
def test_the_database_refuses_to_rewrite_history(demo, sql):
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)


def _historietabellen() -> set[str]:
    from django.apps import apps

    return {m._meta.db_table for m in apps.get_models() if m.__name__.startswith("Historical")}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE bestaat niet in SQLite")
@pytest.mark.parametrize(
    "tabel",
    [
        "taakstelling_historicalrealisatie",
        "bemiddeling_historicalaanbod",
        "rapportage_historicalscenario",
    ],
)
def test_the_database_refuses_to_truncate_history(demo, tabel):
    """TRUNCATE fires no row triggers: a statement trigger refuses it."""
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen: TRUNCATE"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f'TRUNCATE "{tabel}"')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE bestaat niet in SQLite")
def test_every_history_table_refuses_truncate(demo):
    """Also a history table added later (AlleenToevoegen adds the TRUNCATE trigger too)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgname LIKE %s AND (t.tgtype & 32) = 32 "
            "AND (t.tgtype & 1) = 0",  # TRUNCATE, FOR EACH STATEMENT
            ["%_geen_truncate"],
        )
        beveiligd = {r[0] for r in cursor.fetchall()}
    assert _historietabellen() - beveiligd == set()


def test_every_history_table_is_append_only(demo):
    """A new audited model must get its trigger too (organisaties.migratie_operaties)."""
    tabellen = _historietabellen()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name LIKE %s",
                ["%_alleen_toevoegen"],
            )
        else:
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        beveiligd = {r[0] for r in cursor.fetchall()}
    assert tabellen - beveiligd == set()


@pytest.mark.django_db(transaction=True)
def test_the_test_database_can_still_be_flushed():
    """Transactional tests (browser, worker) end with a flush of every table: the test suite
    lifts the triggers for that flush only (tests/conftest.py)."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    assert not Realisatie.history.exists()
