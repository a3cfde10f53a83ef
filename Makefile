# The two commands a newcomer runs: `make build` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test system-deps lint clean

build: $(STAMP)
	$(BIN)/briefgen build

test: $(STAMP)
	$(BIN)/ruff check briefgen tests
	$(BIN)/mypy
	$(BIN)/pytest

system-deps:
	bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf output $(VENV)
