"""The position of a gemeente at a peildatum: realisation, milestones, saldo per half-year.

Loads inputs through the selectors (a fixed number of queries) and leaves the arithmetic to
the pure rules. Used by the dashboard, ``manage.py stand``, exports and the API.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bemiddeling.selectors import bezetting_op
from kern import regels
from kern.perioden import Halfjaar, Maand, maanden
from organisaties.models import Gemeente
from taakstelling import selectors


@dataclass(frozen=True)
class LatereBijstelling:
    """A half-year's quota revised after the peildatum: the figures show it as known today
    (the latest revision applies), the page says when it was revised and what it was then."""

    datum: date  # the latest revision, after the peildatum
    was: int  # the quota as it stood on the peildatum


@dataclass(frozen=True)
class Positie:
    gemeente: Gemeente
    peildatum: date
    stand: regels.Stand
    bezetting: Decimal
    bezetting_bron: str
    saldi: list[regels.PeriodeSaldo]
    later_bijgesteld: dict[Halfjaar, LatereBijstelling] = field(default_factory=dict)

    @property
    def saldo_rijen(self) -> list[tuple[regels.PeriodeSaldo, LatereBijstelling | None]]:
        """Each half-year's saldo with its revision after the peildatum, if any."""
        return [(x, self.later_bijgesteld.get(x.periode)) for x in self.saldi]


def later_bijgesteld(
    taakstellingen: list[selectors.Taakstellingregel], peildatum: date
) -> dict[Halfjaar, LatereBijstelling]:
    """The half-years whose quota was revised after the peildatum (ARCHITECTURE.md)."""
    uitkomst = {}
    for t in taakstellingen:
        later = [b.datum for b in t.bijstellingen if b.datum > peildatum]
        if later:
            was = regels.geldende_taakstelling(
                t.oorspronkelijk, [(b.datum, b.aantal) for b in t.bijstellingen], peildatum
            )
            uitkomst[t.halfjaar] = LatereBijstelling(max(later), was)
    return uitkomst


def relevant(mijlpaal: regels.Mijlpaal, peildatum: date, ingevoerd: set[Maand]) -> bool:
    """Milestones of the current half-year onwards, and one of the previous half-year while a
    month counting for it has no figures (its outcome is still provisional, as the forecast
    says); older ones are history."""
    halfjaar = Halfjaar.van(peildatum)
    if mijlpaal.datum >= halfjaar.begin:
        return True
    if mijlpaal.datum < halfjaar.plus(-1).begin:
        return False
    tellend = maanden(Maand.van(mijlpaal.startdatum), Maand.van(mijlpaal.datum))
    return any(regels.telt_voor_mijlpaal(m, mijlpaal) and m not in ingevoerd for m in tellend)


def positie(gemeente: Gemeente, peildatum: date) -> Positie:
    return positie_uit(
        gemeente,
        peildatum,
        selectors.realisatieregels(gemeente),
        selectors.ingevoerde_maanden(gemeente),
        *bezetting_op(gemeente, peildatum),
    )


def positie_uit(
    gemeente: Gemeente,
    peildatum: date,
    rijen: list[regels.Realisatieregel],
    ingevoerd: set[Maand],
    bezetting: Decimal,
    bezetting_bron: str,
    doelen=None,
) -> Positie:
    """The position from realisation rows and entered months a caller has read already (the
    dashboard reads them once for more than this). ``doelen``: the quota, opening saldo and
    own milestones when the caller read them too (``rapportage.selectors.samen.doelen``)."""
    if doelen is None:
        # The quota with their revisions, in the two queries ``taakstellingen`` takes.
        ingevoerde_quota = selectors.taakstellingregels(gemeente)
        quota = [(t.halfjaar, t.geldend) for t in ingevoerde_quota]
        opening = selectors.openingssaldo(gemeente)
        geldend = selectors.geldende_mijlpalen(gemeente, quota, opening)
    else:
        ingevoerde_quota, quota, opening = doelen.taakstellingen, doelen.quota, doelen.opening
        begin = opening[1] if opening and quota and opening[0] == quota[0][0] else 0
        geldend = regels.geldende_mijlpalen(
            regels.standaard_mijlpalen(quota, begin), doelen.eigen_mijlpalen
        )
    mijlpalen = [m for m in geldend if relevant(m, peildatum, ingevoerd)]
    tot = Maand.van(peildatum).plus(-1)
    verwacht = maanden(quota[0][0].eerste_maand, tot) if quota else []
    stand = regels.stand_op(peildatum, rijen, mijlpalen, bezetting, verwacht, ingevoerd)
    return Positie(
        gemeente,
        peildatum,
        stand,
        bezetting,
        bezetting_bron,
        regels.saldi_tot(rijen, ingevoerd, quota, opening, tot),
        later_bijgesteld(ingevoerde_quota, peildatum),
    )


def positie_als_dict(p: Positie) -> dict:
    """The JSON of ``manage.py stand`` and the API (keys in the terms of the glossary)."""
    s = p.stand
    return {
        "gemeente": {
            "cbs_code": p.gemeente.cbs_code,
            "naam": p.gemeente.naam,
            "illustratief": p.gemeente.illustratief,
        },
        "peildatum": p.peildatum.isoformat(),
        "cijfers_tot_en_met": str(s.tot_en_met),
        "gerealiseerd": {
            "personen_gehuisvest": s.totalen.personen_gehuisvest,
            "personen_tellend": s.totalen.personen_tellend,
            "woningen": s.totalen.woningen,
            "bezetting": None
            if s.totalen.bezetting is None
            else str(s.totalen.bezetting.quantize(Decimal("0.01"))),
        },
        "ontbrekende_maanden": [str(m) for m in s.ontbrekende_maanden],
        "mijlpalen": [
            {
                "datum": m.mijlpaal.datum.isoformat(),
                "doel": m.mijlpaal.doel,
                "startdatum": m.mijlpaal.startdatum.isoformat(),
                "gezet_door": m.mijlpaal.gezet_door,
                "gerealiseerd": m.gerealiseerd,
                "resterend": m.resterend,
                "verschil": m.verschil,
                "bezetting": str(m.bezetting),
                "benodigde_woningen": m.benodigde_woningen,
                "resterend_in_periode": m.resterend_in_periode,
                "benodigde_woningen_in_periode": m.benodigde_woningen_in_periode,
            }
            for m in s.mijlpalen
        ],
        "bezetting_bron": p.bezetting_bron,
        "saldi": [
            {
                "periode": str(x.periode),
                "taakstelling": x.taakstelling,
                "ingebracht": x.ingebracht,
                "opgave": x.opgave,
                "realisatie": x.realisatie,
                "saldo": x.saldo,
                "volledig": x.volledig,
            }
            for x in p.saldi
        ],
    }
