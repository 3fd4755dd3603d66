"""Celery tasks are a thin interface: ids in, a service call, idempotent.

Both tasks are safe to run twice or concurrently: the snapshot write is an upsert on the
inputs hash under a lock on the gemeente's Rekenstatus row, and an older computation never
replaces a newer one. ``acks_late`` with ``reject_on_worker_lost``: a worker that dies mid-task
leaves the message to be delivered again. Database errors (a connection dropped, a deadlock,
a concurrent insert) are retried with exponential backoff.
"""

from celery import shared_task
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
    from rapportage.herberekening import gepland_wissen
    from rapportage.services import herberekenen

    gepland_wissen(gemeente_id)  # before loading: a later change then schedules its own run
    return len(herberekenen(gemeente_id))


@shared_task(**_HERHAAL)
def herbereken_alle_gemeenten() -> int:
    """The nightly run (beat): every gemeente, also those nobody changed (the date moved on)."""
    from rapportage.services import herberekenen_alle

    return herberekenen_alle().snapshots
