"""Passwords (issue 12): common Dutch passwords are refused, and every refusal is in Dutch."""

import pytest
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError

from tests.conftest import PERSONAS

ENGELS = ("password", "This ", "must contain", "too short", "too common", "entirely numeric")


def _fouten(wachtwoord: str, user=None) -> list[str]:
    try:
        validate_password(wachtwoord, user=user)
    except ValidationError as fout:
        return fout.messages
    return []


@pytest.mark.parametrize(
    "wachtwoord",
    [
        "wachtwoord123",
        "Wachtwoord2024!",
        "welkom123456",
        "Welkom01!Welkom",
        "geheim12345678",
        "Feyenoord1908!",
        "W@chtw00rd2025",
        "zomer2024zomer",
        "gemeente12345",
        "Vergunninghouders1",
    ],
)
def test_common_dutch_passwords_are_refused_in_dutch(wachtwoord):
    fouten = _fouten(wachtwoord)
    assert "Dit wachtwoord wordt te vaak gebruikt en is makkelijk te raden." in fouten, fouten


@pytest.mark.parametrize(
    "wachtwoord",
    ["bureau-Lelystad-koffie-7", "tulpenveld en fietspad", "Kq8!vR2#mT5zW9"],
)
def test_an_uncommon_password_of_twelve_or_more_is_accepted(wachtwoord):
    assert _fouten(wachtwoord) == []


def test_every_refusal_and_help_text_is_dutch(demo):
    user = demo.user("beheerder")
    fouten = _fouten("kort1", user) + _fouten("123456789012") + _fouten(PERSONAS["beheerder"], user)
    assert "Dit wachtwoord is te kort: gebruik minstens 12 tekens." in fouten
    assert "Dit wachtwoord bevat alleen cijfers." in fouten
    assert any("lijkt te veel op" in f for f in fouten), fouten
    teksten = fouten + password_validators_help_texts()
    for tekst in teksten:
        assert not any(woord in tekst for woord in ENGELS), tekst


def test_the_admin_refuses_a_common_password_for_a_new_user(demo):
    antwoord = demo.client("beheerder").post(
        "/beheer/organisaties/user/add/",
        {
            "username": "nieuwe-collega",
            "usable_password": "true",
            "password1": "wachtwoord123",
            "password2": "wachtwoord123",
        },
    )
    assert antwoord.status_code == 200  # the form again, with the refusal
    assert "Dit wachtwoord wordt te vaak gebruikt en is makkelijk te raden." in (
        antwoord.content.decode()
    )
