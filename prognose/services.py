"""Writes of the rapportage app: snapshots (recompute) and scenarios.

``herberekenen`` / ``herberekenen_alle`` load inputs in a fixed number of queries
(``prognose.selectors.invoer``), run the pure engine for the basis and every saved scenario,
and upsert one snapshot per result. ``prognose`` computes without saving (page, CLI).
"""

import json
import logging
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone

from organisaties.herberekening import herberekening_aanvragen
from organisaties.models import Gemeente
from organisaties.toegang import Handeling, vereis
from organisaties.wijzigen import controleer_versie, opslaan, verwijderen
from prognose.models import JSONTekst, Rekenstatus, Scenario, Snapshot
from prognose.rekenen import engine, verdelen
from prognose.rekenen import scenario as scenario_regels
from prognose.rekenen.gegevens import Prognose, prognose_als_dict
from prognose.rekenen.scenario import Parameters
from prognose.selectors import invoer
from taakstelling.models import Maandrapportage
from taakstelling.selectors import peildatum_na

logger = logging.getLogger(__name__)

# Sent after a recompute wrote the current snapshots of ``gemeente_ids`` (in the caller's
# transaction, if any): the notifications (meldingen/, a layer above) compare the verdicts.
# A receiver's failure is logged, never the recompute's.
snapshots_geschreven = Signal()


@dataclass(frozen=True)
class Herberekening:
    gemeenten: int
    snapshots: int
    nieuw: int
    seconden: float


def _parameters(s: Scenario) -> Parameters | None:
    try:
        return scenario_regels.uit_dict(s.parameters)
    except ValueError:
        logger.error("scenario %s (%s) heeft ongeldige parameters; overgeslagen", s.pk, s.naam)
        return None


def _provinciepeildata(gemeenten, vandaag: date) -> dict[int, date]:
    """The default peildatum of each gemeente's province (the IBT dashboard's: the day after
    the newest month any of its gemeenten entered, never after today). Two small queries."""
    provincie = dict(
        Gemeente.objects.filter(pk__in=list(gemeenten)).values_list("pk", "provincie_id")
    )
    laatste = dict(
        Maandrapportage.objects.filter(
            gemeente__provincie_id__in=set(provincie.values()), maand__lte=vandaag
        )
        .values("gemeente__provincie_id")
        .annotate(m=Max("maand"))
        .order_by()
        .values_list("gemeente__provincie_id", "m")
    )
    return {g: peildatum_na(laatste.get(p), vandaag) for g, p in provincie.items()}


def _herbereken(
    ids: list[int] | None, vandaag: date | None, *, alleen_op: date | None = None
) -> tuple[Herberekening, list]:
    """Recompute ``ids`` (None: all). Per gemeente the basis and every scenario at its own
    default peildatum (``actueel``), and the basis at its province's default peildatum when
    that differs (not actueel: the IBT dashboard reads it, ``selectors.snapshots_op``).
    ``alleen_op``: only the basis at that peildatum (not actueel), as the IBT dashboard asks
    for a gemeente that has none there."""
    begin = time.perf_counter()
    vandaag = vandaag or timezone.localdate()
    # The counter is read before the inputs: a change committed in between makes this
    # snapshot look older than it is (safe: the change has its own recompute queued).
    statussen = Rekenstatus.objects.all()
    if ids is not None:
        statussen = statussen.filter(gemeente_id__in=ids)
    wijzigingen = dict(statussen.values_list("gemeente_id", "wijziging"))
    batch = invoer.laad(ids)
    if not batch.gemeenten:
        return Herberekening(0, 0, 0, time.perf_counter() - begin), []
    scenarios: dict[int, list[tuple[Scenario, Parameters]]] = {}
    for s in Scenario.objects.filter(gemeente_id__in=list(batch.gemeenten)).order_by("pk"):
        p = _parameters(s)
        if p is not None:
            scenarios.setdefault(s.gemeente_id, []).append((s, p))
    opdrachten, sleutels = [], []
    if alleen_op is not None:
        for g in batch.gemeenten:
            opdrachten.append(engine.Opdracht(g, alleen_op))
            sleutels.append((g, None, False))
    else:
        peildata = engine.standaard_peildata(batch, vandaag)
        provincie = _provinciepeildata(batch.gemeenten, vandaag)
        for g in batch.gemeenten:
            opdrachten.append(engine.Opdracht(g, peildata[g]))
            sleutels.append((g, None, True))
            for s, p in scenarios.get(g, []):
                opdrachten.append(engine.Opdracht(g, peildata[g], p, s.naam))
                sleutels.append((g, s.pk, True))
            if provincie.get(g, peildata[g]) != peildata[g]:
                opdrachten.append(engine.Opdracht(g, provincie[g]))
                sleutels.append((g, None, False))
    # Window and hash every opdracht; compute only those whose result is not stored yet (the
    # same inputs hash, peildatum and engine version give the same result, see _schrijven).
    # Outside the write transaction, so no lock is held while the engine runs.
    processen = settings.PROGNOSE_PROCESSEN or verdelen.beschikbare_kernen()
    voorbereid = engine.voorbereiden(batch, opdrachten, processen)
    rijen = [(g, s, v) for (g, s, _), v in zip(sleutels, voorbereid, strict=True)]
    opgeslagen = _bestaand(rijen)
    nodig = [i for i, r in enumerate(rijen) if _sleutel(r) not in opgeslagen]
    for i, p in zip(nodig, _berekenen([voorbereid[i] for i in nodig], processen), strict=True):
        rijen[i] = (rijen[i][0], rijen[i][1], p)
    actueel = [r for r, (_, _, a) in zip(rijen, sleutels, strict=True) if a]
    extra = [r for r, (_, _, a) in zip(rijen, sleutels, strict=True) if not a]
    snapshots, nieuw = _schrijven(actueel, wijzigingen, extra)
    if alleen_op is None:
        # Above this layer, the notifications compare the stored verdicts (meldingen/).
        snapshots_geschreven.send_robust(sender=Snapshot, gemeente_ids=sorted(batch.gemeenten))
    duur = time.perf_counter() - begin
    return Herberekening(len(batch.gemeenten), len(snapshots), nieuw, duur), snapshots


