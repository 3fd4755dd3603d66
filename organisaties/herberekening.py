"""The request for a recompute: the one call every write makes, inside its transaction.

Writers (realisatie, taakstelling, plan, aanbod, imports) live below the forecast in the
layers, so they cannot call it. They call ``herberekening_aanvragen(gemeente_id)`` here; the
forecast app registers at start-up (``AppConfig.ready``) what a request does:

- ``wijziging_registreren(gemeente_id)`` raises the gemeente's change counter in the caller's
  transaction, so a change and "a recompute is due" commit or roll back together;
- ``versturen(gemeente_id)`` runs after commit and enqueues (or, eager, runs) the recompute;
- ``robuust()`` says whether a failure of ``versturen`` must be swallowed (logged) rather
  than turn a saved change into an error page: true with a real broker;
- ``versie_ophogen(gemeente_ids)`` raises only the gemeenten's data version (the dashboards'
  cache key), in the caller's transaction, and asks no recompute.

A change that the forecast does not read (the province's choice of figures, COA's overview:
shown beside the forecast, never an input of it) calls ``versie_ophogen`` instead of
``herberekening_aanvragen``: the pages show it at once, and no worker recomputes for nothing.

A gemeente is registered once per transaction: a second request in the same transaction finds
the first one's on-commit callback (registered in a savepoint that outlives the caller's) and
returns, so an import of 500 rows asks once. What happens after commit (coalescing across
transactions, a broker outage) is the forecast app's business (``prognose/herberekening.py``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction


@dataclass(frozen=True)
class Uitvoerder:
    wijziging_registreren: Callable[[int], None]
    versturen: Callable[[int], None]
    robuust: Callable[[], bool]
    versie_ophogen: Callable[[list[int]], None]


_uitvoerder: Uitvoerder | None = None


def registreren(uitvoerder: Uitvoerder) -> None:
    """Called once by the forecast app's ``ready()``."""
    global _uitvoerder
    _uitvoerder = uitvoerder


def _actief() -> Uitvoerder:
    if _uitvoerder is None:
        raise ImproperlyConfigured(
            "Er is geen herberekening geregistreerd: staat de app 'prognose' in INSTALLED_APPS?"
        )
    return _uitvoerder


class _Aanvraag:
    """The on-commit callback for one gemeente; recognisable so a transaction registers once."""

    def __init__(self, gemeente_id: int) -> None:
        self.gemeente_id = gemeente_id
        self.__qualname__ = f"herberekening_aanvragen({gemeente_id})"

    def __call__(self) -> None:
        _actief().versturen(self.gemeente_id)


def _al_aangevraagd(gemeente_id: int) -> bool:
    if not connection.in_atomic_block:
        return False
    actief = set(connection.savepoint_ids)
    return any(
        isinstance(func, _Aanvraag) and func.gemeente_id == gemeente_id and sids <= actief
        for sids, func, _robust in connection.run_on_commit
    )


def herberekening_aanvragen(gemeente_id: int) -> None:
    if _al_aangevraagd(gemeente_id):
        return
    uitvoerder = _actief()
    uitvoerder.wijziging_registreren(gemeente_id)
    transaction.on_commit(_Aanvraag(gemeente_id), robust=uitvoerder.robuust())


def versie_ophogen(gemeente_ids: Iterable[int]) -> None:
    """Raise the data version of these gemeenten (the page cache's key) without a recompute:
    for a change shown beside the forecast but never read by it. In the caller's transaction
    (it rolls back with it)."""
    ids = sorted(set(gemeente_ids))
    if ids:
        _actief().versie_ophogen(ids)
