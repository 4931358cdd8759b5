# One command per task; the README and .ci/run call these targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-scale setup chromium

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Country and region boundaries for the maps: built once from a pinned PyPI wheel (loaders/geo/boundaries.py).
setup: $(STAMP)
	$(BIN)/python -m loaders.geo.boundaries

# Browser tests and chart export use Debian's Chromium; nothing downloads a browser of its own.
chromium:
	@(command -v chromium && command -v pdftotext) >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core poppler-utils)

# Without root for apt the dashboard still starts; its export buttons then say what is missing.
run: setup
	@$(MAKE) --no-print-directory chromium || echo "Chromium could not be installed: chart exports and the briefing pack will say so on the page."
	$(BIN)/python -m loaders ingest seeds --data data || echo "Reading seeds/ failed (above); the dashboard starts on what data/ already holds."
	$(BIN)/streamlit run dashboard.py --server.headless true --server.address 127.0.0.1 --browser.gatherUsageStats false

test: setup chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: setup
	$(BIN)/python benchmarks/bench_loaders.py
	$(BIN)/python benchmarks/bench_dashboard.py

# A year of generated wire news (100,000 pages) through ingest, store and dashboard; prints per-slice figures.
bench-scale: setup
	$(BIN)/python benchmarks/bench_scale.py
