"""No dead ends (issue 11): from the start page every role reaches every page it may read
(its rows with 200 in the role x URL table) by following links, within three clicks.

Pages are compared by URL name: the realisatie of April is 'realisatie' like that of May.
Each URL name is opened once (the first link to it); exports are reached by their link.
"""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.toegang.tabel import PERSONAS, alle_verwachtingen

# Not pages a person navigates to: the JSON API, the health check, security.txt, and the
# header's unread count (a fragment every page loads with htmx).
GEEN_PAGINA = ("/api/", "/gezondheid/", "/.well-known/", "/meldingen/teller/")
MAX_KLIKKEN = 3
# The same page under another URL name: /plan/ shows the plan in force, as /plan/<vanaf>/
# does (another plan is chosen in a GET form on that page).
ZELFDE_PAGINA = {"plan_tonen": "plan"}
LINK = re.compile(r'href="([^"#]+)')


def leesbare_paginas(persona: str) -> set[str]:
    return {
        v.naam
        for v in alle_verwachtingen()
        if v.methode == "GET"
        and v.antwoorden.get(persona) == 200
        and not v.pad.startswith(GEEN_PAGINA)
    }


def naam_van(pad: str) -> str | None:
    try:
        return resolve(pad).url_name
    except Resolver404:
        return None


def bereikbaar(client) -> dict[str, int]:
    """URL name -> the fewest clicks from the start page."""
    antwoord = client.get("/", follow=True)
    assert antwoord.status_code == 200
    begin = antwoord.request["PATH_INFO"]
    gevonden = {naam_van(begin): 0, "start": 0}
    wachtrij = deque([(antwoord, 0)])
    geopend = {naam_van(begin)}
    while wachtrij:
        antwoord, klikken = wachtrij.popleft()
        if klikken >= MAX_KLIKKEN:
            continue
        html = antwoord.content.decode()
        for href in LINK.findall(html):
            delen = urlsplit(href.replace("&amp;", "&"))
            if delen.netloc or not delen.path.startswith("/"):
                continue
            if delen.path.startswith(("/static/", "/beheer/")):
                gevonden.setdefault("beheer" if "beheer" in delen.path else "static", klikken + 1)
                continue
            naam = naam_van(delen.path)
            if naam is None:
                continue
            gevonden.setdefault(naam, klikken + 1)
            if naam in geopend:
                continue
            geopend.add(naam)
            volgend = client.get(href.replace("&amp;", "&"), follow=True)
            if volgend.status_code == 200 and "text/html" in volgend.get("Content-Type", ""):
                wachtrij.append((volgend, klikken + 1))
    return gevonden


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anoniem"])
def test_every_readable_page_is_reachable_from_the_start_page(demo, persona):
    gevonden = bereikbaar(demo.client(persona))
    ontbreekt = {
        naam for naam in leesbare_paginas(persona) if ZELFDE_PAGINA.get(naam, naam) not in gevonden
    }
    assert not ontbreekt, f"{persona} bereikt niet vanaf de startpagina: {sorted(ontbreekt)}"


def test_the_beheerder_start_page_links_to_every_area(demo):
    html = demo.client("beheerder").get("/").content.decode()
    for tekst in (
        'href="/gemeenten/GM0034/"',
        'href="/gemeenten/GM1708/"',
        'href="/provincies/flevoland/"',
        'href="/provincies/overijssel/"',
        'href="/corporaties/ymere/aanbod/"',
        'href="/beheer/"',
    ):
        assert tekst in html


def test_a_corporatie_reaches_the_dashboards_it_may_read_from_its_menu(demo):
    antwoord = demo.client("corporatie_a").get("/", follow=True)
    menu = re.search(r'<nav aria-label="Hoofdmenu".*?</nav>', antwoord.content.decode(), re.S)
    assert menu and 'href="/gemeenten/GM0034/"' in menu.group(0)
    assert 'href="/corporaties/ymere/aanbod/"' in menu.group(0)
