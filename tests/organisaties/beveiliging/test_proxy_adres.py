"""The client address behind N reverse proxies, as production receives it (issue 12).

Each proxy appends the address it received the connection from to X-Forwarded-For;
REMOTE_ADDR is the nearest proxy. The client is therefore the N-th address from the right
of "X-Forwarded-For + REMOTE_ADDR"; anything further left was sent by the client itself and
proves nothing. The lockout counts per username and that address.
"""

import subprocess
import sys

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.test import Client, override_settings

from tests.conftest import PERSONAS, WACHTWOORD
from tests.organisaties.beveiliging.test_kopregels import _productie_env

GEBRUIKER = PERSONAS["beheerder"]
AANVALLER = "203.0.113.66"
EIGENAAR = "198.51.100.7"
PROXY = "10.0.0.2"  # the TLS proxy right in front of gunicorn
BUITENSTE_PROXY = "10.0.0.3"  # the outer one, with two


def _koppen(client_adres: str, proxies: int, *, meegestuurd: str | None = None) -> dict:
    """The request as gunicorn gets it after `proxies` proxies, each appending its peer.

    ``meegestuurd`` is an X-Forwarded-For the client sent itself (spoofed).
    """
    if proxies == 0:
        koppen = {"REMOTE_ADDR": client_adres}
        if meegestuurd:
            koppen["HTTP_X_FORWARDED_FOR"] = meegestuurd
        return koppen
    keten = [meegestuurd] if meegestuurd else []
    # The outermost proxy appends the client, each next one the proxy before it.
    hops = [client_adres, BUITENSTE_PROXY][:proxies]
    keten += hops
    return {"HTTP_X_FORWARDED_FOR": ", ".join(keten), "REMOTE_ADDR": PROXY}


def _poging(client: Client, wachtwoord: str, koppen: dict):
    return client.post("/inloggen/", {"username": GEBRUIKER, "password": wachtwoord}, **koppen)


def _tien_foute(koppen: dict) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _poging(client, "fout-wachtwoord", koppen)
    assert _poging(client, WACHTWOORD, koppen).status_code == 429


@pytest.mark.parametrize("proxies", [0, 1, 2])
def test_ten_wrong_passwords_lock_the_attacker_out_and_not_the_owner(demo, proxies):
    with override_settings(PROXY_AANTAL=proxies):
        _tien_foute(_koppen(AANVALLER, proxies))
        # The attempts are stored under the attacker's address, not empty, not the proxy's.
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {AANVALLER}
        # The owner, from elsewhere, logs in with the right password; the log-in is logged
        # under the owner's address.
        assert _poging(Client(), WACHTWOORD, _koppen(EIGENAAR, proxies)).status_code == 302
        assert list(AccessLog.objects.values_list("ip_address", flat=True)) == [EIGENAAR]


@pytest.mark.parametrize("proxies", [0, 1, 2])
def test_a_spoofed_forwarded_for_cannot_choose_the_locked_address(demo, proxies):
    """The attacker sends X-Forwarded-For: <owner's address>; the lock still lands on the
    attacker's own address, whatever it sends (an address, a list, junk or a quote)."""
    vervalsingen = [EIGENAAR, f"{EIGENAAR}, {EIGENAAR}", '"', "onzin", f"{EIGENAAR}, 10.1.1.1"]
    with override_settings(PROXY_AANTAL=proxies):
        client = Client()
        for i in range(settings.AXES_FAILURE_LIMIT):
            vals = vervalsingen[i % len(vervalsingen)]
            _poging(client, "fout-wachtwoord", _koppen(AANVALLER, proxies, meegestuurd=vals))
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {AANVALLER}
        assert (
            _poging(Client(), WACHTWOORD, _koppen(AANVALLER, proxies, meegestuurd=EIGENAAR))
        ).status_code == 429
        assert _poging(Client(), WACHTWOORD, _koppen(EIGENAAR, proxies)).status_code == 302


def test_a_request_that_skipped_a_proxy_counts_for_the_socket_address(demo):
    """Fewer addresses than proxies (someone reached gunicorn past the outer proxy): only
    REMOTE_ADDR can be trusted, never an address the sender wrote itself."""
    with override_settings(PROXY_AANTAL=2):
        _tien_foute({"HTTP_X_FORWARDED_FOR": EIGENAAR, "REMOTE_ADDR": AANVALLER})
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {AANVALLER}
        assert _poging(Client(), WACHTWOORD, _koppen(EIGENAAR, 2)).status_code == 302


def test_the_lockout_log_line_names_the_address_and_masks_the_username(demo, caplog):
    """The address, so an operator can act (axes_reset_ip); the username stays masked, since
    people type their password into that field."""
    with override_settings(PROXY_AANTAL=1), caplog.at_level("WARNING", logger="axes"):
        _tien_foute(_koppen(AANVALLER, 1))
    regels = [r.getMessage() for r in caplog.records if r.name.startswith("axes")]
    blokkade = [r for r in regels if "Locking out" in r]
    assert blokkade and all(AANVALLER in r and GEBRUIKER not in r for r in blokkade), regels


def test_production_settings_read_the_address_behind_one_proxy():
    """The settings module itself, as gunicorn loads it with PROXY_AANTAL=1: the one
    X-Forwarded-For entry a single proxy sends is the client."""
    code = (
        "import django; django.setup()\n"
        "from django.test import RequestFactory\n"
        "from axes.helpers import get_client_ip_address\n"
        "r = RequestFactory().post('/inloggen/', HTTP_X_FORWARDED_FOR='"
        f"{AANVALLER}', REMOTE_ADDR='{PROXY}')\n"
        "print(get_client_ip_address(r))\n"
    )
    uit = subprocess.check_output(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=_productie_env(PROXY_AANTAL="1"),
        text=True,
        timeout=60,
    )
    assert uit.strip() == AANVALLER


@pytest.mark.parametrize("waarde", ["-1", "6"])
def test_an_impossible_proxy_count_is_refused_at_start(waarde):
    uit = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=_productie_env(PROXY_AANTAL=waarde),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert uit.returncode != 0 and "PROXY_AANTAL" in uit.stderr
