"""Every page of every role at phone and desktop width (issue 11, 'mobiel'): the page itself
never scrolls sideways (a wide table scrolls in its own container), and axe finds nothing
serious or critical.

The pages are the rows of the role x URL table (tests/toegang) that answer 200 with HTML for
the role. One test per role (so that the two test processes share the work), one demo load
and one browser context per role; each page is loaded
once: at 390 px the width is checked and axe runs, then the page is widened to 1366 px and
the width checked again. Axe runs once per page (URL name) and per set of forms on it: a
page a read-only role sees exactly like another read-only role (same forms) is not
checked twice, nor the same page under another query string (peildatum): axe takes
seconds per page, the width check a few milliseconds. What axe has checked is remembered per
test process (``GEZIEN``): whichever role's test comes first checks the page.
"""

import os
import time
from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from tests.e2e.conftest import nieuwe_pagina
from tests.toegang.tabel import alle_verwachtingen

ROLLEN = ["opgaveteam_a", "provincie_a", "corporatie_a", "taskforce_a", "beheerder"]
SMAL = {"width": 390, "height": 844}
BREED = {"width": 1366, "height": 900}
# (URL name, forms on the page) that axe has checked in this process.
GEZIEN: set[tuple[str, str]] = set()
GEEN_HTML = ("formaat=", "/api/", "export.", "sjabloon.", "/gezondheid/", "security.txt")
GEEN_HTML += ("/meldingen/teller/",)  # the header's unread count: a fragment, not a page


def paginas_van(persona: str) -> list[str]:
    paden = []
    for v in alle_verwachtingen():
        if v.methode != "GET" or v.antwoorden.get(persona) != 200:
            continue
        if any(teken in v.pad for teken in GEEN_HTML) or v.pad in paden:
            continue
        if os.environ.get("ALLEEN") and os.environ["ALLEEN"] not in v.pad:
            continue
        paden.append(v.pad)
    return paden


BREEDTE = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
FORMULIEREN = "Array.from(document.forms).map(f => f.method + ' ' + f.action).join('|')"

# The elements that stick out of the viewport, to name the culprit when a page scrolls
# sideways (what sticks out inside a positioned scroll region does not count).
TE_BREED = """() => {
  const w = document.documentElement.clientWidth;
  const uit = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    const vak = el.parentElement && el.parentElement.closest('[role=region]');
    if (r.right > w + 1 && !(vak && getComputedStyle(vak).position !== 'static')) {
      const klasse = typeof el.className === 'string' ? el.className.trim() : '';
      uit.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
               (klasse ? '.' + klasse.split(/ +/).join('.') : '') + ' ' + Math.round(r.right));
    }
    if (uit.length > 6) break;
  }
  return uit;
}"""


# Issue 11, finding 9: a column of figures (cells marked numeric) has a right-aligned header,
# and no text in an input of a table is cut off (the plan's "Geen in 2" for "Geen in 2023").
OPMAAK = """() => {
  const uit = [];
  for (const tabel of document.querySelectorAll('table')) {
    const kop = tabel.tHead && tabel.tHead.rows[tabel.tHead.rows.length - 1];
    if (!kop) continue;
    for (const rij of tabel.tBodies.length ? tabel.tBodies[0].rows : []) {
      for (let i = 0; i < rij.cells.length && i < kop.cells.length; i++) {
        const cel = rij.cells[i];
        if (cel.tagName === 'TD' && cel.classList.contains('utrecht-table__cell--numeric')
            && rij.cells.length === kop.cells.length) {
          const uitlijning = getComputedStyle(kop.cells[i]).textAlign;
          if (!['right', 'end'].includes(uitlijning)) {
            const tekst = kop.cells[i].textContent.trim().slice(0, 40);
            uit.push('kop links boven getallen: "' + tekst + '"');
          }
        }
      }
    }
    for (const invoer of tabel.querySelectorAll('input[type=text], input:not([type])')) {
      if (invoer.offsetParent && invoer.value && invoer.scrollWidth > invoer.clientWidth + 1) {
        uit.push('tekst afgekapt in ' + (invoer.name || invoer.id) + ': "' + invoer.value + '"');
      }
    }
  }
  return [...new Set(uit)];
}"""


# Issue 11, finding 7: on a phone a chart keeps its whole title and its legend stays clear
# of the axis titles (static/js/grafieken.js applies the narrow layout of rapportage/charts.py).
GRAFIEK = """() => {
  const uit = [];
  for (const vlak of document.querySelectorAll('.js-plotly-plot')) {
    const kader = vlak.getBoundingClientRect();
    for (const titel of vlak.querySelectorAll('.gtitle')) {
      const r = titel.getBoundingClientRect();
      if (r.left < kader.left - 1 || r.right > kader.right + 1) {
        uit.push(vlak.id + ': titel valt buiten de grafiek');
      }
    }
    const legenda = vlak.querySelector('.legend');
    const astitel = vlak.querySelector('.g-xtitle text, .xtitle');
    if (legenda && astitel && astitel.textContent.trim()) {
      const l = legenda.getBoundingClientRect(), a = astitel.getBoundingClientRect();
      if (l.top < a.bottom && l.bottom > a.top && l.left < a.right && l.right > a.left) {
        uit.push(vlak.id + ': legenda over de astitel');
      }
    }
  }
  return uit;
}"""


def _breedte(page, pad: str, maat: str, problemen: list[str]) -> None:
    breed, zicht = page.evaluate(BREEDTE)
    if breed > zicht:
        problemen.append(f"{pad} op {maat}: {breed} > {zicht} px: {page.evaluate(TE_BREED)}")


@pytest.mark.parametrize("persona", ROLLEN)
def test_every_page_of_every_role_fits_a_phone_and_is_accessible(
    browser, live_server, demo, persona
):
    begin = time.monotonic()
    problemen: list[str] = []
    aantal = axe = 0
    with nieuwe_pagina(browser, live_server.url) as pagina:
        page = pagina.page
        # A shared CI machine can take more than the usual 10 s for the heaviest page.
        page.set_default_timeout(30_000)
        page.set_viewport_size(SMAL)
        pagina.inloggen(persona)
        for pad in paginas_van(persona):
            aantal += 1
            page.set_viewport_size(SMAL)
            pagina.open(pad)
            _breedte(page, pad, f"390 px als {persona}", problemen)
            problemen += [f"{pad} op 390 px: {p}" for p in page.evaluate(GRAFIEK)]
            soort = (resolve(urlsplit(pad).path).url_name, page.evaluate(FORMULIEREN))
            if soort not in GEZIEN:
                GEZIEN.add(soort)
                axe += 1
                try:
                    pagina.controleer_toegankelijkheid()
                except AssertionError as fout:
                    problemen.append(f"als {persona}: {fout}")
            page.set_viewport_size(BREED)
            page.wait_for_timeout(50)
            _breedte(page, pad, f"1366 px als {persona}", problemen)
            problemen += [f"{pad} als {persona}: {p}" for p in page.evaluate(OPMAAK)]
    duur = time.monotonic() - begin
    print(f"{persona}: {aantal} pagina's, axe op {axe}, in {duur:.0f} s")
    assert not problemen, "\n".join(problemen)
