#!/usr/bin/env bash
# Back up the database of DATABASE_URL with pg_dump (custom format: compressed, restorable
# table by table with pg_restore).
#   DATABASE_URL=postgres://monitor:...@db:5432/monitor bin/backup.sh [bestand.dump]
set -euo pipefail
: "${DATABASE_URL:?zet DATABASE_URL (postgres://gebruiker:wachtwoord@host:5432/database)}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL is geen PostgreSQL-database" >&2; exit 1 ;;
esac
bestand="${1:-monitor-$(date -u +%Y%m%dT%H%M%SZ).dump}"

pg_dump --format=custom --no-owner --no-privileges --file="$bestand" --dbname="$DATABASE_URL"
# A dump that pg_restore cannot read is no backup: list its contents as a check.
objecten="$(pg_restore --list "$bestand" | grep -vc '^;')"
echo "backup: $bestand ($(du -h "$bestand" | cut -f1), $objecten objecten)"
