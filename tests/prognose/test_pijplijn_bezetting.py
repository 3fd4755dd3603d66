"""The forecast uses the pipeline's real household sizes instead of the assumed bezetting
where the gemeente works per household, and says which it used (issue 14 §9).

Worked figures: Almere on peildatum 1 May 2023, April kept per household. Waiting that day:
a single with one nareiziger expected (2), a single (1) and a family of 2 + 2 (4): mean
7 / 3 = 2,333... -> 2,33 persons per dwelling. Not counted: a household of 6 that moved on
20 April, one of 5 linked on 10 May (after the peildatum)."""

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from bemiddeling.huishoudens import services
from bemiddeling.models import Huishouden
from prognose.rekenen import engine
from prognose.selectors import invoer
from prognose.services import herberekenen, prognose
from taakstelling.models import Invoerwijze

PEILDATUM = date(2023, 5, 1)


def _huishouden(demo, n, koppel, volwassenen, kinderen=0, verwacht=0, eind=None):
    return Huishouden.objects.create(
        gemeente=demo.almere,
        sleutel=f"{n:064d}",
        koppeldatum=koppel,
        volwassenen=volwassenen,
        kinderen=kinderen,
        nareizigers_verwacht=verwacht,
        status="verhuisd" if eind else "gekoppeld",
        status_sinds=eind or koppel,
        sleuteldatum=eind,
        einddatum=eind,
    )


@pytest.fixture
def pijplijn(demo):
    _huishouden(demo, 1, date(2023, 3, 1), 1, verwacht=1)
    _huishouden(demo, 2, date(2023, 3, 20), 1)
    _huishouden(demo, 3, date(2023, 4, 2), 2, kinderen=2)
    _huishouden(demo, 4, date(2023, 2, 1), 2, kinderen=4, eind=date(2023, 4, 20))
    _huishouden(demo, 5, date(2023, 5, 10), 5)


def test_without_household_mode_the_assumed_bezetting_stays(demo, pijplijn):
    p = prognose(demo.almere, peildatum=PEILDATUM)
    assert p.bezetting == Decimal("2.2")
    assert p.bezetting_bron.startswith("plan: ")


def test_in_household_mode_the_mean_waiting_size_is_the_bezetting(demo, pijplijn):
    voor = prognose(demo.almere, peildatum=PEILDATUM)
    Invoerwijze.objects.create(gemeente=demo.almere, maand=date(2023, 4, 1))
    p = prognose(demo.almere, peildatum=PEILDATUM)
    assert p.bezetting == Decimal("2.33")
    assert p.bezetting_bron == "gemiddelde huishoudgrootte uit de pijplijn: 2,33"
    # The persons still needed are the same; the dwellings follow the new bezetting (R6).
    for m, eerder in zip(p.mijlpalen, voor.mijlpalen, strict=True):
        assert m.resterend == eerder.resterend
        assert m.benodigde_woningen == math.ceil(Fraction(m.resterend) / Fraction("2.33"))
    # The inputs' hash follows the mean: the snapshot is recomputed when it changes.
    batch = invoer.laad([demo.almere.pk])
    g = batch.gemeenten[demo.almere.pk]
    assert engine.pijplijn_bezetting(g, PEILDATUM) == Decimal("2.33")
    assert engine.pijplijn_bezetting(g, date(2023, 7, 1)) is None  # June not per household
    # A scenario's own bezetting still wins.
    from prognose.rekenen.scenario import Parameters

    s = prognose(demo.almere, peildatum=PEILDATUM, parameters=Parameters(bezetting=Decimal(2)))
    assert s.bezetting == Decimal(2) and "pijplijn" not in s.bezetting_bron


def test_the_prognose_page_says_which_bezetting_it_used(demo, pijplijn):
    pad = "/gemeenten/GM0034/prognose/?peildatum=2023-05-01"
    client = demo.client("opgaveteam_a")
    assert "Aangenomen bezetting 2,2 personen per woning" in client.get(pad).content.decode()
    Invoerwijze.objects.create(gemeente=demo.almere, maand=date(2023, 4, 1))
    herberekenen(demo.almere.pk, vandaag=date(2023, 5, 15))  # what the worker does
    tekst = client.get(pad).content.decode()
    assert "Bezetting 2,33 personen per woning: gemiddelde huishoudgrootte uit de pijplijn" in tekst


def test_a_household_change_in_household_mode_asks_a_recompute(
    demo, monkeypatch, django_capture_on_commit_callbacks
):
    gevraagd = []
    monkeypatch.setattr(services, "herberekening_aanvragen", gevraagd.append)
    maak = dict(
        gemeente=demo.almere,
        koppeldatum=date(2023, 6, 1),
        samenstelling=services.Samenstelling(1, 0),
        door=demo.user("opgaveteam_a"),
        vandaag=date(2023, 6, 15),
    )
    services.huishouden_toevoegen(referentie="COA-PB-1", **maak)
    assert gevraagd == []  # totals: the forecast does not read households
    Invoerwijze.objects.create(gemeente=demo.almere, maand=date(2023, 6, 1))
    services.huishouden_toevoegen(referentie="COA-PB-2", **maak)
    assert gevraagd == [demo.almere.pk]
