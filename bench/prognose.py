"""Benchmark of the forecast on the national data (bench/README.md, "Prognose").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vh_bench .venv/bin/python bench/prognose.py

Three runs of each, the median reported:

- ``manage.py prognose --alle`` as a subprocess: the seconds it reports for the recompute of
  all gemeenten (load, engine, write; inputs unchanged since the last run, so the snapshots
  are only touched) and the wall-clock time of the whole command (Python and Django start);
- the same recompute in this process, split into loading the inputs, the engine and writing;
- "alles nieuw": the recompute when every result is new (the snapshot rows of the synthetic
  gemeenten are deleted first: derived data, no history), which also serialises every result;
- one gemeente: ``services.herberekenen(id)`` (what the Celery task does) for every gemeente
  in turn; the median and the 95th percentile over the gemeenten.
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
    from django.utils import timezone

    from demo import landelijk
    from prognose import services
    from prognose.models import Snapshot
    from prognose.rekenen import engine
    from prognose.selectors import invoer

    naam = settings.DATABASES["default"]["NAME"]
    print(f"database {naam} ({connection.vendor}), {landelijk.aanwezig()} synthetische gemeenten")

    # 1. manage.py prognose --alle, as an operator runs it.
    gemeld, wand = [], []
    for _ in range(RONDEN):
        begin = time.perf_counter()
        uit = subprocess.run(
            [sys.executable, "manage.py", "prognose", "--alle", "--format", "json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        wand.append(time.perf_counter() - begin)
        gemeld.append(json.loads(uit)["seconden"])
    print(
        f"prognose --alle: {_mediaan(gemeld):.3f} s herberekening (runs "
        f"{', '.join(f'{x:.3f}' for x in gemeld)}), {_mediaan(wand):.2f} s met opstarten"
    )

    # 2. The same, split into its parts (in this process), as services._herbereken does it.
    delen = {"laden": [], "vensters en hashes": [], "rekenen": [], "schrijven": [], "totaal": []}
    for _ in range(RONDEN):
        t0 = time.perf_counter()
        wijzigingen = dict(services.Rekenstatus.objects.values_list("gemeente_id", "wijziging"))
        batch = invoer.laad(None)
        t1 = time.perf_counter()
        peildata = engine.standaard_peildata(batch, timezone.localdate())
        scenarios = {}
        for s in services.Scenario.objects.filter(gemeente_id__in=list(batch.gemeenten)):
            p = services._parameters(s)
            if p is not None:
                scenarios.setdefault(s.gemeente_id, []).append((s, p))
        opdrachten, sleutels = [], []
        for g in batch.gemeenten:
            opdrachten.append(engine.Opdracht(g, peildata[g]))
            sleutels.append((g, None))
            for s, p in scenarios.get(g, []):
                opdrachten.append(engine.Opdracht(g, peildata[g], p, s.naam))
                sleutels.append((g, s.pk))
        if hasattr(engine, "voorbereiden"):
            voorbereid = engine.voorbereiden(batch, opdrachten)
            rijen = [(g, s, v) for (g, s), v in zip(sleutels, voorbereid, strict=True)]
            t2 = time.perf_counter()
            opgeslagen = services._bestaand(rijen)
            nodig = [i for i, r in enumerate(rijen) if services._sleutel(r) not in opgeslagen]
            berekend = engine.bereken_voorbereid([voorbereid[i] for i in nodig])
            for i, p in zip(nodig, berekend, strict=True):
                rijen[i] = (rijen[i][0], rijen[i][1], p)
        else:  # the engine before the speed-up (bench/README.md, "voor"): everything computed
            t2 = time.perf_counter()
            prognoses = engine.bereken(batch, opdrachten)
            rijen = [(g, s, p) for (g, s), p in zip(sleutels, prognoses, strict=True)]
            nodig = rijen
        t3 = time.perf_counter()
        services._schrijven(rijen, wijzigingen)
        t4 = time.perf_counter()
        tijden = (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0)
        for k, v in zip(delen, tijden, strict=True):
            delen[k].append(v)
    print(
        "  in delen (mediaan): "
        + ", ".join(f"{k} {_mediaan(v):.3f} s" for k, v in delen.items())
        + f"; {len(opdrachten)} prognoses, {len(nodig)} opnieuw berekend"
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
            begin = time.perf_counter()
            services.herberekenen(g)
            tijden.append(time.perf_counter() - begin)
        medianen.append(_mediaan(tijden))
        p95s.append(_p95(tijden))
        begin = time.perf_counter()
        services.herberekenen(groot)
        grootste.append(time.perf_counter() - begin)
    print(
        f"één gemeente: mediaan {1000 * _mediaan(medianen):.1f} ms, p95 "
        f"{1000 * _mediaan(p95s):.1f} ms over {len(ids)} gemeenten; de grootste "
        f"{1000 * _mediaan(grootste):.1f} ms"
    )


if __name__ == "__main__":
    main()
