"""The audit trail: one mechanism (django-simple-history) for every figure.

Each change of a figure writes a history row with who, when, the whole row (old and new
values follow from consecutive rows) and the reason. The database refuses UPDATE and DELETE
on history tables (triggers added by migrations), so the application cannot rewrite the past.
"""

from collections import defaultdict
from datetime import datetime

from django.db import connection, models, transaction
from django.db.models import Max
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_update_with_history


def historie(**opties) -> HistoricalRecords:
    """``opties``: e.g. ``table_name`` for a model that moved app but kept its table."""
    return HistoricalRecords(
        history_change_reason_field=models.TextField(null=True, blank=True),
        cascade_delete_history=False,
        **opties,
    )


def naam_van(gebruiker) -> str | None:
    if gebruiker is None:
        return None
    return gebruiker.get_full_name() or gebruiker.username


def laatste_auteurs(rijen) -> dict[tuple[type, object], tuple[str | None, datetime | None]]:
    """Who last changed each row, and when: {(model, pk): (name, history_date)}.

    Two queries per model whatever the number of rows. "Last" is the highest history_id, not
    the latest date: a row's history is written in order, while dates can repeat (or, with a
    frozen clock in tests, go back).
    """
    per_model: dict[type, set] = defaultdict(set)
    for rij in rijen:
        if rij is not None and rij.pk is not None:
            per_model[type(rij)].add(rij.pk)
    uitkomst: dict[tuple[type, object], tuple[str | None, datetime | None]] = {}
    for model, pks in per_model.items():
        h = model.history.model
        pk = model._meta.pk.attname
        ids = (
            h.objects.filter(**{f"{pk}__in": pks})
            .values(pk)
            .annotate(laatste=Max("history_id"))
            .values_list("laatste", flat=True)
        )
        for r in h.objects.filter(history_id__in=list(ids)).select_related("history_user"):
            uitkomst[(model, getattr(r, pk))] = (naam_van(r.history_user), r.history_date)
    return uitkomst


def laatste_auteur(rij) -> tuple[str | None, datetime | None]:
    if rij is None or rij.pk is None:
        return None, None
    return laatste_auteurs([rij]).get((type(rij), rij.pk), (None, None))


def bijwerken_met_historie(
    objecten: list[models.Model],
    model: type[models.Model],
    velden: list[str],
    *,
    door,
    reden: str,
    batch: int = 2000,
) -> None:
    """Update many rows and write their history rows (who, when, reason), in one transaction.

    On PostgreSQL one ``UPDATE ... FROM unnest(array, array, ...)`` per batch: one array
    parameter per column, so neither Django nor psycopg builds or parses a statement with
    tens of thousands of placeholders. Django's ``bulk_update`` (which
    ``bulk_update_with_history`` uses) builds a ``CASE WHEN id = ...`` of ``batch`` branches
    per field instead, which PostgreSQL evaluates row by row: 8.4 s against well under a second
    for 10,000 rows (bench/README.md, import). Elsewhere (SQLite) ``bulk_update``. The history
    is written by simple_history's own ``bulk_update_with_history`` with no fields, exactly as
    it would after its own update."""
    if not objecten:
        return
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            q = connection.ops.quote_name
            pk = model._meta.pk
            kolommen = [pk, *(model._meta.get_field(v) for v in velden)]
            arrays = ", ".join(f"%s::{k.cast_db_type(connection)}[]" for k in kolommen)
            namen = ", ".join(q(k.column) for k in kolommen)
            toekenning = ", ".join(f"{q(k.column)} = w.{q(k.column)}" for k in kolommen[1:])
            sql = (
                f"UPDATE {q(model._meta.db_table)} AS r SET {toekenning} "  # noqa: S608
                f"FROM unnest({arrays}) AS w({namen}) "
                f"WHERE r.{q(pk.column)} = w.{q(pk.column)}"
            )
            with connection.cursor() as cursor:
                for i in range(0, len(objecten), batch):
                    deel = objecten[i : i + batch]
                    cursor.execute(sql, [_kolom(k, deel) for k in kolommen])
        else:
            model._default_manager.bulk_update(objecten, velden, batch_size=batch)
        bulk_update_with_history(
            objecten,
            model,
            [],
            batch_size=batch,
            default_user=door,
            default_change_reason=reden,
        )


# Integers and booleans go to the database as they are: preparing 10,000 x 6 of them one by
# one through Field.get_db_prep_save costs more than the UPDATE itself.
_ZOALS_ZE_ZIJN = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
}


def _kolom(veld: models.Field, objecten: list[models.Model]) -> list:
    if veld.get_internal_type() in _ZOALS_ZE_ZIJN:
        return [getattr(o, veld.attname) for o in objecten]
    return [veld.get_db_prep_save(getattr(o, veld.attname), connection) for o in objecten]
