"""Celery tasks of the notifications: thin, idempotent, retried.

``verstuur_melding`` and the sweeps retry a temporary SMTP failure with exponential backoff; a
row is claimed before the SMTP conversation (meldingen/verzenden.py), so a task run twice, or
redelivered after its worker died (acks_late), sends no mail twice.
"""

from celery import shared_task
from django.db import DatabaseError

from meldingen import services, verzenden

_HERHAAL = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseError, verzenden.Tijdelijk),
    "retry_backoff": 30,
    "retry_backoff_max": 900,
    "retry_jitter": True,
    "max_retries": verzenden.MAX_POGINGEN,
}


@shared_task(**_HERHAAL)
def verstuur_melding(melding_id: int) -> bool:
    return verzenden.verstuur_melding(melding_id)


@shared_task(**_HERHAAL)
def verstuur_directe_meldingen() -> int:
    return verzenden.verstuur_direct()


@shared_task(**{**_HERHAAL, "autoretry_for": (DatabaseError,)})
def oordelen_vergelijken(gemeente_ids: list[int]) -> int:
    """After a recompute (meldingen/ontvangers.py): the stored verdicts against the last stand."""
    return services.oordelen_vergelijken(gemeente_ids)


@shared_task(**{**_HERHAAL, "autoretry_for": (DatabaseError,)})
def signalen_zoeken() -> dict:
    """Beat: every detector (verdicts against the stand seen last, months, households), then
    the direct mails."""
    uitkomst = services.alles_controleren()
    verstuur_directe_meldingen.delay()
    return uitkomst


@shared_task(**_HERHAAL)
def overzicht_versturen(ritme: str) -> int:
    return verzenden.digest_versturen(ritme)
