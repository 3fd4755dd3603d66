"""Fault tests (marker ``fouten``): private PostgreSQL and Redis instances, so restarting,
freezing or stopping them never disturbs the shared services on 127.0.0.1:5432/6379 that other
test runs use at the same time.

- ``postgres`` (per session): a throwaway cluster made with initdb in a temporary directory
  (as the ``postgres`` user when running as root: initdb refuses root) on a free port, with
  its socket in that directory; removed afterwards.
- ``land`` (per session): a database on it, migrated, with a small synthetic country
  (``genereer_landelijk --gemeenten 12 --jaren 1``) and two sessions (opgaveteam of GM8001,
  provincie of its province) signed with this session's SECRET_KEY.
- ``redis`` (per test): a private redis-server on a free port, without persistence.
- ``diensten`` (per test): gunicorn, Celery worker and beat as subprocesses on those, with
  the settings of tests/ops/fouten/instellingen.py; stopped (process group) afterwards.
"""

import glob
import http.client
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[3]
PY = sys.executable
HOST = "fouten.test"
SLEUTEL = secrets.token_urlsafe(64)  # SECRET_KEY of every process of this test session
GEMEENTE = "GM8001"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "fouten: fault tests with private PostgreSQL and Redis (restart, kill, freeze)",
    )


def pytest_itemcollected(item):
    if "tests/ops/fouten/" in str(item.fspath):
        item.add_marker(pytest.mark.fouten)
        # No xdist group: with all fault tests in one process, on one world, the Redis-freeze
        # test missed its catch-up (120 s) in 2 of 6 runs of the whole suite (cause not found;
        # its failure now prints the logs of web, worker and beat). Spread over the processes
        # of `make test`, as before, each builds its own private PostgreSQL (~25 s).


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wacht(voorwaarde, seconden: float, wat: str, *, stap: float = 0.2):
    eind = time.monotonic() + seconden
    while time.monotonic() < eind:
        uitkomst = voorwaarde()
        if uitkomst:
            return uitkomst
        time.sleep(stap)
    pytest.fail(f"niet binnen {seconden} s: {wat}")


# --- PostgreSQL ---------------------------------------------------------------------------


def _pg_bin() -> Path:
    kandidaten = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if not kandidaten:
        pytest.skip("geen PostgreSQL-server (initdb) op deze machine")
    return Path(kandidaten[-1]).parent


def _als_postgres(opdracht: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *opdracht]
    return opdracht


@dataclass
class PrivePostgres:
    bin: Path
    map: Path
    poort: int

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.poort}/{database}"

    def _pg_ctl(self, *args: str) -> None:
        opties = (
            f"-p {self.poort} -k {self.map} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(
            _als_postgres(
                [str(self.bin / "pg_ctl"), "-D", str(self.map / "data"), "-l",
                 str(self.map / "postgres.log"), "-o", opties, "-w", "-t", "30", *args]
            ),
            check=True,
            capture_output=True,
            timeout=60,
        )  # fmt: skip

    def start(self) -> None:
        self._pg_ctl("start")

    def herstart(self) -> None:
        """Fast shutdown (every connection is cut) and start; returns when it accepts again."""
        self._pg_ctl("-m", "fast", "restart")

    def stop(self) -> None:
        self._pg_ctl("-m", "immediate", "stop")

    def verbind(self, database: str, **kwargs) -> psycopg.Connection:
        return psycopg.connect(self.url(database), **kwargs)


