"""/gemeenten/<cbs>/overleg/: the taskforce meeting pack for a meeting date, its exports
(?formaat=pdf|xlsx|csv) and the decisions.

Who may do what (``organisaties.toegang``): everyone who may see the gemeente reads the page
and downloads the pack; recording a decision (POST) is for the gemeente's opgaveteam only
(``Handeling.OVERLEG_VASTLEGGEN``): the taskforce, the province and the corporaties get 403,
another organisation 404.
"""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from kern.invoer import lees_peildatum
from organisaties import toegang
from organisaties.toegang import Handeling
from organisaties.views.schrijven import schrijf
from rapportage import forms, frames, services
from rapportage import selectors as queries
from rapportage.models import Besluit, Overleg
from rapportage.selectors import overleg as overleg_selectors
from rapportage.views.dashboard import dashboard_context

FORMATEN = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def context(request, gemeente, datum: date) -> dict:
    deze = Overleg.objects.filter(gemeente=gemeente, datum=datum).select_related("stand").first()
    vorige = (
        Overleg.objects.filter(gemeente=gemeente, datum__lt=datum)
        .select_related("stand")
        .order_by("-datum")
        .first()
    )
    peildatum = overleg_selectors.peildatum_bij(gemeente, datum, deze)
    gegevens = queries.gemeentegegevens(gemeente, peildatum, request.user)
    ctx = dashboard_context(gegevens)
    besluiten = (
        list(
            Besluit.objects.filter(overleg=deze)
            .select_related("vastgelegd_door")
            .order_by("vastgelegd_op", "pk")
        )
        if deze
        else []
    )
    ctx.update(
        {
            "datum": datum,
            "peildatum": peildatum,
            "overleg": deze,
            "vorig_overleg": vorige,
            "overleggen": overleg_selectors.overleggen(gemeente),
            "besluiten": besluiten,
            "acties": frames.acties(gegevens.raster, ctx["prognose"].tot_en_met).to_dict("records"),
            "vergelijking": frames.prognose_vergelijking(
                overleg_selectors.prognose_bij(vorige), ctx["prognose"]
            ).to_dict("records"),
            "wijzigingen": overleg_selectors.wijzigingen_tussen(
                gemeente, request.user, None if vorige is None else vorige.datum, datum
            ),
            "mag_vastleggen": toegang.mag(
                request.user, Handeling.OVERLEG_VASTLEGGEN, gemeente=gemeente
            ),
            "actief": "overleg",
        }
    )
    return ctx


def _datum(request, gemeente) -> tuple[date, str | None]:
    datum, fout = lees_peildatum(request.GET.get("datum"))
    if datum is None:
        laatste = (
            Overleg.objects.filter(gemeente=gemeente)
            .order_by("-datum")
            .values_list("datum", flat=True)
            .first()
        )
        datum = laatste or timezone.localdate()
    return datum, fout


@login_required
@require_http_methods(["GET"])
def overleg(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    datum, fout = _datum(request, gemeente)
    formaat = request.GET.get("formaat")
    ctx = context(request, gemeente, datum)
    if formaat in FORMATEN:
        return _export(ctx, formaat)
    ctx["datum_fout"] = fout
    if formaat:
        ctx["datum_fout"] = "Kies als formaat pdf, xlsx of csv."
    ctx.setdefault("formulier", forms.BesluitFormulier(initial={"datum": datum.isoformat()}))
    return render(request, "rapportage/overleg.html", ctx)


def _export(ctx: dict, formaat: str) -> HttpResponse:
    # Here, not at the top: the PDF export loads WeasyPrint and Plotly's image export, which
    # every other request of this process need not pay for.
    from rapportage.exports import csv, pakket, pdf, xlsx

    inhoud = pakket.bouw(ctx)
    if formaat == "xlsx":
        data = xlsx.werkmap(inhoud)
    elif formaat == "csv":
        data = csv.bestand(inhoud)
    else:
        data = pdf.document(inhoud, ctx)
    antwoord = HttpResponse(data, content_type=FORMATEN[formaat])
    antwoord["Content-Disposition"] = f'attachment; filename="{inhoud.bestandsnaam}.{formaat}"'
    return antwoord


@login_required
@require_http_methods(["POST"])
def besluit_vastleggen(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.OVERLEG_VASTLEGGEN, gemeente=gemeente)
    formulier = forms.BesluitFormulier(request.POST)
    return schrijf(
        request,
        formulier,
        lambda d: services.besluit_vastleggen(
            gemeente=gemeente,
            datum=d["datum"],
            tekst=d["tekst"],
            eigenaar=d["eigenaar"],
            deadline=d["deadline"],
            door=request.user,
        ),
        melding="Het besluit is vastgelegd.",
        naar=lambda _: (
            f"{reverse('overleg', args=[gemeente.cbs_code])}"
            f"?datum={formulier.cleaned_data['datum'].isoformat()}#besluiten-kop"
        ),
        opnieuw=lambda: _met_formulier(request, gemeente, formulier),
    )


def _met_formulier(request, gemeente, formulier) -> HttpResponse:
    """The meeting page again with the decision form and its messages (nothing recorded)."""
    datum = formulier.cleaned_data.get("datum") if hasattr(formulier, "cleaned_data") else None
    datum = datum or timezone.localdate()
    ctx = context(request, gemeente, datum)
    ctx["formulier"] = formulier
    return render(request, "rapportage/overleg.html", ctx)
