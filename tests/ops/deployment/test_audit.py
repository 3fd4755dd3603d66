"""bin/audit.sh: a known vulnerability fails CI; an unreachable vulnerability service is
reported as NIET GECONTROLEERD (and fails only with AUDIT_VERPLICHT=true)."""

import json
import subprocess
import sys

import pytest

from tests.ops.deployment.conftest import ROOT, basis_env

GEEN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}], "fixes": []}
LEK = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.19",
            "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["5.2.20"], "description": "x"}],
        }
    ],
    "fixes": [],
}
ONBEREIKBAAR = {
    "dependencies": [
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}
    ],
    "fixes": [],
}


def _audit(tmp_path, uitvoer: dict, **env: str) -> subprocess.CompletedProcess:
    """Run bin/audit.sh with a stand-in pip-audit that writes ``uitvoer`` as its report."""
    nep = tmp_path / "bin"
    nep.mkdir()
    (nep / "rapport.json").write_text(json.dumps(uitvoer))
    (nep / "pip-audit").write_text(
        "#!/bin/sh\n"
        'while [ $# -gt 0 ]; do [ "$1" = --output ] && cp "$(dirname "$0")/rapport.json" "$2"; '
        "shift; done\n"
    )
    (nep / "pip-audit").chmod(0o755)
    (nep / "python").symlink_to(sys.executable)
    return subprocess.run(
        ["bin/audit.sh"],
        cwd=ROOT,
        env=basis_env(VENV_BIN=str(nep), **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_no_known_vulnerability_passes(tmp_path):
    uit = _audit(tmp_path, GEEN)
    assert uit.returncode == 0, uit.stderr
    assert "1 van 1 pakketten gecontroleerd, 0 met een bekende kwetsbaarheid" in uit.stdout


def test_a_known_vulnerability_fails_and_names_the_fix(tmp_path):
    uit = _audit(tmp_path, LEK)
    assert uit.returncode == 1
    assert "KWETSBAAR django 5.2.19: PYSEC-0000-1 (opgelost in 5.2.20)" in uit.stdout


@pytest.mark.parametrize(("verplicht", "code"), [("false", 0), ("true", 2)])
def test_an_unreachable_service_is_reported_not_hidden(tmp_path, verplicht, code):
    uit = _audit(tmp_path, ONBEREIKBAAR, AUDIT_VERPLICHT=verplicht)
    assert uit.returncode == code
    assert "NIET GECONTROLEERD" in uit.stdout
