"""Helpers for the entry tests: a frozen 'today', and a month form read like a browser."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def juni_2023():
    """15 June 2023: May is the previous month (no reason needed), April is older."""
    with time_machine.travel(datetime(2023, 6, 15, 10, 0, tzinfo=AMSTERDAM), tick=False):
        yield
