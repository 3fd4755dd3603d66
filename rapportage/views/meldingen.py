"""Notifications in the application (issue 16): the list with the unread count in the header,
opening one (marked read, on to the page that explains it), the subscriptions, and the signed
unsubscribe link of a mail (no login)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from meldingen import afmelden, soorten
from meldingen.models import Abonnement, Melding, Soort, Wijze
from organisaties import toegang
from rapportage.forms import MeldingInstellingenFormulier

PER_PAGINA = 50


def _eigen(user):
    """The user's notifications about gemeenten they may still see (access can end after a
    notification was written), and those about no gemeente."""
    rijen = Melding.objects.filter(user=user).filter(
        Q(gemeente=None) | Q(gemeente__in=toegang.zichtbare_gemeenten(user).values("pk"))
    )
    t = toegang.toegang(user)
    if t.beheerder:
        return rijen
    # A row about one corporatie's supply (above the cap): only who still sees its figures
    # (``toegang.zichtbare_aanbod_corporaties``), a corporatie never another's.
    return rijen.exclude(
        Q(soort=Soort.PLAFOND_VH)
        & ~Q(gegevens__corporatie_id__in=list(t.corporaties))
        & ~Q(gemeente__in=list(t.opgaveteam | t.taskforce))
        & ~Q(gemeente__provincie_id__in=list(t.provincies))
    )


def _ongelezen(user) -> int:
    return _eigen(user).filter(gelezen_op=None).count()


@login_required
@require_http_methods(["GET"])
def meldingen(request):
    pagina = Paginator(_eigen(request.user).select_related("gemeente"), PER_PAGINA)
    return render(
        request,
        "rapportage/meldingen.html",
        {
            "pagina": pagina.get_page(request.GET.get("pagina")),
            "ritme": soorten.ritme(request.user),
            "ongelezen": _ongelezen(request.user),
        },
    )


@login_required
@require_http_methods(["GET"])
def teller(request):
    """The link text of "Meldingen" in the header with the unread count: base.html loads it
    with htmx after the page, so no page pays a query for it (without script the link stays)."""
    tweede_stap_open = settings.TWEESTAPS_VERPLICHT and not request.user.is_verified()
    ongelezen = 0 if tweede_stap_open else _ongelezen(request.user)
    return render(request, "rapportage/meldingen_teller.html", {"ongelezen": ongelezen})


@login_required
@require_http_methods(["GET"])
def melding_openen(request, pk: int):
    melding = get_object_or_404(_eigen(request.user), pk=pk)
    if melding.gelezen_op is None:
        Melding.objects.filter(pk=melding.pk, gelezen_op=None).update(gelezen_op=timezone.now())
    return redirect(melding.link)


def _open_keuzes(user) -> dict:
    rollen = toegang.rollen(user)
    return {s: k for s, k in soorten.keuzes(user).items() if soorten.toegestaan(rollen, s)}


@login_required
@require_http_methods(["GET", "POST"])
def instellingen(request):
    keuzes = _open_keuzes(request.user)
    if request.method == "POST":
        formulier = MeldingInstellingenFormulier(request.POST, keuzes=keuzes)
        if formulier.is_valid():
            with transaction.atomic():
                for soort in keuzes:
                    Abonnement.objects.update_or_create(
                        user=request.user,
                        soort=soort,
                        defaults={
                            "wijze": formulier.cleaned_data[soort],
                            "kansdrempel": formulier.cleaned_data.get("kansdrempel")
                            if soort == Soort.KANS_ONDER_DREMPEL
                            else None,
                        },
                    )
            messages.success(request, "Uw keuzes voor meldingen zijn opgeslagen.")
            return redirect("meldingen_instellingen")
        status = 400
    else:
        formulier = MeldingInstellingenFormulier(keuzes=keuzes)
        status = 200
    return render(
        request,
        "rapportage/meldingen_instellingen.html",
        {
            "formulier": formulier,
            "ritme": soorten.ritme(request.user),
            "heeft_email": bool(request.user.email),
        },
        status=status,
    )


@csrf_exempt  # the token is the authorisation; RFC 8058 one-click comes without a session
@require_http_methods(["GET", "POST"])
def afmelden_view(request, token: str):
    gelezen = afmelden.lees(token)
    if gelezen is None:
        return render(request, "rapportage/meldingen_afmelden.html", {"ongeldig": True}, status=400)
    user_id, soort = gelezen
    if request.method == "POST":
        afmelden.afmelden(user_id, soort)
        return render(
            request, "rapportage/meldingen_afmelden.html", {"soort": Soort(soort), "klaar": True}
        )
    huidig = Abonnement.objects.filter(user_id=user_id, soort=soort).first()
    return render(
        request,
        "rapportage/meldingen_afmelden.html",
        {"soort": Soort(soort), "al_uit": huidig is not None and huidig.wijze == Wijze.UIT},
    )
