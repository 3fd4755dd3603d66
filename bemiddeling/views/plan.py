"""The action plan page (R8): a grid of actions x months, edited inline by the opgaveteam.

Without JavaScript the whole grid is one form (post-redirect-get); with htmx every cell saves
on its own and the totals come along as out-of-band swaps. Either way a cell that someone else
changed in the meantime is a conflict the user resolves, never a silent overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from bemiddeling import selectors
from bemiddeling.forms.plan import (
    ActieFormulier,
    ActieToevoegenFormulier,
    ActieVerwijderenFormulier,
    PlanFormulier,
)
from bemiddeling.models import Actie, Actieplan, ActieType, Planning
from bemiddeling.services import plan as diensten
from bemiddeling.services.plan import Celconflict, Celwaarde, Celwijziging, Rasterfouten
from kern.invoer import lees_versie
from kern.perioden import Maand
from kern.regels import reden_verplicht
from organisaties import selectors as organisatie_selectors
from organisaties import toegang
from organisaties.forms import maand_of_404
from organisaties.historie import laatste_auteurs
from organisaties.models import Corporatie
from organisaties.toegang import Handeling
from organisaties.views.schrijven import schrijf
from organisaties.wijzigen import Conflict
from taakstelling import selectors as taak_selectors
from taakstelling.selectors import standaard_peildatum

SJABLOON = "bemiddeling/plan.html"


# --- lookups (404 for what does not exist or is not the user's to see) ----------------------


def _plan(gemeente, vanaf: str) -> Actieplan:
    try:
        d = date.fromisoformat(vanaf)
    except ValueError as exc:
        raise Http404("Geen plan met deze startdatum.") from exc
    plan = (
        Actieplan.objects.filter(gemeente=gemeente, geldig_vanaf=d)
        .select_related("brondocument")
        .first()
    )
    if plan is None:
        raise Http404("Geen plan met deze startdatum.")
    plan.gemeente = gemeente
    return plan


def _plan_url(gemeente, plan: Actieplan, anker: str = "") -> str:
    return reverse("plan_tonen", args=[gemeente.cbs_code, plan.geldig_vanaf.isoformat()]) + anker


def _actie(plan: Actieplan, code: str) -> Actie:
    actie = Actie.objects.filter(actieplan=plan, type_id=code).select_related("type").first()
    if actie is None:
        raise Http404("Deze actie staat niet in het plan.")
    actie.actieplan = plan
    actie.gemeente = plan.gemeente
    return actie


def _versie(tekst: str | None) -> int | None:
    return lees_versie(tekst)  # -1 when forged: never matches a stored version (a conflict)


def _corporaties(gemeente) -> list[Corporatie]:
    return organisatie_selectors.corporaties_in(gemeente)


def _beschikbaar(plan: Actieplan) -> list[ActieType]:
    """Catalogue actions not yet in the plan, read once (the choice and whether to offer it)."""
    return list(
        ActieType.objects.exclude(code__in=Actie.objects.filter(actieplan=plan).values("type_id"))
    )


# --- what the grid shows per cell -----------------------------------------------------------


@dataclass
class Invoercel:
    """A grid cell as the page shows it: stored values, or what the user just submitted."""

    cel: selectors.Rastercel
    url: str
    tekst: str
    versie: int | None
    was: str
    fout: str | None = None
    conflict: Celconflict | None = None
    conflict_door: str | None = None

    @property
    def sleutel(self) -> str:
        return f"{self.cel.actie.type_id}-{self.cel.maand}"

    @property
    def id(self) -> str:
        return f"cel-{self.sleutel}"

    @property
    def is_cel(self) -> bool:
        return True

    @property
    def ongeldig(self) -> bool:
        return bool(self.fout or self.conflict)


@dataclass
class Staat:
    """Submitted grid state to show again after a failed save (nothing was written)."""

    ingevuld: dict[str, tuple[str, int | None, str]]
    fouten: dict[str, str]
    conflicten: dict[str, Celconflict]


def _invoercellen(raster: selectors.Planraster, gemeente, staat: Staat | None = None):
    """Per row the cells and subtotals in column order, ready for the template."""
    # Who last changed the cells in conflict: two queries, whatever their number.
    auteurs = laatste_auteurs(c.huidig for c in staat.conflicten.values()) if staat else {}
    uitkomst = []
    for rij in raster.rijen:
        kolommen = []
        for k in raster.kolommen:
            if k.maand is None:
                kolommen.append(rij.tussentotalen[k.mijlpaal.datum])
                continue
            cel = rij.cellen[k.maand]
            url = reverse(
                "plan_cel",
                args=[
                    gemeente.cbs_code,
                    raster.plan.geldig_vanaf.isoformat(),
                    cel.actie.type_id,
                    str(cel.maand),
                ],
            )
            ic = Invoercel(cel, url, cel.tekst, cel.versie, cel.tekst)
            if staat is not None:
                if ic.sleutel in staat.ingevuld:
                    ic.tekst, ic.versie, ic.was = staat.ingevuld[ic.sleutel]
                ic.fout = staat.fouten.get(ic.sleutel)
                ic.conflict = staat.conflicten.get(ic.sleutel)
                if ic.conflict is not None and ic.conflict.huidig is not None:
                    huidig = ic.conflict.huidig
                    ic.conflict_door = auteurs.get((type(huidig), huidig.pk), (None, None))[0]
            kolommen.append(ic)
        uitkomst.append((rij, kolommen))
    return uitkomst


# --- page -----------------------------------------------------------------------------------


def _context(request, gemeente, plan: Actieplan | None, **extra) -> dict:
    kan = toegang.mag(request.user, Handeling.PLAN_WIJZIGEN, gemeente=gemeente)
    ctx = {
        "gemeente": gemeente,
        "plan": plan,
        "plannen": selectors.plannen(gemeente),
        "kan_wijzigen": kan,
    }
    if plan is None:
        return ctx | extra
    mijlpalen = taak_selectors.geldende_mijlpalen(gemeente)
    raster = selectors.planraster(plan, mijlpalen)
    corporaties = _corporaties(gemeente) if kan else []
    staat = extra.pop("staat", None)
    actieformulieren = extra.pop("actieformulieren", {})
    acties = []
    for rij in raster.rijen:
        formulier = actieformulieren.get(rij.actie.type_id)
        if formulier is None and kan:
            formulier = ActieFormulier.voor(rij.actie, corporaties)
        acties.append((rij, formulier))
    ctx |= {
        "raster": raster,
        "rijen": _invoercellen(raster, gemeente, staat),
        "acties": acties,
    }
    if kan:
        ctx.setdefault(
            "planformulier",
            PlanFormulier(
                prefix="plan",
                initial={
                    "naam": plan.naam,
                    "van": str(Maand.van(plan.geldig_vanaf)),
                    "tot": str(Maand.van(plan.geldig_tot)),
                    "bezetting": plan.bezetting,
                    "versie": plan.versie,
                },
            ),
        )
        ctx.setdefault(
            "toevoegformulier",
            ActieToevoegenFormulier(beschikbaar=_beschikbaar(plan), corporaties=corporaties),
        )
        vandaag = timezone.localdate()
        ctx["reden_nodig"] = any(reden_verplicht(m, vandaag) for m in raster.maanden)
    return ctx | extra


def _toon(request, gemeente, plan, **extra) -> HttpResponse:
    return render(request, SJABLOON, _context(request, gemeente, plan, **extra))


@login_required
@require_http_methods(["GET"])
def plan(request, cbs: str):
    """The plan in force at the gemeente's peildatum; ?vanaf= chooses another one."""
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    vanaf = request.GET.get("vanaf")
    if vanaf:
        try:
            gekozen = _plan(gemeente, vanaf)
        except Http404:
            messages.error(request, "Dat plan bestaat niet; u ziet het plan dat nu geldt.")
        else:
            return redirect("plan_tonen", gemeente.cbs_code, gekozen.geldig_vanaf.isoformat())
    huidig = selectors.plan_op(gemeente, standaard_peildatum(gemeente))
    if huidig is not None:
        huidig.gemeente = gemeente
    return _toon(request, gemeente, huidig)


