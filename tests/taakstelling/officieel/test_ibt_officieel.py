"""The IBT dashboard shows COA's official figures beside the own ones; the verdict column
follows the province's setting (official by default) and says which (issue 15 item 7)."""

from taakstelling.officieel.models import ProvincieInstelling

URL = "/provincies/flevoland/?peildatum=2023-05-01"


def test_official_figures_beside_own_and_the_verdict_follows_the_setting(demo):
    c = demo.client("provincie_a")
    html = c.get(URL).content.decode()
    assert "COA: opgave" in html and "Oordeel: deel van de opgave" in html
    assert "volgt de officiële cijfers van het COA (overzicht van 30 apr 2023)" in html
    # Almere by COA: opgave 261 + 32 = 293, housed 74: 25%
    assert ">293<" in html and '25% <span class="rapportage-klein">(COA)</span>' in html
    assert 'href="/provincies/flevoland/art29/"' in html
    instelling = ProvincieInstelling(provincie=demo.flevoland, oordeel_op="eigen")
    instelling._change_reason = "Provincie kiest eigen cijfers"
    instelling.save()
    html = c.get(URL).content.decode()
    assert "De kolom Oordeel volgt de eigen cijfers van de gemeenten" in html
    assert "(eigen)" in html and "(COA)" not in html


def test_before_any_coa_overview_the_own_figures_hold_and_it_says_so(demo):
    html = demo.client("provincie_a").get("/provincies/flevoland/?peildatum=2023-04-01").content
    assert "nog geen COA-overzicht" in html.decode()
