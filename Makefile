# NATO Space COE library. The two commands a newcomer needs: `make serve` and `make test`.
# Every target sets up .venv itself (a no-op when requirements*.txt have not changed).

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
# mike runs `mkdocs` as a subprocess: the venv comes first on PATH, whatever the caller's.
export PATH := $(BIN):$(PATH)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
SITE ?= site
ADDR ?= 127.0.0.1:8000

.PHONY: links
.PHONY: help serve serve-en serve-fr test build check clean translated new schemas codes codeowners sort-glossary release versions bench deps test-deps browser nginx axe changes
.PHONY: pdf bundle verify pango
.PHONY: lint

help:
	@echo "make serve      preview the library at http://$(ADDR) (English at /, French at /fr/), live reload"
	@echo "make serve-en   (or serve-fr) preview one language only: faster rebuilds"
	@echo "make test       run the whole test suite (sets up everything it needs)"
	@echo "make check      validate the sources without rendering (FILES=\"docs/a.en.md …\" to narrow)"
	@echo "make fix        apply the typography rules (spaces, apostrophes, ordinals) to the pages in place [FILES=…]"
	@echo "make build      strict build of the site into $(SITE)/"
	@echo "make translated PAGE=docs/…/page.fr.md   record that a French page is up to date"
	@echo "make new ID=SCOE-3.2 AREA=space-domain-awareness TITLE_EN=… TITLE_FR=…   scaffold a publication"
	@echo "make release VERSION=2026.1 [ALIAS=latest|none] [PUSH=1]   publish a version with mike"
	@echo "               FORCE=1 re-deploys a published version, ALLOW_STALE=1 accepts stale translations,"
	@echo "               ALLOW_TERMS=1 accepts variants the glossary says to avoid (GL007),"
	@echo "               HIDDEN=1 (or a pre-release such as 2026.2-rc.1) keeps it out of the version selector"
	@echo "make versions   list the published versions"
	@echo "make comments PUB=SCOE-3.1 FILES=\"reviews/SCOE-3.1/*.csv reviews/SCOE-3.1/*.xlsx\"   consolidate the national review's"
	@echo "               comment matrices into reviews/PUB/adjudication.{xlsx,csv} [OUT=path without extension]"
	@echo "make changes PUB=SCOE-3.1 [SINCE=2026.1]   what changed in a publication since a published version"
	@echo "make pdf        the site plus one PDF per publication and language (in $(SITE)/downloads/ and dist/)"
	@echo "make bundle VERSION=2026.1   the offline library dist/scoe-library-VERSION.zip, with PDFs, data, SHA256SUMS"
	@echo "make verify [FILE=dist/SHA256SUMS]   check the release kit's files against their checksums"
	@echo "make codeowners regenerate .github/CODEOWNERS from the publications' custodians"
	@echo "make sort-glossary  put data/glossary.yml in alphabetical order of id"
	@echo "make links      list the links to other sites (allowed; listed for review)"
	@echo "make bench      measure build and check cost at library scale (BENCH=quick for N=100 only)"
	@echo "make lint       ruff over the code and mypy --strict on the engine (make test runs it first)"
	@echo "make clean      remove the built site and caches"

