"""The audit trail: one mechanism (django-simple-history) for every figure.

Each change of a figure writes a history row with who, when, the whole row (old and new
values follow from consecutive rows) and the reason. The database refuses UPDATE and DELETE
on history tables (triggers added by migrations), so the application cannot rewrite the past.
"""

from collections import defaultdict
from datetime import datetime

from django.db import models
from django.db.models import Max
from simple_history.models import HistoricalRecords


def historie() -> HistoricalRecords:
    return HistoricalRecords(
        history_change_reason_field=models.TextField(null=True, blank=True),
        cascade_delete_history=False,
    )


def naam_van(gebruiker) -> str | None:
    if gebruiker is None:
        return None
    return gebruiker.get_full_name() or gebruiker.username


def laatste_auteurs(rijen) -> dict[tuple[type, object], tuple[str | None, datetime | None]]:
    """Who last changed each row, and when: {(model, pk): (name, history_date)}.

    Two queries per model whatever the number of rows. "Last" is the highest history_id, not
    the latest date: a row's history is written in order, while dates can repeat (or, with a
    frozen clock in tests, go back).
    """
    per_model: dict[type, set] = defaultdict(set)
    for rij in rijen:
        if rij is not None and rij.pk is not None:
            per_model[type(rij)].add(rij.pk)
    uitkomst: dict[tuple[type, object], tuple[str | None, datetime | None]] = {}
    for model, pks in per_model.items():
        h = model.history.model
        pk = model._meta.pk.attname
        ids = (
            h.objects.filter(**{f"{pk}__in": pks})
            .values(pk)
            .annotate(laatste=Max("history_id"))
            .values_list("laatste", flat=True)
        )
        for r in h.objects.filter(history_id__in=list(ids)).select_related("history_user"):
            uitkomst[(model, getattr(r, pk))] = (naam_van(r.history_user), r.history_date)
    return uitkomst


def laatste_auteur(rij) -> tuple[str | None, datetime | None]:
    if rij is None or rij.pk is None:
        return None, None
    return laatste_auteurs([rij]).get((type(rij), rij.pk), (None, None))
