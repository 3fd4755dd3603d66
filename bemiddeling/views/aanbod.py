"""A corporatie's monthly supply per gemeente it works in, beside the agreed shares and the
month's compliance (R9). Only the corporatie's own users see it (and the beheerder, read-only).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from bemiddeling import selectors
from bemiddeling.forms.aanbod import AanbodFormulier, VerwachtingFormulier
from bemiddeling.models import Aanbod, Aanbodverwachting
from bemiddeling.services import aanbod as diensten
from bemiddeling.services.aanbod import Aanbodcijfers
from kern import opmaak
from kern.perioden import Maand, maanden, maandnavigatie, te_openen_maand
from kern.regels import reden_verplicht
from organisaties import selectors as organisatie_selectors
from organisaties import toegang
from organisaties.forms import VerwijderenFormulier as VerwijderFormulier
from organisaties.forms import maand_of_404
from organisaties.models import Corporatie, Gemeente
from organisaties.toegang import Handeling
from organisaties.views.schrijven import schrijf
from organisaties.wijzigen import Conflict

SJABLOON = "bemiddeling/aanbod.html"
HISTORIE_MAANDEN = 12


def aandeel_tekst(waarde: Fraction | None) -> str:
    """40% -> '40%'; two thirds -> '66,7% (2/3)': exact where a percentage cannot be."""
    if waarde is None:
        return "–"
    exact_in_procenten = (waarde * 100).denominator == 1
    tekst = opmaak.procent(waarde, 0 if exact_in_procenten else 1)
    if (waarde * 1000).denominator != 1 and waarde.denominator <= 12:
        tekst += f" ({waarde.numerator}/{waarde.denominator})"
    return tekst


@dataclass(frozen=True)
class AfspraakWeergave:
    afspraak: selectors.Afspraak
    naam: str

    @property
    def tekst(self) -> str:
        if self.afspraak.waarde is None:
            if any(d.waarde is not None for d in self.afspraak.delen):
                return "niet voor de hele maand afgesproken"
            return "geen afspraak"
        return aandeel_tekst(self.afspraak.waarde)

    @property
    def delen(self) -> list[str]:
        """How a day-weighted share came about, e.g. '1 jul 2024 – 11 jul 2024: 10%'."""
        if not self.afspraak.gewogen:
            return []
        return [
            f"{opmaak.datum(d.van)} – {opmaak.datum(d.tot)}: "
            f"{aandeel_tekst(d.waarde) if d.waarde is not None else 'geen afspraak'}"
            for d in self.afspraak.delen
        ]


@dataclass
class Gemeenteblok:
    """Everything the page shows for one gemeente in the chosen month."""

    gemeente: Gemeente
    stand: selectors.Aanbodstand
    historie: list[selectors.Aanbodstand]
    formulier: AanbodFormulier | None
    verwijderformulier: VerwijderFormulier | None = None
    conflict: Aanbod | None = None
    conflict_weg: bool = False  # deleted by someone else
    melding: str | None = None
    # The expected supply (issue 14 §9): the expectation in force today (else the next one)
    # and its form, with the optional split by household size.
    verwachting: Aanbodverwachting | None = None
    verwachtingformulier: VerwachtingFormulier | None = None

    @property
    def afspraken(self) -> list[AfspraakWeergave]:
        return [
            AfspraakWeergave(self.stand.urgenten, "Aandeel van de mutaties naar urgenten"),
            AfspraakWeergave(self.stand.vh, "Aandeel van de urgente toewijzingen naar VH"),
            AfspraakWeergave(self.stand.plafond, "Plafond: aandeel van de mutaties naar VH"),
        ]

    @property
    def teksten(self) -> dict[str, str]:
        s = self.stand
        n = s.naleving
        return {
            "aandeel_vh": aandeel_tekst(n.aandeel_vh) if n else "–",
            "aandeel_urgenten": aandeel_tekst(s.aandeel_urgenten),
            "aandeel_vh_van_urgenten": aandeel_tekst(s.aandeel_vh_van_urgenten),
            "benutting": aandeel_tekst(s.benutting),
            "capaciteit": opmaak.getal(s.capaciteit_vh, 1) if s.capaciteit_vh is not None else "–",
        }

    @property
    def conflict_cijfers(self) -> list[tuple[str, int | None, int | None]]:
        """(label, stored now, what the user entered) for the conflict message."""
        if self.formulier is None or not self.formulier.is_bound:
            return []
        nu = Aanbodcijfers.van(self.conflict) if self.conflict is not None else None
        uitkomst = []
        for naam in Aanbodcijfers.__dataclass_fields__:
            veld = self.formulier[naam]
            uitkomst.append((str(veld.label), getattr(nu, naam) if nu else None, veld.value()))
        return uitkomst


def _gemeente_in_werkgebied(corporatie: Corporatie, cbs: str) -> Gemeente:
    gemeente = organisatie_selectors.gemeente_van(corporatie, cbs)
    if gemeente is None:
        raise Http404("Deze corporatie werkt niet in deze gemeente.")
    return gemeente


def _verwachtingen(corporatie, gemeenten) -> dict[int, Aanbodverwachting]:
    """Per gemeente the expectation in force today, else the first one to come (one query)."""
    vandaag = timezone.localdate()
    uitkomst: dict[int, Aanbodverwachting] = {}
    for v in Aanbodverwachting.objects.filter(
        corporatie=corporatie, gemeente__in=[g.pk for g in gemeenten]
    ).order_by("gemeente_id", "geldig_vanaf"):
        huidig = uitkomst.get(v.gemeente_id)
        if huidig is None or v.geldig_vanaf <= vandaag:
            uitkomst[v.gemeente_id] = v
    return uitkomst


def _blokken(request, corporatie, maand: Maand, gemeenten, kan: bool, open_maand: bool):
    reeks = maanden(maand.plus(1 - HISTORIE_MAANDEN), maand)
    standen = selectors.aanbodstanden(corporatie, gemeenten, reeks)
    verwachtingen = _verwachtingen(corporatie, gemeenten)
    blokken = []
    for g in gemeenten:
        verwachting = verwachtingen.get(g.pk)
        stand = standen[(g.pk, maand)]
        formulier = AanbodFormulier.voor(g.cbs_code, stand.rij) if kan and open_maand else None
        verwijder = (
            VerwijderFormulier(initial={"versie": stand.rij.versie}, prefix=f"weg-{g.cbs_code}")
            if formulier is not None and stand.rij is not None
            else None
        )
        blokken.append(
            Gemeenteblok(
                g,
                stand,
                [standen[(g.pk, x)] for x in reversed(reeks)],
                formulier,
                verwijder,
                verwachting=verwachting,
                verwachtingformulier=(
                    VerwachtingFormulier.voor(g.cbs_code, verwachting) if kan else None
                ),
            )
        )
    return blokken


def _context(request, corporatie: Corporatie, maand: Maand, vervang: Gemeenteblok | None = None):
    vandaag = timezone.localdate()
    huidige = Maand.van(vandaag)
    kan = toegang.mag_aanbod_invullen(request.user, corporatie)
    gemeenten = organisatie_selectors.gemeenten_van(corporatie)
    if vervang is not None:
        gemeenten = [vervang.gemeente]
    blokken = _blokken(request, corporatie, maand, gemeenten, kan, maand <= huidige)
    if vervang is not None:
        blok = blokken[0]
        blok.formulier = vervang.formulier or blok.formulier
        blok.verwijderformulier = vervang.verwijderformulier or blok.verwijderformulier
        blok.conflict, blok.conflict_weg = vervang.conflict, vervang.conflict_weg
        blok.melding = vervang.melding
        blok.verwachtingformulier = vervang.verwachtingformulier or blok.verwachtingformulier
    # A corporatie may enter the running month; later months are not shown as a next step.
    vorige, volgende = maandnavigatie(maand, laatste=huidige)
    return {
        "corporatie": corporatie,
        "maand": maand,
        "blokken": blokken,
        "kan_wijzigen": kan,
        "toekomst": maand > huidige,
        "reden_nodig": reden_verplicht(maand, vandaag),
        "vorige": vorige,
        "volgende": volgende,
    }


@login_required
@require_http_methods(["GET"])
def aanbod_actueel(request, slug: str):
    """The month to work on: the one after the last entered month, at most the current one;
    ?maand=JJJJ-MM jumps to another month."""
    corporatie = toegang.corporatie_of_404(request.user, slug)
    gevraagd = request.GET.get("maand")
    if gevraagd:
        try:
            return redirect("aanbod", corporatie.slug, str(Maand.lees(gevraagd)))
        except ValueError as e:
            messages.error(request, str(e))
    huidige = Maand.van(timezone.localdate())
    doel = te_openen_maand(
        selectors.laatste_aanbodmaand(corporatie), hoogstens=huidige, zonder=huidige.plus(-1)
    )
    return redirect("aanbod", corporatie.slug, str(doel))


@login_required
@require_http_methods(["GET"])
def aanbod(request, slug: str, maand: str):
    corporatie = toegang.corporatie_of_404(request.user, slug)
    return render(request, SJABLOON, _context(request, corporatie, maand_of_404(maand)))


def _blok(request, corporatie, maand, blok: Gemeenteblok, melding: str | None) -> HttpResponse:
    """htmx gets the gemeente block back (status 200 also for messages: a 4xx would count as a
    failed request in the browser); after saving (``melding``) with the stored figures."""
    if melding is not None:
        blok.formulier = blok.verwijderformulier = None
        blok.melding = melding
    ctx = _context(request, corporatie, maand, vervang=blok)
    ctx["blok"] = ctx["blokken"][0]
    return render(request, f"{SJABLOON}#na_opslaan", ctx)


def _pagina_met(request, corporatie, maand, blok: Gemeenteblok) -> HttpResponse:
    """Without JavaScript, when nothing was saved: the whole page, this block as submitted."""
    ctx = _context(request, corporatie, maand)
    ctx["blokken"] = [
        _samenvoegen(b, blok) if b.gemeente.pk == blok.gemeente.pk else b for b in ctx["blokken"]
    ]
    return render(request, SJABLOON, ctx)


def _samenvoegen(vers: Gemeenteblok, blok: Gemeenteblok) -> Gemeenteblok:
    vers.formulier = blok.formulier or vers.formulier
    vers.verwijderformulier = blok.verwijderformulier or vers.verwijderformulier
    vers.conflict, vers.conflict_weg = blok.conflict, blok.conflict_weg
    vers.verwachtingformulier = blok.verwachtingformulier or vers.verwachtingformulier
    return vers


def _te_wijzigen(request, slug: str, maand: str, cbs: str) -> tuple[Corporatie, Maand, Gemeente]:
    """The corporatie, month and gemeente of a write (404 or 403 when not the user's)."""
    corporatie = toegang.corporatie_of_404(request.user, slug)
    m = maand_of_404(maand)
    gemeente = _gemeente_in_werkgebied(corporatie, cbs)
    toegang.vereis(
        request.user, Handeling.AANBOD_WIJZIGEN, gemeente=gemeente, corporatie=corporatie
    )
    return corporatie, m, gemeente


def _url(corporatie, maand: Maand, gemeente) -> str:
    return reverse("aanbod", args=[corporatie.slug, str(maand)]) + f"#aanbod-{gemeente.cbs_code}"


@login_required
@require_http_methods(["POST"])
def aanbod_gemeente(request, slug: str, maand: str, cbs: str):
    corporatie, m, gemeente = _te_wijzigen(request, slug, maand, cbs)
    rij = Aanbod.objects.filter(
        corporatie=corporatie, gemeente=gemeente, maand=m.eerste_dag
    ).first()
    formulier = AanbodFormulier.voor(gemeente.cbs_code, rij, data=request.POST, maand=m)
    blok = Gemeenteblok(gemeente, None, [], formulier)

    def conflict(c: Conflict) -> None:
        # The block shows the stored figures beside the user's (no message at the form).
        blok.conflict, blok.conflict_weg = c.huidig, c.huidig is None
        formulier.zet_invoer("versie", c.huidig.versie if c.huidig is not None else "")

    return schrijf(
        request,
        formulier,
        lambda d: diensten.aanbod_registreren(
            corporatie=corporatie,
            gemeente=gemeente,
            maand=m,
            cijfers=formulier.cijfers,
            door=request.user,
            versie=d["versie"],
            reden=d["reden"] or None,
        ),
        conflict=conflict,
        melding=f"Aanbod {gemeente.naam} {m.naam} opgeslagen.",
        naar=_url(corporatie, m, gemeente),
        opnieuw=lambda: _pagina_met(request, corporatie, m, blok),
        deel=lambda melding: _blok(request, corporatie, m, blok, melding),
    )


@login_required
@require_http_methods(["POST"])
def aanbod_verwijderen(request, slug: str, maand: str, cbs: str):
    corporatie, m, gemeente = _te_wijzigen(request, slug, maand, cbs)
    formulier = VerwijderFormulier(request.POST, prefix=f"weg-{gemeente.cbs_code}")
    blok = Gemeenteblok(gemeente, None, [], None, formulier)
    return schrijf(
        request,
        formulier,
        lambda d: diensten.aanbod_verwijderen(
            corporatie=corporatie,
            gemeente=gemeente,
            maand=m,
            door=request.user,
            versie=d["versie"],
            reden=d["reden"],
        ),
        conflict="Iemand anders heeft deze cijfers intussen gewijzigd; bekijk ze opnieuw voordat "
        "u ze verwijdert.",
        melding=f"Aanbod {gemeente.naam} {m.naam} verwijderd; de maand staat weer als ontbrekend.",
        naar=_url(corporatie, m, gemeente),
        opnieuw=lambda: _pagina_met(request, corporatie, m, blok),
        deel=lambda melding: _blok(request, corporatie, m, blok, melding),
    )


@login_required
@require_http_methods(["POST"])
def aanbodverwachting(request, slug: str, maand: str, cbs: str):
    """The expected supply from a date, with the optional split by household size."""
    corporatie, m, gemeente = _te_wijzigen(request, slug, maand, cbs)
    formulier = VerwachtingFormulier.voor(gemeente.cbs_code, None, data=request.POST)
    blok = Gemeenteblok(gemeente, None, [], None, verwachtingformulier=formulier)
    return schrijf(
        request,
        formulier,
        lambda d: diensten.verwachting_registreren(
            corporatie=corporatie,
            gemeente=gemeente,
            geldig_vanaf=d["geldig_vanaf"],
            cijfers=formulier.cijfers,
            door=request.user,
            reden=d["reden"] or None,
        ),
        melding=lambda v: (
            f"Verwacht aanbod {gemeente.naam} vanaf {opmaak.datum(v.geldig_vanaf)} opgeslagen."
        ),
        naar=_url(corporatie, m, gemeente).replace("#aanbod-", "#verwachting-"),
        opnieuw=lambda: _pagina_met(request, corporatie, m, blok),
    )
