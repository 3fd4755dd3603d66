"""Month save benchmark (bench/README.md, "Maand opslaan"): POST of the month form.

    bench/maand.py            # 3 runs of 200 saves over 40 gemeenten

In this process with the Django test client (the whole middleware stack, no network, CSRF
not checked), production settings, the national benchmark database and a reachable Redis
with Celery not eager: every save commits, raises the change counter and enqueues its
recompute (the planned-recompute key is removed before each save, so every save publishes:
the worst case; no worker runs, the queue is emptied afterwards). Each save changes the AMV
figures of the newest month of one gemeente as its opgaveteam. p50/p95/max per run, the
median of three, and the queries of one save. The month page itself (the GET that precedes
each save, and follows it after the redirect) is timed apart.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import productie
from tests.formulier import formulier

GEMEENTEN = int(os.environ.get("BENCH_GEMEENTEN", "40"))
SAVES = int(os.environ.get("BENCH_OPSLAAN", "200"))
RONDEN = int(os.environ.get("BENCH_RONDEN", "3"))


def main() -> None:
    wachtrij = productie.instellen()
    import django

    django.setup()
    import redis
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.sessie import sessie
    from demo import landelijk
    from prognose import herberekening

    productie.statisch()
    r = redis.Redis.from_url(settings.REDIS_URL)
    tot = str(landelijk.STANDAARD_TOT)
    gemeenten = list(
        landelijk.synthetische_gemeenten().order_by("cbs_code").values_list("pk", "cbs_code")
    )[:GEMEENTEN]
    clients = []
    for pk, cbs in gemeenten:
        c = Client(HTTP_HOST=productie.HOST)
        c.cookies["sessionid"] = sessie(f"bench-opgaveteam-{cbs}", "opgaveteam", cbs)
        clients.append((pk, cbs, c))

    paginatijden: list[float] = []

    def opslaan(i: int, meten=None) -> float:
        pk, cbs, c = clients[i % len(clients)]
        pad = f"/gemeenten/{cbs}/realisatie/{tot}/"
        begin = time.perf_counter()
        pagina = c.get(pad, secure=True)
        paginatijden.append(time.perf_counter() - begin)
        velden = formulier(pagina.content.decode())
        n = 1 + (i // len(clients) + 1) % 9 + (velden.get("r-amv-personen_gehuisvest") == "1")
        velden.update(
            {
                "r-amv-personen_gehuisvest": str(n),
                "r-amv-personen_tellend": str(n),
                "r-amv-woningen": "1",
                "reden": "Benchmark maand opslaan",
            }
        )
        r.delete(herberekening.sleutel(pk))  # the worst case: this save enqueues
        # Form-encoded, as a browser posts the form (the test client's default is multipart).
        body = urlencode(velden)
        soort = "application/x-www-form-urlencoded"
        begin = time.perf_counter()
        if meten is not None:
            with CaptureQueriesContext(connection) as q:
                antwoord = c.post(pad, body, content_type=soort, secure=True)
            meten.extend(q.captured_queries)
        else:
            antwoord = c.post(pad, body, content_type=soort, secure=True)
        duur = time.perf_counter() - begin
        if antwoord.status_code != 302:
            raise SystemExit(f"{pad}: HTTP {antwoord.status_code}\n{antwoord.content[-3000:]}")
        return duur

    try:
        for i in range(len(clients)):  # warm up: one save per gemeente
            opslaan(i)
        paginatijden.clear()
        uitslagen = []
        for ronde in range(RONDEN):
            tijden = sorted(opslaan(ronde * SAVES + i) for i in range(SAVES))
            p50 = statistics.median(tijden)
            p95 = statistics.quantiles(tijden, n=20, method="inclusive")[-1]
            uitslagen.append((p50, p95, tijden[-1]))
            print(
                f"ronde {ronde + 1}: {SAVES} keer opslaan, p50 {1000 * p50:.1f} ms, "
                f"p95 {1000 * p95:.1f} ms, max {1000 * tijden[-1]:.1f} ms"
            )
        m = [statistics.median(u[k] for u in uitslagen) for k in range(3)]
        print(
            f"mediaan van {RONDEN}: p50 {1000 * m[0]:.1f} ms, p95 {1000 * m[1]:.1f} ms, "
            f"max {1000 * m[2]:.1f} ms"
        )
        paginatijden.sort()
        print(
            f"de maandpagina (GET, vóór elke keer opslaan): p50 "
            f"{1000 * statistics.median(paginatijden):.1f} ms, p95 "
            f"{1000 * statistics.quantiles(paginatijden, n=20, method='inclusive')[-1]:.1f} ms"
        )
        queries: list = []
        opslaan(0, queries)
        print(
            f"één keer opslaan: {len(queries)} queries, "
            f"{1000 * sum(float(q['time']) for q in queries):.1f} ms in de database; "
            f"in de wachtrij: {r.llen(wachtrij)} herberekeningen"
        )
    finally:
        productie.opruimen(wachtrij)


if __name__ == "__main__":
    main()
