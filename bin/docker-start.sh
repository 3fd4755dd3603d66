#!/bin/sh
# Entry point of the image (and of tests/ops/deployment, which starts the same services locally).
#   web     check --deploy and migrate, then gunicorn
#   worker  Celery worker
#   beat    Celery beat (the schedule lives in code; the state file in /tmp)
# Every setting comes from the environment (.env.example lists them).
set -eu
PYTHON="${PYTHON:-python}"

case "${1:-web}" in
  web)
    "$PYTHON" manage.py check --deploy --fail-level WARNING
    "$PYTHON" manage.py migrate --no-input
    exec "$PYTHON" -m gunicorn config.wsgi:application \
      --bind "${GUNICORN_BIND:-0.0.0.0:8000}" \
      --workers "${GUNICORN_WORKERS:-3}" --threads "${GUNICORN_THREADS:-2}" \
      --timeout 30 --graceful-timeout 20 --worker-tmp-dir /dev/shm \
      --access-logfile - --forwarded-allow-ips "*"
    ;;
  worker)
    exec "$PYTHON" -m celery -A config worker --loglevel INFO \
      --concurrency "${CELERY_CONCURRENCY:-2}"
    ;;
  beat)
    exec "$PYTHON" -m celery -A config beat --loglevel INFO \
      --schedule "${BEAT_SCHEDULE_FILE:-/tmp/celerybeat-schedule}"
    ;;
  *)
    exec "$@"
    ;;
esac
