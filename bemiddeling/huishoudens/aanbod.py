"""'Past het aanbod?' (issue 14 §9): waiting households by size (1, 2, 3-4, 5+, expected
nareizigers included) against the dwellings the corporaties expect for VH in the next three
months, by size class (the optional split of ``Aanbodverwachting``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from bemiddeling.models import Aanbodverwachting, Huishouden
from kern import huishoudens as HH
from organisaties.models import Gemeente

VELD = {"1": "vh_1", "2": "vh_2", "3-4": "vh_3_4", "5+": "vh_5_plus"}


def verwacht_per_maand(gemeente: Gemeente, vandaag: date) -> dict[str, Decimal | None]:
    """Per size class, dwellings per month the corporaties expect for VH: the expectation in
    force today of each corporatie; a class no corporatie split is None (unknown)."""
    geldend: dict[int, Aanbodverwachting] = {}
    for v in Aanbodverwachting.objects.filter(
        gemeente=gemeente, geldig_vanaf__lte=vandaag
    ).order_by("corporatie_id", "geldig_vanaf"):
        geldend[v.corporatie_id] = v
    uitkomst: dict[str, Decimal | None] = {}
    for klasse, veld in VELD.items():
        waarden = [getattr(v, veld) for v in geldend.values() if getattr(v, veld) is not None]
        uitkomst[klasse] = sum(waarden, Decimal(0)) if waarden else None
    return uitkomst


def wachtend_per_klasse(gemeente: Gemeente, vandaag: date) -> dict[str, int]:
    teller: dict[str, int] = defaultdict(int)
    for v, k, a, e in Huishouden.objects.filter(
        gemeente=gemeente, status__in=HH.WACHTEND, koppeldatum__lte=vandaag
    ).values_list("volwassenen", "kinderen", "nareizigers_aangekomen", "nareizigers_verwacht"):
        teller[HH.grootteklasse(v + k + a + e)] += 1
    return dict(teller)


def past_het_aanbod(
    gemeente: Gemeente,
    vandaag: date,
    *,
    verbergen: bool = False,
    wachtend: dict[str, int] | None = None,
) -> dict | None:
    """The panel's rows; None when no household waits. ``verbergen``: counts below 5 as "<5"
    (province, taskforce). ``wachtend``: per size class, when the caller counted already (the
    pipeline page: one query less)."""
    if wachtend is None:
        wachtend = wachtend_per_klasse(gemeente, vandaag)
    if not any(wachtend.values()):
        return None
    rijen = HH.past_het_aanbod(wachtend, verwacht_per_maand(gemeente, vandaag))
    return {
        "rijen": [
            {
                "label": HH.GROOTTEKLASSE_LABELS[p.klasse],
                "wachtend": HH.verberg_klein(p.wachtend) if verbergen else p.wachtend,
                "aanbod": p.aanbod,
                "tekort": p.tekort,
                "weken": p.weken,
            }
            for p in rijen
        ],
        "split_bekend": any(p.aanbod is not None for p in rijen),
    }
