"""/gemeenten/<cbs>/afstemming/: the gemeente's own count, the corporaties' allocations to VH
and COA's count side by side, per month and half-year, each difference with its likely cause
(issue 15 item 6)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from kern.perioden import Halfjaar
from organisaties import toegang
from rapportage.selectors import afstemming as selector


@login_required
@require_http_methods(["GET"])
def afstemming(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    fout = None
    halfjaar = None
    if tekst := request.GET.get("halfjaar"):
        try:
            halfjaar = Halfjaar.lees(tekst)
        except ValueError as e:
            fout = str(e)
    halfjaar = halfjaar or selector.standaard_halfjaar(gemeente, timezone.localdate())
    alleen = toegang.zichtbare_aanbod_corporaties(request.user, gemeente)
    regels = selector.voor(request.user, gemeente, selector.afstemmen(gemeente, halfjaar, alleen))
    return render(
        request,
        "rapportage/afstemming.html",
        {
            "gemeente": gemeente,
            "halfjaar": halfjaar,
            "vorige": halfjaar.plus(-1),
            "volgende": halfjaar.plus(1),
            "fout": fout,
            "regels": regels,
            "alleen_eigen": alleen is not None,
        },
        status=400 if fout else 200,
    )
