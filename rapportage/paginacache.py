"""The dashboards' content, rendered once per version of the data and kept in Django's cache.

Rendering a dashboard reads ten years of figures; most requests show what the previous one
showed (the figures change a few times a day), so the content below the menu is kept per
process under a key that changes whenever what it shows may have changed.

**One cheap query per request** (``gemeentestand`` / ``provinciestand``): the data version
and the default peildatum together.

- The version is ``Rekenstatus.versie`` of the gemeente (for a province: the sum over its
  gemeenten, and their number). Every write that changes a figure calls
  ``organisaties.herberekening.herberekening_aanvragen`` in its own transaction, which raises
  the counter (``prognose/herberekening.py``); every snapshot write raises it too, in the
  same transaction (``prognose/services.py``). Counters only grow, so a sum changes whenever
  one of them does. A committed change therefore always gives a new key: a cached page never
  shows figures that already changed. The version is read before the figures: content stored
  under a key is never older than the key (at worst newer, when a change commits in between;
  the next request then has a new key).
- The gemeente key also holds its households (number, sum of their versions, newest id:
  every household write raises a version or adds or removes a row), for the panel "Past het
  aanbod?" (issue 14 §9), which a household's step changes without changing a figure.
- The gemeente key also counts its working areas (a corporatie added to or removed from the
  gemeente); an edit of reference data or of an organisation's name (not audited as a
  figure) shows after ``TTL`` (5 minutes) at the latest, as before.
- The default peildatum (the day after the newest entered month, never after today) is the
  same query: per gemeente one index lookup in ``taakstelling_maandrapportage``.

Before: one query of 33 subqueries over every history table plus a MAX query for the
province's peildatum (bench/README.md). A write outside the services (raw ORM, a shell)
does not raise the counter: call ``herberekening_aanvragen`` as the services do.

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
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.core.cache import cache as django_cache
from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from bemiddeling.huishoudens.aanbod import paneelquery
from bemiddeling.models import Huishouden
from organisaties.models import Gemeente, Provincie, Werkgebied
from prognose.models import Rekenstatus
from taakstelling.models import Maandrapportage
from taakstelling.selectors import peildatum_na

TTL = 5 * 60


@dataclass(frozen=True)
class Stand:
    """The data version of a page's object and its default peildatum, from one query."""

    versie: tuple
    vandaag: date
    laatste_maand: date | None  # the newest entered month (first day) on or before today
    # The gemeente's "Past het aanbod?" figures today (bemiddeling.huishoudens.aanbod
    # .paneelquery), read in the same query: the panel costs no query of its own.
    paneel: tuple | None = None

    @property
    def standaard_peildatum(self) -> date:
        return peildatum_na(self.laatste_maand, self.vandaag)


def _q(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@cache
def _gemeentequery() -> str:
    status, werkgebied, maanden = _q(Rekenstatus), _q(Werkgebied), _q(Maandrapportage)
    huishoudens = _q(Huishouden)
    return (
        f"SELECT COALESCE((SELECT versie FROM {status} WHERE gemeente_id = %s), 0), "  # noqa: S608
        f"(SELECT COUNT(*) FROM {werkgebied} WHERE gemeente_id = %s), "
        f"(SELECT MAX(maand) FROM {maanden} WHERE gemeente_id = %s AND maand <= %s), "
        f"(SELECT COUNT(*) || '-' || COALESCE(SUM(versie), 0) || '-' || COALESCE(MAX(id), 0) "
        f"FROM {huishoudens} WHERE gemeente_id = %s), paneel.*"
    )


@cache
def _provinciequery() -> str:
    gemeente, status, maanden = _q(Gemeente), _q(Rekenstatus), _q(Maandrapportage)
    # Per gemeente the newest month is one backward index scan (gemeente, maand).
    return (
        f"SELECT COALESCE(SUM(r.versie), 0), COUNT(*), "  # noqa: S608
        f"MAX((SELECT MAX(m.maand) FROM {maanden} m WHERE m.gemeente_id = g.id "
        f"AND m.maand <= %s)) "
        f"FROM {gemeente} g LEFT JOIN {status} r ON r.gemeente_id = g.id "
        f"WHERE g.provincie_id = %s"
    )


def _datum(waarde) -> date | None:
    return date.fromisoformat(waarde) if isinstance(waarde, str) else waarde  # SQLite: text


# Stand-ins for the gemeente and the date while the panel's SQL is compiled once: no real
# gemeente has this id, and no quota dates from before 1900.
_GEEN_GEMEENTE = -80_180_180
_GEEN_DATUM = date(1899, 12, 31)


@cache
def _paneelsjabloon() -> tuple[str, tuple]:
    """The panel's SQL, compiled once per process (the ORM spent 8 ms of each warm request
    building the same statement), with its parameters; the gemeente and the date are
    filled in per request (``_paneel``)."""
    sql, parameters = paneelquery(Gemeente(pk=_GEEN_GEMEENTE), _GEEN_DATUM).query.sql_with_params()
    return sql, tuple(parameters)


def _paneel(gemeente: Gemeente, vandaag: date) -> tuple[str, list]:
    sql, parameters = _paneelsjabloon()
    ingevuld = []
    for p in parameters:
        if type(p) is int and p == _GEEN_GEMEENTE:
            p = gemeente.pk
        elif p == _GEEN_DATUM:
            p = vandaag
        elif p == _GEEN_DATUM.isoformat():  # SQLite: dates as text
            p = vandaag.isoformat()
        ingevuld.append(p)
    return sql, ingevuld


def gemeentestand(gemeente: Gemeente, vandaag: date) -> Stand:
    paneel, paneelparameters = _paneel(gemeente, vandaag)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{_gemeentequery()} FROM ({paneel}) paneel",
            [gemeente.pk, gemeente.pk, gemeente.pk, vandaag, gemeente.pk, *paneelparameters],
        )
        versie, werkgebieden, laatste, huishoudens, *cijfers = cursor.fetchone()
    return Stand(
        ("g", gemeente.pk, versie, werkgebieden, huishoudens),
        vandaag,
        _datum(laatste),
        tuple(cijfers),
    )


def provinciestand(provincie: Provincie, vandaag: date) -> Stand:
    with connection.cursor() as cursor:
        cursor.execute(_provinciequery(), [vandaag, provincie.pk])
        versie, gemeenten, laatste = cursor.fetchone()
    return Stand(("p", provincie.pk, versie, gemeenten), vandaag, _datum(laatste))


def inhoud(soort: str, sleutel: tuple, stand: Stand, maak: Callable[[], str]) -> SafeString:
    """The content for ``soort`` and ``sleutel`` at the data version ``stand``: from the
    cache, or made by ``maak()`` (rendered HTML) and stored for ``TTL`` seconds."""
    delen = (soort, sleutel, stand.vandaag.isoformat(), stand.versie)
    naam = "dashboard:" + hashlib.sha256(repr(delen).encode()).hexdigest()
    html = django_cache.get(naam)
    if html is None:
        html = maak()
        django_cache.set(naam, html, TTL)
    return mark_safe(html)  # noqa: S308 (our own rendered template)
