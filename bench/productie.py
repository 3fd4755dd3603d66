"""Production settings for a benchmark process (sourced by bench/maand.py, bench/invoer.py).

The environment of config.settings.production with local values: the benchmark database
and Redis of bench/omgeving.sh, a fresh SECRET_KEY, a queue of its own (no worker takes it;
it is emptied afterwards) and the collected static files of bench/dashboards.sh.
"""

import os
import secrets
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "bench.test"


def instellen() -> str:
    """Set the environment before django.setup(); returns the Celery queue name."""
    wachtrij = f"bench-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        HUISHOUDEN_SLEUTEL=secrets.token_urlsafe(48),  # production requires its own secret
        ALLOWED_HOSTS=HOST,
        SECURITY_CONTACT="mailto:beveiliging@example.nl",
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vh_bench"
        ),
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
        CELERY_QUEUE=wachtrij,
        CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
        STATIC_ROOT=os.environ.get("BENCH_STATIC_ROOT", str(ROOT / "var" / "bench-static")),
    )
    os.environ.pop("TWEESTAPS_VERPLICHT", None)
    return wachtrij


def statisch() -> None:
    """Collect the static files (the manifest the production storage needs) once, and again
    when a static file or the locked plotly package is newer."""
    from django.conf import settings
    from django.core.management import call_command

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    bronnen = [p for p in (ROOT / "static").rglob("*") if p.is_file()] + [ROOT / "uv.lock"]
    if not manifest.exists() or max(p.stat().st_mtime for p in bronnen) > manifest.stat().st_mtime:
        call_command("collectstatic", interactive=False, verbosity=0, clear=True)


def opruimen(wachtrij: str) -> None:
    """Remove the queue and every planned-recompute key of the benchmark database."""
    import redis
    from django.conf import settings
    from django.db import connection

    r = redis.Redis.from_url(settings.REDIS_URL)
    sleutels = [
        *r.scan_iter(f"*{wachtrij}*"),
        *r.scan_iter(f"vh:herberekening:gepland:{connection.settings_dict['NAME']}:*"),
    ]
    r.delete(wachtrij, *sleutels)
