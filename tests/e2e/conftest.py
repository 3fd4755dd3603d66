"""Real browser tests: Debian's Chromium driven by Playwright, with axe-core.

Every page a test opens is watched for console errors (a CSP violation is one) and failed
requests; ``pagina.controleer_toegankelijkheid()`` runs axe-core and fails on serious or
critical findings. Playwright's sync API runs an event loop in this thread, so Django's
async-safety check is switched off for these tests only.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import PERSONAS, WACHTWOORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ERNSTIG = {"serious", "critical"}


def pytest_itemcollected(item):
    if "tests/e2e/" in str(item.fspath):
        item.add_marker(pytest.mark.browser)
        # One test process starts Chromium and the live server (~20 s) once, not each of the
        # processes of `make test` (--dist loadgroup, see tests/conftest.py _groep_in_nodeid);
        # the others run the rest.
        item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium ontbreekt: installeer met `make browser` (apt-get install chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@dataclass
class Pagina:
    """A Playwright page bound to the live server, with the checks every flow needs."""

    page: Page
    basis: str
    fouten: list[str] = field(default_factory=list)

    def open(self, pad: str) -> Page:
        antwoord = self.page.goto(self.basis + pad)
        assert antwoord is not None and antwoord.status < 500, (
            f"{pad}: {antwoord and antwoord.status}"
        )
        return self.page

    def inloggen(self, persona: str) -> Page:
        self.open("/inloggen/")
        self.page.get_by_label("Gebruikersnaam").fill(PERSONAS[persona])
        self.page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        self.page.get_by_role("button", name="Inloggen").click()
        self.page.wait_for_load_state()
        return self.page

    def controleer_toegankelijkheid(self, context: str | None = None) -> None:
        resultaat = Axe().run(self.page, context=context)
        ernstig = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(
                n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                for n in v["nodes"][:3]
            )
            for v in resultaat.response["violations"]
            if v.get("impact") in ERNSTIG
        ]
        assert not ernstig, f"axe op {self.page.url}:\n" + "\n".join(ernstig)


def _mislukt(p: Pagina, request) -> None:
    # A request the browser itself cancels because the page navigated on (typically the
    # favicon) is not a failure of the application.
    if request.failure != "net::ERR_ABORTED":
        p.fouten.append(f"requestfailed: {request.url} {request.failure}")


@contextmanager
def nieuwe_pagina(browser, basis: str) -> Iterator[Pagina]:
    """A fresh browser context and page on the live server, with the checks of ``pagina``;
    for a test that logs in as several roles in turn."""
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    page.set_default_timeout(10_000)
    p = Pagina(page, basis)
    page.on(
        "console",
        lambda m: p.fouten.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: p.fouten.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: _mislukt(p, r))
    try:
        yield p
    finally:
        context.close()
    # A CSP violation, a JavaScript error or a missing file fails the test.
    assert not p.fouten, "\n".join(p.fouten)


@pytest.fixture
def pagina(browser, live_server, demo) -> Iterator[Pagina]:
    with nieuwe_pagina(browser, live_server.url) as p:
        yield p
