"""'Past het aanbod?' on the gemeente dashboard and the pipeline page (issue 14 §9): the
shortfall per size class and what it means in weeks, exact for the opgaveteam, below 5 hidden
(with the shortfall and weeks that would give it away) for everyone else; in the dashboard's one
query per request, and a household's step shows at once (the cache key follows households)."""

from datetime import date, datetime
from decimal import Decimal

import time_machine

from bemiddeling.huishoudens import aanbod
from bemiddeling.models import Aanbodverwachting
from tests.conftest import AMSTERDAM

DASHBOARD = "/gemeenten/GM0034/?peildatum=2023-05-01"
PIJPLIJN = "/gemeenten/GM0034/huishoudens/"
VANDAAG = date(2023, 6, 15)


def _op(dag: date):
    return time_machine.travel(
        datetime(dag.year, dag.month, dag.day, 12, tzinfo=AMSTERDAM), tick=False
    )


def _wereld(demo, nieuw_huishouden):
    """Almere on 15 June 2023: 6 single households and 1 of six persons waiting; the
    corporaties expect 1 dwelling a month for one person, 0,5 for five or more."""
    Aanbodverwachting.objects.filter(gemeente=demo.almere).update(
        vh_1=None, vh_2=None, vh_3_4=None, vh_5_plus=None
    )
    Aanbodverwachting.objects.filter(gemeente=demo.almere, corporatie=demo.ymere).update(
        vh_1=Decimal(1), vh_5_plus=Decimal("0.5")
    )
    for _ in range(6):
        nieuw_huishouden(koppeldatum=date(2023, 5, 1))
    nieuw_huishouden(volwassenen=2, kinderen=4, koppeldatum=date(2023, 5, 1))


def test_one_query_gives_what_the_two_readers_give(demo, nieuw_huishouden):
    _wereld(demo, nieuw_huishouden)
    wachtend, per_maand = aanbod.paneelcijfers(demo.almere, VANDAAG)
    apart = aanbod.wachtend_per_klasse(demo.almere, VANDAAG)
    assert {k: v for k, v in wachtend.items() if v} == apart
    assert per_maand == aanbod.verwacht_per_maand(demo.almere, VANDAAG)
    assert wachtend == {"1": 6, "2": 0, "3-4": 0, "5+": 1}
    assert per_maand == {"1": Decimal(1), "2": None, "3-4": None, "5+": Decimal("0.5")}


def test_the_dashboard_shows_the_shortfall_and_the_weeks(demo, nieuw_huishouden):
    _wereld(demo, nieuw_huishouden)
    with _op(VANDAAG):
        team = demo.client("opgaveteam_a").get(DASHBOARD).content.decode()
        provincie = demo.client("provincie_a").get(DASHBOARD).content.decode()
    for tekst in (team, provincie):
        assert "Past het aanbod?" in tekst
        assert "Stand van vandaag, 15 jun 2023" in tekst
        assert 'href="/gemeenten/GM0034/huishoudens/#past-het-aanbod"' in tekst
        assert "Het aanbod past niet voor: 1 persoon" in tekst
    rij = team.split('<th class="utrecht-table__header-cell" scope="row">1 persoon</th>')[1]
    # 6 waiting, 3 dwellings in three months: 3 left; 6 / 1 a month = 26 weeks (4,345 a month).
    cellen = [c.split("<")[0] for c in rij.split('numeric">')[1:5]]
    assert cellen == ["6", "3,0", "3", "26"]
    # The province: 6 stays, the single household of six is "<5" and so are its shortfall and
    # weeks (0,5 a month for 1 household: 9 weeks would tell it is one).
    rij = provincie.split('scope="row">5 of meer personen</th>')[1].split("</tr>")[0]
    cellen = [c.split("<")[0] for c in rij.split('numeric">')[1:5]]
    assert cellen == ["&lt;5", "1,5", "0", "–"]
    rij = team.split('scope="row">5 of meer personen</th>')[1].split("</tr>")[0]
    assert [c.split("<")[0] for c in rij.split('numeric">')[1:5]] == ["1", "1,5", "0", "9"]


def test_a_household_step_shows_on_the_cached_dashboard_at_once(demo, nieuw_huishouden):
    _wereld(demo, nieuw_huishouden)
    with _op(VANDAAG):
        client = demo.client("opgaveteam_a")
        voor = client.get(DASHBOARD).content.decode()
        nieuw_huishouden(koppeldatum=date(2023, 6, 1))
        na = client.get(DASHBOARD).content.decode()
    cel = 'scope="row">1 persoon</th>\n      <td class="utrecht-table__cell '
    cel += 'utrecht-table__cell--numeric">'
    assert cel + "6<" in voor and cel + "7<" in na


def test_no_panel_without_waiting_households(demo):
    with _op(date(2023, 5, 15)):  # before the demo's households were linked
        tekst = demo.client("opgaveteam_a").get(DASHBOARD).content.decode()
    assert "Past het aanbod?" not in tekst


def test_the_pipeline_page_of_the_province_hides_small_shortfalls(demo, nieuw_huishouden):
    _wereld(demo, nieuw_huishouden)
    with _op(VANDAAG):
        tekst = demo.client("provincie_a").get(PIJPLIJN).content.decode()
        team = demo.client("opgaveteam_a").get(PIJPLIJN).content.decode()
    assert "Past het aanbod?" in tekst and "Past het aanbod?" in team
    paneel = tekst.split('id="past-het-aanbod"')[1]
    rij = paneel.split('scope="row">5 of meer personen</th>')[1].split("</tr>")[0]
    assert [c.split("<")[0] for c in rij.split('numeric">')[1:5]] == ["&lt;5", "1,5", "0", "–"]
    assert "Naar de huishoudens van" not in team  # the link is for the dashboard
