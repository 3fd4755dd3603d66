"""The one way a write asks for a recompute: after commit, once per gemeente.

Services call ``herberekening_aanvragen(gemeente_id)`` inside their transaction; nothing is
enqueued if the transaction rolls back.
"""

from django.db import transaction


def herberekening_aanvragen(gemeente_id: int) -> None:
    from rapportage.tasks import herbereken_gemeente

    transaction.on_commit(lambda: herbereken_gemeente.delay(gemeente_id))
