# Quick start: `make serve` (set-up, build, serve with live reload) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build check test bench geodata clean

# Re-install whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

serve: setup
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

# Build into a scratch folder and swap it in, so a failed build never leaves a half site/.
build: setup
	rm -rf .site-new
	$(BIN)/mkdocs build --strict --site-dir .site-new
	rm -rf site && mv .site-new site

check: setup
	$(BIN)/python -m kekiz check

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/build_bench.py

geodata: setup
	$(BIN)/python -m pip install --quiet -e ".[geodata]"
	$(BIN)/python scripts/build_geodata.py

clean:
	rm -rf site .site-new .pytest_cache test-results
