# syntax=docker/dockerfile:1
# Monitor huisvesting vergunninghouders: one image for web (gunicorn), worker and beat.
#   docker build -t vh-monitor .     (docker-compose.yml does this for you)

# --- build: the locked dependencies, the source, the static files ---------------------------
FROM python:3.11-slim-bookworm AS build
ENV UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
# Dependencies first, so a code change does not reinstall them; exactly what uv.lock says.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# Static files are collected at build time with production settings (hashed names for
# whitenoise); the values below exist only for this step and are not in the image's env.
RUN SECRET_KEY=alleen-voor-collectstatic SECURITY_CONTACT=mailto:collectstatic@example.invalid \
    HUISHOUDEN_SLEUTEL=alleen-voor-collectstatic-niet-voor-huishoudens \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    /opt/venv/bin/python manage.py collectstatic --no-input -v0

# --- run: no build tools, no uv, a non-root user, files owned by root (read-only to it) ----
FROM python:3.11-slim-bookworm
# WeasyPrint (the meeting pack as PDF) needs Pango; kaleido draws its charts with Chromium
# (BROWSER_PATH). Not pinned: Debian's security updates for Chromium must reach the image.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium libpango-1.0-0 libpangoft2-1.0-0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    BROWSER_PATH=/usr/bin/chromium \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
USER 10001:10001
EXPOSE 8000
# For the web service; worker and beat get their own check in docker-compose.yml.
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s --retries=3 \
    CMD ["python", "/app/bin/healthcheck.py"]
ENTRYPOINT ["/app/bin/docker-start.sh"]
CMD ["web"]
