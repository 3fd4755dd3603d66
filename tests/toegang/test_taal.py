"""No internal jargon on screen (issue 11): every page every demo role can open (the role x
URL table of this package), the CSV and Excel exports, and the admin index and changelists
of the beheerder. A person reads sources as documents, rules by name, and Dutch words: never
"seed 000", line numbers ("L14", "r. 98"), rule numbers ("R7"), code names such as
``plan_boven_capaciteit`` or the English of a library."""

import html
import re

import pytest

from django.contrib import admin
from django.urls import reverse

from tests.toegang.tabel import PERSONAS, alle_verwachtingen, tekst_van

ENGELS = [
    "Access attempt",
    "Access attempts",
    "Access log",
    "Access failure",
    "device",
    "devices",
    "None",
    "True",
    "False",
    "Save",
    "Delete",
    "History",
    "Add",
    "Change",
    "Search",
    "View site",
    "Log out",
    "Welcome",
    "Home",
    "Select",
    "Recent actions",
    "Documentation",
    "Otp_Totp",
    "Otp_Static",
    "OTP_TOTP",
    "OTP_STATIC",
    "Axes",
]

PATRONEN = [
    (re.compile(r"\bseed\b", re.IGNORECASE), "interne bestandsnaam"),
    (re.compile(r"\bL\d+\b"), "regelnummer"),
    (re.compile(r"\br\. ?\d+"), "regelnummer"),
    (re.compile(r"\bR\d{1,2}\b"), "regelnummer van een rekenregel"),
    (re.compile(r"\b[a-z]+_[a-z_]+\b"), "codenaam"),
    (re.compile(r"\{'"), "ruwe Python-waarde"),
    (re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ENGELS) + r")\b"), "Engels"),
]

_WEG = re.compile(
    r"<(script|style|code|kbd|samp|textarea)\b.*?</\1>|<!--.*?-->", re.DOTALL | re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_URL = re.compile(r"(?:https?://|/)[\w\-./?=&%#:]+")


def zichtbare_tekst(bron: str, html_pagina: bool = True) -> str:
    """What a reader sees: no scripts, styles, code samples, tags (with their attributes) or
    URLs. Code samples (``<code>``) show the import format, whose column and source codes are
    typed by people on purpose."""
    if html_pagina:
        bron = _TAG.sub(" ", _WEG.sub(" ", bron))
        bron = html.unescape(bron)
    return _URL.sub(" ", bron)


def jargon(tekst: str) -> list[str]:
    vondsten = []
    for patroon, soort in PATRONEN:
        for m in patroon.finditer(tekst):
            begin = max(0, m.start() - 50)
            context = " ".join(tekst[begin : m.end() + 50].split())
            vondsten.append(f"{soort} {m.group(0)!r} in ...{context}...")
    return vondsten


def test_the_checker_finds_the_jargon_of_the_review():
    pagina = (
        "<p>seed 000: province deadline 1 Oct 2023 (L14)</p><p>rekenregel R7</p>"
        "<li>plan_boven_capaciteit</li><td>{'aandeel_urgenten': '2/5'}</td><h2>Static devices</h2>"
        '<a href="/gemeenten/GM0034/?peil_datum=1" class="a_b">ok</a>'
        "<script>var x_y = 1;</script><code>personen_tellend</code>"
    )
    vondsten = " ".join(jargon(zichtbare_tekst(pagina)))
    for verwacht in ["'seed'", "'L14'", "'R7'", "'plan_boven_capaciteit'", "'devices'", "{'"]:
        assert verwacht in vondsten
    for niet in ["peil_datum", "a_b", "x_y", "personen_tellend"]:
        assert niet not in vondsten


def _pagina_tekst(antwoord) -> str:
    soort = antwoord.get("Content-Type", "")
    if soort.startswith("text/html"):
        return zichtbare_tekst(antwoord.content.decode("utf-8"))
    return zichtbare_tekst(tekst_van(antwoord), html_pagina=False)


def _leesbaar(antwoord) -> bool:
    soort = antwoord.get("Content-Type", "")
    return antwoord.status_code == 200 and (
        soort.startswith(("text/html", "text/csv")) or "spreadsheetml" in soort
    )


@pytest.mark.xfail(strict=True, reason="issue 11: de volgende commits ruimen dit op")
def test_no_jargon_on_any_page_or_export_of_any_role(demo):
    vondsten: list[str] = []
    gezien: set[tuple[str, str]] = set()
    for v in alle_verwachtingen():
        if v.methode != "GET":
            continue
        for persona in PERSONAS:
            if persona == "anoniem" and v.antwoorden[persona] != 200:
                continue
            if v.antwoorden[persona] != 200 or (v.pad, persona) in gezien:
                continue
            gezien.add((v.pad, persona))
            antwoord = demo.client(None if persona == "anoniem" else persona).get(v.pad)
            if _leesbaar(antwoord):
                vondsten += [f"{v.pad} ({persona}): {f}" for f in jargon(_pagina_tekst(antwoord))]
    assert not vondsten, "\n".join(sorted(set(vondsten)))


def test_no_english_or_jargon_in_the_admin(demo):
    client = demo.client("beheerder")
    paden = [reverse("admin:index")]
    for model in admin.site._registry:
        paden.append(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
    paden += sorted({p.rsplit("/", 3)[0] + "/" for p in paden[1:]})  # the app indexes
    vondsten = []
    for pad in paden:
        antwoord = client.get(pad)
        assert antwoord.status_code == 200, pad
        vondsten += [f"{pad}: {f}" for f in jargon(_pagina_tekst(antwoord))]
    assert not vondsten, "\n".join(sorted(set(vondsten)))
