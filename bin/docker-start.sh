#!/bin/sh
# Container entry point: `web` checks the deployment and migrates before serving;
# `worker` and `beat` start Celery. Every setting comes from the environment.
set -eu
case "${1:-web}" in
  web)
    python manage.py check --deploy --fail-level WARNING
    python manage.py migrate --no-input
    exec gunicorn config.wsgi:application --bind 0.0.0.0:8000 \
      --workers "${GUNICORN_WORKERS:-3}" --threads "${GUNICORN_THREADS:-2}" \
      --timeout 30 --access-logfile - --forwarded-allow-ips "*"
    ;;
  worker)
    exec celery -A config worker --loglevel INFO --concurrency "${CELERY_CONCURRENCY:-2}"
    ;;
  beat)
    exec celery -A config beat --loglevel INFO --schedule /tmp/celerybeat-schedule
    ;;
  *)
    exec "$@"
    ;;
esac
