"""Reads of the official figures: the national number in force, population by CBS code, the
art. 29 proposal of a province, the exchange ledger and COA's latest figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.db.models import Prefetch

from kern import officieel
from kern.perioden import Halfjaar, Maand
from kern.regels import geldende_taakstelling
from organisaties.models import Gemeente, Provincie
from taakstelling.models import Bijstelling, Taakstelling
from taakstelling.officieel.models import (
    Bevolking,
    CoaHalfjaar,
    Gemeentecode,
    LandelijkeTaakstelling,
    ProvincieInstelling,
    Uitruil,
)


def landelijk_geldend(halfjaar: Halfjaar, op: date | None = None) -> LandelijkeTaakstelling | None:
    """The national number of the half-year as it stood on ``op`` (default: the latest)."""
    rijen = LandelijkeTaakstelling.objects.filter(jaar=halfjaar.jaar, helft=halfjaar.helft)
    if op is not None:
        rijen = rijen.filter(geldig_vanaf__lte=op)
    return rijen.order_by("-geldig_vanaf").first()


def landelijke_reeks(halfjaar: Halfjaar) -> list[LandelijkeTaakstelling]:
    return list(
        LandelijkeTaakstelling.objects.filter(jaar=halfjaar.jaar, helft=halfjaar.helft).order_by(
            "geldig_vanaf"
        )
    )


def geldend_aantal(t: Taakstelling, op: date | None = None) -> int:
    bij = [(b.datum, b.aantal) for b in t.bijstellingen.all()]
    return geldende_taakstelling(t.aantal, bij, op)


def opvolgingen() -> list[officieel.Opvolging]:
    return [
        officieel.Opvolging(c.code, c.opgegaan_in, c.geldig_tot)
        for c in Gemeentecode.objects.exclude(opgegaan_in="").exclude(geldig_tot=None)
    ]


def bevolking(jaar: int) -> dict[tuple[str, int], int]:
    return {(b.regio_code, b.jaar): b.inwoners for b in Bevolking.objects.filter(jaar=jaar)}


@dataclass(frozen=True)
class Art29Regel:
    gemeente: Gemeente
    inwoners: int | None
    voorstel: int | None  # None: no population figure
    huidig: int | None  # the quota in force now; None: none entered

    @property
    def verschil(self) -> int | None:
        if self.voorstel is None or self.huidig is None:
            return None
        return self.voorstel - self.huidig


@dataclass(frozen=True)
class Art29Voorstel:
    halfjaar: Halfjaar
    landelijk: LandelijkeTaakstelling | None
    peiljaar: int
    inwoners_nl: int | None
    regels: list[Art29Regel]

    @property
    def totaal_voorstel(self) -> int | None:
        waarden = [r.voorstel for r in self.regels]
        return None if any(w is None for w in waarden) else sum(waarden)

    @property
    def totaal_huidig(self) -> int | None:
        waarden = [r.huidig for r in self.regels]
        return None if any(w is None for w in waarden) else sum(waarden)

    @property
    def te_wijzigen(self) -> int:
        return sum(1 for r in self.regels if r.voorstel is not None and r.voorstel != r.huidig)


def art29_voorstel(provincie: Provincie, halfjaar: Halfjaar) -> Art29Voorstel:
    """Every gemeente of the province: its inhabitants on 1 January of the year before, its
    quota by art. 29 from the latest national number, and its quota in force now."""
    landelijk = landelijk_geldend(halfjaar)
    peiljaar = officieel.peiljaar(halfjaar.jaar)
    cijfers = bevolking(peiljaar)
    opv = opvolgingen()
    inwoners_nl = cijfers.get((officieel.NEDERLAND, peiljaar))
    gemeenten = list(
        Gemeente.objects.filter(provincie=provincie)
        .order_by("naam")
        .prefetch_related(
            Prefetch(
                "taakstellingen",
                queryset=Taakstelling.objects.filter(
                    jaar=halfjaar.jaar, helft=halfjaar.helft
                ).prefetch_related(Prefetch("bijstellingen", queryset=Bijstelling.objects.all())),
                to_attr="deze",
            )
        )
    )
    regels = []
    for g in gemeenten:
        n = officieel.inwoners_op(g.cbs_code, peiljaar, cijfers, opv)
        voorstel = None
        if landelijk is not None and n is not None and inwoners_nl:
            voorstel = officieel.art29_verdeling(landelijk.aantal, {g.cbs_code: n}, inwoners_nl)[
                0
            ].taakstelling
        huidig = geldend_aantal(g.deze[0]) if g.deze else None
        regels.append(Art29Regel(g, n, voorstel, huidig))
    return Art29Voorstel(halfjaar, landelijk, peiljaar, inwoners_nl, regels)


def uitruilen(provincie: Provincie) -> list[Uitruil]:
    return list(
        Uitruil.objects.filter(provincie=provincie)
        .select_related("neemt_over", "draagt_over", "vastgelegd_door")
        .order_by("-jaar", "-helft", "-goedkeuring_datum")
    )


def coa_laatste(gemeente_ids, halfjaar: Halfjaar, op: date | None = None) -> dict[int, CoaHalfjaar]:
    """COA's figures of the half-year from its newest publication (on or before ``op``),
    per gemeente."""
    uitkomst: dict[int, CoaHalfjaar] = {}
    rijen = CoaHalfjaar.objects.filter(
        gemeente_id__in=list(gemeente_ids), jaar=halfjaar.jaar, helft=halfjaar.helft
    )
    if op is not None:
        rijen = rijen.filter(publicatiedatum__lte=op)
    for rij in rijen.order_by("publicatiedatum"):
        uitkomst[rij.gemeente_id] = rij
    return uitkomst


def oordeel_op(provincie: Provincie) -> str:
    """'officieel' (default) or 'eigen': which figures the province's verdict follows."""
    rij = ProvincieInstelling.objects.filter(provincie=provincie).first()
    return rij.oordeel_op if rij is not None else ProvincieInstelling.Oordeel.OFFICIEEL


