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


def test_verdict_colour_ranking_and_totals_follow_the_setting(demo):
    """Peildatum 1 May 2023, first half of 2023. Zeewolde by its own count: 22 of an opgave of
    27 (81%), pace 33 at 30 June: risico (no plan). By COA: 12 of 28 (43%); the same pace on
    COA's count gives 33 - 10 = 23, short of 28 by more than the margin, and no probability
    to rescue it (that was drawn around the own count): niet haalbaar. Ranking: Lelystad
    (COA 42 of 96, 44%) now before Zeewolde. Almere's next milestone (1 October) lies after
    the half-year of COA's overview: its verdict stays on the own figures, and the page says so."""
    from datetime import date

    from rapportage.views.dashboard import provincie_context

    def rij(ctx, naam):
        return next(r for r in ctx["rijen"] if r["gemeente"] == naam)

    ctx = provincie_context(demo.flevoland, date(2023, 5, 1))
    z = rij(ctx, "Zeewolde")
    assert (z["status_eigen"], z["status"], z["oordeel_volgt"]) == (
        "risico",
        "niet haalbaar",
        "COA",
    )
    assert z["reden"].startswith("Op de cijfers van het COA: ") and "doel 28" in z["reden"]
    assert "komt u op 23" in z["reden"]
    assert "kans onbekend" in z["reden"]
    almere = rij(ctx, "Almere")
    assert almere["oordeel_volgt"] == "eigen" and almere["status"] == almere["status_eigen"]
    namen = [r["gemeente"] for r in ctx["ranglijst"]]
    assert namen.index("Lelystad") < namen.index("Zeewolde")
    assert dict(ctx["totalen"]["oordelen"])["niet haalbaar"] == 4
    grafiek = ctx["grafiek_ranglijst"]["data"][0]
    kleur = dict(zip(grafiek["y"], grafiek["marker"]["color"], strict=True))
    html = demo.client("provincie_a").get(URL).content.decode()
    assert "Op de cijfers van het COA: er is geen plan" in html
    assert "de mijlpaal ligt na het halfjaar van het COA-overzicht" in html

    instelling = ProvincieInstelling(provincie=demo.flevoland, oordeel_op="eigen")
    instelling._change_reason = "Provincie kiest eigen cijfers"
    instelling.save()
    ctx = provincie_context(demo.flevoland, date(2023, 5, 1))
    z = rij(ctx, "Zeewolde")
    assert (z["status"], z["oordeel_volgt"]) == ("risico", "eigen")
    assert not z["reden"].startswith("Op de cijfers")
    namen = [r["gemeente"] for r in ctx["ranglijst"]]
    assert namen.index("Zeewolde") < namen.index("Lelystad")
    assert dict(ctx["totalen"]["oordelen"])["niet haalbaar"] == 3
    grafiek = ctx["grafiek_ranglijst"]["data"][0]
    assert (
        dict(zip(grafiek["y"], grafiek["marker"]["color"], strict=True))["Zeewolde"]
        != (kleur["Zeewolde"])
    )
    html = demo.client("provincie_a").get(URL).content.decode()
    assert "Op de cijfers van het COA" not in html
