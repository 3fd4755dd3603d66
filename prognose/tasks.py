"""Celery tasks are a thin interface: ids in, a service call, idempotent.

Both tasks are safe to run twice or concurrently: the snapshot write is an upsert on the
inputs hash under a lock on the gemeente's Rekenstatus row, and an older computation never
replaces a newer one. ``acks_late`` with ``reject_on_worker_lost``: a worker that dies mid-task
leaves the message to be delivered again. Database errors (a connection dropped, a deadlock,
a concurrent insert) are retried with exponential backoff.

``acks_late`` on Redis: a message stays in the broker's unacked set until the task ends, and
is given to a worker again when it has not been acknowledged within the visibility timeout
(``CELERY_VISIBILITY_TIMEOUT``, 15 minutes: longer than the task time limit and the countdown,
so a task that is still running is never handed out twice). A worker killed mid-task therefore
has its recompute redone by the next worker within about that time; the upsert makes the
second run write the same row again, not a second one.
"""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

_HERHAAL = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": False,
    "max_retries": 5,
}


@shared_task(**_HERHAAL)
def herbereken_gemeente(gemeente_id: int) -> int:
    """Recompute one gemeente (basis and every scenario); returns the snapshots written."""
    from prognose.herberekening import gepland_wissen
    from prognose.services import herberekenen

    gepland_wissen(gemeente_id)  # before loading: a later change then schedules its own run
    return len(herberekenen(gemeente_id))


@shared_task(**_HERHAAL)
def herbereken_alle_gemeenten() -> int:
    """The nightly run (beat): every gemeente, also those nobody changed (the date moved on)."""
    from prognose.services import herberekenen_alle

    return herberekenen_alle().snapshots


@shared_task(**_HERHAAL)
def herbereken_verouderde_gemeenten() -> int:
    """Catch up (beat, every ``HERBEREKENING_INHALEN_SECONDEN``): recompute the gemeenten whose
    change counter is ahead of their newest snapshot since at least
    ``HERBEREKENING_INHALEN_NA_SECONDEN``: their own recompute was never queued (the broker was
    down at the save) or got lost. Returns the number of gemeenten recomputed."""
    from prognose.herberekening import gepland_wissen
    from prognose.services import herberekenen_gemeenten, verouderde_gemeenten

    ids = verouderde_gemeenten(
        ouder_dan=timedelta(seconds=settings.HERBEREKENING_INHALEN_NA_SECONDEN)
    )
    for gemeente_id in ids:
        gepland_wissen(gemeente_id)  # a lost message's key would block new requests
    herberekenen_gemeenten(ids)
    return len(ids)
