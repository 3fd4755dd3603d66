"""Reads of a gemeente's figures as plain rule inputs, in a fixed number of queries.

Callers pass a Gemeente they got from ``organisaties.toegang`` (so it is already scoped to
what the user may see).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from kern import regels
from kern.perioden import Halfjaar, Maand
from organisaties.models import Gemeente
from taakstelling.models import (
    Bijstelling,
    IbtStatus,
    Maandrapportage,
    Mijlpaal,
    Openingssaldo,
    Realisatie,
    Taakstelling,
    Telregel,
)


def realisatieregels(gemeente: Gemeente) -> list[regels.Realisatieregel]:
    rows = Realisatie.objects.filter(gemeente=gemeente).values_list(
        "maand", "bron_id", "personen_gehuisvest", "personen_tellend", "woningen"
    )
    return [regels.Realisatieregel(Maand.van(m), b, g, t, w) for m, b, g, t, w in rows]


def ingevoerde_maanden(gemeente: Gemeente) -> set[Maand]:
    return {
        Maand.van(m)
        for m in Maandrapportage.objects.filter(gemeente=gemeente).values_list("maand", flat=True)
    }


def taakstellingen(gemeente: Gemeente) -> list[tuple[Halfjaar, int]]:
    """Each half-year's quota with its latest revision applied (R2)."""
    herzien: dict[int, list[tuple]] = {}
    for t_id, datum, aantal in Bijstelling.objects.filter(gemeente=gemeente).values_list(
        "taakstelling_id", "datum", "aantal"
    ):
        herzien.setdefault(t_id, []).append((datum, aantal))
    return [
        (Halfjaar(jaar, helft), regels.geldende_taakstelling(aantal, herzien.get(pk, [])))
        for pk, jaar, helft, aantal in Taakstelling.objects.filter(gemeente=gemeente)
        .order_by("jaar", "helft")
        .values_list("pk", "jaar", "helft", "aantal")
    ]


@dataclass(frozen=True)
class Bijstellingregel:
    datum: date
    aantal: int
    reden: str


@dataclass(frozen=True)
class Taakstellingregel:
    """One half-year's quota as entered, with its revisions by date (at most one a day)."""

    halfjaar: Halfjaar
    oorspronkelijk: int
    bijstellingen: tuple[Bijstellingregel, ...]
    illustratief: bool

    @property
    def geldend(self) -> int:
        """The quota with its latest revision applied (R2)."""
        return regels.geldende_taakstelling(
            self.oorspronkelijk, [(b.datum, b.aantal) for b in self.bijstellingen]
        )


def taakstellingregels(gemeente: Gemeente) -> list[Taakstellingregel]:
    """Every half-year's quota by period, each with its revisions, in two queries."""
    herzien: dict[int, list[Bijstellingregel]] = {}
    for t_id, datum, aantal, reden in (
        Bijstelling.objects.filter(gemeente=gemeente)
        .order_by("datum")
        .values_list("taakstelling_id", "datum", "aantal", "reden")
    ):
        herzien.setdefault(t_id, []).append(Bijstellingregel(datum, aantal, reden))
    return [
        Taakstellingregel(Halfjaar(jaar, helft), aantal, tuple(herzien.get(pk, ())), illustratief)
        for pk, jaar, helft, aantal, illustratief in Taakstelling.objects.filter(gemeente=gemeente)
        .order_by("jaar", "helft")
        .values_list("pk", "jaar", "helft", "aantal", "illustratief")
    ]


@dataclass(frozen=True)
class Realisatierij:
    """One realisation row as entered: persons and dwellings are separate quantities."""

    maand: Maand
    bron: str
    corporatie: str | None  # the corporatie's slug, for `regulier`
    personen_gehuisvest: int
    personen_tellend: int
    woningen: int
    illustratief: bool


def realisatierijen(
    gemeente: Gemeente, van: Maand | None = None, tot: Maand | None = None
) -> list[Realisatierij]:
    """The realisation rows of [van, tot] (open ends: all), by month, source and corporatie
    name, in one query."""
    rijen = Realisatie.objects.filter(gemeente=gemeente)
    if van is not None:
        rijen = rijen.filter(maand__gte=van.eerste_dag)
    if tot is not None:
        rijen = rijen.filter(maand__lte=tot.eerste_dag)
    return [
        Realisatierij(Maand.van(m), *rest)
        for m, *rest in rijen.order_by("maand", "bron__volgorde", "corporatie__naam").values_list(
            "maand",
            "bron_id",
            "corporatie__slug",
            "personen_gehuisvest",
            "personen_tellend",
            "woningen",
            "illustratief",
        )
    ]


