"""Celery tasks are a thin interface: ids in, a service call, idempotent."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def herbereken_gemeente(gemeente_id: int) -> None:
    from rapportage.services import herberekenen

    herberekenen(gemeente_id)
