"""'Past het aanbod?' (issue 14 §9): waiting households by size (1, 2, 3-4, 5+, expected
nareizigers included) against the dwellings the corporaties expect for VH in the next three
months, by size class (the optional split of ``Aanbodverwachting``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from bemiddeling.models import Aanbodverwachting, Huishouden
from kern import huishoudens as HH
from kern import opmaak
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


_KLASSEN = {"1": (0, 1), "2": (2, 2), "3-4": (3, 4), "5+": (5, 10_000)}  # HH.grootteklasse


def _per_gemeente(qs, **aggregaat) -> Subquery:
    """One value per gemeente from ``qs`` (filtered on OuterRef("pk")), as a subquery."""
    naam, uitdrukking = next(iter(aggregaat.items()))
    return Subquery(
        qs.order_by().values("gemeente_id").annotate(**{naam: uitdrukking}).values(naam)[:1]
    )


def paneelquery(gemeente: Gemeente, vandaag: date):
    """One row: ``w<klasse>`` waiting households and ``a<klasse>`` dwellings per month
    expected for VH, per size class. The dashboard adds it to the one query it makes per
    request anyway (rapportage/paginacache.py): the panel costs it no query of its own."""
    wachtend = Huishouden.objects.filter(
        gemeente=OuterRef("pk"), status__in=HH.WACHTEND, koppeldatum__lte=vandaag
    ).annotate(
        personen=F("volwassenen")
        + F("kinderen")
        + F("nareizigers_aangekomen")
        + F("nareizigers_verwacht")
    )
    later = Aanbodverwachting.objects.filter(
        gemeente=OuterRef("gemeente"),
        corporatie=OuterRef("corporatie"),
        geldig_vanaf__gt=OuterRef("geldig_vanaf"),
        geldig_vanaf__lte=vandaag,
    )
    geldend = Aanbodverwachting.objects.filter(
        gemeente=OuterRef("pk"), geldig_vanaf__lte=vandaag
    ).exclude(Exists(later))
    velden = {}
    for klasse, (van, tot) in _KLASSEN.items():
        velden[f"w{klasse}"] = Coalesce(
            _per_gemeente(wachtend.filter(personen__range=(van, tot)), n=Count("pk")),
            Value(0),
            output_field=IntegerField(),
        )
    for klasse, veld in VELD.items():
        velden[f"a{klasse}"] = _per_gemeente(geldend, s=Sum(veld))
    return Gemeente.objects.filter(pk=gemeente.pk).annotate(**velden).values_list(*velden)


def uit_rij(rij) -> tuple[dict[str, int], dict[str, Decimal | None]]:
    """``paneelquery``'s row as (waiting per class, expected per month per class)."""
    n = len(HH.GROOTTEKLASSEN)
    wachtend = dict(zip(HH.GROOTTEKLASSEN, (int(w) for w in rij[:n]), strict=True))
    per_maand = dict(
        zip(
            HH.GROOTTEKLASSEN,
            (None if a is None else Decimal(a) for a in rij[n : 2 * n]),
            strict=True,
        )
    )
    return wachtend, per_maand


def paneelcijfers(
    gemeente: Gemeente, vandaag: date
) -> tuple[dict[str, int], dict[str, Decimal | None]]:
    """``wachtend_per_klasse`` and ``verwacht_per_maand`` in one query."""
    return uit_rij(paneelquery(gemeente, vandaag).get())


def past_het_aanbod(
    gemeente: Gemeente,
    vandaag: date,
    *,
    verbergen: bool = False,
    wachtend: dict[str, int] | None = None,
    per_maand: dict[str, Decimal | None] | None = None,
) -> dict | None:
    """The panel's rows as the page shows them; None when no household waits.

    ``verbergen``: counts below 5 as "<5" (province, taskforce; the dashboard of anyone but the
    opgaveteam). Then a class with 1 to 4 waiting also hides its shortfall and weeks, which
    would give the count away. ``wachtend``: per size class, when the caller counted already
    (the pipeline page), ``per_maand`` too (the dashboard, from its one query per request);
    otherwise the counts and the supply come from one query."""
    if wachtend is None:
        wachtend, per_maand = paneelcijfers(gemeente, vandaag)
    elif per_maand is None:
        per_maand = verwacht_per_maand(gemeente, vandaag)
    if not any(wachtend.values()):
        return None
    rijen = []
    for p in HH.past_het_aanbod(wachtend, per_maand):
        klein = verbergen and 0 < p.wachtend < HH.KLEIN
        if p.aanbod is None:
            tekort, weken = "–", "–"
        elif klein:
            tekort, weken = ("<5" if p.tekort else "0"), "–"
        else:
            tekort = opmaak.getal(p.tekort)
            weken = "geen aanbod" if p.weken is None else opmaak.getal(p.weken)
        rijen.append(
            {
                "label": HH.GROOTTEKLASSE_LABELS[p.klasse],
                "wachtend": HH.verberg_klein(p.wachtend) if verbergen else str(p.wachtend),
                "aanbod": "onbekend" if p.aanbod is None else opmaak.getal(p.aanbod, 1),
                "tekort": tekort,
                "weken": weken,
                "knelt": not klein and p.aanbod is not None and _knelt(p),
            }
        )
    return {
        "rijen": rijen,
        "split_bekend": any(p is not None for p in per_maand.values()),
        "knelpunten": [r["label"] for r in rijen if r["knelt"]],
        "vandaag": vandaag,
    }


def _knelt(p: HH.Passing) -> bool:
    """Households of this size are left waiting after three months, or housing those waiting
    takes longer than the norm of ten weeks to a signed lease."""
    return bool(p.tekort) or p.weken is None or p.weken > HH.NORM_CONTRACT.days / 7
