"""Why an import of 10,000 changed rows took seconds, and what made it fast.

    bench/bijwerken.py

The import (taakstelling/services/importeren.py) wrote changed rows with simple_history's
``bulk_update_with_history``, i.e. Django's ``QuerySet.bulk_update``: per batch of 2,000 rows
one UPDATE with a ``CASE WHEN id = ... THEN ...`` per field, built from 10,000 x 5 expression
objects in Python, and evaluated by PostgreSQL row by row against up to 2,000 conditions.
It now uses ``organisaties.historie.bijwerken_met_historie``: per batch one
``UPDATE ... FROM unnest(arrays)`` and the same history rows. This script changes the same
10,000 newest rows both ways, each in a transaction that is rolled back (the database is left
as it was), three times, and prints the medians of the update and of the whole (with history).
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
    from django.db import transaction

    from organisaties.historie import bijwerken_met_historie
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
        Realisatie.history.bulk_history_create(
            objecten, batch_size=BATCH, update=True, default_change_reason="Benchmark"
        )

    def met_unnest(objecten):
        bijwerken_met_historie(
            objecten, Realisatie, VELDEN, door=None, reden="Benchmark", batch=BATCH
        )

    try:
        for naam, schrijven in (
            ("bulk_update_with_history (was)", met_bulk_update),
            ("bijwerken_met_historie (nu)", met_unnest),
        ):
            tijden = []
            for _ in range(RONDEN):
                objecten = rijen()
                with transaction.atomic():
                    begin = time.perf_counter()
                    schrijven(objecten)
                    tijden.append(time.perf_counter() - begin)
                    transaction.set_rollback(True)
            print(
                f"{naam}: {AANTAL} rijen bijwerken met historie "
                f"{statistics.median(tijden):.2f} s (mediaan van {RONDEN})"
            )
    finally:
        productie.opruimen(wachtrij)


if __name__ == "__main__":
    main()
