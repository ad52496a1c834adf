# Ketenmonitor — run `make` for the list of targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geinstalleerd
DB := data/processed/ketenmonitor.duckdb
RAW := $(wildcard data/raw/*)
LOCK := requirements/runtime.lock
PROD_VENV := .venv-prod
PROD_PY := $(PROD_VENV)/bin/python
PROD_STAMP := $(PROD_VENV)/.geinstalleerd
AUDIT_BRON ?= pypi
DB_PY ?= $(PY)
DB_DEP ?= $(STAMP)
AXE := .cache/npm/node_modules/axe-core/axe.min.js
AXE_VERSIE := 4.14.1
TESTWERKERS ?= auto
# pytest-xdist: one process per core, whole files per worker (a file shares its fixtures)

.PHONY: help setup etl validate run serve lock audit bench test lint format clean

help: ## Toon deze lijst
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

setup: $(STAMP) ## Maak .venv en installeer de afhankelijkheden

$(PROD_STAMP): $(LOCK)
	$(PYTHON) -m venv $(PROD_VENV)
	$(PROD_PY) -m pip install --quiet --upgrade pip
	$(PROD_PY) -m pip install --quiet -r $(LOCK)
	@touch $(PROD_STAMP)

$(DB): $(DB_DEP) $(RAW)
	$(DB_PY) -m etl build

etl: $(STAMP) ## Valideer data/raw en bouw data/processed/ketenmonitor.duckdb
	$(PY) -m etl build

validate: $(STAMP) ## Valideer data/raw zonder iets te schrijven
	$(PY) -m etl validate

run: $(DB) ## Installeer, bouw de database (indien nodig) en start het dashboard op 127.0.0.1:8050
	$(PY) -m dashboard

serve: $(PROD_STAMP) ## Productie: gunicorn uit .venv-prod (alleen runtime, uit $(LOCK)); HOST, PORT, WORKERS
	@$(MAKE) --no-print-directory $(DB) DB_PY=$(PROD_PY) DB_DEP=$(PROD_STAMP)
	$(PROD_VENV)/bin/gunicorn -c dashboard/gunicorn.conf.py dashboard.app:server

lock: ## Maak $(LOCK) opnieuw: schone venv met alleen de runtime-afhankelijkheden, pip freeze
	rm -rf .cache/lock-venv
	$(PYTHON) -m venv .cache/lock-venv
	.cache/lock-venv/bin/python -m pip install --quiet --upgrade pip
	.cache/lock-venv/bin/python -m pip install --quiet .
	@mkdir -p $(dir $(LOCK))
	{ echo "# Runtime-afhankelijkheden van Ketenmonitor, vastgepind. Niet met de hand wijzigen:"; \
	  echo "# make lock (schone venv, pip install ., pip freeze). Python $$(.cache/lock-venv/bin/python -c 'import platform; print(platform.python_version())')."; \
	  .cache/lock-venv/bin/python -m pip freeze --exclude ketenmonitor; } > $(LOCK)
	rm -rf .cache/lock-venv build

audit: ## pip-audit tegen $(LOCK) (heeft internet nodig: PyPI en zijn advisory-database)
	@test -x .cache/audit-venv/bin/pip-audit || { $(PYTHON) -m venv .cache/audit-venv && \
		.cache/audit-venv/bin/python -m pip install --quiet pip-audit; }
	.cache/audit-venv/bin/pip-audit --requirement $(LOCK) --no-deps --disable-pip --strict \
		--vulnerability-service $(AUDIT_BRON) --progress-spinner off

bench: $(DB) ## Meet snelheid en belasting; tabel van doelen gehaald/gemist; schrijft bench/results.json
	$(PY) -m bench

$(AXE):
	@if command -v npm >/dev/null; then \
		npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@$(AXE_VERSIE); \
	else echo "npm ontbreekt: axe-tests worden overgeslagen"; fi

test: $(STAMP) $(AXE) ## Lint, opmaakcontrole en alle tests (ook browsertests als chromedriver er is)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n $(TESTWERKERS)

lint: $(STAMP) ## ruff check
	$(VENV)/bin/ruff check .

format: $(STAMP) ## ruff format (herschrijft bestanden)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## Verwijder .venv, caches en de gebouwde database
	rm -rf $(VENV) $(PROD_VENV) .cache .pytest_cache .ruff_cache data/processed/*.duckdb
