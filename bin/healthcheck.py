#!/usr/bin/env python3
"""Container health check: GET /gezondheid/ on this host; exit 0 only on 200.

Standard library only. It sends a Host header that ALLOWED_HOSTS accepts and
X-Forwarded-Proto: https, as the TLS proxy in front would, so neither the host check nor
the HTTPS redirect gets in the way.

    bin/healthcheck.py              # web: http://127.0.0.1:8000/gezondheid/
    bin/healthcheck.py beat         # beat: its state file was written recently
"""

import glob
import os
import sys
import time
import urllib.error
import urllib.request

BEAT_MAXIMUM_SECONDEN = 15 * 60  # beat writes its state at least every 5 minutes


def _host() -> str:
    eerste = (os.environ.get("ALLOWED_HOSTS") or "localhost").split(",")[0].strip()
    if eerste in ("", "*"):
        return "localhost"
    return "healthcheck" + eerste if eerste.startswith(".") else eerste


def web() -> int:
    bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
    poort = bind.rsplit(":", 1)[-1]
    verzoek = urllib.request.Request(
        f"http://127.0.0.1:{poort}/gezondheid/",
        headers={"Host": _host(), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(verzoek, timeout=5) as antwoord:  # noqa: S310
            status = antwoord.status
            inhoud = antwoord.read().decode()
    except urllib.error.HTTPError as fout:
        status, inhoud = fout.code, fout.read().decode(errors="replace")
    except OSError as fout:
        print(f"gezondheid: geen antwoord ({fout})", file=sys.stderr)
        return 1
    print(f"gezondheid: {status} {inhoud}")
    return 0 if status == 200 else 1


def beat() -> int:
    pad = os.environ.get("BEAT_SCHEDULE_FILE", "/tmp/celerybeat-schedule")  # noqa: S108
    bestanden = glob.glob(pad + "*")
    if not bestanden:
        print(f"beat: geen {pad}", file=sys.stderr)
        return 1
    leeftijd = time.time() - max(os.path.getmtime(b) for b in bestanden)
    print(f"beat: toestand {int(leeftijd)} s oud")
    return 0 if leeftijd < BEAT_MAXIMUM_SECONDEN else 1


if __name__ == "__main__":
    sys.exit(beat() if sys.argv[1:] == ["beat"] else web())