@pytest.fixture(scope="session")
def postgres():
    bin_ = _pg_bin()
    map_ = Path(tempfile.mkdtemp(prefix="vh-fouten-pg-"))
    if os.geteuid() == 0:
        pg = pwd.getpwnam("postgres")
        os.chown(map_, pg.pw_uid, pg.pw_gid)
    subprocess.run(
        _als_postgres(
            [str(bin_ / "initdb"), "-D", str(map_ / "data"), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync"]
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )  # fmt: skip
    pg = PrivePostgres(bin_, map_, vrije_poort())
    pg.start()
    try:
        yield pg
    finally:
        try:
            pg.stop()
        finally:
            shutil.rmtree(map_, ignore_errors=True)


# --- the processes under test ---------------------------------------------------------------


def omgeving(database_url: str, redis_url: str = "", **extra: str) -> dict[str, str]:
    """Environment of a subprocess: the fault-test settings, nothing from the test process's
    own settings (config/settings/test.py puts test values into os.environ)."""
    weg = ("DJANGO_", "PYTEST_", "CELERY_", "HERBEREKENING_", "REDIS_")
    eigen = {
        "TWEESTAPS_VERPLICHT",
        "CONN_MAX_AGE",
        "SECRET_KEY",
        "DEBUG",
        "DATABASE_URL",
        "SECURITY_CONTACT",
        "ALLOWED_HOSTS",
        "SECURE_SSL_REDIRECT",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith(weg) and k not in eigen}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.ops.fouten.instellingen",
        SECRET_KEY=SLEUTEL,
        HUISHOUDEN_SLEUTEL=SLEUTEL,  # production settings require their own secret
        ALLOWED_HOSTS=HOST,
        SECURITY_CONTACT="mailto:beveiliging@example.nl",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CONN_MAX_AGE="60",  # persistent connections, as in production
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: float = 120) -> str:
    uit = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip
    if uit.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)}:\n{uit.stdout[-2000:]}\n{uit.stderr[-3000:]}")
    return uit.stdout


@dataclass
class Land:
    database: str
    url: str
    provincie: str
    gemeente_id: int
    sessies: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="session")
def land(postgres) -> Land:
    database = "vh_fouten"
    with postgres.verbind("postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {database}")
    env = omgeving(postgres.url(database))
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "genereer_landelijk", "--gemeenten", "12", "--jaren", "1", "--seed", "5")
    with postgres.verbind(database) as conn:
        gemeente_id, provincie = conn.execute(
            "SELECT g.id, p.slug FROM organisaties_gemeente g "
            "JOIN organisaties_provincie p ON p.id = g.provincie_id WHERE g.cbs_code = %s",
            [GEMEENTE],
        ).fetchone()
    wereld = Land(database, postgres.url(database), provincie, gemeente_id)
    for naam, rol, organisatie in (
        ("fouten-opgaveteam", "opgaveteam", GEMEENTE),
        ("fouten-provincie", "provincie", provincie),
    ):
        uit = subprocess.run(
            [PY, "bench/sessie.py", "--gebruiker", naam, "--rol", rol, "--organisatie",
             organisatie],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
        ).stdout  # fmt: skip
        wereld.sessies[rol] = json.loads(uit)["sessionid"]
    return wereld


@dataclass
class Dienst:
    naam: str
    proces: subprocess.Popen
    log: Path

    def tekst(self) -> str:
        return self.log.read_text(errors="replace")

    def leeft(self) -> bool:
        return self.proces.poll() is None

    def dood(self) -> None:
        """SIGKILL the whole process group (master and children): a crash, no clean-up."""
        if self.leeft():
            os.killpg(self.proces.pid, signal.SIGKILL)
        self.proces.wait(timeout=10)

    def stop(self) -> None:
        if self.leeft():
            os.killpg(self.proces.pid, signal.SIGTERM)
            try:
                self.proces.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.dood()


