"""The client address behind the proxies, the lockout page (django-axes), the refused-form
page (CSRF), short log lines for refusals and /.well-known/security.txt (RFC 9116)."""

import ipaddress
import logging
from datetime import UTC, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

# RFC 9116 §2.5.5: Expires is recommended to be less than a year ahead.
SECURITY_TXT_GELDIG = timedelta(days=364)

logger = logging.getLogger(__name__)


def _adres(waarde: str) -> str | None:
    try:
        return str(ipaddress.ip_address(waarde.strip()))
    except ValueError:
        return None


def client_adres(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address of the client behind PROXY_AANTAL proxies.

    Each proxy appends the address it got the connection from to X-Forwarded-For, and the
    nearest one is REMOTE_ADDR. So in "X-Forwarded-For + REMOTE_ADDR" the last PROXY_AANTAL
    addresses are our proxies and the one before them is the client; everything further left
    the client wrote itself and is ignored (it could name a colleague's address). A request
    with fewer addresses than that did not pass every proxy: only REMOTE_ADDR is certain.

    Not django-ipware: it skips unreadable entries and a lone quote swallows the rest of the
    header, so a client could shift the position counted from the right or leave no address
    at all (and then axes counts per username only).
    """
    socket = request.META.get("REMOTE_ADDR", "") or ""
    aantal = settings.PROXY_AANTAL
    if aantal <= 0:
        return _adres(socket)
    doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "") or ""
    keten = [*(doorgestuurd.split(",") if doorgestuurd else []), socket]
    if len(keten) <= aantal:
        return _adres(socket)
    adres = _adres(keten[-(aantal + 1)])
    if adres is None:
        # Written by our own proxy, so PROXY_AANTAL does not match the proxies in front.
        logger.warning(
            "Geen clientadres op plaats %d van rechts in X-Forwarded-For: klopt PROXY_AANTAL=%d?",
            aantal + 1,
            aantal,
        )
        return _adres(socket)
    return adres


class KorteWeigering(logging.Filter):
    """A refused request (4xx) is one log line with the client address, never a traceback.

    Django logs a 403 (PermissionDenied), a 400 (a bad Host, a bad request) with the whole
    traceback: noise in which real errors drown, for something that is the caller's fault.
    A 5xx keeps its traceback. On the console handler (LOGGING), so it covers
    django.request and every django.security.* logger alike.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if not isinstance(status, int) or not 400 <= status < 500:
            return True
        record.exc_info = None
        record.exc_text = None
        request = getattr(record, "request", None)
        adres = client_adres(request) if request is not None else None
        if adres and not getattr(record, "clientadres", None):
            record.msg = f"{record.getMessage()} (adres {adres})"
            record.args = ()
            record.clientadres = adres
        return True


def geblokkeerd(request, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the Dutch page for a username and address that are locked out."""
    return render(
        request,
        "organisaties/geblokkeerd.html",
        {
            "pogingen": settings.AXES_FAILURE_LIMIT,
            "minuten": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def csrf_mislukt(request, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a Dutch page that says what to do (Django's own is English and
    does not pass its context to a 403_csrf.html of ours)."""
    return render(
        request,
        "organisaties/csrf_mislukt.html",
        {"zonder_cookie": reason == REASON_NO_CSRF_COOKIE},
        status=403,
    )


def _contact(waarde: str) -> str:
    if "@" in waarde and ":" not in waarde:
        return f"mailto:{waarde}"
    return waarde


@require_http_methods(["GET", "HEAD"])
def security_txt(request) -> HttpResponse:
    """Where to report a vulnerability; Expires is computed so it never lapses by accident."""
    verloopt = (timezone.now() + SECURITY_TXT_GELDIG).astimezone(UTC).replace(microsecond=0)
    regels = [
        f"Contact: {_contact(settings.SECURITY_CONTACT)}",
        f"Expires: {verloopt.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(regels) + "\n", content_type="text/plain; charset=utf-8")
