import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")

app = Celery("vh_monitor")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The nightly recompute of every gemeente (rapportage.tasks): the peildatum moves with the
# date even when nobody changed a figure. Run `celery -A config beat` next to the worker.
app.conf.beat_schedule = {
    "prognose-alle-gemeenten-nachtelijk": {
        "task": "rapportage.tasks.herbereken_alle_gemeenten",
        "schedule": crontab(hour=2, minute=30),
    },
}
