"""The dashboards' content, rendered once per version of the data and kept in Django's cache.

Rendering a dashboard reads ten years of figures and costs 90 ms (gemeente) to 400 ms
(province) of CPU; a 2-core machine then serves 5 to 25 of them a second (bench/README.md).
Most requests show what the previous one showed: the figures change a few times a day.

**Never stale.** The key holds ``gegevensversie()``: in one query, the highest history id of
every history table (every change to a figure writes a history row, in the same transaction,
and the database refuses to rewrite them), and the state of the forecast (the snapshots'
newest computation time and highest id, the sum of the change counters). Any committed change
gives a new key, so a cached page is never shown after the figures it shows changed. The
version is read before the figures: content stored under a key is never older than the key
(at worst newer, when a change commits in between; the next request then has a new key). What
is not audited (organisations, working areas, reference data such as sources and action
types) changes the key when a row is added or removed; an edit of such a row (a renamed
corporatie) shows after ``TTL`` (5 minutes) at the latest.

**Per user only what differs.** Access is checked before the cache is asked (404 for another
organisation's gemeente); the key holds what the content depends on beyond the data: the
page, the object, the peildatum, today's date, and for the gemeente dashboard the corporaties
the user may see (a corporatie sees its own supply row only). The menu, the CSRF token and
the CSP nonce are outside the cached part (``*_inhoud.html`` holds no user-specific tag).
A request with an invalid ``?peildatum=`` is rendered without the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache

from django.apps import apps
from django.core.cache import cache as django_cache
from django.db import connection
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from prognose.models import Rekenstatus, Snapshot

TTL = 5 * 60


def _historietabellen() -> list[str]:
    return sorted(
        m._meta.db_table
        for m in apps.get_models()
        if any(f.name == "history_id" for f in m._meta.concrete_fields)
    )


def _zonder_historie() -> list[str]:
    namen = (
        "organisaties.Provincie",
        "organisaties.Gemeente",
        "organisaties.Corporatie",
        "organisaties.Werkgebied",
        "taakstelling.Bron",
        "taakstelling.Trede",
        "bemiddeling.ActieType",
    )
    return [apps.get_model(n)._meta.db_table for n in namen]


def _deel(uitdrukking: str, tabel: str) -> str:
    """A scalar subquery over a table of our own models (no user input reaches it)."""
    return f"(SELECT {uitdrukking} FROM {connection.ops.quote_name(tabel)})"  # noqa: S608


@cache
def _versiequery() -> str:
    """Built once per process: the models and their tables do not change while it runs."""
    snapshot, status = Snapshot._meta.db_table, Rekenstatus._meta.db_table
    delen = [_deel("MAX(history_id)", t) for t in _historietabellen()]
    # Tables without history that a dashboard reads (organisations, working areas, reference
    # data): a row added or removed changes the key; an edited name waits for TTL.
    delen += [_deel("COUNT(*)", t) for t in _zonder_historie()]
    delen += [
        _deel("MAX(berekend_op)", snapshot),  # indexed
        _deel("MAX(id)", snapshot),
        _deel("SUM(wijziging)", status),
        _deel("COUNT(*)", status),
    ]
    return "SELECT " + ", ".join(delen)


def gegevensversie() -> str:
    """A text that changes with every committed change to the data a dashboard shows."""
    with connection.cursor() as cursor:
        cursor.execute(_versiequery())
        return repr(cursor.fetchone())


def inhoud(soort: str, sleutel: tuple, maak: Callable[[], str]) -> SafeString:
    """The content for ``soort`` and ``sleutel`` at the current data version: from the cache,
    or made by ``maak()`` (rendered HTML) and stored for ``TTL`` seconds."""
    delen = (soort, sleutel, timezone.localdate().isoformat(), gegevensversie())
    naam = "dashboard:" + hashlib.sha256(repr(delen).encode()).hexdigest()
    html = django_cache.get(naam)
    if html is None:
        html = maak()
        django_cache.set(naam, html, TTL)
    return mark_safe(html)  # noqa: S308 (our own rendered template)
