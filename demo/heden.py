"""The demo lives today: illustrative months up to the last complete month.

The seeds stop early (Almere in April 2023, Steenwijkerland in September 2024, the other
Flevoland gemeenten in April 2023). Loaded on any later date, the demo continues each gemeente
from the month after its story up to the last complete month before ``vandaag`` (computed when
the demo is loaded), so ``make run`` opens on a believable present: monthly realisation, supply
of the corporaties, koppelingen, a quota per half-year up to the current one (the backlog
carries over by the rules, R3) and an action plan per year. Everything here is made up and
stored with ``illustratief=True`` (or says so in ``bron`` and its name), like the demo's other
made-up figures. The seed months themselves are never touched.

The figures are a fixed function of gemeente and month (no clock, no shared random state), so
loading again, or a month later, gives the same figures for the months already there and
writes nothing for them.

One gap is deliberate: Noordoostpolder has not yet entered the last complete month, so the
province's dashboard shows what a missing month looks like (missing is not zero, R11).
"""

import math
import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from bemiddeling.models import Aanbod, Actie, Actieplan, ActieType, Planning
from kern.perioden import Halfjaar, Maand, maanden
from kern.regels import taakstelling_art29
from organisaties.models import Corporatie, Gemeente
from taakstelling.models import Koppeling, Maandrapportage, Realisatie, Taakstelling

ILL = "illustratief (demo tot vandaag)"

# An illustrative national number per half-year, divided by inhabitants as art. 29 does; the
# last one holds for later half-years. Not the Rijk's figures.
LANDELIJK = {
    Halfjaar(2024, 1): 20_000,
    Halfjaar(2024, 2): 22_000,
    Halfjaar(2025, 1): 17_000,
    Halfjaar(2025, 2): 16_000,
    Halfjaar(2026, 1): 16_500,
}
INWONERS_NL = 17_590_672  # CBS 1-1-2022


def landelijk(h: Halfjaar) -> int:
    return LANDELIJK.get(h) or LANDELIJK[max(LANDELIJK, key=lambda k: (k.jaar, k.helft))]


@dataclass(frozen=True)
class Verloop:
    """How one gemeente goes on after its story."""

    cbs: str
    eerste_maand: Maand  # the first month after the story
    eerste_halfjaar: Halfjaar  # the first half-year without a quota in the story
    tempo: float  # realised persons / the quota's monthly pace
    corporaties: tuple[tuple[str, int], ...]  # (slug, mutaties a month); () = no supply rows
    aandeel_urgenten: float  # of the mutaties, for the supply rows
    flex_vanaf: Maand | None  # flexwoningen delivered from this month on
    kamerverhuur: int  # persons a month by kamerverhuur (Steenwijkerland, addendum b)
    bezetting: Decimal  # the plans' bezetting
    koppelfactor: float  # koppelingen / quota pace
    laat: bool = False  # the last complete month not yet entered (the one deliberate gap)
    inhalen: Maand | None = None  # a story month left open, entered late (when not the last)


VERLOOP = [
    # Almere catches up slowly after the plan of 2023, under active supervision.
    Verloop(
        "GM0034",
        Maand(2023, 5),
        Halfjaar(2024, 1),
        0.95,
        (("goedestede", 33), ("ymere", 32), ("de-alliantie", 25)),
        0.35,
        Maand(2024, 3),
        0,
        Decimal("2.2"),
        1.1,
    ),
    Verloop("GM0995", Maand(2023, 5), Halfjaar(2024, 1), 0.9, (), 0, None, 0, Decimal("2.0"), 1.1),
    Verloop("GM0303", Maand(2023, 5), Halfjaar(2024, 1), 1.05, (), 0, None, 0, Decimal("2.0"), 1.0),
    # Noordoostpolder enters late: April 2023 is missing in the 2023 story, entered later; in
    # the present the last complete month is still missing.
    Verloop(
        "GM0171",
        Maand(2023, 5),
        Halfjaar(2024, 1),
        0.85,
        (),
        0,
        None,
        0,
        Decimal("2.0"),
        1.0,
        laat=True,
        inhalen=Maand(2023, 4),
    ),
    Verloop("GM0184", Maand(2023, 5), Halfjaar(2024, 1), 0.7, (), 0, None, 0, Decimal("2.0"), 0.6),
    Verloop("GM0050", Maand(2023, 5), Halfjaar(2024, 1), 1.0, (), 0, None, 0, Decimal("2.0"), 1.0),
    # Steenwijkerland after the 25% cap (seed 002): ahead of pace in 2025, then level.
    Verloop(
        "GM1708",
        Maand(2024, 10),
        Halfjaar(2025, 1),
        1.0,
        (("woonconcept", 25), ("wetland-wonen", 12)),
        0.40,
        Maand(2025, 9),
        3,
        Decimal("2.0"),
        1.0,
    ),
]


def laatste_complete_maand(vandaag: date) -> Maand:
    return Maand.van(vandaag).plus(-1)


