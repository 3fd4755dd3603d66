"""Reads for the month entry page: its rows, the month's totals and the running saldo.

A fixed number of queries per page; the arithmetic is the pure rules' (R3 via
``kern.regels.saldi_tot``). Callers pass a gemeente from ``organisaties.toegang``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from kern import regels
from kern.perioden import Halfjaar, Maand, maanden, te_openen_maand
from organisaties.models import Corporatie, Gemeente
from taakstelling import selectors
from taakstelling.models import Bron, Koppeling, Maandrapportage, Realisatie
from taakstelling.selectors import Saldoinvoer, saldo_invoer
from taakstelling.services.realisatie import Cijfers, Invoercontext, Sleutel


@dataclass(frozen=True)
class Bronregel:
    """One row of the month page: a source, for `regulier` one per corporatie."""

    sleutel: Sleutel
    bron: Bron
    corporatie: Corporatie | None
    telregel: regels.Telregel | None
    rij: Realisatie | None
    invoerbaar: bool  # False for a corporatie that no longer works in the gemeente

    @property
    def label(self) -> str:
        if self.corporatie is not None:
            return f"{self.bron.naam}: {self.corporatie.naam}"
        return self.bron.naam

    @property
    def prefix(self) -> str:
        bron, slug = self.sleutel
        return f"r-{bron}-{slug}" if slug else f"r-{bron}"

    @property
    def cijfers(self) -> Cijfers | None:
        return Cijfers.van(self.rij)

    @property
    def toelichting(self) -> str:
        """The counting rule in words, where it is not the plain 'all persons count'."""
        delen = []
        if self.telregel is not None and not self.telregel.telt_mee:
            delen.append("telt niet mee voor de taakstelling (0 personen tellend)")
        if self.telregel is not None and not self.telregel.gebruikt_woning:
            delen.append("gebruikt geen woning")
        if self.telregel is None:
            delen.append("geen telregel in deze maand")
        if not self.invoerbaar:
            delen.append("werkt niet meer in deze gemeente; alleen te lezen")
        return "; ".join(delen)


@dataclass(frozen=True)
class Maandgegevens:
    regels: list[Bronregel]
    koppeling: Koppeling | None
    ingevuld: bool  # the month was saved (a Maandrapportage exists): missing is not zero


def maandgegevens(
    gemeente: Gemeente, maand: Maand, ctx: Invoercontext, saldo: Saldoinvoer | None = None
) -> Maandgegevens:
    """The rows of the month page. ``saldo`` (read for the same page) says whether the month
    was entered, which then costs no query of its own."""
    dag = maand.eerste_dag
    rijen = list(Realisatie.objects.filter(gemeente=gemeente, maand=dag))
    per_sleutel: dict[tuple[str, int | None], Realisatie] = {
        (r.bron_id, r.corporatie_id): r for r in rijen
    }
    werkend = sorted(
        (c for c in ctx.corporaties.values() if (c.pk, gemeente.pk) in ctx.werkgebieden),
        key=lambda c: c.naam,
    )
    uitkomst: list[Bronregel] = []
    for bron in sorted(ctx.bronnen.values(), key=lambda b: (b.volgorde, b.code)):
        regel = ctx.telregel(bron.code, maand, gemeente.provincie_id)
        if not bron.vereist_corporatie:
            uitkomst.append(
                Bronregel(
                    (bron.code, None), bron, None, regel, per_sleutel.get((bron.code, None)), True
                )
            )
            continue
        gehad = {c.pk for c in werkend}
        for corporatie in werkend:
            uitkomst.append(
                Bronregel(
                    (bron.code, corporatie.slug),
                    bron,
                    corporatie,
                    regel,
                    per_sleutel.get((bron.code, corporatie.pk)),
                    True,
                )
            )
        # A corporatie that left the gemeente keeps its old figures visible.
        for r in rijen:
            if r.bron_id == bron.code and r.corporatie_id and r.corporatie_id not in gehad:
                corporatie = next(c for c in ctx.corporaties.values() if c.pk == r.corporatie_id)
                uitkomst.append(
                    Bronregel((bron.code, corporatie.slug), bron, corporatie, regel, r, False)
                )
    if saldo is not None:
        ingevuld = maand in saldo.ingevoerd
    else:
        ingevuld = Maandrapportage.objects.filter(gemeente=gemeente, maand=dag).exists()
    return Maandgegevens(
        uitkomst, Koppeling.objects.filter(gemeente=gemeente, maand=dag).first(), ingevuld
    )


@dataclass(frozen=True)
class Maandoverzicht:
    maand: Maand
    totalen: regels.Totalen
    ingevuld: bool  # the month counts as entered (saved, or being saved in the preview)
    saldi: list[regels.PeriodeSaldo]
    tot_en_met: Maand | None  # the last month whose figures are in the saldo

    @property
    def periode(self) -> Halfjaar:
        return self.maand.halfjaar

    @property
    def saldo_periode(self) -> regels.PeriodeSaldo | None:
        return next((s for s in self.saldi if s.periode == self.periode), None)


def maandoverzicht(
    gemeente: Gemeente,
    maand: Maand,
    cijfers: Mapping[Sleutel, Cijfers],
    ingevuld: bool,
    saldo: Saldoinvoer | None = None,
) -> Maandoverzicht:
    """The month's totals and the saldo per half-year with ``cijfers`` as this month's rows.

    Used for the saved figures and for the live preview while typing (nothing is saved): the
    other months come from ``saldo`` (``selectors.saldo_invoer``, read here if not given),
    this month from ``cijfers``.
    """
    saldo = saldo or saldo_invoer(gemeente)
    deze = [
        regels.Realisatieregel(maand, bron, c.personen_gehuisvest, c.personen_tellend, c.woningen)
        for (bron, _), c in cijfers.items()
    ]
    rijen = [r for r in saldo.rijen if r.maand != maand] + deze
    ingevoerd = set(saldo.ingevoerd) - {maand}
    if ingevuld:
        ingevoerd.add(maand)
    tot = max([maand, *ingevoerd]) if ingevoerd else None
    saldi = regels.saldi_tot(rijen, ingevoerd, saldo.quota, saldo.opening, tot) if tot else []
    return Maandoverzicht(maand, regels.totalen(deze), ingevuld, saldi, tot)


def voorgestelde_maand(gemeente: Gemeente, vandaag: date) -> Maand:
    """The month to open: the one after the last entered month, but no later than the month
    that just ended (a gemeente that is up to date sees last month)."""
    vorige = Maand.van(vandaag).plus(-1)
    laatste = (
        Maandrapportage.objects.filter(gemeente=gemeente, maand__lte=vorige.eerste_dag)
        .order_by("-maand")
        .values_list("maand", flat=True)
        .first()
    )
    return te_openen_maand(Maand.van(laatste) if laatste else None, hoogstens=vorige, zonder=vorige)


def ontbrekende_maanden(
    gemeente: Gemeente, vandaag: date, saldo: Saldoinvoer | None = None
) -> list[Maand]:
    """Months since the first quota that ended and were never entered (missing, not zero)."""
    if saldo is None:
        quota, ingevoerd = selectors.taakstellingen(gemeente), None
    else:
        quota, ingevoerd = saldo.quota, saldo.ingevoerd
    if not quota:
        return []
    if ingevoerd is None:
        ingevoerd = selectors.ingevoerde_maanden(gemeente)
    tot = Maand.van(vandaag).plus(-1)
    return [m for m in maanden(quota[0][0].eerste_maand, tot) if m not in ingevoerd]
