"""Two-factor pages: overview, setting up the app, the second step at log-in, backup codes."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from organisaties import tweestaps
from organisaties.forms import CodeFormulier

SLEUTEL_IN_SESSIE = "tweestaps_sleutel"
NIEUWE_CODES_IN_SESSIE = "tweestaps_nieuwe_codes"


def _volgende(request) -> str:
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if doel and url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return doel
    return ""


def _moet_eerst_controleren(request) -> bool:
    """Changing the second factor needs the current one: a password alone is not enough."""
    return tweestaps.heeft_apparaat(request.user) and not request.user.is_verified()


@login_required
@never_cache
@require_http_methods(["GET"])
def overzicht(request):
    if _moet_eerst_controleren(request):
        return redirect("tweestaps_controleren")
    return render(
        request,
        "organisaties/tweestaps.html",
        {
            "heeft_app": tweestaps.heeft_app(request.user),
            "aantal_reservecodes": tweestaps.aantal_reservecodes(request.user),
            "verplicht": settings.TWEESTAPS_VERPLICHT,
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def instellen(request):
    if _moet_eerst_controleren(request):
        return redirect("tweestaps_controleren")
    sleutel = request.session.get(SLEUTEL_IN_SESSIE)
    if sleutel is None:
        sleutel = request.session[SLEUTEL_IN_SESSIE] = tweestaps.nieuwe_sleutel()
    form = CodeFormulier(request.POST or None, alleen_cijfers=True)
    if request.method == "POST" and form.is_valid():
        apparaat = tweestaps.app_bevestigen(
            user=request.user, sleutel=sleutel, code=form.cleaned_data["code"]
        )
        if apparaat is not None:
            del request.session[SLEUTEL_IN_SESSIE]
            otp_login(request, apparaat)
            request.session[NIEUWE_CODES_IN_SESSIE] = tweestaps.reservecodes_maken(
                user=request.user
            )
            messages.success(request, "Tweestapsverificatie is ingesteld.")
            url = reverse("tweestaps_reservecodes")
            if volgende := _volgende(request):
                url += "?" + urlencode({"next": volgende})
            return redirect(url)
        form.add_error(
            "code",
            "Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en vul de "
            "code in die de app nu toont.",
        )
    return render(
        request,
        "organisaties/tweestaps_instellen.html",
        {
            "form": form,
            "qr": tweestaps.qr_data_uri(user=request.user, sleutel=sleutel),
            "sleutel_tekst": tweestaps.sleutel_als_tekst(sleutel),
            "vervangt": tweestaps.heeft_app(request.user),
            "next": _volgende(request),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def controleren(request):
    volgende = _volgende(request)
    if request.user.is_verified():
        return redirect(volgende or "start")
    if not tweestaps.heeft_apparaat(request.user):
        return redirect("tweestaps_instellen")
    form = CodeFormulier(request.POST or None)
    if request.method == "POST" and form.is_valid():
        apparaat = tweestaps.code_controleren(user=request.user, code=form.cleaned_data["code"])
        if apparaat is not None:
            otp_login(request, apparaat)
            if apparaat.name == tweestaps.RESERVE_NAAM:
                messages.warning(
                    request,
                    "U hebt een reservecode gebruikt; die werkt nu niet meer. Nog over: "
                    f"{tweestaps.aantal_reservecodes(request.user)}.",
                )
            return redirect(volgende or "start")
        if tweestaps.gedrosseld(request.user):
            fout = (
                "Deze code klopt niet. Na meerdere foute codes moet u steeds langer wachten; "
                "wacht even en probeer de code die de app dan toont."
            )
        else:
            fout = "Deze code klopt niet."
        form.add_error("code", fout)
    return render(
        request, "organisaties/tweestaps_controleren.html", {"form": form, "next": volgende}
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def reservecodes(request):
    if not tweestaps.heeft_apparaat(request.user):
        return redirect("tweestaps_instellen")
    if not request.user.is_verified():
        return redirect("tweestaps_controleren")
    if request.method == "POST":
        request.session[NIEUWE_CODES_IN_SESSIE] = tweestaps.reservecodes_maken(user=request.user)
        return redirect("tweestaps_reservecodes")
    return render(
        request,
        "organisaties/tweestaps_reservecodes.html",
        {
            # Shown once: the codes leave the session with this page.
            "nieuwe_codes": request.session.pop(NIEUWE_CODES_IN_SESSIE, None),
            "aantal": tweestaps.aantal_reservecodes(request.user),
            "next": _volgende(request),
        },
    )
