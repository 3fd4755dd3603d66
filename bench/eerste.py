"""The first request after a change, while the dashboard is under its warm load (bench/
dashboards.sh): ``--keer`` times, raise the data version of the page's gemeente (as a committed
change does, prognose/herberekening.py), then at once ask the page over HTTP and time the
answer; half a second apart, so the page is warm again in between. Prints one line starting
with "BENCH " (p50, p95 and the slowest, in ms).

    bench/eerste.py --poort 8000 --pad /gemeenten/GM8184/ --gemeente GM8184 --sessie ID
    bench/eerste.py --poort 8000 --pad /provincies/noord-brabant/ --provincie noord-brabant ...
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--poort", type=int, required=True)
    parser.add_argument("--pad", required=True)
    parser.add_argument("--sessie", required=True)
    parser.add_argument("--gemeente")
    parser.add_argument("--provincie")
    parser.add_argument("--keer", type=int, default=30)
    parser.add_argument("--host", default=os.environ.get("BENCH_HOST", "localhost"))
    args = parser.parse_args()
    from bench.wijzigen import wijziger

    wijzig = wijziger(args.gemeente, args.provincie)
    kop = {
        "Host": args.host,
        "X-Forwarded-Proto": "https",
        "Cookie": f"sessionid={args.sessie}",
        "Accept-Encoding": "gzip, deflate, br",
    }
    tijden, fouten = [], 0
    for _ in range(args.keer):
        wijzig()
        begin = time.perf_counter()
        verbinding = http.client.HTTPConnection("127.0.0.1", args.poort, timeout=30)
        verbinding.request("GET", args.pad, headers=kop)
        antwoord = verbinding.getresponse()
        antwoord.read()
        tijden.append(1000 * (time.perf_counter() - begin))
        verbinding.close()
        fouten += antwoord.status != 200
        time.sleep(0.5)
    p95 = statistics.quantiles(tijden, n=20, method="inclusive")[-1]
    uitkomst = {
        "p50_ms": round(statistics.median(tijden), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(max(tijden), 1),
        "keer": len(tijden),
        "fouten": fouten,
    }
    print("BENCH " + json.dumps(uitkomst))


if __name__ == "__main__":
    main()
