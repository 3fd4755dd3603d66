"""The lockout page (django-axes) and /.well-known/security.txt (RFC 9116)."""

from datetime import UTC, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

# RFC 9116 §2.5.5: Expires is recommended to be less than a year ahead.
SECURITY_TXT_GELDIG = timedelta(days=364)


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
