# The two commands a new machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint install bench golden

$(BIN)/bishshow: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/bishshow

## Crawl the bundled fixture site over loopback into data/archive.db, then show what was archived.
demo: install
	$(BIN)/python scripts/demo.py

## Lint, type-check and run the whole test suite (installs Chromium for the browser test).
test: install lint
	bash scripts/system-deps.sh
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy bishshow_spider fixtures scripts

## Show how the golden files would change; `make golden UPDATE=1` writes them.
golden: install
	$(BIN)/python -m tests.golden $(if $(UPDATE),--update,)

## Benchmarks (not tests): crawl vs a bare Scrapy ceiling, extraction, storage, scale, memory.
## Prints ratios and writes bench/RESULTS.md (~30 min); `make bench QUICK=1` is a ~2-minute smoke run.
bench: install
	$(BIN)/python -m bench.run $(if $(QUICK),--quick,)