@login_required
@require_http_methods(["GET", "POST"])
def plan_tonen(request, cbs: str, vanaf: str):
    """GET: one plan. POST: save the whole grid at once (the form without JavaScript)."""
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    plan = _plan(gemeente, vanaf)
    if request.method == "GET":
        return _toon(request, gemeente, plan)
    toegang.vereis(request.user, Handeling.PLAN_WIJZIGEN, gemeente=gemeente)
    return _raster_opslaan(request, gemeente, plan)


def _raster_opslaan(request, gemeente, plan: Actieplan) -> HttpResponse:
    # Not through organisaties.views.schrijven.schrijf (nor plan_cel): the grid is no Django
    # form; its refusals go per cell into a Staat, and a partly wrong grid saves nothing.
    acties = {a.type_id: a for a in Actie.objects.filter(actieplan=plan).select_related("type")}
    maanden = diensten.plan_maanden(plan)
    reden = request.POST.get("reden", "").strip() or None
    ingevuld: dict[str, tuple[str, int | None, str]] = {}
    fouten: dict[str, str] = {}
    wijzigingen: list[Celwijziging] = []
    for code, actie in acties.items():
        actie.actieplan = plan
        actie.gemeente = gemeente
        for maand in maanden:
            s = f"{code}-{maand}"
            tekst = request.POST.get(f"c-{s}")
            if tekst is None:
                continue
            was = request.POST.get(f"w-{s}", "")
            versie = _versie(request.POST.get(f"v-{s}"))
            keuze = request.POST.get(f"k-{s}")
            if keuze == "huidig":
                continue  # keep what is stored: shown fresh below
            if keuze == "mijn":
                versie = _versie(request.POST.get(f"n-{s}"))
            ingevuld[s] = (tekst, versie, was)
            if keuze is None and tekst.strip() == was.strip():
                continue
            try:
                waarde = Celwaarde.lees(tekst)
                if keuze is None and waarde == Celwaarde.lees(was):
                    continue
            except ValueError as exc:
                fouten[s] = str(exc)
                continue
            wijzigingen.append(Celwijziging(actie, maand, waarde, versie))
    if not fouten:
        try:
            aantal = diensten.planraster_opslaan(
                plan=plan, wijzigingen=wijzigingen, door=request.user, reden=reden
            )
        except Rasterfouten as r:
            fouten |= {f"{code}-{m}": f for (code, m), f in r.fouten.items()}
            conflicten = {f"{c.actie.type_id}-{c.maand}": c for c in r.conflicten}
            return _raster_opnieuw(request, gemeente, plan, ingevuld, fouten, conflicten, r.reden)
        if aantal:
            messages.success(
                request, f"{aantal} {'vak' if aantal == 1 else 'vakken'} van het plan opgeslagen."
            )
        else:
            messages.info(request, "Er was niets gewijzigd.")
        return redirect("plan_tonen", gemeente.cbs_code, plan.geldig_vanaf.isoformat())
    return _raster_opnieuw(request, gemeente, plan, ingevuld, fouten, {}, None)


