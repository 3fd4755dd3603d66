"""Privacy (issue 14 §5): retention by a nightly task, with frozen time; the log in the admin;
the key needs a secret of its own in production."""

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import time_machine

from bemiddeling.huishoudens import selectors, services
from bemiddeling.models import Huishouden, HuishoudenGebeurtenis, HuishoudenTelling
from bemiddeling.tasks import bewaartermijn_huishoudens
from tests.conftest import AMSTERDAM

ROOT = Path(__file__).resolve().parents[3]


def _verhuisd(demo, nieuw_huishouden, dag: date):
    team = demo.user("opgaveteam_a")
    h = nieuw_huishouden(2, 1)
    for stap, velden in (
        ("aanbieden", {"corporatie": demo.ymere, "grootteklasse": "3-4"}),
        ("tekenen", {}),
        ("verhuizen", {}),
    ):
        h = services.stap_zetten(
            huishouden=h, stap=stap, datum=dag, door=team, vandaag=date(2023, 6, 15), **velden
        )
    return h


def _op(dag: date):
    return time_machine.travel(
        datetime(dag.year, dag.month, dag.day, 3, tzinfo=AMSTERDAM), tick=False
    )


def test_the_nightly_task_reduces_households_after_24_months(demo, nieuw_huishouden):
    h = _verhuisd(demo, nieuw_huishouden, date(2023, 5, 2))
    Huishouden.objects.filter(gemeente=demo.almere, illustratief=True).delete()
    voor = selectors.samenvatting(demo.almere, date(2025, 5, 3))
    with _op(date(2025, 5, 1)):
        assert bewaartermijn_huishoudens.delay().get() == 0
    assert Huishouden.objects.filter(pk=h.pk).exists()
    with _op(date(2025, 5, 2)):
        assert bewaartermijn_huishoudens.delay().get() == 1
    assert not Huishouden.objects.filter(pk=h.pk).exists()
    assert not HuishoudenGebeurtenis.objects.filter(huishouden_id=h.pk).exists()
    telling = HuishoudenTelling.objects.get(gemeente=demo.almere)
    assert (
        telling.maand,
        telling.status,
        telling.route,
        telling.corporatie,
        telling.grootteklasse,
    ) == (date(2023, 5, 1), "verhuisd", "regulier", demo.ymere, "3-4")
    assert (telling.huishoudens, telling.personen) == (1, 3)
    # What the counts say stays the same.
    na = selectors.samenvatting(demo.almere, date(2025, 5, 3))
    assert na["verhuisd_per_maand"] == voor["verhuisd_per_maand"]
    assert na["per_status"] == voor["per_status"]


def test_waiting_households_are_kept(demo, nieuw_huishouden):
    h = nieuw_huishouden()
    with _op(date(2030, 1, 1)):
        bewaartermijn_huishoudens.delay().get()
    assert Huishouden.objects.filter(pk=h.pk).exists()


def test_the_beheerder_reads_the_log_in_the_admin_and_cannot_change_it(demo, nieuw_huishouden):
    nieuw_huishouden()
    demo.client("opgaveteam_a").get("/gemeenten/GM0034/huishoudens/")
    client = demo.client("beheerder")
    tekst = client.get("/beheer/bemiddeling/huishoudeninzage/").content.decode()
    assert "opgaveteam-almere" in tekst and "lijst" in tekst
    assert client.get("/beheer/bemiddeling/huishoudeninzage/add/").status_code == 403
    assert client.get("/beheer/bemiddeling/huishouden/").status_code == 404


def test_production_refuses_the_development_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.pop("TWEESTAPS_VERPLICHT", None)
    env.pop("HUISHOUDEN_SLEUTEL", None)
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "SECURITY_CONTACT": "mailto:beveiliging@example.nl",
    }
    uit = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert uit.returncode != 0 and "HUISHOUDEN_SLEUTEL" in uit.stderr
    env["HUISHOUDEN_SLEUTEL"] = "een-eigen-geheim-van-minstens-tweeendertig-tekens"
    uit = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert "HUISHOUDEN_SLEUTEL" not in uit.stderr
