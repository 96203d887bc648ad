# Event Atlas: the same install as `make run`, served by gunicorn on port 8000.
# Stage 1 fetches Leaflet and its plugins from npm and copies what the app serves into web/static/vendor.
FROM python:3.11-slim-bookworm AS assets
WORKDIR /src
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs=18.* npm=9.* \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/assets.py scripts/assets.py
COPY web/assets.py web/assets.py
COPY web/static web/static
RUN python scripts/assets.py

# Stage 2: the application, installed as `pip install .`, with the sample reports loaded.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    EVENTATLAS_DATABASE=/data/eventatlas.db
WORKDIR /app
COPY pyproject.toml README.md ./
COPY timeline timeline
COPY geodata geodata
COPY web web
COPY --from=assets /src/web/static/vendor web/static/vendor
COPY examples examples
RUN pip install --no-cache-dir . \
    && useradd --create-home --uid 10001 atlas \
    && mkdir -p /data && chown atlas /data
USER 10001
VOLUME ["/data"]
EXPOSE 8000
# Load the sample reports on first start (ingest is idempotent), then serve.
CMD ["sh", "-c", "eventatlas ingest examples/ && exec gunicorn --bind 0.0.0.0:8000 --workers 2 'web.app:create_app()'"]
