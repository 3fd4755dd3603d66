"""Schemathesis against our own OpenAPI description, through the WSGI app (no server).

Every operation, with a bounded number of generated examples (plus the examples in the
description, which point at Almere), as an authenticated persona: no 5xx, and every answer
has a documented status code, content type and a body that matches its schema. Anonymous,
every operation answers 401 or 403.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from organisaties import tokens

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def verbinding_open(demo):
    # Called directly, the WSGI handler closes the database connection after each request
    # (Django's request_finished signal); the test client switches that off, and so do we,
    # or the test's transaction would be gone after the first call.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def sleutel(demo):
    return tokens.maak(user=demo.user("provincie_a"), naam="schemathesis")[1]


# Loaded when the module is collected: the description needs no database. (The lazy
# ``schemathesis.pytest.from_fixture`` does not work with pytest 9 in schemathesis 4.32.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_its_description(case, sleutel, verbinding_open):
    # Without compression: the WSGI transport hands schemathesis the body as sent, and
    # GZipMiddleware compresses every answer for a client that accepts gzip (an HTTP client
    # unpacks it; tests/rapportage/dashboard/test_snel.py checks that).
    antwoord = case.call(
        headers={"Authorization": f"Bearer {sleutel}", "Accept-Encoding": "identity"}
    )
    case.validate_response(antwoord, checks=CHECKS)


@schema.parametrize()
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
def test_anonymous_is_refused_everywhere(case, verbinding_open):
    antwoord = case.call()
    # Schemathesis also tries methods the API does not have: those are 405 for everyone.
    assert antwoord.status_code in ((401, 403) if case.method.upper() == "GET" else (405,))