@dataclass(frozen=True)
class Berekend:
    """A result computed by a helper process, as the JSON text of its snapshot."""

    peildatum: date
    invoer_hash: str
    engine_versie: str
    tekst: JSONTekst


def _als_tekst(v: engine.Voorbereiding) -> Berekend:
    p = engine.bereken_voorbereid([v])[0]
    tekst = JSONTekst(json.dumps(prognose_als_dict(p), separators=(",", ":")))
    return Berekend(p.peildatum, p.invoer_hash, p.engine_versie, tekst)


def _berekenen(voorbereidingen: list, processen: int) -> list:
    """The results of these opdrachten: in this process for a few (``Prognose``), spread over
    the cores for many (a national recompute; ``Berekend``, see ``prognose.rekenen.verdelen``):
    the same figures either way (``tests/prognose/test_verdelen.py``)."""
    if processen <= 1 or len(voorbereidingen) < verdelen.MINIMUM:
        return engine.bereken_voorbereid(voorbereidingen)
    logger.info("herberekening van %d prognoses over %d processen", len(voorbereidingen), processen)
    with engine.zonder_gc():
        return verdelen.verdeeld(_als_tekst, voorbereidingen, processen)


def _resultaat(p) -> dict | JSONTekst:
    return p.tekst if isinstance(p, Berekend) else prognose_als_dict(p)


def _sleutel(rij) -> tuple:
    g, s, p = rij
    return (g, s, p.peildatum, p.invoer_hash, p.engine_versie)


def _bestaand(rijen) -> dict[tuple, int]:
    """Stored snapshots of these results: (gemeente, scenario, peildatum, hash, version) -> pk."""
    return {
        (g, s, peil, h, v): pk
        for pk, g, s, peil, h, v in Snapshot.objects.filter(
            gemeente_id__in=sorted({g for g, _, _ in rijen}),
            invoer_hash__in=sorted({p.invoer_hash for _, _, p in rijen}),
        ).values_list(
            "pk", "gemeente_id", "scenario_id", "peildatum", "invoer_hash", "engine_versie"
        )
    }


def _bestaande_snapshot(**velden) -> Snapshot:
    """A stored row without its ``resultaat`` (the same inputs, the same JSON): the field is
    deferred and read from the database only if someone asks for ``prognose()``."""
    namen = [f.attname for f in Snapshot._meta.concrete_fields if f.attname in velden]
    return Snapshot.from_db(Snapshot.objects.db, namen, [velden[n] for n in namen])