def _raster_opnieuw(request, gemeente, plan, ingevuld, fouten, conflicten, redenfout):
    aantal = len(fouten) + len(conflicten) + (1 if redenfout else 0)
    return _toon(
        request,
        gemeente,
        plan,
        staat=Staat(ingevuld, fouten, conflicten),
        rasterfout=(
            f"Er is niets opgeslagen: {aantal} "
            f"{'punt vraagt' if aantal == 1 else 'punten vragen'} uw aandacht."
        ),
        redenfout=redenfout,
        reden=request.POST.get("reden", ""),
    )


# --- one cell (htmx; also works as a plain form post) ---------------------------------------


@login_required
@require_http_methods(["POST"])
def plan_cel(request, cbs: str, vanaf: str, code: str, maand: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.PLAN_WIJZIGEN, gemeente=gemeente)
    plan = _plan(gemeente, vanaf)
    actie = _actie(plan, code)
    m = maand_of_404(maand)
    if not plan.geldig_vanaf <= m.eerste_dag <= plan.geldig_tot:
        raise Http404("Deze maand valt buiten het plan.")
    s = f"{code}-{m}"
    tekst = request.POST.get(f"c-{s}", request.POST.get("waarde", ""))
    versie = _versie(request.POST.get(f"v-{s}"))
    keuze = request.POST.get("keuze") or request.POST.get(f"k-{s}")
    reden = request.POST.get("reden", "").strip() or None
    # A cell is no Django form either (see _raster_opslaan): its refusal goes into a Staat.
    staat = Staat({}, {}, {})
    gelukt = True
    melding = None
    if keuze == "huidig":
        melding = "De opgeslagen waarde is gehouden."
    else:
        if keuze == "mijn":
            versie = _versie(request.POST.get(f"n-{s}"))
        try:
            waarde = Celwaarde.lees(tekst)
            diensten.planning_zetten(
                actie=actie, maand=m, waarde=waarde, door=request.user, versie=versie, reden=reden
            )
            melding = f"Opgeslagen: {actie.type.naam}, {m.naam}: {waarde.tekst or 'leeg'}."
        except ValueError as exc:
            staat = Staat({s: (tekst, versie, request.POST.get(f"w-{s}", ""))}, {s: str(exc)}, {})
            gelukt = False
        except Celconflict as c:
            staat = Staat({s: (tekst, versie, request.POST.get(f"w-{s}", ""))}, {}, {s: c})
            gelukt = False
        except ValidationError as e:
            boodschap = " ".join(e.messages)
            if "reden" in e.message_dict:
                boodschap += " Vul die in bij 'Reden van de wijziging' boven het plan."
            staat = Staat({s: (tekst, versie, request.POST.get(f"w-{s}", ""))}, {s: boodschap}, {})
            gelukt = False
    if not request.htmx:
        if gelukt:
            if melding:
                messages.success(request, melding)
            return redirect(
                reverse("plan_tonen", args=[gemeente.cbs_code, plan.geldig_vanaf.isoformat()])
                + f"#cel-{s}"
            )
        return _toon(request, gemeente, plan, staat=staat, rasterfout="Het vak is niet opgeslagen.")
    ctx = _context(request, gemeente, plan, staat=staat)
    ctx["doelcel"] = next(
        c for _, kolommen in ctx["rijen"] for c in kolommen if getattr(c, "id", None) == f"cel-{s}"
    )
    ctx["melding"] = melding
    # 200 also for a message: a 4xx would count as a failed request in the browser.
    return render(request, f"{SJABLOON}#na_cel", ctx)


