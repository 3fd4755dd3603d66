"""Writes of the provincie (R5, R12): a new IBT status as a new row, and its own milestones."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kern.invoer import MAX_PERSONEN, lees_aantal
from kern.perioden import Maand, datum_fout
from organisaties.herberekening import herberekening_aanvragen
from organisaties.models import Brondocument, Gemeente
from organisaties.toegang import Handeling, vereis
from organisaties.wijzigen import (
    BEHOUDEN,
    Conflict,
    bron_controleren,
    bron_fouten,
    controleer_versie,
    opslaan,
    vereis_reden,
    verwijderen,
)
from taakstelling.models import IbtStatus, Mijlpaal, Trede
from taakstelling.selectors import ibt_historie

MAX_DOEL = MAX_PERSONEN


class IbtConflict(Conflict):
    """Someone recorded another status after the form was opened; ``huidig`` is the newest."""


def huidige_status(gemeente: Gemeente) -> IbtStatus | None:
    return ibt_historie(gemeente).first()


@transaction.atomic
def ibt_status_vastleggen(
    *,
    gemeente: Gemeente,
    trede: Trede,
    sinds: date,
    reden: str,
    verschoonbaar: bool,
    verschoonbaar_grond: str,
    door,
    huidig_id: int | None,
    brondocument: Brondocument | None = None,
    paragraaf: str = "",
    bron: str = "",
) -> IbtStatus:
    """History as rows: the new status is added, nothing is overwritten.

    ``huidig_id`` is the status the form showed as current (None: none yet); if another one
    has been recorded since, IbtConflict lets the user choose.
    """
    vereis(door, Handeling.IBT_WIJZIGEN, gemeente=gemeente)
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)  # serialise new statuses
    fouten = {}
    if trede.provincie_id != gemeente.provincie_id:
        fouten["trede"] = "Kies een trede van de interventieladder van deze provincie."
    if datum_fout(sinds):
        fouten["sinds"] = datum_fout(sinds)
    elif sinds > timezone.localdate():
        fouten["sinds"] = "De datum ligt in de toekomst; leg de status vast als hij ingaat."
    try:
        reden = vereis_reden(reden, nodig=True, melding="Geef de reden van deze status.")
    except ValidationError as e:
        fouten["reden"] = e.message_dict["reden"][0]
    if verschoonbaar and not verschoonbaar_grond.strip():
        fouten["verschoonbaar_grond"] = (
            "Geef de grond waarop de achterstand verschoonbaar is (bijvoorbeeld te weinig "
            "koppelingen door het COA vóór de peildatum)."
        )
    fouten |= bron_fouten(brondocument, paragraaf, bron)
    if fouten:
        raise ValidationError(fouten)
    huidig = huidige_status(gemeente)
    if (huidig.pk if huidig else None) != huidig_id:
        raise IbtConflict(huidig)
    status = IbtStatus(
        gemeente=gemeente,
        trede=trede,
        sinds=sinds,
        reden=reden,
        verschoonbaar=verschoonbaar,
        verschoonbaar_grond=verschoonbaar_grond.strip() if verschoonbaar else "",
        vastgesteld_door=door,
        brondocument=brondocument,
        paragraaf=(paragraaf or "").strip(),
        bron=(bron or "").strip(),
    )
    opslaan(status, door=door, reden=status.reden)
    herberekening_aanvragen(gemeente.pk)
    return status


# --- milestones of the provincie ------------------------------------------------------------


def _mijlpaal_controleren(
    gemeente: Gemeente, datum: date, doel: int, startdatum: date, behalve: int | None = None
) -> None:
    fouten = {}
    for veld, d in (("datum", datum), ("startdatum", startdatum)):
        if fout := datum_fout(d):
            fouten[veld] = fout
    try:
        lees_aantal(doel, maximum=MAX_DOEL)
    except ValueError as e:
        fouten["doel"] = str(e)
    if "datum" not in fouten and "startdatum" not in fouten and startdatum > datum:
        fouten["startdatum"] = "De startdatum ligt op of vóór de datum van de mijlpaal."
    if (
        "datum" not in fouten
        and Mijlpaal.objects.filter(gemeente=gemeente, datum=datum).exclude(pk=behalve).exists()
    ):
        fouten["datum"] = "Op deze datum ligt al een mijlpaal; wijzig die."
    if fouten:
        raise ValidationError(fouten)


def _eigen(mijlpaal: Mijlpaal) -> None:
    if mijlpaal.gezet_door != Mijlpaal.GezetDoor.PROVINCIE:
        raise PermissionDenied("Deze mijlpaal is niet door de provincie gesteld.")


@transaction.atomic
def mijlpaal_vastleggen(
    *,
    gemeente: Gemeente,
    datum: date,
    doel: int,
    startdatum: date,
    omschrijving: str,
    door,
    reden: str | None = None,
    brondocument: Brondocument | None = None,
    paragraaf: str = "",
    bron: str = "",
) -> Mijlpaal:
    vereis(door, Handeling.MIJLPAAL_WIJZIGEN, gemeente=gemeente)
    paragraaf, bron = bron_controleren(brondocument, paragraaf, bron)
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    _mijlpaal_controleren(gemeente, datum, doel, startdatum)
    # A milestone in a month that is already history changes what the gemeente was held to.
    reden = vereis_reden(reden, maand=Maand.van(datum))
    m = Mijlpaal(
        gemeente=gemeente,
        datum=datum,
        doel=doel,
        startdatum=startdatum,
        gezet_door=Mijlpaal.GezetDoor.PROVINCIE,
        omschrijving=omschrijving.strip()[:200],
        vastgesteld_door=door,
        brondocument=brondocument,
        paragraaf=paragraaf,
        bron=bron,
    )
    opslaan(m, door=door, reden=reden)
    herberekening_aanvragen(gemeente.pk)
    return m


@transaction.atomic
def mijlpaal_wijzigen(
    *,
    mijlpaal: Mijlpaal,
    datum: date,
    doel: int,
    startdatum: date,
    omschrijving: str,
    door,
    versie: int | None,
    reden: str | None,
    brondocument: Brondocument | object | None = BEHOUDEN,
    paragraaf: str | object = BEHOUDEN,
    bron: str | object = BEHOUDEN,
) -> Mijlpaal:
    """Document, paragraph and note not given: they stay as stored."""
    vereis(door, Handeling.MIJLPAAL_WIJZIGEN, gemeente=mijlpaal.gemeente)
    # The parent first (as mijlpaal_vastleggen): a new date is then checked against every
    # milestone, also one being added at this moment.
    Gemeente.objects.select_for_update().get(pk=mijlpaal.gemeente_id)
    m = Mijlpaal.objects.select_for_update().get(pk=mijlpaal.pk)
    _eigen(m)
    document = m.brondocument if brondocument is BEHOUDEN else brondocument
    paragraaf, bron = bron_controleren(
        document,
        m.paragraaf if paragraaf is BEHOUDEN else paragraaf,
        m.bron if bron is BEHOUDEN else bron,
    )
    nieuw = (datum, doel, startdatum, omschrijving.strip()[:200])
    bronnen = (document.pk if document is not None else None, paragraaf, bron)
    if nieuw == (m.datum, m.doel, m.startdatum, m.omschrijving) and bronnen == (
        m.brondocument_id,
        m.paragraaf,
        m.bron,
    ):
        return m
    controleer_versie(m, versie)
    _mijlpaal_controleren(m.gemeente, datum, doel, startdatum, behalve=m.pk)
    reden = vereis_reden(
        reden,
        nodig=True,
        melding="Geef een reden: een gewijzigde mijlpaal verandert waar de gemeente aan wordt "
        "gehouden.",
    )
    m.datum, m.doel, m.startdatum, m.omschrijving = nieuw
    m.brondocument, m.paragraaf, m.bron = document, paragraaf, bron
    m.vastgesteld_door = door
    opslaan(m, door=door, reden=reden)
    herberekening_aanvragen(m.gemeente_id)
    return m


@transaction.atomic
def mijlpaal_verwijderen(
    *, mijlpaal: Mijlpaal, door, versie: int | None, reden: str | None
) -> None:
    vereis(door, Handeling.MIJLPAAL_WIJZIGEN, gemeente=mijlpaal.gemeente)
    m = Mijlpaal.objects.select_for_update().get(pk=mijlpaal.pk)
    _eigen(m)
    controleer_versie(m, versie)
    reden = vereis_reden(
        reden, nodig=True, melding="Geef een reden voor het verwijderen van de mijlpaal."
    )
    verwijderen(m, door=door, reden=reden)
    herberekening_aanvragen(m.gemeente_id)
