import os

from celery import Celery
from celery.schedules import crontab

from config.env import env_int

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")

app = Celery("vh_monitor")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The nightly recompute of every gemeente (prognose.tasks): the peildatum moves with the
# date even when nobody changed a figure. Run `celery -A config beat` next to the worker.
# Every few minutes, the gemeenten whose change is not in their snapshot (the broker was down
# when it was saved, or a message got lost): prognose.tasks.herbereken_verouderde_gemeenten.
INHALEN = env_int("HERBEREKENING_INHALEN_SECONDEN", 300)
app.conf.beat_schedule = {
    # Households past their retention period become anonymous counts (bemiddeling.tasks).
    "huishoudens-bewaartermijn-nachtelijk": {
        "task": "bemiddeling.tasks.bewaartermijn_huishoudens",
        "schedule": crontab(hour=3, minute=15),
    },
    # Notifications (meldingen.tasks): the detectors every quarter of an hour (verdicts are
    # also compared right after each recompute), the overviews on Monday and the 1st.
    "meldingen-signalen-zoeken": {
        "task": "meldingen.tasks.signalen_zoeken",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 900},
    },
    "meldingen-weekoverzicht": {
        "task": "meldingen.tasks.overzicht_versturen",
        "schedule": crontab(hour=7, minute=0, day_of_week=1),
        "args": ("week",),
    },
    "meldingen-maandoverzicht": {
        "task": "meldingen.tasks.overzicht_versturen",
        "schedule": crontab(hour=7, minute=15, day_of_month=1),
        "args": ("maand",),
    },
    "prognose-alle-gemeenten-nachtelijk": {
        "task": "prognose.tasks.herbereken_alle_gemeenten",
        "schedule": crontab(hour=2, minute=30),
    },
    "prognose-verouderde-gemeenten-inhalen": {
        "task": "prognose.tasks.herbereken_verouderde_gemeenten",
        "schedule": float(INHALEN),
        # Not queued again and again while no worker runs: a few pending catch-ups at most. At
        # least 30 s, so that a busy worker that picks it up a little late still runs it.
        "options": {"expires": max(INHALEN, 30)},
    },
}
