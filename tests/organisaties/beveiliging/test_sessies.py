"""Sessions end after 15 minutes without activity and 12 hours after log-in, whatever."""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.test import Client

from tests.conftest import PERSONAS, WACHTWOORD

START = "2026-03-02 08:00 +01:00"


def _inloggen() -> Client:
    client = Client()
    antwoord = client.post(
        "/inloggen/", {"username": PERSONAS["opgaveteam_a"], "password": WACHTWOORD}
    )
    assert antwoord.status_code == 302
    return client


def _binnen(client: Client) -> bool:
    antwoord = client.get("/gemeenten/GM0034/")
    if antwoord.status_code == 200:
        return True
    assert antwoord.status_code == 302 and antwoord.url.startswith("/inloggen/")
    return False


def test_the_limits_are_fifteen_minutes_idle_and_twelve_hours():
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSIE_MAXIMUM_SECONDEN == 12 * 3600


def test_activity_keeps_the_session_alive_and_fifteen_idle_minutes_end_it(demo):
    with time_machine.travel(START, tick=False) as reis:
        client = _inloggen()
        for _ in range(4):
            reis.shift(timedelta(minutes=14))
            assert _binnen(client)
        reis.shift(timedelta(minutes=15, seconds=1))
        assert not _binnen(client)


def test_twelve_hours_after_log_in_the_session_ends_despite_activity(demo):
    with time_machine.travel(START, tick=False) as reis:
        client = _inloggen()
        for _ in range(71):  # every 10 minutes until 11:50 after log-in
            reis.shift(timedelta(minutes=10))
            assert _binnen(client)
        reis.shift(timedelta(minutes=9))
        assert _binnen(client)  # 11:59
        reis.shift(timedelta(minutes=2))
        antwoord = client.get("/gemeenten/GM0034/")
        assert antwoord.status_code == 302 and antwoord.url.startswith("/inloggen/")
        assert "_auth_user_id" not in client.session
        # The message says why, in Dutch.
        pagina = client.get(antwoord.url)
        assert "Uw sessie is verlopen" in pagina.content.decode()
        # Logging in again starts a new 12 hours.
        client = _inloggen()
        assert _binnen(client)
