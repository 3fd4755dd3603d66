"""Changes the data version of the benchmarked dashboards again and again (bench/dashboards.sh,
"na een wijziging"): every few milliseconds ``Rekenstatus.versie`` of the gemeente, or of every
gemeente of the province, goes up by one in its own transaction, as a committed change does
(prognose/herberekening.py). Every request then finds a new cache key and rebuilds the page:
the cost of the first request after a change, measured under load.

    bench/wijzigen.py --gemeente GM8184 --seconden 25 [--interval 0.002]
    bench/wijzigen.py --provincie noord-brabant --seconden 25
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")


def wijziger(gemeente: str | None, provincie: str | None):
    """A function that raises the data version of the gemeente (or of one gemeente of the
    province) by one in its own transaction, as a committed change does."""
    import django

    django.setup()
    from django.db.models import F

    from organisaties.models import Gemeente
    from prognose.models import Rekenstatus

    gemeenten = Gemeente.objects.all()
    if gemeente:
        gemeenten = gemeenten.filter(cbs_code=gemeente)
    if provincie:
        gemeenten = gemeenten.filter(provincie__slug=provincie)
    ids = list(gemeenten.values_list("pk", flat=True))[:1]  # one gemeente changes at a time

    def wijzig() -> None:
        Rekenstatus.objects.filter(gemeente_id__in=ids).update(versie=F("versie") + 1)

    return wijzig


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gemeente")
    parser.add_argument("--provincie")
    parser.add_argument("--seconden", type=float, default=25)
    parser.add_argument("--interval", type=float, default=0.002)
    args = parser.parse_args()
    wijzig = wijziger(args.gemeente, args.provincie)
    einde = time.monotonic() + args.seconden
    n = 0
    while time.monotonic() < einde:
        wijzig()
        n += 1
        time.sleep(args.interval)
    print(f"wijzigen: {n} nieuwe versies in {args.seconden:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
