"""Two-factor: required for every account when TWEESTAPS_VERPLICHT (production), on every
view including the admin; an app code or a backup code lets the user in."""

import time
from binascii import unhexlify

import pytest
import time_machine
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisaties import tweestaps
from tests.conftest import PERSONAS, WACHTWOORD

verplicht = override_settings(TWEESTAPS_VERPLICHT=True)


def _app_code(sleutel: str) -> str:
    return f"{totp(unhexlify(sleutel)):06d}"


def _inloggen(persona: str) -> Client:
    client = Client()
    antwoord = client.post("/inloggen/", {"username": PERSONAS[persona], "password": WACHTWOORD})
    assert antwoord.status_code == 302
    return client


@verplicht
def test_a_user_without_a_device_is_sent_to_set_one_up_and_reaches_nothing_else(demo):
    client = _inloggen("opgaveteam_a")
    for pad in ("/", "/gemeenten/GM0034/", "/tweestaps/", "/tweestaps/reservecodes/"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 302, pad
        assert antwoord.url.startswith("/tweestaps/instellen/"), pad
    # A change is refused as well, not only pages.
    assert client.post("/gemeenten/GM0034/").url.startswith("/tweestaps/instellen/")
    # htmx requests get a full-page redirect.
    hx = client.get("/gemeenten/GM0034/", headers={"HX-Request": "true"})
    assert hx.headers["HX-Redirect"].startswith("/tweestaps/instellen/")


@verplicht
def test_setting_up_the_app_with_a_valid_code_lets_the_user_in(demo):
    client = _inloggen("opgaveteam_a")
    pagina = client.get("/tweestaps/instellen/?next=/gemeenten/GM0034/")
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "data:image/svg+xml" in tekst and "Tweestapsverificatie instellen" in tekst
    sleutel = client.session["tweestaps_sleutel"]
    assert tweestaps.sleutel_als_tekst(sleutel).replace(" ", "") in tekst.replace(" ", "")

    fout = client.post("/tweestaps/instellen/", {"code": "12345x"})
    assert fout.status_code == 200 and "klopt niet" in fout.content.decode()
    assert not TOTPDevice.objects.filter(user=demo.user("opgaveteam_a")).exists()

    goed = client.post(
        "/tweestaps/instellen/", {"code": _app_code(sleutel), "next": "/gemeenten/GM0034/"}
    )
    assert goed.status_code == 302 and goed.url.startswith("/tweestaps/reservecodes/")
    apparaat = TOTPDevice.objects.get(user=demo.user("opgaveteam_a"))
    assert apparaat.confirmed and apparaat.key == sleutel
    codes = client.get(goed.url)
    assert codes.status_code == 200
    tokens = StaticToken.objects.filter(device__user=demo.user("opgaveteam_a"))
    assert tokens.count() == tweestaps.AANTAL_RESERVECODES
    for token in tokens:
        assert token.token in codes.content.decode()
    # Shown once only.
    assert tokens[0].token not in client.get("/tweestaps/reservecodes/").content.decode()
    assert client.get("/gemeenten/GM0034/").status_code == 200


def _met_app(demo, persona: str) -> TOTPDevice:
    return TOTPDevice.objects.create(
        user=demo.user(persona), name=tweestaps.APP_NAAM, confirmed=True
    )


@verplicht
def test_a_user_with_a_device_must_enter_a_code_at_every_log_in(demo):
    apparaat = _met_app(demo, "opgaveteam_a")
    client = _inloggen("opgaveteam_a")
    antwoord = client.get("/gemeenten/GM0034/")
    assert antwoord.url == "/tweestaps/controleren/?next=%2Fgemeenten%2FGM0034%2F"
    # Set-up is closed: a password alone must not replace the second factor.
    assert client.get("/tweestaps/instellen/").url == "/tweestaps/controleren/"

    fout = client.post("/tweestaps/controleren/", {"code": "000000x"})
    assert fout.status_code == 200 and "klopt niet" in fout.content.decode()

    with time_machine.travel(time.time() + 5):  # past the throttle after one wrong code
        goed = client.post(
            "/tweestaps/controleren/",
            {"code": _app_code(apparaat.key), "next": "/gemeenten/GM0034/"},
        )
        assert goed.status_code == 302 and goed.url == "/gemeenten/GM0034/"
        assert client.get("/gemeenten/GM0034/").status_code == 200


@verplicht
def test_the_same_app_code_works_only_once(demo):
    apparaat = _met_app(demo, "opgaveteam_a")
    code = _app_code(apparaat.key)
    assert (
        _inloggen("opgaveteam_a").post("/tweestaps/controleren/", {"code": code}).status_code == 302
    )
    tweede = _inloggen("opgaveteam_a").post("/tweestaps/controleren/", {"code": code})
    assert tweede.status_code == 200


@verplicht
def test_a_backup_code_works_once(demo):
    _met_app(demo, "opgaveteam_a")
    codes = tweestaps.reservecodes_maken(user=demo.user("opgaveteam_a"))
    client = _inloggen("opgaveteam_a")
    assert client.post("/tweestaps/controleren/", {"code": codes[0].upper()}).status_code == 302
    assert client.get("/gemeenten/GM0034/").status_code == 200
    assert tweestaps.aantal_reservecodes(demo.user("opgaveteam_a")) == 9
    opnieuw = _inloggen("opgaveteam_a").post("/tweestaps/controleren/", {"code": codes[0]})
    assert opnieuw.status_code == 200


@verplicht
def test_the_beheerder_admin_requires_the_second_step_too(demo):
    apparaat = _met_app(demo, "beheerder")
    client = Client()
    client.force_login(demo.user("beheerder"))
    for pad in ("/beheer/", "/beheer/organisaties/user/", "/beheer/login/"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 302 and antwoord.url.startswith("/tweestaps/controleren/")
    assert (
        client.post("/tweestaps/controleren/", {"code": _app_code(apparaat.key)}).status_code == 302
    )
    assert client.get("/beheer/").status_code == 200


@verplicht
def test_health_security_txt_and_log_out_stay_open_before_the_second_step(demo):
    client = _inloggen("opgaveteam_a")
    assert client.get("/gezondheid/").status_code == 200
    assert client.get("/.well-known/security.txt").status_code == 200
    assert client.post("/uitloggen/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("persona", ["opgaveteam_a", "corporatie_b", "provincie_a", "taskforce_a"])
@verplicht
def test_every_role_is_held_at_the_second_step(demo, persona):
    client = _inloggen(persona)
    assert client.get("/").url.startswith("/tweestaps/instellen/")


def test_without_the_requirement_nobody_is_held(demo):
    client = _inloggen("opgaveteam_a")
    assert client.get("/gemeenten/GM0034/").status_code == 200
