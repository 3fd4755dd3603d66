"""Households: add, move through the statuses (every change a row), illegal steps refused."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from bemiddeling.huishoudens import services
from bemiddeling.huishoudens.services import Huishoudenfout
from bemiddeling.models import Huishouden, HuishoudenGebeurtenis
from kern.perioden import Maand

JUNI = date(2023, 6, 15)


def _stap(h, stap, datum, door, **velden):
    return services.stap_zetten(
        huishouden=h, stap=stap, datum=datum, door=door, vandaag=JUNI, **velden
    )


def test_a_household_keeps_only_its_pseudonymous_key(demo, nieuw_huishouden):
    h = nieuw_huishouden(2, 3, referentie="COA-2023-998877", behoeften=["medisch"])
    assert "998877" not in h.sleutel and len(h.sleutel) == 64
    assert h.grootte == 5 and h.grootteklasse == "5+"
    assert h.behoefte_labels == ["Groot gezin (5 of meer)", "Medische indicatie"]
    assert [g.soort for g in h.gebeurtenissen.all()] == ["aangemaakt"]
    with pytest.raises(Huishoudenfout, match="staat al in de lijst"):
        nieuw_huishouden(referentie="coa-2023-998877 ")


def test_bad_input_is_refused_in_dutch(demo, nieuw_huishouden):
    with pytest.raises(Huishoudenfout) as fout:
        nieuw_huishouden(0, 0)
    assert fout.value.fouten == {"volwassenen": "Een huishouden heeft minstens één persoon."}
    with pytest.raises(Huishoudenfout, match="toekomst"):
        nieuw_huishouden(koppeldatum=date(2023, 7, 1))
    with pytest.raises(Huishoudenfout, match="Onbekende route"):
        nieuw_huishouden(route="paleis")
    with pytest.raises(Huishoudenfout, match="nareizigers worden verwacht"):
        nieuw_huishouden(nareizigers=(2, None))


def test_only_the_opgaveteam_of_the_gemeente_adds(demo, nieuw_huishouden):
    for persona in ("opgaveteam_b", "provincie_a", "taskforce_a", "corporatie_a", "beheerder"):
        with pytest.raises(PermissionDenied):
            nieuw_huishouden(door=demo.user(persona))


def test_the_whole_route_each_change_a_row(demo, nieuw_huishouden):
    team = demo.user("opgaveteam_a")
    h = nieuw_huishouden(1, 0)
    h = _stap(h, "aanbieden", date(2023, 4, 1), team, corporatie=demo.ymere, grootteklasse="1")
    h = _stap(h, "weigeren", date(2023, 4, 5), team, reden="ligging")
    assert (h.status, h.corporatie) == ("gekoppeld", None)
    h = _stap(h, "aanbieden", date(2023, 4, 10), team, corporatie=demo.ymere, grootteklasse="2")
    h = _stap(h, "tekenen", date(2023, 4, 20), team)
    h = _stap(h, "verhuizen", date(2023, 5, 2), team)
    assert (h.status, h.sleuteldatum, h.corporatie) == ("verhuisd", date(2023, 5, 2), demo.ymere)
    rijen = list(h.gebeurtenissen.order_by("pk").values_list("soort", "van_status", "naar_status"))
    assert rijen == [
        ("aangemaakt", "", "gekoppeld"),
        ("aanbieden", "gekoppeld", "aangeboden"),
        ("weigeren", "aangeboden", "gekoppeld"),
        ("aanbieden", "gekoppeld", "aangeboden"),
        ("tekenen", "aangeboden", "getekend"),
        ("verhuizen", "getekend", "verhuisd"),
    ]
    assert {g.door for g in h.gebeurtenissen.all()} == {team}


def test_an_illegal_transition_changes_nothing(demo, nieuw_huishouden):
    team = demo.user("opgaveteam_a")
    h = nieuw_huishouden()
    with pytest.raises(Huishoudenfout, match="kan niet bij een huishouden met status 'gekoppeld'"):
        _stap(h, "verhuizen", date(2023, 5, 1), team)
    h.refresh_from_db()
    assert (h.status, h.versie, h.gebeurtenissen.count()) == ("gekoppeld", 1, 1)
    with pytest.raises(Huishoudenfout, match="waarom het huishouden is uitgevallen"):
        _stap(h, "uitvallen", date(2023, 5, 1), team)
    _stap(h, "uitvallen", date(2023, 5, 1), team, reden="vertrokken")
    with pytest.raises(Huishoudenfout, match="geen volgende stap"):
        _stap(h, "aanbieden", date(2023, 5, 2), team, corporatie=demo.ymere, grootteklasse="1")


def test_dates_cannot_go_back_or_into_the_future(demo, nieuw_huishouden):
    team = demo.user("opgaveteam_a")
    h = nieuw_huishouden()
    with pytest.raises(Huishoudenfout, match="vóór de vorige stap"):
        _stap(h, "aanbieden", date(2023, 2, 1), team, corporatie=demo.ymere, grootteklasse="1")
    with pytest.raises(Huishoudenfout, match="toekomst"):
        _stap(h, "aanbieden", date(2023, 7, 1), team, corporatie=demo.ymere, grootteklasse="1")


def test_a_stale_version_is_refused(demo, nieuw_huishouden):
    team = demo.user("opgaveteam_a")
    h = nieuw_huishouden()
    with pytest.raises(Huishoudenfout, match="intussen gewijzigd"):
        _stap(h, "uitvallen", date(2023, 5, 1), team, reden="overig", versie=7)


def test_a_corporatie_records_offers_of_its_own_dwellings_only(demo, nieuw_huishouden):
    ymere = demo.user("corporatie_a")
    goedestede = demo.user("corporatie_a2")
    h = nieuw_huishouden()
    with pytest.raises(PermissionDenied):  # another corporatie's dwelling
        _stap(
            h, "aanbieden", date(2023, 4, 1), goedestede, corporatie=demo.ymere, grootteklasse="1"
        )
    h = _stap(h, "aanbieden", date(2023, 4, 1), ymere, corporatie=demo.ymere, grootteklasse="1")
    with pytest.raises(PermissionDenied):  # not its offer
        _stap(h, "tekenen", date(2023, 4, 2), goedestede)
    h = _stap(h, "tekenen", date(2023, 4, 2), ymere)
    with pytest.raises(PermissionDenied):  # the move is the gemeente's
        _stap(h, "verhuizen", date(2023, 4, 3), ymere)
    with pytest.raises(PermissionDenied):
        _stap(h, "uitvallen", date(2023, 4, 3), ymere, reden="overig")


def test_nareizigers_join_and_lower_the_expected_number(demo, nieuw_huishouden):
    h = nieuw_huishouden(1, 0, nareizigers=(3, Maand(2023, 8)))
    assert h.grootteklasse == "3-4"
    h = services.nareizigers_vastleggen(
        huishouden=h,
        personen=2,
        datum=date(2023, 6, 1),
        door=demo.user("opgaveteam_a"),
        vandaag=JUNI,
    )
    assert (h.grootte, h.nareizigers_verwacht) == (3, 1)
    assert (
        HuishoudenGebeurtenis.objects.filter(huishouden=h, soort="nareizigers").get().personen == 2
    )


def test_nothing_about_a_person_is_stored(demo):
    velden = {f.name for m in (Huishouden, HuishoudenGebeurtenis) for f in m._meta.fields}
    assert not velden & {"naam", "referentie", "v_nummer", "bsn", "adres", "geboortedatum"}