def _kans(cbs: str, maand: Maand) -> random.Random:
    """The same gemeente and month always draw the same numbers."""
    return random.Random(f"{cbs}:{maand}")  # noqa: S311 - illustrative figures, not secrets


def _quotum(gemeente: Gemeente, h: Halfjaar, quota: dict[Halfjaar, int]) -> int:
    if h in quota:
        return quota[h]
    return taakstelling_art29(landelijk(h), gemeente.inwoners or 0, INWONERS_NL)


def leef_tot(vandaag: date, zet) -> None:
    """Continue every demo gemeente up to the last complete month before ``vandaag``.

    ``zet`` is the demo's write-when-different function (``demo.laden._zet``)."""
    laatste = laatste_complete_maand(vandaag)
    corporaties = {c.slug: c for c in Corporatie.objects.all()}
    for v in VERLOOP:
        gemeente = Gemeente.objects.get(cbs_code=v.cbs)
        quota = {
            Halfjaar(t.jaar, t.helft): t.aantal
            for t in Taakstelling.objects.filter(gemeente=gemeente)
        }
        # Quota up to the current half-year (of the last complete month: its quota is known).
        h = v.eerste_halfjaar
        while (h.jaar, h.helft) <= (laatste.halfjaar.jaar, laatste.halfjaar.helft):
            aantal = _quotum(gemeente, h, quota)
            quota[h] = aantal
            zet(
                Taakstelling,
                {"gemeente": gemeente, "jaar": h.jaar, "helft": h.helft},
                {
                    "aantal": aantal,
                    "illustratief": True,
                    "bron": f"{ILL}: landelijk {landelijk(h):_} naar inwoners (art. 29)".replace(
                        "_", "."
                    ),
                },
            )
            h = h.plus(1)
        if v.eerste_maand > laatste and (v.inhalen is None or v.inhalen >= laatste):
            continue  # the story reaches the last complete month: nothing to add
        _maanden(gemeente, v, laatste, quota, corporaties, zet)
        _plannen(gemeente, v, laatste, quota, zet)


def _tempo(gemeente: Gemeente, m: Maand, quota: dict[Halfjaar, int]) -> float:
    """The quota's pace in persons a month (the quota of the month's half-year / 6)."""
    return _quotum(gemeente, m.halfjaar, quota) / 6


def _maanden(gemeente, v: Verloop, laatste: Maand, quota, corporaties, zet) -> None:
    koppelingen, rapportages, realisaties, aanbod = [], [], [], []
    inhalen = [v.inhalen] if v.inhalen is not None else []
    for m in inhalen + maanden(v.eerste_maand, laatste):
        r = _kans(v.cbs, m)
        tempo = _tempo(gemeente, m, quota)
        gekoppeld = max(0, round(tempo * v.koppelfactor * r.uniform(0.8, 1.2)))
        if m >= v.eerste_maand:  # the story's months keep their koppelingen
            koppelingen.append(
                {"gemeente_id": gemeente.pk, "maand": m.eerste_dag, "personen": gekoppeld}
            )
        if v.laat and m == laatste:
            continue
        personen = max(0, round(tempo * v.tempo * r.uniform(0.75, 1.25)))
        rijen: list[tuple[str, str | None, int, int]] = []  # bron, corporatie, personen, woningen
        if v.flex_vanaf is not None and m >= v.flex_vanaf:
            flex = min(personen, round(personen * r.uniform(0.1, 0.2)))
            if flex:
                rijen.append(("flexwoning", None, flex, max(1, round(flex / 2))))
                personen -= flex
        if v.kamerverhuur:
            kamer = min(personen, v.kamerverhuur)
            if kamer:
                rijen.append(("kamerverhuur", None, kamer, 1))
                personen -= kamer
        for slug, p in _verdeel(personen, v.corporaties or (("flevowonen", 1),)):
            if p:
                rijen.append(("regulier", slug, p, max(1, round(p / 2))))
        rapportages.append({"gemeente_id": gemeente.pk, "maand": m.eerste_dag})
        for bron, slug, p, woningen in rijen:
            realisaties.append(
                {
                    "gemeente_id": gemeente.pk,
                    "maand": m.eerste_dag,
                    "bron_id": bron,
                    "corporatie_id": corporaties[slug].pk if slug else None,
                    "personen_gehuisvest": p,
                    "personen_tellend": p,
                    "woningen": woningen,
                }
            )
        vh = {slug: w for bron, slug, _, w in rijen if bron == "regulier"}
        for slug, mutaties in v.corporaties:
            n = max(1, round(mutaties * r.uniform(0.85, 1.15)))
            label, huur, grootte = n // 5, n // 5, n // 10
            toegewezen_vh = vh.get(slug, 0)
            urgenten = max(round(n * v.aandeel_urgenten), toegewezen_vh)
            if toegewezen_vh > n - label - huur - grootte:  # a busy month: fewer written off
                label = huur = grootte = 0
            aanbod.append(
                {
                    "corporatie_id": corporaties[slug].pk,
                    "gemeente_id": gemeente.pk,
                    "maand": m.eerste_dag,
                    "mutaties": max(n, urgenten),
                    "ongeschikt_label": label,
                    "ongeschikt_huur": huur,
                    "ongeschikt_grootte": grootte,
                    "toegewezen_urgenten": urgenten,
                    "toegewezen_vh": toegewezen_vh,
                }
            )
    van = (inhalen or [v.eerste_maand])[0].eerste_dag
    ill = {"illustratief": True}
    schrijf(
        Koppeling,
        ("gemeente_id", "maand"),
        koppelingen,
        ill,
        gemeente_id=gemeente.pk,
        maand__gte=van,
    )
    schrijf(
        Maandrapportage,
        ("gemeente_id", "maand"),
        rapportages,
        {},
        gemeente_id=gemeente.pk,
        maand__gte=van,
    )
    schrijf(
        Realisatie,
        ("gemeente_id", "maand", "bron_id", "corporatie_id"),
        realisaties,
        ill,
        gemeente_id=gemeente.pk,
        maand__gte=van,
    )
    schrijf(
        Aanbod,
        ("corporatie_id", "gemeente_id", "maand"),
        aanbod,
        ill,
        gemeente_id=gemeente.pk,
        maand__gte=van,
    )


