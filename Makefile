# palmares: `make demo` builds palmares.db from data/ and serves it; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8001
CHROMIUM ?= $(or $(PALMARES_CHROMIUM),/usr/bin/chromium)

.PHONY: demo install test lint format bench screenshots clean chromium

# pip's and setuptools' chatter goes to a log; a failed install prints it
$(BIN)/palmares: pyproject.toml
	@echo "installing palmares and its dependencies into $(VENV) (log: $(VENV)/install.log)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --upgrade pip > $(VENV)/install.log 2>&1 \
		&& $(BIN)/pip install -e '.[test]' >> $(VENV)/install.log 2>&1 \
		|| { cat $(VENV)/install.log; echo "install failed: see $(VENV)/install.log"; exit 1; }
	@touch $(BIN)/palmares

install: $(BIN)/palmares

demo: install
	@$(BIN)/palmares build palmares.db
	@echo "serving palmares.db on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	@$(BIN)/palmares serve palmares.db --port $(PORT)

# The browser tests drive Debian's Chromium: installed here the way .ci/run does
# when it is missing, or one line says what to install.
chromium:
	@test -x $(CHROMIUM) || PALMARES_CHROMIUM=$(CHROMIUM) sh .ci/install-chromium

test: install chromium
	PALMARES_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	@$(BIN)/pip install -e '.[test,bench]' >> $(VENV)/install.log 2>&1
	$(BIN)/python bench/run.py

# the README's pictures, from the browser tests
screenshots: install chromium
	PALMARES_CHROMIUM=$(CHROMIUM) PALMARES_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/test_browser.py

clean:
	rm -rf $(VENV) palmares.db palmares.db-wal palmares.db-shm build *.egg-info
