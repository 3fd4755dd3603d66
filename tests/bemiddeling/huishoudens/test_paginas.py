"""The pipeline page and its forms; who sees what; every view logged (issue 14 §3, §5, §6)."""

from datetime import date, datetime, timedelta

import time_machine

from bemiddeling.huishoudens import services
from bemiddeling.models import Huishouden, Huishoudeninzage
from tests.conftest import AMSTERDAM

PAD = "/gemeenten/GM0034/huishoudens/"


def _op(dag: date):
    return time_machine.travel(
        datetime(dag.year, dag.month, dag.day, 12, tzinfo=AMSTERDAM), tick=False
    )


def test_opgaveteam_sees_the_pipeline_and_the_view_is_logged(demo, nieuw_huishouden):
    h = nieuw_huishouden(2, 1, behoeften=["gelijkvloers"])
    client = demo.client("opgaveteam_a")
    voor = Huishoudeninzage.objects.count()
    tekst = client.get(PAD).content.decode()
    assert f"Huishouden {h.kort}" in tekst
    assert "Gelijkvloers of rolstoel" in tekst
    log = Huishoudeninzage.objects.order_by("-pk").first()
    assert Huishoudeninzage.objects.count() == voor + 1
    assert (log.gebruiker, log.gemeente, log.wat) == (
        demo.user("opgaveteam_a"),
        demo.almere,
        "lijst",
    )
    client.get(f"{PAD}{h.kort}/")
    log = Huishoudeninzage.objects.order_by("-pk").first()
    assert (log.wat, log.huishouden_id_ref) == ("detail", h.pk)


def test_overdue_marks_at_exactly_ten_and_twelve_weeks(demo, nieuw_huishouden):
    koppel = date(2023, 3, 1)
    h = nieuw_huishouden(koppeldatum=koppel)

    def kaart(dag):
        with _op(dag):  # logged in at that moment: a session does not last ten weeks
            tekst = demo.client("opgaveteam_a").get(PAD).content.decode()
        return tekst.split(f"Huishouden {h.kort}</a>")[1].split("</li>")[0]

    tien, twaalf = koppel + timedelta(weeks=10), koppel + timedelta(weeks=12)
    assert "te laat" not in kaart(tien - timedelta(days=1))
    assert "Huurcontract te laat" in kaart(tien)
    assert "Verhuizing te laat" not in kaart(twaalf - timedelta(days=1))
    assert "Verhuizing te laat" in kaart(twaalf)


def test_adding_and_moving_a_household_through_the_forms(demo):
    with _op(date(2023, 6, 15)):
        client = demo.client("opgaveteam_a")
        antwoord = client.post(
            f"{PAD}nieuw/",
            {
                "referentie": "COA-FORM-1",
                "koppeldatum": "2023-04-01",
                "volwassenen": "1",
                "route": "regulier",
            },
        )
        assert antwoord.status_code == 302
        h = Huishouden.objects.get(sleutel=services.sleutel_van("COA-FORM-1"))
        detail = f"{PAD}{h.kort}/"
        # an illegal step: refused in Dutch, nothing changed
        antwoord = client.post(
            detail,
            {"verhuizen-stap": "verhuizen", "verhuizen-datum": "2023-06-01"},
        )
        assert "kan niet bij een huishouden met status" in antwoord.content.decode()
        h.refresh_from_db()
        assert h.status == "gekoppeld"
        for stap, velden in (
            (
                "aanbieden",
                {"datum": "2023-05-01", "corporatie": demo.ymere.pk, "grootteklasse": "1"},
            ),
            ("tekenen", {"datum": "2023-05-10"}),
            ("verhuizen", {"datum": "2023-06-01"}),
        ):
            data = {f"{stap}-{k}": v for k, v in (velden | {"stap": stap}).items()}
            assert client.post(detail, data).status_code == 302, stap
        h.refresh_from_db()
        assert (h.status, h.sleuteldatum) == ("verhuisd", date(2023, 6, 1))


def test_bad_input_in_the_add_form_gets_a_dutch_message(demo):
    client = demo.client("opgaveteam_a")
    antwoord = client.post(f"{PAD}nieuw/", {"referentie": "", "koppeldatum": "gisteren"})
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Vul de referentie van COA in." in tekst and "Vul een geldige datum in" in tekst


def test_province_and_taskforce_see_counts_only_with_small_ones_hidden(demo, nieuw_huishouden):
    h = nieuw_huishouden(3, 0)
    for persona in ("provincie_a", "taskforce_a", "beheerder"):
        client = demo.client(persona)
        tekst = client.get(PAD).content.decode()
        assert h.kort not in tekst and "&lt;5" in tekst, persona
        assert client.get(f"{PAD}{h.kort}/").status_code == 404, persona


def test_a_corporatie_sees_only_households_offered_its_dwellings(demo, nieuw_huishouden):
    team = demo.user("opgaveteam_a")
    eigen = nieuw_huishouden(1, 0)
    services.stap_zetten(
        huishouden=eigen,
        stap="aanbieden",
        datum=date(2023, 4, 1),
        door=team,
        corporatie=demo.ymere,
        grootteklasse="1",
        vandaag=date(2023, 6, 15),
    )
    ander = nieuw_huishouden(2, 0)
    client = demo.client("corporatie_a")
    tekst = client.get(PAD).content.decode()
    assert eigen.kort in tekst and ander.kort not in tekst
    assert client.get(f"{PAD}{ander.kort}/").status_code == 404
    detail = client.get(f"{PAD}{eigen.kort}/").content.decode()
    assert "Route" not in detail and "Door" not in detail  # size, needs and dates only


def test_the_panel_shows_the_shortfall_per_size_class(demo):
    tekst = demo.client("opgaveteam_a").get(PAD).content.decode()
    assert "Past het aanbod?" in tekst and "Verwacht aanbod" in tekst
    tekst = demo.client("provincie_a").get(PAD).content.decode()
    assert "Past het aanbod?" in tekst