@transaction.atomic
def _schrijven(
    rijen: list[tuple], wijzigingen: dict[int, int], extra: list[tuple] = ()
) -> tuple[list[Snapshot], int]:
    """Upsert on (gemeente, scenario, peildatum, inputs hash, engine version); the newest
    becomes ``actueel``. Serialised per gemeente by locking its Rekenstatus row, and an
    older computation (a lower change counter) never replaces a newer one.

    ``rijen``: (gemeente id, scenario id or None, result), the result a ``Prognose``, a
    ``Berekend`` (computed by a helper process) or an
    ``engine.Voorbereiding`` whose inputs hash is stored already (computed here only should
    that row have gone in the meantime). Returned rows carry their result as ``prognose()``;
    rows that existed already are only touched (computed-at, counter, actueel), and their
    ``resultaat`` is read only when asked for.

    ``extra``: basis results at another peildatum (the province's), upserted the same way
    but never ``actueel``; not in the returned rows."""
    ids = sorted({g for g, _, _ in [*rijen, *extra]})

    def vergrendel() -> set[int]:
        return set(
            Rekenstatus.objects.select_for_update()
            .filter(gemeente_id__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    if vergrendel() != set(ids):  # a gemeente's first recompute: its counter row is new
        Rekenstatus.objects.bulk_create(
            [Rekenstatus(gemeente_id=g) for g in ids], ignore_conflicts=True
        )
        vergrendel()
    actueel = {
        (g, s): (pk, w)
        for pk, g, s, w in Snapshot.objects.filter(gemeente_id__in=ids, actueel=True).values_list(
            "pk", "gemeente_id", "scenario_id", "wijziging"
        )
    }
    bestaand = _bestaand([*rijen, *extra])
    nu = timezone.now()
    aangeraakt, bijwerken, aanmaken, uitzetten = [], [], [], []
    for g, s, p in rijen:
        wijziging = wijzigingen.get(g, 0)
        huidig = actueel.get((g, s))
        if huidig is not None and huidig[1] > wijziging:
            continue  # a computation that saw a newer change is already in place
        pk = bestaand.get(_sleutel((g, s, p)))
        if pk is None and isinstance(p, engine.Voorbereiding):
            p = engine.bereken_voorbereid([p])[0]  # its stored row went in the meantime
        velden = {
            "id": pk,
            "gemeente_id": g,
            "scenario_id": s,
            "peildatum": p.peildatum,
            "invoer_hash": p.invoer_hash,
            "engine_versie": p.engine_versie,
            "berekend_op": nu,
            "wijziging": wijziging,
            "actueel": True,
        }
        if pk is None:
            snapshot = Snapshot(**velden, resultaat=_resultaat(p))
        else:
            # The same inputs hash means the same result: an existing row keeps its JSON.
            snapshot = _bestaande_snapshot(**velden)
        if isinstance(p, Prognose):
            snapshot._prognose = p
        if huidig is not None and huidig[0] != pk:
            uitzetten.append(huidig[0])
        if pk is None:
            aanmaken.append(snapshot)
        elif huidig == (pk, wijziging):
            aangeraakt.append(snapshot)  # already the actueel row with this counter
        else:
            bijwerken.append(snapshot)
    extra_nieuw, extra_bij = [], []
    for g, s, p in extra:
        pk = bestaand.get(_sleutel((g, s, p)))
        if pk is None and isinstance(p, engine.Voorbereiding):
            p = engine.bereken_voorbereid([p])[0]
        velden = {
            "id": pk,
            "gemeente_id": g,
            "scenario_id": s,
            "peildatum": p.peildatum,
            "invoer_hash": p.invoer_hash,
            "engine_versie": p.engine_versie,
            "berekend_op": nu,
            "wijziging": wijzigingen.get(g, 0),
        }
        if pk is None:
            extra_nieuw.append(Snapshot(**velden, actueel=False, resultaat=_resultaat(p)))
        else:
            extra_bij.append(_bestaande_snapshot(**velden))
    if uitzetten:
        Snapshot.objects.filter(pk__in=uitzetten).update(actueel=False)
    if extra_bij:
        Snapshot.objects.bulk_update(extra_bij, ["berekend_op", "wijziging"])
    if extra_nieuw:
        Snapshot.objects.bulk_create(extra_nieuw)
    if aangeraakt:
        Snapshot.objects.filter(pk__in=[s.pk for s in aangeraakt]).update(berekend_op=nu)
    if bijwerken:
        Snapshot.objects.bulk_update(bijwerken, ["berekend_op", "wijziging", "actueel"])
    if aanmaken:
        Snapshot.objects.bulk_create(aanmaken)
    # A new computation changes what the dashboards show (figures, computed-at): a new data
    # version for their cache key, in this transaction (rows locked above).
    Rekenstatus.objects.filter(gemeente_id__in=ids).update(versie=F("versie") + 1)
    return aangeraakt + bijwerken + aanmaken, len(aanmaken)


def herberekenen(gemeente_id: int, *, vandaag: date | None = None) -> list[Snapshot]:
    """Recompute one gemeente: the basis and every scenario. A gemeente that no longer exists
    is nothing to do (the task is idempotent)."""
    return _herbereken([gemeente_id], vandaag)[1]


def herberekenen_op(ids: list[int], peildatum: date) -> int:
    """The basis of these gemeenten at ``peildatum`` (not actueel), for the IBT dashboard of a
    province whose peildatum they have no snapshot for (``herberekening.peildatum_aanvragen``).
    Returns the number of gemeenten."""
    if not ids:
        return 0
    return _herbereken(sorted(set(ids)), None, alleen_op=peildatum)[0].gemeenten


def herberekenen_alle(*, vandaag: date | None = None) -> Herberekening:
    return _herbereken(None, vandaag)[0]


def herberekenen_gemeenten(ids: list[int], *, vandaag: date | None = None) -> list[Snapshot]:
    """Recompute these gemeenten in one batch (the same fixed number of queries as one)."""
    if not ids:
        return []
    return _herbereken(sorted(set(ids)), vandaag)[1]


def verouderde_gemeenten(*, ouder_dan: timedelta = timedelta(0)) -> list[int]:
    """Ids of the gemeenten whose newest change is not in their newest basis snapshot (as
    ``selectors.is_verouderd``) and was made at least ``ouder_dan`` ago. One query."""
    basis = Snapshot.objects.filter(
        gemeente_id=OuterRef("gemeente_id"), scenario=None, actueel=True
    ).values("wijziging")[:1]
    return list(
        Rekenstatus.objects.filter(gewijzigd_op__lte=timezone.now() - ouder_dan)
        .annotate(gezien=Coalesce(Subquery(basis), Value(0)))
        .filter(wijziging__gt=F("gezien"))
        .order_by("gemeente_id")
        .values_list("gemeente_id", flat=True)
    )


def prognose(
    gemeente: Gemeente,
    *,
    peildatum: date | None = None,
    parameters: Parameters | None = None,
    scenario: str | None = None,
    vandaag: date | None = None,
) -> Prognose:
    """Compute without saving (the page's 'doorrekenen', the CLI)."""
    batch = invoer.laad([gemeente.pk])
    if peildatum is None:
        peildatum = engine.standaard_peildata(batch, vandaag or timezone.localdate())[gemeente.pk]
    opdracht = engine.Opdracht(gemeente.pk, peildatum, parameters or Parameters(), scenario)
    return engine.bereken(batch, [opdracht])[0]


def prognoses(
    gemeente: Gemeente,
    peildatum: date,
    opdrachten: list[tuple[str | None, Parameters | None]],
    *,
    batch=None,
):
    """Compute several scenarios of one gemeente at once without saving: {name: Prognose}
    (None: the basis), and the loaded inputs, to pass back in for a next computation."""
    batch = batch if batch is not None else invoer.laad([gemeente.pk])
    lijst = [
        engine.Opdracht(gemeente.pk, peildatum, parameters or Parameters(), naam)
        for naam, parameters in opdrachten
    ]
    uitkomst = engine.bereken(batch, lijst)
    return {naam: p for (naam, _), p in zip(opdrachten, uitkomst, strict=True)}, batch


# --- scenarios ----------------------------------------------------------------------------


@transaction.atomic
def scenario_opslaan(
    *,
    gemeente: Gemeente,
    naam: str,
    parameters: Parameters,
    door,
    omschrijving: str = "",
    versie: int | None = None,
) -> Scenario:
    """Create a scenario, or change the one with this name (``versie``: the version the form
    showed; saving over a scenario someone else changed since raises ``Conflict``)."""
    vereis(door, Handeling.SCENARIO_WIJZIGEN, gemeente=gemeente)
    naam = (naam or "").strip()
    slug = scenario_regels.slug(naam)
    if not naam or not slug:
        raise ValidationError({"naam": "Geef het scenario een naam (letters of cijfers)."})
    if slug == "basis":
        raise ValidationError(
            {"naam": "'Basis' rekent met de cijfers zoals ingevoerd; kies een andere naam."}
        )
    if len(naam) > 100:
        raise ValidationError({"naam": "Gebruik hoogstens 100 tekens."})
    rij = Scenario.objects.select_for_update().filter(gemeente=gemeente, slug=slug).first()
    if rij is None:
        rij = Scenario(gemeente=gemeente, slug=slug)
        reden = "Scenario aangemaakt"
    else:
        controleer_versie(rij, versie)
        reden = "Scenario gewijzigd"
    rij.naam = naam
    rij.omschrijving = (omschrijving or "").strip()
    rij.parameters = scenario_regels.als_dict(parameters)
    rij.illustratief = False
    opslaan(rij, door=door, reden=reden)
    herberekening_aanvragen(gemeente.pk)
    return rij


@transaction.atomic
def scenario_verwijderen(*, scenario: Scenario, door, versie: int | None) -> None:
    vereis(door, Handeling.SCENARIO_WIJZIGEN, gemeente=scenario.gemeente)
    rij = Scenario.objects.select_for_update().get(pk=scenario.pk)
    controleer_versie(rij, versie)
    verwijderen(rij, door=door, reden="Scenario verwijderd")
