"""At most once: the claim protocol under real concurrency (two database connections), a
sender process killed mid-send (SIGKILL while the SMTP server holds the message), and a
temporary SMTP failure that is retried. Through a real SMTP server (aiosmtpd).

The rows of the concurrency and kill tests must be committed (another connection, another
process reads them): they are written and removed by a helper thread with its own connection,
so the test itself keeps its rolled-back transaction and the demo world stays as it was."""

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

from meldingen import verzenden
from meldingen.models import Melding, Status, Wijze
from organisaties.models import User
from tests.conftest import PERSONAS

ROOT = Path(__file__).resolve().parents[2]


def _in_eigen_verbinding(functie):
    """Run ``functie`` in a thread with its own (autocommit) database connection."""
    uitkomst: list = []

    def doe():
        try:
            uitkomst.append(functie())
        finally:
            connections.close_all()

    t = threading.Thread(target=doe)
    t.start()
    t.join()
    return uitkomst[0] if uitkomst else None


def _vastgelegde_meldingen(aantal: int, adres: str) -> list[int]:
    def maak():
        user = User.objects.get(username=PERSONAS["opgaveteam_a"])
        User.objects.filter(pk=user.pk).update(email=adres)
        rijen = Melding.objects.bulk_create(
            Melding(
                user=user,
                sleutel=f"test-verzenden:{os.getpid()}:{i}",
                soort="oordeel_slechter",
                titel=f"Testmelding {i}",
                tekst="Tekst",
                link="/meldingen/",
                wijze=Wijze.DIRECT,
            )
            for i in range(aantal)
        )
        return [r.pk for r in rijen]

    return _in_eigen_verbinding(maak)


@pytest.fixture
def opruimen():
    pks: list[int] = []
    yield pks

    def weg():
        Melding.objects.filter(pk__in=pks).delete()
        User.objects.filter(username=PERSONAS["opgaveteam_a"]).update(email="")

    _in_eigen_verbinding(weg)


def test_two_workers_claiming_at_once_never_get_the_same_row(demo, opruimen):
    opruimen += _vastgelegde_meldingen(60, "a@example.nl")
    start = threading.Barrier(2)

    def werker() -> list[int]:
        mijn: list[int] = []
        try:
            start.wait()
            while rijen := verzenden._claim({"pk__in": opruimen}, limiet=3):
                mijn += [m.pk for m in rijen]
        finally:
            connections.close_all()
        return mijn

    with ThreadPoolExecutor(2) as pool:
        a, b = pool.map(lambda _: werker(), range(2))
    assert not set(a) & set(b)
    assert sorted(a + b) == sorted(opruimen)
    assert a and b  # both took part
    assert set(Melding.objects.filter(pk__in=opruimen).values_list("status", flat=True)) == {
        Status.VERZENDEN
    }


def test_a_sender_killed_mid_send_sends_no_mail_twice(demo, smtp, opruimen):
    """A real process sends; the SMTP server has the message but holds its answer; the process
    is killed (SIGKILL). The task runs again (as the Celery task, eager): no second mail."""
    opruimen += _vastgelegde_meldingen(1, "gedood@example.nl")
    pk = opruimen[0]
    smtp.verzamelaar.vasthouden = threading.Event()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}",
        "EMAIL_HOST": smtp.host,
        "EMAIL_PORT": str(smtp.poort),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "SECRET_KEY": settings.SECRET_KEY,
    }
    code = (
        "import django; django.setup(); from meldingen import tasks; "
        f"tasks.verstuur_melding.apply(({pk},))"
    )
    proces = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, env=env, start_new_session=True
    )
    try:
        assert smtp.verzamelaar.ontvangen.wait(30), "de verzender bereikte de server niet"
        os.killpg(proces.pid, signal.SIGKILL)
        proces.wait(10)
    finally:
        if proces.poll() is None:
            os.killpg(proces.pid, signal.SIGKILL)
    smtp.verzamelaar.vasthouden.set()
    time.sleep(0.1)
    assert len(smtp.berichten) == 1
    assert Melding.objects.get(pk=pk).status == Status.VERZENDEN  # claimed, fate unknown

    # The task again (a redelivered message) and the sweep: nothing is sent twice.
    from meldingen import tasks

    assert tasks.verstuur_melding.apply((pk,)).get() is False
    assert verzenden.verstuur_direct() == 0
    assert len(smtp.verzamelaar.aan("gedood@example.nl")) == 1


def test_a_temporary_smtp_failure_frees_the_row_and_a_retry_sends_it_once(demo, settings, smtp):
    user = demo.user("opgaveteam_a")
    user.email = "later@example.nl"
    user.save()
    m = Melding.objects.create(
        user=user, sleutel="test-tijdelijk", soort="maand_ontbreekt", titel="Mei ontbreekt",
        tekst="Tekst", link="/meldingen/", wijze=Wijze.DIRECT,
    )  # fmt: skip
    goede_poort = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens: refused before anything was sent
    with pytest.raises(verzenden.Tijdelijk):
        verzenden.verstuur_melding(m.pk)
    m.refresh_from_db()
    assert (m.status, m.pogingen) == (Status.NIEUW, 1)
    settings.EMAIL_PORT = goede_poort
    assert verzenden.verstuur_melding(m.pk) is True
    assert verzenden.verstuur_melding(m.pk) is False
    m.refresh_from_db()
    assert m.status == Status.VERZONDEN and m.verzonden_op is not None
    assert len(smtp.verzamelaar.aan("later@example.nl")) == 1


def test_after_the_last_attempt_a_row_is_marked_failed(demo, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    user = demo.user("opgaveteam_a")
    user.email = "nooit@example.nl"
    user.save()
    m = Melding.objects.create(
        user=user, sleutel="test-mislukt", soort="maand_ontbreekt", titel="Mei ontbreekt",
        tekst="Tekst", link="/meldingen/", wijze=Wijze.DIRECT, pogingen=verzenden.MAX_POGINGEN - 1,
    )  # fmt: skip
    with pytest.raises(verzenden.Tijdelijk):
        verzenden.verstuur_melding(m.pk)
    m.refresh_from_db()
    assert m.status == Status.MISLUKT
