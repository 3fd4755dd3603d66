#!/usr/bin/env bash
# Restore a dump made by bin/backup.sh into an EMPTY PostgreSQL database.
#   bin/restore.sh bestand.dump postgres://monitor:...@db:5432/monitor_hersteld
#   bin/restore.sh bestand.dump            # into DATABASE_URL
# It refuses a database that already has tables: create a new one (createdb), restore,
# check it (bin/bewijs-restore.sh shows how), then point DATABASE_URL at it.
set -euo pipefail
bestand="${1:?gebruik: bin/restore.sh bestand.dump [database-url]}"
doel="${2:-${DATABASE_URL:-}}"
[ -n "$doel" ] || { echo "restore.sh: geef een database-url of zet DATABASE_URL" >&2; exit 1; }
[ -r "$bestand" ] || { echo "restore.sh: $bestand is niet leesbaar" >&2; exit 1; }

tabellen="$(psql --dbname="$doel" -tAc \
  "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")"
if [ "$tabellen" != "0" ]; then
  echo "restore.sh: de doeldatabase heeft al $tabellen tabellen; herstel in een lege database" >&2
  exit 1
fi
# One transaction: a failed restore leaves the database empty, not half-filled.
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$doel" "$bestand"
echo "restore: $bestand hersteld ($(psql --dbname="$doel" -tAc \
  "select count(*) from pg_tables where schemaname = 'public'") tabellen)"
