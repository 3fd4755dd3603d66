"""The access module: who sees which gemeente and may change what (the roles in README.md)."""

import pytest

from organisaties import toegang
from organisaties.toegang import Handeling

FLEVOLAND = {"Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk", "Zeewolde"}


@pytest.mark.parametrize(
    ("persona", "verwacht"),
    [
        ("opgaveteam_a", {"Almere"}),
        ("opgaveteam_b", {"Steenwijkerland"}),
        ("corporatie_a", {"Almere"}),
        ("corporatie_b", {"Steenwijkerland"}),
        ("provincie_a", FLEVOLAND),
        ("provincie_elders", {"Steenwijkerland"}),
        ("taskforce_a", {"Almere"}),
        ("beheerder", FLEVOLAND | {"Steenwijkerland"}),
    ],
)
def test_visible_gemeenten_per_role(demo, persona, verwacht):
    assert {g.naam for g in toegang.zichtbare_gemeenten(demo.user(persona))} == verwacht


def test_anonymous_sees_nothing(demo):
    from django.contrib.auth.models import AnonymousUser

    assert not toegang.zichtbare_gemeenten(AnonymousUser()).exists()


@pytest.mark.parametrize(
    ("persona", "handeling", "mag"),
    [
        ("opgaveteam_a", Handeling.REALISATIE_WIJZIGEN, True),
        ("opgaveteam_b", Handeling.REALISATIE_WIJZIGEN, False),
        ("taskforce_a", Handeling.REALISATIE_WIJZIGEN, False),
        ("provincie_a", Handeling.REALISATIE_WIJZIGEN, False),
        ("provincie_a", Handeling.IBT_WIJZIGEN, True),
        ("provincie_elders", Handeling.IBT_WIJZIGEN, False),
        ("opgaveteam_a", Handeling.IBT_WIJZIGEN, False),
        ("beheerder", Handeling.REALISATIE_WIJZIGEN, False),
    ],
)
def test_who_may_change_almere(demo, persona, handeling, mag):
    assert toegang.mag(demo.user(persona), handeling, gemeente=demo.almere) is mag


def test_a_corporatie_changes_only_its_own_supply_where_it_works(demo):
    ymere = demo.user("corporatie_a")
    assert toegang.mag(
        ymere, Handeling.AANBOD_WIJZIGEN, corporatie=demo.ymere, gemeente=demo.almere
    )
    assert not toegang.mag(ymere, Handeling.AANBOD_WIJZIGEN, corporatie=demo.woonconcept)
    assert not toegang.mag(
        ymere, Handeling.AANBOD_WIJZIGEN, corporatie=demo.ymere, gemeente=demo.steenwijkerland
    )


def test_memberships_are_read_once_per_request(demo, django_assert_num_queries):
    user = demo.user("provincie_a")
    with django_assert_num_queries(1):
        for _ in range(5):
            toegang.toegang(user)
