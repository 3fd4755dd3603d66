"""What a recompute request does: after commit, coalesced per gemeente.

Services call ``organisaties.herberekening.herberekening_aanvragen(gemeente_id)`` inside their
transaction; this module is what the forecast registers behind it (``registreren`` in the
app's ``ready()``). Nothing is enqueued if the transaction rolls back. Ten quick edits cause one
recompute, in three layers:

1. **Per transaction** (``organisaties/herberekening.py``): a gemeente is registered once; an
   import of 500 rows asks once.
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

**A broker outage never fails or stalls a save.** The change is committed before Redis is
asked anything, and every Redis call (the key here, Celery's publish) has a short timeout
(``REDIS_TIMEOUT_SECONDEN``, ``CELERY_BROKER_TRANSPORT_OPTIONS``). When Redis does not answer,
this process stops asking for ``HERBEREKENING_STORING_SECONDEN`` (30 s), so the next saves do
not wait for the timeout either; the change counter says "herberekening loopt" meanwhile. The
beat task ``herbereken_verouderde_gemeenten`` (every ``HERBEREKENING_INHALEN_SECONDEN``)
recomputes every gemeente whose counter is ahead of its snapshot once Redis is back.
"""

import logging
import time
from functools import cache

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils import timezone

from prognose.models import Rekenstatus

logger = logging.getLogger(__name__)


def vertraging() -> float:
    return float(getattr(settings, "HERBEREKENING_VERTRAGING", 2))


def levensduur() -> int:
    return int(getattr(settings, "HERBEREKENING_GEPLAND_SECONDEN", 600))


def _storing() -> float:
    return float(getattr(settings, "HERBEREKENING_STORING_SECONDEN", 30))


@cache
def redis_client(url: str):
    import redis

    wachten = float(getattr(settings, "REDIS_TIMEOUT_SECONDEN", 2))
    return redis.Redis.from_url(url, socket_connect_timeout=wachten, socket_timeout=wachten)


# Until when (time.monotonic) this process does not ask Redis, after a call timed out.
_storing_tot = 0.0


def broker_in_storing() -> bool:
    return time.monotonic() < _storing_tot


def _te_laat(exc: BaseException) -> bool:
    """A timeout: Redis accepted the connection but does not answer (frozen, overloaded, a
    dead host). A refused connection fails at once and needs no pause."""
    import redis

    return isinstance(exc, TimeoutError | redis.exceptions.TimeoutError) or isinstance(
        exc.__cause__ or exc.__context__, TimeoutError | redis.exceptions.TimeoutError
    )


def storing_melden(exc: BaseException) -> None:
    global _storing_tot
    if _te_laat(exc):
        _storing_tot = time.monotonic() + _storing()
        logger.warning(
            "broker antwoordt niet (%s): %.0f s geen herberekeningen aanvragen; de inhaaltaak "
            "rekent de gewijzigde gemeenten door zodra hij er weer is",
            type(exc).__name__,
            _storing(),
        )


def sleutel(gemeente_id: int) -> str:
    """Per database, so test databases and installations sharing a Redis never collide."""
    return f"vh:herberekening:gepland:{connection.settings_dict['NAME']}:{gemeente_id}"


def wijziging_registreren(gemeente_id: int) -> None:
    """Raise the gemeente's change counter and its data version (the dashboards' cache key,
    rapportage/paginacache.py), in the caller's transaction."""
    nu = timezone.now()
    ophogen = {"wijziging": F("wijziging") + 1, "versie": F("versie") + 1, "gewijzigd_op": nu}
    bijgewerkt = Rekenstatus.objects.filter(gemeente_id=gemeente_id).update(**ophogen)
    if not bijgewerkt:
        _, nieuw = Rekenstatus.objects.get_or_create(
            gemeente_id=gemeente_id, defaults={"wijziging": 1, "versie": 1, "gewijzigd_op": nu}
        )
        if not nieuw:  # created by a concurrent transaction in the meantime
            Rekenstatus.objects.filter(gemeente_id=gemeente_id).update(**ophogen)


def versie_ophogen(gemeente_ids: list[int]) -> None:
    """Raise only the data version (not the change counter: no recompute is due), in the
    caller's transaction. A gemeente without a status row gets one at version 1."""
    Rekenstatus.objects.filter(gemeente_id__in=gemeente_ids).update(versie=F("versie") + 1)
    bijgewerkt = set(
        Rekenstatus.objects.filter(gemeente_id__in=gemeente_ids).values_list(
            "gemeente_id", flat=True
        )
    )
    for gemeente_id in gemeente_ids:
        if gemeente_id in bijgewerkt:
            continue
        _, nieuw = Rekenstatus.objects.get_or_create(
            gemeente_id=gemeente_id, defaults={"wijziging": 0, "versie": 1}
        )
        if not nieuw:  # created by a concurrent transaction in the meantime
            Rekenstatus.objects.filter(gemeente_id=gemeente_id).update(versie=F("versie") + 1)


def gepland_wissen(gemeente_id: int) -> None:
    """Called by the task before it loads its inputs (see layer 3 above)."""
    if not settings.REDIS_URL:
        return
    try:
        redis_client(settings.REDIS_URL).delete(sleutel(gemeente_id))
    except Exception:
        logger.exception("herberekening %s: plan-sleutel niet gewist", gemeente_id)
