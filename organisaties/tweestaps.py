"""Two-factor authentication on django-otp: an authenticator app (TOTP) plus backup codes.

The views in ``organisaties/views/tweestaps.py`` call these; the enforcement for every view
is ``organisaties.middleware.TweestapsMiddleware``. The secret of a device that is being set
up lives in the session until the user proves with a code that the app has it; only then is a
confirmed TOTPDevice written, so a half-finished set-up leaves nothing in the database.
"""

from base64 import b32encode
from binascii import unhexlify

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp import verify_token as otp_verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

AANTAL_RESERVECODES = 10
APP_NAAM = "Authenticator-app"
RESERVE_NAAM = "Reservecodes"


def nieuwe_sleutel() -> str:
    """A fresh 160-bit TOTP secret, hex-encoded as TOTPDevice stores it."""
    return random_hex(20)


def sleutel_als_tekst(sleutel: str) -> str:
    """The secret in base32, in groups of four, for typing it into an app by hand."""
    tekst = b32encode(unhexlify(sleutel)).decode()
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


def qr_data_uri(*, user, sleutel: str) -> str:
    """The otpauth:// URL as an SVG QR code in a data: URI (no CDN, no script: CSP-safe)."""
    url = TOTPDevice(user=user, key=sleutel).config_url
    return segno.make(url, error="m").svg_data_uri(scale=5, border=4)


def _normaliseer(code: str) -> str:
    return "".join(code.split()).lower()


def heeft_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def heeft_apparaat(user) -> bool:
    return (
        heeft_app(user)
        or StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()
    )


def aantal_reservecodes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def app_bevestigen(*, user, sleutel: str, code: str) -> TOTPDevice | None:
    """Confirm the app being set up when ``code`` is its current code; replaces an older app.

    Returns the new device, or None when the code is wrong (nothing is written then).
    """
    code = _normaliseer(code)
    if not code.isdigit():
        return None
    totp = TOTP(unhexlify(sleutel), step=30, t0=0, digits=6, drift=0)
    if not totp.verify(int(code), tolerance=1):
        return None
    TOTPDevice.objects.filter(user=user).delete()
    # last_t: the code just used cannot be used again to log in.
    return TOTPDevice.objects.create(
        user=user, name=APP_NAAM, key=sleutel, confirmed=True, last_t=totp.t()
    )


@transaction.atomic
def reservecodes_maken(*, user) -> list[str]:
    """A new set of one-time backup codes; the previous set stops working."""
    apparaat, _ = StaticDevice.objects.get_or_create(
        user=user, name=RESERVE_NAAM, defaults={"confirmed": True}
    )
    apparaat.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(AANTAL_RESERVECODES)]
    StaticToken.objects.bulk_create(StaticToken(device=apparaat, token=c) for c in codes)
    return codes


def code_controleren(*, user, code: str):
    """The device that accepts ``code`` (an app code or an unused backup code), or None.

    django-otp throttles every device: after each wrong code the next attempt must wait
    longer (1, 2, 4, ... seconds), so guessing six digits is not feasible.
    """
    code = _normaliseer(code)
    if not code:
        return None
    soort = TOTPDevice if code.isdigit() else StaticDevice
    for apparaat in devices_for_user(user):
        if isinstance(apparaat, soort):
            gevonden = otp_verify_token(user, apparaat.persistent_id, code)
            if gevonden is not None:
                return gevonden
    return None


def gedrosseld(user) -> bool:
    """True when a device of the user is throttled after wrong codes."""
    return any(not apparaat.verify_is_allowed()[0] for apparaat in devices_for_user(user))
