"""Reads of plans and supply as plain rule inputs."""

from datetime import date
from decimal import Decimal

from django.conf import settings

from bemiddeling.models import Actieplan
from organisaties.models import Gemeente


def plan_op(gemeente: Gemeente, peildatum: date) -> Actieplan | None:
    """The plan in force on the peildatum, else the next one to start, else the last one."""
    plannen = list(Actieplan.objects.filter(gemeente=gemeente).order_by("geldig_vanaf"))
    for plan in plannen:
        if plan.geldig_vanaf <= peildatum <= plan.geldig_tot:
            return plan
    komend = [p for p in plannen if p.geldig_vanaf > peildatum]
    if komend:
        return komend[0]
    return plannen[-1] if plannen else None


def bezetting_op(gemeente: Gemeente, peildatum: date) -> tuple[Decimal, str]:
    """The bezetting to plan with, and where it comes from (shown beside every figure)."""
    plan = plan_op(gemeente, peildatum)
    if plan is not None:
        return plan.bezetting, f"plan: {plan.naam}"
    return settings.STANDAARD_BEZETTING, "standaard (geen plan ingevoerd)"
