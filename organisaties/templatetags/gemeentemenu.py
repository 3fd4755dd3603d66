"""The one navigation between a gemeente's pages (templates/includes/gemeente_menu.html).

It mirrors ``organisaties.toegang`` to decide what to show; the views check again on the
server. Every page listed is readable by everyone who may see the gemeente (their rows in
tests/toegang), so the list differs per role only in wording and in the province link.
"""

import contextlib

from django import template
from django.urls import NoReverseMatch, reverse

from organisaties import toegang
from organisaties.toegang import Handeling

register = template.Library()

# (URL name, label, label for who may enter the figures)
PAGINAS = (
    ("gemeente", "Dashboard", None),
    ("realisatie_actueel", "Realisatie", "Realisatie invoeren"),
    ("plan", "Actieplan", None),
    ("huishoudens", "Huishoudens", None),
    ("taakstelling", "Taakstelling en saldo", None),
    ("mijlpalen", "Mijlpalen", None),
    ("ibt", "Toezicht (IBT)", None),
    ("prognose", "Prognose", None),
    ("overleg", "Overleg", None),
    ("afstemming", "Afstemming", None),
    ("wijzigingen", "Wijzigingen", None),
)


@register.simple_tag(takes_context=True)
def gemeente_paginas(context, gemeente, actief=""):
    user = context["request"].user
    invoer = toegang.mag(user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    uitkomst = []
    t = toegang.toegang(user)
    if t.beheerder or gemeente.provincie_id in t.provincies:
        with contextlib.suppress(NoReverseMatch):
            uitkomst.append(
                {
                    "url": reverse("provincie", args=[gemeente.provincie.slug]),
                    "label": f"IBT-dashboard {gemeente.provincie.naam}",
                    "actief": False,
                }
            )
    for naam, label, label_invoer in PAGINAS:
        try:
            url = reverse(naam, args=[gemeente.cbs_code])
        except NoReverseMatch:  # a page a later release adds
            continue
        uitkomst.append(
            {
                "url": url,
                "label": label_invoer if (invoer and label_invoer) else label,
                "actief": naam == actief,
            }
        )
    return uitkomst
