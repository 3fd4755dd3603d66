"""Celery tasks of bemiddeling: the nightly retention of households (issue 14 §5, AVG)."""

import logging

from celery import shared_task

from bemiddeling.huishoudens import services

logger = logging.getLogger(__name__)


@shared_task(name="bemiddeling.tasks.bewaartermijn_huishoudens")
def bewaartermijn_huishoudens() -> int:
    """Households moved or dropped out longer ago than HUISHOUDEN_BEWAARTERMIJN_MAANDEN become
    anonymous counts; run nightly by Celery beat (config/celery.py)."""
    aantal = services.bewaartermijn_toepassen()
    logger.info("Bewaartermijn huishoudens: %d huishoudens teruggebracht tot tellingen", aantal)
    return aantal