# --- the plan's own attributes --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_nieuw(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.PLAN_WIJZIGEN, gemeente=gemeente)
    if request.method == "GET":
        formulier = PlanFormulier(initial={"bezetting": settings.STANDAARD_BEZETTING})
        return render(
            request, "bemiddeling/plan_nieuw.html", {"gemeente": gemeente, "form": formulier}
        )
    formulier = PlanFormulier(request.POST)
    return schrijf(
        request,
        formulier,
        lambda d: diensten.actieplan_aanmaken(
            gemeente=gemeente,
            naam=d["naam"],
            van=d["van"],
            tot=d["tot"],
            bezetting=d["bezetting"],
            door=request.user,
        ),
        conflict="Een plan dat in deze maand begint, maakte iemand anders zojuist aan.",
        conflict_veld="van",
        melding=lambda nieuw: f"Plan '{nieuw.naam}' aangemaakt; voeg nu acties toe.",
        naar=lambda nieuw: _plan_url(gemeente, nieuw),
        opnieuw=lambda: render(
            request, "bemiddeling/plan_nieuw.html", {"gemeente": gemeente, "form": formulier}
        ),
    )


@login_required
@require_http_methods(["POST"])
def plan_gegevens(request, cbs: str, vanaf: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.PLAN_WIJZIGEN, gemeente=gemeente)
    plan = _plan(gemeente, vanaf)
    formulier = PlanFormulier(request.POST, prefix="plan")

    def conflict(c: Conflict) -> None:
        nu = c.huidig
        if nu is None or nu.pk != plan.pk:  # another plan took the start month
            formulier.add_error("van", "Er is al een ander plan dat in deze maand begint.")
            return
        formulier.add_error(
            None,
            "Iemand anders heeft de plangegevens intussen gewijzigd: nu "
            f"'{nu.naam}', {Maand.van(nu.geldig_vanaf).naam} t/m "
            f"{Maand.van(nu.geldig_tot).naam}, bezetting "
            f"{str(nu.bezetting).replace('.', ',')}. Uw invoer staat hieronder; "
            "sla hem opnieuw op om hem toch te gebruiken.",
        )
        formulier.zet_invoer("versie", nu.versie)

    return schrijf(
        request,
        formulier,
        lambda d: diensten.actieplan_wijzigen(
            plan=plan,
            naam=d["naam"],
            van=d["van"],
            tot=d["tot"],
            bezetting=d["bezetting"],
            door=request.user,
            versie=d["versie"],
            reden=d["reden"] or None,
        ),
        conflict=conflict,
        melding="De plangegevens zijn opgeslagen.",
        naar=lambda gewijzigd: _plan_url(gemeente, gewijzigd),  # the start may have moved
        opnieuw=lambda: _toon(request, gemeente, plan, planformulier=formulier, plan_open=True),
    )


# --- actions --------------------------------------------------------------------------------


