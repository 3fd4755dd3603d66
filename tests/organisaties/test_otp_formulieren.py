"""The add and change pages of the two-step log-in devices (django-otp) in Dutch: labels,
help texts and headings, not the library's English."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.toegang.test_taal import ENGELS, zichtbare_tekst

# The English of django-otp's forms, on top of the admin's (tests/toegang/test_taal.py).
OTP_ENGELS = [
    "Name",
    "Confirmed",
    "Key",
    "Step",
    "Digits",
    "Tolerance",
    "Drift",
    "Identity",
    "Timestamps",
    "Configuration",
    "State",
    "Throttling",
    "Token",
    "Tokens",
    "Created at",
    "Last used at",
    "QR Code",
    "User",
    "The user",
    "Static",
    "Is this device",
]
ENGELS_WOORD = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ENGELS + OTP_ENGELS) + r")\b")


@pytest.mark.parametrize("model", [TOTPDevice, StaticDevice])
def test_the_device_forms_are_dutch(demo, model):
    gebruiker = demo.user("opgaveteam_a")
    apparaat = model.objects.create(user=gebruiker, name="telefoon")
    client = demo.client("beheerder")
    naam = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    for pad in (reverse(f"{naam}_add"), reverse(f"{naam}_change", args=[apparaat.pk])):
        antwoord = client.get(pad)
        assert antwoord.status_code == 200, pad
        tekst = zichtbare_tekst(antwoord.content.decode())
        assert "Naam" in tekst and "Bevestigd" in tekst, pad
        gevonden = sorted({m.group(0) for m in ENGELS_WOORD.finditer(tekst)})
        assert not gevonden, f"{pad}: {gevonden}"
