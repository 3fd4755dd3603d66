"""Load the forecast's inputs for one, some or all gemeenten in a fixed number of queries.

Seventeen queries whether it is one gemeente or all 342: each table is read once, filtered on
the gemeenten asked for, straight into the columnar ``Batch`` the engine works on (no model
instances, no query per gemeente). Callers scope the gemeenten (``organisaties.toegang``)
before they ask.
"""

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.db import connection
from django.db.models import CharField, Count, DateField, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Cast

from bemiddeling.models import (
    Aanbod,
    Aanbodverwachting,
    Actie,
    Actieplan,
    ActieType,
    Huishouden,
    Planning,
    Verdeelafspraak,
)
from kern import regels
from kern.aanbod import Aandeel
from kern.perioden import Halfjaar, Maand
from organisaties.models import Corporatie, Gemeente
from prognose.rekenen.batch import Batch, Gemeentegegevens, centi, frame
from prognose.rekenen.engine import zonder_gc
from prognose.rekenen.gegevens import Aanbodverwachting as Verwachting
from prognose.rekenen.gegevens import Actietype, Afspraak, AmvCohort, Plan, Taakbijstelling
from taakstelling.models import (
    AmvCohort as AmvCohortModel,
)
from taakstelling.models import (
    Bijstelling,
    Invoerwijze,
    Koppeling,
    Maandrapportage,
    Mijlpaal,
    Openingssaldo,
    Realisatie,
    Taakstelling,
)

AANTAL_QUERIES = 17


def _m(d) -> int:
    if isinstance(d, str):  # SQLite through a plain cursor: 'YYYY-MM-DD'
        return int(d[:4]) * 12 + int(d[5:7]) - 1
    return d.year * 12 + d.month - 1


def _rijen(qs) -> list[tuple]:
    """The rows of ``qs`` (a values_list whose columns are in SELECT order) through a plain
    cursor: without Django's per-value converters (an int() for every aggregate, 230,000
    calls for the realisation of every gemeente), which the numbers here do not need."""
    sql, parameters = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchall()


def laad(gemeente_ids: Iterable[int] | None = None) -> Batch:
    """Inputs of the gemeenten with these ids (None: every gemeente)."""
    with zonder_gc():  # see engine.zonder_gc: hundreds of thousands of rows, no cycles
        return _laad(gemeente_ids)


