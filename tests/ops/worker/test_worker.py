"""A change entered in the UI reaches the snapshot through a real Celery worker and Redis.

The worker is a subprocess (``celery -A config worker``) on the test database (pytest-django's
``test_...`` database, passed as DATABASE_URL) and on Redis (REDIS_URL, default
redis://127.0.0.1:6379/15) with a queue of its own, so parallel runs and other installations
on the same Redis never take each other's tasks. The test's data is committed
(``transaction=True``), the worker is stopped before pytest-django flushes the database, and
the queue and the planned-recompute keys are removed afterwards.
"""

import os
import signal
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection, transaction

from demo import landelijk
from organisaties import herberekening as aanvraag
from prognose import selectors, services
from prognose.models import Rekenstatus, Snapshot
from prognose.rekenen.gegevens import prognose_als_dict
from prognose.tasks import herbereken_alle_gemeenten, herbereken_gemeente
from tests.formulier import formulier

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BASIS = Path(settings.BASE_DIR)
CELERY = BASIS / ".venv" / "bin" / "celery"
STANDAARD_REDIS = "redis://127.0.0.1:6379/15"
WACHTEN = 25  # seconds, at most, for the worker to start or a snapshot to arrive


def _database_url() -> str:
    d = connection.settings_dict
    gebruiker = quote(d.get("USER") or "")
    wachtwoord = f":{quote(d['PASSWORD'])}" if d.get("PASSWORD") else ""
    host = d.get("HOST") or "127.0.0.1"
    poort = f":{d['PORT']}" if d.get("PORT") else ""
    return f"postgres://{gebruiker}{wachtwoord}@{host}{poort}/{quote(d['NAME'])}"


@contextmanager
def _celery_naar(url: str, wachtrij: str):
    """Send for real (not eager) to this Redis and queue, in this test process only."""
    app = herbereken_gemeente.app
    conf = app.conf
    oud = {k: conf[k] for k in ("task_always_eager", "broker_url", "task_default_queue")}
    conf["task_always_eager"] = False
    conf["task_default_queue"] = wachtrij
    nieuwe_broker = conf["broker_url"] != url
    if nieuwe_broker:  # without REDIS_URL the test settings use memory://
        conf["broker_url"] = url
        _verbindingen_vergeten(app)
    try:
        yield
    finally:
        for k, v in oud.items():
            conf[k] = v
        if nieuwe_broker:
            _verbindingen_vergeten(app)


def _verbindingen_vergeten(app) -> None:
    """Celery caches its connection and producer pools; a new broker needs new ones."""
    app._pool = None
    app.amqp._producer_pool = None


class Worker:
    def __init__(self, proces: subprocess.Popen, log: Path):
        self.proces = proces
        self.log = log

    def tekst(self) -> str:
        return self.log.read_text(errors="replace")

    def gelukt(self) -> int:
        """Recomputes the worker finished so far."""
        return sum(
            1
            for regel in self.tekst().splitlines()
            if "prognose.tasks.herbereken_gemeente[" in regel and "succeeded" in regel
        )


@pytest.fixture
def worker(demo, transactional_db, settings, tmp_path, request):
    pool = getattr(request, "param", "solo")  # parametrize(..., indirect=True) for another
    # After ``demo``: loading the demo recomputes in-process (eager), never via this worker.
    if connection.vendor != "postgresql":
        pytest.skip("de workertest draait op PostgreSQL (de worker opent de testdatabase)")
    url = os.environ.get("REDIS_URL") or STANDAARD_REDIS
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis op {url} is niet bereikbaar ({exc}); start Redis of zet REDIS_URL")
    wachtrij = f"vh-test-{uuid.uuid4().hex[:10]}"
    settings.REDIS_URL = url
    settings.HERBEREKENING_VERTRAGING = 2
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": url,
        "CELERY_QUEUE": wachtrij,
        "CONN_MAX_AGE": "0",
        "PROGNOSE_PROCESSEN": "2",
    }
    with open(log, "wb") as uit:
        proces = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "config",
                "worker",
                "--pool",
                pool,
                "--concurrency",
                "1",
                "--queues",
                wachtrij,
                "--hostname",
                f"{wachtrij}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
            ],
            cwd=BASIS,
            env=env,
            stdout=uit,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    w = Worker(proces, log)
    try:
        eind = time.monotonic() + WACHTEN
        while " ready." not in w.tekst():
            if proces.poll() is not None or time.monotonic() > eind:
                pytest.fail(f"de worker startte niet:\n{w.tekst()[-3000:]}")
            time.sleep(0.2)
        with _celery_naar(url, wachtrij):
            yield w
    finally:
        if proces.poll() is None:
            os.killpg(proces.pid, signal.SIGTERM)
            try:
                proces.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proces.pid, signal.SIGKILL)
                proces.wait(timeout=5)
        # The queue, kombu's bindings for it, and any planned-recompute key of this database.
        sleutels = [
            *client.scan_iter(f"*{wachtrij}*"),
            *client.scan_iter(f"vh:herberekening:gepland:{connection.settings_dict['NAME']}:*"),
        ]
        client.delete(wachtrij, *sleutels)
        client.close()


