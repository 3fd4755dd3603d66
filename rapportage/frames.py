"""Pandas frames of the dashboards and exports: the second layer (queries -> frames -> charts).

Pure: no Django import. Inputs are the plain values of ``rapportage.selectors`` (read by
attribute), outputs are DataFrames whose cells are exact numbers, ``None`` for missing (never
0) and the text "pm" for pro memorie. Pages, charts, XLSX, CSV and PDF all read the same
frames, so every place shows the same figures; rounding happens only when displayed (R7).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import pandas as pd

from kern import opmaak
from kern.perioden import Halfjaar, Maand, maanden
from prognose.rekenen import oordeel as oordeel_regel
from prognose.rekenen.gegevens import rond

PM = "pm"


def mijlpaalmaand(datum: date) -> Maand:
    """The last month that counts for a milestone (R5): 1 okt 2023 -> september 2023."""
    return Maand.van(datum + timedelta(days=1)).plus(-1)


# --- cumulative realisation against the milestones --------------------------------------------


def cumulatief(realisatie, prognose) -> pd.DataFrame:
    """Per month from the start of the milestones to the last one: counted persons that
    month (None: not entered), cumulative counted so far, the plan forecast carried on from
    the last known month, and at each milestone month its target and the P10-P90 band.

    ``realisatie``: Realisatiemaand-likes (maand, ingevoerd, personen_tellend);
    ``prognose``: a ``gegevens.Prognose``.
    """
    kolommen = [
        "maand",
        "label",
        "tellend",
        "cumulatief",
        "plan",
        "doel",
        "mijlpaal",
        "p10",
        "p90",
    ]
    mijlpalen = list(prognose.mijlpalen)
    if not mijlpalen:
        return pd.DataFrame(columns=kolommen)
    laatste = mijlpalen[-1]
    begin = Maand.van(min(m.startdatum for m in mijlpalen))
    einde = max(mijlpaalmaand(laatste.datum), prognose.tot_en_met)
    per_maand = {r.maand: r for r in realisatie}
    # The plan line follows the last milestone that has a plan forecast, up to that
    # milestone; without any, there is no plan line (a card saying "–" beside a drawn line
    # would give two answers).
    met_plan = [m for m in mijlpalen if m.plan.personen is not None]
    plan = dict(met_plan[-1].plan.per_maand) if met_plan else {}
    plan_tot = mijlpaalmaand(met_plan[-1].datum) if met_plan else None
    rijen = []
    cum = 0
    plan_cum: Fraction | None = None
    for m in maanden(begin, einde):
        r = per_maand.get(m)
        bekend = m <= prognose.tot_en_met
        tellend = r.personen_tellend if (r is not None and r.ingevoerd and bekend) else None
        if tellend is not None:
            cum += tellend
        if plan_tot is None or m > plan_tot:
            plan_cum = None
        elif m == prognose.tot_en_met:
            plan_cum = Fraction(cum)
        elif m > prognose.tot_en_met:
            plan_cum = (plan_cum if plan_cum is not None else Fraction(cum)) + plan.get(m, 0)
        rijen.append(
            {
                "maand": m,
                "label": m.kort,
                "tellend": tellend,
                "cumulatief": cum if bekend else None,
                "plan": plan_cum if m >= prognose.tot_en_met else None,
                "doel": None,
                "mijlpaal": None,
                "p10": None,
                "p90": None,
            }
        )
    df = pd.DataFrame(rijen, columns=kolommen).astype(object)
    for mp in mijlpalen:
        i = df.index[df["maand"] == mijlpaalmaand(mp.datum)]
        if len(i):
            df.loc[i[0], "doel"] = mp.doel
            df.loc[i[0], "mijlpaal"] = opmaak.datum(mp.datum)
            if mp.kans.p10 is not None and mijlpaalmaand(mp.datum) > prognose.tot_en_met:
                df.loc[i[0], "p10"] = mp.kans.p10
                df.loc[i[0], "p90"] = mp.kans.p90
    j = df.index[df["maand"] == prognose.tot_en_met]
    if len(j) and df["p10"].notna().any():
        df.loc[j[0], "p10"] = df.loc[j[0], "cumulatief"]
        df.loc[j[0], "p90"] = df.loc[j[0], "cumulatief"]
    return df.astype(object).where(df.notna(), None)


# --- the month table in the shape of seed 000 ('Verwacht resultaat per maand') ----------------


@dataclass(frozen=True)
class Maandtabel:
    frame: pd.DataFrame  # rows: actions and totals; columns: months, milestone columns, Totaal
    subtotalen: tuple[str, ...]  # names of the milestone and total columns
    eenheden: dict[str, str]  # row label -> unit ("woningen", "personen")
    soort: dict[str, str]  # row label -> "actie" | "plan" | "realisatie" | "verschil"
    noten: tuple[str, ...]  # where rounded parts do not add up (R7)


def _kolomnaam(kolom) -> str:
    if kolom.maand is not None:
        return kolom.maand.kort
    return f"Resultaat per {opmaak.datum(kolom.mijlpaal.datum)}"


def maandtabel(raster, realisatie, tot_en_met: Maand) -> Maandtabel | None:
    """Actions x months of the plan, milestone subtotal columns and a total column, in
    dwellings, with the plan in persons and what was realised (dwellings and counted
    persons) in the months that have figures. ``raster``: ``bemiddeling.selectors.Planraster``.
    """
    if raster is None or not raster.maanden:
        return None
    namen = [_kolomnaam(k) for k in raster.kolommen] + ["Totaal"]
    subtotalen = tuple(n for k, n in zip(raster.kolommen, namen, strict=False) if k.maand is None)
    subtotalen += ("Totaal",)
    per_maand = {r.maand: r for r in realisatie}
    bekend = [m for m in raster.maanden if m <= tot_en_met and m in per_maand]
    bekend = [m for m in bekend if per_maand[m].ingevoerd]

    def bereik(kolom) -> list[Maand]:
        if kolom is None:  # Totaal
            return raster.maanden
        return [m for m in raster.maanden if m.laatste_dag <= kolom.mijlpaal.datum]

    rijen: dict[str, list] = {}
    eenheden: dict[str, str] = {}
    soort: dict[str, str] = {}
    for rij in raster.rijen:
        cellen = []
        for k in raster.kolommen:
            if k.maand is not None:
                c = rij.cellen[k.maand]
                cellen.append(PM if c.pm else c.woningen)
            else:
                cellen.append(_plancel(rij.tussentotalen[k.mijlpaal.datum]))
        cellen.append(_plancel_totaal(rij))
        label = rij.actie.type.naam
        rijen[label] = cellen
        eenheden[label] = "woningen"
        soort[label] = "actie"

    woningen, personen, real_w, real_p, verschil = [], [], [], [], []
    for k in [*raster.kolommen, None]:
        if k is not None and k.maand is not None:
            t = raster.maandtotalen[k.maand]
            woningen.append(t.woningen if t.ingevuld else None)
            personen.append(t.personen_afgerond if t.ingevuld else None)
            ms = [k.maand]
        else:
            t = raster.totaal if k is None else raster.tussentotalen[k.mijlpaal.datum]
            woningen.append(t.totaal.woningen if t.ingevuld else None)
            personen.append(t.afronding.totaal if t.ingevuld and t.afronding else None)
            ms = bereik(k)
        met = [m for m in ms if m in bekend]
        if met:
            w = sum(per_maand[m].woningen for m in met)
            p = sum(per_maand[m].personen_tellend for m in met)
            gepland = sum(
                (raster.maandtotalen[m].personen for m in met if raster.maandtotalen[m].ingevuld),
                start=0,
            )
            real_w.append(w)
            real_p.append(p)
            verschil.append(p - rond(Fraction(gepland)))
        else:
            real_w.append(None)
            real_p.append(None)
            verschil.append(None)
    for label, cellen, eenheid, s in (
        ("Aantal woningen per maand (plan)", woningen, "woningen", "plan"),
        ("Aantal vergunninghouders per maand (plan)", personen, "personen", "plan"),
        ("Gerealiseerd: woningen", real_w, "woningen", "realisatie"),
        ("Gerealiseerd: vergunninghouders (tellend)", real_p, "personen", "realisatie"),
        ("Gerealiseerd min plan (vergunninghouders)", verschil, "personen", "verschil"),
    ):
        rijen[label] = cellen
        eenheden[label] = eenheid
        soort[label] = s
    frame = pd.DataFrame.from_dict(rijen, orient="index", columns=namen).astype(object)
    frame = frame.where(frame.notna(), None)
    noten = []
    for t in raster.afrondingsnoten:
        a = t.afronding
        waar = f"tot {opmaak.datum(t.mijlpaal.datum)}" if t.mijlpaal else "over de hele periode"
        noten.append(
            f"Afronding: de afgeronde maandcijfers {waar} tellen op tot "
            f"{opmaak.getal(sum(a.delen))} vergunninghouders; het exacte totaal is "
            f"{opmaak.getal(a.exact_totaal, 1)}, afgerond {opmaak.getal(a.totaal)}."
        )
    return Maandtabel(frame, subtotalen, eenheden, soort, tuple(noten))


def _plancel(t):
    if not t.ingevuld:
        return None
    if t.totaal.woningen == 0 and t.totaal.pm_acties:
        return PM
    return t.totaal.woningen


def _plancel_totaal(rij):
    if not rij.ingevuld:
        return None
    if rij.totaal.woningen == 0 and rij.totaal.pm_acties:
        return PM
    return rij.totaal.woningen


# --- realised per source against the plan per source -----------------------------------------


def per_bron(raster, bronrealisatie, tot_en_met: Maand, bron_namen: dict[str, str]) -> pd.DataFrame:
    """Per source: planned dwellings (actions of that source) in the plan months that ended
    before the peildatum, against the dwellings and counted persons realised in them. Several
    actions feeding one source (allocation, rent capping, labels: all 'regulier') are one row,
    because the realisation is recorded per source, not per action."""
    kolommen = ["bron", "naam", "acties", "gepland_woningen", "woningen", "personen_tellend"]
    if raster is None:
        return pd.DataFrame(columns=kolommen)
    verstreken = [m for m in raster.maanden if m <= tot_en_met]
    groepen: dict[str, dict] = {}
    for rij in raster.rijen:
        bron = rij.actie.type.bron_id
        if bron is None:
            continue
        g = groepen.setdefault(bron, {"acties": [], "gepland": None})
        g["acties"].append(rij.actie.type.naam)
        for m in verstreken:
            c = rij.cellen[m]
            if c.planning is not None and not c.pm:
                g["gepland"] = (g["gepland"] or 0) + c.woningen
    real: dict[str, list[int]] = {}
    for r in bronrealisatie:
        if r.maand in verstreken:
            t = real.setdefault(r.bron, [0, 0])
            t[0] += r.woningen
            t[1] += r.personen_tellend
    rijen = [
        {
            "bron": bron,
            "naam": bron_namen.get(bron, bron),
            "acties": ", ".join(g["acties"]),
            "gepland_woningen": g["gepland"],
            "woningen": real[bron][0] if bron in real else (0 if verstreken else None),
            "personen_tellend": real[bron][1] if bron in real else (0 if verstreken else None),
        }
        for bron, g in groepen.items()
    ]
    df = pd.DataFrame(rijen, columns=kolommen).astype(object)
    return df.where(df.notna(), None)


# --- the province's table ---------------------------------------------------------------------


def provincietabel(gegevens, peildatum: date) -> pd.DataFrame:
    """One row per gemeente: the half-year of the last full month (taakstelling, backlog
    brought in, opgave, counted so far, share of the opgave), the forecast at the next
    milestone (the plan's, else the trend's, else capacity's; with probability and band),
    and the IBT step."""
    tot = Maand.van(peildatum).plus(-1)
    periode = Halfjaar.van(tot.eerste_dag)
    rijen = []
    for g in gegevens:
        s = next((x for x in g.saldi if x.periode == periode), None)
        p = g.prognose
        mp = None
        if p is not None:
            mp = next((m for m in p.mijlpalen if m.datum >= peildatum), None)
        trede = g.treden[0] if g.treden else None
        # The plan's forecast where there is a plan, else the trend, else capacity: a
        # gemeente without a plan still gets a forecast, and the table names the method. The
        # verdict is the milestone's one verdict (prognose/rekenen/oordeel.py), not this
        # forecast's own status.
        v = None
        if mp is not None:
            v = next((x for x in mp.voorspellingen if x.personen is not None), mp.plan)
        oordeel = None if mp is None else mp.oordeel
        opgave = None if s is None else s.opgave
        ingebracht = None if s is None else s.ingebracht
        gerealiseerd = None if s is None else s.realisatie
        rijen.append(
            {
                "cbs_code": g.gemeente.cbs_code,
                "gemeente": g.gemeente.naam,
                "illustratief": g.gemeente.illustratief,
                "periode": periode.naam,
                "taakstelling": None if s is None else s.taakstelling,
                "ingebracht": ingebracht,  # negative: achterstand, positive: voorsprong
                "achterstand_ingebracht": None if ingebracht is None else max(0, -ingebracht),
                "voorsprong_ingebracht": None if ingebracht is None else max(0, ingebracht),
                "opgave": opgave,
                "gerealiseerd": gerealiseerd,
                "aandeel": None
                if not opgave or gerealiseerd is None
                else Fraction(gerealiseerd, opgave),
                "volledig": None if s is None else s.volledig,
                "mijlpaal": None if mp is None else mp.datum,
                "doel": None if mp is None else mp.doel,
                "methode": None if v is None else v.methode,
                "prognose": None if v is None else v.personen,
                "verschil": None if v is None else v.verschil,
                "status": None if oordeel is None else oordeel.status,
                "reden": None if oordeel is None else oordeel.reden,
                "kans": None if mp is None else mp.kans.waarde,
                "p10": None if mp is None else mp.kans.p10,
                "p90": None if mp is None else mp.kans.p90,
                "trede": None if trede is None else trede.trede,
                "trede_naam": None if trede is None else trede.naam,
                "kleur": None if trede is None else trede.kleur,
                "sinds": None if trede is None else trede.sinds,
                "verschoonbaar": None if trede is None else trede.verschoonbaar,
                "verschoonbaar_grond": None if trede is None else trede.verschoonbaar_grond,
                "ontbrekend": g.ontbrekend,
                # Months of this half-year without figures: its counted total is incomplete.
                "ontbrekend_in_periode": g.ontbrekend_in_periode,
                "herberekening_loopt": g.herberekening_loopt,
            }
        )
    df = pd.DataFrame(rijen).astype(object)
    return df.where(df.notna(), None) if len(df) else df


def _schuif(x: Fraction | None, d: int) -> Fraction | None:
    return None if x is None else x + d


def oordeel_volgens_instelling(rijen: list[dict], prognosen: dict, peildatum: date) -> None:
    """Where the province holds its gemeenten to COA's figures (``oordeel_bron`` 'COA', set
    by ``officiele_kolommen``), the verdict, its colour and the ranking follow COA's count:
    the next milestone is judged again by the one rule (``oordeel.beoordeel``) with COA's
    opgave as the target and COA's realisation as the count so far. The forecast adds the
    same months to COA's count as to the own one (each method shifted by COA's count minus
    the own count of the half-year). The probability was drawn around the own count, not
    COA's: it is unknown here (never borrowed), so a shortfall is not rescued by it.

    Only for a milestone in the half-year of COA's figures (not after its end): a later
    milestone keeps the own verdict and says so (``oordeel_volgt`` 'eigen'). The own verdict
    stays in ``status_eigen`` and ``reden_eigen``. ``prognosen``: CBS code -> Prognose."""
    tot = Maand.van(peildatum).plus(-1)
    einde = Halfjaar.van(tot.eerste_dag).maanden[-1].laatste_dag
    for r in rijen:
        r["status_eigen"], r["reden_eigen"] = r["status"], r["reden"]
        r["oordeel_volgt"] = "eigen"
        if r.get("oordeel_bron") != "COA":
            continue
        p = prognosen.get(r["cbs_code"])
        mp = None
        if p is not None:
            mp = next((m for m in p.mijlpalen if m.datum >= peildatum), None)
        if (
            mp is None
            or mp.datum > einde
            or None in (r["opgave"], r["gerealiseerd"], r["coa_opgave"], r["coa_gerealiseerd"])
        ):
            continue
        d_doel = r["coa_opgave"] - r["opgave"]
        d_geteld = r["coa_gerealiseerd"] - r["gerealiseerd"]
        doel = mp.doel + d_doel
        o = oordeel_regel.beoordeel(
            doel=doel,
            gerealiseerd=max(0, mp.gerealiseerd + d_geteld),
            maanden=len(mp.maanden),
            plan=_schuif(mp.plan.personen, d_geteld),
            trend=_schuif(mp.trend.personen, d_geteld),
            capaciteit=_schuif(mp.capaciteit.personen, d_geteld),
            kans=None,
            ontbrekend=() if mp.oordeel is None else mp.oordeel.ontbrekende_maanden,
        )
        r["status"] = o.status
        r["reden"] = f"Op de cijfers van het COA: {o.reden[:1].lower()}{o.reden[1:]}"
        r["oordeel_volgt"] = "COA"


def ranglijst(rijen: list[dict]) -> list[dict]:
    """Best first by the share the verdict follows (``oordeel_aandeel``, else the own)."""

    def aandeel(r):
        return r.get("oordeel_aandeel", r["aandeel"])

    return sorted(rijen, key=lambda r: (aandeel(r) is None, -(aandeel(r) or 0), r["gemeente"]))


def als_tabel(rijen: list[dict]) -> pd.DataFrame:
    """The rows back as the table ``totalen`` and the charts read (after the verdict
    followed the province's setting); the charts rank by the share the verdict follows."""
    df = pd.DataFrame(
        [r | {"aandeel": r.get("oordeel_aandeel", r["aandeel"])} for r in rijen]
    ).astype(object)
    return df.where(df.notna(), None) if len(df) else df


VOLGORDE_OORDEEL = ("niet haalbaar", "risico", "onbekend", "op koers")


def _oordelen(statussen) -> list[tuple[str, int]]:
    """(verdict, number of gemeenten) in a fixed order, worst first; no verdict is onbekend."""
    tel = [s or "onbekend" for s in statussen]
    return [(o, tel.count(o)) for o in VOLGORDE_OORDEEL if tel.count(o)]


def totalen(df: pd.DataFrame) -> dict:
    """Province totals, adding only like with like: the half-year figures (one half-year for
    all rows) in one total, marked incomplete when a gemeente lacks a month of it; the next
    milestones per date (a milestone of 1 okt is never added to one of 31 dec), each with
    how many gemeenten have which verdict. A total of figures of which one is missing is
    missing too."""
    rijen = df.to_dict("records") if len(df) else []

    def som(kolom, deel=None):
        waarden = [r[kolom] for r in (rijen if deel is None else deel)]
        if not waarden or any(w is None for w in waarden):
            return None
        return sum(waarden)

    uitkomst = {k: som(k) for k in ("taakstelling", "opgave", "gerealiseerd")}
    o, g = uitkomst["opgave"], uitkomst["gerealiseerd"]
    uitkomst["aandeel"] = None if not o or g is None else Fraction(g, o)
    uitkomst["gemeenten"] = len(rijen)
    # Counted so far while a month of the half-year has no figures: too low, and said so.
    uitkomst["onvolledig"] = [
        (r["gemeente"], r["ontbrekend_in_periode"]) for r in rijen if r.get("ontbrekend_in_periode")
    ]
    uitkomst["oordelen"] = _oordelen([r["status"] for r in rijen])
    groepen = []
    for datum in sorted({r["mijlpaal"] for r in rijen if r["mijlpaal"] is not None}):
        deel = [r for r in rijen if r["mijlpaal"] == datum]
        doel, prognose = som("doel", deel), som("prognose", deel)
        # A surplus of one gemeente does not make up for another's shortfall: say both.
        te_kort = [r["verschil"] for r in deel if r["verschil"] is not None and r["verschil"] < 0]
        groepen.append(
            {
                "datum": datum,
                "gemeenten": len(deel),
                "doel": doel,
                "prognose": prognose,
                "verschil": None if doel is None or prognose is None else prognose - doel,
                "methoden": " en ".join(
                    sorted({r["methode"] for r in deel if r["methode"] is not None})
                ),
                "tekort_gemeenten": len(te_kort),
                "tekort": -sum(te_kort) if te_kort else None,
                "oordelen": _oordelen([r["status"] for r in deel]),
            }
        )
    uitkomst["mijlpalen"] = groepen
    uitkomst["zonder_mijlpaal"] = sum(1 for r in rijen if r["mijlpaal"] is None)
    return uitkomst


# --- the meeting pack ---------------------------------------------------------------------------


def acties(raster, tot_en_met: Maand) -> pd.DataFrame:
    """Each action of the plan with its owner and status, planned dwellings in the plan months
    that ended before the peildatum and over the whole plan (None: nothing entered; pm)."""
    kolommen = ["actie", "eigenaar", "status", "gepland_tot_nu", "gepland_totaal", "toelichting"]
    if raster is None:
        return pd.DataFrame(columns=kolommen)
    rijen = []
    for rij in raster.rijen:
        verstreken = [rij.cellen[m] for m in raster.maanden if m <= tot_en_met]
        ingevuld = [c for c in verstreken if c.planning is not None]
        if not ingevuld:
            tot_nu = None
        elif all(c.pm for c in ingevuld):
            tot_nu = PM
        else:
            tot_nu = sum(c.woningen for c in ingevuld if not c.pm)
        rijen.append(
            {
                "actie": rij.actie.type.naam,
                "eigenaar": rij.actie.eigenaar,
                "status": rij.actie.get_status_display(),
                "gepland_tot_nu": tot_nu,
                "gepland_totaal": _plancel_totaal(rij),
                "toelichting": rij.actie.resultaat_toelichting or rij.actie.omschrijving,
            }
        )
    df = pd.DataFrame(rijen, columns=kolommen).astype(object)
    return df.where(df.notna(), None)


def prognose_vergelijking(dan, nu) -> pd.DataFrame:
    """Per milestone the forecast at the previous meeting against now (plan method,
    probability and the one verdict). ``dan`` None: no previous meeting."""
    kolommen = [
        "datum",
        "doel",
        "gerealiseerd_dan",
        "gerealiseerd_nu",
        "plan_dan",
        "plan_nu",
        "kans_dan",
        "kans_nu",
        "status_dan",
        "status_nu",
    ]
    vorige = {m.datum: m for m in dan.mijlpalen} if dan is not None else {}
    rijen = []
    for m in nu.mijlpalen:
        d = vorige.get(m.datum)
        rijen.append(
            {
                "datum": m.datum,
                "doel": m.doel,
                "gerealiseerd_dan": None if d is None else d.gerealiseerd,
                "gerealiseerd_nu": m.gerealiseerd,
                "plan_dan": None if d is None else d.plan.personen,
                "plan_nu": m.plan.personen,
                "kans_dan": None if d is None else d.kans.waarde,
                "kans_nu": m.kans.waarde,
                "status_dan": None if d is None or d.oordeel is None else d.oordeel.status,
                "status_nu": m.oordeel.status,
            }
        )
    df = pd.DataFrame(rijen, columns=kolommen).astype(object)
    return df.where(df.notna(), None)
