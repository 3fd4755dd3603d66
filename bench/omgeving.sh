# shellcheck shell=bash
# Shared settings of the bench scripts (sourced). Override any of them in the environment.
# Benchmarks run on their own PostgreSQL database and never on another one.
: "${BENCH_DATABASE_URL:=postgres://postgres@127.0.0.1:5432/vh_bench}"
# The PDF benchmark runs on the demo, in a database of its own.
: "${BENCH_PDF_DATABASE_URL:=postgres://postgres@127.0.0.1:5432/vh_bench_pdf}"
# Redis database for the month save and the dashboards (a queue of its own, emptied after).
: "${BENCH_REDIS_URL:=redis://127.0.0.1:6379/12}"
: "${PY:=.venv/bin/python}"
export BENCH_DATABASE_URL BENCH_PDF_DATABASE_URL BENCH_REDIS_URL PY
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.development}"
