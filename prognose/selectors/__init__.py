"""Reads of forecast snapshots for pages, exports and the API.

Callers pass gemeenten they got from ``organisaties.toegang`` (already scoped to the user).

    snapshot = nieuwste_snapshot(gemeente)            # basis; scenario=Scenario for another
    prognose = snapshot.prognose()                    # prognose.rekenen.gegevens.Prognose
    if herberekening_loopt(gemeente, snapshot): ...   # "herberekening loopt"

``nieuwste_snapshots(gemeenten)`` gives the basis snapshot of many gemeenten in one query and
``verouderd(gemeenten, snapshots)`` which of them a recompute is due for, in one more.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, Subquery

from organisaties.models import Gemeente
from prognose.models import Rekenstatus, Scenario, Snapshot


def nieuwste_snapshot(gemeente: Gemeente, scenario: Scenario | None = None) -> Snapshot | None:
    """The newest snapshot of the basis (``scenario`` None) or of a saved scenario."""
    return Snapshot.objects.filter(gemeente=gemeente, scenario=scenario, actueel=True).first()


def actuele_snapshots(gemeente: Gemeente) -> dict[int | None, Snapshot]:
    """The newest snapshot of the basis (key None) and of every scenario, in one query."""
    return {
        s.scenario_id: s
        for s in Snapshot.objects.filter(gemeente=gemeente, actueel=True).select_related("scenario")
    }


def nieuwste_snapshots(gemeenten: Iterable[Gemeente]) -> dict[int, Snapshot]:
    """Basis snapshot per gemeente id, for dashboards over many gemeenten (one query)."""
    ids = [g.pk for g in gemeenten]
    return {
        s.gemeente_id: s
        for s in Snapshot.objects.filter(gemeente_id__in=ids, scenario=None, actueel=True)
    }


def snapshots_op(ids: list[int], peildatum: date) -> dict[int, Snapshot]:
    """The newest basis snapshot of each gemeente *at this peildatum*, in one query, with
    ``status_wijziging`` (its Rekenstatus counter, 0 without one) to tell whether it is
    current: the IBT dashboard shows all gemeenten of a province at one peildatum. A
    recompute writes one at the province's default peildatum too (``prognose.services``)."""
    zelfde = Snapshot.objects.filter(
        gemeente_id=OuterRef("gemeente_id"), scenario=None, peildatum=peildatum
    ).order_by("-wijziging", "-berekend_op", "-pk")
    status = Rekenstatus.objects.filter(gemeente_id=OuterRef("gemeente_id")).values("wijziging")
    return {
        s.gemeente_id: s
        for s in Snapshot.objects.filter(
            gemeente_id__in=ids,
            scenario=None,
            peildatum=peildatum,
            pk=Subquery(zelfde.values("pk")[:1]),
        ).annotate(status_wijziging=Subquery(status[:1]))
    }


def nieuwste_snapshot_en_status(
    gemeente: Gemeente,
) -> tuple[Snapshot | None, Rekenstatus | None]:
    """``nieuwste_snapshot`` (basis) and ``rekenstatus`` in one query when there is a
    snapshot (the status annotated on it), two when there is none."""
    status = Rekenstatus.objects.filter(gemeente_id=OuterRef("gemeente_id"))
    snapshot = (
        Snapshot.objects.filter(gemeente=gemeente, scenario=None, actueel=True)
        .annotate(
            status_wijziging=Subquery(status.values("wijziging")[:1]),
            status_gewijzigd_op=Subquery(status.values("gewijzigd_op")[:1]),
        )
        .first()
    )
    if snapshot is None:
        return None, rekenstatus(gemeente)
    if snapshot.status_wijziging is None:
        return snapshot, None
    return snapshot, Rekenstatus(
        gemeente_id=gemeente.pk,
        wijziging=snapshot.status_wijziging,
        gewijzigd_op=snapshot.status_gewijzigd_op,
    )


def rekenstatus(gemeente: Gemeente) -> Rekenstatus | None:
    return Rekenstatus.objects.filter(gemeente=gemeente).first()


