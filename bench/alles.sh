#!/usr/bin/env bash
# Every benchmark of bench/README.md in order, on a fresh national database (about 20 min):
#   make bench            (or bench/alles.sh; BENCH_DATABASE_BEHOUDEN=1 reuses vh_bench)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/omgeving.sh
echo "== $(date -Is) op $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB; $(uptime | sed 's/.*load/load/')"
psql "$BENCH_DATABASE_URL" -qAtX -c "select version()" 2>/dev/null || true
if [ -z "${BENCH_DATABASE_BEHOUDEN:-}" ]; then
  bench/database.sh
fi
export DATABASE_URL="$BENCH_DATABASE_URL"
echo "== prognose"; "$PY" bench/prognose.py
echo "== dashboards"; bench/dashboards.sh
echo "== maand opslaan"; "$PY" bench/maand.py
echo "== import"; "$PY" bench/invoer.py; "$PY" bench/bijwerken.py
echo "== pdf (op de demo, eigen database)"
createdb -h 127.0.0.1 -U postgres "${BENCH_PDF_DATABASE_URL##*/}" 2>/dev/null || true
DATABASE_URL="$BENCH_PDF_DATABASE_URL" "$PY" bench/pdf.py
echo "== klaar $(date -Is); $(uptime | sed 's/.*load/load/')"
