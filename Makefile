# The two commands a newcomer runs: `make build` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.package-lock.json

.PHONY: build test bench system-deps lint clean

build: $(STAMP)
	$(BIN)/briefgen build

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check briefgen tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadfile

# Not part of `test`: it takes minutes and its figures belong in docs/performance.md. EDITIONS is the number of
# localities the editions benchmark builds (6 documents each): `make bench EDITIONS=4` for a quick run.
EDITIONS ?= 42
bench: $(STAMP)
	$(BIN)/python bench/benchmark.py
	$(BIN)/python bench/editions.py --editions $(EDITIONS)
	$(BIN)/python bench/charts.py
	$(BIN)/python bench/lint.py

system-deps:
	bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# axe-core and playwright-core for the browser tests; the browser is the system Chromium, never downloaded.
$(NODE_STAMP): package.json package-lock.json $(STAMP)
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

clean:
	rm -rf output $(VENV) node_modules