def is_verouderd(snapshot: Snapshot | None, status: Rekenstatus | None) -> bool:
    """True when a change was committed after the inputs of this snapshot were read."""
    if status is None:
        return False
    if snapshot is None:
        return status.wijziging > 0
    return status.wijziging > snapshot.wijziging


def herberekening_loopt(gemeente: Gemeente, snapshot: Snapshot | None) -> bool:
    return is_verouderd(snapshot, rekenstatus(gemeente))


def verouderd(gemeenten: Iterable[Gemeente], snapshots: dict[int, Snapshot]) -> set[int]:
    """Ids of the gemeenten whose newest snapshot is older than their newest change."""
    ids = [g.pk for g in gemeenten]
    return {
        g
        for g, w in Rekenstatus.objects.filter(gemeente_id__in=ids).values_list(
            "gemeente_id", "wijziging"
        )
        if g not in snapshots or w > snapshots[g].wijziging
    }


@dataclass(frozen=True)
class Actualiteit:
    """What a page says about the age of the figures it shows."""

    berekend_op: datetime | None
    gewijzigd_op: datetime | None
    loopt: bool


def actualiteit(snapshot: Snapshot | None, status: Rekenstatus | None) -> Actualiteit:
    return Actualiteit(
        None if snapshot is None else snapshot.berekend_op,
        None if status is None else status.gewijzigd_op,
        is_verouderd(snapshot, status),
    )


def scenarios(gemeente: Gemeente) -> list[Scenario]:
    return list(Scenario.objects.filter(gemeente=gemeente).order_by("naam"))


@dataclass(frozen=True)
class Mijlpaaloordeel:
    """The stored verdict and probability of one milestone of a basis snapshot."""

    gemeente_id: int
    snapshot_id: int
    datum: date
    doel: int
    status: str
    reden: str
    kans: float | None


def mijlpaaloordelen(gemeente_ids: Iterable[int] | None = None) -> list[Mijlpaaloordeel]:
    """Per milestone, the verdict (``mijlpalen[].oordeel``) and probability stored in the current
    basis snapshot of these gemeenten (None: all), in one query, read from the stored JSON
    without rebuilding the whole forecast: the notifications compare them after every
    recompute. A snapshot of before the verdict has none (the nightly run renews it)."""
    rijen = Snapshot.objects.filter(scenario=None, actueel=True)
    if gemeente_ids is not None:
        rijen = rijen.filter(gemeente_id__in=list(gemeente_ids))
    uitkomst = []
    for g, pk, resultaat in rijen.values_list("gemeente_id", "pk", "resultaat"):
        for m in resultaat.get("mijlpalen", ()):
            oordeel = m.get("oordeel")
            if not oordeel:
                continue
            uitkomst.append(
                Mijlpaaloordeel(
                    g,
                    pk,
                    date.fromisoformat(m["datum"]),
                    m["doel"],
                    oordeel["status"],
                    oordeel["reden"],
                    (m.get("kans") or {}).get("waarde"),
                )
            )
    return uitkomst


@dataclass(frozen=True)
class Snapshotsignaal:
    """A consistency flag (R11) stored in a current basis snapshot."""

    gemeente_id: int
    soort: str
    ernst: str
    tekst: str
    maand: str | None


def snapshotsignalen(
    soort: str, gemeente_ids: Iterable[int] | None = None
) -> list[Snapshotsignaal]:
    """The flags of one kind (``har``, ``amv``, ...) in the current basis snapshots, one query,
    read from the stored JSON."""
    rijen = Snapshot.objects.filter(scenario=None, actueel=True)
    if gemeente_ids is not None:
        rijen = rijen.filter(gemeente_id__in=list(gemeente_ids))
    return [
        Snapshotsignaal(g, s["soort"], s["ernst"], s["tekst"], s.get("maand"))
        for g, resultaat in rijen.values_list("gemeente_id", "resultaat")
        for s in resultaat.get("signalen", ())
        if s.get("soort") == soort
    ]