class Diensten:
    """Starts processes for one test and stops every one of them afterwards."""

    def __init__(self, map_: Path):
        self.map = map_
        self.lijst: list[Dienst] = []

    def start(self, naam: str, opdracht: list[str], env: dict) -> Dienst:
        log = self.map / f"{naam}-{len(self.lijst)}.log"
        with open(log, "wb") as uit:
            proces = subprocess.Popen(
                opdracht, cwd=ROOT, env=env, stdout=uit, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        dienst = Dienst(naam, proces, log)
        self.lijst.append(dienst)
        return dienst

    def gunicorn(self, env: dict, *, workers: int = 2, threads: int = 2) -> "Web":
        poort = vrije_poort()
        dienst = self.start(
            "web",
            [PY, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{poort}",
             "--workers", str(workers), "--threads", str(threads), "--timeout", "30",
             "--graceful-timeout", "5", "--forwarded-allow-ips", "*", "--access-logfile", "-"],
            env,
        )  # fmt: skip
        web = Web(poort, dienst)

        def klaar():
            if not dienst.leeft():
                pytest.fail(f"gunicorn stopte:\n{dienst.tekst()[-3000:]}")
            try:
                return web.vraag("GET", "/gezondheid/", timeout=2).status > 0
            except OSError:
                return False

        wacht(klaar, 40, "gunicorn antwoordt")
        return web

    def worker(self, env: dict, *, pool: str = "solo") -> Dienst:
        wachtrij = env["CELERY_QUEUE"]
        dienst = self.start(
            "worker",
            [PY, "-m", "celery", "-A", "config", "worker", "--pool", pool, "--concurrency", "1",
             "--queues", wachtrij, "--hostname", f"{wachtrij}-{uuid.uuid4().hex[:6]}@%h",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel",
             "INFO"],
            env,
        )  # fmt: skip

        def klaar():
            if not dienst.leeft():
                pytest.fail(f"de worker stopte:\n{dienst.tekst()[-3000:]}")
            return " ready." in dienst.tekst()

        wacht(klaar, 40, "de worker is klaar")
        return dienst

    def beat(self, env: dict) -> Dienst:
        dienst = self.start(
            "beat",
            [PY, "-m", "celery", "-A", "config", "beat", "--loglevel", "INFO", "--schedule",
             str(self.map / f"beat-{uuid.uuid4().hex[:6]}")],
            env,
        )  # fmt: skip
        wacht(lambda: "beat: Starting..." in dienst.tekst(), 40, "beat start")
        return dienst

    def stop_alles(self) -> None:
        for dienst in reversed(self.lijst):
            dienst.stop()


@pytest.fixture
def diensten(tmp_path):
    d = Diensten(tmp_path)
    try:
        yield d
    finally:
        d.stop_alles()


@dataclass
class Antwoord:
    status: int
    kop: dict
    tekst: str
    seconden: float
    koekjes: dict = field(default_factory=dict)


@dataclass
class Web:
    poort: int
    dienst: Dienst

    def vraag(
        self,
        methode: str,
        pad: str,
        *,
        sessie: str | None = None,
        csrf: str | None = None,
        velden: dict | None = None,
        timeout: float = 10,
    ) -> Antwoord:
        """One request as the reverse proxy in front of gunicorn passes it on (HTTPS)."""
        from urllib.parse import urlencode

        kop = {"Host": HOST, "X-Forwarded-Proto": "https"}
        koekjes = []
        if sessie:
            koekjes.append(f"sessionid={sessie}")
        if csrf:
            koekjes.append(f"csrftoken={csrf}")
        if koekjes:
            kop["Cookie"] = "; ".join(koekjes)
        body = None
        if velden is not None:
            body = urlencode(velden)
            kop["Content-Type"] = "application/x-www-form-urlencoded"
            kop["Referer"] = f"https://{HOST}{pad}"
        begin = time.monotonic()
        verbinding = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=timeout)
        try:
            verbinding.request(methode, pad, body=body, headers=kop)
            antwoord = verbinding.getresponse()
            tekst = antwoord.read().decode(errors="replace")
            koekjes = {}
            for naam, waarde in antwoord.getheaders():
                if naam.lower() == "set-cookie":
                    sleutel, _, rest = waarde.partition("=")
                    koekjes[sleutel.strip()] = rest.split(";", 1)[0]
            return Antwoord(
                antwoord.status,
                dict(antwoord.getheaders()),
                tekst,
                time.monotonic() - begin,
                koekjes,
            )
        finally:
            verbinding.close()


# --- Redis --------------------------------------------------------------------------------


@dataclass
class PriveRedis:
    map: Path
    poort: int
    proces: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.poort}/0"

    def start(self) -> None:
        self.proces = subprocess.Popen(
            ["redis-server", "--port", str(self.poort), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.map), "--logfile",
             str(self.map / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        wacht(self.antwoordt, 20, "redis-server start")

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2)

    def antwoordt(self) -> bool:
        try:
            return bool(self.client().ping())
        except Exception:
            return False

    def bevries(self) -> None:
        os.kill(self.proces.pid, signal.SIGSTOP)

    def ontdooi(self) -> None:
        os.kill(self.proces.pid, signal.SIGCONT)

    def stop(self) -> None:
        """Stopped, everything in it lost (no persistence): queued messages too."""
        if self.proces and self.proces.poll() is None:
            os.kill(self.proces.pid, signal.SIGCONT)
            self.proces.terminate()
            self.proces.wait(timeout=10)


@pytest.fixture
def prive_redis():
    map_ = Path(tempfile.mkdtemp(prefix="vh-fouten-redis-"))
    r = PriveRedis(map_, vrije_poort())
    r.start()
    try:
        yield r
    finally:
        r.stop()
        shutil.rmtree(map_, ignore_errors=True)
