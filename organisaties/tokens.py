"""Personal API tokens: make, check, revoke. The key is random (256 bits), shown once, and
only its SHA-256 hash is stored, so a database leak gives no usable keys."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from organisaties.models import ApiToken, User

VOORVOEGSEL = "vhm_"
# 'last used' is written at most once a minute per token: no write on every API call.
GEBRUIK_BIJWERKEN = timedelta(minutes=1)


def _hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode("utf-8")).hexdigest()


def maak(*, user: User, naam: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with the key (to show once, never stored)."""
    sleutel = VOORVOEGSEL + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        naam=(naam or "").strip()[:100] or "API-token",
        sleutel_hash=_hash(sleutel),
        begin=sleutel[:10],
    )
    return token, sleutel


def gebruiker(sleutel: str) -> User | None:
    """The active user of an active token, or None."""
    if not sleutel or not sleutel.startswith(VOORVOEGSEL) or len(sleutel) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(sleutel_hash=_hash(sleutel), ingetrokken_op__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    nu = timezone.now()
    if token.laatst_gebruikt_op is None or nu - token.laatst_gebruikt_op > GEBRUIK_BIJWERKEN:
        ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=nu)
    return token.user


def intrekken(token: ApiToken) -> None:
    if token.ingetrokken_op is None:
        token.ingetrokken_op = timezone.now()
        token.save(update_fields=["ingetrokken_op"])
