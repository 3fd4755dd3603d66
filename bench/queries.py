"""SQL queries per page (bench/dashboards.sh): count, time in the database, the slowest.

Runs the page in this process with the settings and database of the environment (the
benchmark exports them), as the signed-in user of BENCH_SESSIE_GEM / BENCH_SESSIE_IBT:

    bench/queries.py /gemeenten/GM8001/ /provincies/noord-brabant/
"""

import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for pad in sys.argv[1:]:
        sleutel = "BENCH_SESSIE_IBT" if pad.startswith("/provincies/") else "BENCH_SESSIE_GEM"
        client = Client(HTTP_HOST=os.environ.get("BENCH_HOST", "localhost"))
        client.cookies["sessionid"] = os.environ[sleutel]
        eerste = client.get(pad, secure=True)
        if eerste.status_code == 404:
            print(f"{pad}: nog niet beschikbaar")
            continue
        if eerste.status_code != 200:
            print(f"{pad}: HTTP {eerste.status_code}")
            continue
        tijden = []
        for _ in range(10):
            begin = time.perf_counter()
            client.get(pad, secure=True)
            tijden.append(time.perf_counter() - begin)
        with CaptureQueriesContext(connection) as q:
            client.get(pad, secure=True)
        sql = [(float(x["time"]), x["sql"]) for x in q.captured_queries]
        dubbel = sum(n - 1 for n in Counter(s for _, s in sql).values() if n > 1)
        print(
            f"{pad}: {len(sql)} queries, {1000 * sum(t for t, _ in sql):.0f} ms in de database"
            f" ({dubbel} herhaald), {1000 * statistics.median(tijden):.0f} ms per verzoek "
            "(mediaan van 10, in-process)"
        )
        for t, s in sorted(sql, reverse=True)[:4]:
            print(f"  {1000 * t:6.1f} ms  {s[:150]}")


if __name__ == "__main__":
    main()
