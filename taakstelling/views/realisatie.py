"""Month entry: /gemeenten/<cbs>/realisatie/<jjjj-mm>/ (issue 'Invoer' §2).

One form for the whole month. With JavaScript, htmx posts it while typing (``actie=voorbeeld``:
recompute the totals and saldo, save nothing) and on submit (save, swap the form in place);
without JavaScript the same form posts and redirects (post-redirect-get).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from kern.perioden import Maand, maandnavigatie
from organisaties import toegang
from organisaties.forms import maand_of_404
from organisaties.toegang import Handeling
from organisaties.wijzigen import Conflict
from taakstelling.forms.realisatie import Maandformulier
from taakstelling.selectors import saldo_invoer
from taakstelling.selectors.realisatie import (
    maandgegevens,
    maandoverzicht,
    ontbrekende_maanden,
    voorgestelde_maand,
)
from taakstelling.services.realisatie import (
    Invoercontext,
    Invoerfout,
    Maandconflict,
    controleer_maand,
    per_huishouden,
    realisatie_maand_opslaan,
    reden_nodig,
)

TEMPLATE = "taakstelling/realisatie.html"


@login_required
@require_http_methods(["GET"])
def realisatie_actueel(request, cbs: str):
    """The month to work on, or the month asked for with ?maand=JJJJ-MM."""
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    gevraagd = (request.GET.get("maand") or "").strip()
    if gevraagd:
        try:
            return redirect("realisatie", cbs=gemeente.cbs_code, maand=str(Maand.lees(gevraagd)))
        except ValueError as e:
            messages.error(request, str(e))
    maand = voorgestelde_maand(gemeente, timezone.localdate())
    return redirect("realisatie", cbs=gemeente.cbs_code, maand=str(maand))


def _opgeslagen_overzicht(gemeente, maand, gegevens, saldo):
    """The month's overview from the figures as saved (not from a form being filled in)."""
    opgeslagen = {r.sleutel: r.cijfers for r in gegevens.regels if r.cijfers}
    return maandoverzicht(gemeente, maand, opgeslagen, gegevens.ingevuld, saldo)


@login_required
@require_http_methods(["GET", "POST"])
def realisatie(request, cbs: str, maand: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    maand = maand_of_404(maand)
    if request.method == "POST":
        toegang.vereis(request.user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    vandaag = timezone.localdate()
    toekomst = controleer_maand(maand, vandaag) is not None
    # Issue 14: a month kept per household takes its realisation from the moves, not typed.
    afgeleid = per_huishouden(gemeente, maand)
    kan_wijzigen = (
        toegang.mag(request.user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
        and not toekomst
        and not afgeleid
    )
    # Reference data and the saldo inputs: read once per request, for the page, the preview
    # and the service.
    ctx = Invoercontext.laad([gemeente.pk])
    saldo = saldo_invoer(gemeente)
    gegevens = maandgegevens(gemeente, maand, ctx, saldo)

    if request.method == "GET":
        return _pagina(
            request,
            gemeente,
            maand,
            vandaag,
            saldo,
            gegevens,
            Maandformulier(gegevens) if kan_wijzigen else None,
            _opgeslagen_overzicht(gemeente, maand, gegevens, saldo),
            kan_wijzigen=kan_wijzigen,
            toekomst=toekomst,
            afgeleid=afgeleid,
        )

    formulier = Maandformulier(gegevens, request.POST)
    if request.POST.get("actie") == "voorbeeld":
        cijfers, ongeldig = formulier.voorbeeld()
        overzicht = maandoverzicht(gemeente, maand, cijfers, True, saldo)
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

    # Not through organisaties.views.schrijven.schrijf: the month form is no Django form but
    # rows of cells, the service refuses per cell and per row (Invoerfout, Maandconflict),
    # and after an htmx save the form comes back fresh from the saved figures.
    try:
        uitkomst = realisatie_maand_opslaan(
            gemeente=gemeente,
            maand=maand,
            regels_in=formulier.regelinvoer(),
            koppeling=formulier.koppelinginvoer(),
            door=request.user,
            reden=formulier.reden,
            vandaag=vandaag,
            ctx=ctx,
        )
    # Refused input and conflicts answer 200 with the form and its messages: an expected
    # outcome, not an error for the browser to log (and htmx swaps 2xx only).
    except Invoerfout as fout:
        formulier.zet_fouten(fout)
    except Maandconflict as conflict:
        formulier.zet_conflict(conflict)
    except Conflict as conflict:  # a row created at the same moment (the lock should prevent it)
        formulier.maandfouten["maand"] = str(conflict)
    else:
        melding = _melding(maand, uitkomst)
        if not request.htmx:
            messages.success(request, melding)
            return redirect("realisatie", cbs=gemeente.cbs_code, maand=str(maand))
        saldo = saldo_invoer(gemeente)
        gegevens = maandgegevens(gemeente, maand, ctx, saldo)
        return _pagina(
            request,
            gemeente,
            maand,
            vandaag,
            saldo,
            gegevens,
            Maandformulier(gegevens),
            _opgeslagen_overzicht(gemeente, maand, gegevens, saldo),
            kan_wijzigen=True,
            melding=melding,
        )

    cijfers, ongeldig = formulier.voorbeeld()
    overzicht = maandoverzicht(gemeente, maand, cijfers, True, saldo)
    return _pagina(
        request,
        gemeente,
        maand,
        vandaag,
        saldo,
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
    saldo,
    gegevens,
    formulier,
    overzicht,
    *,
    kan_wijzigen,
    toekomst=False,
    afgeleid=False,
    melding=None,
    voorlopig=False,
    ongeldig=(),
):
    # The current month may be entered already; a later one may be opened but not entered.
    vorige, volgende = maandnavigatie(maand, laatste=Maand.van(vandaag))
    nodig = reden_nodig(maand, vandaag)
    context = {
        "gemeente": gemeente,
        "maand": maand,
        "vorige": vorige,
        "volgende": volgende,
        "huidige_maand": Maand.van(vandaag),
        "gegevens": gegevens,
        "formulier": formulier,
        "overzicht": overzicht,
        "kan_wijzigen": kan_wijzigen,
        "toekomst": toekomst,
        "afgeleid": afgeleid,
        "reden_nodig": nodig,
        "voet": formulier.voet(maand=maand, gemeente_naam=gemeente.naam, reden_nodig=nodig)
        if formulier is not None
        else None,
        "ontbrekend": ontbrekende_maanden(gemeente, vandaag, saldo),
        "melding": melding,
        "voorlopig": voorlopig,
        "ongeldig": ongeldig,
    }
    # An htmx save swaps the form in place; everything else is the whole page.
    deel = request.method == "POST" and request.htmx and formulier is not None
    # A save (melding) changes the month's status: swap it out of band with the form.
    context["status_oob"] = bool(deel and melding)
    return render(request, f"{TEMPLATE}#formulier" if deel else TEMPLATE, context)
