"""Toezicht by the provincie (R5, R12): the IBT status with its history, and the provincie's own
milestones. Everyone who sees the gemeente reads these; only its provincie changes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from kern import opmaak
from organisaties import toegang
from organisaties.models import Brondocument
from organisaties.toegang import Handeling
from organisaties.views.schrijven import schrijf
from organisaties.wijzigen import Conflict
from taakstelling import selectors
from taakstelling.models import IbtStatus, Mijlpaal
from taakstelling.toezicht import services as diensten
from taakstelling.toezicht.forms import (
    IbtFormulier,
    MijlpaalFormulier,
    MijlpaalVerwijderenFormulier,
)
from taakstelling.toezicht.services import IbtConflict

KLEUR_ICOON = {"groen": "✓", "oranje": "!", "rood": "✕", "wit": "○"}


@dataclass(frozen=True)
class Kleur:
    """An IBT colour as text and icon, never by colour alone; verschoonbaar shows as wit."""

    code: str

    @property
    def naam(self) -> str:
        return "wit (verschoonbaar)" if self.code == "wit" else self.code

    @property
    def icoon(self) -> str:
        return KLEUR_ICOON.get(self.code, "?")


def kleur_van(status: IbtStatus) -> Kleur:
    return Kleur("wit" if status.verschoonbaar else status.trede.kleur)


# --- IBT ------------------------------------------------------------------------------------


def _ibt_toon(request, gemeente, formulier=None, conflict: IbtStatus | None = None, status=200):
    kan = toegang.mag(request.user, Handeling.IBT_WIJZIGEN, gemeente=gemeente)
    historie = list(selectors.ibt_historie(gemeente))
    huidig = historie[0] if historie else None
    if kan and formulier is None:
        formulier = IbtFormulier(
            provincie_id=gemeente.provincie_id, initial={"huidig": huidig.pk if huidig else None}
        )
    return render(
        request,
        "taakstelling/ibt.html",
        {
            "gemeente": gemeente,
            "kan_wijzigen": kan,
            "huidig": huidig,
            "huidig_kleur": kleur_van(huidig) if huidig else None,
            "historie": [(s, kleur_van(s)) for s in historie],
            "formulier": formulier if kan else None,
            "conflict": conflict,
            "conflict_kleur": kleur_van(conflict) if conflict else None,
            "beheerder": toegang.toegang(request.user).beheerder,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ibt(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    if request.method == "GET":
        return _ibt_toon(request, gemeente)
    toegang.vereis(request.user, Handeling.IBT_WIJZIGEN, gemeente=gemeente)
    formulier = IbtFormulier(request.POST, provincie_id=gemeente.provincie_id)

    def conflict(c: IbtConflict) -> HttpResponse:
        # Show the newer status beside the user's input; saving again means "still mine".
        formulier.zet_invoer("huidig", c.huidig.pk if c.huidig else "")
        return _ibt_toon(request, gemeente, formulier, conflict=c.huidig)

    return schrijf(
        request,
        formulier,
        lambda d: diensten.ibt_status_vastleggen(
            gemeente=gemeente,
            trede=d["trede"],
            sinds=d["sinds"],
            reden=d["reden"],
            verschoonbaar=d["verschoonbaar"],
            verschoonbaar_grond=d["verschoonbaar_grond"],
            door=request.user,
            huidig_id=d["huidig"],
            **formulier.bron_gegevens(),
        ),
        conflict=conflict,
        melding=lambda nieuw: (
            f"IBT-status vastgelegd: trede {nieuw.trede.nummer} ({nieuw.trede.naam}) sinds "
            f"{opmaak.datum(nieuw.sinds)}."
        ),
        naar=reverse("ibt", args=[gemeente.cbs_code]),
        opnieuw=lambda: _ibt_toon(request, gemeente, formulier),
    )


# --- milestones -----------------------------------------------------------------------------


@dataclass
class Mijlpaalregel:
    mijlpaal: Mijlpaal
    formulier: MijlpaalFormulier | None = None
    verwijderformulier: MijlpaalVerwijderenFormulier | None = None
    open: bool = False

    @property
    def sleutel(self) -> str:
        return self.mijlpaal.datum.isoformat()


def _mijlpaal(gemeente, datum: str) -> Mijlpaal:
    try:
        d = date.fromisoformat(datum)
    except ValueError as exc:
        raise Http404("Geen geldige datum.") from exc
    m = Mijlpaal.objects.filter(gemeente=gemeente, datum=d).first()
    if m is None:
        raise Http404("Op deze datum ligt geen mijlpaal.")
    m.gemeente = gemeente
    return m


def _mijlpalen_toon(request, gemeente, nieuw=None, vervang: dict | None = None):
    kan = toegang.mag(request.user, Handeling.MIJLPAAL_WIJZIGEN, gemeente=gemeente)
    # The documents to cite, read once for every form on the page.
    documenten = list(Brondocument.objects.all()) if kan else None
    eigen = []
    for m in Mijlpaal.objects.filter(gemeente=gemeente).select_related(
        "vastgesteld_door", "brondocument"
    ):
        r = Mijlpaalregel(m)
        if kan and m.gezet_door == Mijlpaal.GezetDoor.PROVINCIE:
            r.formulier = MijlpaalFormulier(
                documenten=documenten,
                prefix=f"m-{r.sleutel}",
                initial={
                    "datum": m.datum,
                    "doel": m.doel,
                    "startdatum": m.startdatum,
                    "omschrijving": m.omschrijving,
                    "brondocument": m.brondocument_id,
                    "paragraaf": m.paragraaf,
                    "bron": m.bron,
                    "versie": m.versie,
                },
            )
            r.verwijderformulier = MijlpaalVerwijderenFormulier(
                prefix=f"md-{r.sleutel}", initial={"versie": m.versie}
            )
            for attribuut, f in (vervang or {}).get(r.sleutel, {}).items():
                setattr(r, attribuut, f)
                r.open = True
        eigen.append(r)
    return render(
        request,
        "taakstelling/mijlpalen.html",
        {
            "gemeente": gemeente,
            "kan_wijzigen": kan,
            "geldend": selectors.geldende_mijlpalen(gemeente),
            "eigen": eigen,
            "nieuw": nieuw or (MijlpaalFormulier(documenten=documenten) if kan else None),
            "beheerder": toegang.toegang(request.user).beheerder,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mijlpalen(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    if request.method == "GET":
        return _mijlpalen_toon(request, gemeente)
    toegang.vereis(request.user, Handeling.MIJLPAAL_WIJZIGEN, gemeente=gemeente)
    formulier = MijlpaalFormulier(request.POST)
    return schrijf(
        request,
        formulier,
        lambda d: diensten.mijlpaal_vastleggen(
            gemeente=gemeente,
            datum=d["datum"],
            doel=d["doel"],
            startdatum=d["startdatum"],
            omschrijving=d["omschrijving"],
            door=request.user,
            reden=d["reden"] or None,
            **formulier.bron_gegevens(),
        ),
        conflict="Op deze datum legde iemand anders zojuist een mijlpaal vast.",
        conflict_veld="datum",
        melding=lambda m: f"Mijlpaal vastgelegd: {m.doel} personen per {opmaak.datum(m.datum)}.",
        naar=reverse("mijlpalen", args=[gemeente.cbs_code]),
        opnieuw=lambda: _mijlpalen_toon(request, gemeente, nieuw=formulier),
    )


@login_required
@require_http_methods(["POST"])
def mijlpaal_wijzigen(request, cbs: str, datum: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.MIJLPAAL_WIJZIGEN, gemeente=gemeente)
    m = _mijlpaal(gemeente, datum)
    sleutel = m.datum.isoformat()
    formulier = MijlpaalFormulier(request.POST, prefix=f"m-{sleutel}")

    def conflict(c: Conflict) -> None:
        nu = c.huidig
        if nu is None or nu.pk != m.pk:  # gone, or another milestone took the date
            formulier.add_error(
                None, "Iemand anders heeft de mijlpalen intussen gewijzigd; bekijk ze opnieuw."
            )
            return
        d = formulier.cleaned_data
        formulier.add_error(
            None,
            "Iemand anders heeft deze mijlpaal intussen gewijzigd: nu "
            f"{nu.doel} personen per {opmaak.datum(nu.datum)}, geteld vanaf "
            f"{opmaak.datum(nu.startdatum)}; u vulde {d['doel']} personen per "
            f"{opmaak.datum(d['datum'])} in. Sla opnieuw op om uw waarden toch te gebruiken.",
        )
        formulier.zet_invoer("versie", nu.versie)

    return schrijf(
        request,
        formulier,
        lambda d: diensten.mijlpaal_wijzigen(
            mijlpaal=m,
            datum=d["datum"],
            doel=d["doel"],
            startdatum=d["startdatum"],
            omschrijving=d["omschrijving"],
            door=request.user,
            versie=d["versie"],
            reden=d["reden"],
            **formulier.bron_gegevens(),
        ),
        conflict=conflict,
        melding=lambda nieuw: f"Mijlpaal per {opmaak.datum(nieuw.datum)} gewijzigd.",
        naar=reverse("mijlpalen", args=[gemeente.cbs_code]) + "#eigen",
        opnieuw=lambda: _mijlpalen_toon(
            request, gemeente, vervang={sleutel: {"formulier": formulier}}
        ),
    )


@login_required
@require_http_methods(["POST"])
def mijlpaal_verwijderen(request, cbs: str, datum: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.MIJLPAAL_WIJZIGEN, gemeente=gemeente)
    m = _mijlpaal(gemeente, datum)
    sleutel = m.datum.isoformat()
    formulier = MijlpaalVerwijderenFormulier(request.POST, prefix=f"md-{sleutel}")
    return schrijf(
        request,
        formulier,
        lambda d: diensten.mijlpaal_verwijderen(
            mijlpaal=m, door=request.user, versie=d["versie"], reden=d["reden"]
        ),
        conflict="Iemand anders heeft deze mijlpaal intussen gewijzigd; bekijk haar opnieuw.",
        melding=f"Mijlpaal per {opmaak.datum(m.datum)} verwijderd.",
        naar=reverse("mijlpalen", args=[gemeente.cbs_code]),
        opnieuw=lambda: _mijlpalen_toon(
            request, gemeente, vervang={sleutel: {"verwijderformulier": formulier}}
        ),
    )
