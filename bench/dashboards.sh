#!/usr/bin/env bash
# Load benchmark of the gemeente dashboard and the IBT dashboard (bench/README.md):
# gunicorn with config.settings.production (two-factor required, secure cookies, whitenoise
# with collected static files) on the national benchmark database, wrk with signed-in
# sessions of provincie users, three runs per page; then the SQL queries per page.
#   bench/dashboards.sh                     # 3 x 20 s per page, 8 connections
#   BENCH_DUUR=30s BENCH_VERBINDINGEN=16 bench/dashboards.sh
# A page that does not exist yet is reported as "nog niet beschikbaar" and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/omgeving.sh
command -v wrk >/dev/null || { echo "wrk ontbreekt: apt-get install -y wrk" >&2; exit 2; }
: "${BENCH_DUUR:=20s}" "${BENCH_VERBINDINGEN:=8}" "${BENCH_RONDEN:=3}"
: "${GUNICORN_WORKERS:=3}" "${GUNICORN_THREADS:=2}"
werk=$(mktemp -d /tmp/vh-bench-XXXXXX)
poort=$("$PY" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")

export DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export SECRET_KEY
HUISHOUDEN_SLEUTEL="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')"
export HUISHOUDEN_SLEUTEL
export ALLOWED_HOSTS=bench.test SECURITY_CONTACT=mailto:beveiliging@example.nl
export DATABASE_URL="$BENCH_DATABASE_URL" REDIS_URL="$BENCH_REDIS_URL"
CELERY_QUEUE="bench-$(basename "$werk")"
export CELERY_QUEUE CONN_MAX_AGE=60 LOG_LEVEL=WARNING
export STATIC_ROOT="${BENCH_STATIC_ROOT:-$PWD/var/bench-static}"
export BENCH_HOST=bench.test

gunicorn_pid=""
opruimen() {
  [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null
  "$PY" - <<PY || true
import redis
r = redis.Redis.from_url("$BENCH_REDIS_URL")
r.delete("$CELERY_QUEUE", *r.scan_iter("*$CELERY_QUEUE*"))
PY
  rm -rf "$werk"
}
trap opruimen EXIT

# Collected once, and again when a static file (or the locked plotly) is newer.
manifest="$STATIC_ROOT/staticfiles.json"
if [ ! -f "$manifest" ] || [ -n "$(find static uv.lock -newer "$manifest" -type f -print -quit)" ]; then
  echo "== collectstatic naar $STATIC_ROOT"
  "$PY" manage.py collectstatic --no-input --clear -v0
fi

# Sessions: the province with the most gemeenten (IBT dashboard), and the province of the
# largest gemeente (its gemeente dashboard); 16 sessions each, rotated by wrk.
read -r provincie groot groot_provincie < <("$PY" manage.py shell -c "
from django.db.models import Count
from organisaties.models import Provincie
from demo.landelijk import synthetische_gemeenten
p = Provincie.objects.annotate(n=Count('gemeenten')).order_by('-n', 'slug').first()
g = synthetische_gemeenten().select_related('provincie').order_by('-inwoners').first()
print(p.slug, g.cbs_code, g.provincie.slug)" 2>/dev/null | tail -1)
sessies() {
  local rol=$1 org=$2 n=$3 uit=()
  for i in $(seq 1 "$n"); do
    uit+=("$("$PY" bench/sessie.py --gebruiker "bench-$rol-$org-$i" --rol "$rol" \
      --organisatie "$org" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["sessionid"])')")
  done
  (IFS=,; echo "${uit[*]}")
}
sessies_ibt=$(sessies provincie "$provincie" 16)
sessies_gem=$(sessies provincie "$groot_provincie" 16)

echo "== gunicorn: $GUNICORN_WORKERS workers x $GUNICORN_THREADS threads op 127.0.0.1:$poort"
"$PY" -m gunicorn config.wsgi:application --bind "127.0.0.1:$poort" \
  --workers "$GUNICORN_WORKERS" --threads "$GUNICORN_THREADS" --timeout 30 \
  --forwarded-allow-ips "*" --worker-tmp-dir /dev/shm >"$werk/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 1 60); do
  curl -fs -o /dev/null -H "Host: bench.test" "http://127.0.0.1:$poort/gezondheid/" && break
  sleep 0.5
done

mediaan() {
  "$PY" - "$1" <<'PY'
import json, statistics, sys
runs = [json.loads(r.split(": ", 1)[1]) for r in open(sys.argv[1]) if r.strip()]
m = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
print(f"  mediaan van {len(runs)}: p50 {m['p50_ms']:.0f} ms, p95 {m['p95_ms']:.0f} ms, "
      f"{m['rps']:.1f} verzoeken/s, fouten {sum(r['fouten'] + r['socketfouten'] for r in runs)}")
PY
}

mediaan_eerste() {
  "$PY" - "$1" <<'PY'
import json, statistics, sys
r = [json.loads(x.split(": ", 1)[1]) for x in open(sys.argv[1]) if x.strip()]
p50 = statistics.median(x["p50_ms"] for x in r)
p95 = statistics.median(x["p95_ms"] for x in r)
print(f"  mediaan van {len(r)}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, traagste "
      f"{max(x['max_ms'] for x in r):.0f} ms, fouten {sum(x['fouten'] for x in r)}")
PY
}

meet() {
  local naam=$1 pad=$2 sessie_lijst=$3 wijzig=$4
  local eerste="${sessie_lijst%%,*}"
  local status
  status=$(curl -s -o "$werk/pagina.html" -w '%{http_code}' -H "Host: bench.test" \
    -H "X-Forwarded-Proto: https" -H "Cookie: sessionid=$eerste" "http://127.0.0.1:$poort$pad")
  if [ "$status" = "404" ]; then echo "$naam ($pad): nog niet beschikbaar"; return; fi
  if [ "$status" != "200" ]; then
    echo "$naam ($pad): HTTP $status, niet gemeten" >&2; tail -20 "$werk/gunicorn.log" >&2; return
  fi
  echo "== $naam $pad ($(wc -c <"$werk/pagina.html") bytes)"
  BENCH_SESSIES="$sessie_lijst" wrk -t2 -c"$BENCH_VERBINDINGEN" -d5s --timeout 30s -s bench/wrk.lua \
    "http://127.0.0.1:$poort$pad" >/dev/null  # warm up
  for ronde in $(seq 1 "$BENCH_RONDEN"); do
    BENCH_SESSIES="$sessie_lijst" wrk -t2 -c"$BENCH_VERBINDINGEN" -d"$BENCH_DUUR" --timeout 30s \
      -s bench/wrk.lua "http://127.0.0.1:$poort$pad" | grep '^BENCH ' | sed "s/^BENCH /  ronde $ronde: /"
  done | tee "$werk/$naam.txt"
  echo "  cache warm ($(uptime | sed 's/.*load/load/')):"
  mediaan "$werk/$naam.txt"
  # The first request after a change while the warm load goes on: 30 changes half a second
  # apart, each followed at once by one timed request (bench/eerste.py); the load beside it.
  for ronde in $(seq 1 "$BENCH_RONDEN"); do
    BENCH_SESSIES="$sessie_lijst" wrk -t2 -c"$BENCH_VERBINDINGEN" -d17s --timeout 30s \
      -s bench/wrk.lua "http://127.0.0.1:$poort$pad" | grep '^BENCH ' \
      | sed "s/^BENCH /  belasting ernaast, ronde $ronde: /" &
    local lpid=$!
    sleep 1
    "$PY" bench/eerste.py --poort "$poort" --pad "$pad" --sessie "$eerste" $wijzig --keer 30 \
      2>/dev/null | grep '^BENCH ' | sed "s/^BENCH /  eerste na een wijziging, ronde $ronde: /"
    wait "$lpid" || true
  done | tee "$werk/$naam-eerste.txt"
  echo "  eerste verzoek na een wijziging onder warme belasting ($(uptime | sed 's/.*load/load/')):"
  grep 'eerste na' "$werk/$naam-eerste.txt" | sed 's/eerste na een wijziging, //' \
    > "$werk/$naam-eerste2.txt"
  mediaan_eerste "$werk/$naam-eerste2.txt"
  # The first request after a change: a new data version every ~2 ms (bench/wijzigen.py), so
  # (nearly) every request rebuilds the content. The changer runs on the same 2 cores.
  for ronde in $(seq 1 "$BENCH_RONDEN"); do
    "$PY" bench/wijzigen.py $wijzig --seconden "$(( ${BENCH_DUUR%s} + 1 ))" 2>/dev/null &
    local wpid=$!
    BENCH_SESSIES="$sessie_lijst" wrk -t2 -c"$BENCH_VERBINDINGEN" -d"$BENCH_DUUR" --timeout 30s \
      -s bench/wrk.lua "http://127.0.0.1:$poort$pad" | grep '^BENCH ' | sed "s/^BENCH /  na een wijziging, ronde $ronde: /"
    wait "$wpid" || true
  done | tee "$werk/$naam-koud.txt"
  echo "  na een wijziging ($(uptime | sed 's/.*load/load/')):"
  sed 's/na een wijziging, //' "$werk/$naam-koud.txt" > "$werk/$naam-koud2.txt"
  mediaan "$werk/$naam-koud2.txt"
  "$PY" bench/overdracht.py "http://127.0.0.1:$poort" "$pad" "${sessie_lijst%%,*}" bench.test
}

echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"
meet gemeentedashboard "/gemeenten/$groot/" "$sessies_gem" "--gemeente $groot"
meet ibt-dashboard "/provincies/$provincie/" "$sessies_ibt" "--provincie $provincie"
echo "na afloop: $(uptime | sed 's/.*load/load/')"

echo "== SQL per pagina (in-process, dezelfde instellingen)"
BENCH_SESSIE_GEM="${sessies_gem%%,*}" BENCH_SESSIE_IBT="${sessies_ibt%%,*}" \
  "$PY" bench/queries.py "/gemeenten/$groot/" "/provincies/$provincie/"
