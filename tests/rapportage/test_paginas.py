"""Log-in and the first page: the stand of a gemeente in Dutch formats, scoped by role."""

import pytest

from tests.conftest import WACHTWOORD


def test_login_page_is_dutch_and_logs_in(demo, client):
    pagina = client.get("/inloggen/")
    assert pagina.status_code == 200
    assert b'lang="nl"' in pagina.content and b"Gebruikersnaam" in pagina.content
    antwoord = client.post("/inloggen/", {"username": "opgaveteam-almere", "password": WACHTWOORD})
    assert antwoord.status_code == 302
    assert client.get("/").url == "/gemeenten/GM0034/"


def test_a_wrong_password_gets_a_dutch_message(demo, client):
    antwoord = client.post("/inloggen/", {"username": "opgaveteam-almere", "password": "fout"})
    assert "klopt niet" in antwoord.content.decode()


def test_anonymous_is_sent_to_log_in(demo, client):
    antwoord = client.get("/gemeenten/GM0034/")
    assert antwoord.status_code == 302 and antwoord.url.startswith("/inloggen/")


def test_the_dashboard_shows_the_seed_position_in_dutch_formats(demo):
    pagina = demo.client("opgaveteam_a").get("/gemeenten/GM0034/?peildatum=2023-05-01")
    tekst = pagina.content.decode()
    for verwacht in (
        "1 okt 2023",
        "31 dec 2023",
        "293",
        "629",
        "215",
        "551",
        "251",
        "bezetting van 2,2",
        "Stand op 1 mei 2023",
    ):
        assert verwacht in tekst


def test_the_dashboard_opens_where_the_data_is(demo):
    tekst = demo.client("opgaveteam_a").get("/gemeenten/GM0034/").content.decode()
    assert "Stand op 1 mei 2023" in tekst


def test_a_bad_peildatum_gets_a_message_not_an_error(demo):
    pagina = demo.client("opgaveteam_a").get("/gemeenten/GM0034/?peildatum=morgen")
    assert pagina.status_code == 200
    assert "geen datum" in pagina.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("opgaveteam_a", 200),
        ("opgaveteam_b", 404),
        ("corporatie_a", 200),
        ("corporatie_b", 404),
        ("provincie_a", 200),
        ("provincie_elders", 404),
        ("taskforce_a", 200),
        ("beheerder", 200),
    ],
)
def test_who_sees_almere(demo, persona, status):
    assert demo.client(persona).get("/gemeenten/GM0034/").status_code == status


def test_the_dashboard_query_count_is_fixed(demo, django_assert_max_num_queries):
    # The full dashboard (issue 'Rapportage'): stand, forecast, plan, supply, IBT; that it
    # stays fixed as data grows is tests/rapportage/dashboard/test_dashboard.py's.
    # The first request renders it all: at most 12 queries (tests/rapportage/dashboard/
    # test_snel.py), here plus the session's first save; a second one reads the content from
    # the cache.
    client = demo.client("provincie_a")
    with django_assert_max_num_queries(16):  # 12 + the session's first save (4)
        assert client.get("/gemeenten/GM0034/").status_code == 200


def test_logout_is_a_post(demo):
    client = demo.client("opgaveteam_a")
    assert client.get("/uitloggen/").status_code == 405
    assert client.post("/uitloggen/").status_code == 302
    assert client.get("/gemeenten/GM0034/").status_code == 302


def test_admin_lists_every_model_for_the_beheerder(demo):
    from django.contrib import admin

    client = demo.client("beheerder")
    for model in admin.site._registry:
        url = f"/beheer/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(url).status_code == 200, url


def test_error_pages_are_dutch(demo):
    from django.template.loader import render_to_string

    antwoord = demo.client("opgaveteam_a").get("/gemeenten/GM1708/")  # not hers
    assert antwoord.status_code == 404 and "Pagina niet gevonden" in antwoord.content.decode()
    # The 500 page renders without a request and without the database (PostgreSQL down).
    html = render_to_string("500.html")
    assert "Storing" in html and "niets half opgeslagen" in html and 'lang="nl"' in html
