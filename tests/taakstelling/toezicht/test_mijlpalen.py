"""The provincie's own milestones (R5): set, changed with a reason, deleted with a reason;
legal defaults give way to them; nobody else changes them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organisaties.wijzigen import Conflict
from taakstelling import selectors
from taakstelling.models import Mijlpaal
from taakstelling.toezicht import services as diensten

pytestmark = pytest.mark.usefixtures("juni_2023")

M = "/gemeenten/GM0034/mijlpalen/"


def okt(demo) -> Mijlpaal:
    return Mijlpaal.objects.get(gemeente=demo.almere, datum=date(2023, 10, 1))


def test_a_province_milestone_is_added_and_replaces_only_the_defaults_it_covers(
    demo, herberekeningen, django_capture_on_commit_callbacks
):
    lelystad = demo.lelystad
    assert [m.gezet_door for m in selectors.geldende_mijlpalen(lelystad)] == ["wet", "wet"]
    with django_capture_on_commit_callbacks(execute=True):
        diensten.mijlpaal_vastleggen(
            gemeente=lelystad,
            datum=date(2023, 9, 1),
            doel=80,
            startdatum=date(2023, 1, 1),
            omschrijving="Brief 20 april",
            door=demo.user("provincie_a"),
        )
    geldend = selectors.geldende_mijlpalen(lelystad)
    # 80 by 1 sep asks less than the legal 96 by 30 jun, so both legal ends stay (R5).
    assert [(m.datum, m.gezet_door) for m in geldend] == [
        (date(2023, 6, 30), "wet"),
        (date(2023, 9, 1), "provincie"),
        (date(2023, 12, 31), "wet"),
    ]
    assert herberekeningen == [lelystad.pk]
    diensten.mijlpaal_vastleggen(
        gemeente=lelystad,
        datum=date(2023, 10, 1),
        doel=96,
        startdatum=date(2023, 1, 1),
        omschrijving="Uitstel eerste helft",
        door=demo.user("provincie_a"),
    )
    # 96 by 1 okt covers the legal 96 by 30 jun (a later deadline for the same target).
    assert [m.datum for m in selectors.geldende_mijlpalen(lelystad)] == [
        date(2023, 9, 1),
        date(2023, 10, 1),
        date(2023, 12, 31),
    ]


@pytest.mark.parametrize(
    ("kw", "veld"),
    [
        ({"datum": date(2023, 10, 1)}, "datum"),  # already one on that date
        ({"startdatum": date(2023, 12, 1)}, "startdatum"),
        ({"doel": -1}, "doel"),
        ({"datum": date(1999, 1, 1)}, "datum"),
    ],
)
def test_invalid_milestones_are_refused_in_dutch(demo, kw, veld):
    args = dict(
        gemeente=demo.almere,
        datum=date(2023, 11, 1),
        doel=400,
        startdatum=date(2023, 1, 1),
        omschrijving="",
        door=demo.user("provincie_a"),
    )
    with pytest.raises(ValidationError) as fout:
        diensten.mijlpaal_vastleggen(**(args | kw))
    assert veld in fout.value.message_dict


def test_changing_needs_a_reason_and_a_current_version(demo):
    m = okt(demo)
    args = dict(
        mijlpaal=m,
        datum=m.datum,
        doel=300,
        startdatum=m.startdatum,
        omschrijving="",
        door=demo.user("provincie_a"),
    )
    with pytest.raises(ValidationError) as fout:
        diensten.mijlpaal_wijzigen(**args, versie=m.versie, reden="")
    assert "reden" in fout.value.message_dict
    diensten.mijlpaal_wijzigen(**args, versie=m.versie, reden="Nieuwe brief")
    assert okt(demo).doel == 300
    with pytest.raises(Conflict):
        diensten.mijlpaal_wijzigen(**(args | {"doel": 310}), versie=m.versie, reden="Nog een")


@pytest.mark.parametrize(
    "persona", ["opgaveteam_a", "taskforce_a", "corporatie_a", "provincie_elders", "beheerder"]
)
def test_only_the_provincie_of_the_gemeente_changes_milestones(demo, persona):
    m = okt(demo)
    with pytest.raises(PermissionDenied):
        diensten.mijlpaal_verwijderen(
            mijlpaal=m, door=demo.user(persona), versie=m.versie, reden="x"
        )


def test_a_gemeentes_own_target_is_not_the_provincies_to_change(demo):
    eigen = Mijlpaal.objects.create(
        gemeente=demo.almere,
        datum=date(2023, 8, 1),
        doel=200,
        startdatum=date(2023, 1, 1),
        gezet_door=Mijlpaal.GezetDoor.GEMEENTE,
    )
    with pytest.raises(PermissionDenied):
        diensten.mijlpaal_verwijderen(
            mijlpaal=eigen, door=demo.user("provincie_a"), versie=1, reden="x"
        )
    html = demo.client("provincie_a").get(M).content.decode()
    assert "Mijlpaal 1 aug 2023 wijzigen" not in html and "Mijlpaal 1 okt 2023 wijzigen" in html


def test_the_provincie_manages_milestones_through_the_page(demo):
    c = demo.client("provincie_a")
    nieuw = {
        "datum": "2023-11-15",
        "doel": "450",
        "startdatum": "2023-01-01",
        "omschrijving": "Tussenstap",
    }
    assert c.post(M, nieuw).status_code == 302
    assert (
        Mijlpaal.objects.get(
            gemeente=demo.almere, datum=date(2023, 11, 15)
        ).vastgesteld_door.username
        == "provincie-flevoland"
    )
    m = okt(demo)
    wijzig = {
        "m-2023-10-01-datum": "2023-10-01",
        "m-2023-10-01-doel": "290",
        "m-2023-10-01-startdatum": "2023-01-01",
        "m-2023-10-01-omschrijving": "Deadline",
        "m-2023-10-01-versie": m.versie,
        "m-2023-10-01-reden": "Bijgesteld",
    }
    assert c.post(M + "2023-10-01/", wijzig).status_code == 302
    html = c.post(M + "2023-10-01/", wijzig | {"m-2023-10-01-doel": "291"}).content.decode()
    assert (
        "Iemand anders heeft deze mijlpaal intussen gewijzigd: nu 290 personen per 1 okt 2023"
        in html
    )
    weg = {"md-2023-11-15-versie": 1, "md-2023-11-15-reden": "Vervallen"}
    assert c.post(M + "2023-11-15/verwijderen/", weg).status_code == 302
    assert not Mijlpaal.objects.filter(gemeente=demo.almere, datum=date(2023, 11, 15)).exists()


def test_read_only_roles_see_milestones_without_forms(demo):
    html = demo.client("opgaveteam_a").get(M).content.decode()
    assert "Deadline provincie Flevoland" in html and "Mijlpaal vastleggen" not in html


def test_the_page_query_count_does_not_grow_with_the_milestones(
    demo, django_assert_max_num_queries
):
    c = demo.client("provincie_a")
    # 13: the source documents for the forms are read once (not per milestone).
    with django_assert_max_num_queries(13):
        assert c.get(M).status_code == 200
    for dag in range(1, 6):
        Mijlpaal.objects.create(
            gemeente=demo.almere,
            datum=date(2023, 11, dag),
            doel=400 + dag,
            startdatum=date(2023, 1, 1),
            gezet_door=Mijlpaal.GezetDoor.PROVINCIE,
        )
    with django_assert_max_num_queries(13):
        assert c.get(M).status_code == 200
