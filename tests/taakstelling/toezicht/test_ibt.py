"""IBT status (R12): history as rows, the newest is current; colour as text and icon; only the
gemeente's provincie records a new status."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taakstelling.models import IbtStatus, Trede
from taakstelling.toezicht import services as diensten
from taakstelling.toezicht.services import IbtConflict, huidige_status

pytestmark = pytest.mark.usefixtures("juni_2023")

IBT = "/gemeenten/GM0034/ibt/"


def trede(provincie, nummer: int) -> Trede:
    return Trede.objects.get(provincie=provincie, nummer=nummer)


def vastleggen(demo, **kw):
    args = dict(
        gemeente=demo.almere,
        trede=trede(demo.flevoland, 4),
        sinds=date(2023, 6, 1),
        reden="Plan van aanpak onvoldoende uitgevoerd",
        verschoonbaar=False,
        verschoonbaar_grond="",
        door=demo.user("provincie_a"),
        huidig_id=huidige_status(demo.almere).pk,
    )
    return diensten.ibt_status_vastleggen(**(args | kw))


def test_a_new_status_is_a_new_row_and_becomes_current(
    demo, herberekeningen, django_capture_on_commit_callbacks
):
    oud = huidige_status(demo.almere)
    assert (oud.trede.nummer, oud.sinds) == (3, date(2021, 9, 21))  # seed 000 L11
    with django_capture_on_commit_callbacks(execute=True):
        nieuw = vastleggen(demo)
    assert huidige_status(demo.almere) == nieuw
    assert IbtStatus.objects.filter(pk=oud.pk).exists()  # history kept, nothing overwritten
    assert nieuw.vastgesteld_door.username == "provincie-flevoland"
    h = nieuw.history.order_by("-history_id").first()
    assert (h.history_user.username, h.history_change_reason) == (
        "provincie-flevoland",
        "Plan van aanpak onvoldoende uitgevoerd",
    )
    assert herberekeningen == [demo.almere.pk]


def test_verschoonbaar_needs_its_grounds(demo):
    with pytest.raises(ValidationError) as fout:
        vastleggen(demo, verschoonbaar=True, verschoonbaar_grond="  ")
    assert "verschoonbaar_grond" in fout.value.message_dict
    nieuw = vastleggen(demo, verschoonbaar=True, verschoonbaar_grond="COA koppelde te weinig")
    assert nieuw.verschoonbaar_grond == "COA koppelde te weinig"


def test_grounds_are_dropped_when_not_verschoonbaar(demo):
    assert vastleggen(demo, verschoonbaar_grond="vergeten weg te halen").verschoonbaar_grond == ""


@pytest.mark.parametrize(
    ("veld", "kw"),
    [
        ("trede", {"trede": "overijssel"}),
        ("sinds", {"sinds": date(2023, 7, 1)}),  # after 'today' (15 June 2023)
        ("reden", {"reden": " "}),
    ],
)
def test_invalid_statuses_are_refused(demo, veld, kw):
    if kw.get("trede") == "overijssel":
        kw["trede"] = trede(demo.overijssel, 4)
    aantal = IbtStatus.objects.count()
    with pytest.raises(ValidationError) as fout:
        vastleggen(demo, **kw)
    assert veld in fout.value.message_dict
    assert IbtStatus.objects.count() == aantal


def test_a_status_recorded_meanwhile_is_a_conflict(demo):
    gezien = huidige_status(demo.almere).pk
    vastleggen(demo, huidig_id=gezien)
    with pytest.raises(IbtConflict) as fout:
        vastleggen(demo, trede=trede(demo.flevoland, 2), huidig_id=gezien)
    assert fout.value.huidig.trede.nummer == 4


@pytest.mark.parametrize(
    "persona", ["opgaveteam_a", "taskforce_a", "corporatie_a", "beheerder", "provincie_elders"]
)
def test_only_the_gemeentes_provincie_records_a_status(demo, persona):
    with pytest.raises(PermissionDenied):
        vastleggen(demo, door=demo.user(persona))


def test_the_page_shows_colour_as_text_and_icon(demo):
    html = demo.client("taskforce_a").get(IBT).content.decode()
    assert "trede 3, Actief toezicht" in html
    assert '<span aria-hidden="true">✕</span> Rood' in html
    assert "Nieuwe status vastleggen" not in html


def test_verschoonbaar_shows_as_wit(demo):
    html = demo.client("provincie_a").get("/gemeenten/GM0184/ibt/").content.decode()  # Urk
    assert "wit (verschoonbaar)" in html and "COA koppelde vóór de peildatum" in html


def test_the_provincie_records_a_status_through_the_page(demo):
    c = demo.client("provincie_a")
    data = {
        "trede": trede(demo.flevoland, 4).pk,
        "sinds": "01-06-2023",
        "reden": "Deadline 1 oktober in gevaar",
        "huidig": huidige_status(demo.almere).pk,
    }
    assert c.post(IBT, data).status_code == 302
    html = c.get(IBT).content.decode()
    assert "trede 4, Aanwijzing (vooraankondiging)" in html
    assert "IBT-status vastgelegd: trede 4" in html


def test_the_page_form_gives_dutch_messages_and_a_conflict_choice(demo):
    c = demo.client("provincie_a")
    html = c.post(IBT, {"trede": "", "sinds": "31-02-2023", "verschoonbaar": "on"}).content.decode()
    for boodschap in (
        "Kies een trede.",
        "Vul een geldige datum in",
        "Geef de reden van deze status.",
        "Geef de grond waarop de achterstand verschoonbaar is.",
    ):
        assert boodschap in html
    assert 'aria-describedby="id_trede_fout"' in html
    oud = huidige_status(demo.almere).pk
    vastleggen(demo, huidig_id=oud)
    data = {
        "trede": trede(demo.flevoland, 2).pk,
        "sinds": "2023-06-10",
        "reden": "Herstel",
        "huidig": oud,
    }
    html = c.post(IBT, data).content.decode()
    assert "Intussen is een andere status vastgelegd: trede 4" in html and "Toch vastleggen" in html
    assert huidige_status(demo.almere).trede.nummer == 4
    nieuw_huidig = huidige_status(demo.almere).pk
    assert c.post(IBT, data | {"huidig": nieuw_huidig}).status_code == 302
    assert huidige_status(demo.almere).trede.nummer == 2


def test_the_page_needs_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    c = demo.client("provincie_a")
    with django_assert_max_num_queries(12):
        assert c.get(IBT).status_code == 200
