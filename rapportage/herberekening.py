"""The one way a write asks for a recompute: after commit, coalesced per gemeente.

Services call ``herberekening_aanvragen(gemeente_id)`` inside their transaction; nothing is
enqueued if the transaction rolls back. Ten quick edits cause one recompute, in three layers:

1. **Per transaction**: a gemeente is registered once. A second request in the same
   transaction finds the first one's on-commit callback (registered in a savepoint that
   outlives the caller's) and returns; an import of 500 rows asks once.
2. **The change counter** ``Rekenstatus.wijziging`` is raised in the same transaction, so a
   change and "a recompute is due" commit or roll back together. A snapshot records the
   counter it saw; pages compare the two ("herberekening loopt").
3. **Across transactions** (with a worker and Redis): after commit a key per gemeente is set
   with ``SET NX`` and a lifetime. Only the commit that set it enqueues the task, with a short
   countdown (``HERBEREKENING_VERTRAGING``, 2 s); commits in the meantime find the key and
   enqueue nothing, because the queued task has not started and will read their data. The task
   deletes the key *before* it loads its inputs, so a change committed after that sets the key
   again and gets a recompute of its own: nothing is lost. The lifetime
   (``HERBEREKENING_GEPLAND_SECONDEN``, 10 minutes) frees the key should a message ever be
   lost; the nightly beat recomputes every gemeente anyway.

Eager mode (no ``REDIS_URL``: SQLite development, and the default in tests): the task runs
in-process right after commit; layer 1 still applies, layer 3 is not needed.
"""

import logging
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)


def _vertraging() -> float:
    return float(getattr(settings, "HERBEREKENING_VERTRAGING", 2))


def _levensduur() -> int:
    return int(getattr(settings, "HERBEREKENING_GEPLAND_SECONDEN", 600))


@cache
def _redis(url: str):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


def sleutel(gemeente_id: int) -> str:
    """Per database, so test databases and installations sharing a Redis never collide."""
    return f"vh:herberekening:gepland:{connection.settings_dict['NAME']}:{gemeente_id}"


class _Aanvraag:
    """The on-commit callback for one gemeente; recognisable so a transaction registers once."""

    def __init__(self, gemeente_id: int) -> None:
        self.gemeente_id = gemeente_id
        self.__qualname__ = f"herberekening_aanvragen({gemeente_id})"

    def __call__(self) -> None:
        versturen(self.gemeente_id)


def _al_aangevraagd(gemeente_id: int) -> bool:
    if not connection.in_atomic_block:
        return False
    actief = set(connection.savepoint_ids)
    return any(
        isinstance(func, _Aanvraag) and func.gemeente_id == gemeente_id and sids <= actief
        for sids, func, _robust in connection.run_on_commit
    )


def wijziging_registreren(gemeente_id: int) -> None:
    """Raise the gemeente's change counter (in the caller's transaction)."""
    from rapportage.models import Rekenstatus

    nu = timezone.now()
    bijgewerkt = Rekenstatus.objects.filter(gemeente_id=gemeente_id).update(
        wijziging=F("wijziging") + 1, gewijzigd_op=nu
    )
    if not bijgewerkt:
        _, nieuw = Rekenstatus.objects.get_or_create(
            gemeente_id=gemeente_id, defaults={"wijziging": 1, "gewijzigd_op": nu}
        )
        if not nieuw:  # created by a concurrent transaction in the meantime
            Rekenstatus.objects.filter(gemeente_id=gemeente_id).update(
                wijziging=F("wijziging") + 1, gewijzigd_op=nu
            )


def herberekening_aanvragen(gemeente_id: int) -> None:
    if _al_aangevraagd(gemeente_id):
        return
    wijziging_registreren(gemeente_id)
    from rapportage.tasks import herbereken_gemeente

    # With a worker, a failure to enqueue must not turn a saved change into an error page:
    # it is logged, the page says a recompute is due, and the nightly run catches up.
    robuust = not herbereken_gemeente.app.conf.task_always_eager
    transaction.on_commit(_Aanvraag(gemeente_id), robust=robuust)


def versturen(gemeente_id: int) -> None:
    """Enqueue (or, eager, run) the recompute unless one is already queued and not started."""
    from rapportage.tasks import herbereken_gemeente

    conf = herbereken_gemeente.app.conf
    if conf.task_always_eager:
        herbereken_gemeente.apply_async((gemeente_id,))
        return
    client = _redis(settings.REDIS_URL)
    s = sleutel(gemeente_id)
    if not client.set(s, "1", nx=True, ex=_levensduur()):
        logger.debug("herberekening %s staat al gepland", gemeente_id)
        return
    try:
        herbereken_gemeente.apply_async(
            (gemeente_id,), countdown=_vertraging(), queue=conf.task_default_queue
        )
    except Exception:
        client.delete(s)
        raise


def gepland_wissen(gemeente_id: int) -> None:
    """Called by the task before it loads its inputs (see layer 3 above)."""
    if not settings.REDIS_URL:
        return
    try:
        _redis(settings.REDIS_URL).delete(sleutel(gemeente_id))
    except Exception:
        logger.exception("herberekening %s: plan-sleutel niet gewist", gemeente_id)
