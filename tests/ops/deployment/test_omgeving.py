""".env.example lists every variable that settings, scripts and compose read, and nothing
else; the deployment files keep their promises (multi-stage, non-root, checks, health)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.ops.deployment.conftest import ROOT

BIN = Path(sys.executable).parent  # the linters come with the dev dependencies

# env_str("NAME", ...), env_bool("NAME", ...), env_required("NAME"), os.environ.get("NAME")
PYTHON_LEEST = re.compile(
    r"""(?:env_(?:str|bool|int|list|required)|os\.environ\.get|os\.getenv)\(\s*["']([A-Z0-9_]+)["']"""
)
SHELL_LEEST = re.compile(r"\$\{([A-Z][A-Z0-9_]*)(?::?[-?=][^}]*)?\}")
# Set by the image or by compose itself, or a shell/OS variable: not for the operator.
NIET_VOOR_DE_BEHEERDER = {"PATH", "HOSTNAME", "PYTHON", "VENV_BIN", "PG_SERVER", "PEILDATUM"}


def _gelezen() -> dict[str, set[str]]:
    waar: dict[str, set[str]] = {}
    bestanden = [
        *sorted((ROOT / "config").rglob("*.py")),
        ROOT / "bin" / "healthcheck.py",
    ]
    for pad in bestanden:
        for naam in PYTHON_LEEST.findall(pad.read_text()):
            waar.setdefault(naam, set()).add(str(pad.relative_to(ROOT)))
    for pad in [ROOT / "bin" / "docker-start.sh", ROOT / "docker-compose.yml"]:
        for naam in SHELL_LEEST.findall(pad.read_text()):
            waar.setdefault(naam, set()).add(str(pad.relative_to(ROOT)))
    for naam in NIET_VOOR_DE_BEHEERDER:
        waar.pop(naam, None)
    return waar


def _voorbeeld() -> set[str]:
    tekst = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", tekst, flags=re.MULTILINE))


def test_every_variable_that_is_read_is_in_env_example():
    gelezen = _gelezen()
    assert {"SECRET_KEY", "DATABASE_URL", "TWEESTAPS_VERPLICHT", "POSTGRES_PASSWORD"} <= set(
        gelezen
    ), "de zoekpatronen vinden de bekende variabelen niet meer"
    ontbreekt = {n: sorted(w) for n, w in gelezen.items() if n not in _voorbeeld()}
    assert not ontbreekt, f"ontbreekt in .env.example: {ontbreekt}"


def test_env_example_lists_nothing_that_is_not_read():
    extra = _voorbeeld() - set(_gelezen()) - {"DJANGO_SETTINGS_MODULE"}
    assert not extra, f"in .env.example maar nergens gelezen: {extra}"


def test_the_dockerfile_is_multi_stage_non_root_and_checks_its_health():
    tekst = (ROOT / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM ", tekst, flags=re.MULTILINE)) >= 2
    gebruiker = re.findall(r"^USER (\S+)", tekst, flags=re.MULTILINE)
    assert gebruiker and gebruiker[-1].split(":")[0] not in {"root", "0"}
    assert "HEALTHCHECK" in tekst and "uv sync --frozen --no-dev" in tekst
    assert 'ENTRYPOINT ["/app/bin/docker-start.sh"]' in tekst
    assert ".env" in (ROOT / ".dockerignore").read_text().splitlines()


def test_the_start_script_checks_and_migrates_before_serving():
    tekst = (ROOT / "bin" / "docker-start.sh").read_text()
    tekst = tekst[tekst.index("  web)") : tekst.index("  worker)")]
    check = tekst.index("check --deploy --fail-level WARNING")
    assert check < tekst.index("migrate --no-input") < tekst.index("gunicorn")


def test_compose_has_every_service_with_a_health_check():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    diensten = compose["services"]
    assert set(diensten) == {"db", "redis", "web", "worker", "beat"}
    for naam, dienst in diensten.items():
        assert "healthcheck" in dienst, naam
    assert diensten["db"]["image"].startswith("postgres:")
    assert diensten["redis"]["image"].startswith("redis:")
    for naam in ("web", "worker", "beat"):
        assert diensten[naam]["env_file"] == ".env"
        assert diensten[naam]["command"] == [naam]
        assert diensten[naam]["depends_on"]["db"]["condition"] == "service_healthy"


@pytest.mark.parametrize(
    "opdracht",
    [
        [str(BIN / "hadolint"), "Dockerfile"],
        [
            str(BIN / "shellcheck"),
            "--severity=warning",
            "bin/docker-start.sh",
            "bin/backup.sh",
            "bin/restore.sh",
            "bin/bewijs-restore.sh",
            "bin/upgrade-proef.sh",
            "bin/valideer-deployment.sh",
        ],
    ],
    ids=["hadolint", "shellcheck"],
)
def test_the_linters_pass(opdracht):
    uit = subprocess.run(opdracht, cwd=ROOT, capture_output=True, text=True)
    assert uit.returncode == 0, uit.stdout + uit.stderr
