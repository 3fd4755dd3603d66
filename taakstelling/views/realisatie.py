"""Month entry: /gemeenten/<cbs>/realisatie/<jjjj-mm>/ (issue 'Invoer' §2).

One form for the whole month. With JavaScript, htmx posts it while typing (``actie=voorbeeld``:
recompute the totals and saldo, save nothing) and on submit (save, swap the form in place);
without JavaScript the same form posts and redirects (post-redirect-get).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from organisaties import toegang
from organisaties.toegang import Handeling
from taakstelling.forms.realisatie import Maandformulier
from taakstelling.perioden import Maand
from taakstelling.selectors_realisatie import (
    maandgegevens,
    maandoverzicht,
    ontbrekende_maanden,
    voorgestelde_maand,
)
from taakstelling.services.realisatie import (
    EERSTE_MAAND,
    Invoercontext,
    Invoerfout,
    Maandconflict,
    controleer_maand,
    realisatie_maand_opslaan,
    reden_nodig,
)

TEMPLATE = "taakstelling/realisatie.html"


def maand_of_404(tekst: str) -> Maand:
    try:
        maand = Maand.parse(tekst)
    except ValueError:
        raise Http404("Deze maand bestaat niet.") from None
    if maand < EERSTE_MAAND:
        raise Http404("Maanden vóór 2000 worden niet bijgehouden.")
    return maand


@login_required
@require_http_methods(["GET"])
def realisatie_actueel(request, cbs: str):
    """The month to work on, or the month asked for with ?maand=JJJJ-MM."""
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    vandaag = timezone.localdate()
    gevraagd = (request.GET.get("maand") or "").strip()
    maand = voorgestelde_maand(gemeente, vandaag)
    if gevraagd:
        try:
            maand = Maand.parse(gevraagd)
            if maand < EERSTE_MAAND:
                raise ValueError
        except ValueError:
            messages.error(request, f"'{gevraagd[:20]}' is geen maand; gebruik de vorm JJJJ-MM.")
            maand = voorgestelde_maand(gemeente, vandaag)
    return redirect("realisatie", cbs=gemeente.cbs_code, maand=str(maand))


@login_required
@require_http_methods(["GET", "POST"])
def realisatie(request, cbs: str, maand: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    maand = maand_of_404(maand)
    if request.method == "POST":
        toegang.vereis(request.user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    vandaag = timezone.localdate()
    toekomst = controleer_maand(maand, vandaag) is not None
    kan_wijzigen = (
        toegang.mag(request.user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente) and not toekomst
    )
    ctx = Invoercontext.laad([gemeente.pk])
    gegevens = maandgegevens(gemeente, maand, ctx)

    if request.method == "GET":
        formulier = Maandformulier(gegevens) if kan_wijzigen else None
        opgeslagen = {r.sleutel: r.cijfers for r in gegevens.regels if r.cijfers}
        overzicht = maandoverzicht(gemeente, maand, opgeslagen, gegevens.ingevuld is not None)
        return _pagina(
            request,
            gemeente,
            maand,
            vandaag,
            gegevens,
            formulier,
            overzicht,
            kan_wijzigen=kan_wijzigen,
            toekomst=toekomst,
        )

    formulier = Maandformulier(gegevens, request.POST)
    if request.POST.get("actie") == "voorbeeld":
        cijfers, ongeldig = formulier.voorbeeld()
        overzicht = maandoverzicht(gemeente, maand, cijfers, True)
        return render(
            request,
            f"{TEMPLATE}#voorbeeld",
            {
                "maand": maand,
                "overzicht": overzicht,
                "voorlopig": True,
                "ongeldig": ongeldig,
                "oob": True,
            },
        )

    try:
        uitkomst = realisatie_maand_opslaan(
            gemeente=gemeente,
            maand=maand,
            regels_in=formulier.regelinvoer(),
            koppeling=formulier.koppelinginvoer(),
            door=request.user,
            reden=formulier.reden,
            vandaag=vandaag,
        )
    # Refused input and conflicts answer 200 with the form and its messages: an expected
    # outcome, not an error for the browser to log (and htmx swaps 2xx only).
    except Invoerfout as fout:
        formulier.zet_fouten(fout)
    except Maandconflict as conflict:
        formulier.zet_conflict(conflict)
    else:
        melding = _melding(maand, uitkomst)
        if not request.htmx:
            messages.success(request, melding)
            return redirect("realisatie", cbs=gemeente.cbs_code, maand=str(maand))
        gegevens = maandgegevens(gemeente, maand, ctx)
        opgeslagen = {r.sleutel: r.cijfers for r in gegevens.regels if r.cijfers}
        overzicht = maandoverzicht(gemeente, maand, opgeslagen, gegevens.ingevuld is not None)
        return _pagina(
            request,
            gemeente,
            maand,
            vandaag,
            gegevens,
            Maandformulier(gegevens),
            overzicht,
            kan_wijzigen=True,
            melding=melding,
        )

    cijfers, ongeldig = formulier.voorbeeld()
    overzicht = maandoverzicht(gemeente, maand, cijfers, True)
    return _pagina(
        request,
        gemeente,
        maand,
        vandaag,
        gegevens,
        formulier,
        overzicht,
        kan_wijzigen=True,
        toekomst=toekomst,
        voorlopig=True,
        ongeldig=ongeldig,
    )


def _melding(maand: Maand, uitkomst) -> str:
    if not uitkomst.iets_gewijzigd:
        return f"Er was niets gewijzigd in {maand.naam}; er is niets opgeslagen."
    delen = []
    if uitkomst.aangemaakt:
        delen.append(f"{uitkomst.aangemaakt} nieuw")
    if uitkomst.gewijzigd:
        delen.append(f"{uitkomst.gewijzigd} gewijzigd")
    if uitkomst.verwijderd:
        delen.append(f"{uitkomst.verwijderd} leeggemaakt")
    tekst = f"{maand.naam.capitalize()} is opgeslagen"
    if delen:
        tekst += " (" + ", ".join(delen) + ")"
    return tekst + "."


def _pagina(
    request,
    gemeente,
    maand,
    vandaag,
    gegevens,
    formulier,
    overzicht,
    *,
    kan_wijzigen,
    toekomst=False,
    melding=None,
    voorlopig=False,
    ongeldig=(),
):
    volgende = maand.plus(1)
    context = {
        "gemeente": gemeente,
        "maand": maand,
        "vorige": maand.plus(-1) if maand > EERSTE_MAAND else None,
        "volgende": volgende if controleer_maand(volgende, vandaag) is None else None,
        "huidige_maand": Maand.van(vandaag),
        "gegevens": gegevens,
        "formulier": formulier,
        "overzicht": overzicht,
        "kan_wijzigen": kan_wijzigen,
        "toekomst": toekomst,
        "reden_nodig": reden_nodig(maand, vandaag),
        "ontbrekend": ontbrekende_maanden(gemeente, vandaag),
        "melding": melding,
        "voorlopig": voorlopig,
        "ongeldig": ongeldig,
    }
    # An htmx save swaps the form in place; everything else is the whole page.
    deel = request.method == "POST" and request.htmx and formulier is not None
    return render(request, f"{TEMPLATE}#formulier" if deel else TEMPLATE, context)
