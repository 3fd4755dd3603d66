"""Anonymous htmx requests: log in as a whole page, never inside a form or a cell.

When the session has ended (15 minutes idle) the next htmx request from an open page is
anonymous; ``login_required`` answers it with a redirect to the log-in page, which the
browser would follow and htmx would swap into the form. Instead such a request gets
HX-Redirect to the log-in page (with the page the user was on as ``next``), which htmx
follows as a full navigation. static/js/monitor.js is the second line of defence.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect


class HtmxInloggenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or not isinstance(response, HttpResponseRedirect):
            return response
        if request.user.is_authenticated:
            return response
        inloggen = resolve_url(settings.LOGIN_URL)
        if not response.url.startswith(inloggen):
            return response
        # Back to the page the user was on (not the URL of the partial it posted to).
        pagina = request.htmx.current_url_abs_path or "/"
        return HttpResponseClientRedirect(f"{inloggen}?{urlencode({'next': pagina})}")
