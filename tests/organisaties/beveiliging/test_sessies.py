"""Sessions end after 15 minutes without activity and 12 hours after log-in, whatever."""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
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
    # The expiry moves with activity, saved at most once a minute (three queries per page).
    assert settings.SESSIE_BIJWERKEN_SECONDEN == 60
    assert settings.SESSIE_MAXIMUM_SECONDEN == 12 * 3600


def test_activity_keeps_the_session_alive_and_fifteen_idle_minutes_end_it(demo):
    with time_machine.travel(START, tick=False) as reis:
        client = _inloggen()
        for _ in range(4):
            reis.shift(timedelta(minutes=14))
            assert _binnen(client)
        reis.shift(timedelta(minutes=15, seconds=1))
        assert not _binnen(client)


def test_the_session_is_saved_at_most_once_a_minute(demo):
    with time_machine.travel(START, tick=False) as reis:
        client = _inloggen()
        reis.shift(timedelta(seconds=30))
        sleutel = client.session.session_key
        verloopt = Session.objects.get(pk=sleutel).expire_date
        assert _binnen(client)
        assert Session.objects.get(pk=sleutel).expire_date == verloopt  # not saved
        reis.shift(timedelta(seconds=31))
        assert _binnen(client)
        assert Session.objects.get(pk=sleutel).expire_date > verloopt  # a minute on: saved
        # Activity within the minute after a save: the session still ends 15 minutes after
        # that save, so between 14 and 15 minutes after the last request.
        reis.shift(timedelta(seconds=50))
        assert _binnen(client)
        reis.shift(timedelta(minutes=14, seconds=11))
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


VERLOPEN = "Uw sessie is verlopen"


def test_after_fifteen_idle_minutes_the_log_in_page_says_the_session_expired(demo):
    with time_machine.travel(START, tick=False) as reis:
        client = _inloggen()
        reis.shift(timedelta(minutes=15, seconds=1))
        antwoord = client.get("/gemeenten/GM0034/")
        assert antwoord.status_code == 302 and antwoord.url.startswith("/inloggen/")
        assert VERLOPEN in client.get(antwoord.url).content.decode()
        # Once: reloading the log-in page does not repeat it.
        assert VERLOPEN not in client.get("/inloggen/").content.decode()


def test_the_message_also_shows_when_the_browser_dropped_the_expired_session_cookie(demo):
    """A browser deletes the session cookie after its 15 minutes (Max-Age): the next request
    carries no session at all, and still the user learns why they must log in again."""
    with time_machine.travel(START, tick=False) as reis:
        client = _inloggen()
        reis.shift(timedelta(minutes=16))
        del client.cookies[settings.SESSION_COOKIE_NAME]
        antwoord = client.get("/gemeenten/GM0034/", follow=True)
        assert antwoord.redirect_chain[-1][0].startswith("/inloggen/")
        assert VERLOPEN in antwoord.content.decode()


def test_logging_out_or_a_first_visit_shows_no_expiry_message(demo):
    assert VERLOPEN not in Client().get("/inloggen/").content.decode()
    client = _inloggen()
    antwoord = client.post("/uitloggen/", follow=True)
    assert antwoord.redirect_chain[-1][0].startswith("/inloggen/")
    assert VERLOPEN not in antwoord.content.decode()
    assert VERLOPEN not in client.get("/gemeenten/GM0034/", follow=True).content.decode()


def test_two_requests_that_find_the_session_ended_show_the_message_once(demo):
    """An htmx save and the page's next request may both still carry the log-in marker."""
    with time_machine.travel(START, tick=False) as reis:
        client = _inloggen()
        reis.shift(timedelta(minutes=16))
        marker = client.cookies["monitor_ingelogd"].value
        for _ in range(2):
            client.cookies["monitor_ingelogd"] = marker  # sent before the first answer came
            client.get("/gemeenten/GM0034/")
        assert client.get("/inloggen/").content.decode().count(VERLOPEN) == 1
