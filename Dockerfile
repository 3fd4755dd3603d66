# syntax=docker/dockerfile:1
# Build stage: dependencies from the lock file only, then the static files.
FROM python:3.11-slim-bookworm AS build
ENV UV_PROJECT_ENVIRONMENT=/opt/venv UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN SECRET_KEY=alleen-voor-collectstatic DJANGO_SETTINGS_MODULE=config.settings.production \
    /opt/venv/bin/python manage.py collectstatic --no-input

# Run stage: no build tools, a non-root user.
FROM python:3.11-slim-bookworm
RUN useradd --system --uid 10001 --home-dir /app app
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=app:app /app /app
WORKDIR /app
USER app
ENV PATH=/opt/venv/bin:$PATH DJANGO_SETTINGS_MODULE=config.settings.production \
    PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
EXPOSE 8000
ENTRYPOINT ["/app/bin/docker-start.sh"]
CMD ["web"]
