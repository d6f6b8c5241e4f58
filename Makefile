# guize — make targets. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
STORE ?= data/build/store
STAMP := $(VENV)/.installed
# IRIs are minted under the address the service runs at, so they dereference as they appear.
export GUIZE_BASE_IRI ?= http://$(HOST):$(PORT)/

.DEFAULT_GOAL := help
.PHONY: help setup system-deps build run serve test test-long lint bench bench-scale fuzz validate reason clean

help: ## list targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## create .venv from the pinned versions (idempotent)

system-deps: ## Debian packages the tests need: Java (HermiT reasoner), Chromium (browser tests), Virtuoso 7 (remote-store tests)
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver; }
	@command -v virtuoso-t >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource; }

build: setup ## ingest data/raw into the store (data/build/store)
	$(BIN)/guize build --source data/raw --store $(STORE)

run: build ## set up, build and serve on $(HOST):$(PORT)
	$(BIN)/guize serve --store $(STORE) --host $(HOST) --port $(PORT)

serve: setup ## serve an existing store
	$(BIN)/guize serve --store $(STORE) --host $(HOST) --port $(PORT)

test: setup system-deps ## run every test (unit, integration, browser) and the docstrings' examples, one test file per core at a time
	$(BIN)/python -m pytest --doctest-modules -m "not long" --durations=15 -n auto --dist loadfile

test-long: setup ## the long checks: SHACL on Oxigraph against rdflib on four more seeds and twelve generated documents
	$(BIN)/python -m pytest -m long

reason: setup ## the ontology is consistent under HermiT (owlready2 on the machine's Java)
	$(BIN)/python -m pytest -q tests/unit/ontology/test_ontology_reasoner.py

lint: setup ## ruff check and format check (CI runs it before the tests)
	$(BIN)/ruff check service tests bench ontology
	$(BIN)/ruff format --check service tests bench ontology

bench: setup ## benchmarks; numbers appended to bench/RESULTS.md
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py

fuzz: setup system-deps ## throw 10,000 generated hostile inputs at the service and the CLI (FUZZ_INPUTS, FUZZ_SEED)
	FUZZ_INPUTS=$${FUZZ_INPUTS:-10000} FUZZ_SEED=$${FUZZ_SEED:-$$(date +%s)} FUZZ_REPORT=$${FUZZ_REPORT:-/dev/stderr} \
		$(BIN)/python -m pytest -q -s -p no:cacheprovider tests/integration/test_fuzz.py

clean: ## remove generated data
	rm -rf data/build

bench-scale: setup ## generated corpora of SCALE_SIZES documents (100,300,1000,3000): build, store, compare, pages; appended to bench/RESULTS.md
	$(BIN)/python bench/scale.py
