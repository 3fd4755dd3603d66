#!/usr/bin/env bash
# Validate the deployment files as far as possible without a Docker engine: the shell
# scripts with ShellCheck and the Dockerfile with hadolint (both from the dev dependencies
# in .venv); `docker compose config` on docker-compose.yml with a .env made from
# .env.example (Debian's docker-compose 1.29 when Compose v2 is not there, installed with
# apt-get when missing and we are root); and the image's build steps, simulated.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV_BIN="${VENV_BIN:-.venv/bin}"

echo "== shellcheck"
"$VENV_BIN/shellcheck" --severity=warning bin/*.sh .ci/run

echo "== hadolint Dockerfile"
"$VENV_BIN/hadolint" Dockerfile

echo "== docker compose config"
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  if ! command -v docker-compose >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "docker-compose installeren (apt-get install docker-compose)"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
    else
      echo "docker-compose ontbreekt: installeer het (apt-get install docker-compose)" >&2
      exit 1
    fi
  fi
  compose=(docker-compose)
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp docker-compose.yml Dockerfile .dockerignore "$tmp/"
cp .env.example "$tmp/.env"
(cd "$tmp" && "${compose[@]}" -f docker-compose.yml config -q)
echo "docker-compose.yml: geldig met .env uit .env.example"
# Without the database password compose must refuse to start, not run with a default.
grep -v '^POSTGRES_PASSWORD=' .env.example >"$tmp/.env"
if (cd "$tmp" && "${compose[@]}" -f docker-compose.yml config -q) 2>"$tmp/fout"; then
  echo "docker-compose.yml accepteert een ontbrekend POSTGRES_PASSWORD" >&2
  exit 1
fi
grep -q "POSTGRES_PASSWORD" "$tmp/fout"
echo "docker-compose.yml: weigert zonder POSTGRES_PASSWORD"

echo "== bouwstappen van het image, zonder Docker nagebootst"
# The runtime image has no dev dependencies: prove that collectstatic and check --deploy
# work with exactly `uv sync --frozen --no-dev`, as the Dockerfile runs them.
UV="${UV:-.tools/bin/uv}"
UV_PROJECT_ENVIRONMENT="$tmp/venv" "$UV" sync --frozen --no-dev --no-install-project --quiet
SECRET_KEY=alleen-voor-collectstatic SECURITY_CONTACT=mailto:collectstatic@example.invalid \
  HUISHOUDEN_SLEUTEL=alleen-voor-collectstatic-niet-voor-huishoudens \
  DJANGO_SETTINGS_MODULE=config.settings.production STATIC_ROOT="$tmp/static" \
  "$tmp/venv/bin/python" manage.py collectstatic --no-input -v0
# The PDF of the meeting pack: WeasyPrint must find Pango with the runtime dependencies only.
"$tmp/venv/bin/python" -c "import weasyprint; weasyprint.HTML(string='<p>x</p>').write_pdf()"
env -i PATH="$tmp/venv/bin:/usr/bin:/bin" DJANGO_SETTINGS_MODULE=config.settings.production \
  SECRET_KEY="$("$tmp/venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(64))')" \
  ALLOWED_HOSTS=monitor.example.nl SECURITY_CONTACT=mailto:beveiliging@example.nl \
  HUISHOUDEN_SLEUTEL="$("$tmp/venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(48))')" \
  "$tmp/venv/bin/python" manage.py check --deploy --fail-level WARNING
echo "deployment-bestanden in orde"
