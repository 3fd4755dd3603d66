"""The gemeente dashboard (/gemeenten/<cbs>/): Almere's 2023 story as seed 000 tells it, the
forecast, the chart and its table, the month table in the seed's shape, supply against the
agreements, flags, and a fixed number of queries."""

import json
import re
from datetime import date

import plotly.graph_objects as go
import pytest
from django.test import override_settings

from prognose.models import Rekenstatus
from taakstelling.models import IbtStatus, Realisatie

PAD = "/gemeenten/GM0034/?peildatum=2023-05-01"


def _tekst(antwoord) -> str:
    return re.sub(r"\s+", " ", antwoord.content.decode())


def _figuur(html: str, naam: str) -> dict:
    m = re.search(rf'<script id="{naam}" type="application/json">(.*?)</script>', html, re.S)
    assert m, naam
    return json.loads(m.group(1))


def test_almere_on_1_may_2023_tells_the_seed_story(demo):
    tekst = _tekst(demo.client("provincie_a").get(PAD))
    for verwacht in (
        "Stand op 1 mei 2023",
        # seed 000 r. 44-47: 98 housed of whom 20 HAR uitplaatsingen, so 78 count; 48 dwellings
        "98 personen gehuisvest, waarvan 78 tellend voor de taakstelling, in 48 woningen",
        "Mijlpaal 1 okt 2023",
        "293 personen",
        "215 personen: 98 woningen bij een bezetting van 2,2",
        "Mijlpaal 31 dec 2023",
        "629 personen",
        "551 personen: 251 woningen bij een bezetting van 2,2",
        # seed 000 r. 51: 336 between the milestones, 153 dwellings
        "336 personen, 153 woningen",
        # seed 000 §3: the plan gives 78 + 133 x 2,2 = 370,6 and 78 + 250 x 2,2 = 628
        "371 personen (+78)",
        "628 personen (−1)",
        "trede 3: Actief toezicht",
        "sinds 21 sep 2021",
    ):
        assert verwacht in tekst, verwacht
    kaarten = tekst.split("Mijlpaal 31 dec 2023")
    # One verdict per milestone: the plan reaches 1 okt, but the pace of the last months
    # (171) falls far short, so the verdict is risico, not op koers.
    okt = kaarten[0].split("Mijlpaal 1 okt 2023")[1]
    assert "op koers" not in okt and "risico" in okt
    assert "Het plan haalt 371 (doel 293), maar in het huidige tempo komt u op 171" in okt
    assert "risico" in kaarten[1]


def test_the_chart_is_a_valid_plotly_figure_with_the_same_numbers_as_its_table(demo):
    html = demo.client("opgaveteam_a").get(PAD).content.decode()
    figuur = _figuur(html, "cumulatief-data")
    go.Figure(figuur)  # plotly validates every property
    reeksen = {t["name"]: t for t in figuur["data"]}
    gerealiseerd = reeksen["Geteld gerealiseerd (cumulatief)"]
    i = gerealiseerd["x"].index("apr 2023")
    assert gerealiseerd["y"][i] == 78
    doelen = reeksen["Mijlpaal (doel)"]
    assert dict(zip(doelen["x"], doelen["y"], strict=True)) == {"sep 2023": 293, "dec 2023": 629}
    plan = reeksen["Prognose volgens plan"]
    assert plan["y"][plan["x"].index("sep 2023")] == pytest.approx(370.6)
    assert plan["y"][plan["x"].index("dec 2023")] == pytest.approx(628)
    band = reeksen["P10–P90 (kansband)"]
    assert band["x"] == ["apr 2023", "sep 2023", "dec 2023"]
    # The table in the same <figure> holds these numbers.
    figuurblok = html.split('aria-labelledby="cumulatief-bijschrift"')[1].split("</figure>")[0]
    assert "april 2023" in figuurblok and ">78<" in figuurblok
    assert "1 okt 2023" in figuurblok and ">293<" in figuurblok
    # The split of Jan-Apr over months is made up (only the total is seed 000's): marked.
    assert 'april 2023 <span class="monitor-label monitor-label--illustratief">' in figuurblok
    # Okabe-Ito colours, and the lines differ in more than colour.
    assert gerealiseerd["line"]["color"] == "#0072B2"
    assert plan["line"]["dash"] == "dash"


