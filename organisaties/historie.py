"""The audit trail: one mechanism (django-simple-history) for every figure.

Each change of a figure writes a history row with who, when, the whole row (old and new
values follow from consecutive rows) and the reason. The database refuses UPDATE and DELETE
on history tables (triggers added by migrations), so the application cannot rewrite the past.
"""

from django.db import models
from simple_history.models import HistoricalRecords


def historie() -> HistoricalRecords:
    return HistoricalRecords(
        history_change_reason_field=models.TextField(null=True, blank=True),
        cascade_delete_history=False,
    )
