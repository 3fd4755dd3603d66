"""The household pipeline page at scale (issue 14 §11; bench/README.md, "Huishoudens").

    .venv/bin/python bench/huishoudens.py          # 2,000 households, 3 rounds of 30 GETs

On a scratch PostgreSQL database of its own (``test_`` + the name in
BENCH_HUISHOUDENS_DATABASE_URL, default vh_bench_huishoudens: created, migrated, dropped after),
with the test settings: one gemeente with 2,000 made-up households (1,600 waiting, 350 moved,
50 dropped out, with their events; demo/huishoudens.py ``genereer``), its opgaveteam logged in
through the Django test client (the whole middleware stack, no network). Times the GET of
/gemeenten/<cbs>/huishoudens/ server-side (p50, p95, max per round; the median of three
rounds) and counts its queries; the same for a filtered view and for ``manage.py pijplijn``'s
summary. The bar: under 100 ms, at most 12 queries (tests/bemiddeling/huishoudens/test_schaal.py).
"""

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

RONDEN = int(os.environ.get("BENCH_RONDEN", "3"))
KEER = int(os.environ.get("BENCH_KEER", "30"))  # GETs per round
AANTAL = int(os.environ.get("BENCH_HUISHOUDENS", "2000"))


def _meet(functie, keer: int) -> tuple[float, float, float]:
    tijden = []
    for _ in range(keer):
        start = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - start) * 1000)
    tijden.sort()
    return statistics.median(tijden), tijden[int(0.95 * (len(tijden) - 1))], tijden[-1]


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    # One connection for the whole run: with CONN_MAX_AGE=0 every request reconnects, which
    # both costs time and empties the query log that the count reads.
    os.environ.setdefault("CONN_MAX_AGE", "600")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_HUISHOUDENS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vh_bench_huishoudens"
    )
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    start = time.perf_counter()
    naam = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"database {naam} gemaakt en gemigreerd in {time.perf_counter() - start:.1f} s")
    try:
        from bemiddeling.huishoudens.selectors import samenvatting
        from demo.huishoudens import genereer
        from organisaties.models import (
            Corporatie,
            Gemeente,
            Lidmaatschap,
            Provincie,
            Rol,
            User,
            Werkgebied,
        )

        p = Provincie.objects.create(naam="Bankprovincie", slug="bank")
        g = Gemeente.objects.create(cbs_code="GM9990", naam="Bankgemeente", provincie=p)
        corporaties = [
            Corporatie.objects.create(naam=f"Bankcorporatie {i}", slug=f"bank-{i}")
            for i in range(3)
        ]
        for c in corporaties:
            Werkgebied.objects.create(corporatie=c, gemeente=g)
        user = User.objects.create_user("bank-opgaveteam")
        Lidmaatschap.objects.create(user=user, rol=Rol.OPGAVETEAM, gemeente=g)
        start = time.perf_counter()
        wachtend = AANTAL * 80 // 100
        verhuisd = AANTAL * 175 // 1000
        genereer(
            g,
            corporaties,
            date.today(),
            wachtend=wachtend,
            verhuisd=verhuisd,
            uitgevallen=AANTAL - wachtend - verhuisd,
            voorvoegsel="BANK",
        )
        print(f"{AANTAL} huishoudens gemaakt in {time.perf_counter() - start:.1f} s")
        client = Client()
        client.force_login(user)
        pad = f"/gemeenten/{g.cbs_code}/huishoudens/"
        for label, url in (
            ("pijplijn", pad),
            ("gefilterd", pad + "?grootte=1&behoefte=medisch"),
            ("alle", pad + "?alle=1"),
        ):
            client.get(url)
            with CaptureQueriesContext(connection) as q:
                antwoord = client.get(url)
            if antwoord.status_code != 200:
                raise SystemExit(f"{url}: {antwoord.status_code}")
            rondes = [_meet(lambda url=url: client.get(url), KEER) for _ in range(RONDEN)]
            p50, p95, mx = (statistics.median(r[i] for r in rondes) for i in range(3))
            kb = len(antwoord.content) / 1024
            print(
                f"{label:<10} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {mx:6.1f} ms  "
                f"{len(q.captured_queries)} queries  {kb:.0f} kB"
            )
        if os.environ.get("BENCH_PROFIEL"):  # where the time of one GET goes
            import cProfile
            import pstats

            profiel = cProfile.Profile()
            profiel.runcall(client.get, pad + os.environ["BENCH_PROFIEL"])
            pstats.Stats(profiel).sort_stats("tottime").print_stats(25)
        rondes = [_meet(lambda: samenvatting(g, date.today()), 5) for _ in range(RONDEN)]
        print(f"samenvatting (pijplijn/API) p50 {statistics.median(r[0] for r in rondes):.1f} ms")
        print(f"load {os.getloadavg()[0]:.2f}")
    finally:
        connection.creation.destroy_test_db(naam, verbosity=0)


if __name__ == "__main__":
    main()
