"""Helpers for tests that start the production services or make scratch databases."""

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

ROOT = Path(__file__).resolve().parents[3]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/ops/deployment/" in str(item.fspath):
            item.add_marker(pytest.mark.deployment)


def server_url() -> str:
    """postgres://user[:password]@host:port of the test database server."""
    db = settings.DATABASES["default"]
    wachtwoord = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{wachtwoord}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"


@pytest.fixture
def kladdatabase() -> Iterator[str]:
    """An empty scratch database on the test server; dropped afterwards."""
    naam = f"vh_klad_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url() + "/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
    try:
        yield f"{server_url()}/{naam}"
    finally:
        with psycopg.connect(server_url() + "/postgres", autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
            )


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def basis_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    # config/settings/test.py set this for the test process; production refuses it.
    env.pop("TWEESTAPS_VERPLICHT", None)
    env.update(extra)
    return env
