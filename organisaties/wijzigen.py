"""Saving a figure: audited (who, reason), versioned (conflicts are never silent).

Services call these inside ``transaction.atomic()`` after locking the row with
``select_for_update()``. The history row itself is written by django-simple-history in the
same transaction (organisaties/historie.py).
"""

from django.db import models


class Conflict(Exception):
    """Someone else saved this row after the form was opened: show both values, let the user
    choose. ``huidig`` is the row as it is now in the database."""

    def __init__(self, huidig: models.Model):
        super().__init__("Iemand anders heeft dit cijfer intussen gewijzigd.")
        self.huidig = huidig


def controleer_versie(obj: models.Model, verwachte_versie: int | None) -> None:
    """``verwachte_versie`` is the version the form showed; None for a new row."""
    if obj.pk is None:
        return
    if verwachte_versie is None or obj.versie != verwachte_versie:
        raise Conflict(obj)


def opslaan(obj: models.Model, *, door, reden: str | None = None) -> models.Model:
    if obj.pk is not None and hasattr(obj, "versie"):
        obj.versie += 1
    obj._history_user = door
    obj._change_reason = reden or None
    obj.save()
    return obj


def verwijderen(obj: models.Model, *, door, reden: str | None = None) -> None:
    obj._history_user = door
    obj._change_reason = reden or None
    obj.delete()
