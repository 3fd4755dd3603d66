import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Once per web process, before the first request: WeasyPrint and its fonts (issue 11: the
# first PDF of a process took seconds longer than the next).
from rapportage.exports.pdf import voorladen  # noqa: E402  (needs the app registry)

voorladen()