def _laad(gemeente_ids: Iterable[int] | None) -> Batch:
    ids = None if gemeente_ids is None else sorted(set(gemeente_ids))

    def van(qs, veld: str = "gemeente_id"):
        return qs if ids is None else qs.filter(**{f"{veld}__in": ids})

    gemeenten = list(van(Gemeente.objects.all(), "pk").values_list("pk", "cbs_code", "naam"))
    # .order_by(): the models' default ordering joins the gemeente (and more) only to sort,
    # and nothing below depends on the order of these rows (they are keyed or sorted).
    ingevoerd = [
        (g, _m(m))
        for g, m in van(Maandrapportage.objects.order_by()).values_list("gemeente_id", "maand")
    ]
    # Realisation per month and its HAR part in one pass over the table: a month has a HAR
    # entry when it has a row of either HAR source (``h``), also when it holds 0 persons.
    har_bronnen = ["har", "har_uitplaatsing"]
    realisatie, har = [], {}
    for g, m, t, p, w, instroom, uitstroom, h in _rijen(
        van(Realisatie.objects.all())
        .values("gemeente_id", "maand")
        .annotate(
            t=Sum("personen_tellend"),
            p=Sum("personen_gehuisvest"),
            w=Sum("woningen"),
            instroom=Sum("personen_gehuisvest", filter=Q(bron_id="har")),
            uitstroom=Sum("personen_gehuisvest", filter=Q(bron_id="har_uitplaatsing")),
            h=Count("pk", filter=Q(bron_id__in=har_bronnen)),
        )
        .order_by()
        .values_list("gemeente_id", "maand", "t", "p", "w", "instroom", "uitstroom", "h")
    ):
        mi = _m(m)
        realisatie.append((g, mi, t or 0, p or 0, w or 0))
        if h:
            har[(g, mi)] = [instroom or 0, uitstroom or 0]

    quota: dict[int, list] = {}
    taak_gemeente: dict[int, tuple[int, Halfjaar, int]] = {}
    for pk, g, jaar, helft, aantal in van(Taakstelling.objects.order_by()).values_list(
        "pk", "gemeente_id", "jaar", "helft", "aantal"
    ):
        taak_gemeente[pk] = (g, Halfjaar(jaar, helft), aantal)
    bijstellingen: dict[int, list] = {}
    for t_id, datum, aantal in van(Bijstelling.objects.order_by()).values_list(
        "taakstelling_id", "datum", "aantal"
    ):
        bijstellingen.setdefault(t_id, []).append((datum, aantal))
    herzien: dict[int, list[Taakbijstelling]] = {}
    for pk, (g, halfjaar, aantal) in taak_gemeente.items():
        quota.setdefault(g, []).append(
            (halfjaar, regels.geldende_taakstelling(aantal, bijstellingen.get(pk, [])))
        )
        was = aantal
        for datum, nieuw in sorted(bijstellingen.get(pk, [])):
            if nieuw != was:
                herzien.setdefault(g, []).append(Taakbijstelling(halfjaar, datum, was, nieuw))
            was = nieuw
    opening = {
        g: (Halfjaar(jaar, helft), saldo)
        for g, jaar, helft, saldo in van(Openingssaldo.objects.all()).values_list(
            "gemeente_id", "jaar", "helft", "saldo"
        )
    }
    eigen: dict[int, list] = {}
    for g, datum, doel, start, door, omschrijving in van(Mijlpaal.objects.all()).values_list(
        "gemeente_id", "datum", "doel", "startdatum", "gezet_door", "omschrijving"
    ):
        eigen.setdefault(g, []).append(regels.Mijlpaal(datum, doel, start, door, omschrijving))

    plannen: dict[int, list] = {}
    plan_van: dict[int, tuple[Decimal, int]] = {}  # pk -> (bezetting, start as day ordinal)
    for pk, g, naam, vanaf, tot, bezetting in van(Actieplan.objects.order_by()).values_list(
        "pk", "gemeente_id", "naam", "geldig_vanaf", "geldig_tot", "bezetting"
    ):
        plannen.setdefault(g, []).append(Plan(naam, vanaf, tot, bezetting))
        plan_van[pk] = (bezetting, vanaf.toordinal())
    acties: dict[int, tuple[str, int, int] | None] = {}  # pk -> (code, centi, plan start)
    acties_per_gemeente: dict[int, set[str]] = {}
    for pk, g, plan_id, code, bezetting, status in van(Actie.objects.order_by()).values_list(
        "pk", "gemeente_id", "actieplan_id", "type_id", "bezetting", "status"
    ):
        if status == Actie.Status.GESTOPT:
            acties[pk] = None  # a stopped action is no longer part of the plan
            continue
        plan_bezetting, plan_start = plan_van[plan_id]
        acties[pk] = (
            code,
            centi(bezetting if bezetting is not None else plan_bezetting),
            plan_start,
        )
        acties_per_gemeente.setdefault(g, set()).add(code)
    planning = []
    for g, actie_id, maand, woningen, pm in van(Planning.objects.order_by()).values_list(
        "gemeente_id", "actie_id", "maand", "woningen", "pm"
    ):
        actie = acties[actie_id]
        if actie is None:
            continue
        code, c, plan = actie
        planning.append((g, _m(maand), code, 0 if pm else woningen, bool(pm), c, plan))
    actietypen = {
        code: Actietype(code, naam, via)
        for code, naam, via in ActieType.objects.order_by("volgorde", "code").values_list(
            "code", "naam", "via_corporatie_aanbod"
        )
    }
    # Slugs (stable keys) by id in one small query instead of a join on the largest table.
    corporaties = list(Corporatie.objects.values_list("pk", "slug", "naam"))
    slugs = {pk: slug for pk, slug, _ in corporaties}
    aanbod = [
        (g, slugs[c], _m(m), n)
        for g, c, m, n in van(Aanbod.objects.order_by()).values_list(
            "gemeente_id", "corporatie_id", "maand", "mutaties"
        )
    ]
    verwachtingen: dict[int, list] = {}
    for g, c, n, vanaf in van(Aanbodverwachting.objects.order_by()).values_list(
        "gemeente_id", "corporatie_id", "mutaties_per_maand", "geldig_vanaf"
    ):
        verwachtingen.setdefault(g, []).append(Verwachting(slugs[c], vanaf, n))
    afspraken: dict[int, list] = {}
    for g, c, soort, teller, noemer, vanaf, tot in van(Verdeelafspraak.objects.all()).values_list(
        "gemeente_id", "corporatie__slug", "soort", "teller", "noemer", "geldig_vanaf", "geldig_tot"
    ):
        afspraken.setdefault(g, []).append(
            Afspraak(soort, c, Aandeel(Fraction(teller, noemer), vanaf, tot))
        )
    amv: dict[int, list] = {}
    for g, geboren, gehuisvest, aantal in van(AmvCohortModel.objects.order_by()).values_list(
        "gemeente_id", "geboortemaand", "gehuisvest_in", "aantal"
    ):
        amv.setdefault(g, []).append(AmvCohort(Maand.van(geboren), Maand.van(gehuisvest), aantal))

    # COA's koppelingen and (issue 14 §9) the months of the gemeenten that work per household
    # and those gemeenten's households (persons with expected nareizigers): one query, the
    # last column says which table a row is from.
    geen_datum = Cast(Value(None), output_field=DateField())  # NULL::date, for the UNION
    per_huishouden_qs = Invoerwijze.objects.filter(per_huishouden=True).order_by()
    koppelingen_qs = van(Koppeling.objects.order_by()).values_list(
        "gemeente_id", "maand", geen_datum, "personen", Value("k", output_field=CharField())
    )
    maanden_qs = van(per_huishouden_qs).values_list(
        "gemeente_id",
        "maand",
        geen_datum,
        Value(0, output_field=IntegerField()),
        Value("m", output_field=CharField()),
    )
    huishoudens_qs = (
        van(Huishouden.objects.filter(gemeente__in=per_huishouden_qs.values("gemeente_id")))
        .order_by()
        .annotate(
            personen=F("volwassenen")
            + F("kinderen")
            + F("nareizigers_aangekomen")
            + F("nareizigers_verwacht")
        )
        .values_list(
            "gemeente_id",
            "koppeldatum",
            "einddatum",
            "personen",
            Value("h", output_field=CharField()),
        )
    )
    koppelingen = []
    per_huishouden: dict[int, set[Maand]] = {}
    huishoudens: dict[int, list[tuple]] = {}
    for g, datum, eind, personen, soort in koppelingen_qs.union(
        maanden_qs, huishoudens_qs, all=True
    ):
        if soort == "k":
            koppelingen.append((g, _m(datum), personen))
        elif soort == "m":
            per_huishouden.setdefault(g, set()).add(Maand.van(datum))
        else:
            huishoudens.setdefault(g, []).append((datum, eind, personen))
    gegevens = {}
    for g, cbs, naam in gemeenten:
        q = sorted(quota.get(g, []))
        o = opening.get(g)
        begin = o[1] if o and q and o[0] == q[0][0] else 0
        mijlpalen = regels.geldende_mijlpalen(
            regels.standaard_mijlpalen(q, begin), eigen.get(g, [])
        )
        gegevens[g] = Gemeentegegevens(
            gemeente_id=g,
            cbs_code=cbs,
            naam=naam,
            mijlpalen=tuple(mijlpalen),
            taakstellingen=tuple(q),
            opening=o,
            plannen=tuple(sorted(plannen.get(g, []), key=lambda p: p.geldig_vanaf)),
            acties=tuple(sorted(acties_per_gemeente.get(g, set()))),
            verwachtingen=tuple(verwachtingen.get(g, [])),
            afspraken=tuple(afspraken.get(g, [])),
            amv=tuple(amv.get(g, [])),
            standaard_bezetting=settings.STANDAARD_BEZETTING,
            bijstellingen=tuple(sorted(herzien.get(g, []), key=lambda b: (b.datum, b.halfjaar))),
            huishoudens=tuple(sorted(huishoudens.get(g, []), key=lambda h: h[0])),
            per_huishouden=frozenset(per_huishouden.get(g, ())),
        )
    bekend = set(gegevens)
    return Batch(
        gemeenten=gegevens,
        actietypen=actietypen,
        realisatie=frame("realisatie", (r for r in realisatie if r[0] in bekend)),
        har=frame("har", ((g, m, *v) for (g, m), v in har.items() if g in bekend)),
        ingevoerd=frame("ingevoerd", (r for r in ingevoerd if r[0] in bekend)),
        planning=frame("planning", (r for r in planning if r[0] in bekend)),
        aanbod=frame("aanbod", (r for r in aanbod if r[0] in bekend)),
        koppelingen=frame("koppelingen", (r for r in koppelingen if r[0] in bekend)),
        corporatienamen={slug: naam for _, slug, naam in corporaties},
    )
