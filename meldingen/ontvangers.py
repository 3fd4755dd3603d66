"""The hooks: after a recompute stored its snapshots, and when a quota is revised.

A failing detector never fails the recompute or the save: ``send_robust`` on the recompute's
side, and here the error is logged; the beat task (meldingen.tasks) compares again.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from meldingen import services
from prognose.services import snapshots_geschreven
from taakstelling.models import Bijstelling

logger = logging.getLogger(__name__)


@receiver(snapshots_geschreven, dispatch_uid="meldingen_oordelen")
def na_herberekening(sender, gemeente_ids, **kwargs) -> None:
    """After the commit, a task compares the stored verdicts: the recompute itself keeps its
    fixed number of queries and is never slowed or failed by a notification."""
    ids = list(gemeente_ids)
    transaction.on_commit(lambda: _vergelijken_aanvragen(ids))


def _vergelijken_aanvragen(ids: list[int]) -> None:
    from meldingen import tasks

    try:
        tasks.oordelen_vergelijken.delay(ids)
    except Exception:
        logger.exception("oordelen van %s niet vergeleken; de periodieke taak doet het", ids)


@receiver(post_save, sender=Bijstelling, dispatch_uid="meldingen_bijstelling")
def na_bijstelling(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or not created:
        return
    try:
        with transaction.atomic():
            services.bijstelling_melden(instance)
    except Exception:
        logger.exception("bijstelling %s niet gemeld", instance.pk)
