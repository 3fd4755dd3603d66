"""The production services, started the way the image starts them (bin/docker-start.sh):
web (check --deploy, migrate, gunicorn), a Celery worker and beat, on a scratch database
and the local Redis, with config.settings.production. No Docker engine needed."""

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.ops.deployment.conftest import ROOT, basis_env, vrije_poort

HOST = "monitor.test"
REDIS = "redis://127.0.0.1:6379/13"  # a database of its own: tests/ops/worker uses 15


def _get(poort: int, pad: str, *, https: bool = True) -> tuple[int, dict, str]:
    kop = {"Host": HOST}
    if https:
        kop["X-Forwarded-Proto"] = "https"
    verzoek = urllib.request.Request(f"http://127.0.0.1:{poort}{pad}", headers=kop)

    class GeenRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(GeenRedirect)
    try:
        with opener.open(verzoek, timeout=5) as antwoord:
            return antwoord.status, dict(antwoord.headers), antwoord.read().decode()
    except urllib.error.HTTPError as fout:
        return fout.code, dict(fout.headers), fout.read().decode(errors="replace")


def _stop(proces: subprocess.Popen) -> None:
    if proces.poll() is None:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()


@pytest.fixture
def productie(kladdatabase, tmp_path):
    poort = vrije_poort()
    env = basis_env(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=HOST,
        SECURITY_CONTACT="mailto:beveiliging@example.nl",
        HUISHOUDEN_SLEUTEL=secrets.token_urlsafe(48),
        DATABASE_URL=kladdatabase,
        REDIS_URL=REDIS,
        STATIC_ROOT=str(tmp_path / "static"),
        GUNICORN_BIND=f"127.0.0.1:{poort}",
        GUNICORN_WORKERS="1",
        CELERY_CONCURRENCY="1",
        BEAT_SCHEDULE_FILE=str(tmp_path / "beat-schedule"),
        PYTHON=sys.executable,
        PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    )
    # The image collects static files at build time; here into a temporary STATIC_ROOT.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    processen = {}
    for dienst in ("web", "worker", "beat"):
        processen[dienst] = subprocess.Popen(
            ["bin/docker-start.sh", dienst],
            cwd=ROOT,
            env=env,
            stdout=open(tmp_path / f"{dienst}.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield poort, env, processen, tmp_path
    finally:
        for proces in processen.values():
            _stop(proces)


def _wacht(voorwaarde, seconden: float, processen, tmp_path) -> None:
    eind = time.monotonic() + seconden
    while time.monotonic() < eind:
        for naam, proces in processen.items():
            if proces.poll() is not None:
                log = (tmp_path / f"{naam}.log").read_text()
                pytest.fail(f"{naam} stopte met {proces.returncode}:\n{log[-3000:]}")
        if voorwaarde():
            return
        time.sleep(0.3)
    logs = "\n".join(f"== {n}\n{(tmp_path / f'{n}.log').read_text()[-2000:]}" for n in processen)
    pytest.fail(f"niet binnen {seconden} s:\n{logs}")


def test_web_worker_and_beat_start_and_answer(productie):
    poort, env, processen, tmp_path = productie

    def web_antwoordt():
        try:
            return _get(poort, "/gezondheid/")[0] == 200
        except OSError:
            return False

    _wacht(web_antwoordt, 60, processen, tmp_path)
    web_log = (tmp_path / "web.log").read_text()
    assert "System check identified no issues" in web_log  # check --deploy ran first

    status, kop, inhoud = _get(poort, "/gezondheid/")
    assert status == 200, inhoud
    assert '"broker": {"ok": true, "melding": "bereikbaar"}' in inhoud

    status, kop, inhoud = _get(poort, "/inloggen/")
    assert status == 200 and "Gebruikersnaam" in inhoud
    assert kop["Strict-Transport-Security"].startswith("max-age=31536000")
    assert kop["X-Frame-Options"] == "DENY"
    assert "Secure" in kop["Set-Cookie"] and "HttpOnly" not in kop["Set-Cookie"]  # csrftoken
    # Static files come from whitenoise with hashed names.
    css = inhoud.split('href="/static/css/monitor.')[1].split('"')[0]
    assert _get(poort, f"/static/css/monitor.{css}")[0] == 200

    # Plain HTTP is redirected to HTTPS, except the health page for load balancers.
    status, kop, _ = _get(poort, "/inloggen/", https=False)
    assert status == 301 and kop["Location"] == f"https://{HOST}/inloggen/"
    assert _get(poort, "/gezondheid/", https=False)[0] == 200

    # The container health checks, run against these processes.
    env_check = dict(env, ALLOWED_HOSTS=HOST)
    web_check = subprocess.run(
        [sys.executable, "bin/healthcheck.py"], cwd=ROOT, env=env_check, capture_output=True
    )
    assert web_check.returncode == 0, web_check.stdout + web_check.stderr

    def worker_antwoordt():
        uit = subprocess.run(
            [sys.executable, "-m", "celery", "-A", "config", "inspect", "ping", "--timeout", "2"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        return uit.returncode == 0 and "pong" in uit.stdout

    _wacht(worker_antwoordt, 30, processen, tmp_path)

    def beat_loopt():
        return "beat: Starting..." in (tmp_path / "beat.log").read_text()

    _wacht(beat_loopt, 20, processen, tmp_path)
    beat_check = subprocess.run(
        [sys.executable, "bin/healthcheck.py", "beat"], cwd=ROOT, env=env, capture_output=True
    )
    assert beat_check.returncode == 0, beat_check.stdout + beat_check.stderr


def test_web_refuses_to_start_when_check_deploy_warns(kladdatabase, tmp_path):
    env = basis_env(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="te-kort",
        ALLOWED_HOSTS=HOST,
        SECURITY_CONTACT="mailto:beveiliging@example.nl",
        HUISHOUDEN_SLEUTEL=secrets.token_urlsafe(48),
        DATABASE_URL=kladdatabase,
        GUNICORN_BIND=f"127.0.0.1:{vrije_poort()}",
        PYTHON=sys.executable,
    )
    uit = subprocess.run(
        ["bin/docker-start.sh", "web"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert uit.returncode != 0 and "security.W009" in uit.stdout + uit.stderr