def test_the_month_table_has_the_shape_of_seed_000(demo):
    tekst = _tekst(demo.client("taskforce_a").get(PAD))
    tabel = tekst.split('id="maandtabel-bijschrift"')[1].split("</table>")[0]
    koppen = re.findall(r'scope="col">([^<]+)</th>', tabel)
    assert koppen[2:] == [
        "mei 2023",
        "jun 2023",
        "jul 2023",
        "aug 2023",
        "sep 2023",
        "Resultaat per 1 okt 2023",
        "okt 2023",
        "nov 2023",
        "dec 2023",
        "Totaal",
    ]

    def rij(label):
        r = tabel.split(f">{label}</th>")[1].split("</tr>")[0]
        return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>.*?</td>", r)]

    # seed 000 'Verwacht resultaat per maand', dwellings and persons
    assert rij("Prioritaire toewijzing vrijkomende huurwoningen")[1:] == ["20"] * 5 + ["100"] + [
        "20"
    ] * 3 + ["160"]
    assert rij("Aftoppen van huurprijzen")[1:6] == ["pm"] * 5
    assert rij("Aantal woningen per maand (plan)")[1:] == [
        "20", "22", "22", "27", "42", "133", "42", "45", "30", "250"
    ]  # fmt: skip
    assert rij("Aantal vergunninghouders per maand (plan)")[1:] == [
        "44", "48", "48", "59", "92", "293", "92", "99", "66", "550"
    ]  # fmt: skip
    # Nothing realised yet in the plan months at 1 May: missing, never 0.
    assert set(rij("Gerealiseerd: woningen")[1:]) == {"–"}
    # R7: the rounded months add up to 291, the subtotal is the rounded exact 292,6.
    assert "tellen op tot 291 vergunninghouders; het exacte totaal is 292,6, afgerond 293" in tekst


def test_later_the_table_sets_realised_against_planned(demo):
    # Months of the plan that have figures show what was realised next to the plan.
    demo_rij = Realisatie.objects.filter(gemeente=demo.almere, maand=date(2023, 4, 1)).first()
    Realisatie.objects.create(
        gemeente=demo.almere,
        maand=date(2023, 5, 1),
        bron_id="amv",
        personen_gehuisvest=12,
        personen_tellend=12,
        woningen=5,
    )
    from taakstelling.models import Maandrapportage

    Maandrapportage.objects.create(gemeente=demo.almere, maand=date(2023, 5, 1))
    tekst = _tekst(demo.client("taskforce_a").get("/gemeenten/GM0034/?peildatum=2023-06-01"))
    tabel = tekst.split('id="maandtabel-bijschrift"')[1].split("</table>")[0]
    r = tabel.split(">Gerealiseerd: woningen</th>")[1].split("</tr>")[0]
    cellen = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>.*?</td>", r)]
    assert cellen[1] == "5" and cellen[2] == "–"  # May realised, June not yet known
    r = tabel.split(">Gerealiseerd min plan (vergunninghouders)</th>")[1].split("</tr>")[0]
    assert "−32" in r  # 12 counted against 44 planned
    assert demo_rij is not None


def test_supply_per_corporatie_against_the_agreements(demo):
    tekst = _tekst(demo.client("provincie_a").get(PAD))
    blok = tekst.split('id="aanbod-kop"')[1].split("</table>")[0]
    for naam in ("De Alliantie", "GoedeStede", "Ymere"):
        assert naam in blok
    assert "4 van 4" in blok
    assert "40,0%" in blok  # the agreed share to urgenten until 1 Jul 2023 (seed 000 r. 78)
    assert "geen plafond" in blok  # Almere has no cap agreed


def test_a_corporatie_sees_only_its_own_supply(demo):
    tekst = _tekst(demo.client("corporatie_a").get(PAD))
    blok = tekst.split('id="aanbod-kop"')[1].split("</table>")[0]
    assert "Ymere" in blok and "GoedeStede" not in blok and "De Alliantie" not in blok
    assert "alleen het aanbod van uw eigen corporatie" in blok


def test_missing_months_are_shown_as_missing_not_zero(demo):
    # Noordoostpolder (illustratief) did not enter April 2023.
    tekst = _tekst(demo.client("provincie_a").get("/gemeenten/GM0171/?peildatum=2023-05-01"))
    assert "illustratief" in tekst
    assert "Ontbrekende maanden (niet ingevuld, niet als 0 geteld):</strong> april 2023" in tekst
    tabel = tekst.split("Tabel bij de grafiek")[1].split("</table>")[0]
    april = tabel.split('scope="row">april 2023</th>')[1].split("</tr>")[0]
    assert "(ontbreekt)" in april