def openingssaldo(gemeente: Gemeente) -> tuple[Halfjaar, int] | None:
    row = Openingssaldo.objects.filter(gemeente=gemeente).values_list("jaar", "helft", "saldo")
    row = row.first()
    return None if row is None else (Halfjaar(row[0], row[1]), row[2])


@dataclass(frozen=True)
class Saldoinvoer:
    """Everything the saldo per half-year (R3) needs of one gemeente, read once: five
    queries, shared by the month page (its saldo and its missing months) and the
    taakstelling page."""

    rijen: list[regels.Realisatieregel]
    ingevoerd: set[Maand]
    quota: list[tuple[Halfjaar, int]]
    opening_rij: Openingssaldo | None

    @property
    def opening(self) -> tuple[Halfjaar, int] | None:
        r = self.opening_rij
        return None if r is None else (Halfjaar(r.jaar, r.helft), r.saldo)


def saldo_invoer(gemeente: Gemeente) -> Saldoinvoer:
    return Saldoinvoer(
        realisatieregels(gemeente),
        ingevoerde_maanden(gemeente),
        taakstellingen(gemeente),
        Openingssaldo.objects.filter(gemeente=gemeente).select_related("brondocument").first(),
    )


def ibt_historie(gemeente: Gemeente) -> QuerySet[IbtStatus]:
    """The IBT statuses of a gemeente, newest first: the first one is the current status."""
    return (
        IbtStatus.objects.filter(gemeente=gemeente)
        .select_related("trede", "vastgesteld_door", "brondocument")
        .order_by("-sinds", "-vastgesteld_op", "-pk")
    )


def eigen_mijlpalen(gemeente: Gemeente) -> list[regels.Mijlpaal]:
    return [
        regels.Mijlpaal(datum, doel, start, gezet_door, omschrijving)
        for datum, doel, start, gezet_door, omschrijving in Mijlpaal.objects.filter(
            gemeente=gemeente
        ).values_list("datum", "doel", "startdatum", "gezet_door", "omschrijving")
    ]


def geldende_mijlpalen(
    gemeente: Gemeente,
    quota: Iterable[tuple[Halfjaar, int]] | None = None,
    opening: tuple[Halfjaar, int] | None = None,
) -> list[regels.Mijlpaal]:
    """Legal half-year ends, replaced where the province set its own milestones (R5)."""
    quota = taakstellingen(gemeente) if quota is None else list(quota)
    if opening is None:
        opening = openingssaldo(gemeente)
    begin = opening[1] if opening and quota and opening[0] == quota[0][0] else 0
    return regels.geldende_mijlpalen(
        regels.standaard_mijlpalen(quota, begin), eigen_mijlpalen(gemeente)
    )


def telregels() -> list[regels.Telregel]:
    return [
        regels.Telregel(b, telt, woning, prov, vanaf, tot)
        for b, telt, woning, prov, vanaf, tot in Telregel.objects.values_list(
            "bron_id",
            "telt_mee",
            "bron__gebruikt_woning",
            "provincie_id",
            "geldig_vanaf",
            "geldig_tot",
        )
    ]


def standaard_peildatum(gemeente: Gemeente, vandaag: date | None = None) -> date:
    """The day after the last entered month, never later than today.

    A gemeente that keeps its figures up to date sees the first of this month (the demo too:
    demo/heden.py); the demo loaded as its 2023 story only (the tests' world), whose figures
    stop in April 2023, opens on 1 May 2023 as seed 000 does.
    """
    vandaag = vandaag or timezone.localdate()
    laatste = (
        Maandrapportage.objects.filter(gemeente=gemeente, maand__lte=vandaag)
        .order_by("-maand")
        .values_list("maand", flat=True)
        .first()
    )
    return peildatum_na(laatste, vandaag)


def peildatum_na(laatste: date | None, vandaag: date) -> date:
    """The default peildatum after ``laatste``, the newest entered month (first day) on or
    before today: the day after that month, never later than today."""
    if laatste is None:
        return vandaag
    return min(vandaag, Maand.van(laatste).plus(1).eerste_dag)
