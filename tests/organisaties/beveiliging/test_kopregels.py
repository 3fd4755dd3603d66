"""Security headers, cookies, check --deploy and security.txt."""

import os
import re
import secrets
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import time_machine
from csp.constants import NONCE
from django.conf import settings
from django.test import Client, override_settings

from tests.conftest import PERSONAS, WACHTWOORD


def _productie_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="monitor.example.nl",
        SECURITY_CONTACT="mailto:beveiliging@example.nl",
        HUISHOUDEN_SLEUTEL=secrets.token_urlsafe(48),
    )
    env.pop("TWEESTAPS_VERPLICHT", None)
    env.update(extra)
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_on_production_settings():
    uit = _manage("check", "--deploy", "--fail-level", "WARNING", env=_productie_env())
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "no issues" in uit.stdout


def test_check_deploy_fails_on_a_weak_production_setting():
    """The check is not blind: switching HTTPS redirect off is a warning, and so a failure."""
    uit = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=_productie_env(SECURE_SSL_REDIRECT="false"),
    )
    assert uit.returncode != 0 and "security.W008" in uit.stderr + uit.stdout


def test_production_refuses_to_skip_two_factor_or_the_security_contact():
    uit = _manage("check", env=_productie_env(TWEESTAPS_VERPLICHT="false"))
    assert uit.returncode != 0 and "TWEESTAPS_VERPLICHT" in uit.stderr
    uit = _manage("check", env=_productie_env(TWEESTAPS_VERPLICHT="misschien"))
    assert uit.returncode != 0 and "geen geldige boolean" in uit.stderr
    uit = _manage("check", env=_productie_env(SECURITY_CONTACT=""))
    assert uit.returncode != 0 and "SECURITY_CONTACT" in uit.stderr


def test_production_settings_are_strict():
    env = _productie_env()
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.TWEESTAPS_VERPLICHT, s.DEBUG)"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert uit.stdout.split() == [
        "31536000",
        "True",
        "True",
        "True",
        "True",
        "True",
        "True",
        "False",
    ]


@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_every_response_carries_the_security_headers(demo):
    client = Client()
    antwoord = client.post(
        "/inloggen/",
        {"username": PERSONAS["opgaveteam_a"], "password": WACHTWOORD},
        secure=True,
    )
    assert antwoord.status_code == 302
    sessie = antwoord.cookies[settings.SESSION_COOKIE_NAME]
    assert sessie["secure"] and sessie["httponly"] and sessie["samesite"] == "Lax"
    pagina = client.get("/gemeenten/GM0034/", secure=True)
    assert pagina.status_code == 200
    kop = pagina.headers
    assert kop["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert kop["X-Content-Type-Options"] == "nosniff"
    assert kop["X-Frame-Options"] == "DENY"
    assert kop["Referrer-Policy"] == "same-origin"
    assert kop["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = kop["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]+)", csp).group(1)
    # Scripts: our own files, or inline with the per-response nonce (added when a page uses it).
    assert NONCE in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
    assert "unsafe-inline" not in script and "unsafe-eval" not in script
    assert "frame-ancestors 'none'" in csp
    inlog = Client().get("/inloggen/", secure=True)
    assert inlog.cookies[settings.CSRF_COOKIE_NAME]["secure"]


def test_security_txt_follows_rfc_9116(demo):
    with time_machine.travel(datetime(2026, 11, 21, 12, 0, tzinfo=UTC), tick=False):
        antwoord = Client().get("/.well-known/security.txt", secure=True)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/plain; charset=utf-8"
    velden = dict(r.split(": ", 1) for r in antwoord.content.decode().splitlines())
    assert velden["Contact"] == "mailto:beveiliging@example.nl"
    assert velden["Preferred-Languages"] == "nl, en"
    assert velden["Canonical"] == "https://testserver/.well-known/security.txt"
    verloopt = datetime.strptime(velden["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    nu = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    assert nu + timedelta(days=300) < verloopt < nu + timedelta(days=365)
