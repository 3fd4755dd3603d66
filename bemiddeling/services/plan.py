"""Writes to the action plan (R8): the plan itself, its actions and the monthly cells.

Every write checks the role, locks what it changes, refuses a stale version (Conflict),
records who and why in the audit trail and asks for a recompute after commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from bemiddeling.models import Actie, Actieplan, ActieType, Planning
from kern.invoer import GEEN_GEHEEL_AANTAL, MAX_WONINGEN_PER_MAAND, lees_aantal
from kern.perioden import Maand, maanden
from organisaties import selectors as organisatie_selectors
from organisaties.herberekening import herberekening_aanvragen
from organisaties.models import Corporatie, Gemeente
from organisaties.toegang import Handeling, vereis
from organisaties.wijzigen import (
    Conflict,
    controleer_versie,
    opslaan,
    vereis_reden,
    verwijderen,
)

MAX_WONINGEN_PER_CEL = MAX_WONINGEN_PER_MAAND
MAX_MAANDEN = 60


@dataclass(frozen=True)
class Celwaarde:
    """What one plan cell holds: a number of dwellings, pm, or nothing (not entered)."""

    woningen: int | None = None
    pm: bool = False

    @property
    def leeg(self) -> bool:
        return not self.pm and self.woningen is None

    @classmethod
    def van(cls, planning: Planning | None) -> Celwaarde:
        if planning is None:
            return cls()
        return cls(None, True) if planning.pm else cls(planning.woningen, False)

    @classmethod
    def lees(cls, tekst: str | None) -> Celwaarde:
        """'20' or '1.000' -> dwellings, 'pm' -> pm, '' -> not entered; ValueError in Dutch
        otherwise. The number is read like every other (``kern.invoer``)."""
        t = (tekst or "").strip()
        if t == "":
            return cls()
        if t.lower().replace(".", "").replace(" ", "") == "pm":
            return cls(None, True)
        try:
            return cls(lees_aantal(t, maximum=MAX_WONINGEN_PER_CEL), False)
        except ValueError as e:
            if str(e) == GEEN_GEHEEL_AANTAL:
                kort = t if len(t) <= 20 else t[:19] + "…"
                raise ValueError(
                    f"'{kort}' is geen aantal. {e} Of vul 'pm' in voor een actie zonder "
                    "aantal, of laat het vak leeg."
                ) from None
            raise

    @property
    def tekst(self) -> str:
        if self.pm:
            return "pm"
        return "" if self.woningen is None else str(self.woningen)


class Celconflict(Conflict):
    """Someone else changed this cell since the page was opened (``huidig`` may be None)."""

    def __init__(self, actie: Actie, maand: Maand, gevraagd: Celwaarde, huidig: Planning | None):
        super().__init__(huidig)
        self.actie = actie
        self.maand = maand
        self.gevraagd = gevraagd
        self.waarde_nu = Celwaarde.van(huidig)


@dataclass(frozen=True)
class Celwijziging:
    actie: Actie
    maand: Maand
    waarde: Celwaarde
    versie: int | None  # the version the form showed; None if the cell was empty


@dataclass
class Rasterfouten(Exception):
    """Cells that could not be saved; the whole grid save was rolled back."""

    conflicten: list[Celconflict] = field(default_factory=list)
    fouten: dict[tuple[str, Maand], str] = field(default_factory=dict)
    reden: str | None = None


def _planperiode(van: Maand, tot: Maand) -> tuple[date, date]:
    if tot < van:
        raise ValidationError({"tot": "De laatste maand ligt vóór de eerste maand."})
    if van.tot(tot) + 1 > MAX_MAANDEN:
        raise ValidationError({"tot": f"Een plan beslaat hoogstens {MAX_MAANDEN} maanden."})
    return van.eerste_dag, tot.laatste_dag


def _bezetting(bezetting: Decimal, veld: str = "bezetting") -> Decimal:
    if bezetting <= 0 or bezetting >= 100:
        raise ValidationError({veld: "De bezetting ligt tussen 0 en 100 personen per woning."})
    if bezetting.as_tuple().exponent < -2:
        raise ValidationError({veld: "Geef de bezetting met hoogstens twee decimalen."})
    return bezetting


# --- the plan -------------------------------------------------------------------------------


@transaction.atomic
def actieplan_aanmaken(
    *, gemeente, naam: str, van: Maand, tot: Maand, bezetting: Decimal, door, bron: str = ""
) -> Actieplan:
    vereis(door, Handeling.PLAN_WIJZIGEN, gemeente=gemeente)
    vanaf, tot_dag = _planperiode(van, tot)
    # The parent first: a second request for the same start waits here, then sees the plan.
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    if Actieplan.objects.filter(gemeente=gemeente, geldig_vanaf=vanaf).exists():
        raise ValidationError({"van": "Er is al een plan dat in deze maand begint."})
    plan = Actieplan(
        gemeente=gemeente,
        naam=naam.strip(),
        geldig_vanaf=vanaf,
        geldig_tot=tot_dag,
        bezetting=_bezetting(bezetting),
        bron=bron,
    )
    opslaan(plan, door=door, reden="Nieuw actieplan")
    herberekening_aanvragen(gemeente.pk)
    return plan


@transaction.atomic
def actieplan_wijzigen(
    *,
    plan: Actieplan,
    naam: str,
    van: Maand,
    tot: Maand,
    bezetting: Decimal,
    door,
    versie: int | None,
    reden: str | None = None,
) -> Actieplan:
    vereis(door, Handeling.PLAN_WIJZIGEN, gemeente=plan.gemeente)
    # Lock order everywhere: Gemeente, Actieplan, Actie, Planning (by pk).
    Gemeente.objects.select_for_update().get(pk=plan.gemeente_id)
    plan = Actieplan.objects.select_for_update().get(pk=plan.pk)
    vanaf, tot_dag = _planperiode(van, tot)
    nieuw = (naam.strip(), vanaf, tot_dag, _bezetting(bezetting))
    if nieuw == (plan.naam, plan.geldig_vanaf, plan.geldig_tot, plan.bezetting):
        return plan  # nothing changes: no conflict, nothing to record
    controleer_versie(plan, versie)
    reden = vereis_reden(reden, maand=_vroegst_geraakt(plan, vanaf, tot_dag, nieuw[3]))
    if (
        Actieplan.objects.filter(gemeente_id=plan.gemeente_id, geldig_vanaf=vanaf)
        .exclude(pk=plan.pk)
        .exists()
    ):
        raise ValidationError({"van": "Er is al een ander plan dat in deze maand begint."})
    buiten = sorted(
        {
            Maand.van(m)
            for m in Planning.objects.filter(actie__actieplan=plan)
            .exclude(maand__gte=vanaf, maand__lte=tot_dag)
            .values_list("maand", flat=True)
        }
    )
    if buiten:
        namen = ", ".join(m.naam for m in buiten)
        raise ValidationError(
            {
                "van": f"Er staan nog maandcijfers buiten de nieuwe periode ({namen}); maak die "
                "eerst leeg."
            }
        )
    plan.naam, plan.geldig_vanaf, plan.geldig_tot, plan.bezetting = nieuw
    opslaan(plan, door=door, reden=reden)
    herberekening_aanvragen(plan.gemeente_id)
    return plan


def _vroegst_geraakt(plan: Actieplan, vanaf: date, tot: date, bezetting: Decimal) -> Maand | None:
    """The earliest month whose planned figures a change of the plan rewrites: a new start
    or bezetting changes every month from the (earliest) start; a new end the months
    between the old and the new end. None when only the name changes."""
    oud_van, oud_tot = Maand.van(plan.geldig_vanaf), Maand.van(plan.geldig_tot)
    nieuw_van, nieuw_tot = Maand.van(vanaf), Maand.van(tot)
    if bezetting != plan.bezetting or nieuw_van != oud_van:
        return min(oud_van, nieuw_van)
    if nieuw_tot != oud_tot:
        return min(oud_tot, nieuw_tot).plus(1)
    return None


# --- actions --------------------------------------------------------------------------------


def _eigenaar_controleren(gemeente_id: int, corporatie: Corporatie | None) -> None:
    if corporatie is not None and not organisatie_selectors.werkt_in(corporatie.pk, gemeente_id):
        raise ValidationError(
            {"eigenaar": "Kies de gemeente of een corporatie die in deze gemeente werkt."}
        )


@transaction.atomic
def actie_toevoegen(
    *,
    plan: Actieplan,
    type: ActieType,
    door,
    eigenaar_corporatie: Corporatie | None = None,
    status: str = Actie.Status.VOORBEREIDING,
    reden: str | None = None,
) -> Actie:
    vereis(door, Handeling.PLAN_WIJZIGEN, gemeente=plan.gemeente)
    plan = Actieplan.objects.select_for_update().get(pk=plan.pk)
    reden = vereis_reden(reden)
    if Actie.objects.filter(actieplan=plan, type=type).exists():
        raise ValidationError({"type": f"De actie '{type.naam}' staat al in dit plan."})
    _eigenaar_controleren(plan.gemeente_id, eigenaar_corporatie)
    laatste = (
        Actie.objects.filter(actieplan=plan)
        .order_by("-volgorde")
        .values_list("volgorde", flat=True)
    ).first()
    actie = Actie(
        actieplan=plan,
        gemeente_id=plan.gemeente_id,
        type=type,
        eigenaar_corporatie=eigenaar_corporatie,
        status=status,
        omschrijving=type.naam,
        volgorde=(laatste or 0) + 1,
    )
    opslaan(actie, door=door, reden=reden or "Actie toegevoegd uit de catalogus")
    herberekening_aanvragen(plan.gemeente_id)
    return actie


@transaction.atomic
def actie_wijzigen(
    *,
    actie: Actie,
    eigenaar_corporatie: Corporatie | None,
    status: str,
    bezetting: Decimal | None,
    resultaat_toelichting: str,
    omschrijving: str,
    door,
    versie: int | None,
    reden: str | None = None,
) -> Actie:
    vereis(door, Handeling.PLAN_WIJZIGEN, gemeente=actie.gemeente)
    plan = Actieplan.objects.select_for_update().get(pk=actie.actieplan_id)
    actie = Actie.objects.select_for_update().get(pk=actie.pk)
    actie.actieplan = plan
    _eigenaar_controleren(actie.gemeente_id, eigenaar_corporatie)
    if status not in Actie.Status.values:
        raise ValidationError({"status": "Kies een status uit de lijst."})
    if bezetting is not None:
        _bezetting(bezetting)
    nieuw = {
        "eigenaar_corporatie_id": eigenaar_corporatie.pk if eigenaar_corporatie else None,
        "status": status,
        "bezetting": bezetting,
        "resultaat_toelichting": resultaat_toelichting.strip(),
        "omschrijving": omschrijving.strip(),
    }
    if all(getattr(actie, k) == v for k, v in nieuw.items()):
        return actie
    controleer_versie(actie, versie)
    # The action's bezetting turns its dwellings into persons in every month of the plan.
    geraakt = Maand.van(plan.geldig_vanaf) if bezetting != actie.bezetting else None
    reden = vereis_reden(reden, maand=geraakt)
    for k, v in nieuw.items():
        setattr(actie, k, v)
    opslaan(actie, door=door, reden=reden)
    herberekening_aanvragen(actie.gemeente_id)
    return actie


@transaction.atomic
def actie_verwijderen(*, actie: Actie, door, versie: int | None, reden: str) -> None:
    """Remove an action and its monthly cells; each deletion gets its own history row."""
    vereis(door, Handeling.PLAN_WIJZIGEN, gemeente=actie.gemeente)
    Actieplan.objects.select_for_update().get(pk=actie.actieplan_id)
    actie = Actie.objects.select_for_update().get(pk=actie.pk)
    controleer_versie(actie, versie)
    reden = vereis_reden(
        reden,
        nodig=True,
        melding="Geef een reden: met de actie verdwijnen ook haar maandcijfers.",
    )
    for planning in Planning.objects.select_for_update().filter(actie=actie).order_by("pk"):
        verwijderen(planning, door=door, reden=reden)
    verwijderen(actie, door=door, reden=reden)
    herberekening_aanvragen(actie.gemeente_id)


# --- cells ----------------------------------------------------------------------------------


def _cel_zetten(
    actie: Actie, maand: Maand, waarde: Celwaarde, versie: int | None, door, reden: str | None
) -> bool:
    """Write one cell (caller holds the transaction and the permission). True if changed."""
    plan = actie.actieplan
    if not Maand.van(plan.geldig_vanaf) <= maand <= Maand.van(plan.geldig_tot):
        raise ValidationError({"waarde": "Deze maand valt buiten de periode van het plan."})
    # order_by("pk"): the default ordering joins the plan and the gemeente, whose rows
    # FOR UPDATE would then lock too (after the plan: against the lock order).
    rij = (
        Planning.objects.select_for_update()
        .filter(actie=actie, maand=maand.eerste_dag)
        .order_by("pk")
        .first()
    )
    if Celwaarde.van(rij) == waarde:
        return False  # what was asked is already there: nothing to record, nothing lost
    try:
        controleer_versie(rij, versie)
    except Conflict:
        raise Celconflict(actie, maand, waarde, rij) from None
    reden = vereis_reden(reden, maand=maand)
    if waarde.leeg:
        verwijderen(rij, door=door, reden=reden)
        return True
    if rij is None:
        rij = Planning(actie=actie, gemeente_id=actie.gemeente_id, maand=maand.eerste_dag)
    rij.woningen, rij.pm = waarde.woningen, waarde.pm
    try:
        opslaan(rij, door=door, reden=reden)
    except Conflict as c:
        raise Celconflict(actie, maand, waarde, c.huidig) from None
    return True


@transaction.atomic
def planning_zetten(
    *,
    actie: Actie,
    maand: Maand,
    waarde: Celwaarde,
    door,
    versie: int | None,
    reden: str | None = None,
) -> Planning | None:
    """Set one cell: a number of dwellings, pm, or empty (the row is deleted)."""
    vereis(door, Handeling.PLAN_WIJZIGEN, gemeente=actie.gemeente)
    plan = Actieplan.objects.select_for_update().get(pk=actie.actieplan_id)
    actie = Actie.objects.select_for_update().get(pk=actie.pk)
    actie.actieplan = plan
    if _cel_zetten(actie, maand, waarde, versie, door, reden):
        herberekening_aanvragen(actie.gemeente_id)
    return Planning.objects.filter(actie=actie, maand=maand.eerste_dag).first()


@transaction.atomic
def planraster_opslaan(
    *, plan: Actieplan, wijzigingen: list[Celwijziging], door, reden: str | None = None
) -> int:
    """Save the changed cells of the whole grid at once, or none of them (Rasterfouten)."""
    vereis(door, Handeling.PLAN_WIJZIGEN, gemeente=plan.gemeente)
    plan = Actieplan.objects.select_for_update().get(pk=plan.pk)
    if any(w.actie.actieplan_id != plan.pk for w in wijzigingen):
        raise ValueError("cel van een ander plan")
    # Then the actions whose cells change, in pk order (the same order as every other write).
    list(
        Actie.objects.select_for_update()
        .filter(pk__in={w.actie.pk for w in wijzigingen})
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    problemen = Rasterfouten()
    gewijzigd = 0
    for w in sorted(wijzigingen, key=lambda w: (w.actie.pk, w.maand)):
        w.actie.actieplan = plan
        try:
            with transaction.atomic():
                gewijzigd += _cel_zetten(w.actie, w.maand, w.waarde, w.versie, door, reden)
        except Celconflict as c:
            problemen.conflicten.append(c)
        except ValidationError as e:
            fouten = e.message_dict
            if "reden" in fouten:
                problemen.reden = fouten["reden"][0]
            for boodschap in fouten.get("waarde", []):
                problemen.fouten[(w.actie.type_id, w.maand)] = boodschap
    if problemen.conflicten or problemen.fouten or problemen.reden:
        raise problemen
    if gewijzigd:
        herberekening_aanvragen(plan.gemeente_id)
    return gewijzigd


def plan_maanden(plan: Actieplan) -> list[Maand]:
    return maanden(Maand.van(plan.geldig_vanaf), Maand.van(plan.geldig_tot))
