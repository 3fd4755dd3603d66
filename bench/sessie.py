"""Log-ins for load benchmarks and fault tests, without a browser.

Creates (or reuses) a user with one role and a confirmed authenticator app (TOTP device), and
a session exactly as a log-in with the second step leaves it: the user, the backend, the
password hash, the verified device and the start time (organisaties.middleware). So the
pages run with production settings, two-factor authentication required, and every request
pays what a real one pays (session read and write, device check). Prints JSON:
``{"sessionid": "...", "gebruiker": "..."}``.

    DATABASE_URL=... SECRET_KEY=... DJANGO_SETTINGS_MODULE=config.settings.production \\
        .venv/bin/python bench/sessie.py --gebruiker bench-provincie --rol provincie \\
        --organisatie noord-brabant

The session is signed with SECRET_KEY: use the same value as the server under test.
"""

import argparse
import json
import os
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")


def sessie(gebruikersnaam: str, rol: str, organisatie: str) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from organisaties.middleware import SESSIE_BEGIN
    from organisaties.models import Corporatie, Gemeente, Lidmaatschap, Provincie, Rol, User

    user, nieuw = User.objects.get_or_create(username=gebruikersnaam)
    if nieuw:
        user.set_password(secrets.token_urlsafe(24))  # never used: the session is made here
        user.save()
    sleutel = {"user": user, "rol": rol}
    if rol in (Rol.OPGAVETEAM, Rol.TASKFORCE):
        sleutel["gemeente"] = Gemeente.objects.get(cbs_code=organisatie)
    elif rol == Rol.CORPORATIE:
        sleutel["corporatie"] = Corporatie.objects.get(slug=organisatie)
    elif rol == Rol.PROVINCIE:
        sleutel["provincie"] = Provincie.objects.get(slug=organisatie)
    Lidmaatschap.objects.get_or_create(**sleutel)
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    store[SESSIE_BEGIN] = time.time()
    store.create()
    return store.session_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gebruiker", required=True)
    parser.add_argument("--rol", required=True, choices=["opgaveteam", "provincie", "taskforce"])
    parser.add_argument("--organisatie", required=True, help="CBS-code of provincie-slug")
    args = parser.parse_args()
    import django

    django.setup()
    sessionid = sessie(args.gebruiker, args.rol, args.organisatie)
    print(json.dumps({"sessionid": sessionid, "gebruiker": args.gebruiker}))


if __name__ == "__main__":
    main()
