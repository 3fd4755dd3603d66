"""/hulp/: every rule and term in plain Dutch, with the article of law it rests on.

Pages that name a rule link here (``{% regel "afronden" %}``, organisaties/templatetags/hulp.py),
so a rule has one name and one explanation. Every logged-in role may read it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kern.uitleg import BEGRIPPEN, REGELS


@login_required
@require_GET
def hulp(request):
    return render(request, "organisaties/hulp.html", {"regels": REGELS, "begrippen": BEGRIPPEN})
