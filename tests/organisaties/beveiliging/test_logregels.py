"""Refusals in the log (issue 12): a 4xx answer is one line with the client address, never a
traceback; a 5xx keeps its traceback. Read from the console handler that LOGGING configures,
which is what gunicorn writes."""

import io
import logging

import pytest
from django.test import Client, override_settings

from tests.conftest import PERSONAS, WACHTWOORD

ADRES = "203.0.113.66"


@pytest.fixture
def console():
    """The text the configured console handler writes."""
    (handler,) = [h for h in logging.getLogger().handlers if h.name == "console"]
    uitvoer = io.StringIO()
    oud = handler.setStream(uitvoer)
    yield uitvoer
    handler.setStream(oud)


def _regels(uitvoer: io.StringIO, woord: str) -> list[str]:
    tekst = uitvoer.getvalue()
    assert woord in tekst, tekst
    return tekst.splitlines()


def test_a_403_is_one_line_with_the_address_and_no_traceback(demo, console, caplog):
    client = demo.client("corporatie_a")
    antwoord = client.get("/gemeenten/GM0034/plan/nieuw/", REMOTE_ADDR=ADRES)
    assert antwoord.status_code == 403
    assert any(getattr(r, "status_code", None) == 403 for r in caplog.records)
    regels = _regels(console, "Forbidden")
    assert "Traceback" not in console.getvalue()
    (regel,) = [r for r in regels if "Forbidden" in r]
    assert "WARNING django.request" in regel and "/gemeenten/GM0034/plan/nieuw/" in regel
    assert ADRES in regel


def test_a_csrf_refusal_is_one_line_with_the_address(demo, console):
    client = Client(enforce_csrf_checks=True)
    client.get("/inloggen/")
    with override_settings(PROXY_AANTAL=1):
        client.post(
            "/inloggen/",
            {"username": PERSONAS["beheerder"], "password": WACHTWOORD},
            HTTP_X_FORWARDED_FOR=ADRES,
            REMOTE_ADDR="10.0.0.2",
        )
    (regel,) = [r for r in _regels(console, "Forbidden (CSRF") if "Forbidden" in r]
    assert "django.security.csrf" in regel and ADRES in regel
    assert "Traceback" not in console.getvalue()


def test_a_bad_host_is_one_line_without_traceback(demo, console):
    assert Client().get("/", HTTP_HOST="aanvaller.example").status_code == 400
    regels = [r for r in _regels(console, "DisallowedHost") if "aanvaller.example" in r]
    assert len(regels) == 1
    assert "Traceback" not in console.getvalue()


def test_a_server_error_keeps_its_traceback(console):
    logger = logging.getLogger("django.request")
    try:
        raise RuntimeError("kapot")
    except RuntimeError:
        logger.error("Internal Server Error: /x/", exc_info=True, extra={"status_code": 500})
    assert "Traceback" in console.getvalue() and "RuntimeError: kapot" in console.getvalue()