# The pinned packages, then this checkout's own package (scoelib and its `scoe` MkDocs plugin, pyproject.toml)
# in editable mode: mkdocs finds the plugin by its entry point and runs the code of this checkout. A copy whose
# .venv is a symbolic link to another checkout's (the tests' copies) leaves that checkout's install alone.
$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.txt
	@test -L $(VENV) || $(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	@$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-test.txt
	@touch $@

deps: $(VENV)/.installed
test-deps: $(VENV)/.installed-test

# axe-core for the accessibility tests (tests/browser/), pinned in package.json and package-lock.json.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Installing Debian's npm (accessibility tests)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	@PUPPETEER_SKIP_DOWNLOAD=true CHROMEDRIVER_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund --loglevel=error
	@touch $@
axe: node_modules/.installed

# Debian's Chromium for the browser tests (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium (browser tests)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's nginx for the self-hosting tests (tests/test_release.py serves a release with deploy/nginx.conf).
nginx:
	@test -x /usr/sbin/nginx || { echo "Installing Debian's nginx-light (self-hosting tests)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }

# Release kit (scoelib/kit): WeasyPrint needs Debian's Pango; the PDFs use Debian's Liberation and DejaVu fonts.
pango:
	@dpkg -s libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-dejavu-core >/dev/null 2>&1 || { \
	  echo "Installing Debian's Pango and fonts (PDF editions)…"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-dejavu-core >/dev/null; }

# The strict build, then the kit over it (hooks/scoe.py runs scoelib.kit when SCOE_KIT is set).
pdf: deps pango
	SCOE_KIT=pdf $(BIN)/mkdocs build --strict --site-dir $(SITE)

bundle: deps pango
	@test -n "$(VERSION)" || { echo "usage: make bundle VERSION=2026.1"; exit 1; }
	SCOE_KIT=bundle SCOE_KIT_VERSION="$(VERSION)" $(BIN)/mkdocs build --strict --site-dir $(SITE)

verify: deps
	@$(BIN)/python -m scoelib.kit verify "$(or $(FILE),dist/SHA256SUMS)"

# --dirty: after a save, only the pages it affects are rendered again (scoelib/incremental.py); the check
# of the whole library still runs at each save and its findings show in every page (scoelib/preview.py).
serve: deps
	$(BIN)/mkdocs serve --dirty --strict -a $(ADDR)

# One language only (static-i18n's build_only_locale, read from SCOE_ONLY_LANG in mkdocs.yml): rebuilds in
# about half the time of `make serve`. serve-fr shows the French pages at the root, http://$(ADDR)/.
serve-en serve-fr: deps
	SCOE_ONLY_LANG=$(subst serve-,,$@) $(BIN)/mkdocs serve --dirty --strict -a $(ADDR)

build: deps
	$(BIN)/mkdocs build --strict --site-dir $(SITE)

check: deps
	@$(BIN)/python -m scoelib check --cache $(FILES)

# French spaces, apostrophes and ordinals written into the pages (scoelib/style.py); prints file:line of each change.
.PHONY: fix
fix: deps
	@$(BIN)/python -m scoelib fix $(FILES)

translated: deps
	@test -n "$(PAGE)" || { echo "usage: make translated PAGE=docs/…/page.fr.md"; exit 1; }
	@$(BIN)/python -m scoelib translated $(PAGE)

# `make new TITLE_EN=Space Support` (no quotes) gives make a goal `Support` and a one-word title: refuse it.
ifneq ($(filter new,$(MAKECMDGOALS)),)
ifneq ($(filter-out new,$(MAKECMDGOALS)),)
$(error `$(filter-out new,$(MAKECMDGOALS))` is not part of any setting: put values with spaces in quotes, e.g. make new ID=SCOE-3.2 AREA=space-domain-awareness TITLE_EN="Space Support" TITLE_FR="Appui spatial")
endif
endif
new: deps
	@$(BIN)/python -m scoelib new --id "$(ID)" --area "$(AREA)"  # titles: TITLE_<LANG>=… for each language of mkdocs.yml

schemas: deps
	@$(BIN)/python -m scoelib schemas

# The author guide's table of codes (docs/guide/index.*.md), generated from scoelib/codes.py; commit the result.
codes: deps
	@$(BIN)/python -m scoelib codes --write

# .github/CODEOWNERS from each publication's custodian (data/custodians.yml); commit the result.
codeowners: deps
	@$(BIN)/python -m scoelib codeowners --write

# data/glossary.yml in alphabetical order of id (make check warns with GL009 when it is not)
sort-glossary: deps
	@$(BIN)/python -m scoelib sort-glossary

links: deps
	@$(BIN)/python -m scoelib links

# A version with mike on the local gh-pages branch, after make check and a strict build (tools/release.py).
yes = $(filter 1 yes true,$(1))
release: deps pango
	@$(BIN)/python tools/release.py release "$(VERSION)" --alias "$(or $(ALIAS),latest)" \
	  $(if $(call yes,$(PUSH)),--push) $(if $(call yes,$(FORCE)),--force) \
	  $(if $(call yes,$(ALLOW_STALE)),--allow-stale) $(if $(call yes,$(HIDDEN)),--hidden) \
	  $(if $(call yes,$(ALLOW_TERMS)),--allow-avoided)

versions: deps
	@$(BIN)/python tools/release.py versions

# National review (scoelib/comments.py): the comment matrices that came back (CSV from the site, XLSX), checked
# row by row, consolidated into one adjudication matrix; exit 1 when a row is refused. Never under docs/.
.PHONY: comments
comments: deps
	@$(BIN)/python -m scoelib comments --pub "$(PUB)" $(if $(OUT),--out "$(OUT)") $(FILES)

# ruff (pyflakes, pycodestyle, isort, bugbear, complexity <= 12, lines <= 140) and mypy --strict on scoelib/;
# settings in pyproject.toml (no file exempted; the table of codes keeps its long lines).
lint: test-deps
	$(BIN)/ruff check .
	$(BIN)/mypy

# The tests run on every core (pytest-xdist; JOBS=1: one process), each module's tests on one worker, so
# that its fixtures are made once per worker at most.
JOBS ?= auto
test: lint test-deps browser nginx axe pango
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(JOBS) --dist loadfile tests

# Synthetic libraries of N = 100, 400, 1000 pages per language (bench/work/, git-ignored); project build vs
# stock build vs check, median of 3 runs; table on stdout, figures in bench/results.json.
bench: test-deps browser
	$(BIN)/python -m bench.run $(if $(filter quick,$(BENCH)),--quick)

clean:
	rm -rf $(SITE) .pytest_cache bench/results.json bench/work
	find . -name __pycache__ -prune -exec rm -rf {} +

# What changed in a publication since a published version (scoelib/changes.py), for the record of changes.
changes: deps
	@test -n "$(PUB)" || { echo "usage: make changes PUB=SCOE-3.1 [SINCE=2026.1]"; exit 1; }
	@$(BIN)/python -m scoelib changes --pub "$(PUB)" $(if $(SINCE),--since "$(SINCE)")
