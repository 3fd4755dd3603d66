"""The meeting pack as sections of typed columns: what the XLSX, the CSV and the PDF share.

Each cell is the exact value (int, Fraction, Decimal, date, text) or None for missing; the
formats round only when they show it (R7). Units are in the column headers: persons and
dwellings are always labelled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from kern import opmaak
from prognose.rekenen.signalen import soortnaam
from rapportage.frames import PM

TEKST, GETAL, DECIMAAL, PROCENT, DATUM, MOMENT = (
    "tekst",
    "getal",
    "decimaal",
    "procent",
    "datum",
    "moment",
)


@dataclass
class Sectie:
    sleutel: str  # machine name, the CSV's 'sectie'
    titel: str  # Dutch, the XLSX sheet name (at most 31 characters)
    kolommen: list[tuple[str, str]]  # (header with unit, kind)
    rijen: list[list] = field(default_factory=list)
    noten: list[str] = field(default_factory=list)


@dataclass
class Pakket:
    gemeente: str
    cbs_code: str
    datum: date
    peildatum: date
    illustratief: bool
    secties: list[Sectie]

    @property
    def bestandsnaam(self) -> str:
        return f"overleg-{self.cbs_code}-{self.datum.isoformat()}"


def tekst(x, soort: str) -> str:
    """Dutch display text of a cell (the PDF)."""
    if x is None:
        return "–"
    if x == PM:
        return PM
    if soort == GETAL:
        return opmaak.getal(x)
    if soort == DECIMAAL:
        return opmaak.getal(x, 1)
    if soort == PROCENT:
        return opmaak.procent(x)
    if soort == DATUM:
        return opmaak.datum(x)
    if soort == MOMENT and isinstance(x, datetime):
        return f"{opmaak.datum(x)} {x:%H:%M}"
    return str(x)


def bouw(ctx: dict) -> Pakket:
    """The pack from the meeting view's context (``rapportage.views.overleg.context``)."""
    g = ctx["gegevens"]
    s = g.positie.stand
    p = ctx["prognose"]
    secties = []

    stand = Sectie("stand", "Stand", [("Onderwerp", TEKST), ("Waarde", TEKST), ("Eenheid", TEKST)])
    trede = g.trede
    stand.rijen = [
        ["Gemeente", g.gemeente.naam, ""],
        ["Datum overleg", ctx["datum"], ""],
        ["Peildatum", ctx["peildatum"], ""],
        ["Cijfers tot en met", s.tot_en_met.naam, ""],
        ["Gehuisvest", s.totalen.personen_gehuisvest, "personen"],
        ["Tellend voor de taakstelling", s.totalen.personen_tellend, "personen"],
        ["Gebruikte woningen", s.totalen.woningen, "woningen"],
        [
            "Gerealiseerde bezetting",
            None if s.totalen.bezetting is None else s.totalen.bezetting,
            "personen per woning",
        ],
        ["Bezetting voor de planning", g.positie.bezetting, "personen per woning"],
        [
            "IBT-trede",
            "–"
            if trede is None
            else f"trede {trede.trede}: {trede.naam} ({trede.kleur}) sinds "
            f"{opmaak.datum(trede.sinds)}",
            "",
        ],
        [
            "Ontbrekende maanden",
            ", ".join(m.naam for m in s.ontbrekende_maanden) or "geen",
            "",
        ],
    ]
    if g.gemeente.illustratief:
        stand.noten.append("De cijfers van deze gemeente zijn illustratief (verzonnen demo).")
    if g.illustratieve_maanden:
        stand.noten.append(
            "Illustratief (verzonnen verdeling per maand): "
            + ", ".join(m.naam for m in sorted(g.illustratieve_maanden))
            + "."
        )
    secties.append(stand)

    mp = Sectie(
        "mijlpalen",
        "Mijlpalen en prognose",
        [
            ("Mijlpaal", DATUM),
            ("Doel (personen)", GETAL),
            ("Geteld (personen)", GETAL),
            ("Nog te huisvesten (personen)", GETAL),
            ("Benodigde woningen", GETAL),
            ("Prognose plan (personen)", DECIMAAL),
            ("Prognose trend (personen)", DECIMAAL),
            ("Prognose capaciteit (personen)", DECIMAAL),
            ("Kans", PROCENT),
            ("P10 (personen)", GETAL),
            ("P90 (personen)", GETAL),
            ("Oordeel", TEKST),
            ("Toelichting", TEKST),
        ],
    )
    for ms, m in ctx["mijlpalen"]:
        mp.rijen.append(
            [
                ms.mijlpaal.datum,
                ms.mijlpaal.doel,
                ms.gerealiseerd,
                ms.resterend,
                ms.benodigde_woningen,
                None if m is None else m.plan.personen,
                None if m is None else m.trend.personen,
                None if m is None else m.capaciteit.personen,
                None if m is None else m.kans.waarde,
                None if m is None else m.kans.p10,
                None if m is None else m.kans.p90,
                None if m is None else m.oordeel.status,
                None if m is None else m.oordeel.reden,
            ]
        )
    mp.noten.append(
        "Prognoses zijn exact berekend; in de PDF afgerond op één decimaal, in Excel exact."
    )
    secties.append(mp)

    tabel = ctx["maandtabel"]
    if tabel is not None:
        mt = Sectie(
            "maandtabel",
            "Maandtabel",
            [("Actie of totaal", TEKST), ("Eenheid", TEKST)]
            + [(k, GETAL) for k in tabel.frame.columns],
        )
        for label in tabel.frame.index:
            mt.rijen.append([label, tabel.eenheden[label], *[x for x in tabel.frame.loc[label]]])
        mt.noten = list(tabel.noten)
        secties.append(mt)

    ac = Sectie(
        "acties",
        "Acties",
        [
            ("Actie", TEKST),
            ("Eigenaar", TEKST),
            ("Status", TEKST),
            ("Gepland tot de peildatum (woningen)", GETAL),
            ("Gepland in het hele plan (woningen)", GETAL),
            ("Toelichting", TEKST),
        ],
    )
    for r in ctx["acties"]:
        ac.rijen.append(
            [
                r["actie"],
                r["eigenaar"],
                r["status"],
                r["gepland_tot_nu"],
                r["gepland_totaal"],
                r["toelichting"],
            ]
        )
    for b in ctx["per_bron"]:
        ac.noten.append(
            f"Bron {b['naam']} ({b['acties']}): gepland {tekst(b['gepland_woningen'], GETAL)}"
            f" woningen, gerealiseerd {tekst(b['woningen'], GETAL)} woningen en "
            f"{tekst(b['personen_tellend'], GETAL)} personen (tellend)."
        )
    secties.append(ac)

    sg = Sectie(
        "signalen",
        "Signalen",
        [("Ernst", TEKST), ("Soort", TEKST), ("Maand", TEKST), ("Signaal", TEKST)],
    )
    for x in p.signalen:
        sg.rijen.append(
            [x.ernst, soortnaam(x.soort), None if x.maand is None else x.maand.naam, x.tekst]
        )
    secties.append(sg)

    vg = Sectie(
        "vergelijking",
        "Sinds vorig overleg",
        [
            ("Mijlpaal", DATUM),
            ("Doel (personen)", GETAL),
            ("Geteld toen (personen)", GETAL),
            ("Geteld nu (personen)", GETAL),
            ("Prognose plan toen (personen)", DECIMAAL),
            ("Prognose plan nu (personen)", DECIMAAL),
            ("Kans toen", PROCENT),
            ("Kans nu", PROCENT),
            ("Oordeel toen", TEKST),
            ("Oordeel nu", TEKST),
        ],
    )
    for r in ctx["vergelijking"]:
        vg.rijen.append(
            [
                r["datum"],
                r["doel"],
                r["gerealiseerd_dan"],
                r["gerealiseerd_nu"],
                r["plan_dan"],
                r["plan_nu"],
                r["kans_dan"],
                r["kans_nu"],
                r["status_dan"],
                r["status_nu"],
            ]
        )
    vorig = ctx["vorig_overleg"]
    vg.noten.append(
        f"Vergeleken met het overleg van {opmaak.datum(vorig.datum)}."
        if vorig
        else "Er is geen eerder overleg vastgelegd."
    )
    secties.append(vg)

    wz = Sectie(
        "wijzigingen",
        "Wijzigingen",
        [
            ("Wanneer", MOMENT),
            ("Wie", TEKST),
            ("Soort", TEKST),
            ("Wat", TEKST),
            ("Oud → nieuw", TEKST),
            ("Reden", TEKST),
        ],
    )
    for w in ctx["wijzigingen"].regels:
        wz.rijen.append(
            [
                w.wanneer,
                w.wie,
                w.soort,
                w.wat,
                "; ".join(f"{v.veld}: {v.oud} → {v.nieuw}" for v in w.velden),
                w.reden,
            ]
        )
    if ctx["wijzigingen"].afgekapt:
        wz.noten.append(
            f"De nieuwste {len(ctx['wijzigingen'].regels)} van "
            f"{ctx['wijzigingen'].aantal} wijzigingen; de rest staat op de wijzigingenpagina."
        )
    secties.append(wz)

    bs = Sectie(
        "besluiten",
        "Besluiten",
        [
            ("Datum overleg", DATUM),
            ("Besluit", TEKST),
            ("Eigenaar", TEKST),
            ("Deadline", DATUM),
            ("Vastgelegd door", TEKST),
            ("Vastgelegd op", MOMENT),
        ],
    )
    for b in ctx["besluiten"]:
        bs.rijen.append(
            [
                ctx["datum"],
                b.tekst,
                b.eigenaar,
                b.deadline,
                b.vastgelegd_door_naam,
                timezone_lokaal(b.vastgelegd_op),
            ]
        )
    secties.append(bs)
    return Pakket(
        g.gemeente.naam,
        g.gemeente.cbs_code,
        ctx["datum"],
        ctx["peildatum"],
        g.gemeente.illustratief,
        secties,
    )


def timezone_lokaal(moment: datetime | None) -> datetime | None:
    """Local wall-clock time without tzinfo (spreadsheets cannot store time zones)."""
    if moment is None:
        return None
    from django.utils import timezone

    return timezone.localtime(moment).replace(tzinfo=None)
