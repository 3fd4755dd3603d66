"""Personas and the demo world.

The demo (demo/laden.py) is the persona world: gemeente A is Almere (Flevoland),
gemeente B is Steenwijkerland (Overijssel). It is loaded once per test database; a test that
flushes the database (transactional tests: browser, worker) gets it back through ``demo``.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from organisaties.models import Corporatie, Gemeente, Provincie, User

WACHTWOORD = "test-wachtwoord-2023"

# The longest tests first (`make test` runs in two processes): each process starts with one of
# them, the short ones fill up behind, and no minute-long test is left for the end while the
# other process idles. In the order of their length in a quiet `make test` (--durations):
# upgrade proof ~60 s, restored backup ~40 s, every page per role 10-55 s, the services ~45 s,
# the fault tests 20-50 s, the demo on SQLite ~30 s, the jargon check ~30 s.
VOORAAN = (
    "tests/ops/test_upgrade.py::test_upgrading",
    "tests/ops/deployment/test_backup.py::test_a_restored_backup",
    "tests/e2e/test_elke_pagina.py",
    "tests/ops/deployment/test_diensten.py",
    "tests/ops/fouten/test_storingen.py",
    "tests/ops/test_instellingen.py::test_stand_gives_the_seed_figures_on_sqlite",
    "tests/toegang/test_taal.py",
    "tests/ops/fouten/",
    "tests/ops/deployment/",
    "tests/ops/worker/",
    "tests/e2e/",
)


def _transactioneel(item) -> bool:
    """As pytest-django decides it: such a test commits, and ends with a flush."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    namen = getattr(item, "fixturenames", ())
    return "transactional_db" in namen or "live_server" in namen


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the flush that ends a transactional test, the demo is put back (committed) at
    once: the longest tests run first (below), so ordinary tests follow them in the same
    process and expect the demo, and must not each restore it in their own rolled-back
    transaction."""
    yield
    # After the last test of a process the session's teardown has dropped the test database
    # already (and nothing follows that would need the demo).
    if _DEMO_KOPIE and nextitem is not None and _transactioneel(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            if not Gemeente.objects.filter(cbs_code="GM0034").exists():
                _herstel_demo()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    def rang(item) -> int:
        for i, begin in enumerate(VOORAAN):
            if item.nodeid.startswith(begin):
                return i
        return len(VOORAAN)

    items.sort(key=rang)  # stable: the order within each group stays as collected
    if getattr(config.option, "loadgroup", False):  # set in the processes of -n N only
        _groep_in_nodeid(items)


def _groep_in_nodeid(items) -> None:
    """``--dist loadgroup``: pytest-xdist 3.8 sends the tests of one ``xdist_group`` to one
    process by the suffix ``@group`` it gives their nodeid, but it writes that suffix into
    ``item._nodeid``, which pytest 9 no longer reads (``item._id``): every group was split
    over the processes, and each of them started Chromium and the live server itself. Done
    here the way pytest 9 reads it."""
    from _pytest.nodeid import NodeId

    for item in items:
        groepen = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                          for m in item.iter_markers("xdist_group")})  # fmt: skip
        if groepen and "@" not in item.nodeid.rsplit("]", 1)[-1]:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groepen)}")


PERSONAS = {
    "opgaveteam_a": "opgaveteam-almere",
    "opgaveteam_b": "opgaveteam-steenwijkerland",
    "corporatie_a": "corporatie-ymere",
    "corporatie_a2": "corporatie-goedestede",
    "corporatie_b": "corporatie-woonconcept",
    "provincie_a": "provincie-flevoland",
    "provincie_elders": "provincie-overijssel",
    "taskforce_a": "taskforce-almere",
    "beheerder": "beheerder",
}


@dataclass
class Wereld:
    almere: Gemeente
    lelystad: Gemeente
    steenwijkerland: Gemeente
    flevoland: Provincie
    overijssel: Provincie
    ymere: Corporatie
    woonconcept: Corporatie

    def user(self, persona: str) -> User:
        return User.objects.get(username=PERSONAS[persona])

    def client(self, persona: str | None) -> Client:
        client = Client()
        if persona is not None:
            client.force_login(self.user(persona))
        return client


# The test world is the demo's story (Almere 2023 up to April, Steenwijkerland 2024 up to
# September) without the illustrative months that continue it up to today (demo/heden.py):
# loaded as on this date, the world is the same whatever day the tests run.
# tests/demo/test_levend.py loads the living demo with a frozen clock.
DEMO_VANDAAG = date(2023, 5, 15)


# The demo as loaded once per test database: every table's rows (COPY, binary) and every
# sequence's position. A transactional test (browser, worker) ends with a flush that empties
# the database; the next one gets the demo back from this copy in a fraction of a second
# instead of loading it again (seconds: passwords, history, forecasts).
_DEMO_KOPIE: dict = {}


def _laad() -> None:
    from demo.laden import laad_demo

    if _DEMO_KOPIE:
        _herstel_demo()
        return
    laad_demo(WACHTWOORD, vandaag=DEMO_VANDAAG)
    _bewaar_demo()


def _tabellen() -> list[str]:
    from django.db import connection

    return sorted(connection.introspection.django_table_names(only_existing=True))


def _bewaar_demo() -> None:
    from django.db import connection

    tabellen = {}
    with connection.cursor() as cursor:
        for tabel in _tabellen():
            with cursor.copy(f'COPY "{tabel}" TO STDOUT (FORMAT binary)') as copy:
                tabellen[tabel] = b"".join(bytes(blok) for blok in copy)
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        )
        reeksen = cursor.fetchall()
    _DEMO_KOPIE.update(tabellen=tabellen, reeksen=reeksen)


def _herstel_demo() -> None:
    """Exactly the rows and ids of the first load; the triggers (append-only history) do not
    fire for this, as for the flush before it (session_replication_role)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    tabellen = _DEMO_KOPIE["tabellen"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        # What the flush's post_migrate signal made again (content types, permissions).
        for tabel in tabellen:
            cursor.execute(f'DELETE FROM "{tabel}"')
        for tabel, rijen in tabellen.items():
            with cursor.copy(f'COPY "{tabel}" FROM STDIN (FORMAT binary)') as copy:
                copy.write(rijen)
        for reeks, waarde in _DEMO_KOPIE["reeksen"]:
            if waarde is None:
                cursor.execute("SELECT setval(%s, 1, false)", [reeks])
            else:
                cursor.execute("SELECT setval(%s, %s, true)", [reeks, waarde])
        # SET LOCAL lasts to the end of the outermost transaction: inside a test's own
        # transaction it would otherwise switch the triggers off for the rest of the test.
        cursor.execute("SET LOCAL session_replication_role = origin")
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session", autouse=True)
def _flush_ondanks_alleen_toevoegen():
    """The history tables refuse TRUNCATE (organisaties/migratie_operaties.py), and a flush is
    one TRUNCATE of every table: pytest-django flushes after each transactional test (browser,
    worker). For the flush only, the test database's superuser runs it as a replica
    (``session_replication_role``), which fires no ordinary triggers; the application itself
    has no such switch."""
    from django.db import transaction
    from django.db.backends.postgresql.operations import DatabaseOperations

    oorspronkelijk = DatabaseOperations.execute_sql_flush

    def flush(self, sql_list):
        # DELETE instead of one TRUNCATE of every table: TRUNCATE gives each of the ~150
        # tables new files (seconds per flush); the few demo rows go faster row by row. As a
        # replica no trigger fires, foreign keys included, so the order does not matter.
        geleegd, rest = [], []
        for sql in sql_list:
            if sql.startswith("TRUNCATE ") and sql.endswith(";") and "RESTART" not in sql:
                namen = sql.removeprefix("TRUNCATE ").removesuffix(";")
                namen = namen.removesuffix(" CASCADE").split(", ")
                geleegd += [f"DELETE FROM {naam}" for naam in namen]
            else:
                rest.append(sql)
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
                for sql in geleegd:
                    cursor.execute(sql)
            oorspronkelijk(self, rest)

    DatabaseOperations.execute_sql_flush = flush
    yield
    DatabaseOperations.execute_sql_flush = oorspronkelijk


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _laad()


@pytest.fixture(autouse=True)
def _lege_cache():
    """Each test starts with an empty cache: the dashboards' cache key follows the data
    version (rapportage/paginacache.py), and a test's rolled-back data must not meet the
    pages another test cached on the same committed state."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def demo(db) -> Wereld:
    if not Gemeente.objects.filter(cbs_code="GM0034").exists():
        _laad()
    return Wereld(
        almere=Gemeente.objects.get(cbs_code="GM0034"),
        lelystad=Gemeente.objects.get(cbs_code="GM0995"),
        steenwijkerland=Gemeente.objects.get(cbs_code="GM1708"),
        flevoland=Provincie.objects.get(slug="flevoland"),
        overijssel=Provincie.objects.get(slug="overijssel"),
        ymere=Corporatie.objects.get(slug="ymere"),
        woonconcept=Corporatie.objects.get(slug="woonconcept"),
    )


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def juni_2023():
    """15 June 2023: May is the previous month (no reason needed), April is older."""
    with time_machine.travel(datetime(2023, 6, 15, 10, 0, tzinfo=AMSTERDAM), tick=False):
        yield
