# guize — make targets. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
STORE ?= data/build/store
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup build run serve test test-unit lint bench validate reason clean

help: ## list targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## create .venv from the pinned versions (idempotent)

build: setup ## ingest data/raw into the store (data/build/store)
	$(BIN)/guize build --source data/raw --store $(STORE)

run: build ## set up, build and serve on $(HOST):$(PORT)
	$(BIN)/guize serve --store $(STORE) --host $(HOST) --port $(PORT)

serve: setup ## serve an existing store
	$(BIN)/guize serve --store $(STORE) --host $(HOST) --port $(PORT)

test: setup ## run every test (unit, integration, browser)
	$(BIN)/python -m pytest

lint: setup ## ruff check and format check
	$(BIN)/ruff check service tests bench
	$(BIN)/ruff format --check service tests bench

bench: setup ## benchmarks; numbers appended to bench/RESULTS.md
	$(BIN)/python bench/run.py

clean: ## remove generated data
	rm -rf data/build
