"""The cards of the pipeline page as HTML, built in Python (issue 14, "Done when": 2,000
households in under 100 ms).

A card in the template engine cost about twenty variable lookups, filters and a ``{% url %}``
each: with 160 cards (40 per column) that was most of the page's time
(bench/README.md, "Huishoudens"). Here a card is one f-string; every value
from the database is escaped. The markup is the same as the template's was.
"""

from __future__ import annotations

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from bemiddeling.huishoudens.selectors import Kaart
from kern import opmaak

# The same escaping as Django's ``escape`` (html.escape with quotes): every value from the
# database goes through ``_e``; dates and numbers are ours.
_e = escape
_LAAT = '<p class="hh-laat"><span aria-hidden="true">⚠ </span>{} (norm {} weken: {})</p>'
_ILLUSTRATIEF = ' <span class="monitor-label monitor-label--illustratief">illustratief</span>'


def _url_van(cbs: str):
    # One reverse for the page, not one per card; the key is hexadecimal, the marker is not.
    sjabloon = reverse("huishouden", args=[cbs, "KORT"])
    return lambda kort: sjabloon.replace("KORT", kort)


def _samenstelling(h) -> str:
    n = h.nareizigers_verwacht
    extra = f" + {n} nareiziger{'s' if n != 1 else ''} verwacht" if n else ""
    labels = "".join(f" · {_e(b)}" for b in h.behoefte_labels)
    return f"<p>{h.grootte} pers.{extra}{labels}</p>"


def _termijn(kaart: Kaart, status: str) -> str:
    t = kaart.termijnen
    if kaart.te_laat["verhuizing"]:
        return _LAAT.format("Verhuizing te laat", 12, opmaak.datum(t.verhuizing))
    if kaart.te_laat["contract"]:
        return _LAAT.format("Huurcontract te laat", 10, opmaak.datum(t.contract))
    if status == "getekend":
        return f"<p>Verhuizen uiterlijk {opmaak.datum(t.verhuizing)}</p>"
    return f"<p>Contract uiterlijk {opmaak.datum(t.contract)}</p>"


def kaart(kaart: Kaart, status: str, url) -> SafeString:
    h = kaart.huishouden
    corporatie = _e(h.corporatie.naam) if h.corporatie_id else None
    gekoppeld = opmaak.datum(h.koppeldatum)
    if status == "verhuisd":
        midden = f"<p>Gekoppeld {gekoppeld}</p>"
        staart = f"<p>Sleutel {opmaak.datum(h.sleuteldatum)}"
        staart += f" · {corporatie}</p>" if corporatie else "</p>"
    else:
        midden = f"<p>Gekoppeld {gekoppeld} · {kaart.leeftijd_weken} weken</p>"
        staart = (f"<p>{corporatie}</p>" if corporatie else "") + _termijn(kaart, status)
    kort = _e(h.kort)
    return mark_safe(  # noqa: S308 (every value from the database is escaped above)
        f'<li class="hh-kaart{" hh-kaart--laat" if kaart.achterstallig else ""}">'
        f'<p><a class="utrecht-link" href="{_e(url(h.kort))}">Huishouden {kort}</a>'
        f"{_ILLUSTRATIEF if h.illustratief else ''}</p>"
        f"{_samenstelling(h)}{midden}{staart}</li>"
    )


def vul(pijplijn, cbs: str) -> None:
    """Give every card of the page its HTML (``kaart.html``)."""
    url = _url_van(cbs)
    for kolom in pijplijn.kolommen:
        for k in kolom.kaarten:
            k.html = kaart(k, kolom.status.value, url)