_MAANDEN = ["", "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


@dataclass(frozen=True)
class Officieel:
    """What the IBT dashboard shows beside the own figures (issue 15 item 7)."""

    oordeel_op: str  # 'officieel' or 'eigen'
    publicatie: date | None  # COA's newest publication used, None: none

    @property
    def officieel(self) -> bool:
        return self.oordeel_op == ProvincieInstelling.Oordeel.OFFICIEEL

    @property
    def uitleg(self) -> str:
        if self.officieel and self.publicatie is None:
            return (
                "De kolom Oordeel volgt de officiële cijfers van het COA (instelling van de "
                "provincie), maar voor dit halfjaar is er nog geen COA-overzicht: daarom staan "
                "daar de eigen cijfers van de gemeenten."
            )
        if self.officieel:
            return (
                "De kolom Oordeel volgt de officiële cijfers van het COA (overzicht van "
                f"{self.publicatie.day} {_MAANDEN[self.publicatie.month]} {self.publicatie.year}), "
                "zoals de provincie heeft ingesteld; de eigen cijfers van de gemeenten staan "
                "ernaast."
            )
        return (
            "De kolom Oordeel volgt de eigen cijfers van de gemeenten, zoals de provincie heeft "
            "ingesteld; de officiële cijfers van het COA staan ernaast."
        )


def officiele_kolommen(
    provincie: Provincie, rijen: list[dict], peildatum: date, gemeente_ids: dict[str, int]
) -> Officieel:
    """Add COA's figures of the rows' half-year to each row of the IBT table (``coa_*``) and
    the share the verdict follows (``oordeel_aandeel``, by the province's setting).
    ``gemeente_ids``: CBS code -> id of the rows' gemeenten. Two queries."""
    halfjaar = Halfjaar.van(Maand.van(peildatum).plus(-1).eerste_dag)
    codes = {r["cbs_code"]: r for r in rijen}
    ids = {pk: code for code, pk in gemeente_ids.items() if code in codes}
    coa = coa_laatste(ids, halfjaar, op=peildatum)
    keuze = oordeel_op(provincie)
    publicaties = [c.publicatiedatum for c in coa.values()]
    for pk, code in ids.items():
        r, c = codes[code], coa.get(pk)
        opgave = None
        if c is not None and c.taakstelling is not None:
            opgave = c.taakstelling - (c.saldo or 0)
        gerealiseerd = None if c is None else c.gerealiseerd
        r["coa_opgave"] = opgave
        r["coa_gerealiseerd"] = gerealiseerd
        r["coa_aandeel"] = (
            Fraction(gerealiseerd, opgave) if opgave and gerealiseerd is not None else None
        )
        r["coa_publicatie"] = None if c is None else c.publicatiedatum
    officieel_gekozen = keuze == ProvincieInstelling.Oordeel.OFFICIEEL and bool(publicaties)
    for r in rijen:
        for k in ("coa_opgave", "coa_gerealiseerd", "coa_aandeel", "coa_publicatie"):
            r.setdefault(k, None)
        r["oordeel_aandeel"] = r["coa_aandeel"] if officieel_gekozen else r["aandeel"]
        r["oordeel_bron"] = "COA" if officieel_gekozen else "eigen"
    return Officieel(keuze, max(publicaties) if publicaties else None)
