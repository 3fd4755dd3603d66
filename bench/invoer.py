"""Import benchmark (bench/README.md, "Import"): 10,000 rows of monthly figures.

    bench/invoer.py

The file: the 10,000 newest realisation rows of the national benchmark database (every
gemeente, the last months), each figure changed, in the import format (README.md). As a
user with the opgaveteam role in every gemeente (one file for the whole country), three runs
each, the median reported:

- ``manage.py import_realisatie`` as a subprocess (wall-clock, Python and Django start
  included), each run with other figures, so each writes 10,000 changed rows and history;
- the service in this process (``lees_bestand`` + ``realisatie_importeren``), the same, with
  its queries;
- the same 10,000 rows as new rows (deleted first inside a transaction that is rolled back
  afterwards, so each run inserts the same rows again; only the import is timed);
- the same file once more, nothing changed (the preview's and a re-import's cost).

The database keeps the changed figures of the last run (and their history).
"""

import csv
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import productie

AANTAL = 10_000
RONDEN = int(os.environ.get("BENCH_RONDEN", "3"))
GEBRUIKER = "bench-import"
KOLOMMEN = [
    "gemeente",
    "maand",
    "bron",
    "corporatie",
    "personen_gehuisvest",
    "personen_tellend",
    "woningen",
]


def _mediaan(waarden: list[float]) -> str:
    return f"mediaan van {len(waarden)}: {statistics.median(waarden):.2f} s"


def _bestand(rijen, plus: int) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\n")
    schrijver.writerow(KOLOMMEN)
    for cbs, maand, bron, slug, g, t, w in rijen:
        tellend = 0 if bron == "har_uitplaatsing" else t + plus
        woningen = 0 if bron == "har" else w + plus
        schrijver.writerow([cbs, maand, bron, slug or "", g + plus, tellend, woningen])
    return uit.getvalue().encode()


def main() -> None:
    wachtrij = productie.instellen()
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from kern.perioden import Maand
    from organisaties.models import Gemeente, Lidmaatschap, Rol, User
    from taakstelling.models import Realisatie
    from taakstelling.services.importeren import lees_bestand, realisatie_importeren

    door, _ = User.objects.get_or_create(username=GEBRUIKER)
    bestaand = set(
        Lidmaatschap.objects.filter(user=door, rol=Rol.OPGAVETEAM).values_list(
            "gemeente_id", flat=True
        )
    )
    Lidmaatschap.objects.bulk_create(
        [
            Lidmaatschap(user=door, rol=Rol.OPGAVETEAM, gemeente_id=g)
            for g in Gemeente.objects.exclude(pk__in=bestaand).values_list("pk", flat=True)
        ]
    )
    rijen = list(
        Realisatie.objects.order_by(
            "-maand", "gemeente__cbs_code", "bron_id", "corporatie__slug"
        ).values_list(
            "gemeente__cbs_code",
            "maand",
            "bron_id",
            "corporatie__slug",
            "personen_gehuisvest",
            "personen_tellend",
            "woningen",
        )[:AANTAL]
    )
    rijen = [(c, str(Maand.van(m)), b, s, g, t, w) for c, m, b, s, g, t, w in rijen]
    maanden = sorted({r[1] for r in rijen})
    print(
        f"{len(rijen)} regels, {len({r[0] for r in rijen})} gemeenten, {maanden[0]}–{maanden[-1]}"
    )
    werk = Path(tempfile.mkdtemp(prefix="vh-bench-import-"))
    try:
        # 1. The command, as an operator runs it.
        opdracht = []
        for ronde in range(RONDEN):
            pad = werk / f"import-{ronde}.csv"
            pad.write_bytes(_bestand(rijen, 1 + ronde % 2))
            begin = time.perf_counter()
            uit = subprocess.run(  # noqa: S603 (our own command, fixed arguments)
                [sys.executable, "manage.py", "import_realisatie", str(pad), "--gebruiker",
                 GEBRUIKER, "--reden", "Benchmark import"],
                cwd=productie.ROOT, capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            opdracht.append(time.perf_counter() - begin)
            print(f"  manage.py import_realisatie: {opdracht[-1]:.2f} s — {uit.strip()[:120]}")
        print(f"manage.py import_realisatie, {_mediaan(opdracht)}")

        # 2. The service in this process, changed figures, with its queries.
        dienst, aantallen = [], []
        for ronde in range(RONDEN):
            inhoud = _bestand(rijen, 2 + ronde % 2)  # differs from the file before it
            with CaptureQueriesContext(connection) as q:
                begin = time.perf_counter()
                plan = realisatie_importeren(
                    regels=lees_bestand("import.csv", inhoud),
                    door=door,
                    bestandsnaam="import.csv",
                    reden="Benchmark import",
                )
                dienst.append(time.perf_counter() - begin)
            aantallen.append(len(q.captured_queries))
            print(
                f"  dienst: {dienst[-1]:.2f} s, {len(q.captured_queries)} queries, {plan.aantallen}"
            )
        print(f"dienst (gewijzigd), {_mediaan(dienst)}")

        # 3. New rows: the same 10,000 rows deleted (plain SQL, in the transaction) and
        #    imported again as new, rolled back after each run; only the import is timed.
        inhoud = _bestand(rijen, 0)
        sleutels = {(r[0], r[1], r[2], r[3]) for r in rijen}
        ids = [
            pk
            for pk, c, m, b, s in Realisatie.objects.filter(
                maand__gte=Maand.parse(maanden[0]).eerste_dag
            ).values_list("pk", "gemeente__cbs_code", "maand", "bron_id", "corporatie__slug")
            if (c, str(Maand.van(m)), b, s) in sleutels
        ]
        ingevoegd = []
        for _ in range(RONDEN):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    for i in range(0, len(ids), 5000):
                        deel = ids[i : i + 5000]
                        plekken = ", ".join(["%s"] * len(deel))
                        cursor.execute(
                            f"DELETE FROM taakstelling_realisatie WHERE id IN ({plekken})",  # noqa: S608
                            deel,
                        )
                begin = time.perf_counter()
                plan = realisatie_importeren(
                    regels=lees_bestand("nieuw.csv", inhoud),
                    door=door,
                    bestandsnaam="nieuw.csv",
                    reden="Benchmark import",
                )
                ingevoegd.append(time.perf_counter() - begin)
                transaction.set_rollback(True)
            print(f"  dienst, nieuwe regels: {ingevoegd[-1]:.2f} s, {plan.aantallen}")
        print(f"dienst (nieuw, teruggedraaid), {_mediaan(ingevoegd)}")

        # 4. The last file again: nothing changes.
        zelfde = []
        for _ in range(RONDEN):
            begin = time.perf_counter()
            plan = realisatie_importeren(
                regels=lees_bestand("import.csv", _bestand(rijen, 2 + (RONDEN - 1) % 2)),
                door=door,
                bestandsnaam="import.csv",
                reden="Benchmark import",
            )
            zelfde.append(time.perf_counter() - begin)
        print(f"dienst (ongewijzigd), {_mediaan(zelfde)}, {plan.aantallen}")
    finally:
        for p in werk.iterdir():
            p.unlink()
        werk.rmdir()
        productie.opruimen(wachtrij)


if __name__ == "__main__":
    main()
