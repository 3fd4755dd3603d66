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


def test_every_history_table_is_append_only(demo):
    """A new audited model must get its trigger too (organisaties.migratie_operaties)."""
    from django.apps import apps

    tabellen = {m._meta.db_table for m in apps.get_models() if m.__name__.startswith("Historical")}
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
