"""Shared by the plan, supply and toezicht tests: frozen dates, recorded recompute requests,
and reading a form from a page the way a browser would submit it."""

from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SERVICES = [
    "bemiddeling.services.plan",
    "bemiddeling.services.aanbod",
    "taakstelling.services.taakstelling",
    "taakstelling.services.toezicht",
]


@pytest.fixture
def juni_2023():
    """15 June 2023: May 2023 is the previous month (no reason needed), April is older."""
    with time_machine.travel(datetime(2023, 6, 15, 10, 0, tzinfo=AMSTERDAM), tick=False):
        yield


@pytest.fixture
def augustus_2024():
    """15 August 2024: July 2024 is the previous month; Steenwijkerland's cap changed in it."""
    with time_machine.travel(datetime(2024, 8, 15, 10, 0, tzinfo=AMSTERDAM), tick=False):
        yield


@pytest.fixture
def herberekeningen(monkeypatch):
    """Gemeente ids whose recompute was requested, recorded after commit (as the real one)."""
    gezien: list[int] = []

    def aanvragen(gemeente_id: int) -> None:
        transaction.on_commit(lambda: gezien.append(gemeente_id))

    for module in SERVICES:
        monkeypatch.setattr(f"{module}.herberekening_aanvragen", aanvragen)
    return gezien


class _Formulier(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.binnen = False
        self.velden: dict[str, str] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.binnen = True
        elif self.binnen and tag == "input" and a.get("name"):
            if a.get("type") not in ("submit", "button", "checkbox"):
                self.velden[a["name"]] = a.get("value") or ""
        elif self.binnen and tag == "select":
            self._select = a.get("name")
        elif self.binnen and tag == "option" and self._select and "selected" in a:
            self.velden[self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self.binnen:
            self.binnen = False


def formulier(html: str | bytes, form_id: str) -> dict[str, str]:
    """The fields a browser would submit from the form with this id (buttons excluded)."""
    p = _Formulier(form_id)
    p.feed(html.decode() if isinstance(html, bytes) else html)
    p.velden.pop("csrfmiddlewaretoken", None)
    return p.velden
