"""Why an import of 10,000 changed rows takes seconds, and what would make it fast.

    bench/bijwerken.py

The import (taakstelling/services/importeren.py) writes changed rows with simple_history's
``bulk_update_with_history``, i.e. Django's ``QuerySet.bulk_update``: per batch of 2,000 rows
one UPDATE with a ``CASE WHEN id = ... THEN ...`` per field, built from 10,000 x 5 expression
objects in Python, and evaluated by PostgreSQL row by row against up to 2,000 conditions.
This script changes the same 10,000 newest rows both ways, each in a transaction that is
rolled back (the database is left as it was), three times, and prints the medians:

- ``bulk_update`` of the five fields the import writes, plus the history rows;
- one ``UPDATE ... FROM (VALUES ...)`` per batch (PostgreSQL), plus the same history rows
  (``Realisatie.history.bulk_history_create``): the proposed replacement.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import productie

AANTAL = 10_000
BATCH = 2000
RONDEN = int(os.environ.get("BENCH_RONDEN", "3"))
VELDEN = ["personen_gehuisvest", "personen_tellend", "woningen", "illustratief", "versie"]


def main() -> None:
    wachtrij = productie.instellen()
    import django

    django.setup()
    from django.db import connection, transaction

    from taakstelling.models import Realisatie

    def rijen():
        uitkomst = list(
            Realisatie.objects.order_by("-maand", "gemeente_id", "bron_id", "pk")[:AANTAL]
        )
        for r in uitkomst:
            r.personen_gehuisvest += 1
            r.personen_tellend += r.bron_id != "har_uitplaatsing"
            r.woningen += r.bron_id != "har"
            r.illustratief = False
            r.versie += 1
        return uitkomst

    def met_bulk_update(objecten):
        Realisatie.objects.bulk_update(objecten, VELDEN, batch_size=BATCH)

    def met_values(objecten):
        q = connection.ops.quote_name
        toekenning = ", ".join(f"{q(v)} = w.{q(v)}" for v in VELDEN)
        kolommen = ", ".join(q(v) for v in ["id", *VELDEN])
        with connection.cursor() as cursor:
            for i in range(0, len(objecten), BATCH):
                deel = objecten[i : i + BATCH]
                plekken = ", ".join(
                    ["(%s::bigint, %s::int, %s::int, %s::int, %s::bool, %s::int)"] * len(deel)
                )
                cursor.execute(
                    f"UPDATE {q(Realisatie._meta.db_table)} AS r SET {toekenning} "  # noqa: S608
                    f"FROM (VALUES {plekken}) AS w({kolommen}) WHERE r.id = w.id",
                    [x for r in deel for x in (r.pk, *(getattr(r, v) for v in VELDEN))],
                )

    try:
        for naam, schrijven in (
            ("bulk_update", met_bulk_update),
            ("UPDATE ... FROM VALUES", met_values),
        ):
            tijden, historie = [], []
            for _ in range(RONDEN):
                objecten = rijen()
                with transaction.atomic():
                    begin = time.perf_counter()
                    schrijven(objecten)
                    midden = time.perf_counter()
                    Realisatie.history.bulk_history_create(
                        objecten, batch_size=BATCH, default_change_reason="Benchmark"
                    )
                    tijden.append(midden - begin)
                    historie.append(time.perf_counter() - midden)
                    transaction.set_rollback(True)
            print(
                f"{naam}: {AANTAL} rijen bijwerken {statistics.median(tijden):.2f} s + historie "
                f"{statistics.median(historie):.2f} s (mediaan van {RONDEN})"
            )
    finally:
        productie.opruimen(wachtrij)


if __name__ == "__main__":
    main()
