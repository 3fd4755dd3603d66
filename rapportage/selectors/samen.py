"""Several small reads of one gemeente in one query each (issue 13: at most 12 queries per
dashboard, also on the first request after a change).

The gemeente dashboard needs a dozen short lists of one gemeente (realisation rows and the
entered months; quota, revisions, opening saldo, milestones and IBT statuses; working areas,
supply and agreements). Each was its own round trip. Here each group is one ``UNION ALL``
over the tables, with a first column that says which table a row comes from: the same rows,
the same indexes, one round trip. Plain SQL that PostgreSQL and SQLite both run; dates come
back as text from SQLite (``_datum``). What the rows mean stays with the selectors that
used to read them (``taakstelling.selectors``, ``rapportage.selectors``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from django.db import connection

from bemiddeling.models import Aanbod, Verdeelafspraak
from kern import regels
from kern.perioden import Halfjaar, Maand
from organisaties.models import Corporatie, Werkgebied
from taakstelling.models import (
    Bijstelling,
    IbtStatus,
    Maandrapportage,
    Mijlpaal,
    Openingssaldo,
    Realisatie,
    Taakstelling,
    Trede,
)
from taakstelling.selectors import Bijstellingregel, Taakstellingregel


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _datum(waarde) -> date | None:
    if isinstance(waarde, datetime):
        return waarde.date()
    if isinstance(waarde, str):
        return date.fromisoformat(waarde[:10])
    return waarde


# Typed NULLs: PostgreSQL resolves the type of a UNION column branch by branch, and an untyped
# NULL in the first two branches would make a date column text.
_I, _J, _D, _T, _TS = (
    f"CAST(NULL AS {soort})"
    for soort in ("integer", "boolean", "date", "text", "timestamp with time zone")
)


def _rijen(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- realisation rows and the months entered ----------------------------------------------


@cache
def _realisatie_sql() -> str:
    return (
        "SELECT 1, maand, bron_id, personen_gehuisvest, personen_tellend, woningen, "  # noqa: S608
        f"illustratief FROM {_t(Realisatie)} WHERE gemeente_id = %s "
        f"UNION ALL SELECT 2, maand, {_T}, {_I}, {_I}, {_I}, {_J} FROM {_t(Maandrapportage)} "
        "WHERE gemeente_id = %s"
    )


def realisatie_en_maanden(
    gemeente_id: int,
) -> tuple[list[regels.Realisatieregel], set[Maand], set[Maand]]:
    """(realisation rows as ``taakstelling.selectors.realisatieregels`` reads them, the
    entered months, the months with made-up rows), in one query."""
    rijen, ingevoerd, illustratief = [], set(), set()
    for soort, dag, bron, geh, tel, w, ill in _rijen(_realisatie_sql(), [gemeente_id] * 2):
        m = Maand.van(_datum(dag))
        if soort == 2:
            ingevoerd.add(m)
            continue
        rijen.append(regels.Realisatieregel(m, bron, geh, tel, w))
        if ill:
            illustratief.add(m)
    rijen.sort(key=lambda r: (r.maand, r.bron))
    return rijen, ingevoerd, illustratief


# --- quota, opening saldo, milestones and IBT statuses ------------------------------------


@dataclass(frozen=True)
class Tredestand:
    """A step of the intervention ladder as it stood from ``sinds`` (the dashboard's
    history of steps; ``rapportage.selectors`` shows it as is)."""

    trede: int
    naam: str
    kleur: str
    sinds: date
    reden: str
    verschoonbaar: bool
    verschoonbaar_grond: str


@dataclass(frozen=True)
class Doelen:
    """What the quota and the province set for one gemeente: the inputs of the position."""

    taakstellingen: list[Taakstellingregel]
    opening: tuple[Halfjaar, int] | None
    eigen_mijlpalen: list[regels.Mijlpaal]
    ibt: list[Tredestand]  # newest first

    @property
    def quota(self) -> list[tuple[Halfjaar, int]]:
        return [(t.halfjaar, t.geldend) for t in self.taakstellingen]


@cache
def _doelen_sql() -> str:
    t, b, o, m, s, tr = (
        _t(Taakstelling),
        _t(Bijstelling),
        _t(Openingssaldo),
        _t(Mijlpaal),
        _t(IbtStatus),
        _t(Trede),
    )
    # soort, i1, i2, i3, i4, ja/nee, d1, d2, tijdstip, t1, t2, t3, t4
    return (
        f"SELECT 1, t.jaar, t.helft, t.aantal, b.aantal, t.illustratief, b.datum, {_D}, "  # noqa: S608
        f"{_TS}, b.reden, {_T}, {_T}, {_T} FROM {t} t LEFT JOIN {b} b ON b.taakstelling_id = t.id "
        "WHERE t.gemeente_id = %s "
        f"UNION ALL SELECT 2, jaar, helft, saldo, {_I}, {_J}, {_D}, {_D}, {_TS}, {_T}, {_T}, {_T}, "
        f"{_T} FROM {o} WHERE gemeente_id = %s "
        f"UNION ALL SELECT 3, doel, {_I}, {_I}, {_I}, {_J}, datum, startdatum, {_TS}, gezet_door, "
        f"omschrijving, {_T}, {_T} FROM {m} WHERE gemeente_id = %s "
        f"UNION ALL SELECT 4, tr.nummer, {_I}, {_I}, {_I}, s.verschoonbaar, s.sinds, {_D}, "
        "s.vastgesteld_op, tr.naam, tr.kleur, s.reden, s.verschoonbaar_grond "
        f"FROM {s} s INNER JOIN {tr} tr ON tr.id = s.trede_id WHERE s.gemeente_id = %s"
    )


def doelen(gemeente_id: int) -> Doelen:
    """Quota with revisions, opening saldo, own milestones and IBT history, in one query."""
    quota: dict[Halfjaar, tuple[int, bool, list[Bijstellingregel]]] = {}
    opening = None
    mijlpalen, ibt = [], []
    for soort, i1, i2, i3, i4, ja, d1, d2, ts, t1, t2, t3, t4 in _rijen(
        _doelen_sql(), [gemeente_id] * 4
    ):
        if soort == 1:
            _, _, herzien = quota.setdefault(Halfjaar(i1, i2), (i3, bool(ja), []))
            if d1 is not None:
                herzien.append(Bijstellingregel(_datum(d1), i4, t1))
        elif soort == 2:
            opening = (Halfjaar(i1, i2), i3)
        elif soort == 3:
            mijlpalen.append(regels.Mijlpaal(_datum(d1), i1, _datum(d2), t1, t2))
        else:
            stand = Tredestand(i1, t1, t2, _datum(d1), t3, bool(ja), t4)
            ibt.append(((_datum(d1), str(ts)), stand))
    return Doelen(
        [
            Taakstellingregel(h, aantal, tuple(sorted(her, key=lambda x: x.datum)), ill)
            for h, (aantal, ill, her) in sorted(quota.items())
        ],
        opening,
        sorted(mijlpalen, key=lambda m: m.datum),
        [rij for _, rij in sorted(ibt, key=lambda x: x[0], reverse=True)],
    )


# --- supply: the corporaties working here, their supply, the agreed shares ----------------


@dataclass(frozen=True)
class Aanbodinvoer:
    corporaties: dict[int, tuple[str, str]]  # working in the gemeente: (naam, slug)
    rijen: list[tuple]  # as ``aanbod_per_corporatie`` read them from Aanbod
    afspraken: list[tuple]  # (corporatie_id, soort, teller, noemer, vanaf, tot)


@cache
def _aanbod_sql() -> str:
    w, c, a, v = _t(Werkgebied), _t(Corporatie), _t(Aanbod), _t(Verdeelafspraak)
    # soort, corporatie, naam, slug, maand/vanaf, tot, i1, i2, i3, ja/nee, tekst
    return (
        f"SELECT 1, c.id, c.naam, c.slug, {_D}, {_D}, {_I}, {_I}, {_I}, {_J}, {_T} "  # noqa: S608
        f"FROM {w} w INNER JOIN {c} c ON c.id = w.corporatie_id WHERE w.gemeente_id = %s "
        f"UNION ALL SELECT 2, a.corporatie_id, c.naam, c.slug, a.maand, {_D}, a.mutaties, "
        f"a.toegewezen_urgenten, a.toegewezen_vh, a.illustratief, {_T} "
        f"FROM {a} a INNER JOIN {c} c ON c.id = a.corporatie_id "
        "WHERE a.gemeente_id = %s AND a.maand >= %s AND a.maand <= %s "
        f"UNION ALL SELECT 3, corporatie_id, {_T}, {_T}, geldig_vanaf, geldig_tot, teller, noemer, "
        f"{_I}, {_J}, soort FROM {v} WHERE gemeente_id = %s"
    )


def aanbodinvoer(gemeente_id: int, van: Maand, tot: Maand) -> Aanbodinvoer:
    corporaties, rijen, afspraken = {}, [], []
    for soort, c, naam, slug, d1, d2, i1, i2, i3, ja, tekst in _rijen(
        _aanbod_sql(), [gemeente_id, gemeente_id, van.eerste_dag, tot.eerste_dag, gemeente_id]
    ):
        if soort == 1:
            corporaties[c] = (naam, slug)
        elif soort == 2:
            rijen.append((c, naam, slug, _datum(d1), i1, i2, i3, bool(ja)))
        else:
            afspraken.append((c, tekst, i1, i2, _datum(d1), _datum(d2)))
    rijen.sort(key=lambda r: (r[3], r[1]))
    return Aanbodinvoer(corporaties, rijen, afspraken)
