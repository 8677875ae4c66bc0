# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501

.PHONY: run test ingest bench lint clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

## run: install, ingest GELDSTROMEN_DATA_DIR (when set; unchanged files are skipped) or, without it,
##      fetch online on a first run (`geldstromen eerste-start`), and start the app
run: $(STAMP)
	@if [ -n "$$GELDSTROMEN_DATA_DIR" ]; then $(BIN)/geldstromen ingest; \
	 else $(BIN)/geldstromen eerste-start; fi
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

## test: ruff, import-linter and the whole pytest suite (SQLite + a throwaway PostgreSQL)
test: $(STAMP)
	bash scripts/test.sh

## ingest: only load data (see `geldstromen ingest --help`)
ingest: $(STAMP)
	$(BIN)/geldstromen ingest

## bench: performance figures into docs/performance.md
bench: $(STAMP)
	$(BIN)/geldstromen bench --met-nationaal --json var/bench.json

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports

clean:
	rm -rf $(VENV) var test-artifacts
