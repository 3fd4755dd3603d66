"""Server-side rules that hold for every view: the absolute session limit, two-factor and
no caching of what a logged-in user sees.

They sit after the authentication, OTP and htmx middleware (config/settings/base.py).
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django_htmx.http import HttpResponseClientRedirect

SESSIE_BEGIN = "sessie_begin"
SESSIE_BIJGEWERKT = "sessie_bijgewerkt"  # when the session (and so its expiry) was last saved
# Set while logged in, for as long as the browser is open; deleted on logging out. An
# anonymous request that still carries it had its session end by itself (idle limit).
INGELOGD_COOKIE = "monitor_ingelogd"
SESSIE_VERLOPEN = "Uw sessie is verlopen. Log opnieuw in."
# The JSON API answers in JSON: never a redirect to an HTML page (api/views.py).
API_PREFIX = "/api/"

# Views a logged-in user reaches before the second step: the step itself, logging out, and
# the anonymous endpoints (health for load balancers, security.txt).
ZONDER_TWEEDE_STAP = frozenset(
    {
        "inloggen",
        "uitloggen",
        "tweestaps_instellen",
        "tweestaps_controleren",
        "gezondheid",
        "security_txt",
        # The signed unsubscribe link of a mail: the token decides, not the session.
        "meldingen_afmelden",
        # The header's unread count, loaded by every page (also the second step's): without
        # the second step it answers without a count, so it never redirects in a loop.
        "meldingen_teller",
    }
)


def doorsturen(request, naam: str, *, volgende: str | None = None):
    """Redirect to a named URL; htmx requests get HX-Redirect so the whole page changes."""
    url = reverse(naam)
    if volgende:
        url += "?" + urlencode({"next": volgende})
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def melden_sessie_verlopen(request) -> None:
    """Add "Uw sessie is verlopen" unless it is already waiting: two requests of one page
    (an htmx save and the page's next step) may both find the session ended."""
    opslag = messages.get_messages(request)
    al_gemeld = any(bericht.message == SESSIE_VERLOPEN for bericht in opslag)
    opslag.used = False  # looking is not showing: keep them for the log-in page
    if not al_gemeld:
        messages.info(request, SESSIE_VERLOPEN)


def _volgende(request) -> str | None:
    return request.get_full_path() if request.method == "GET" else None


class GeenCacheMiddleware:
    """Cache-Control: no-store, private on every answer for a logged-in user or an API call.

    Dashboards, exports and API answers hold a gemeente's figures: a shared computer's
    browser cache or a proxy must not keep them. Static files never get here (WhiteNoise
    answers them first) and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.user.is_authenticated
            or "HTTP_AUTHORIZATION" in request.META
            or request.path.startswith(API_PREFIX)
        ):
            add_never_cache_headers(response)
        return response


class SessieVerlopenMiddleware:
    """Tell a user whose session ended by itself why they have to log in again.

    The idle limit needs no code of ours to end a session, so nothing would say so: the
    browser simply stops sending the expired session cookie. A second cookie without
    expiry (gone when the browser closes, holding nothing but "1") marks that this browser
    was logged in; an anonymous request that still has it gets "Uw sessie is verlopen" on
    the log-in page, once. Logging out removes it, so that says nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            return self.get_response(request)
        was_ingelogd = request.COOKIES.get(INGELOGD_COOKIE) == "1"
        if was_ingelogd and not request.user.is_authenticated:
            melden_sessie_verlopen(request)
        response = self.get_response(request)
        if request.user.is_authenticated:
            if not was_ingelogd:
                response.set_cookie(
                    INGELOGD_COOKIE,
                    "1",
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        elif was_ingelogd:
            response.delete_cookie(INGELOGD_COOKIE, samesite="Lax")
        return response


class SessieMaximumMiddleware:
    """Log out a session that started more than SESSIE_MAXIMUM_SECONDEN ago (12 hours), and
    move the idle limit on with activity.

    The idle limit (15 minutes) is Django's own: SESSION_COOKIE_AGE, counted from the last
    time the session was saved. Saving it on every request (SESSION_SAVE_EVERY_REQUEST) cost
    three queries per page (bench/README.md); it is saved when the last save is at least
    SESSIE_BIJWERKEN_SECONDEN (60) old, so a session ends 14 to 15 minutes after the last
    activity. This adds the cap that activity cannot extend.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            begin = request.session.get(SESSIE_BEGIN)
            if begin is None:
                request.session[SESSIE_BEGIN] = time.time()
            elif time.time() - begin > settings.SESSIE_MAXIMUM_SECONDEN:
                logout(request)
                if request.path.startswith(API_PREFIX):
                    return self.get_response(request)  # now anonymous: the API answers 401
                melden_sessie_verlopen(request)
                return doorsturen(request, "inloggen", volgende=_volgende(request))
            if time.time() - request.session.get(SESSIE_BIJGEWERKT, 0) >= _bijwerken():
                request.session[SESSIE_BIJGEWERKT] = time.time()  # saved: a new expiry
        response = self.get_response(request)
        # The log-in request itself: the clock starts at the moment of log-in.
        if request.user.is_authenticated and SESSIE_BEGIN not in request.session:
            request.session[SESSIE_BEGIN] = time.time()
            request.session[SESSIE_BIJGEWERKT] = time.time()
        return response


def _bijwerken() -> float:
    return float(getattr(settings, "SESSIE_BIJWERKEN_SECONDEN", 60))


class TweestapsMiddleware:
    """With TWEESTAPS_VERPLICHT, a logged-in user reaches nothing until the second step.

    A user without a confirmed device is sent to set one up, a user with one to enter a
    code. This covers every view, the admin included; only ZONDER_TWEEDE_STAP is open.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.TWEESTAPS_VERPLICHT:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ZONDER_TWEEDE_STAP:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.path.startswith(API_PREFIX):
            # A session without its second step is no log-in for the API; a request with an
            # API token has no session login at all and is checked by the API itself.
            return JsonResponse(
                {
                    "detail": "Tweestapsverificatie vereist: voltooi de tweede stap in de "
                    "browser, of gebruik een API-token."
                },
                status=403,
            )
        # Here, not at the top: tweestaps imports django_otp's models, and middleware is
        # imported before the app registry is ready.
        from organisaties import tweestaps

        naam = "tweestaps_controleren" if tweestaps.heeft_apparaat(user) else "tweestaps_instellen"
        return doorsturen(request, naam, volgende=_volgende(request))
