# veilleur — two commands do everything on a fresh machine:
#   make run    install, then ingest the bundled example articles into ./veilleur.db and print a summary
#   make test   install (Python packages and the Debian packages the tests need), then run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint system-deps clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/veilleur ingest examples/ --db veilleur.db

system-deps:
	bash scripts/install-system-deps.sh

test: install system-deps
	$(BIN)/ruff check src tests
	$(BIN)/pytest -n 2 --dist loadfile -q

lint: install
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) veilleur.db .pytest_cache
