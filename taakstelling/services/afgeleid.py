"""One source of truth per month (issue 14 §4): typed totals, or realisation derived from the
households' moves.

The households live in ``bemiddeling`` (a layer above); it writes the derived rows through
``afgeleide_realisatie_vastleggen`` here, so the realisation keeps one writer with one audit
trail (history with who and why), one set of counting rules and one recompute request.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone

from kern import regels
from kern.huishoudens import AfgeleideRegel
from kern.perioden import Maand
from organisaties.herberekening import herberekening_aanvragen
from organisaties.models import Corporatie, Gemeente
from organisaties.toegang import Handeling, vereis
from organisaties.wijzigen import opslaan, verwijderen
from taakstelling import selectors
from taakstelling.models import Bron, Invoerwijze, Maandrapportage, Realisatie
from taakstelling.services.realisatie import (
    Invoerfout,
    controleer_maand,
    per_huishouden,
    weiger_getypte_totalen,
)

__all__ = ["per_huishouden", "weiger_getypte_totalen"]


def maanden_per_huishouden(gemeente: Gemeente) -> set[Maand]:
    return {
        Maand.van(d)
        for d in Invoerwijze.objects.filter(gemeente=gemeente, per_huishouden=True).values_list(
            "maand", flat=True
        )
    }


@transaction.atomic
def invoerwijze_zetten(
    *, gemeente: Gemeente, maand: Maand, per_huishouden: bool, door, reden: str | None = None
) -> bool:
    """Set the month's mode; True when it changed. The caller (bemiddeling) derives the rows
    right after switching to household mode, in the same transaction."""
    vereis(door, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    rij = (
        Invoerwijze.objects.select_for_update()
        .filter(gemeente=gemeente, maand=maand.eerste_dag)
        .first()
    )
    if rij is None:
        if not per_huishouden:
            return False
        opslaan(
            Invoerwijze(gemeente=gemeente, maand=maand.eerste_dag, per_huishouden=True),
            door=door,
            reden=reden,
        )
        return True
    if rij.per_huishouden == per_huishouden:
        return False
    rij.per_huishouden = per_huishouden
    opslaan(rij, door=door, reden=reden)
    return True


@transaction.atomic
def afgeleide_realisatie_vastleggen(
    *,
    gemeente: Gemeente,
    maand: Maand,
    regels_in: Sequence[AfgeleideRegel],
    door,
    reden: str,
    vandaag: date | None = None,
) -> int:
    """Make the month's realisation rows equal to ``regels_in`` (derived from the moves):
    create, change or delete rows with history, each persons-counting figure by the counting
    rule of its source (R4). Only for a month in household mode. Returns the number of rows
    written."""
    vereis(door, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    vandaag = vandaag or timezone.localdate()
    fout = controleer_maand(maand, vandaag)
    if fout:
        raise Invoerfout({(None, "maand"): fout})
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    if not per_huishouden(gemeente, maand):
        raise Invoerfout(
            {(None, "maand"): f"{maand.naam.capitalize()} wordt met totalen bijgehouden."}
        )
    dag = maand.eerste_dag
    bronnen = {b.code: b for b in Bron.objects.all()}
    telregels = selectors.telregels()
    gewenst: dict[tuple[str, int | None], tuple[int, int, int]] = {}
    for r in regels_in:
        regel = regels.telregel_voor(r.bron, dag, telregels, gemeente.provincie_id)
        if regel is None or r.bron not in bronnen:
            raise Invoerfout(
                {(None, "maand"): f"Voor bron '{r.bron}' geldt in {maand.naam} geen telregel."}
            )
        woningen = r.woningen if regel.gebruikt_woning else 0
        tellend = regels.standaard_tellend(r.personen_gehuisvest, regel)
        gewenst[(r.bron, r.corporatie_id)] = (r.personen_gehuisvest, tellend, woningen)
    bestaand = {
        (rij.bron_id, rij.corporatie_id): rij
        for rij in Realisatie.objects.select_for_update()
        .filter(gemeente=gemeente, maand=dag)
        .order_by()
    }
    corporaties = Corporatie.objects.in_bulk({c for _, c in gewenst if c})
    geschreven = 0
    for sleutel, rij in bestaand.items():
        if sleutel not in gewenst:
            verwijderen(rij, door=door, reden=reden)
            geschreven += 1
    for (bron, corporatie_id), (g, t, w) in gewenst.items():
        rij = bestaand.get((bron, corporatie_id))
        if rij is not None and (rij.personen_gehuisvest, rij.personen_tellend, rij.woningen) == (
            g,
            t,
            w,
        ):
            continue
        if rij is None:
            rij = Realisatie(
                gemeente=gemeente,
                maand=dag,
                bron=bronnen[bron],
                corporatie=corporaties.get(corporatie_id) if corporatie_id else None,
            )
        rij.personen_gehuisvest, rij.personen_tellend, rij.woningen = g, t, w
        rij.illustratief = False
        rij.opmerking = "Afgeleid uit de verhuizingen per huishouden"
        opslaan(rij, door=door, reden=reden)
        geschreven += 1
    if not Maandrapportage.objects.filter(gemeente=gemeente, maand=dag).exists():
        opslaan(Maandrapportage(gemeente=gemeente, maand=dag), door=door, reden=reden)
        geschreven += 1
    if geschreven:
        herberekening_aanvragen(gemeente.pk)
    return geschreven
