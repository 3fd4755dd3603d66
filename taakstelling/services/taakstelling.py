"""Writes of the quota (R2) by the opgaveteam: half-year quota, revisions, the opening saldo
and the AMV cohorts. Audited, versioned where the model has a version, recompute on commit."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern.invoer import MAX_AMV, MAX_PERSONEN, lees_aantal
from kern.perioden import EERSTE_JAAR, LAATSTE_JAAR, Halfjaar, Maand, datum_fout
from organisaties.herberekening import herberekening_aanvragen
from organisaties.models import Brondocument, Gemeente
from organisaties.toegang import Handeling, vereis
from organisaties.wijzigen import (
    BEHOUDEN,
    Conflict,
    bron_controleren,
    controleer_versie,
    opslaan,
    vereis_reden,
    verwijderen,
)
from taakstelling.models import AmvCohort, Bijstelling, Openingssaldo, Taakstelling

AMV_UITSTROOM_JAREN = 21
REDEN_BIJ_WIJZIGEN = (
    "Geef een reden: de taakstelling is een wettelijk vastgesteld aantal; een correctie komt "
    "met reden in de historie."
)


class Waardeconflict(Conflict):
    """For rows without a version field: what the form showed is no longer what is stored."""


def _aantal(aantal: int, veld: str = "aantal", minimum: int = 0, maximum: int = MAX_PERSONEN):
    """The same bounds and messages as the form fields (``kern.invoer``)."""
    try:
        return lees_aantal(aantal, minimum=minimum, maximum=maximum)
    except ValueError as e:
        raise ValidationError({veld: str(e)}) from None


def _reden(reden: str | None, boodschap: str = REDEN_BIJ_WIJZIGEN) -> str:
    return vereis_reden(reden, nodig=True, melding=boodschap)


def _datum(d: date, veld: str) -> date:
    if fout := datum_fout(d):
        raise ValidationError({veld: fout})
    return d


def _jaar(halfjaar: Halfjaar) -> None:
    if not EERSTE_JAAR <= halfjaar.jaar <= LAATSTE_JAAR:
        raise ValidationError(
            {"halfjaar": f"Kies een jaar tussen {EERSTE_JAAR} en {LAATSTE_JAAR}."}
        )


# --- quota per half-year --------------------------------------------------------------------


@transaction.atomic
def taakstelling_vaststellen(
    *,
    gemeente: Gemeente,
    halfjaar: Halfjaar,
    aantal: int,
    door,
    bron: str = "",
    brondocument: Brondocument | None = None,
    paragraaf: str = "",
    reden: str | None = None,
) -> Taakstelling:
    vereis(door, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=gemeente)
    _jaar(halfjaar)
    aantal = _aantal(aantal)
    paragraaf, bron = bron_controleren(brondocument, paragraaf, bron)
    # A half-year that ended more than a month ago: its saldo is already history.
    reden = vereis_reden(reden, maand=halfjaar.laatste_maand)
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    if Taakstelling.objects.filter(
        gemeente=gemeente, jaar=halfjaar.jaar, helft=halfjaar.helft
    ).exists():
        raise ValidationError(
            {
                "halfjaar": f"Voor de {halfjaar.naam} is al een taakstelling ingevoerd; wijzig "
                "die of leg een bijstelling vast."
            }
        )
    t = Taakstelling(
        gemeente=gemeente,
        jaar=halfjaar.jaar,
        helft=halfjaar.helft,
        aantal=aantal,
        bron=bron,
        brondocument=brondocument,
        paragraaf=paragraaf,
    )
    opslaan(t, door=door, reden=reden)
    herberekening_aanvragen(gemeente.pk)
    return t


@transaction.atomic
def taakstelling_wijzigen(
    *,
    taakstelling: Taakstelling,
    aantal: int,
    bron: str,
    door,
    versie: int | None,
    reden: str | None,
    brondocument: Brondocument | object | None = BEHOUDEN,
    paragraaf: str | object = BEHOUDEN,
) -> Taakstelling:
    """Correct the originally set number or its source (a later change is a Bijstelling).
    Document and paragraph not given: they stay as stored."""
    vereis(door, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=taakstelling.gemeente)
    t = Taakstelling.objects.select_for_update().get(pk=taakstelling.pk)
    if brondocument is BEHOUDEN:
        brondocument = t.brondocument
    if paragraaf is BEHOUDEN:
        paragraaf = t.paragraaf
    paragraaf, bron = bron_controleren(brondocument, paragraaf, bron)
    document_id = brondocument.pk if brondocument is not None else None
    if (t.aantal, t.bron, t.brondocument_id, t.paragraaf) == (
        aantal,
        bron,
        document_id,
        paragraaf,
    ):
        return t
    controleer_versie(t, versie)
    t.aantal = _aantal(aantal)
    t.bron, t.brondocument, t.paragraaf = bron, brondocument, paragraaf
    opslaan(t, door=door, reden=_reden(reden))
    herberekening_aanvragen(t.gemeente_id)
    return t


@transaction.atomic
def taakstelling_verwijderen(
    *, taakstelling: Taakstelling, door, versie: int | None, reden: str | None
) -> None:
    vereis(door, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=taakstelling.gemeente)
    t = Taakstelling.objects.select_for_update().get(pk=taakstelling.pk)
    controleer_versie(t, versie)
    reden = _reden(reden)
    if Bijstelling.objects.filter(taakstelling=t).exists():
        raise ValidationError(
            {"__all__": "Deze taakstelling heeft bijstellingen; verwijder die eerst."}
        )
    verwijderen(t, door=door, reden=reden)
    herberekening_aanvragen(t.gemeente_id)


# --- revisions (history as rows: the latest holds) ------------------------------------------


@transaction.atomic
def bijstelling_vastleggen(
    *, taakstelling: Taakstelling, datum: date, aantal: int, reden: str | None, door
) -> Bijstelling:
    vereis(door, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=taakstelling.gemeente)
    t = Taakstelling.objects.select_for_update().get(pk=taakstelling.pk)
    _datum(datum, "datum")
    reden = _reden(reden, "Geef de reden van de bijstelling (bijvoorbeeld het besluit).")
    if Bijstelling.objects.filter(taakstelling=t, datum=datum).exists():
        raise ValidationError(
            {"datum": "Op deze datum is al een bijstelling vastgelegd; kies een andere datum."}
        )
    b = Bijstelling(
        taakstelling=t, gemeente_id=t.gemeente_id, datum=datum, aantal=_aantal(aantal), reden=reden
    )
    opslaan(b, door=door, reden=reden)
    herberekening_aanvragen(t.gemeente_id)
    return b


@transaction.atomic
def bijstelling_verwijderen(*, bijstelling: Bijstelling, door, reden: str | None) -> None:
    vereis(door, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=bijstelling.gemeente)
    Taakstelling.objects.select_for_update().get(pk=bijstelling.taakstelling_id)
    b = Bijstelling.objects.filter(pk=bijstelling.pk).first()
    if b is None:
        raise Waardeconflict(None)
    verwijderen(b, door=door, reden=_reden(reden))
    herberekening_aanvragen(b.gemeente_id)


# --- opening saldo --------------------------------------------------------------------------


@transaction.atomic
def openingssaldo_zetten(
    *,
    gemeente: Gemeente,
    halfjaar: Halfjaar,
    saldo: int,
    door,
    versie: int | None,
    bron: str = "",
    brondocument: Brondocument | object | None = BEHOUDEN,
    paragraaf: str | object = BEHOUDEN,
    reden: str | None = None,
) -> Openingssaldo:
    """``versie`` is the version the form showed (None: no opening saldo yet); any change
    since then (period, saldo or source) is a conflict."""
    vereis(door, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=gemeente)
    _jaar(halfjaar)
    saldo = _aantal(saldo, "saldo", minimum=-MAX_PERSONEN)
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    rij = Openingssaldo.objects.select_for_update().filter(gemeente=gemeente).first()
    if brondocument is BEHOUDEN:
        brondocument = rij.brondocument if rij is not None else None
    if paragraaf is BEHOUDEN:
        paragraaf = rij.paragraaf if rij is not None else ""
    paragraaf, bron = bron_controleren(brondocument, paragraaf, bron)
    document_id = brondocument.pk if brondocument is not None else None
    if rij is not None and (
        rij.halfjaar,
        rij.saldo,
        rij.bron,
        rij.brondocument_id,
        rij.paragraaf,
    ) == (halfjaar, saldo, bron, document_id, paragraaf):
        return rij
    controleer_versie(rij, versie)
    if rij is None:
        # The first opening saldo changes every saldo from its half-year on.
        reden = vereis_reden(reden, maand=halfjaar.eerste_maand)
        rij = Openingssaldo(gemeente=gemeente)
    else:
        reden = _reden(reden, "Geef een reden: het openingssaldo verandert alle saldi.")
    rij.jaar, rij.helft, rij.saldo = halfjaar.jaar, halfjaar.helft, saldo
    rij.bron, rij.brondocument, rij.paragraaf = bron, brondocument, paragraaf
    opslaan(rij, door=door, reden=reden)
    herberekening_aanvragen(gemeente.pk)
    return rij


# --- AMV cohorts (no names: birth month, month housed, count) -------------------------------


def _amv_controleren(geboortemaand: Maand, gehuisvest_in: Maand) -> None:
    vandaag = Maand.van(timezone.localdate())
    if gehuisvest_in > vandaag:
        raise ValidationError({"gehuisvest_in": "Deze maand is nog niet begonnen."})
    if geboortemaand >= gehuisvest_in:
        raise ValidationError(
            {"geboortemaand": "De geboortemaand ligt vóór de maand van huisvesting."}
        )
    if geboortemaand.tot(gehuisvest_in) >= AMV_UITSTROOM_JAREN * 12:
        raise ValidationError(
            {
                "geboortemaand": f"Wie bij huisvesting {AMV_UITSTROOM_JAREN} of ouder is, is geen "
                "AMV'er meer; controleer de geboortemaand."
            }
        )
    if gehuisvest_in.jaar < EERSTE_JAAR:
        raise ValidationError({"gehuisvest_in": f"Kies een maand vanaf {EERSTE_JAAR}."})


def _amv_reden(gehuisvest_in: Maand, reden: str | None) -> str | None:
    return vereis_reden(reden, maand=gehuisvest_in)


@transaction.atomic
def amv_cohort_vastleggen(
    *,
    gemeente: Gemeente,
    geboortemaand: Maand,
    gehuisvest_in: Maand,
    aantal: int,
    door,
    reden: str | None = None,
) -> AmvCohort:
    vereis(door, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    _amv_controleren(geboortemaand, gehuisvest_in)
    if _aantal(aantal, maximum=MAX_AMV) == 0:
        raise ValidationError({"aantal": "Een cohort heeft minstens 1 AMV'er."})
    reden = _amv_reden(gehuisvest_in, reden)
    # The parent first: a second request for the same cohort waits, then sees it exists.
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    if AmvCohort.objects.filter(
        gemeente=gemeente,
        geboortemaand=geboortemaand.eerste_dag,
        gehuisvest_in=gehuisvest_in.eerste_dag,
    ).exists():
        raise ValidationError(
            {
                "aantal": "Dit cohort (geboortemaand en maand van huisvesting) bestaat al; wijzig "
                "daar het aantal."
            }
        )
    cohort = AmvCohort(
        gemeente=gemeente,
        geboortemaand=geboortemaand.eerste_dag,
        gehuisvest_in=gehuisvest_in.eerste_dag,
        aantal=aantal,
    )
    opslaan(cohort, door=door, reden=reden)
    herberekening_aanvragen(gemeente.pk)
    return cohort


@transaction.atomic
def amv_cohort_wijzigen(
    *, cohort: AmvCohort, aantal: int, door, versie: int | None, reden: str | None = None
) -> AmvCohort:
    vereis(door, Handeling.REALISATIE_WIJZIGEN, gemeente=cohort.gemeente)
    c = AmvCohort.objects.select_for_update().get(pk=cohort.pk)
    if c.aantal == aantal:
        return c
    controleer_versie(c, versie)
    if _aantal(aantal, maximum=MAX_AMV) == 0:
        raise ValidationError(
            {"aantal": "Een cohort heeft minstens 1 AMV'er; verwijder het anders."}
        )
    c.aantal = aantal
    opslaan(c, door=door, reden=_amv_reden(Maand.van(c.gehuisvest_in), reden))
    herberekening_aanvragen(c.gemeente_id)
    return c


@transaction.atomic
def amv_cohort_verwijderen(
    *, cohort: AmvCohort, door, versie: int | None, reden: str | None = None
) -> None:
    vereis(door, Handeling.REALISATIE_WIJZIGEN, gemeente=cohort.gemeente)
    c = AmvCohort.objects.select_for_update().get(pk=cohort.pk)
    controleer_versie(c, versie)
    verwijderen(c, door=door, reden=_amv_reden(Maand.van(c.gehuisvest_in), reden))
    herberekening_aanvragen(c.gemeente_id)
