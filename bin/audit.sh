#!/usr/bin/env bash
# pip-audit over exactly the locked dependencies (uv.lock, runtime and dev), against the
# PyPI vulnerability data. Exit codes:
#   0  audited, no known vulnerability
#   1  a known vulnerability: bump the pin in pyproject.toml, `uv lock`, `make install`
#   0  with "NIET GECONTROLEERD" when the vulnerability service cannot be reached (no
#      network, or a registry mirror without PyPI's JSON API); AUDIT_VERPLICHT=true makes
#      that a failure (exit 2) for a CI that does have the network.
set -euo pipefail
cd "$(dirname "$0")/.."
UV="${UV:-.tools/bin/uv}"
VENV_BIN="${VENV_BIN:-.venv/bin}"
[ -x "$VENV_BIN/pip-audit" ] || { echo "audit.sh: $VENV_BIN/pip-audit ontbreekt (make install)" >&2; exit 1; }
werk="$(mktemp -d)"
trap 'rm -rf "$werk"' EXIT

"$UV" export --frozen --format requirements-txt --no-hashes --all-groups --no-emit-project \
  --quiet >"$werk/requirements.txt"
set +e
"$VENV_BIN/pip-audit" --requirement "$werk/requirements.txt" --disable-pip --no-deps \
  --progress-spinner off --format json --output "$werk/audit.json" 2>"$werk/fout.txt"
status=$?
set -e
if [ ! -s "$werk/audit.json" ]; then
  echo "pip-audit: NIET GECONTROLEERD, geen uitvoer (exit $status):" >&2
  tail -5 "$werk/fout.txt" >&2
  [ "${AUDIT_VERPLICHT:-false}" = true ] && exit 2
  exit 0
fi
"$VENV_BIN/python" - "$werk/audit.json" <<'PY'
import json
import os
import sys

data = json.load(open(sys.argv[1]))
pakketten = data["dependencies"]
lek = [p for p in pakketten if p.get("vulns")]
overgeslagen = [p for p in pakketten if p.get("skip_reason")]
gecontroleerd = len(pakketten) - len(overgeslagen)
for p in lek:
    for v in p["vulns"]:
        herstel = ", ".join(v.get("fix_versions") or []) or "nog geen"
        print(f"KWETSBAAR {p['name']} {p['version']}: {v['id']} (opgelost in {herstel})")
print(f"pip-audit: {gecontroleerd} van {len(pakketten)} pakketten gecontroleerd, "
      f"{len(lek)} met een bekende kwetsbaarheid")
if lek:
    sys.exit(1)
if overgeslagen:
    print(
        f"pip-audit: NIET GECONTROLEERD: {len(overgeslagen)} pakketten zonder gegevens van de "
        f"kwetsbaarhedendienst (bijvoorbeeld {overgeslagen[0]['name']}: "
        f"{overgeslagen[0]['skip_reason']}). Zonder netwerk naar pypi.org is dat te verwachten."
    )
    if os.environ.get("AUDIT_VERPLICHT", "false") == "true":
        sys.exit(2)
PY