@login_required
@require_http_methods(["POST"])
def plan_actie_toevoegen(request, cbs: str, vanaf: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.PLAN_WIJZIGEN, gemeente=gemeente)
    plan = _plan(gemeente, vanaf)
    formulier = ActieToevoegenFormulier(
        request.POST, beschikbaar=_beschikbaar(plan), corporaties=_corporaties(gemeente)
    )
    return schrijf(
        request,
        formulier,
        lambda d: diensten.actie_toevoegen(
            plan=plan,
            type=d["type"],
            eigenaar_corporatie=formulier.corporatie,
            status=d["status"],
            door=request.user,
        ),
        conflict="Deze actie voegde iemand anders zojuist toe.",
        conflict_veld="type",
        melding=lambda actie: f"Actie '{actie.type.naam}' toegevoegd aan het plan.",
        naar=lambda actie: _plan_url(gemeente, plan, f"#actie-{actie.type_id}"),
        opnieuw=lambda: _toon(request, gemeente, plan, toevoegformulier=formulier),
    )


@login_required
@require_http_methods(["POST"])
def plan_actie(request, cbs: str, vanaf: str, code: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.PLAN_WIJZIGEN, gemeente=gemeente)
    plan = _plan(gemeente, vanaf)
    actie = _actie(plan, code)
    formulier = ActieFormulier.voor(actie, _corporaties(gemeente), data=request.POST)

    def conflict(c: Conflict) -> None:
        nu = c.huidig
        formulier.add_error(
            None,
            "Iemand anders heeft deze actie intussen gewijzigd: nu eigenaar "
            f"{nu.eigenaar}, status '{nu.get_status_display()}', bezetting "
            f"{str(nu.geldende_bezetting).replace('.', ',')}. Uw invoer staat in de rij; "
            "sla opnieuw op om die toch te gebruiken, of laad de pagina opnieuw voor de "
            "opgeslagen waarden.",
        )
        formulier.zet_invoer("versie", nu.versie)

    def rij(melding: str | None) -> HttpResponse:
        """htmx: the action's row again, with the message after saving or the form's errors."""
        ctx = _context(
            request, gemeente, plan, actieformulieren={} if melding else {code: formulier}
        )
        ctx["doelactie"] = next(a for a in ctx["acties"] if a[0].actie.type_id == code)
        ctx["melding"] = melding
        return render(request, f"{SJABLOON}#na_actie", ctx)

    return schrijf(
        request,
        formulier,
        lambda d: diensten.actie_wijzigen(
            actie=actie,
            eigenaar_corporatie=formulier.corporatie,
            status=d["status"],
            bezetting=d["bezetting"],
            resultaat_toelichting=d["resultaat_toelichting"],
            omschrijving=d["omschrijving"],
            door=request.user,
            versie=d["versie"],
            reden=d["reden"] or None,
        ),
        conflict=conflict,
        melding=f"Actie '{actie.type.naam}' opgeslagen.",
        naar=_plan_url(gemeente, plan, f"#actie-{code}"),
        opnieuw=lambda: _toon(request, gemeente, plan, actieformulieren={code: formulier}),
        deel=rij,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_actie_verwijderen(request, cbs: str, vanaf: str, code: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.PLAN_WIJZIGEN, gemeente=gemeente)
    plan = _plan(gemeente, vanaf)
    actie = _actie(plan, code)
    cellen = Planning.objects.filter(actie=actie).count()

    def pagina(formulier: ActieVerwijderenFormulier) -> HttpResponse:
        return render(
            request,
            "bemiddeling/plan_actie_verwijderen.html",
            {
                "gemeente": gemeente,
                "plan": plan,
                "actie": actie,
                "cellen": cellen,
                "form": formulier,
            },
        )

    if request.method == "GET":
        return pagina(ActieVerwijderenFormulier(initial={"versie": actie.versie}))
    formulier = ActieVerwijderenFormulier(request.POST)
    return schrijf(
        request,
        formulier,
        lambda d: diensten.actie_verwijderen(
            actie=actie, door=request.user, versie=d["versie"], reden=d["reden"]
        ),
        conflict="Iemand anders heeft deze actie intussen gewijzigd. Bekijk de actie "
        "opnieuw in het plan voordat u haar verwijdert.",
        melding=f"Actie '{actie.type.naam}' verwijderd uit het plan.",
        naar=_plan_url(gemeente, plan),
        opnieuw=lambda: pagina(formulier),
    )
