"""Saving a figure: audited (who, reason), versioned (conflicts are never silent).

Services call these inside ``transaction.atomic()`` after locking the parent (the Gemeente,
or the Actieplan) and the row with ``select_for_update()``. The history row itself is written
by django-simple-history in the same transaction (organisaties/historie.py).
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from kern.perioden import Maand
from kern.regels import reden_verplicht

# One limit for every reason, wherever it comes from (form, plan grid, import, IBT).
REDEN_MAX = 1000
REDEN_TE_LANG = f"Houd de reden korter: hoogstens {REDEN_MAX:,} tekens.".replace(",", ".")
REDEN_NODIG = "Geef een reden; die komt met uw naam en het tijdstip in de historie."


# A row's source: a document (reference data), the paragraph in it, and a note.
PARAGRAAF_MAX = 100
TOELICHTING_MAX = 200
PARAGRAAF_ZONDER_DOCUMENT = (
    "Kies het document waar deze paragraaf in staat, of maak de paragraaf leeg."
)
PARAGRAAF_TE_LANG = (
    f"Houd de paragraaf kort (hoogstens {PARAGRAAF_MAX} tekens), bijvoorbeeld §1 of afspraak a."
)
PARAGRAAF_REGELNUMMER = (
    "Noem de paragraaf zoals het document hem noemt, bijvoorbeeld §1 of afspraak a, niet een "
    "regelnummer."
)
TOELICHTING_TE_LANG = f"Houd de toelichting korter: hoogstens {TOELICHTING_MAX} tekens."
_REGELNUMMER = re.compile(r"^\s*(?:r\.|regel|L)\s?\d", re.IGNORECASE)


# A service argument left out: the stored value stays (the document of a row whose number is
# corrected by a caller that does not know about documents).
BEHOUDEN = object()


def bron_fouten(brondocument, paragraaf: str, toelichting: str) -> dict[str, str]:
    """What is wrong with a source as entered (field name -> Dutch message); {} when fine."""
    fouten = {}
    paragraaf = (paragraaf or "").strip()
    if paragraaf and brondocument is None:
        fouten["paragraaf"] = PARAGRAAF_ZONDER_DOCUMENT
    elif len(paragraaf) > PARAGRAAF_MAX:
        fouten["paragraaf"] = PARAGRAAF_TE_LANG
    elif _REGELNUMMER.match(paragraaf):
        fouten["paragraaf"] = PARAGRAAF_REGELNUMMER
    if len((toelichting or "").strip()) > TOELICHTING_MAX:
        fouten["bron"] = TOELICHTING_TE_LANG
    return fouten


def bron_controleren(brondocument, paragraaf: str, toelichting: str) -> tuple[str, str]:
    """For services: the paragraph and note stripped, or a ValidationError at those fields."""
    if fouten := bron_fouten(brondocument, paragraaf, toelichting):
        raise ValidationError(fouten)
    return (paragraaf or "").strip(), (toelichting or "").strip()


class Conflict(Exception):
    """Someone else saved this row after the form was opened: show both values, let the user
    choose. ``huidig`` is the row as it is now in the database (None: it is gone)."""

    def __init__(self, huidig: models.Model | None, melding: str | None = None):
        super().__init__(melding or "Iemand anders heeft dit cijfer intussen gewijzigd.")
        self.huidig = huidig


def reden_melding(maand: Maand) -> str:
    return (
        f"Geef een reden: {maand.naam} ligt meer dan een maand terug, dus de wijziging komt "
        "met reden in de historie."
    )


def vereis_reden(
    reden: str | None,
    *,
    nodig: bool = False,
    maand: Maand | None = None,
    vandaag: date | None = None,
    melding: str | None = None,
) -> str | None:
    """The reason as it goes into the history (stripped, None when empty).

    Required when ``nodig``, or when ``maand`` (the earliest month the change affects) is
    older than the previous month (``kern.regels.reden_verplicht``). Never longer
    than REDEN_MAX. Raises ValidationError({"reden": ...}) in Dutch.
    """
    tekst = (reden or "").strip()
    if len(tekst) > REDEN_MAX:
        raise ValidationError({"reden": REDEN_TE_LANG})
    if tekst:
        return tekst
    oud = maand is not None and reden_verplicht(maand, vandaag or timezone.localdate())
    if nodig or oud:
        raise ValidationError({"reden": melding or (reden_melding(maand) if oud else REDEN_NODIG)})
    return None


def controleer_versie(obj: models.Model | None, verwachte_versie: int | None) -> None:
    """``verwachte_versie`` is the version the form showed; None when the form showed no row.

    A row that appeared (someone else created it) or disappeared (someone else deleted it)
    since the form was opened is a conflict too.
    """
    if obj is None or obj.pk is None:
        if verwachte_versie is not None:
            raise Conflict(None)
        return
    if verwachte_versie is None or obj.versie != verwachte_versie:
        raise Conflict(obj)


def _bestaande(obj: models.Model) -> models.Model | None:
    """The stored row that ``obj`` collides with on one of its unique keys."""
    model = type(obj)
    sleutels: list[list[str]] = [
        list(c.fields) for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)
    ]
    sleutels += [list(u) for u in model._meta.unique_together]
    sleutels += [[f.name] for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    for velden in sleutels:
        namen = [model._meta.get_field(v).attname for v in velden]
        rijen = model._default_manager.filter(**{n: getattr(obj, n) for n in namen})
        if obj.pk is not None:
            rijen = rijen.exclude(pk=obj.pk)
        rij = rijen.first()
        if rij is not None:
            return rij
    return None


def opslaan(obj: models.Model, *, door, reden: str | None = None) -> models.Model:
    """Save with its history row. A new row that collides with a stored one (someone else
    created it at the same moment) is a Conflict, never a database error."""
    nieuw = obj.pk is None
    if not nieuw and hasattr(obj, "versie"):
        obj.versie += 1
    obj._history_user = door
    obj._change_reason = reden or None
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        if not nieuw and hasattr(obj, "versie"):
            obj.versie -= 1
        huidig = _bestaande(obj)
        if huidig is None:
            raise
        raise Conflict(
            huidig, "Iemand anders heeft dit cijfer tegelijk vastgelegd; bekijk het opnieuw."
        ) from None
    return obj


def verwijderen(obj: models.Model, *, door, reden: str | None = None) -> None:
    obj._history_user = door
    obj._change_reason = reden or None
    obj.delete()
