# Two commands do everything: `make run` (demo on SQLite, Celery eager) and `make test`.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install run test lint check-migrations browser clean vendor audit deployment bench fouten

install: $(VENV)/.installed

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Re-syncs only when the lock or the project file changed; `uv sync --frozen` never re-resolves.
$(VENV)/.installed: pyproject.toml uv.lock $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo $(if $(WACHTWOORD),--wachtwoord $(WACHTWOORD),)
	$(PY) manage.py runserver 127.0.0.1:8000

# Chromium for the browser tests and the PDF's charts (kaleido) comes from Debian; Playwright
# cannot download browsers here. WeasyPrint (PDF) needs Pango, which chromium usually pulls in:
# installed explicitly so a clean machine has it either way.
browser:
	@test -x /usr/bin/chromium && ldconfig -p | grep -q libpangoft2-1.0 || { \
		echo "Chromium en Pango installeren (apt-get install chromium libpango-1.0-0 libpangoft2-1.0-0)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
			libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; }

# Two processes (pytest-xdist; CI has two cores), each with its own test database and demo.
# Tests that need one process share an xdist group (the browser: Chromium and the live server).
# PARALLEL= runs in one process. (Three processes were faster on a quiet machine, 8 min 15 s
# against 9 min 9 s, but much slower in CI beside pip-audit and the deployment check.)
# The broker tests need Redis: without REDIS_URL, `make test` uses database 15 on this machine
# (as .ci/run does).
PARALLEL ?= -n 2 --dist loadgroup
# The 25 slowest tests at the end of every run (CI has 10 minutes for everything).
DUUR ?= --durations=25
test: install browser
	REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/15}" $(PY) -m pytest $(PARALLEL) $(DUUR) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

# Fault tests alone (also part of `make test`): private PostgreSQL and Redis, about 2 minutes.
fouten: install
	$(PY) -m pytest -m fouten tests/ops/fouten $(PYTEST_ARGS)

# Benchmarks on national data in their own database vh_bench (bench/README.md), ~20 minutes.
bench: install
	bench/alles.sh

# Known vulnerabilities in the locked dependencies (pip-audit; needs the network to PyPI).
audit: install
	bin/audit.sh

# Deployment files without a Docker engine: ShellCheck, hadolint, docker compose config.
deployment: install
	bin/valideer-deployment.sh

clean:
	rm -rf $(VENV) .tools

# Front-end files come from npm packages pinned in package.json/package-lock.json and are
# committed under static/vendor/, so running the app never needs npm or the internet.
vendor:
	npm ci --no-audit --no-fund --ignore-scripts
	mkdir -p static/vendor/utrecht
	cp node_modules/@utrecht/component-library-css/dist/index.css static/vendor/utrecht/component-library.css
	cp node_modules/@utrecht/design-tokens/dist/index.css static/vendor/utrecht/design-tokens.css
	cp node_modules/@utrecht/component-library-css/LICENSE.md static/vendor/utrecht/LICENSE.md
	mkdir -p static/vendor/plotly
	cp node_modules/plotly.js-basic-dist-min/plotly-basic.min.js static/vendor/plotly/plotly-basic.min.js
	cp node_modules/plotly.js-basic-dist-min/LICENSE static/vendor/plotly/LICENSE
