"""Personal data (issue 'Schaal en betrouwbaarheid' §7): no names or V-numbers of refugees
anywhere, and no passwords, codes, session ids or CSRF tokens in the logs."""

import logging
import re
import time
from binascii import unhexlify

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisaties import tweestaps
from tests.conftest import PERSONAS, WACHTWOORD

EIGEN_APPS = ("organisaties", "taakstelling", "bemiddeling", "prognose", "meldingen")
EIGEN_APPS += ("rapportage",)
# Field names that would hold a person's identity. geboortemaand (AMV cohorts: a count per
# birth month, no day, no name) is deliberately not on this list.
VERBODEN = re.compile(
    r"(^|_)(bsn|burgerservicenummer|v_?nummer|vreemdelingennummer|geboortedatum|voornaam|"
    r"achternaam|tussenvoegsel|naam_persoon|persoonsnaam|adres|straat|huisnummer|postcode|"
    r"telefoon|nationaliteit)($|_)"
)


def test_no_model_has_a_field_for_a_persons_identity():
    gevonden = [
        f"{m._meta.label}.{f.name}"
        for m in apps.get_models()
        if m._meta.app_label in EIGEN_APPS
        for f in m._meta.get_fields()
        if VERBODEN.search(f.name)
    ]
    assert not gevonden, gevonden


def test_only_the_user_model_holds_names_and_those_are_staff():
    """Names exist only on User (Django's first/last name): municipal and corporation staff
    who log in. Every other name field names an organisation or a reference row."""
    user = apps.get_model(settings.AUTH_USER_MODEL)
    persoonlijk = {"first_name", "last_name", "email"}
    assert persoonlijk <= {f.name for f in user._meta.get_fields()}
    for m in apps.get_models():
        if m is user or m._meta.app_label not in EIGEN_APPS:
            continue
        namen = {f.name for f in m._meta.get_fields()}
        assert not (namen & persoonlijk), m._meta.label


def test_the_demo_holds_no_v_number_or_bsn_like_values(demo):
    """A V-number is 10 digits, a BSN 9: no text field of the demo world contains one."""
    patroon = re.compile(r"(?<![0-9A-Za-z])\d{9,10}(?![0-9A-Za-z])")
    for m in apps.get_models():
        if m._meta.app_label not in EIGEN_APPS:
            continue
        tekstvelden = [
            f.name
            for f in m._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and f.name != "password"
        ]
        for rij in m.objects.values_list(*tekstvelden) if tekstvelden else []:
            for waarde in rij:
                assert not (waarde and patroon.search(str(waarde))), (m._meta.label, waarde)


class _Verzamel(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.regels: list[str] = []

    def emit(self, record):
        self.regels.append(self.format(record))
        if record.exc_info:
            self.regels.append(logging.Formatter().formatException(record.exc_info))


@pytest.fixture
def logboek():
    handler = _Verzamel()
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s %(args)s"))
    namen = ["", "django", "django.request", "django.security", "axes", "celery", *EIGEN_APPS]
    oud = {}
    for naam in namen:
        logger = logging.getLogger(naam)
        oud[naam] = logger.level
        logger.setLevel(logging.DEBUG)
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)
    for naam, niveau in oud.items():
        logging.getLogger(naam).setLevel(niveau)


def test_sql_is_never_logged_even_at_debug():
    """SQL parameters would carry session keys and backup codes: django.db.backends stays at
    INFO whatever LOG_LEVEL says."""
    assert settings.LOGGING["loggers"]["django.db.backends"]["level"] == "INFO"


@override_settings(TWEESTAPS_VERPLICHT=True)
def test_the_logs_hold_no_password_code_session_id_or_csrf_token(demo, logboek):
    fout_wachtwoord = "verkeerd-Wachtwoord-9321"
    nieuw_wachtwoord = "nieuw-Wachtwoord-voor-2027!"
    geheimen = {WACHTWOORD, fout_wachtwoord, nieuw_wachtwoord}

    # A wrong and a right password, then the second step with an app code.
    apparaat = TOTPDevice.objects.create(
        user=demo.user("beheerder"), name=tweestaps.APP_NAAM, confirmed=True
    )
    client = Client()
    client.post("/inloggen/", {"username": PERSONAS["beheerder"], "password": fout_wachtwoord})
    assert (
        client.post(
            "/inloggen/", {"username": PERSONAS["beheerder"], "password": WACHTWOORD}
        ).status_code
        == 302
    )
    with time_machine.travel(time.time() + 5):
        fout_code = f"{(totp(unhexlify(apparaat.key)) + 1) % 1_000_000:06d}"
        client.post("/tweestaps/controleren/", {"code": fout_code})
    with time_machine.travel(time.time() + 10):
        code = f"{totp(unhexlify(apparaat.key)):06d}"
        assert client.post("/tweestaps/controleren/", {"code": code}).status_code == 302
    geheimen |= {code, fout_code, apparaat.key}
    reservecodes = tweestaps.reservecodes_maken(user=demo.user("beheerder"))
    geheimen |= set(reservecodes)

    # Pages, including a 404 and the admin.
    for pad in ("/", "/gemeenten/GM0034/", "/gemeenten/GM9999/", "/beheer/", "/tweestaps/"):
        client.get(pad)

    # A password change (the admin's own form).
    antwoord = client.post(
        "/beheer/password_change/",
        {
            "old_password": WACHTWOORD,
            "new_password1": nieuw_wachtwoord,
            "new_password2": nieuw_wachtwoord,
        },
    )
    assert antwoord.status_code == 302
    sessie_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    geheimen.add(sessie_id)

    # A request with a forged CSRF token is refused and logged (django.security.csrf).
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.get("/inloggen/")
    csrf_cookie = csrf_client.cookies[settings.CSRF_COOKIE_NAME].value
    vals = "x" * 32
    geweigerd = csrf_client.post(
        "/inloggen/",
        {"username": "opgaveteam-almere", "password": WACHTWOORD, "csrfmiddlewaretoken": vals},
    )
    assert geweigerd.status_code == 403
    geheimen |= {csrf_cookie, vals}

    tekst = "\n".join(logboek.regels)
    assert "Forbidden (CSRF" in tekst  # the log did capture the refusal ...
    assert "AXES" in tekst  # ... and the log-in attempts
    gelekt = sorted(g for g in geheimen if g in tekst)
    assert not gelekt, f"in de logs: {gelekt}"
