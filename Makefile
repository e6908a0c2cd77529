# Two entry points (see README): `make serve` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup system serve build test validate clean

# Python packages, pinned in requirements.txt; the project itself as an editable install.
setup: $(VENV)/.installed
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Debian packages the tests need: Chromium (never a downloaded browser), a CJK font, poppler-utils to
# read printed PDFs back, and Node.js for the page scripts' own tests (tests/js/), the search engine run
# outside a browser and npm's test-only packages (axe-core); Graphviz (dot draws the overview picture).
SYSTEM_PACKAGES := chromium fonts-noto-cjk poppler-utils nodejs graphviz
system:
	@if ! dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	fi
	@# npm: Debian's package, unless a Node.js that ships its own npm is already there.
	@if ! command -v npm >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	fi

serve: setup system
	$(BIN)/kb serve

build: setup system
	$(BIN)/kb build --strict

# GITHUB_FORMAT=1 prints findings as GitHub annotations on the pull request.
validate: setup
	$(BIN)/kb validate --strict $(if $(GITHUB_FORMAT),--format github)

# Test-only npm packages (axe-core; terser for the vendored MiniSearch), exact versions from package-lock.json; node_modules is not committed.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: setup system node_modules/.installed
	$(BIN)/kb validate --strict
	$(BIN)/kb schema --check
	$(BIN)/python scripts/vendor/refresh.py --check
	$(BIN)/pytest

clean:
	rm -rf site .cache $(VENV)
