"""The signed one-click unsubscribe link of a mail: it names one user and one kind of event, so
it switches off exactly that kind, and works without logging in (django.core.signing with the
SECRET_KEY; a changed or forged token is refused)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from meldingen.models import Abonnement, Soort, Wijze
from organisaties.models import User

ZOUT = "meldingen.afmelden"


def token(user_id: int, soort: str) -> str:
    return signing.dumps({"u": user_id, "s": soort}, salt=ZOUT, compress=True)


def lees(waarde: str) -> tuple[int, str] | None:
    """(user id, kind), or None for a token that is not ours or not intact."""
    try:
        d = signing.loads(waarde, salt=ZOUT)
    except signing.BadSignature:
        return None
    if not isinstance(d, dict) or d.get("s") not in Soort.values or not isinstance(d.get("u"), int):
        return None
    if not User.objects.filter(pk=d["u"]).exists():  # the account was removed since
        return None
    return d["u"], d["s"]


def url(user_id: int, soort: str) -> str:
    return settings.MELDINGEN_BASIS_URL + reverse(
        "meldingen_afmelden", args=[token(user_id, soort)]
    )


def afmelden(user_id: int, soort: str) -> None:
    """Switch this kind off for this user (idempotent); the other kinds stay as they were."""
    Abonnement.objects.update_or_create(user_id=user_id, soort=soort, defaults={"wijze": Wijze.UIT})
