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

import hashlib
import logging
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError, connection

from prognose import herberekening, services

logger = logging.getLogger(__name__)

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

    # Before loading: a change committed from here on schedules its own run.
    herberekening.gepland_wissen(gemeente_id)
    return len(services.herberekenen(gemeente_id))


@shared_task(**_HERHAAL)
def herbereken_alle_gemeenten() -> int:
    """The nightly run (beat): every gemeente, also those nobody changed (the date moved on)."""

    return services.herberekenen_alle().snapshots


@shared_task(**_HERHAAL)
def herbereken_verouderde_gemeenten() -> int:
    """Catch up (beat, every ``HERBEREKENING_INHALEN_SECONDEN``): recompute the gemeenten whose
    change counter is ahead of their newest snapshot since at least
    ``HERBEREKENING_INHALEN_NA_SECONDEN``: their own recompute was never queued (the broker was
    down at the save) or got lost. Returns the number of gemeenten recomputed."""

    ids = services.verouderde_gemeenten(
        ouder_dan=timedelta(seconds=settings.HERBEREKENING_INHALEN_NA_SECONDEN)
    )
    for gemeente_id in ids:
        herberekening.gepland_wissen(gemeente_id)  # a lost message's key would block new requests
    services.herberekenen_gemeenten(ids)
    return len(ids)


# --- asking for a recompute (registered behind organisaties.herberekening) ---------------


def robuust() -> bool:
    """With a worker, a failure to enqueue must not turn a saved change into an error page:
    it is logged, the page says a recompute is due, and the catch-up run recomputes."""
    return not herbereken_gemeente.app.conf.task_always_eager


def versturen(gemeente_id: int) -> None:
    """Enqueue (or, eager, run) the recompute unless one is already queued and not started.

    With a broker, a failure raises after the key is freed (the on-commit callback is robust:
    logged, never an error page; see prognose/herberekening.py); after a timeout this process skips
    Redis for a while, so the next saves are not held up."""
    conf = herbereken_gemeente.app.conf
    if conf.task_always_eager:
        herbereken_gemeente.apply_async((gemeente_id,))
        return
    if herberekening.broker_in_storing():
        logger.info("herberekening %s niet aangevraagd: de broker antwoordde niet", gemeente_id)
        return
    client = herberekening.redis_client(settings.REDIS_URL)
    s = herberekening.sleutel(gemeente_id)
    try:
        if not client.set(s, "1", nx=True, ex=herberekening.levensduur()):
            logger.debug("herberekening %s staat al gepland", gemeente_id)
            return
    except Exception as exc:
        herberekening.storing_melden(exc)
        raise
    try:
        herbereken_gemeente.apply_async(
            (gemeente_id,), countdown=herberekening.vertraging(), queue=conf.task_default_queue
        )
    except Exception as exc:
        herberekening.storing_melden(exc)
        try:
            client.delete(s)
        except Exception:
            logger.warning("plan-sleutel %s niet gewist; hij verloopt vanzelf", s)
        raise


@shared_task(**_HERHAAL)
def herbereken_op_peildatum(gemeente_ids: list[int], peildatum: str) -> int:
    """The basis of these gemeenten at ``peildatum`` (the IBT dashboard found none there)."""

    return services.herberekenen_op(gemeente_ids, date.fromisoformat(peildatum))


def peildatum_aanvragen(gemeente_ids: list[int], peildatum: date) -> bool:
    """For the IBT dashboard: ask for basis snapshots at ``peildatum`` of gemeenten that have
    none there. With a worker: enqueued once per (peildatum, gemeenten) for
    ``HERBEREKENING_GEPLAND_SECONDEN``, and never an error or a long wait for the page (a
    broker failure is logged; the nightly run and the next visit ask again). Returns True
    when the snapshots were written before returning (eager: development, tests)."""
    if not gemeente_ids:
        return False
    ids = sorted(set(gemeente_ids))
    argumenten = (ids, peildatum.isoformat())
    conf = herbereken_op_peildatum.app.conf
    if conf.task_always_eager:
        herbereken_op_peildatum.apply_async(argumenten)
        return True
    if herberekening.broker_in_storing():
        return False
    vingerafdruk = hashlib.sha256(repr(argumenten).encode()).hexdigest()[:16]
    s = f"vh:herberekening:peildatum:{connection.settings_dict['NAME']}:{vingerafdruk}"
    try:
        client = herberekening.redis_client(settings.REDIS_URL)
        if client.set(s, "1", nx=True, ex=herberekening.levensduur()):
            herbereken_op_peildatum.apply_async(argumenten, queue=conf.task_default_queue)
    except Exception as exc:
        herberekening.storing_melden(exc)
        logger.warning("herberekening op %s niet aangevraagd (%s)", peildatum, type(exc).__name__)
    return False
