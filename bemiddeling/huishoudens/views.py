"""The household pipeline /gemeenten/<cbs>/huishoudens/ and its forms (issue 14).

Who sees what (organisaties.toegang.huishoudeninzicht): the opgaveteam every household of its
gemeente; a corporatie only the households offered one of its dwellings (size, needs, dates);
the province, the taskforce and the beheerder counts only, below 5 as "<5". Every view of
household rows is logged (Huishoudeninzage).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from bemiddeling.huishoudens import aanbod as aanbodpanel
from bemiddeling.huishoudens import kaarten, selectors, services
from bemiddeling.huishoudens.forms import (
    FilterFormulier,
    HuishoudenFormulier,
    InvoerwijzeFormulier,
    NareizigersFormulier,
    StapFormulier,
)
from bemiddeling.models import Huishouden, HuishoudenGebeurtenis
from kern import huishoudens as HH
from organisaties import selectors as organisaties_selectors
from organisaties import toegang
from organisaties.models import Corporatie
from organisaties.toegang import Handeling, Huishoudeninzicht
from organisaties.views.schrijven import schrijf
from taakstelling.services.afgeleid import maanden_per_huishouden

Inzicht = Huishoudeninzicht
KORT = 12  # the characters of the pseudonymous key in a URL (Huishouden.kort)


def _gemeente_en_inzicht(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    return gemeente, toegang.huishoudeninzicht(request.user, gemeente)


def _corporaties(gemeente):
    # The form field wants a queryset; which corporaties work here is the selector's to say.
    ids = [c.pk for c in organisaties_selectors.corporaties_in(gemeente)]
    return Corporatie.objects.filter(pk__in=ids).order_by("naam")


@login_required
@require_http_methods(["GET"])
def huishoudens(request, cbs: str):
    gemeente, inzicht = _gemeente_en_inzicht(request, cbs)
    vandaag = timezone.localdate()
    context = {
        "gemeente": gemeente,
        "inzicht": inzicht.value,
        "vandaag": vandaag,
        "labels": {"status": HH.STATUS_LABELS, "stap": HH.STAP_LABELS},
    }
    if inzicht == Inzicht.TOTALEN:
        context["samenvatting"] = selectors.verberg(selectors.samenvatting(gemeente, vandaag))
        context["grootteklassen"] = HH.GROOTTEKLASSE_LABELS
        context["aanbod"] = aanbodpanel.past_het_aanbod(gemeente, vandaag, verbergen=True)
        return render(request, "bemiddeling/huishoudens_totalen.html", context)
    filter_ = FilterFormulier(request.GET or None)
    grootte = behoefte = None
    if filter_.is_valid():
        grootte = filter_.cleaned_data["grootte"] or None
        behoefte = filter_.cleaned_data["behoefte"] or None
    eigen = toegang.toegang(request.user).corporaties if inzicht == Inzicht.CORPORATIE else None
    p = selectors.pijplijn(
        gemeente,
        vandaag,
        corporatie_ids=eigen,
        grootte=grootte,
        behoefte=behoefte,
        per_kolom=None if request.GET.get("alle") == "1" else selectors.PER_KOLOM,
    )
    kaarten.vul(p, gemeente.cbs_code)
    services.inzage_vastleggen(
        gebruiker=request.user, gemeente=gemeente, wat="lijst", aantal=p.getoond
    )
    context |= {
        "pijplijn": p,
        "filter": filter_,
        "gefilterd": bool(grootte or behoefte),
        "kan_wijzigen": inzicht == Inzicht.VOLLEDIG,
    }
    if inzicht == Inzicht.VOLLEDIG:
        context["invoerwijze"] = InvoerwijzeFormulier(initial={"wijze": "huishoudens"})
        context["maanden_per_huishouden"] = sorted(maanden_per_huishouden(gemeente))
        context["aanbod"] = aanbodpanel.past_het_aanbod(
            gemeente, vandaag, wachtend=p.wachtend_per_klasse
        )
    return render(request, "bemiddeling/huishoudens.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def huishouden_nieuw(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.HUISHOUDENS_WIJZIGEN, gemeente=gemeente)
    formulier = HuishoudenFormulier(request.POST or None)

    def opnieuw():
        return render(
            request,
            "bemiddeling/huishouden_nieuw.html",
            {"gemeente": gemeente, "form": formulier},
        )

    if request.method == "GET":
        return opnieuw()

    def dienst(d):
        return services.huishouden_toevoegen(
            gemeente=gemeente,
            referentie=d["referentie"],
            koppeldatum=d["koppeldatum"],
            samenstelling=services.Samenstelling(
                d["volwassenen"] or 0,
                d["kinderen"] or 0,
                d["nareizigers_verwacht"] or 0,
                d["nareizigers_maand"],
            ),
            behoeften=d["behoeften"],
            route=d["route"],
            door=request.user,
        )

    return schrijf(
        request,
        formulier,
        dienst,
        melding=lambda h: f"Huishouden {h.kort} is toegevoegd.",
        naar=lambda h: reverse("huishouden", args=[gemeente.cbs_code, h.kort]),
        opnieuw=opnieuw,
    )


def _huishouden_of_404(request, gemeente, inzicht, kort: str) -> Huishouden:
    if inzicht == Inzicht.TOTALEN:
        raise Http404("Dit huishouden bestaat niet of u heeft er geen toegang toe.")
    rijen = Huishouden.objects.filter(gemeente=gemeente).select_related("corporatie", "gemeente")
    if inzicht == Inzicht.CORPORATIE:
        eigen = toegang.toegang(request.user).corporaties
        rijen = rijen.filter(
            pk__in=HuishoudenGebeurtenis.objects.filter(
                soort="aanbieden", corporatie_id__in=eigen
            ).values("huishouden_id")
        )
    kort = kort.lower()
    h = None
    if len(kort) == KORT and all(c in "0123456789abcdef" for c in kort):
        h = rijen.filter(sleutel__startswith=kort).first()
    if h is None:
        raise Http404("Dit huishouden bestaat niet of u heeft er geen toegang toe.")
    return h


def _stapformulieren(request, h: Huishouden, inzicht, gebonden: StapFormulier | None = None):
    corporaties = _corporaties(h.gemeente)
    if inzicht == Inzicht.CORPORATIE:
        corporaties = corporaties.filter(pk__in=toegang.toegang(request.user).corporaties)
    formulieren = []
    for stap in HH.mogelijke_stappen(h.status):
        if inzicht == Inzicht.CORPORATIE and stap not in (
            HH.Stap.AANBIEDEN,
            HH.Stap.WEIGEREN,
            HH.Stap.TEKENEN,
        ):
            continue
        if gebonden is not None and gebonden.stap_waarde == stap:
            formulieren.append(gebonden)
        else:
            formulieren.append(
                StapFormulier(
                    stap,
                    corporaties,
                    initial={"versie": h.versie, "datum": timezone.localdate()},
                )
            )
    return formulieren


@login_required
@require_http_methods(["GET", "POST"])
def huishouden(request, cbs: str, kort: str):
    gemeente, inzicht = _gemeente_en_inzicht(request, cbs)
    h = _huishouden_of_404(request, gemeente, inzicht, kort)
    gebonden = None
    nareizigers = (
        NareizigersFormulier(prefix="nareizigers") if inzicht == Inzicht.VOLLEDIG else None
    )
    if request.method == "POST":
        if "nareizigers-personen" in request.POST:
            toegang.vereis(request.user, Handeling.HUISHOUDENS_WIJZIGEN, gemeente=gemeente)
            nareizigers = NareizigersFormulier(request.POST, prefix="nareizigers")
            antwoord = schrijf(
                request,
                nareizigers,
                lambda d: services.nareizigers_vastleggen(
                    huishouden=h, personen=d["personen"], datum=d["datum"], door=request.user
                ),
                melding="De nareizigers zijn vastgelegd.",
                naar=request.path,
                opnieuw=lambda: None,
            )
            if antwoord is not None:
                return antwoord
        else:
            # Each step's form has its own prefix: "<stap>-stap" says which one was sent.
            stap = next((s for s in HH.Stap if f"{s.value}-stap" in request.POST), None)
            if stap is None:
                messages.error(request, "Onbekende stap.")
                return redirect(request.path)
            if inzicht == Inzicht.CORPORATIE and stap not in (
                HH.Stap.AANBIEDEN,
                HH.Stap.WEIGEREN,
                HH.Stap.TEKENEN,
            ):
                raise PermissionDenied("U mag dit niet wijzigen.")
            corporaties = _corporaties(gemeente)
            gebonden = StapFormulier(stap, corporaties, request.POST)

            def dienst(d):
                return services.stap_zetten(
                    huishouden=h,
                    stap=stap,
                    datum=d["datum"],
                    door=request.user,
                    corporatie=d.get("corporatie"),
                    grootteklasse=d.get("grootteklasse", ""),
                    huurklasse=d.get("huurklasse", ""),
                    reden=d.get("reden", ""),
                    toelichting=d.get("toelichting", ""),
                    versie=d.get("versie"),
                )

            antwoord = schrijf(
                request,
                gebonden,
                dienst,
                melding=lambda nieuw: (
                    f"Huishouden {nieuw.kort}: {HH.STATUS_LABELS[HH.Status(nieuw.status)].lower()}."
                ),
                naar=request.path,
                opnieuw=lambda: None,
            )
            if antwoord is not None:
                return antwoord
    services.inzage_vastleggen(
        gebruiker=request.user, gemeente=gemeente, wat="detail", huishouden=h
    )
    context = {
        "gemeente": gemeente,
        "h": h,
        "inzicht": inzicht.value,
        "vandaag": timezone.localdate(),
        "te_laat": HH.te_laat(h.status, h.koppeldatum, timezone.localdate()),
        "status_label": HH.STATUS_LABELS[HH.Status(h.status)],
        "route_label": HH.ROUTES.get(h.route, h.route),
        "gebeurtenissen": h.gebeurtenissen.select_related("door", "corporatie").order_by(
            "vastgelegd_op", "pk"
        ),
        "stappen": (stappen := _stapformulieren(request, h, inzicht, gebonden)),
        # A step that is not possible (any more) has no form on the page: its refusal on top.
        "stapfouten": [m for lijst in gebonden.errors.values() for m in lijst]
        if gebonden is not None and gebonden not in stappen
        else [],
        "nareizigers": nareizigers
        if h.status not in (HH.Status.UITGEVALLEN,) and inzicht == Inzicht.VOLLEDIG
        else None,
        "redenen": {**HH.WEIGERREDEN_LABELS, **HH.UITVALREDEN_LABELS, **HH.GROOTTEKLASSE_LABELS},
    }
    return render(request, "bemiddeling/huishouden.html", context, status=200)


@login_required
@require_http_methods(["POST"])
def invoerwijze(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.HUISHOUDENS_WIJZIGEN, gemeente=gemeente)
    toegang.vereis(request.user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    formulier = InvoerwijzeFormulier(request.POST)
    if formulier.is_valid():
        d = formulier.cleaned_data
        try:
            gewijzigd = services.invoerwijze_kiezen(
                gemeente=gemeente,
                maand=d["maand"],
                per_huishouden=d["wijze"] == "huishoudens",
                door=request.user,
                reden=d["reden"],
            )
        except services.Huishoudenfout as e:
            messages.error(request, " ".join(e.messages))
        except Exception as e:  # Invoerfout of taakstelling: a Dutch message, nothing changed
            if not hasattr(e, "messages"):
                raise
            messages.error(request, " ".join(e.messages))
        else:
            wijze = "per huishouden" if d["wijze"] == "huishoudens" else "met totalen"
            messages.success(
                request,
                f"{d['maand'].naam.capitalize()} wordt nu {wijze} bijgehouden."
                if gewijzigd
                else f"{d['maand'].naam.capitalize()} werd al {wijze} bijgehouden.",
            )
    else:
        for fouten in formulier.errors.values():
            for fout in fouten:
                messages.error(request, fout)
    return redirect("huishoudens", cbs=gemeente.cbs_code)
