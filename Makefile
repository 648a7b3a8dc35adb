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
CATALOGUES := theme/translations
LANGS ?= $(patsubst $(CATALOGUES)/%/LC_MESSAGES/messages.po,%,$(wildcard $(CATALOGUES)/*/LC_MESSAGES/messages.po))

CHROMIUM ?= /usr/bin/chromium
LIBREOFFICE ?= /usr/bin/libreoffice
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve html publish check test test-unit test-site test-browser lint format golden clean browser bench budget \
	lighthouse screenshots translations

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

## check: validate the settings (pelicanconf.py) and INPUTDIR, printing every problem as path:line: message;
## warnings (an adopted entry without a source url) are printed too, and fail the check with STRICT=1
check: $(BIN)/.installed
	$(RUN) check -i $(INPUTDIR) $(if $(filter-out 0,$(STRICT)),--strict)

.PHONY: digest
## digest: write a newsletter digest of what was published from SINCE to UNTIL (YYYY-MM-DD; UNTIL is today
## if left out), on one ISSUE if given, in LANG if given: mail/<name>.html and mail/<name>.txt to paste or
## upload into a mail service (the hub sends nothing), and INPUTDIR/digests/<name>.yaml, which the site
## lists at /digests/ once committed; links are absolute, so HUB_SITEURL must be set (publishconf.py)
digest: $(BIN)/.installed
	@$(RUN) digest -s publishconf.py -i $(INPUTDIR) --since $(call quote,SINCE) --until $(call quote,UNTIL) \
	  --issue $(call quote,ISSUE) --lang $(call quote,LANG)

.PHONY: new devserver
# A variable given on the command line, quoted for the shell exactly as typed ($ and quotes included).
quote = '$(subst ','\'',$(value $(1)))'

## new: start a document with today's date and all its fields: make new TYPE=ordinance TITLE="Ban on ..."
## (TYPE is ordinance, story, brief, news, issue or page); or add a jurisdiction to its state's file:
## make new TYPE=jurisdiction STATE=nc NAME=Carrboro KIND=town [PARENT=orange-county-nc]; or give an
## existing place (built in or in a file) a parent: make new TYPE=jurisdiction SLUG=apex-nc PARENT=wake-county-nc
new: $(BIN)/.installed
	@$(RUN) new $(call quote,TYPE) -i $(INPUTDIR) --title $(call quote,TITLE) --state $(call quote,STATE) \
	  --name $(call quote,NAME) --kind $(call quote,KIND) --parent $(call quote,PARENT) --slug $(call quote,SLUG)

## devserver: build INPUTDIR (drafts shown), serve it at http://localhost:8000, rebuild on every save and
## reload the browser; while a build fails, the browser shows its errors
devserver: $(BIN)/.installed
	$(RUN) devserver -s pelicanconf.py -i $(INPUTDIR) -o $(OUTPUTDIR) --port $(PORT)

## test: lint and run every test (browser tests use Debian's Chromium, installed here when missing)
test: $(BIN)/.installed lint browser
	$(BIN)/python -m pytest

## test-unit, test-site, test-browser: run one layer of the tests: unit (in process, seconds), site (real
## builds through the command line) or browser (pages in Chromium); see README.md, "Tests"
test-unit: $(BIN)/.installed
	$(BIN)/python -m pytest -m unit

test-site: $(BIN)/.installed
	$(BIN)/python -m pytest -m site

test-browser: $(BIN)/.installed browser
	$(BIN)/python -m pytest -m browser

## browser: install Debian's Chromium for the browser tests, and LibreOffice Writer for the Word download's
## test, if they are not there yet
browser:
	@{ [ -x $(CHROMIUM) ] && [ -x $(LIBREOFFICE) ]; } || { command -v apt-get >/dev/null && \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium libreoffice-writer-nogui; } || \
	  echo "note: Chromium or LibreOffice could not be installed; their tests will be skipped (they fail under CI=true)"

lint: $(BIN)/.installed
	$(BIN)/ruff check plugins tests pelicanconf.py publishconf.py
	$(BIN)/ruff format --check plugins tests pelicanconf.py publishconf.py
	$(BIN)/mypy

format: $(BIN)/.installed
	$(BIN)/ruff format plugins tests pelicanconf.py publishconf.py
	$(BIN)/ruff check --fix plugins tests pelicanconf.py publishconf.py

## golden: rebuild the fixture site (tests/fixtures/site) and store what the hub generates from it in
## tests/golden/site, the expected output of the golden test
golden: $(BIN)/.installed
	$(BIN)/python -m tests.golden refresh

## bench: time the hub's publish builds (from an empty cache and cached, the cached one compared with a clean
## build) against vanilla Pelican, Pagefind on its output, the two back to back, Pagefind alone on the hub's
## searchable pages and Hugo; the devserver's save-to-browser times in Chromium against Hugo's server; peak
## memory; into bench.json, with a Markdown table of medians and ratios (BENCH_ARGS="--sizes 50000
## --memory-only" for peak memory alone); then the search index's size and what one search transfers,
## into bench-search.json
bench: $(BIN)/.installed browser
	@[ -x /usr/bin/time ] || { command -v apt-get >/dev/null && $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq time; } || \
	  echo "note: /usr/bin/time could not be installed; peak memory will come from getrusage"
	@command -v hugo >/dev/null || { command -v apt-get >/dev/null && $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq hugo; } || \
	  echo "note: Hugo could not be installed; the Hugo baselines will be skipped"
	PYTHONPATH=plugins $(BIN)/python -m tests.bench.run $(BENCH_ARGS)
	PYTHONPATH=plugins $(BIN)/python -m tests.bench.search $(SEARCH_BENCH_ARGS)

## budget: load each page type of the demo in Chromium and hold its bytes over the wire (HTML, CSS and JS
## gzip-compressed at level 6) to the page-weight budget, into budget.json; fails when a budget is exceeded
budget: $(BIN)/.installed browser
	PYTHONPATH=plugins $(BIN)/python -m tests.bench.budget

## lighthouse: Lighthouse scores and failing audits of each page type, into lighthouse.json (needs node and
## npm; installs the pinned Lighthouse in tests/bench/lighthouse; the demo is built with HUB_SITEURL set to
## the localhost origin it is served from; scores are reported, never failed on)
lighthouse: $(BIN)/.installed browser
	PYTHONPATH=plugins $(BIN)/python -m tests.bench.lighthouse

## screenshots: above-the-fold screenshots of each page type at 375 and 1280 px into docs/screenshots/
screenshots: $(BIN)/.installed browser
	PYTHONPATH=plugins $(BIN)/python -m tests.bench.screenshots

## translations: extract the interface strings (babel.cfg) into theme/translations/messages.pot, bring each
## language's catalogue up to date (LANGS="es fr": every language with a catalogue by default; a new one is
## started from the template) and print how much of each is translated; the build compiles the catalogues
translations: $(BIN)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k ngettext_noop:1,2 -k translate -k _plural:2,3 --add-comments=Translators: --sort-by-file \
	  --no-wrap --project="Local Policy Hub" -o $(CATALOGUES)/messages.pot .
	@for lang in $(LANGS); do \
	  [ -f $(CATALOGUES)/$$lang/LC_MESSAGES/messages.po ] || \
	    $(BIN)/pybabel init --no-wrap -i $(CATALOGUES)/messages.pot -d $(CATALOGUES) -l "$$lang" || exit 1; \
	  $(BIN)/pybabel -q update --no-wrap --ignore-pot-creation-date -i $(CATALOGUES)/messages.pot \
	    -d $(CATALOGUES) -l "$$lang" || exit 1; \
	done
	PYTHONPATH=plugins $(BIN)/python -m hub_i18n.coverage $(CATALOGUES) $(LANGS) --content $(call quote,INPUTDIR)

## clean: remove the built site in OUTPUTDIR (only a folder a build marked with .hub-site, never the content,
## the project or a repository) and the caches
clean:
	$(PYTHON) -I plugins/hub_build/guard.py clean -o $(call quote,OUTPUTDIR) -i $(call quote,INPUTDIR) -s pelicanconf.py
	rm -rf cache/hub .pytest_cache .ruff_cache .mypy_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
