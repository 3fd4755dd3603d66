"""/gezondheid/: is this instance fit to serve? For load balancers and the operator.

Cheap on purpose: one ``SELECT 1``, one broker PING with a one-second timeout, and one
``MAX()`` over the snapshots. No session, no login, and nothing sensitive in the answer
(no host names, versions or error texts; those go to the log). 200 when all three are
healthy, 503 otherwise.

A small view rather than django-health-check: that library answers in its own JSON shape
(one key per plugin class), its database check writes a row, and the recompute age would be
a custom plugin anyway.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

logger = logging.getLogger(__name__)

BROKER_TIMEOUT = 1.0  # seconds; a load balancer asks every few seconds
# The computed-at field of prognose.Snapshot, in order of preference; otherwise its first
# DateTimeField. The model is optional here: without it the age is "onbekend".
SNAPSHOT_VELDEN = ("berekend_op", "berekend", "aangemaakt_op", "aangemaakt", "computed_at")


@dataclass(frozen=True)
class Uitslag:
    ok: bool
    melding: str
    extra: dict | None = None

    def als_json(self) -> dict:
        return {"ok": self.ok, "melding": self.melding, **(self.extra or {})}


def database() -> Uitslag:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("gezondheid: database niet bereikbaar (%s)", type(exc).__name__)
        return Uitslag(False, "niet bereikbaar")
    return Uitslag(True, "bereikbaar")


def broker() -> Uitslag:
    url = settings.REDIS_URL
    if not url:
        return Uitslag(True, "niet geconfigureerd (eager)")
    import redis

    client = redis.Redis.from_url(
        url, socket_connect_timeout=BROKER_TIMEOUT, socket_timeout=BROKER_TIMEOUT
    )
    try:
        client.ping()
    except Exception as exc:
        logger.warning("gezondheid: broker niet bereikbaar (%s)", type(exc).__name__)
        return Uitslag(False, "niet bereikbaar")
    finally:
        client.close()
    return Uitslag(True, "bereikbaar")


def _snapshot_veld() -> tuple[type[models.Model], str] | None:
    try:
        model = apps.get_model("prognose", "Snapshot")
    except LookupError:
        return None
    velden = {
        v.name: v
        for v in model._meta.get_fields()
        if isinstance(v, models.DateTimeField) and not v.is_relation
    }
    for naam in SNAPSHOT_VELDEN:
        if naam in velden:
            return model, naam
    if velden:
        return model, next(iter(velden))
    return None


def nieuwste_herberekening() -> tuple[bool, datetime | None]:
    """(known, newest computed-at); known is False when there is no snapshot model."""
    gevonden = _snapshot_veld()
    if gevonden is None:
        return False, None
    model, veld = gevonden
    return True, model.objects.aggregate(nieuwste=models.Max(veld))["nieuwste"]


def beoordeel_herberekening(
    bekend: bool, nieuwste: datetime | None, nu: datetime, maximum: timedelta
) -> Uitslag:
    """Healthy when recent enough, when there is no data yet (a fresh installation) and when
    this version has no snapshots at all; stale beyond ``maximum`` is unhealthy."""
    if not bekend:
        return Uitslag(True, "onbekend", {"leeftijd_seconden": None})
    if nieuwste is None:
        return Uitslag(True, "nog geen herberekening", {"leeftijd_seconden": None})
    leeftijd = max(nu - nieuwste, timedelta(0))
    seconden = int(leeftijd.total_seconds())
    uren = seconden // 3600
    if leeftijd > maximum:
        melding = f"verouderd: {uren} uur oud (maximum {int(maximum.total_seconds() // 3600)})"
        return Uitslag(False, melding, {"leeftijd_seconden": seconden})
    return Uitslag(True, f"{uren} uur oud", {"leeftijd_seconden": seconden})


def herberekening(database_ok: bool) -> Uitslag:
    if not database_ok:
        return Uitslag(False, "onbekend: database niet bereikbaar", {"leeftijd_seconden": None})
    try:
        bekend, nieuwste = nieuwste_herberekening()
    except Exception as exc:
        logger.warning("gezondheid: herberekening niet te lezen (%s)", type(exc).__name__)
        return Uitslag(False, "niet te lezen", {"leeftijd_seconden": None})
    maximum = timedelta(hours=settings.HERBEREKENING_MAXIMUM_UREN)
    return beoordeel_herberekening(bekend, nieuwste, timezone.now(), maximum)


@never_cache
@require_http_methods(["GET", "HEAD"])
def gezondheid(request) -> JsonResponse:
    db = database()
    uitslagen = {"database": db, "broker": broker(), "herberekening": herberekening(db.ok)}
    gezond = all(u.ok for u in uitslagen.values())
    return JsonResponse(
        {naam: u.als_json() for naam, u in uitslagen.items()},
        status=200 if gezond else 503,
        json_dumps_params={"ensure_ascii": False},
    )
