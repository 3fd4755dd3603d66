"""Read-out (issue 14 §8): manage.py pijplijn and the API, with worked figures."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from bemiddeling.huishoudens import services
from bemiddeling.huishoudens.services import Samenstelling
from kern.perioden import Maand
from organisaties.models import Rol, Werkgebied
from tests import fabriek

VANDAAG = date(2024, 6, 30)


@pytest.fixture
def wereld(db):
    g = fabriek.gemeente()
    c = fabriek.corporatie()
    Werkgebied.objects.create(corporatie=c, gemeente=g)
    team = fabriek.gebruiker(Rol.OPGAVETEAM, gemeente=g)
    provincie = fabriek.gebruiker(Rol.PROVINCIE, provincie=g.provincie)

    def nieuw(ref, koppel, v, k=0, nareizigers=(0, None)):
        return services.huishouden_toevoegen(
            gemeente=g,
            referentie=ref,
            koppeldatum=koppel,
            samenstelling=Samenstelling(v, k, *nareizigers),
            door=team,
            vandaag=VANDAAG,
        )

    def stap(h, stap, dag, **velden):
        return services.stap_zetten(
            huishouden=h, stap=stap, datum=dag, door=team, vandaag=VANDAAG, **velden
        )

    def verhuis(h, aanbod, teken, sleutel):
        h = stap(h, "aanbieden", aanbod, corporatie=c, grootteklasse="2")
        h = stap(h, "tekenen", teken)
        return stap(h, "verhuizen", sleutel)

    nieuw("H1", date(2024, 3, 1), 1)
    h2 = nieuw("H2", date(2024, 5, 1), 2, 2)
    stap(h2, "aanbieden", date(2024, 5, 20), corporatie=c, grootteklasse="3-4")
    nieuw("H3", date(2024, 6, 1), 1, 0, (2, Maand(2024, 9)))
    verhuis(
        nieuw("H4", date(2024, 2, 1), 2, 1), date(2024, 2, 20), date(2024, 3, 1), date(2024, 4, 15)
    )
    h5 = verhuis(nieuw("H5", date(2024, 3, 1), 1), *[date(2024, 5, 10)] * 3)
    services.nareizigers_vastleggen(
        huishouden=h5, personen=1, datum=date(2024, 6, 5), door=team, vandaag=VANDAAG
    )
    stap(nieuw("H6", date(2024, 1, 10), 1), "uitvallen", date(2024, 2, 1), reden="vertrokken")
    return g, team, provincie


def _pijplijn(g, peildatum):
    uit = StringIO()
    call_command("pijplijn", g.cbs_code, "--peildatum", peildatum, "--format", "json", stdout=uit)
    return json.loads(uit.getvalue())


def test_the_pipeline_in_counts_at_the_end_of_june(wereld):
    g, _, _ = wereld
    s = _pijplijn(g, "2024-06-30")
    assert s["per_status"] == {
        "gekoppeld": 2,
        "aangeboden": 1,
        "getekend": 0,
        "verhuisd": 2,
        "uitgevallen": 1,
    }
    # H1 linked 1 March: 10 weeks on 10 May, 12 weeks on 24 May. H2 (1 May) is not late yet.
    assert s["voorbij_norm"] == {"huurcontract_10_weken": 1, "verhuizing_12_weken": 1}
    # H1 alone; H2 2+2; H3 1 + 2 expected nareizigers.
    assert s["wachtend_per_grootte"] == {"1": 1, "2": 0, "3-4": 2, "5+": 0}
    assert s["wachtende_personen"] == 8
    assert s["verhuisd_per_maand"] == [
        {"maand": "2024-04", "personen": 3, "woningen": 1},
        {"maand": "2024-05", "personen": 1, "woningen": 1},
        {"maand": "2024-06", "personen": 1, "woningen": 0},  # H5's nareiziger
    ]


def test_the_pipeline_at_an_earlier_peildatum(wereld):
    g, _, _ = wereld
    s = _pijplijn(g, "2024-04-01")
    assert s["per_status"] == {
        "gekoppeld": 2,
        "aangeboden": 0,
        "getekend": 1,
        "verhuisd": 0,
        "uitgevallen": 1,
    }
    assert s["verhuisd_per_maand"] == []


def test_the_table_format_reads_in_dutch(wereld):
    g, _, _ = wereld
    uit = StringIO()
    call_command("pijplijn", g.cbs_code, "--peildatum", "2024-06-30", stdout=uit)
    assert "Voorbij 10 weken zonder huurcontract: 1" in uit.getvalue()


def test_the_api_gives_the_same_and_hides_small_counts_from_the_province(wereld):
    g, team, provincie = wereld
    pad = f"/api/v1/gemeenten/{g.cbs_code}/huishoudens?peildatum=2024-06-30"
    client = Client()
    client.force_login(team)
    exact = client.get(pad).json()
    assert exact.pop("kleine_aantallen_verborgen") is False
    assert exact == _pijplijn(g, "2024-06-30")
    client.force_login(provincie)
    verborgen = client.get(pad).json()
    assert verborgen["kleine_aantallen_verborgen"] is True
    assert verborgen["per_status"] == {
        "gekoppeld": "<5",
        "aangeboden": "<5",
        "getekend": "0",
        "verhuisd": "<5",
        "uitgevallen": "<5",
    }
    assert verborgen["wachtende_personen"] == "8"
