#!/usr/bin/env bash
# Fresh benchmark database with the synthetic country: drops and recreates ONLY the database
# named in BENCH_DATABASE_URL (default vh_bench on 127.0.0.1), migrates, and runs
#   manage.py genereer_landelijk --gemeenten 342 --jaren 10 --seed 1
# Then prints the rows per table. Usage: bench/database.sh [extra genereer_landelijk options]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/omgeving.sh

naam="${BENCH_DATABASE_URL##*/}"
server="${BENCH_DATABASE_URL%/*}"
case "$naam" in
  vh_bench*) ;;
  *) echo "BENCH_DATABASE_URL moet naar een database vh_bench... wijzen, niet '$naam'" >&2; exit 2 ;;
esac
echo "== database $naam opnieuw aanmaken"
psql "$server/postgres" -qX -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS $naam WITH (FORCE)" -c "CREATE DATABASE $naam"
DATABASE_URL="$BENCH_DATABASE_URL" "$PY" manage.py migrate --no-input -v0

echo "== genereer_landelijk --gemeenten 342 --jaren 10 --seed 1 $*"
begin=$(date +%s.%N)
DATABASE_URL="$BENCH_DATABASE_URL" "$PY" manage.py genereer_landelijk \
  --gemeenten 342 --jaren 10 --seed 1 "$@"
echo "totaal $(echo "$(date +%s.%N) - $begin" | bc) s (inclusief opstarten)"

echo "== rijen per tabel (exact)"
DATABASE_URL="$BENCH_DATABASE_URL" "$PY" manage.py shell -v0 -c "
from django.db import connection
with connection.cursor() as c:
    namen = connection.introspection.table_names(c)
    telling = []
    for t in namen:
        c.execute(f'SELECT count(*) FROM {connection.ops.quote_name(t)}')
        telling.append((c.fetchone()[0], t))
for n, t in sorted(telling, reverse=True):
    if n:
        print(f'  {t:<45} {n:>9}')
c = connection.cursor(); c.execute('SELECT pg_size_pretty(pg_database_size(current_database()))')
print('  grootte', c.fetchone()[0])
"
