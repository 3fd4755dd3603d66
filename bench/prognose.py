"""Benchmark of the forecast on the national data (bench/README.md, "Prognose").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vh_bench .venv/bin/python bench/prognose.py

Three runs of each, the median reported:

- **the headline, a real recompute**: one realisation row changed in every gemeente (counted
  and housed persons + 1 in a month drawn at random, so no earlier run's snapshot has these
  inputs; undone afterwards), then ``manage.py prognose --alle`` as a
  subprocess (the seconds it reports, and the wall-clock time of the whole process, Python
  and Django start included) and, after another change, ``services.herberekenen_alle()`` in
  this process;
- the no-op: ``prognose --alle`` with nothing changed (the snapshots are only touched);
- "alles nieuw": the recompute when every result is new (the snapshot rows of the synthetic
  gemeenten are deleted first: derived data, no history), which also serialises every result;
- one gemeente: ``services.herberekenen(id)`` (what the Celery task does) for every gemeente
  in turn, each after one of its rows changed; the median and the 95th percentile.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
# As in production, the tasks a recompute starts (the notifications compare the verdicts)
# go to a broker and are not run inside the timing: a queue of its own, emptied afterwards.
os.environ.setdefault("REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"))
os.environ.setdefault("CELERY_QUEUE", "bench-prognose")
RONDEN = int(os.environ.get("BENCH_RONDEN", "3"))


def _mediaan(waarden):
    return statistics.median(waarden)


def _p95(waarden):
    return statistics.quantiles(waarden, n=20, method="inclusive")[-1]


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from demo import landelijk
    from prognose import services
    from prognose.models import Snapshot

    naam = settings.DATABASES["default"]["NAME"]
    print(f"database {naam} ({connection.vendor}), {landelijk.aanwezig()} synthetische gemeenten")

    gewijzigd: list[int] = []

    def wijzig_alle() -> None:
        """One realisation row changed in every gemeente (its counted persons + 1, and as many
        housed), in a month drawn at random: every input hash changes to one no earlier run
        has stored, so every gemeente is really recomputed."""
        with connection.cursor() as c:
            c.execute(
                "UPDATE taakstelling_realisatie SET personen_tellend = personen_tellend + 1, "
                "personen_gehuisvest = personen_gehuisvest + 1 WHERE id IN (SELECT DISTINCT ON "
                "(gemeente_id) id FROM taakstelling_realisatie ORDER BY gemeente_id, random()) "
                "RETURNING id"
            )
            gewijzigd.extend(r[0] for r in c.fetchall())

    def herstel() -> None:
        with connection.cursor() as c:
            for i in gewijzigd:
                c.execute(
                    "UPDATE taakstelling_realisatie SET personen_tellend = personen_tellend - 1, "
                    "personen_gehuisvest = personen_gehuisvest - 1 WHERE id = %s",
                    [i],
                )
        gewijzigd.clear()

    def een_rij(g: int, n: int, rij: int | None = None) -> int:
        """Row ``rij`` (None: one of the gemeente's drawn at random) + n persons; its id."""
        with connection.cursor() as c:
            c.execute(
                "UPDATE taakstelling_realisatie SET personen_tellend = personen_tellend + %s, "
                "personen_gehuisvest = personen_gehuisvest + %s WHERE id = COALESCE(%s, (SELECT "
                "id FROM taakstelling_realisatie WHERE gemeente_id = %s ORDER BY random() "
                "LIMIT 1)) RETURNING id",
                [n, n, rij, g],
            )
            return c.fetchone()[0]

    def commando() -> tuple[float, float]:
        begin = time.perf_counter()
        uit = subprocess.run(
            [sys.executable, "manage.py", "prognose", "--alle", "--format", "json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(uit)["seconden"], time.perf_counter() - begin

    def runs(waarden, eenheid="s", factor=1.0) -> str:
        return ", ".join(f"{factor * x:.3f}" for x in waarden) + f" {eenheid}"

    # 1. The headline: a real recompute, one realisation row changed in every gemeente.
    gemeld, wand, intern = [], [], []
    services.herberekenen_alle()  # this process's first call (imports, connections) apart
    for _ in range(RONDEN):
        wijzig_alle()
        g, w = commando()
        gemeld.append(g)
        wand.append(w)
        wijzig_alle()
        begin = time.perf_counter()
        h = services.herberekenen_alle()
        intern.append(time.perf_counter() - begin)
    print(
        f"ECHTE HERBEREKENING (één realisatieregel gewijzigd in elke gemeente, {h.gemeenten} "
        f"gemeenten, {h.nieuw} nieuwe snapshots): in-process {_mediaan(intern):.3f} s "
        f"(doel < 1 s; runs {runs(intern)}), als proces {_mediaan(wand):.2f} s (doel < 2,5 s; "
        f"runs {runs(wand)}), het commando meldt {_mediaan(gemeld):.3f} s"
    )

    herstel()  # the figures as generated again

    # 2. The no-op: inputs unchanged since the last run, the snapshots are only touched.
    gemeld, wand = [], []
    for _ in range(RONDEN):
        g, w = commando()
        gemeld.append(g)
        wand.append(w)
    print(
        f"niets gewijzigd (no-op): het commando meldt {_mediaan(gemeld):.3f} s (runs "
        f"{runs(gemeld)}), {_mediaan(wand):.2f} s als proces"
    )

    # 3. Every result new: the snapshots of the synthetic gemeenten are derived data.
    nieuw = []
    for _ in range(RONDEN):
        Snapshot.objects.filter(gemeente__in=landelijk.synthetische_gemeenten()).delete()
        nieuw.append(services.herberekenen_alle().seconden)
    print(
        f"prognose --alle, alles nieuw: {_mediaan(nieuw):.3f} s (runs "
        f"{', '.join(f'{x:.3f}' for x in nieuw)})"
    )

    # 4. One gemeente at a time, every gemeente (what the task does after one change).
    ids = list(landelijk.synthetische_gemeenten().order_by("cbs_code").values_list("pk", flat=True))
    medianen, p95s, grootste = [], [], []
    groot = landelijk.synthetische_gemeenten().order_by("-inwoners").first().pk
    for _ in range(RONDEN):
        tijden = []
        for g in ids:
            rij = een_rij(g, 1)  # a real recompute: one of its rows changed
            begin = time.perf_counter()
            services.herberekenen(g)
            tijden.append(time.perf_counter() - begin)
            een_rij(g, -1, rij)
        medianen.append(_mediaan(tijden))
        p95s.append(_p95(tijden))
        rij = een_rij(groot, 1)
        begin = time.perf_counter()
        services.herberekenen(groot)
        grootste.append(time.perf_counter() - begin)
        een_rij(groot, -1, rij)
    print(
        f"één gemeente (echte herberekening, doel < 25 ms): mediaan "
        f"{1000 * _mediaan(medianen):.1f} ms, p95 "
        f"{1000 * _mediaan(p95s):.1f} ms over {len(ids)} gemeenten; de grootste "
        f"{1000 * _mediaan(grootste):.1f} ms"
    )


def _wachtrij_legen() -> None:
    import redis

    r = redis.Redis.from_url(os.environ["REDIS_URL"])
    r.delete(os.environ["CELERY_QUEUE"], *r.scan_iter(f"*{os.environ['CELERY_QUEUE']}*"))


if __name__ == "__main__":
    try:
        main()
    finally:
        _wachtrij_legen()
