"""/gemeenten/<cbs>/prognose/: the forecast per milestone and the scenario comparison.

Who may do what (``organisaties.toegang``):
- reading the page, also with another peildatum or with scenario parameters filled in
  ("doorrekenen": a GET that computes in place and saves nothing) is for everyone who may see
  the gemeente: harmless, and the province and the taskforce ask exactly these what-ifs;
- saving or deleting a scenario (POST) changes what others see: the opgaveteam only
  (``Handeling.SCENARIO_WIJZIGEN``); others get 403, another gemeente's users 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from kern.invoer import lees_peildatum
from organisaties import toegang
from organisaties.toegang import Handeling
from organisaties.views.schrijven import schrijf
from organisaties.wijzigen import Conflict
from prognose import selectors, services
from prognose.forms import OpslaanFormulier, ScenarioFormulier
from prognose.models import Scenario
from prognose.rekenen import scenario as scenario_regels
from prognose.rekenen.gegevens import METHODEN
from taakstelling.selectors import standaard_peildatum

TEMPLATE = "prognose/prognose.html"
EIGEN = "uw scenario"
AANNAMES = {
    "bezetting": "Bezetting",
    "aandeel_urgenten": "Aandeel vrijkomende corporatiewoningen naar urgenten",
    "aandeel_vh": "Aandeel van de urgente toewijzingen naar vergunninghouders",
    "plafond_vh": "Plafond naar vergunninghouders (prestatieafspraak)",
    "mutaties": "Aanbod",
}


class Kolom:
    """One column of the scenario comparison."""

    def __init__(self, titel, prognose, *, bron, scenario=None, nieuw=False):
        self.titel = titel
        self.prognose = prognose
        self.bron = bron  # "snapshot" or "live"
        self.scenario = scenario
        self.nieuw = nieuw
        namen = {a.code: a.naam for a in prognose.acties}
        try:
            parameters = scenario_regels.uit_dict(prognose.parameters)
        except ValueError:
            parameters = scenario_regels.Parameters()
        self.aannames = scenario_regels.beschrijving(parameters, namen)


def _rijen(kolommen: list[Kolom]) -> list[dict]:
    """Rows of the comparison: per milestone the verdict, the three forecasts and the
    probability."""
    basis = kolommen[0].prognose
    rijen = []
    for i, m in enumerate(basis.mijlpalen):
        for methode in ("oordeel", *METHODEN, "kans"):
            cellen = []
            for k in kolommen:
                mp = k.prognose.mijlpalen[i] if i < len(k.prognose.mijlpalen) else None
                if mp is None or mp.datum != m.datum:
                    cellen.append(None)
                elif methode == "kans":
                    cellen.append({"kans": mp.kans})
                elif methode == "oordeel":
                    cellen.append({"oordeel": mp.oordeel})
                else:
                    cellen.append({"v": mp.voorspelling(methode)})
            rijen.append({"mijlpaal": m, "methode": methode, "cellen": cellen})
    return rijen


def _pagina(request, gemeente, *, status=200, opslaan_formulier=None, melding=None):
    peildatum, peil_fout = lees_peildatum(request.GET.get("peildatum"))
    rekenstatus = selectors.rekenstatus(gemeente)
    snapshots = selectors.actuele_snapshots(gemeente)
    scenarios = selectors.scenarios(gemeente)
    basis_snapshot = snapshots.get(None)
    if peildatum is None:
        peildatum = basis_snapshot.peildatum if basis_snapshot else standaard_peildatum(gemeente)

    # Snapshots where they match the peildatum; the rest is computed in one go, not saved.
    te_berekenen: list[tuple[str | None, object]] = []
    if basis_snapshot is None or basis_snapshot.peildatum != peildatum:
        te_berekenen.append((None, None))
    for s in scenarios:
        snap = snapshots.get(s.pk)
        if snap is None or snap.peildatum != peildatum:
            try:
                te_berekenen.append((s.naam, scenario_regels.uit_dict(s.parameters)))
            except ValueError:
                continue
    geladen = None
    if request.GET.get("scenario"):
        geladen = next((s for s in scenarios if s.slug == request.GET["scenario"]), None)
    gegevens = request.GET.copy()
    if geladen is not None and not any(
        (gegevens.get(k) or "").strip() for k in gegevens if k not in ("peildatum", "scenario")
    ):
        for k, v in scenario_regels.als_formulier(_opgeslagen(geladen)).items():
            gegevens[k] = v
        doorrekenen_gevraagd = False
    else:
        doorrekenen_gevraagd = True

    live, batch = {}, None
    if te_berekenen:
        live, batch = services.prognoses(gemeente, peildatum, te_berekenen)
    basis = live[None] if None in live else basis_snapshot.prognose()
    formulier = ScenarioFormulier(gegevens, basis=basis)
    eigen = None
    if doorrekenen_gevraagd and formulier.ingevuld and formulier.is_valid():
        eigen = services.prognoses(
            gemeente, peildatum, [(EIGEN, formulier.parameters)], batch=batch
        )[0][EIGEN]
    kolommen = [
        Kolom("Basis", basis, bron="live" if None in live else "snapshot"),
    ]
    for s in scenarios:
        if s.naam in live:
            kolommen.append(Kolom(s.naam, live[s.naam], bron="live", scenario=s))
        elif s.pk in snapshots:
            kolommen.append(Kolom(s.naam, snapshots[s.pk].prognose(), bron="snapshot", scenario=s))
    if eigen is not None:
        kolommen.append(Kolom("Uw scenario (niet opgeslagen)", eigen, bron="live", nieuw=True))

    mag_wijzigen = toegang.mag(request.user, Handeling.SCENARIO_WIJZIGEN, gemeente=gemeente)
    if opslaan_formulier is None:
        opslaan_formulier = OpslaanFormulier(
            initial={
                "naam": geladen.naam if geladen else "",
                "omschrijving": geladen.omschrijving if geladen else "",
            }
        )
    context = {
        "gemeente": gemeente,
        "peildatum": peildatum,
        "peildatum_fout": peil_fout,
        "prognose": basis,
        "aannames": [(AANNAMES.get(k, k), tekst) for k, tekst in basis.aannames],
        "basis_live": None in live,
        "actualiteit": selectors.actualiteit(basis_snapshot, rekenstatus),
        "snapshot": basis_snapshot,
        "kolommen": kolommen,
        "rijen": _rijen(kolommen),
        "scenarios": scenarios,
        "geladen": geladen,
        "formulier": formulier,
        "eigen": eigen,
        "verborgen": [
            (k, v)
            for k, v in scenario_regels.als_formulier(eigen_parameters(formulier, geladen)).items()
            if v
        ],
        "opslaan_formulier": opslaan_formulier,
        "mag_wijzigen": mag_wijzigen,
        "melding": melding,
    }
    if request.htmx and request.htmx.target == "vergelijking":
        return render(request, f"{TEMPLATE}#vergelijking", context, status=status)
    return render(request, TEMPLATE, context, status=status)


def eigen_parameters(formulier: ScenarioFormulier, geladen: Scenario | None):
    """What 'opslaan' saves: the parameters in the form (or the loaded scenario's)."""
    if formulier.is_bound and formulier.is_valid():
        return formulier.parameters
    if geladen is not None:
        return _opgeslagen(geladen)
    return scenario_regels.Parameters()


def _opgeslagen(s: Scenario) -> scenario_regels.Parameters:
    """A saved scenario's parameters; ones that no longer parse count as the basis."""
    try:
        return scenario_regels.uit_dict(s.parameters)
    except ValueError:
        return scenario_regels.Parameters()


@login_required
@require_http_methods(["GET"])
def prognose(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    if request.htmx and request.GET.get("deel") == "status":
        return _status(request, gemeente)
    return _pagina(request, gemeente)


def _status(request, gemeente) -> HttpResponse:
    snapshot = selectors.nieuwste_snapshot(gemeente)
    return render(
        request,
        f"{TEMPLATE}#status",
        {
            "gemeente": gemeente,
            "actualiteit": selectors.actualiteit(snapshot, selectors.rekenstatus(gemeente)),
            "snapshot": snapshot,
            "na_poll": True,
        },
    )


@login_required
@require_http_methods(["POST"])
def scenario_opslaan(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.SCENARIO_WIJZIGEN, gemeente=gemeente)
    opslaan_formulier = OpslaanFormulier(request.POST)
    # The assumptions come along from the other form on the page: their errors go at the top
    # of this one (after its own), and then it is not valid.
    parameters, fouten = scenario_regels.lees(request.POST)
    for veld, fout in fouten.items():
        opslaan_formulier.add_error(None, f"{veld}: {fout}")
    versie = request.POST.get("versie") or None
    return schrijf(
        request,
        opslaan_formulier,
        lambda d: services.scenario_opslaan(
            gemeente=gemeente,
            naam=d["naam"],
            omschrijving=d["omschrijving"],
            parameters=parameters,
            door=request.user,
            versie=int(versie) if versie and versie.isdigit() else None,
        ),
        conflict="Er bestaat al een scenario met deze naam, of iemand anders heeft het intussen "
        "gewijzigd. Laad het scenario opnieuw of kies een andere naam.",
        conflict_veld="naam",
        melding=lambda rij: f"Scenario ‘{rij.naam}’ is opgeslagen; de berekening wordt bijgewerkt.",
        naar=lambda rij: f"{reverse('prognose', args=[gemeente.cbs_code])}?scenario={rij.slug}",
        opnieuw=lambda: _pagina(request, gemeente, opslaan_formulier=opslaan_formulier),
    )


# Not through organisaties.views.schrijven.schrijf: there is no form here (a button with the
# version), and a conflict is a warning on the page, not a message at a form.
@login_required
@require_http_methods(["POST"])
def scenario_verwijderen(request, cbs: str, slug: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.SCENARIO_WIJZIGEN, gemeente=gemeente)
    rij = get_object_or_404(Scenario, gemeente=gemeente, slug=slug)
    versie = request.POST.get("versie") or ""
    try:
        services.scenario_verwijderen(
            scenario=rij, door=request.user, versie=int(versie) if versie.isdigit() else None
        )
    except Conflict:
        return _pagina(
            request,
            gemeente,
            melding=f"Scenario ‘{rij.naam}’ is intussen gewijzigd en niet verwijderd. "
            "Bekijk de nieuwe versie en probeer het opnieuw.",
        )
    messages.success(request, f"Scenario ‘{rij.naam}’ is verwijderd.")
    return redirect("prognose", gemeente.cbs_code)
