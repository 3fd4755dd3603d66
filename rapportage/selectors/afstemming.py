"""Three-way reconciliation of one gemeente for one half-year (issue 15 item 6): its own
figures, the corporaties' reported allocations to VH and COA's overview, loaded in a fixed
number of queries and compared by ``kern.afstemming``. A corporatie sees only its own supply
(``toegang.zichtbare_aanbod_corporaties``): the comparison is then with its own allocations."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, replace

from django.db.models import Count, Sum

from bemiddeling.models import Aanbod, HuishoudenGebeurtenis
from kern import afstemming as drie
from kern.huishoudens import verberg_klein
from kern.perioden import Halfjaar, Maand
from organisaties.models import Gemeente, Werkgebied
from taakstelling.models import Invoerwijze, Maandrapportage, Realisatie
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


def halfjaar_op(peildatum) -> Halfjaar:
    """The half-year of the last month that ended before the peildatum."""
    return Halfjaar.van(Maand.van(peildatum).plus(-1).eerste_dag)


def afstemmen(
    gemeente: Gemeente,
    halfjaar: Halfjaar,
    alleen: frozenset[int] | None = None,
    op=None,
) -> list[drie.Afstemmingsregel]:
    """``alleen``: the corporaties whose supply the reader sees (None: all; the pages pass
    ``toegang.zichtbare_aanbod_corporaties``); ``op``: COA's overviews published on or
    before this date only (None: the newest)."""
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
    coa_maanden = CoaMaand.objects.filter(gemeente=gemeente, maand__gte=begin, maand__lte=einde)
    if op is not None:
        coa_maanden = coa_maanden.filter(publicatiedatum__lte=op)
    for rij in coa_maanden.order_by("publicatiedatum"):
        if rij.gehuisvest is not None:
            coa[rij.maand] = (rij.gehuisvest, rij.publicatiedatum)  # the newest one wins
    gemeld: dict = defaultdict(set)
    for maand, corporatie in aanbod.order_by().values_list("maand", "corporatie_id"):
        gemeld[maand].add(corporatie)
    per_huishouden, huishoudens = _huishoudens(gemeente, begin, einde)
    invoer = [
        drie.Maandinvoer(
            maand=str(m),
            naam=m.naam,
            ingevuld=m.eerste_dag in ingevuld,
            corporaties_totaal=totaal,
            coa_gehuisvest=coa[m.eerste_dag][0] if m.eerste_dag in coa else None,
            coa_publicatie=coa[m.eerste_dag][1] if m.eerste_dag in coa else None,
            laatste_dag=m.laatste_dag,
            per_huishouden=m.eerste_dag in per_huishouden,
            huishoudens=tuple(huishoudens.get(m.eerste_dag, ())),
            gemelde_corporaties=frozenset(gemeld.get(m.eerste_dag, ())),
            **per_maand.get(m.eerste_dag, {}),
        )
        for m in maanden
    ]
    coa_h = coa_laatste([gemeente.pk], halfjaar, op=op).get(gemeente.pk)
    return drie.afstemmen(
        invoer,
        halfjaar=str(halfjaar),
        halfjaar_naam=halfjaar.naam,
        coa_gerealiseerd=None if coa_h is None else coa_h.gerealiseerd,
    )


def _huishoudens(gemeente: Gemeente, begin, einde) -> tuple[set, dict]:
    """The months kept per household, and per such month the households' moves and
    nareizigers' arrivals (from their events): short key, day, persons, route. Two queries."""
    per_huishouden = set(
        Invoerwijze.objects.filter(
            gemeente=gemeente, per_huishouden=True, maand__gte=begin, maand__lte=einde
        ).values_list("maand", flat=True)
    )
    uitkomst: dict = defaultdict(list)
    if not per_huishouden:
        return per_huishouden, uitkomst
    for g in (
        HuishoudenGebeurtenis.objects.filter(
            huishouden__gemeente=gemeente,
            soort__in=["verhuizen", "nareizigers"],
            datum__gte=begin,
            datum__lte=Maand.van(einde).laatste_dag,
        )
        .select_related("huishouden")
        .order_by("datum", "pk")
    ):
        maand = Maand.van(g.datum).eerste_dag
        if maand not in per_huishouden:
            continue
        h = g.huishouden
        uitkomst[maand].append(
            drie.Huishoudenregel(
                kort=h.kort,
                soort="verhuisd" if g.soort == "verhuizen" else "nareizigers",
                dag=g.datum,
                personen=g.personen,
                route=h.route,
                corporatie=g.corporatie_id or h.corporatie_id,
            )
        )
    return per_huishouden, uitkomst


def zonder_sleutels(regels: list[drie.Afstemmingsregel]) -> list[drie.Afstemmingsregel]:
    """For whoever may not see the households one by one (the province, the taskforce, a
    corporatie, the beheerder; ``toegang.huishoudeninzicht``): how many, small counts as
    "<5", never the keys."""

    def verberg(v: drie.Verschil) -> drie.Verschil:
        if not v.huishoudens:
            return v
        n = verberg_klein(len(v.huishoudens))
        return replace(v, huishoudens=[f"{n} huishoudens (alleen zichtbaar voor het opgaveteam)"])

    return [replace(r, verschillen=[verberg(v) for v in r.verschillen]) for r in regels]


def voor(user, gemeente: Gemeente, regels: list[drie.Afstemmingsregel], wat="afstemming"):
    """The rows as this user may see them: the gemeente's opgaveteam sees the households'
    short keys (and that view is logged, AVG), everyone else how many."""
    from bemiddeling.huishoudens.services import inzage_vastleggen
    from organisaties import toegang

    if toegang.huishoudeninzicht(user, gemeente) != toegang.Huishoudeninzicht.VOLLEDIG:
        return zonder_sleutels(regels)
    n = len({k for r in regels for v in r.verschillen for k in v.huishoudens})
    if n:
        inzage_vastleggen(gebruiker=user, gemeente=gemeente, wat=wat, aantal=n)
    return regels


def als_dict(gemeente: Gemeente, halfjaar: Halfjaar, regels) -> dict:
    """The JSON of ``manage.py afstemming`` and the API."""
    return {
        "gemeente": gemeente.cbs_code,
        "halfjaar": str(halfjaar),
        "regels": [asdict(r) for r in regels],
    }
