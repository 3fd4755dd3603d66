"""Three-way reconciliation of one gemeente for one half-year (issue 15 item 6): its own
figures, the corporaties' reported allocations to VH and COA's overview, loaded in a fixed
number of queries and compared by ``kern.afstemming``. A corporatie sees only its own supply
(``toegang.zichtbare_aanbod_corporaties``): the comparison is then with its own allocations."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict

from django.db.models import Count, Sum

from bemiddeling.models import Aanbod
from kern import afstemming as drie
from kern.perioden import Halfjaar
from organisaties.models import Gemeente, Werkgebied
from taakstelling.models import Maandrapportage, Realisatie
from taakstelling.officieel.models import CoaMaand
from taakstelling.officieel.selectors import coa_laatste


def standaard_halfjaar(gemeente: Gemeente, vandaag) -> Halfjaar:
    """The half-year of the last month the gemeente entered (else today's)."""
    laatste = (
        Maandrapportage.objects.filter(gemeente=gemeente)
        .order_by("-maand")
        .values_list("maand", flat=True)
        .first()
    )
    return Halfjaar.van(laatste or vandaag)


def afstemmen(
    gemeente: Gemeente, halfjaar: Halfjaar, alleen: frozenset[int] | None = None
) -> list[drie.Afstemmingsregel]:
    """``alleen``: the corporaties whose supply the reader sees (None: all; the pages pass
    ``toegang.zichtbare_aanbod_corporaties``)."""
    maanden = halfjaar.maanden
    begin, einde = maanden[0].eerste_dag, maanden[-1].eerste_dag
    ingevuld = set(
        Maandrapportage.objects.filter(
            gemeente=gemeente, maand__gte=begin, maand__lte=einde
        ).values_list("maand", flat=True)
    )
    per_maand: dict = defaultdict(lambda: defaultdict(int))
    for r in Realisatie.objects.filter(gemeente=gemeente, maand__gte=begin, maand__lte=einde):
        m = per_maand[r.maand]
        m["tellend"] += r.personen_tellend
        if r.bron_id == "regulier" and (alleen is None or r.corporatie_id in alleen):
            m["woningen_regulier"] += r.woningen
        if r.bron_id == "amv":
            m["amv"] += r.personen_gehuisvest
        if r.bron_id == "har_uitplaatsing":
            m["har_uitplaatsing"] += r.personen_gehuisvest
    aanbod = Aanbod.objects.filter(gemeente=gemeente, maand__gte=begin, maand__lte=einde)
    werkgebied = Werkgebied.objects.filter(gemeente=gemeente)
    if alleen is not None:
        aanbod = aanbod.filter(corporatie_id__in=alleen)
        werkgebied = werkgebied.filter(corporatie_id__in=alleen)
    totaal = werkgebied.count()
    for rij in aanbod.order_by().values("maand").annotate(vh=Sum("toegewezen_vh"), n=Count("id")):
        per_maand[rij["maand"]]["corporaties_vh_woningen"] = rij["vh"]
        per_maand[rij["maand"]]["corporaties_gemeld"] = rij["n"]
    coa: dict = {}
    for rij in CoaMaand.objects.filter(
        gemeente=gemeente, maand__gte=begin, maand__lte=einde
    ).order_by("publicatiedatum"):
        if rij.gehuisvest is not None:
            coa[rij.maand] = rij.gehuisvest  # the newest publication wins
    invoer = [
        drie.Maandinvoer(
            maand=str(m),
            naam=m.naam,
            ingevuld=m.eerste_dag in ingevuld,
            corporaties_totaal=totaal,
            coa_gehuisvest=coa.get(m.eerste_dag),
            **per_maand.get(m.eerste_dag, {}),
        )
        for m in maanden
    ]
    coa_h = coa_laatste([gemeente.pk], halfjaar).get(gemeente.pk)
    return drie.afstemmen(
        invoer,
        halfjaar=str(halfjaar),
        halfjaar_naam=halfjaar.naam,
        coa_gerealiseerd=None if coa_h is None else coa_h.gerealiseerd,
    )


def als_dict(gemeente: Gemeente, halfjaar: Halfjaar, regels) -> dict:
    """The JSON of ``manage.py afstemming`` and the API."""
    return {
        "gemeente": gemeente.cbs_code,
        "halfjaar": str(halfjaar),
        "regels": [asdict(r) for r in regels],
    }
