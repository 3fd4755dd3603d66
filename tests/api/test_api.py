"""The JSON API (/api/v1/): tokens (made once, hashed, revocable), scoped like the pages,
anonymous 401, two-factor for sessions, and bounded query counts."""

import pytest
from django.test import Client, override_settings

from organisaties import tokens
from organisaties.models import ApiToken

A = "/api/v1/gemeenten/GM0034"


def _sleutel(demo, persona: str) -> str:
    return tokens.maak(user=demo.user(persona), naam="test")[1]


def _met(sleutel: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {sleutel}"}


def test_anonymous_gets_401_json_not_a_redirect(demo):
    antwoord = Client().get("/api/v1/gemeenten")
    assert antwoord.status_code == 401
    assert antwoord["Content-Type"].startswith("application/json")
    assert Client().get(A, **_met("vhm_verkeerd")).status_code == 401


def test_a_token_lists_only_what_its_user_may_see(demo):
    antwoord = Client().get("/api/v1/gemeenten", **_met(_sleutel(demo, "provincie_a")))
    assert antwoord.status_code == 200
    namen = [g["naam"] for g in antwoord.json()]
    assert namen == ["Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk", "Zeewolde"]
    antwoord = Client().get("/api/v1/gemeenten", **_met(_sleutel(demo, "taskforce_a")))
    assert [g["cbs_code"] for g in antwoord.json()] == ["GM0034"]
    andere = Client().get("/api/v1/gemeenten/GM1708", **_met(_sleutel(demo, "provincie_a")))
    assert andere.status_code == 404


def test_the_key_is_stored_hashed_and_revocable(demo):
    token, sleutel = tokens.maak(user=demo.user("opgaveteam_a"), naam="Power BI")
    assert sleutel.startswith("vhm_") and sleutel not in token.sleutel_hash
    assert token.begin == sleutel[:10]
    assert Client().get(A, **_met(sleutel)).status_code == 200
    token.refresh_from_db()
    assert token.laatst_gebruikt_op is not None
    tokens.intrekken(token)
    assert Client().get(A, **_met(sleutel)).status_code == 401


def test_a_user_makes_a_token_on_the_page_and_sees_the_key_once(demo):
    client = demo.client("taskforce_a")
    antwoord = client.post("/api-tokens/", {"naam": "Excel taskforce"})
    tekst = antwoord.content.decode()
    token = ApiToken.objects.get(naam="Excel taskforce")
    sleutel = tekst.split('<code id="nieuwe-sleutel">')[1].split("</code>")[0]
    assert sleutel.startswith(token.begin)
    assert sleutel not in client.get("/api-tokens/").content.decode()  # shown once
    assert Client().get(A + "/prognose", **_met(sleutel)).status_code == 200
    # Revoking is one's own business: someone else's token is 404.
    assert demo.client("opgaveteam_a").post(f"/api-tokens/{token.pk}/intrekken/").status_code == 404
    assert client.post(f"/api-tokens/{token.pk}/intrekken/").status_code == 302
    assert Client().get(A, **_met(sleutel)).status_code == 401
    assert "Geef de sleutel een naam." in client.post("/api-tokens/", {}).content.decode()


def test_the_beheerder_makes_a_token_in_the_admin(demo):
    client = demo.client("beheerder")
    user = demo.user("provincie_a")
    antwoord = client.post(
        "/beheer/organisaties/apitoken/add/",
        {"user": user.pk, "naam": "Provinciaal BI"},
        follow=True,
    )
    tekst = antwoord.content.decode()
    token = ApiToken.objects.get(naam="Provinciaal BI")
    assert token.user == user and "hij wordt niet nog eens getoond" in tekst
    sleutel = tekst.split("Sleutel voor provincie-flevoland: ")[1].split(" ")[0]
    assert Client().get("/api/v1/gemeenten", **_met(sleutel)).status_code == 200


def test_the_session_works_for_the_browser(demo):
    antwoord = demo.client("opgaveteam_a").get(A + "/realisatie?van=2023-04&tot=2023-04")
    assert antwoord.status_code == 200
    rijen = antwoord.json()
    assert {r["maand"] for r in rijen} == {"2023-04"}
    assert all(set(r) >= {"personen_tellend", "woningen", "bron"} for r in rijen)


@override_settings(TWEESTAPS_VERPLICHT=True)
def test_a_session_without_its_second_step_gets_403_json_and_a_token_still_works(demo):
    antwoord = demo.client("opgaveteam_a").get("/api/v1/gemeenten")
    assert antwoord.status_code == 403
    assert "Tweestapsverificatie" in antwoord.json()["detail"]
    sleutel = _sleutel(demo, "opgaveteam_a")
    assert Client().get("/api/v1/gemeenten", **_met(sleutel)).status_code == 200
    # The pages still send the unverified session to the second step.
    assert demo.client("opgaveteam_a").get("/gemeenten/GM0034/").status_code == 302


def test_gemeente_detail_has_the_stand_and_the_step(demo):
    data = demo.client("provincie_a").get(A + "?peildatum=2023-05-01").json()
    assert data["stand"]["gerealiseerd"]["personen_tellend"] == 78
    okt = data["stand"]["mijlpalen"][0]
    assert (okt["doel"], okt["resterend"], okt["benodigde_woningen"]) == (293, 215, 98)
    assert data["ibt"]["trede"] == 3 and data["ibt"]["sinds"] == "2021-09-21"
    fout = demo.client("provincie_a").get(A + "?peildatum=morgen")
    assert fout.status_code == 422 and "geen datum" in fout.json()["detail"]
    fout = demo.client("provincie_a").get(A + "/realisatie?van=2023-13")
    assert fout.status_code == 422 and "JJJJ-MM" in fout.json()["detail"]


def test_taakstellingen_and_prognose(demo):
    client = demo.client("taskforce_a")
    t = {x["periode"]: x for x in client.get(A + "/taakstellingen").json()}
    assert t["2023-H1"]["geldend"] == 261 and t["2023-H2"]["geldend"] == 336
    p = client.get(A + "/prognose").json()
    assert p["peildatum"] == "2023-05-01"
    okt = p["resultaat"]["mijlpalen"][0]
    assert okt["doel"] == 293 and okt["prognose"]["plan"]["personen_exact"] == "370.6"


def test_a_corporatie_sees_only_its_own_supply(demo):
    rijen = demo.client("corporatie_a").get(A + "/aanbod").json()
    assert rijen and {r["corporatie"] for r in rijen} == {"ymere"}
    alle = demo.client("provincie_a").get(A + "/aanbod").json()
    assert {r["corporatie"] for r in alle} == {"de-alliantie", "goedestede", "ymere"}


@pytest.mark.parametrize(
    "pad", ["/api/v1/gemeenten", A, A + "/taakstellingen", A + "/realisatie", A + "/aanbod",
            A + "/prognose"],
)  # fmt: skip
def test_query_counts_are_bounded(demo, django_assert_max_num_queries, pad):
    sleutel = _sleutel(demo, "beheerder")
    with django_assert_max_num_queries(14):
        assert Client().get(pad, **_met(sleutel)).status_code == 200


def test_the_openapi_description_is_public_and_complete(demo):
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Monitor huisvesting vergunninghouders"
    assert set(schema["paths"]) == {
        "/api/v1/gemeenten",
        "/api/v1/gemeenten/{cbs}",
        "/api/v1/gemeenten/{cbs}/taakstellingen",
        "/api/v1/gemeenten/{cbs}/realisatie",
        "/api/v1/gemeenten/{cbs}/aanbod",
        "/api/v1/gemeenten/{cbs}/prognose",
        "/api/v1/gemeenten/{cbs}/afstemming",
        "/api/v1/gemeenten/{cbs}/huishoudens",
    }
    assert all(set(p) == {"get"} for p in schema["paths"].values())  # read-only
    assert Client().get("/api/v1/docs").status_code == 404  # no CDN-backed docs page
