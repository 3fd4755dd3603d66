"""Taskforce meetings (/gemeenten/<cbs>/overleg/): recording a meeting and its decisions,
and what the meeting pack reads.

Writes (keyword-only, own the transaction and the audit): ``overleg_vastleggen`` and
``besluit_vastleggen``, for the gemeente's opgaveteam only (``Handeling.OVERLEG_VASTLEGGEN``).
A recorded meeting freezes the forecast as it stood (``Overlegstand``), so the next meeting
shows what changed since: the forecast then against now, and every change of a figure in the
audit trail between the two meetings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Value
from django.utils import timezone

from organisaties.models import Gemeente
from organisaties.toegang import Handeling, vereis
from organisaties.wijzigen import opslaan
from rapportage.models import Besluit, Overleg, Overlegstand
from rapportage.prognose.gegevens import Prognose, prognose_als_dict, prognose_uit_dict
from taakstelling import selectors_wijzigingen as historie
from taakstelling.selectors import standaard_peildatum

MAX_WIJZIGINGEN = 100

# --- reads ------------------------------------------------------------------------------------


def overleggen(gemeente: Gemeente) -> list[Overleg]:
    return list(Overleg.objects.filter(gemeente=gemeente).order_by("-datum"))


def peildatum_bij(gemeente: Gemeente, datum: date, overleg: Overleg | None) -> date:
    """The figures a meeting discusses: as recorded, else as they stood on its date."""
    return overleg.peildatum if overleg is not None else standaard_peildatum(gemeente, datum)


def prognose_bij(overleg: Overleg | None) -> Prognose | None:
    """The forecast frozen when the meeting was recorded."""
    if overleg is None:
        return None
    stand = getattr(overleg, "stand", None)
    return None if stand is None else prognose_uit_dict(stand.prognose)


@dataclass(frozen=True)
class Wijzigingen:
    regels: list[historie.Wijziging]
    aantal: int
    van: datetime | None
    tot: datetime

    @property
    def afgekapt(self) -> bool:
        return self.aantal > len(self.regels)


def _grens(d: date) -> datetime:
    """The end of a meeting day: what was changed that day was known at the meeting."""
    return timezone.make_aware(datetime.combine(d, time.max))


def wijzigingen_tussen(
    gemeente: Gemeente,
    van: date | None,
    tot: date,
    corporaties: frozenset[int] | None = None,
    limiet: int = MAX_WIJZIGINGEN,
) -> Wijzigingen:
    """Every change of the gemeente's figures after meeting day ``van`` up to and including
    meeting day ``tot`` (newest first), through the generic audit trail of
    ``taakstelling.selectors_wijzigingen``: one UNION for the page and one for the count."""
    begin = _grens(van) if van is not None else None
    einde = _grens(tot)
    filt = historie.Filter(corporaties=corporaties)
    delen = []
    for bron in historie.historiebronnen():
        qs = historie._basis(bron, gemeente, filt)
        if qs is None:
            continue
        qs = qs.filter(history_date__lte=einde)
        if begin is not None:
            qs = qs.filter(history_date__gt=begin)
        delen.append(
            qs.annotate(historiemodel=Value(bron.label, output_field=CharField()))
            .values("history_id", "history_date", "historiemodel")
            .order_by()
        )
    if not delen:
        return Wijzigingen([], 0, begin, einde)
    alles = delen[0].union(*delen[1:], all=True) if len(delen) > 1 else delen[0]
    aantal = alles.count()
    sleutels = list(alles.order_by("-history_date", "-history_id", "historiemodel")[:limiet])
    return Wijzigingen(historie._beschrijf(sleutels), aantal, begin, einde)


# --- writes -----------------------------------------------------------------------------------


@transaction.atomic
def overleg_vastleggen(*, gemeente: Gemeente, datum: date, door, omschrijving: str = "") -> Overleg:
    """Record the meeting of ``datum`` (or return it when it exists), freezing the forecast."""
    vereis(door, Handeling.OVERLEG_VASTLEGGEN, gemeente=gemeente)
    bestaand = Overleg.objects.select_for_update().filter(gemeente=gemeente, datum=datum).first()
    if bestaand is not None:
        return bestaand
    from rapportage.queries import prognose_op

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


class BesluitFormulier(forms.Form):
    datum = forms.DateField(
        label="Datum van het overleg",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Vul de datum van het overleg in.",
            "invalid": "Vul een datum in als JJJJ-MM-DD.",
        },
    )
    tekst = forms.CharField(
        label="Besluit",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Beschrijf het besluit."},
    )
    eigenaar = forms.CharField(
        label="Eigenaar (wie voert het uit)",
        max_length=200,
        error_messages={"required": "Noem wie het besluit uitvoert."},
    )
    deadline = forms.DateField(
        label="Deadline",
        required=False,
        help_text="Leeg laten als er geen datum is afgesproken.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Vul een datum in als JJJJ-MM-DD."},
    )

    def clean_datum(self):
        d = self.cleaned_data["datum"]
        if not 2000 <= d.year <= 2100:
            raise ValidationError("Kies een datum tussen 2000 en 2100.")
        return d
