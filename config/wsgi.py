import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Once per web process, in the background: WeasyPrint and its fonts (issue 11: the first PDF
# of a process took seconds longer than the next).
from rapportage.exports.pdf import voorladen_op_achtergrond  # noqa: E402  (needs the apps)

voorladen_op_achtergrond()
