#!/usr/bin/env bash
# Proof that upgrading a database filled by OLD code to the NEW code loses no row and gives the
# same stand and prognose, on PostgreSQL:
#   1. a temporary worktree of OUDE_COMMIT and a fresh database vh_upgrade_proef;
#   2. old code: migrate, load_demo, genereer_landelijk --gemeenten 20, prognose --alle;
#   3. fingerprint (bin/upgrade_proef.py): row count and md5 of every table, and the JSON of
#      `stand` and `prognose` of every gemeente at PEILDATUM; taken twice, which must agree
#      (the commands are deterministic and write nothing);
#   4. new code (this checkout with its uncommitted changes, another directory, or a commit in
#      a second temporary worktree): migrate on the same database, the same fingerprint;
#   5. compare: exit 0 only when every table and every stand/prognose is the same.
#
#   bin/upgrade-proef.sh OUDE_COMMIT [NIEUWE_COMMIT_OF_WERKBOOM]
#
# Environment: PYTHON (default .venv/bin/python here or in the main checkout), PG_SERVER
# (postgres://postgres@127.0.0.1:5432), UPGRADE_PROEF_DB (vh_upgrade_proef), PEILDATUM
# (2023-05-01). The database is dropped after a successful run and kept after a failure.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "gebruik: $0 OUDE_COMMIT [NIEUWE_COMMIT_OF_WERKBOOM]" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
helper="$root/bin/upgrade_proef.py"
SERVER="${PG_SERVER:-postgres://postgres@127.0.0.1:5432}"
DB="${UPGRADE_PROEF_DB:-vh_upgrade_proef}"
PEILDATUM="${PEILDATUM:-2023-05-01}"

if [ -z "${PYTHON:-}" ]; then
  # A worktree has no .venv of its own: fall back to the main checkout's.
  hoofd="$(dirname "$(git -C "$root" rev-parse --path-format=absolute --git-common-dir)")"
  for kandidaat in "$root/.venv/bin/python" "$hoofd/.venv/bin/python"; do
    if [ -x "$kandidaat" ]; then PYTHON="$kandidaat"; break; fi
  done
fi
PYTHON="${PYTHON:-python3}"

commit_van() {  # $1: anything git understands as a commit; prints the full hash
  git -C "$root" rev-parse --verify --quiet "$1^{commit}" || {
    echo "upgrade-proef: $1 is geen commit in $root (ondiepe clone?)" >&2
    exit 2
  }
}
oud_commit="$(commit_van "$1")"

werk="$(mktemp -d)"
worktrees=()
opruimen() {
  for w in "${worktrees[@]}"; do
    git -C "$root" worktree remove --force "$w" >/dev/null 2>&1 || true
  done
  rm -rf "$werk"
  git -C "$root" worktree prune
}
trap opruimen EXIT

worktree() {  # $1: commit, $2: directory
  git -C "$root" worktree add --detach --quiet "$2" "$1"
  worktrees+=("$2")
}

begin=$SECONDS
worktree "$oud_commit" "$werk/oud"
nieuw_naam="werkboom $root"
if [ $# -lt 2 ]; then
  nieuw="$root"
elif [ -d "$2" ]; then
  nieuw="$(cd "$2" && pwd)"
  nieuw_naam="werkboom $nieuw"
else
  nieuw_commit="$(commit_van "$2")"
  worktree "$nieuw_commit" "$werk/nieuw"
  nieuw="$werk/nieuw"
  nieuw_naam="commit ${nieuw_commit:0:10}"
fi

export DATABASE_URL="$SERVER/$DB"
export SECRET_KEY="upgrade-proef-niet-geheim"
export DJANGO_SETTINGS_MODULE=config.settings.development
export DEBUG=false LOG_LEVEL=WARNING
unset REDIS_URL  # Celery runs the recompute tasks in-process

stap() {  # $1: description; the rest: command, run with its output in the log
  local t=$SECONDS
  printf '  %-58s' "$1"
  if "${@:2}" >>"$werk/log" 2>&1; then
    echo " $((SECONDS - t)) s"
  else
    echo " MISLUKT"
    tail -n 40 "$werk/log" >&2
    echo "upgrade-proef: '$1' mislukte; database $DB bewaard" >&2
    exit 1
  fi
}

manage() {  # $1: code tree; the rest: manage.py arguments
  (cd "$1" && "$PYTHON" manage.py "${@:2}")
}

vingerafdruk() {  # $1: code tree, $2: output file, the rest: extra options
  "$PYTHON" "$helper" vingerafdruk --code "$1" --db "$DATABASE_URL" --uit "$2" \
    --peildatum "$PEILDATUM" "${@:3}"
}

echo "Upgrade-proef: oud commit ${oud_commit:0:10} → nieuw $nieuw_naam, database $DB"
PGOPTIONS="-c client_min_messages=warning" \
  dropdb --if-exists --force --maintenance-db="$SERVER/postgres" "$DB"
createdb --maintenance-db="$SERVER/postgres" "$DB"

echo "oude code:"
stap "migrate" manage "$werk/oud" migrate --no-input
stap "load_demo --wachtwoord x" manage "$werk/oud" load_demo --wachtwoord x
stap "genereer_landelijk --gemeenten 20" manage "$werk/oud" genereer_landelijk --gemeenten 20
stap "prognose --alle" manage "$werk/oud" prognose --alle
stap "vingerafdruk (tabellen, stand en prognose per gemeente)" \
  vingerafdruk "$werk/oud" "$werk/oud-1.json"
stap "vingerafdruk nog eens (deterministisch?)" vingerafdruk "$werk/oud" "$werk/oud-2.json"
if ! "$PYTHON" "$helper" vergelijk --herhaling "$werk/oud-1.json" "$werk/oud-2.json" \
  >"$werk/herhaling.txt" 2>&1; then
  cat "$werk/herhaling.txt" >&2
  echo "upgrade-proef: de oude code geeft twee keer verschillende uitkomsten; database $DB bewaard" >&2
  exit 1
fi

echo "nieuwe code:"
stap "migrate" manage "$nieuw" migrate --no-input
stap "vingerafdruk" vingerafdruk "$nieuw" "$werk/nieuw.json" --kolommen-van "$werk/oud-2.json"

if "$PYTHON" "$helper" vergelijk "$werk/oud-2.json" "$werk/nieuw.json"; then
  dropdb --if-exists --force --maintenance-db="$SERVER/postgres" "$DB"
  echo "($((SECONDS - begin)) s)"
else
  echo "database $DB bewaard om te onderzoeken ($((SECONDS - begin)) s)" >&2
  exit 1
fi
