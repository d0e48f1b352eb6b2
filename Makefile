# Quick start: `make serve` (set-up, build, serve with live reload) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# named by the lock file's content, so a rebase that only touches its date does not reinstall
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json 2>/dev/null | cksum | cut -d" " -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build check test bench lighthouse geodata clean

# Re-install whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Node tools for the quality gates (axe-core, Nu Html Checker) and bench/lighthouse.py, exactly
# as locked. Without npm this step is skipped: the gates that need these tools then skip
# locally (and fail in CI).
$(NODE_STAMP):
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else \
	  echo "npm fehlt: Browser- und HTML-Prüfungen werden übersprungen (apt-get install -y npm)"; \
	fi

setup: $(STAMP) $(NODE_STAMP)

serve: $(STAMP)
	$(BIN)/python -m kekiz settings
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

# Build into a scratch folder and swap it in, so a failed build never leaves a half site/.
build: $(STAMP)
	$(BIN)/python -m kekiz settings
	rm -rf .site-new
	$(BIN)/mkdocs build --strict --site-dir .site-new
	rm -rf site && mv .site-new site

check: $(STAMP)
	$(BIN)/python -m kekiz check

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/build_bench.py
	$(BIN)/python bench/serve_latency.py

lighthouse: setup
	$(BIN)/python bench/lighthouse.py

geodata: setup
	$(BIN)/python -m pip install --quiet -e ".[geodata]"
	$(BIN)/python scripts/build_geodata.py

clean:
	rm -rf site .site-new .pytest_cache test-results
