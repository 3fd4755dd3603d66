"""Nothing a logged-in user sees may stay in a browser or proxy cache (issue 12): every
authenticated answer carries Cache-Control: no-store, private."""

from django.test import Client

from organisaties import tokens


def _niet_bewaren(antwoord) -> None:
    waarden = {w.strip() for w in antwoord.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= waarden, antwoord.get("Cache-Control")
    assert "public" not in waarden


def test_a_dashboard_is_not_stored(demo):
    antwoord = demo.client("opgaveteam_a").get("/gemeenten/GM0034/")
    assert antwoord.status_code == 200
    _niet_bewaren(antwoord)


def test_an_export_is_not_stored(demo):
    antwoord = demo.client("taskforce_a").get(
        "/gemeenten/GM0034/overleg/?datum=2023-06-01&formaat=csv"
    )
    assert antwoord.status_code == 200 and "attachment" in antwoord["Content-Disposition"]
    _niet_bewaren(antwoord)


def test_an_api_answer_is_not_stored_with_a_token_or_a_session(demo):
    sleutel = tokens.maak(user=demo.user("provincie_a"), naam="test")[1]
    met_token = Client().get("/api/v1/gemeenten", HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    assert met_token.status_code == 200
    _niet_bewaren(met_token)
    met_sessie = demo.client("provincie_a").get("/api/v1/gemeenten")
    assert met_sessie.status_code == 200
    _niet_bewaren(met_sessie)


def test_static_files_stay_cacheable(demo):
    """Only answers for a logged-in user: static files stay cacheable."""
    statisch = Client().get("/static/js/monitor.js")
    assert statisch.status_code == 200
    assert "no-store" not in statisch.get("Cache-Control", "")
