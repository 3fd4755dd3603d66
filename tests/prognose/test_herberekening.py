"""Recompute requests: once per transaction, a change counter, coalesced across commits."""

import pytest
from django.conf import settings
from django.db import OperationalError, transaction

from organisaties.herberekening import herberekening_aanvragen
from prognose import herberekening, selectors, tasks
from prognose.models import Rekenstatus, Snapshot
from prognose.tasks import herbereken_alle_gemeenten, herbereken_gemeente


def wijziging(gemeente) -> int:
    return Rekenstatus.objects.get(gemeente=gemeente).wijziging


def test_ten_requests_in_one_transaction_register_one_recompute(
    demo, django_capture_on_commit_callbacks
):
    voor = wijziging(demo.almere)
    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(10):
            herberekening_aanvragen(demo.almere.pk)
        herberekening_aanvragen(demo.lelystad.pk)
    assert len(callbacks) == 2
    assert wijziging(demo.almere) == voor + 1


def test_a_request_in_a_rolled_back_savepoint_is_not_counted_on(
    demo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(ZeroDivisionError), transaction.atomic():
            herberekening_aanvragen(demo.almere.pk)
            1 / 0  # noqa: B018
        # The first request went with its savepoint: this one registers anew.
        herberekening_aanvragen(demo.almere.pk)
    assert len(callbacks) == 1


def test_a_request_that_outlives_an_inner_savepoint_covers_it(
    demo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        herberekening_aanvragen(demo.almere.pk)
        with pytest.raises(ZeroDivisionError), transaction.atomic():
            herberekening_aanvragen(demo.almere.pk)  # covered by the outer request
            1 / 0  # noqa: B018
    assert len(callbacks) == 1


def test_in_eager_mode_the_snapshot_is_written_on_commit(demo, django_capture_on_commit_callbacks):
    Snapshot.objects.filter(gemeente=demo.almere).delete()
    with django_capture_on_commit_callbacks(execute=True):
        herberekening_aanvragen(demo.almere.pk)
    snapshot = selectors.nieuwste_snapshot(demo.almere)
    assert snapshot is not None and snapshot.wijziging == wijziging(demo.almere)
    assert not selectors.herberekening_loopt(demo.almere, snapshot)


def test_a_change_without_recompute_shows_as_running(demo):
    snapshot = selectors.nieuwste_snapshot(demo.almere)
    assert not selectors.herberekening_loopt(demo.almere, snapshot)
    herberekening.wijziging_registreren(demo.almere.pk)  # as a write does; no commit here
    assert selectors.herberekening_loopt(demo.almere, snapshot)
    assert selectors.verouderd(
        [demo.almere, demo.lelystad], selectors.nieuwste_snapshots([demo.almere, demo.lelystad])
    ) == {demo.almere.pk}


# --- across transactions, with Redis ------------------------------------------------------


@pytest.fixture
def met_broker(monkeypatch):
    """Non-eager sending against the test run's Redis; the task itself is not run."""
    if not settings.REDIS_URL:
        pytest.skip(
            "REDIS_URL is niet gezet; make test en CI zetten hem (redis://127.0.0.1:6379/15)"
        )
    verstuurd = []
    monkeypatch.setitem(herbereken_gemeente.app.conf, "task_always_eager", False)
    monkeypatch.setattr(
        herbereken_gemeente, "apply_async", lambda *a, **k: verstuurd.append((a, k))
    )
    yield verstuurd


def test_ten_quick_commits_enqueue_one_task_until_it_starts(demo, met_broker):
    client = herberekening.redis_client(settings.REDIS_URL)
    sleutel = herberekening.sleutel(demo.almere.pk)
    client.delete(sleutel)
    try:
        for _ in range(10):
            tasks.versturen(demo.almere.pk)
        assert len(met_broker) == 1
        (args, opties) = met_broker[0]
        assert args == ((demo.almere.pk,),)
        assert opties["countdown"] == settings.HERBEREKENING_VERTRAGING
        assert opties["queue"] == herbereken_gemeente.app.conf.task_default_queue
        assert 0 < client.ttl(sleutel) <= settings.HERBEREKENING_GEPLAND_SECONDEN
        # The task clears the key before it loads: a commit after that gets its own run.
        herberekening.gepland_wissen(demo.almere.pk)
        tasks.versturen(demo.almere.pk)
        assert len(met_broker) == 2
        # Another gemeente is not held up by Almere's planned run.
        tasks.versturen(demo.lelystad.pk)
        assert len(met_broker) == 3
    finally:
        client.delete(sleutel, herberekening.sleutel(demo.lelystad.pk))


def test_a_failed_enqueue_frees_the_key(demo, monkeypatch):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is niet gezet; make test en CI zetten hem")
    monkeypatch.setitem(herbereken_gemeente.app.conf, "task_always_eager", False)

    def kapot(*a, **k):
        raise ConnectionError("broker weg")

    monkeypatch.setattr(herbereken_gemeente, "apply_async", kapot)
    client = herberekening.redis_client(settings.REDIS_URL)
    sleutel = herberekening.sleutel(demo.almere.pk)
    client.delete(sleutel)
    with pytest.raises(ConnectionError):
        tasks.versturen(demo.almere.pk)
    assert not client.exists(sleutel)


# --- the tasks ----------------------------------------------------------------------------


def test_tasks_are_idempotent_acks_late_and_retry_database_errors():
    for taak in (herbereken_gemeente, herbereken_alle_gemeenten):
        assert taak.acks_late and taak.reject_on_worker_lost
        assert issubclass(OperationalError, taak.autoretry_for)
        assert taak.max_retries == 5


def test_running_the_task_twice_writes_one_snapshot(demo):
    Snapshot.objects.filter(gemeente=demo.almere).delete()
    assert herbereken_gemeente.apply(args=(demo.almere.pk,)).get() == 2  # basis + scenario
    eerste = {s.pk: s.berekend_op for s in Snapshot.objects.filter(gemeente=demo.almere)}
    assert herbereken_gemeente.apply(args=(demo.almere.pk,)).get() == 2
    tweede = {s.pk: s.berekend_op for s in Snapshot.objects.filter(gemeente=demo.almere)}
    assert eerste.keys() == tweede.keys()
    assert all(tweede[pk] >= eerste[pk] for pk in eerste)


def test_a_database_error_is_retried(demo, monkeypatch):
    from prognose import services

    pogingen = []

    def wankel(gemeente_id):
        pogingen.append(gemeente_id)
        if len(pogingen) == 1:
            raise OperationalError("verbinding verbroken")
        return []

    monkeypatch.setattr(services, "herberekenen", wankel)
    # throw=False: let Celery's eager apply run the retry instead of raising it.
    resultaat = herbereken_gemeente.apply(args=(demo.almere.pk,), throw=False)
    assert pogingen == [demo.almere.pk, demo.almere.pk]
    assert resultaat.successful() and resultaat.get() == 0


def test_a_gemeente_that_is_gone_is_nothing_to_do(db):
    assert herbereken_gemeente.apply(args=(987654,)).get() == 0


def test_the_nightly_task_is_in_the_beat_schedule():
    from config.celery import app

    taken = {s["task"] for s in app.conf.beat_schedule.values()}
    assert "prognose.tasks.herbereken_alle_gemeenten" in taken
