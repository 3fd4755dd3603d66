"""Saving a form through a service: the one write block of every entry view.

Each write view does the same: validate the form, call the service, turn its refusals into
messages at the form, and answer. A ``Conflict`` (someone else saved first) and a
``ValidationError`` (the service's rules, in Dutch, at the fields they name) show the form
again with status 200: an expected outcome, not an error for the browser (htmx swaps 2xx
only). ``PermissionDenied`` is not caught: the view already checked the right, so the
service refusing it is a 403 like any other. After success: the message and
post-redirect-get, or for htmx the part of the page with the message in it.

Why here: the views of taakstelling, bemiddeling, prognose and rapportage all use it, and the
import layers (pyproject.toml) let an app import only from its own layer or below, so it
belongs in organisaties, which also holds the two things it builds on (``Conflict`` in
organisaties.wijzigen, ``Invoerformulier`` in organisaties.forms). It is view code (request,
messages, redirect), so it sits with the views, not in forms.py or htmx.py (the middleware
for anonymous htmx requests).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from organisaties.forms import Invoerformulier, fouten_plaatsen
from organisaties.wijzigen import Conflict

T = TypeVar("T")


def schrijf(
    request: HttpRequest,
    formulier: forms.Form,
    dienst: Callable[[dict[str, Any]], T],
    *,
    melding: str | Callable[[T], str],
    naar: str | Callable[[T], str],
    opnieuw: Callable[[], HttpResponse],
    conflict: str | Callable[[Conflict], HttpResponse | None] | None = None,
    conflict_veld: str | None = None,
    deel: Callable[[str | None], HttpResponse] | None = None,
) -> HttpResponse:
    """Save ``formulier`` through ``dienst`` and answer the request.

    - ``dienst``: the service call, given the form's cleaned data. Its result is given to
      ``melding`` and ``naar`` where those are functions.
    - ``melding``: the success message; ``naar``: the URL to go to after success.
    - ``opnieuw``: the page with the form and its messages again (nothing was saved).
    - ``conflict``: what someone else saving first means here. A text is put at
      ``conflict_veld`` (or at the top of the form); a function puts its own message at the
      form (with the values stored now and the hidden version refreshed) and returns None,
      or returns an answer of its own. None: the view does not expect a Conflict, which
      then goes up as before.
    - ``deel``: for htmx requests, the part of the page to swap in, given the success
      message (None when the form carries errors). Without it htmx gets what a plain post
      gets.
    """
    if formulier.is_valid():
        try:
            uitkomst = dienst(formulier.cleaned_data)
        except Conflict as c:
            if conflict is None:
                raise
            if isinstance(conflict, str):
                formulier.add_error(conflict_veld, conflict)
            elif (antwoord := conflict(c)) is not None:
                return antwoord
        except ValidationError as e:
            if isinstance(formulier, Invoerformulier):
                formulier.fouten_van(e)
            else:  # a plain Django form: the same places, without the aria links
                fouten_plaatsen(formulier, e)
        else:
            tekst = melding(uitkomst) if callable(melding) else melding
            if deel is not None and request.htmx:
                return deel(tekst)
            messages.success(request, tekst)
            return redirect(naar(uitkomst) if callable(naar) else naar)
    if deel is not None and request.htmx:
        return deel(None)
    return opnieuw()
