"""The import contract (pyproject.toml, [tool.importlinter]) holds, and it bites: an upward
import added to a copy of the code fails ``lint-imports``, as it would in CI."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("kern", "organisaties", "taakstelling", "bemiddeling", "prognose", "meldingen")
APPS += ("rapportage", "api")
APPS += ("demo", "config")
LINT = Path(sys.executable).with_name("lint-imports")


def _kopie(doel: Path) -> Path:
    for app in APPS:
        shutil.copytree(ROOT / app, doel / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", doel / "pyproject.toml")
    return doel


def _lint(map: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--no-cache"],
        cwd=map,
        env={"PYTHONPATH": str(map), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def kopie(tmp_path_factory) -> Path:
    return _kopie(tmp_path_factory.mktemp("lagen"))


def test_the_code_keeps_the_layers(kopie):
    uitslag = _lint(kopie)
    assert uitslag.returncode == 0, uitslag.stdout + uitslag.stderr
    assert "0 broken" in uitslag.stdout


@pytest.mark.parametrize(
    ("bestand", "regel", "contract"),
    [
        ("taakstelling/selectors/__init__.py", "from rapportage import selectors", "Lagen"),
        ("organisaties/models.py", "import taakstelling.models", "Lagen"),
        ("prognose/services.py", "import rapportage.selectors.stand", "Lagen"),
        ("prognose/services.py", "import meldingen.services", "Lagen"),
        ("meldingen/services.py", "import rapportage.views.meldingen", "Lagen"),
        ("rapportage/selectors/__init__.py", "import demo.laden", "Lagen"),
        ("kern/regels.py", "from django.utils import timezone", "Zuivere rekenregels"),
        ("prognose/rekenen/engine.py", "from prognose.models import Snapshot", "Zuivere"),
        ("api/views.py", "from taakstelling.models import Realisatie", "De API leest"),
    ],
)
def test_an_import_against_the_layers_fails(tmp_path, bestand, regel, contract):
    map = _kopie(tmp_path)
    pad = map / bestand
    pad.write_text(pad.read_text() + f"\n\ndef _proef():\n    {regel}\n")
    uitslag = _lint(map)
    assert uitslag.returncode != 0
    assert "1 broken" in uitslag.stdout
    tekst = re.sub(r"\x1b\[[0-9;]*m", "", uitslag.stdout)  # lint-imports always colours
    gebroken = [r for r in tekst.splitlines() if r.rstrip().endswith("BROKEN")]
    assert len(gebroken) == 1 and contract in gebroken[0], uitslag.stdout
