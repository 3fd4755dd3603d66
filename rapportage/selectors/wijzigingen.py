"""The audit trail of a gemeente's figures (issue 'Invoer' §6): /gemeenten/<cbs>/wijzigingen/.

Generic over django-simple-history: every audited model with a ``gemeente`` field takes part,
including ones added later. One page costs a fixed number of queries whatever its length: one
UNION over the history tables for the page and one for the count, then per model on the page
one query for its rows (with the id of each row's previous version) and one for those previous
versions, and one per kind of related object to name (corporatie, trede, actie, ...).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from django.db import models
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.utils import timezone

from kern import opmaak
from kern.perioden import Maand
from organisaties import toegang
from organisaties.models import Gemeente, User
from organisaties.toegang import EIGEN_RIJEN_VAN_CORPORATIE
from rapportage import labels

PER_PAGINA = 50
_DATUMVELDEN = ("maand", "datum", "sinds", "gehuisvest_in", "geldig_vanaf")
_NIET_TONEN = {"gemeente", "versie"}
# Models whose rows have no unique key to name them by; generic otherwise.
_KENMERKEN = {
    "taakstelling.ibtstatus": ("trede", "sinds"),
    "taakstelling.openingssaldo": ("jaar", "helft"),
    "bemiddeling.verdeelafspraak": ("soort", "corporatie", "geldig_vanaf"),
    "bemiddeling.actieplan": ("naam",),
    "taakstelling.bron": ("naam",),
    "taakstelling.telregel": ("bron", "provincie", "geldig_vanaf"),
    "bemiddeling.actietype": ("naam",),
    "organisaties.brondocument": ("titel",),
}
REFERENTIE_MAX = 20
SOORTEN = {"+": "Nieuw", "~": "Gewijzigd", "-": "Verwijderd"}


@dataclass(frozen=True)
class Historiebron:
    model: type[models.Model]
    historie: type[models.Model]
    label: str  # "taakstelling.realisatie"
    datumveld: str | None  # the figure's month (or date), for the month filter
    van_corporatie: bool  # its rows belong to one corporatie (toegang: supply rows)
    kenmerken: tuple[str, ...]  # fields that name a row ("april 2023, regulier, Ymere")
    velden: tuple[models.Field, ...]  # fields whose changes are shown


def _kenmerken(model: type[models.Model]) -> tuple[str, ...]:
    label = model._meta.label_lower
    if label in _KENMERKEN:
        return _KENMERKEN[label]
    namen: list[str] = []
    for c in model._meta.constraints:
        if isinstance(c, models.UniqueConstraint):
            namen += [f for f in c.fields if f != "gemeente" and f not in namen]
    if namen:
        return tuple(namen)
    bestaand = {f.name for f in model._meta.concrete_fields}
    return tuple(f for f in _DATUMVELDEN if f in bestaand)[:1]


def _bron(model: type[models.Model]) -> Historiebron:
    velden = {f.name: f for f in model._meta.concrete_fields}
    return Historiebron(
        model=model,
        historie=model.history.model,
        label=model._meta.label_lower,
        datumveld=next((f for f in _DATUMVELDEN if f in velden), None),
        van_corporatie="corporatie" in velden
        and model._meta.label_lower in EIGEN_RIJEN_VAN_CORPORATIE,
        kenmerken=_kenmerken(model),
        velden=tuple(
            f
            for f in model._meta.concrete_fields
            if not f.primary_key and f.name not in _NIET_TONEN
        ),
    )


def _geauditeerd() -> list[type[models.Model]]:
    from simple_history.models import registered_models

    return [m for m in registered_models.values() if hasattr(m, "history")]


@cache
def historiebronnen() -> tuple[Historiebron, ...]:
    """The audited models whose rows belong to one gemeente (its figures)."""
    uitkomst = [
        _bron(m) for m in _geauditeerd() if "gemeente" in {f.name for f in m._meta.concrete_fields}
    ]
    return tuple(sorted(uitkomst, key=lambda b: b.label))


@cache
def referentiebronnen() -> tuple[Historiebron, ...]:
    """The audited reference data (sources, counting rules, the IBT ladder, action types):
    national, or of one province (a ``provincie`` field), changed by the beheerder."""
    uitkomst = [
        _bron(m)
        for m in _geauditeerd()
        if "gemeente" not in {f.name for f in m._meta.concrete_fields}
    ]
    return tuple(sorted(uitkomst, key=lambda b: b.label))


@dataclass(frozen=True)
class Filter:
    maand: Maand | None = None
    persoon_id: int | None = None


def bereik(user, gemeente: Gemeente) -> frozenset[int] | None:
    """Whose own rows (supply, expectations) the user sees in this gemeente's history: None
    for every corporatie's, else only these corporaties' (``organisaties.toegang``). Every
    public read below asks this itself, so no caller can forget it."""
    return toegang.zichtbare_aanbod_corporaties(user, gemeente)


def _basis(bron: Historiebron, gemeente: Gemeente, f: Filter, corporaties: frozenset[int] | None):
    qs = bron.historie.objects.filter(gemeente_id=gemeente.pk)
    if f.maand is not None:
        if bron.datumveld is None:
            return None
        qs = qs.filter(
            **{
                f"{bron.datumveld}__gte": f.maand.eerste_dag,
                f"{bron.datumveld}__lte": f.maand.laatste_dag,
            }
        )
    if f.persoon_id is not None:
        qs = qs.filter(history_user_id=f.persoon_id)
    if corporaties is not None and bron.van_corporatie:
        qs = qs.filter(corporatie_id__in=corporaties)
    return qs


def _union(gemeente: Gemeente, f: Filter, corporaties: frozenset[int] | None, *velden: str):
    delen = []
    for bron in historiebronnen():
        qs = _basis(bron, gemeente, f, corporaties)
        if qs is None:
            continue
        qs = qs.annotate(historiemodel=Value(bron.label, output_field=CharField())).values(*velden)
        delen.append(qs.order_by())
    if not delen:
        return None
    return delen[0].union(*delen[1:], all=True) if len(delen) > 1 else delen[0]


@dataclass
class Veldwijziging:
    veld: str
    oud: str
    nieuw: str


@dataclass
class Wijziging:
    wanneer: datetime
    wie: str
    soort: str  # Nieuw / Gewijzigd / Verwijderd
    wat: str
    velden: list[Veldwijziging]
    reden: str | None
    model: str


@dataclass
class Wijzigingenpagina:
    wijzigingen: list[Wijziging]
    aantal: int
    pagina: int
    per_pagina: int
    personen: list[User] = field(default_factory=list)

    @property
    def paginas(self) -> int:
        return max(1, -(-self.aantal // self.per_pagina))

    @property
    def vorige(self) -> int | None:
        return self.pagina - 1 if self.pagina > 1 else None

    @property
    def volgende(self) -> int | None:
        return self.pagina + 1 if self.pagina < self.paginas else None


def personen(gemeente: Gemeente, user) -> list[User]:
    """Everyone who changed a figure of this gemeente that the user sees (person filter)."""
    corporaties = bereik(user, gemeente)
    delen = []
    for bron in historiebronnen():
        qs = _basis(bron, gemeente, Filter(), corporaties)
        delen.append(qs.filter(history_user_id__isnull=False).values("history_user_id").order_by())
    if not delen:
        return []
    ids = delen[0].union(*delen[1:]) if len(delen) > 1 else delen[0]
    return list(
        User.objects.filter(pk__in=[r["history_user_id"] for r in ids]).order_by("username")
    )


def wijzigingen(
    gemeente: Gemeente, user, f: Filter, pagina: int = 1, per_pagina: int = PER_PAGINA
) -> Wijzigingenpagina:
    """The changes of this gemeente's figures that ``user`` may see, newest first."""
    velden = ("history_id", "history_date", "historiemodel")
    alles = _union(gemeente, f, bereik(user, gemeente), *velden)
    if alles is None:
        return Wijzigingenpagina([], 0, 1, per_pagina)
    aantal = alles.count()
    paginas = max(1, -(-aantal // per_pagina))
    pagina = min(max(1, pagina), paginas)
    begin = (pagina - 1) * per_pagina
    sleutels = list(
        alles.order_by("-history_date", "-history_id", "historiemodel")[begin : begin + per_pagina]
    )
    return Wijzigingenpagina(_beschrijf(sleutels), aantal, pagina, per_pagina)


def referentiewijzigingen(gemeente: Gemeente, limiet: int = REFERENTIE_MAX) -> list[Wijziging]:
    """The newest changes of the reference data that holds for this gemeente (national, or
    of its province), with who, old, new and the beheerder's reason: the general note on the
    gemeente's change history. One UNION, then the rows as ``wijzigingen`` describes them."""
    delen = []
    for bron in referentiebronnen():
        qs = bron.historie.objects.all()
        if "provincie" in {f.name for f in bron.velden}:
            qs = qs.filter(Q(provincie_id__isnull=True) | Q(provincie_id=gemeente.provincie_id))
        delen.append(
            qs.annotate(historiemodel=Value(bron.label, output_field=CharField()))
            .values("history_id", "history_date", "historiemodel")
            .order_by()
        )
    if not delen:
        return []
    alles = delen[0].union(*delen[1:], all=True) if len(delen) > 1 else delen[0]
    return _beschrijf(list(alles.order_by("-history_date", "-history_id")[:limiet]))


# --- describing history rows --------------------------------------------------------------------


def _beschrijf(sleutels: list[dict]) -> list[Wijziging]:
    bronnen = {b.label: b for b in (*historiebronnen(), *referentiebronnen())}
    per_model: dict[str, list[int]] = defaultdict(list)
    for s in sleutels:
        per_model[s["historiemodel"]].append(s["history_id"])
    rijen: dict[tuple[str, int], tuple[models.Model, models.Model | None]] = {}
    for label, ids in per_model.items():
        bron = bronnen[label]
        h = bron.historie
        pk = bron.model._meta.pk.attname
        eerder = (
            h.objects.filter(**{pk: OuterRef(pk)})
            .filter(
                Q(history_date__lt=OuterRef("history_date"))
                | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
            )
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        huidig = list(
            h.objects.filter(history_id__in=ids)
            .select_related("history_user")
            .annotate(vorige_id=Subquery(eerder))
        )
        vorige = {
            v.history_id: v
            for v in h.objects.filter(history_id__in=[r.vorige_id for r in huidig if r.vorige_id])
        }
        for r in huidig:
            rijen[(label, r.history_id)] = (r, vorige.get(r.vorige_id))

    namen = _namen_van_verwijzingen(
        (bronnen[label], obj) for (label, _), paar in rijen.items() for obj in paar if obj
    )
    uitkomst = []
    for s in sleutels:
        bron = bronnen[s["historiemodel"]]
        r, vorige = rijen[(s["historiemodel"], s["history_id"])]
        gebruiker = r.history_user
        uitkomst.append(
            Wijziging(
                wanneer=r.history_date,
                wie=(gebruiker.get_full_name() or gebruiker.username)
                if gebruiker
                else "systeem (demo, beheer of import zonder gebruiker)",
                soort=SOORTEN.get(r.history_type, r.history_type),
                wat=_wat(bron, r, namen),
                velden=_velden(bron, r, vorige, namen),
                reden=r.history_change_reason,
                model=bron.label,
            )
        )
    return uitkomst


def _namen_van_verwijzingen(paren) -> dict[tuple[type, object], str]:
    """Names of the objects that history rows point to, one query per kind of object."""
    nodig: dict[type[models.Model], set] = defaultdict(set)
    for bron, obj in paren:
        for f in bron.velden:
            if f.is_relation and (waarde := getattr(obj, f.attname)) is not None:
                nodig[f.related_model].add(waarde)
    namen: dict[tuple[type, object], str] = {}
    for model, ids in nodig.items():
        for pk, naam in _namen(model, ids):
            namen[(model, pk)] = naam
    return namen


def _namen(model: type[models.Model], ids: set) -> list[tuple[object, str]]:
    meta = model._meta
    velden = {f.name for f in meta.concrete_fields}
    if isinstance(meta.pk, models.CharField):  # a code: its name if it has one (bron)
        if "naam" in velden:
            return list(model.objects.filter(pk__in=ids).values_list("pk", "naam"))
        return [(i, str(i)) for i in ids]
    if issubclass(model, User):
        return [
            (pk, f"{v} {a}".strip() or u)
            for pk, u, v, a in model.objects.filter(pk__in=ids).values_list(
                "pk", "username", "first_name", "last_name"
            )
        ]
    if {"nummer", "naam"} <= velden:  # trede
        return [
            (pk, f"trede {n}: {naam}")
            for pk, n, naam in model.objects.filter(pk__in=ids).values_list("pk", "nummer", "naam")
        ]
    if {"jaar", "helft"} <= velden:  # taakstelling
        return [
            (pk, f"H{h} {j}")
            for pk, j, h in model.objects.filter(pk__in=ids).values_list("pk", "jaar", "helft")
        ]
    if "naam" in velden:
        return list(model.objects.filter(pk__in=ids).values_list("pk", "naam"))
    if "titel" in velden:  # a source document: cited as people cite it
        return [(d.pk, str(d)) for d in model.objects.filter(pk__in=ids)]
    if "type" in velden and meta.get_field("type").is_relation:  # actie: named by its type
        return list(model.objects.filter(pk__in=ids).values_list("pk", "type__naam"))
    return [(i, f"#{i}") for i in ids]


def _waarde(f: models.Field, obj, namen) -> str:
    waarde = getattr(obj, f.attname)
    if waarde is None or waarde == "":
        return "–"
    if f.is_relation:
        return namen.get((f.related_model, waarde), f"#{waarde} (verwijderd)")
    if f.choices:
        return str(dict(f.flatchoices).get(waarde, waarde))
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dict | list):  # a scenario's parameters: in words, not a dict
        return labels.detail(waarde)
    if isinstance(waarde, datetime):
        if timezone.is_aware(waarde):
            waarde = timezone.localtime(waarde)  # stored in UTC, read in Amsterdam
        return f"{opmaak.datum(waarde)} {waarde:%H:%M}"
    if isinstance(waarde, date):
        # Month fields say so in their help text ("Eerste dag van de maand.").
        if "eerste dag van de" in str(f.help_text).lower():
            return opmaak.maand(waarde)
        return opmaak.datum(waarde)
    if isinstance(waarde, int):
        # A year is a name, not an amount: 2023, not 2.023.
        return str(waarde) if f.name == "jaar" else opmaak.getal(waarde)
    if isinstance(waarde, Decimal):
        return opmaak.getal(waarde, max(0, -waarde.as_tuple().exponent))
    tekst = str(waarde)
    return tekst if len(tekst) <= 200 else tekst[:199] + "…"


def _wat(bron: Historiebron, obj, namen) -> str:
    velden = {f.name: f for f in bron.velden}
    delen = [str(bron.model._meta.verbose_name).capitalize()]
    for naam in bron.kenmerken:
        f = velden.get(naam)
        if f is not None and getattr(obj, f.attname) not in (None, ""):
            delen.append(_waarde(f, obj, namen))
    return delen[0] + (" " + ", ".join(delen[1:]) if len(delen) > 1 else "")


def _velden(bron: Historiebron, r, vorige, namen) -> list[Veldwijziging]:
    uitkomst = []
    for f in bron.velden:
        if f.name in bron.kenmerken and r.history_type != "~":
            continue  # already in 'wat'
        nieuw = getattr(r, f.attname)
        if r.history_type == "+" or (vorige is None and r.history_type == "~"):
            if nieuw in (None, "", False):
                continue
            uitkomst.append(Veldwijziging(str(f.verbose_name), "–", _waarde(f, r, namen)))
        elif r.history_type == "-":
            if nieuw in (None, "", False):
                continue
            uitkomst.append(Veldwijziging(str(f.verbose_name), _waarde(f, r, namen), "–"))
        elif getattr(vorige, f.attname) != nieuw:
            uitkomst.append(
                Veldwijziging(str(f.verbose_name), _waarde(f, vorige, namen), _waarde(f, r, namen))
            )
    return uitkomst
