"""Helpers for the entry tests: a frozen 'today', and a month form read like a browser."""

from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def juni_2023():
    """15 June 2023: May is the previous month (no reason needed), April is older."""
    with time_machine.travel(datetime(2023, 6, 15, 10, 0, tzinfo=AMSTERDAM), tick=False):
        yield


class _Formulier(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.binnen = False
        self.velden: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.binnen = True
        elif self.binnen and tag == "input" and a.get("name"):
            if a.get("type") not in ("submit", "button"):
                self.velden[a["name"]] = a.get("value") or ""
        elif self.binnen and tag == "textarea":
            self._textarea = a.get("name")
            self.velden[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.velden[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.binnen:
            self.binnen = False


def formulier(html: str | bytes, form_id: str = "maandformulier") -> dict[str, str]:
    """The fields a browser would submit from the month form, as the page shows them."""
    p = _Formulier(form_id)
    p.feed(html.decode() if isinstance(html, bytes) else html)
    p.velden.pop("csrfmiddlewaretoken", None)
    return p.velden
