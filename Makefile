# palmares: `make demo` builds palmares.db from data/ and serves it; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8001

.PHONY: demo install test lint format bench clean browser

$(BIN)/palmares: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/palmares

install: $(BIN)/palmares

demo: install
	$(BIN)/palmares build palmares.db
	$(BIN)/palmares serve palmares.db --port $(PORT)

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) palmares.db palmares.db-wal palmares.db-shm build *.egg-info
