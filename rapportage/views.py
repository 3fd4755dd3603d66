from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from organisaties import toegang
from rapportage.peildatum import lees_peildatum, standaard_peildatum
from rapportage.stand import positie


@login_required
@require_http_methods(["GET"])
def gemeente_dashboard(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    peildatum, fout = lees_peildatum(request.GET.get("peildatum"))
    if peildatum is None:
        peildatum = standaard_peildatum(gemeente)
    return render(
        request,
        "rapportage/gemeente.html",
        {
            "gemeente": gemeente,
            "positie": positie(gemeente, peildatum),
            "peildatum": peildatum,
            "peildatum_fout": fout,
        },
    )
