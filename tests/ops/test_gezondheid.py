"""/gezondheid/: JSON on database, broker and recompute age; 200 healthy, 503 not."""

import socket
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client, override_settings

from rapportage.views import gezondheid


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when this returns: nothing listens there


def _vraag(django_assert_max_num_queries=None):
    antwoord = Client().get("/gezondheid/")
    return antwoord.status_code, antwoord.json()


@override_settings(REDIS_URL="")
def test_healthy_without_a_broker_in_eager_mode(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        status, data = _vraag()
    assert status == 200
    assert set(data) == {"database", "broker", "herberekening"}
    assert data["database"] == {"ok": True, "melding": "bereikbaar"}
    assert data["broker"] == {"ok": True, "melding": "niet geconfigureerd (eager)"}
    assert data["herberekening"]["ok"] is True


@override_settings(REDIS_URL="redis://127.0.0.1:6379/15")
def test_healthy_with_a_reachable_broker(db):
    status, data = _vraag()
    assert status == 200 and data["broker"] == {"ok": True, "melding": "bereikbaar"}


def test_503_when_the_database_check_fails(db):
    def kapot(*args, **kwargs):
        raise DatabaseError("connection to server at 10.1.2.3 failed: geheim-wachtwoord")

    with mock.patch("rapportage.views.gezondheid.connection.cursor", side_effect=kapot):
        status, data = _vraag()
    assert status == 503
    assert data["database"] == {"ok": False, "melding": "niet bereikbaar"}
    assert data["herberekening"]["ok"] is False
    # Nothing of the error text (host, credentials) reaches the answer.
    assert "10.1.2.3" not in str(data) and "geheim" not in str(data)


def test_503_when_the_broker_is_configured_but_unreachable(db):
    poort = _vrije_poort()
    with override_settings(REDIS_URL=f"redis://127.0.0.1:{poort}/0"):
        status, data = _vraag()
    assert status == 503
    assert data["broker"] == {"ok": False, "melding": "niet bereikbaar"}
    assert data["database"]["ok"] is True
    assert str(poort) not in str(data)


@override_settings(REDIS_URL="", HERBEREKENING_MAXIMUM_UREN=26)
def test_503_when_the_newest_recompute_is_too_old(db):
    oud = datetime.now(UTC) - timedelta(hours=30)
    with mock.patch("rapportage.views.gezondheid.nieuwste_herberekening", return_value=(True, oud)):
        status, data = _vraag()
    assert status == 503
    assert data["herberekening"]["ok"] is False
    assert data["herberekening"]["melding"].startswith("verouderd: 30 uur oud")


NU = datetime(2026, 11, 21, 12, tzinfo=UTC)
MAX = timedelta(hours=26)


@pytest.mark.parametrize(
    ("bekend", "nieuwste", "ok", "melding"),
    [
        (False, None, True, "onbekend"),
        (True, None, True, "nog geen herberekening"),
        (True, NU - timedelta(hours=3), True, "3 uur oud"),
        (True, NU - MAX, True, "26 uur oud"),
        (True, NU - MAX - timedelta(seconds=1), False, "verouderd: 26 uur oud (maximum 26)"),
        (True, NU + timedelta(minutes=1), True, "0 uur oud"),  # clock skew between hosts
    ],
)
def test_the_recompute_age_rule(bekend, nieuwste, ok, melding):
    uitslag = gezondheid.beoordeel_herberekening(bekend, nieuwste, NU, MAX)
    assert (uitslag.ok, uitslag.melding) == (ok, melding)


def test_the_recompute_age_reads_the_snapshot_model_when_there_is_one(db):
    from django.apps import apps

    bekend, nieuwste = gezondheid.nieuwste_herberekening()
    try:
        apps.get_model("prognose", "Snapshot")
    except LookupError:
        assert (bekend, nieuwste) == (False, None)
    else:
        assert bekend is True


def test_health_needs_no_session_and_sets_no_cookie(db):
    antwoord = Client().get("/gezondheid/")
    assert not antwoord.cookies
    assert "no-cache" in antwoord["Cache-Control"]