def _wacht_tot(voorwaarde, worker: Worker) -> None:
    eind = time.monotonic() + WACHTEN
    while not voorwaarde():
        if time.monotonic() > eind:
            pytest.fail(f"niet binnen {WACHTEN} s:\n{worker.tekst()[-3000:]}")
        time.sleep(0.1)


def _wacht_op_snapshot(gemeente, worker: Worker):
    """Until the basis snapshot has seen the newest change; returns it."""
    eind = time.monotonic() + WACHTEN
    while time.monotonic() < eind:
        snapshot = selectors.nieuwste_snapshot(gemeente)
        if snapshot is not None and not selectors.herberekening_loopt(gemeente, snapshot):
            return snapshot
        time.sleep(0.2)
    pytest.fail(f"geen nieuwe snapshot binnen {WACHTEN} s:\n{worker.tekst()[-3000:]}")


def test_a_month_entered_in_the_ui_reaches_the_snapshot_through_the_worker(demo, worker):
    almere = demo.almere
    voor = selectors.nieuwste_snapshot(almere)
    assert voor is not None and voor.prognose().mijlpalen[0].gerealiseerd == 78

    # The opgaveteam enters May 2023 on the month page, as in a browser without JavaScript.
    client = demo.client("opgaveteam_a")
    pad = "/gemeenten/GM0034/realisatie/2023-05/"
    data = formulier(client.get(pad).content.decode()) | {
        "r-regulier-ymere-personen_gehuisvest": "10",
        "r-regulier-ymere-personen_tellend": "10",
        "r-regulier-ymere-woningen": "4",
        "reden": "Mei 2023 nagekomen (workertest)",
    }
    data.pop("csrfmiddlewaretoken", None)
    antwoord = client.post(pad, data)
    assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]

    # Committed, queued with a countdown: the page says a recompute is under way.
    pagina = client.get("/gemeenten/GM0034/prognose/").content.decode()
    assert "Herberekening loopt." in pagina

    na = _wacht_op_snapshot(almere, worker)
    assert na.pk != voor.pk and na.invoer_hash != voor.invoer_hash
    prognose = na.prognose()
    assert prognose.peildatum.isoformat() == "2023-06-01"
    assert prognose.mijlpalen[0].gerealiseerd == 88
    assert na.wijziging == Rekenstatus.objects.get(gemeente=almere).wijziging
    # The task logs its success after its commit hooks (the notifications) have run.
    _wacht_tot(lambda: worker.gelukt() >= 1, worker)
    assert worker.gelukt() == 1
    pagina = client.get("/gemeenten/GM0034/prognose/").content.decode()
    assert "Herberekening loopt." not in pagina and "Tot nu toe 88 personen" in pagina


def test_ten_quick_changes_cause_one_recompute_in_the_worker(demo, worker):
    almere = demo.almere
    for _ in range(10):
        with transaction.atomic():
            aanvraag.herberekening_aanvragen(almere.pk)
    snapshot = _wacht_op_snapshot(almere, worker)
    assert snapshot.wijziging == Rekenstatus.objects.get(gemeente=almere).wijziging
    _wacht_tot(lambda: worker.gelukt() >= 1, worker)
    time.sleep(1)  # a second task, had one been queued, would have run by now
    assert worker.gelukt() == 1
    # Nothing but the counter changed: the same snapshot row, brought up to date (idempotent).
    assert selectors.nieuwste_snapshot(almere).invoer_hash == snapshot.invoer_hash


@pytest.mark.parametrize("worker", ["prefork"], indirect=True)
def test_the_nightly_run_in_a_prefork_worker_is_spread_over_processes(demo, worker):
    """The nightly run in a worker as production starts it (prefork): the recompute forks its
    helpers inside the worker's child process (prognose/rekenen/verdelen.py) and writes what
    one process would have written."""
    landelijk.schrijven(landelijk.genereer(gemeenten=40, jaren=1, seed=7))  # committed
    ids = set(landelijk.synthetische_gemeenten().values_list("pk", flat=True))
    Snapshot.objects.filter(gemeente_id__in=ids).delete()
    herbereken_alle_gemeenten.delay()

    def uitkomst() -> str | None:
        """How the nightly task ended (its own log line), None while it runs."""
        for regel in worker.tekst().splitlines():
            if "prognose.tasks.herbereken_alle_gemeenten[" in regel and (
                "succeeded" in regel or "raised" in regel
            ):
                return regel
        return None

    _wacht_tot(uitkomst, worker)
    assert "succeeded" in uitkomst(), worker.tekst()[-3000:]
    assert "over 2 processen" in worker.tekst()
    basis = Snapshot.objects.filter(gemeente_id__in=ids, scenario=None, actueel=True)
    assert set(basis.values_list("gemeente_id", flat=True)) == ids
    # Exactly what this process computes for the same inputs.
    for s in basis.order_by("gemeente_id")[:5]:
        vers = services.prognose(s.gemeente, peildatum=s.peildatum)
        assert s.resultaat == prognose_als_dict(vers)