def schrijf(model, sleutel: tuple[str, ...], rijen: list[dict], vast: dict, **bestaand) -> None:
    """Write rows as ``demo.laden._zet`` does (only what differs, with the demo's reason in
    the history), but new rows in bulk: the living months are most of the demo's rows.
    ``bestaand`` selects the rows already there that these may match."""
    from demo.laden import REDEN  # the demo's one reason; laden imports this module

    er = {tuple(getattr(o, f) for f in sleutel): o for o in model.objects.filter(**bestaand)}
    nieuw = []
    for rij in rijen:
        waarden = {**rij, **vast}
        obj = er.get(tuple(rij[f] for f in sleutel))
        if obj is None:
            nieuw.append(model(**waarden))
            continue
        anders = {k: w for k, w in waarden.items() if getattr(obj, k) != w}
        if anders:
            for k, w in anders.items():
                setattr(obj, k, w)
            if hasattr(obj, "versie"):
                obj.versie += 1
            obj._change_reason = REDEN
            obj.save()
    if nieuw:
        bulk_create_with_history(nieuw, model, batch_size=500, default_change_reason=REDEN)


def _verdeel(personen: int, corporaties) -> list[tuple[str, int]]:
    """Persons over the corporaties by their share of the mutaties; the rest to the first."""
    totaal = sum(n for _, n in corporaties)
    delen = [(slug, personen * n // totaal) for slug, n in corporaties]
    rest = personen - sum(p for _, p in delen)
    return [(slug, p + (rest if i == 0 else 0)) for i, (slug, p) in enumerate(delen)]


def _plannen(gemeente, v: Verloop, laatste: Maand, quota, zet) -> None:
    """An action plan per calendar year after the story, up to the current one: prioritaire
    toewijzing for most of the quota's pace, flexwoningen for some, other verhuurders pm."""
    eerste_jaar = v.eerste_maand.jaar + (1 if v.eerste_maand.nummer > 1 else 0)
    typen = {t.code: t for t in ActieType.objects.all()}
    for jaar in range(eerste_jaar, laatste.jaar + 1):
        plan = zet(
            Actieplan,
            {"gemeente": gemeente, "geldig_vanaf": date(jaar, 1, 1)},
            {
                "naam": f"Plan van aanpak {jaar} (illustratief)",
                "geldig_tot": date(jaar, 12, 31),
                "bezetting": v.bezetting,
                "bron": ILL,
            },
        )
        acties = [
            ("prioritaire_toewijzing", 0.8),
            ("flexwoningen", 0.2),
            ("andere_verhuurders", None),
        ]
        planning = []
        for volgorde, (code, deel) in enumerate(acties, start=1):
            actie = zet(
                Actie,
                {"actieplan": plan, "type": typen[code]},
                {
                    "gemeente": gemeente,
                    "omschrijving": f"{typen[code].naam} (illustratief)",
                    "status": Actie.Status.UITVOERING,
                    "volgorde": volgorde,
                },
            )
            for m in maanden(Maand(jaar, 1), Maand(jaar, 12)):
                woningen = (
                    None
                    if deel is None
                    else math.ceil(Decimal(str(_tempo(gemeente, m, quota) * deel)) / v.bezetting)
                )
                planning.append(
                    {
                        "actie_id": actie.pk,
                        "maand": m.eerste_dag,
                        "gemeente_id": gemeente.pk,
                        "pm": deel is None,
                        "woningen": woningen,
                    }
                )
        schrijf(Planning, ("actie_id", "maand"), planning, {}, actie__actieplan=plan)
