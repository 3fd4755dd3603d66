from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from organisaties import toegang
from organisaties.forms import InlogFormulier


class Inloggen(LoginView):
    template_name = "organisaties/inloggen.html"
    authentication_form = InlogFormulier
    redirect_authenticated_user = True


@require_POST
def uitloggen(request):
    logout(request)
    return redirect("inloggen")


@login_required
@require_http_methods(["GET"])
def start(request):
    """Send each user to their own overview; the beheerder and people with several
    organisations get the list of everything they may open."""
    bestemmingen = toegang.bestemmingen(request.user)
    t = toegang.toegang(request.user)
    eenduidig = not t.beheerder and (
        t.provincies or t.corporaties or len(t.opgaveteam | t.taskforce) == 1
    )
    if bestemmingen and eenduidig:
        return redirect(bestemmingen[0][1])
    return render(
        request,
        "organisaties/start.html",
        {"bestemmingen": bestemmingen, "groepen": toegang.overzicht(request.user)},
    )
