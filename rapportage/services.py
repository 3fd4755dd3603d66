"""Taskforce meetings (/gemeenten/<cbs>/overleg/): recording a meeting and its decisions,
the one thing the read side writes.

Writes (keyword-only, own the transaction and the audit): ``overleg_vastleggen`` and
``besluit_vastleggen``, for the gemeente's opgaveteam only (``Handeling.OVERLEG_VASTLEGGEN``).
A recorded meeting freezes the forecast as it stood (``Overlegstand``), so the next meeting
shows what changed since: the forecast then against now, and every change of a figure in the
audit trail between the two meetings.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from organisaties.models import Gemeente
from organisaties.toegang import Handeling, vereis
from organisaties.wijzigen import opslaan
from prognose.rekenen.gegevens import prognose_als_dict
from rapportage.models import Besluit, Overleg, Overlegstand
from rapportage.selectors import prognose_op
from taakstelling.selectors import standaard_peildatum


@transaction.atomic
def overleg_vastleggen(*, gemeente: Gemeente, datum: date, door, omschrijving: str = "") -> Overleg:
    """Record the meeting of ``datum`` (or return it when it exists), freezing the forecast."""
    vereis(door, Handeling.OVERLEG_VASTLEGGEN, gemeente=gemeente)
    bestaand = Overleg.objects.select_for_update().filter(gemeente=gemeente, datum=datum).first()
    if bestaand is not None:
        return bestaand
    peildatum = standaard_peildatum(gemeente, datum)
    prognose = prognose_op(gemeente, peildatum).prognose
    overleg = Overleg(
        gemeente=gemeente,
        datum=datum,
        omschrijving=(omschrijving or "").strip()[:200],
        peildatum=peildatum,
        vastgelegd_door=door,
    )
    opslaan(overleg, door=door, reden="Overleg vastgelegd")
    Overlegstand.objects.create(overleg=overleg, prognose=prognose_als_dict(prognose))
    return overleg


@transaction.atomic
def besluit_vastleggen(
    *,
    gemeente: Gemeente,
    datum: date,
    tekst: str,
    eigenaar: str,
    door,
    deadline: date | None = None,
) -> Besluit:
    vereis(door, Handeling.OVERLEG_VASTLEGGEN, gemeente=gemeente)
    tekst, eigenaar = (tekst or "").strip(), (eigenaar or "").strip()
    fouten = {}
    if not tekst:
        fouten["tekst"] = "Beschrijf het besluit."
    if not eigenaar:
        fouten["eigenaar"] = "Noem wie het besluit uitvoert."
    if deadline is not None and deadline < datum:
        fouten["deadline"] = "De deadline ligt vóór de datum van het overleg."
    if fouten:
        raise ValidationError(fouten)
    overleg = overleg_vastleggen(gemeente=gemeente, datum=datum, door=door)
    besluit = Besluit(
        overleg=overleg,
        gemeente=gemeente,
        tekst=tekst,
        eigenaar=eigenaar[:200],
        deadline=deadline,
        vastgelegd_door=door,
    )
    opslaan(besluit, door=door, reden="Besluit vastgelegd")
    return besluit
