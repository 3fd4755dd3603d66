"""django-axes: ten wrong passwords lock the username from that address, in Dutch."""

import time_machine
from django.conf import settings
from django.test import Client

from tests.conftest import WACHTWOORD

GEBRUIKER = "opgaveteam-almere"


def _poging(client: Client, wachtwoord: str, adres: str = "10.0.0.1"):
    return client.post(
        "/inloggen/", {"username": GEBRUIKER, "password": wachtwoord}, REMOTE_ADDR=adres
    )


def test_the_limit_is_at_most_ten():
    assert 1 <= settings.AXES_FAILURE_LIMIT <= 10
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_nine_failures_still_allow_the_right_password(demo):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _poging(client, "fout-wachtwoord").status_code == 200
    assert _poging(client, WACHTWOORD).status_code == 302


def test_ten_failures_lock_out_even_the_right_password(demo):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _poging(client, "fout-wachtwoord").status_code == 200
    tiende = _poging(client, "fout-wachtwoord")
    assert tiende.status_code == 429
    tekst = tiende.content.decode()
    assert 'lang="nl"' in tekst and "Inloggen tijdelijk geblokkeerd" in tekst
    assert "30 minuten" in tekst and 'role="alert"' in tekst

    geblokkeerd = _poging(client, WACHTWOORD)
    assert geblokkeerd.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_address_and_ends_after_the_cool_off(demo):
    client = Client()
    with time_machine.travel("2026-01-05 09:00 +01:00", tick=False) as reis:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _poging(client, "fout-wachtwoord")
        assert _poging(client, WACHTWOORD).status_code == 429
        # A colleague of the same user elsewhere is not locked out by this.
        assert _poging(Client(), WACHTWOORD, adres="10.9.9.9").status_code == 302
        reis.shift(settings.AXES_COOLOFF_TIME.total_seconds() + 60)
        assert _poging(Client(), WACHTWOORD).status_code == 302


def test_axes_reset_unlocks(demo):
    from django.core.management import call_command

    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _poging(client, "fout-wachtwoord")
    assert _poging(client, WACHTWOORD).status_code == 429
    call_command("axes_reset_username", GEBRUIKER)
    assert _poging(client, WACHTWOORD).status_code == 302


def test_an_unknown_limit_above_ten_is_refused():
    import os
    import subprocess
    import sys

    env = dict(os.environ, AXES_FAILURE_LIMIT="11", DJANGO_SETTINGS_MODULE="config.settings.test")
    uit = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert uit.returncode != 0 and "AXES_FAILURE_LIMIT" in uit.stderr
