"""No internal jargon on screen (issue 11): every page every demo role can open (the role x
URL table of this package), the CSV and Excel exports, and the admin index and changelists
of the beheerder. A person reads sources as documents, rules by name, and Dutch words: never
"seed 000", line numbers ("L14", "r. 98"), rule numbers ("R7"), code names such as
``plan_boven_capaciteit`` or the English of a library."""

import html
import re

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


# The import format (DESIGN §4): its column names and source codes are typed by people on
# purpose, so the template, the export in that format and the import page may show them.
IMPORTFORMAAT = re.compile(r"/realisatie/(export|sjabloon)\.(csv|xlsx)")


def _leesbaar(antwoord) -> bool:
    soort = antwoord.get("Content-Type", "")
    return antwoord.status_code == 200 and (
        soort.startswith(("text/html", "text/csv")) or "spreadsheetml" in soort
    )


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
            if not _leesbaar(antwoord):
                continue
            gevonden = jargon(_pagina_tekst(antwoord))
            if IMPORTFORMAAT.search(v.pad):
                gevonden = [f for f in gevonden if not f.startswith("codenaam")]
            vondsten += [f"{v.pad} ({persona}): {f}" for f in gevonden]
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


def test_plural_and_singular_in_dutch(demo):
    """ "(2 maanden ontbreekt)" and "1 maand(en)" were on screen: the verb and noun follow the
    number."""
    from kern.opmaak import aantal

    assert aantal(1, "maand", "maanden") == "1 maand"
    assert aantal(2, "maand", "maanden") == "2 maanden"
    assert aantal(1200, "fout", "fouten") == "1.200 fouten"
    tekst = demo.client("provincie_a").get("/provincies/flevoland/?peildatum=2023-06-01")
    tekst = zichtbare_tekst(tekst.content.decode())
    gevonden = re.findall(r"\((\d+) (maand|maanden) (ontbreekt|ontbreken)\)", tekst)
    assert gevonden, "de pagina noemt geen ontbrekende maanden meer: pas de test aan"
    for n, woord, werkwoord in gevonden:
        enkelvoud = n == "1"
        assert (woord, werkwoord) == (
            ("maand", "ontbreekt") if enkelvoud else ("maanden", "ontbreken")
        ), f"({n} {woord} {werkwoord})"
    assert "(en)" not in tekst


def test_rules_are_named_in_words_and_link_to_their_explanation(demo):
    pagina = demo.client("opgaveteam_a").get("/gemeenten/GM0034/plan/").content.decode()
    assert 'href="/hulp/#afronden">afronden bij het tonen</a>' in pagina
    hulp = demo.client("taskforce_a").get("/hulp/").content.decode()
    assert 'id="afronden"' in hulp
    from kern.uitleg import BEGRIPPEN, REGELS

    assert len(REGELS) == 12  # R1-R12 of the design, each once
    for r in REGELS:
        assert f'id="{r.anker}"' in hulp
    for b in BEGRIPPEN:
        assert f'id="{b.anker}"' in hulp
    assert "Huisvestingswet 2014, artikel 28 tot en met 30" in hulp
    assert "Gemeentewet, artikel 124" in hulp


def test_signal_kinds_and_scenario_parameters_in_words(demo):
    from prognose.rekenen.signalen import SOORTNAMEN, soortnaam

    assert soortnaam("plan_boven_capaciteit") == "Plan boven capaciteit"
    assert all("_" not in naam for naam in SOORTNAMEN.values())
    csv = demo.client("taskforce_a").get("/gemeenten/GM0034/overleg/?datum=2023-06-01&formaat=csv")
    tekst = tekst_van(csv)
    assert "plan_boven_capaciteit" not in tekst and "Plan boven capaciteit" in tekst
    wijzigingen = demo.client("opgaveteam_a").get("/gemeenten/GM0034/wijzigingen/")
    tekst = zichtbare_tekst(wijzigingen.content.decode())
    assert "{'" not in tekst
    assert "naar urgenten 40%" in tekst
