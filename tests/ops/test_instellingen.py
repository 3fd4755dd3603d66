import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool
from tests.conftest import DEMO_VANDAAG

ROOT = Path(__file__).resolve().parents[2]


def test_an_unknown_boolean_is_an_error(monkeypatch):
    monkeypatch.setenv("DEBUG_X", "misschien")
    with pytest.raises(ImproperlyConfigured):
        env_bool("DEBUG_X", False)


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    uit = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert uit.returncode != 0 and "SECRET_KEY" in uit.stderr


def test_stand_gives_the_seed_figures_on_sqlite_too(tmp_path):
    """Issue 'Grondslag': the same figures on SQLite (the embedded default) as on PostgreSQL."""
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.development",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    env.pop("REDIS_URL", None)

    def run(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    run("migrate", "--no-input", "-v0")
    # The tests' world: the demo's story without the months up to today (tests/conftest.py).
    run("load_demo", "--wachtwoord", "sqlite-wachtwoord", "--vandaag", str(DEMO_VANDAAG))
    import json

    data = json.loads(run("stand", "GM0034", "--peildatum", "2023-05-01", "--format", "json"))
    assert (data["gerealiseerd"]["personen_tellend"], data["gerealiseerd"]["woningen"]) == (78, 48)
    assert [(m["doel"], m["resterend"], m["benodigde_woningen"]) for m in data["mijlpalen"]] == [
        (293, 215, 98),
        (629, 551, 251),
    ]
