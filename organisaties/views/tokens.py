"""/api-tokens/: a user makes and revokes personal keys for the JSON API (/api/v1/).

A token carries exactly the rights of its user (organisaties.toegang decides per call). It is
made here, behind the log-in and its second step, so a token stands for a verified person;
the key is shown once, on the answer to the POST, and never stored or put in a message.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from organisaties import tokens
from organisaties.models import ApiToken


class TokenFormulier(forms.Form):
    naam = forms.CharField(
        label="Naam van de sleutel",
        max_length=100,
        help_text="Waarvoor u hem gebruikt, bijvoorbeeld 'Power BI provincie'.",
        error_messages={"required": "Geef de sleutel een naam."},
    )


def _pagina(request, formulier, nieuw=None, status=200):
    return render(
        request,
        "organisaties/api_tokens.html",
        {
            "formulier": formulier,
            "tokens": ApiToken.objects.filter(user=request.user).order_by("-aangemaakt_op"),
            "nieuw": nieuw,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    if request.method == "POST":
        formulier = TokenFormulier(request.POST)
        if formulier.is_valid():
            token, sleutel = tokens.maak(user=request.user, naam=formulier.cleaned_data["naam"])
            return _pagina(request, TokenFormulier(), nieuw={"token": token, "sleutel": sleutel})
        return _pagina(request, formulier)
    return _pagina(request, TokenFormulier())


@login_required
@require_http_methods(["POST"])
def api_token_intrekken(request, pk: int):
    # Only one's own tokens: someone else's is 404, like every other organisation's object.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.intrekken(token)
    messages.success(request, f"De sleutel ‘{token.naam}’ is ingetrokken.")
    return redirect("api_tokens")
