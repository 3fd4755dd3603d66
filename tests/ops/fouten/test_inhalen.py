"""A broker that does not answer never holds up a save, and the recompute catches up later.

Unit level (the shared test database, no private services); the whole chain with a real
gunicorn, worker, beat and a frozen or stopped Redis is in test_storingen.py.
"""

import socket
import time
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from organisaties import herberekening as aanvraag
from prognose import herberekening, selectors, services, tasks
from prognose.models import Rekenstatus, Snapshot
from prognose.tasks import herbereken_gemeente, herbereken_verouderde_gemeenten

pytestmark = pytest.mark.django_db


@pytest.fixture
def stomme_redis():
    """A Redis address that accepts connections and never answers (a frozen server: the
    kernel completes the handshake, nobody reads)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(16)
        yield f"redis://127.0.0.1:{s.getsockname()[1]}/0"


@pytest.fixture
def met_broker(monkeypatch, settings):
    """Not eager, the breaker closed, and Redis clients made afresh for the URL under test."""
    monkeypatch.setitem(herbereken_gemeente.app.conf, "task_always_eager", False)
    monkeypatch.setattr(herberekening, "_storing_tot", 0.0)
    settings.REDIS_TIMEOUT_SECONDEN = 1
    clients = herberekening.redis_client
    clients.cache_clear()
    yield settings
    clients.cache_clear()


def test_a_redis_that_does_not_answer_is_not_asked_again_for_a_while(
    demo, met_broker, stomme_redis, monkeypatch
):
    met_broker.REDIS_URL = stomme_redis
    verstuurd = []
    monkeypatch.setattr(herbereken_gemeente, "apply_async", lambda *a, **k: verstuurd.append(a))
    with pytest.raises(redis.exceptions.TimeoutError):
        tasks.versturen(demo.almere.pk)
    assert herberekening.broker_in_storing()
    gevraagd = []
    echt = herberekening.redis_client

    def teller(url):
        gevraagd.append(url)
        return echt(url)

    monkeypatch.setattr(herberekening, "redis_client", teller)
    tasks.versturen(demo.lelystad.pk)  # returns at once: nothing asked, nothing raised
    assert gevraagd == [] and verstuurd == []


def test_a_refused_connection_fails_at_once_and_opens_no_pause(demo, met_broker):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]  # bound, not listening: connections are refused
        met_broker.REDIS_URL = f"redis://127.0.0.1:{poort}/0"
        with pytest.raises(redis.exceptions.ConnectionError):
            tasks.versturen(demo.almere.pk)
    assert not herberekening.broker_in_storing()


def test_a_save_commits_and_says_herberekening_loopt_when_the_broker_is_gone(
    demo, met_broker, stomme_redis, django_capture_on_commit_callbacks
):
    met_broker.REDIS_URL = stomme_redis
    voor = Rekenstatus.objects.get(gemeente=demo.almere).wijziging
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        aanvraag.herberekening_aanvragen(demo.almere.pk)
    assert Rekenstatus.objects.get(gemeente=demo.almere).wijziging == voor + 1
    assert selectors.herberekening_loopt(demo.almere, selectors.nieuwste_snapshot(demo.almere))
    # The callback is robust: Django logs its error instead of failing the request.
    (callback,) = callbacks
    with pytest.raises(redis.exceptions.TimeoutError):
        callback()


def _verouderen(gemeente, minuten: int) -> None:
    Rekenstatus.objects.filter(gemeente=gemeente).update(
        wijziging=Rekenstatus.objects.get(gemeente=gemeente).wijziging + 1,
        gewijzigd_op=timezone.now() - timedelta(minutes=minuten),
    )


def test_the_catch_up_finds_changes_not_in_a_snapshot_and_older_than_the_grace(demo):
    services.herberekenen_alle()
    assert services.verouderde_gemeenten() == []
    _verouderen(demo.almere, 10)
    _verouderen(demo.lelystad, 0)  # just saved: its own recompute is on its way
    assert services.verouderde_gemeenten(ouder_dan=timedelta(minutes=2)) == [demo.almere.pk]
    assert set(services.verouderde_gemeenten()) == {demo.almere.pk, demo.lelystad.pk}
    # No snapshot at all with a change counted: also due.
    Snapshot.objects.filter(gemeente=demo.steenwijkerland).delete()
    _verouderen(demo.steenwijkerland, 10)
    assert demo.steenwijkerland.pk in services.verouderde_gemeenten(ouder_dan=timedelta(minutes=2))


def test_the_catch_up_task_recomputes_them(demo, settings):
    services.herberekenen_alle()
    settings.HERBEREKENING_INHALEN_NA_SECONDEN = 60
    _verouderen(demo.almere, 10)
    _verouderen(demo.lelystad, 0)
    assert herbereken_verouderde_gemeenten.apply().get() == 1
    assert not selectors.herberekening_loopt(demo.almere, selectors.nieuwste_snapshot(demo.almere))
    assert selectors.herberekening_loopt(demo.lelystad, selectors.nieuwste_snapshot(demo.lelystad))
    assert herbereken_verouderde_gemeenten.apply().get() == 0


def test_the_catch_up_is_in_the_beat_schedule_and_does_not_pile_up():
    from config.celery import app

    inhalen = next(
        s
        for s in app.conf.beat_schedule.values()
        if s["task"] == "prognose.tasks.herbereken_verouderde_gemeenten"
    )
    assert 0 < inhalen["schedule"] <= 15 * 60
    assert inhalen["options"]["expires"] <= inhalen["schedule"]


def test_redelivery_and_timeouts_are_configured_for_redis():
    opties = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    # A task still running (time limit) or waiting out its countdown is never handed out twice.
    assert opties["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT + (
        settings.HERBEREKENING_VERTRAGING
    )
    assert opties["socket_timeout"] == opties["socket_connect_timeout"] <= 5
    assert settings.CELERY_TASK_PUBLISH_RETRY_POLICY["max_retries"] <= 1
    assert herbereken_gemeente.acks_late and herbereken_verouderde_gemeenten.acks_late


def test_a_frozen_redis_costs_one_timeout_not_one_per_save(demo, met_broker, stomme_redis):
    """Measured, not asserted against a clock: two saves against a frozen Redis ask it once."""
    met_broker.REDIS_URL = stomme_redis
    begin = time.monotonic()
    with pytest.raises(redis.exceptions.TimeoutError):
        tasks.versturen(demo.almere.pk)
    tasks.versturen(demo.almere.pk)
    tasks.versturen(demo.lelystad.pk)
    assert time.monotonic() - begin < 10 * met_broker.REDIS_TIMEOUT_SECONDEN
