# The hub's commands. Each one sets up .venv (pinned packages) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN := PYTHONPATH=plugins $(BIN)/python -m hub_build
INPUTDIR ?= content
OUTPUTDIR ?= output
PORT ?= 8000
BENCH_ARGS ?= --sizes 1000,10000 --repeat 3
SEARCH_BENCH_ARGS ?= --documents 5000

CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve html publish check test lint format golden clean browser bench

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

## serve: build the demo site (drafts shown) and serve it at http://localhost:8000
serve: html
	$(RUN) serve -o $(OUTPUTDIR) --port $(PORT)

## html: build INPUTDIR into OUTPUTDIR for local preview (drafts shown)
html: $(BIN)/.installed
	$(RUN) build -s pelicanconf.py -i $(INPUTDIR) -o $(OUTPUTDIR)

## publish: build INPUTDIR into OUTPUTDIR for the public site (drafts left out)
publish: $(BIN)/.installed
	$(RUN) build -s publishconf.py -i $(INPUTDIR) -o $(OUTPUTDIR)

## check: validate INPUTDIR only, printing every problem as path:line: message
check: $(BIN)/.installed
	$(RUN) check -i $(INPUTDIR)

## test: lint and run every test (browser tests use Debian's Chromium, installed here when missing)
test: $(BIN)/.installed lint browser
	$(BIN)/python -m pytest

## browser: install Debian's Chromium for the browser tests if it is not there yet
browser:
	@[ -x $(CHROMIUM) ] || { command -v apt-get >/dev/null && $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq chromium; } || \
	  echo "note: Chromium could not be installed; browser tests will be skipped (they fail under CI=true)"

lint: $(BIN)/.installed
	$(BIN)/ruff check plugins tests pelicanconf.py publishconf.py
	$(BIN)/ruff format --check plugins tests pelicanconf.py publishconf.py

format: $(BIN)/.installed
	$(BIN)/ruff format plugins tests pelicanconf.py publishconf.py
	$(BIN)/ruff check --fix plugins tests pelicanconf.py publishconf.py

## golden: rebuild the demo and store it as the expected output of the golden test
golden: $(BIN)/.installed
	$(BIN)/python -m tests.golden refresh

## bench: time the hub against vanilla Pelican (and Hugo if on PATH) on generated content, into bench.json;
## then the search index's size and what one search transfers, into bench-search.json
bench: $(BIN)/.installed
	@[ -x /usr/bin/time ] || { command -v apt-get >/dev/null && $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq time; } || \
	  echo "note: /usr/bin/time could not be installed; peak memory will come from getrusage"
	$(BIN)/python -m tests.bench.run $(BENCH_ARGS)
	PYTHONPATH=plugins $(BIN)/python -m tests.bench.search $(SEARCH_BENCH_ARGS)

clean:
	rm -rf $(OUTPUTDIR) .output-* .pytest_cache .ruff_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
