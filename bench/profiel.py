"""cProfile of one page, in-process (bench/README.md: where the time of a page goes).

    DATABASE_URL=... bench/profiel.py /provincies/noord-brabant/ [aantal regels]

Signs in with a session of bench/sessie.py made for the page (a provincie user of the
province, or of the gemeente's province) and prints the functions of this project and the
libraries by cumulative time.
"""

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")


def main() -> None:
    import django

    django.setup()
    from django.test import Client

    from bench.sessie import sessie
    from organisaties.models import Gemeente

    pad = sys.argv[1]
    regels = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    if pad.startswith("/provincies/"):
        provincie = pad.strip("/").split("/")[1]
    else:
        provincie = Gemeente.objects.get(cbs_code=pad.strip("/").split("/")[1]).provincie.slug
    client = Client(HTTP_HOST=os.environ.get("BENCH_HOST", "localhost"))
    client.cookies["sessionid"] = sessie(f"bench-profiel-{provincie}", "provincie", provincie)
    status = client.get(pad, secure=True).status_code
    if status != 200:
        raise SystemExit(f"{pad}: HTTP {status}")
    begin = time.perf_counter()
    client.get(pad, secure=True)
    print(f"{pad}: {1000 * (time.perf_counter() - begin):.0f} ms")
    profiel = cProfile.Profile()
    profiel.enable()
    client.get(pad, secure=True)
    profiel.disable()
    pstats.Stats(profiel).sort_stats("cumulative").print_stats(regels)


if __name__ == "__main__":
    main()
