"""The gemeente dashboard (/gemeenten/<cbs>/) and the province's IBT dashboard
(/provincies/<slug>/): read-only pages for everyone who may see the gemeente or province.

Thin: load through ``organisaties.toegang`` (404 for another organisation's object), read
with ``rapportage.selectors``, shape with ``frames`` and ``charts``, render.
"""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from bemiddeling.huishoudens.aanbod import past_het_aanbod, uit_rij
from kern.invoer import lees_peildatum
from organisaties import toegang
from organisaties.toegang import Huishoudeninzicht
from prognose import tasks
from rapportage import charts, frames, paginacache
from rapportage import selectors as queries
from taakstelling.models import Bron
from taakstelling.officieel import selectors as officiele_cijfers


def peildatum_uit(request, standaard):
    """(peildatum, Dutch error or None) from ?peildatum=; a bad value falls back."""
    peildatum, fout = lees_peildatum(request.GET.get("peildatum"))
    return (peildatum or standaard()), fout


def dashboard_context(gegevens: queries.Gemeentegegevens) -> dict:
    """What the dashboard and the meeting pack show of one gemeente (also for the PDF)."""
    p = gegevens.prognose
    per_datum = {m.datum: m for m in p.mijlpalen}
    cumulatief = frames.cumulatief(gegevens.realisatie, p)
    tabel = frames.maandtabel(gegevens.raster, gegevens.realisatie, p.tot_en_met)
    bron_namen = _bron_namen()
    return {
        "gegevens": gegevens,
        "gemeente": gegevens.gemeente,
        "positie": gegevens.positie,
        "prognose": p,
        "mijlpalen": [
            (ms, per_datum.get(ms.mijlpaal.datum)) for ms in gegevens.positie.stand.mijlpalen
        ],
        "cumulatief": cumulatief,
        "cumulatief_rijen": cumulatief.to_dict("records"),
        "grafiek_cumulatief": charts.cumulatief_figuur(
            cumulatief, f"{gegevens.gemeente.naam}: geteld gerealiseerd tegen de mijlpalen"
        ),
        "maandtabel": tabel,
        "per_bron": frames.per_bron(
            gegevens.raster, gegevens.per_bron, p.tot_en_met, bron_namen
        ).to_dict("records"),
    }


def _bron_namen() -> dict[str, str]:
    """Reference data, read once per ``paginacache.TTL`` (an edited name shows after at most
    five minutes, as the cached pages do)."""
    return cache.get_or_set(
        "bron_namen", lambda: dict(Bron.objects.values_list("code", "naam")), paginacache.TTL
    )


def _gecachet(soort: str, sleutel: tuple, stand, fout: str | None, maak) -> str:
    """The content from ``paginacache`` (never for a request with an invalid peildatum: its
    message belongs to that request only)."""
    return maak() if fout else paginacache.inhoud(soort, sleutel, stand, maak)


@login_required
@require_http_methods(["GET"])
def gemeente_dashboard(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    # The data version and the default peildatum in one query (rapportage/paginacache.py).
    stand = paginacache.gemeentestand(gemeente, timezone.localdate())
    peildatum, fout = peildatum_uit(request, lambda: stand.standaard_peildatum)
    alleen = queries.zichtbare_corporaties(request.user, gemeente)
    # "Past het aanbod?" (issue 14 §9): exact counts for the opgaveteam, below 5 hidden for
    # everyone else; today's households, whatever the peildatum (the key holds today).
    volledig = toegang.huishoudeninzicht(request.user, gemeente) == Huishoudeninzicht.VOLLEDIG
    wachtend, per_maand = uit_rij(stand.paneel)

    def maak() -> str:
        gegevens = queries.gemeentegegevens(gemeente, peildatum, request.user)
        context = dashboard_context(gegevens)
        context.update(
            {
                "peildatum": peildatum,
                "peildatum_fout": fout,
                "aanbod": past_het_aanbod(
                    gemeente,
                    stand.vandaag,
                    verbergen=not volledig,
                    wachtend=wachtend,
                    per_maand=per_maand,
                ),
            }
        )
        return render_to_string("rapportage/gemeente_inhoud.html", context)

    sleutel = (
        gemeente.pk,
        peildatum.isoformat(),
        None if alleen is None else sorted(alleen),
        volledig,
    )
    return render(
        request,
        "rapportage/gemeente.html",
        {
            "gemeente": gemeente,
            "actief": "gemeente",
            "inhoud": _gecachet("gemeente", sleutel, stand, fout, maak),
        },
    )


def provincie_context(provincie, peildatum) -> dict:
    """What the IBT dashboard shows of a province on a peildatum (also for its PDF): the
    rows, their status and trede, the totals and the ranking."""
    gegevens = queries.provinciegegevens(provincie, peildatum)
    # No forecast is computed for this page: a gemeente without a snapshot at this peildatum
    # is asked of the worker, and the page says it is being recomputed (the snapshot raises
    # the data version, so the next request renders it). Without a worker (eager:
    # development) it is computed at once and read again.
    zonder = [g.gemeente.pk for g in gegevens if g.prognose is None]
    if zonder and tasks.peildatum_aanvragen(zonder, peildatum):
        gegevens = queries.provinciegegevens(provincie, peildatum)
    tabel = frames.provincietabel(gegevens, peildatum)
    rijen = tabel.to_dict("records") if len(tabel) else []
    officieel = officiele_cijfers.officiele_kolommen(
        provincie, rijen, peildatum, {g.gemeente.cbs_code: g.gemeente.pk for g in gegevens}
    )
    # The verdict, its colour, the ranking and the totals follow the province's setting.
    frames.oordeel_volgens_instelling(
        rijen, {g.gemeente.cbs_code: g.prognose for g in gegevens}, peildatum
    )
    gevolgd = frames.als_tabel(rijen)
    return {
        "provincie": provincie,
        "peildatum": peildatum,
        "rijen": rijen,
        "officieel": officieel,
        "ranglijst": frames.ranglijst(rijen),
        "totalen": frames.totalen(gevolgd),
        "periode": tabel["periode"].iloc[0] if len(tabel) else None,
        "gegevens": gegevens,
        "grafiek_ranglijst": charts.ranglijst_figuur(
            gevolgd, f"{provincie.naam}: gerealiseerd als deel van de opgave"
        ),
        "illustratief": any(g.gemeente.illustratief for g in gegevens),
    }


@login_required
@require_http_methods(["GET"])
def provincie_dashboard(request, slug: str):
    provincie = toegang.provincie_of_404(request.user, slug)
    stand = paginacache.provinciestand(provincie, timezone.localdate())
    peildatum, fout = peildatum_uit(request, lambda: stand.standaard_peildatum)
    if request.GET.get("formaat") == "pdf":
        # Here, not at the top: WeasyPrint is loaded only by a request for a PDF.
        from rapportage.exports import ibt

        inhoud = ibt.document(provincie_context(provincie, peildatum))
        antwoord = HttpResponse(inhoud, content_type="application/pdf")
        antwoord["Content-Disposition"] = (
            f'attachment; filename="ibt-{provincie.slug}-{peildatum.isoformat()}.pdf"'
        )
        return antwoord

    def maak() -> str:
        context = provincie_context(provincie, peildatum)
        context["peildatum_fout"] = fout
        return render_to_string("rapportage/provincie_inhoud.html", context)

    inhoud = _gecachet("provincie", (provincie.pk, peildatum.isoformat()), stand, fout, maak)
    return render(request, "rapportage/provincie.html", {"provincie": provincie, "inhoud": inhoud})
