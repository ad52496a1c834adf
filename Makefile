# Ketenmonitor — run `make` for the list of targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geinstalleerd
DB := data/processed/ketenmonitor.duckdb
RAW := $(wildcard data/raw/*)
AXE := .cache/npm/node_modules/axe-core/axe.min.js
AXE_VERSIE := 4.14.1

.PHONY: help setup etl validate run serve bench test lint format clean

help: ## Toon deze lijst
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

setup: $(STAMP) ## Maak .venv en installeer de afhankelijkheden

$(DB): $(STAMP) $(RAW)
	$(PY) -m etl build

etl: $(STAMP) ## Valideer data/raw en bouw data/processed/ketenmonitor.duckdb
	$(PY) -m etl build

validate: $(STAMP) ## Valideer data/raw zonder iets te schrijven
	$(PY) -m etl validate

run: $(DB) ## Installeer, bouw de database (indien nodig) en start het dashboard op 127.0.0.1:8050
	$(PY) -m dashboard

serve: $(DB) ## Productie: gunicorn (HOST, PORT, WORKERS instelbaar; standaard 127.0.0.1:8050, 2 workers)
	$(VENV)/bin/gunicorn -c dashboard/gunicorn.conf.py dashboard.app:server

bench: $(DB) ## Meet snelheid en belasting; schrijft bench/results.json
	$(PY) -m bench

$(AXE):
	@if command -v npm >/dev/null; then \
		npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@$(AXE_VERSIE); \
	else echo "npm ontbreekt: axe-tests worden overgeslagen"; fi

test: $(STAMP) $(AXE) ## Lint, opmaakcontrole en alle tests (ook browsertests als chromedriver er is)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

lint: $(STAMP) ## ruff check
	$(VENV)/bin/ruff check .

format: $(STAMP) ## ruff format (herschrijft bestanden)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## Verwijder .venv, caches en de gebouwde database
	rm -rf $(VENV) .cache .pytest_cache .ruff_cache data/processed/*.duckdb
