"""The rules must import no Django (docs/ARCHITECTURE.md): checked in a fresh interpreter."""

import subprocess
import sys

ZUIVER = [
    "kern.perioden",
    "kern.regels",
    "kern.aanbod",
    "kern.opmaak",
    "kern.export",
    "prognose.rekenen.gegevens",
    "prognose.rekenen.batch",
    "prognose.rekenen.scenario",
    "prognose.rekenen.signalen",
    "prognose.rekenen.engine",
]


def test_pure_rule_modules_import_no_django():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in ZUIVER)
        + "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        + "print(','.join(bad))\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip() == ""
