"""The audit trail of a gemeente: /gemeenten/<cbs>/wijzigingen/ (issue 'Invoer' §6)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from kern.perioden import Maand
from organisaties import toegang
from rapportage.selectors.wijzigingen import Filter, personen, referentiewijzigingen
from rapportage.selectors.wijzigingen import wijzigingen as lees_wijzigingen


@login_required
@require_http_methods(["GET"])
def wijzigingen(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    fouten: dict[str, str] = {}
    maand = None
    maand_tekst = (request.GET.get("maand") or "").strip()
    if maand_tekst:
        try:
            maand = Maand.lees(maand_tekst)
        except ValueError as e:
            fouten["maand"] = str(e)
    # A corporatie sees the gemeente's figures, but not other corporaties' supply rows and
    # expectations: the selectors scope by the user (organisaties.toegang).
    wie = personen(gemeente, request.user)
    persoon_id = None
    persoon_tekst = (request.GET.get("persoon") or "").strip()
    if persoon_tekst:
        gekozen = next((p for p in wie if str(p.pk) == persoon_tekst), None)
        if gekozen is None:
            fouten["persoon"] = "Kies een persoon uit de lijst."
        else:
            persoon_id = gekozen.pk
    try:
        pagina = int(request.GET.get("pagina", "1")[:9])
    except ValueError:
        pagina = 1
    filter_ = Filter(maand=maand, persoon_id=persoon_id)
    resultaat = lees_wijzigingen(gemeente, request.user, filter_, pagina=pagina)
    query = {k: v for k, v in (("maand", maand_tekst), ("persoon", persoon_tekst)) if v}
    return render(
        request,
        "taakstelling/wijzigingen.html",
        {
            "gemeente": gemeente,
            "resultaat": resultaat,
            # The general note on reference data: on the first, unfiltered page only.
            "referentie": None
            if query or resultaat.pagina > 1
            else referentiewijzigingen(gemeente),
            "personen": wie,
            "maand": maand,
            "maand_tekst": maand_tekst,
            "persoon_tekst": persoon_tekst,
            "fouten": fouten,
            "query": urlencode(query),
            "gefilterd": bool(query),
        },
    )
