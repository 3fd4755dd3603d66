#!/usr/bin/env bash
# Proof that a backup restores to the same figures: scratch database, migrate, demo, the
# stand of every demo gemeente as JSON plus the row count of every table; bin/backup.sh;
# bin/restore.sh into a second scratch database; the same figures again; compare byte for
# byte; drop both scratch databases. Exit 0 only when everything is identical.
#   bin/bewijs-restore.sh                  # PostgreSQL at PG_SERVER (postgres@127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
SERVER="${PG_SERVER:-postgres://postgres@127.0.0.1:5432}"
PEILDATUM="${PEILDATUM:-2023-05-01}"
naam="vh_bewijs_$(date -u +%H%M%S)_$$"
bron="${SERVER}/${naam}_bron"
doel="${SERVER}/${naam}_doel"
werk="$(mktemp -d)"

opruimen() {
  dropdb --if-exists --force --maintenance-db="$SERVER/postgres" "${naam}_bron" || true
  dropdb --if-exists --force --maintenance-db="$SERVER/postgres" "${naam}_doel" || true
  rm -rf "$werk"
}
trap opruimen EXIT

export DJANGO_SETTINGS_MODULE=config.settings.development REDIS_URL="" DEBUG=false

cijfers() {  # $1: database url, $2: output file
  DATABASE_URL="$1" "$PYTHON" manage.py shell -c "
import io
from django.apps import apps
from django.core.management import call_command
from organisaties.models import Gemeente
for cbs in Gemeente.objects.order_by('cbs_code').values_list('cbs_code', flat=True):
    uit = io.StringIO()
    call_command('stand', cbs, '--peildatum', '$PEILDATUM', '--format', 'json', stdout=uit)
    print(cbs, uit.getvalue())
for model in sorted(apps.get_models(), key=lambda m: m._meta.db_table):
    if model._meta.managed and not model._meta.proxy:
        print('tabel', model._meta.db_table, model._default_manager.count())
" >"$2"
}

createdb --maintenance-db="$SERVER/postgres" "${naam}_bron"
DATABASE_URL="$bron" "$PYTHON" manage.py migrate --no-input -v0
DATABASE_URL="$bron" "$PYTHON" manage.py load_demo --wachtwoord bewijs-restore-2023 >/dev/null
cijfers "$bron" "$werk/voor.txt"

DATABASE_URL="$bron" bin/backup.sh "$werk/monitor.dump"
createdb --maintenance-db="$SERVER/postgres" "${naam}_doel"
bin/restore.sh "$werk/monitor.dump" "$doel"
cijfers "$doel" "$werk/na.txt"

gemeenten="$(grep -c '^GM' "$werk/voor.txt" || true)"
[ "$gemeenten" -gt 0 ] || { echo "bewijs: geen gemeenten in de demo" >&2; exit 1; }
if cmp -s "$werk/voor.txt" "$werk/na.txt"; then
  tabellen="$(grep -c '^tabel ' "$werk/voor.txt")"
  echo "bewijs: na herstel dezelfde stand voor $gemeenten gemeenten en dezelfde aantallen rijen in $tabellen tabellen (byte voor byte)"
else
  diff "$werk/voor.txt" "$werk/na.txt" | head -40 >&2
  echo "bewijs: de cijfers na herstel wijken af" >&2
  exit 1
fi