def test_flags_are_listed(demo):
    tekst = _tekst(demo.client("opgaveteam_a").get(PAD))
    blok = tekst.split('id="signalen-kop"')[1]
    assert "pm" in blok  # seed 000: rent capping, other landlords, HAR are pm


def test_a_stale_forecast_says_a_recompute_is_under_way(demo):
    Rekenstatus.objects.filter(gemeente=demo.almere).update(wijziging=10**9)
    tekst = _tekst(demo.client("opgaveteam_a").get(PAD))
    assert "Herberekening loopt." in tekst


def test_another_peildatum_is_computed_live(demo):
    tekst = _tekst(demo.client("opgaveteam_a").get("/gemeenten/GM0034/?peildatum=2023-09-01"))
    assert "berekend bij het openen van deze pagina" in tekst
    assert "Stand op 1 sep 2023" in tekst


def test_the_navigation_mirrors_the_role(demo):
    html = demo.client("opgaveteam_a").get(PAD).content.decode()
    nav = html.split('class="monitor-gemeentemenu"')[1].split("</nav>")[0]
    assert 'aria-current="page">Dashboard<' in nav
    assert "Realisatie invoeren" in nav and "IBT-dashboard" not in nav
    for pad in ("/plan/", "/taakstelling/", "/prognose/", "/overleg/", "/wijzigingen/"):
        assert f"/gemeenten/GM0034{pad}" in nav
    nav = demo.client("provincie_a").get(PAD).content.decode().split('monitor-gemeentemenu"')[1]
    assert "IBT-dashboard Flevoland" in nav and "Realisatie invoeren" not in nav
    nav = demo.client("taskforce_a").get(PAD).content.decode().split('monitor-gemeentemenu"')[1]
    assert ">Realisatie<" in nav and "IBT-dashboard" not in nav


@pytest.mark.parametrize(
    "pad",
    [
        "/gemeenten/GM0034/plan/",
        "/gemeenten/GM0034/taakstelling/",
        "/gemeenten/GM0034/ibt/",
        "/gemeenten/GM0034/mijlpalen/",
        "/gemeenten/GM0034/prognose/",
        "/gemeenten/GM0034/overleg/",
        "/gemeenten/GM0034/wijzigingen/",
        "/gemeenten/GM0034/realisatie/2023-04/",
    ],
)
def test_every_gemeente_page_has_the_one_navigation(demo, pad):
    html = demo.client("taskforce_a").get(pad).content.decode()
    assert html.count('class="monitor-gemeentemenu"') == 1
    assert 'aria-current="page"' in html.split('class="monitor-gemeentemenu"')[1].split("</nav>")[0]


def test_no_inline_script_on_the_dashboard(demo):
    html = demo.client("opgaveteam_a").get(PAD).content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "/static/vendor/plotly/plotly-basic.min.js" in html
    # Nothing from another host (a CDN): every script and stylesheet is our own static file.
    # (Not a search for "cdn" in the whole page: a random CSRF token can contain it.)
    extern = re.findall(r'<(?:script|link)[^>]*(?:src|href)="(?:https?:)?//[^"]*"', html)
    assert extern == [], extern


def test_the_query_count_does_not_grow_with_the_data(demo, django_assert_max_num_queries):
    client = demo.client("provincie_a")
    with django_assert_max_num_queries(16):  # 12 + the session's first save (4)
        assert client.get(PAD).status_code == 200
    # Ten more years of months, more IBT history: still the same number of queries.
    for jaar in range(2010, 2020):
        for maand in range(1, 13):
            Realisatie.objects.create(
                gemeente=demo.almere,
                maand=date(jaar, maand, 1),
                bron_id="amv",
                personen_gehuisvest=1,
                personen_tellend=1,
                woningen=1,
            )
    eerste = IbtStatus.objects.filter(gemeente=demo.almere).first()
    for i in range(5):
        IbtStatus.objects.create(
            gemeente=demo.almere, trede=eerste.trede, sinds=date(2015 + i, 1, 1), reden="test"
        )
    with django_assert_max_num_queries(16):  # 12 + the session's first save (4)
        assert client.get(PAD).status_code == 200


@override_settings(TWEESTAPS_VERPLICHT=False)
def test_a_bad_peildatum_keeps_the_page(demo):
    antwoord = demo.client("opgaveteam_a").get("/gemeenten/GM0034/?peildatum=2023-02-30")
    assert antwoord.status_code == 200
    assert "geen datum" in antwoord.content.decode()
