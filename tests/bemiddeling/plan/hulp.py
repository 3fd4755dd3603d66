"""Shared by the plan, supply and toezicht tests: frozen dates, recorded recompute requests,
and reading a form from a page the way a browser would submit it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SERVICES = [
    "bemiddeling.services.plan",
    "bemiddeling.services.aanbod",
    "taakstelling.services.taakstelling",
    "taakstelling.toezicht.services",
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
