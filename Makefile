# CRE Risk Assessment toolkit. Two commands matter (see README): `make serve` and `make test`.
# Every target sets up what it needs: a .venv with the pinned Python packages, node_modules from the lock file,
# the compiled forms. Nothing here relies on anything installed by hand.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA := py/cre/data
FONTS := $(DATA)/fonts/DejaVuSans.ttf $(DATA)/fonts/DejaVuSans-Bold.ttf
WHEELS := build/wheels
RUNTIME_WHEELS := build/wheels-runtime
PORT ?= 8000

.PHONY: setup compile schemas test test-python test-pyodide test-e2e test-quick build serve clean browser bench

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[build,test,site,e2e,serve]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The runtime reads only compiled JSON: forms/*.yaml -> py/cre/data/*.json (checked on the way).
$(DATA)/index.json: $(VENV)/.installed $(wildcard forms/*.yaml) schemas/form-definition.schema.json \
		$(wildcard py/cre_build/*.py) py/cre/record_schema.py
	$(PY) -m cre_build.compile

$(DATA)/fonts/%.ttf: node_modules/.installed
	mkdir -p $(DATA)/fonts
	cp node_modules/dejavu-fonts-ttf/ttf/$*.ttf $@

# The common passwords cre.passphrase refuses, from the pinned zxcvbn package's list (cre_build.common_passwords).
$(DATA)/common-passwords.json: $(VENV)/.installed py/cre_build/common_passwords.py py/cre/passphrase.py
	$(PY) -m cre_build.common_passwords

compile: $(DATA)/index.json $(FONTS) $(DATA)/common-passwords.json

# Rewrite the published record schemas in schemas/ after a form changes (a test fails while they are stale).
schemas: compile
	$(PY) -m cre_build.compile --schemas schemas

# The pure wheels the browser's Python runs (bundled into public/app/bundle.zip).
$(RUNTIME_WHEELS)/.fetched: $(VENV)/.installed pyproject.toml
	$(PY) -m cre_build.wheels $(RUNTIME_WHEELS)
	touch $@

$(WHEELS)/.fetched: $(VENV)/.installed pyproject.toml tests/pyodide/constraints.txt
	$(PY) -m cre_build.wheels $(WHEELS) --test
	touch $@

test: test-python test-pyodide test-e2e

test-python: setup compile
	$(PY) -m pytest

# The same rule, routing, conversion, PDF, form-field and hostile-input tests, inside Pyodide 314 (the browser's
# Python) under Node, on the very bundle and standard library the site ships (bytecode, pruned), so a module the
# browser lacks fails here. The Hypothesis tests (test_properties, test_fuzz_input) stay in CPython: no Hypothesis
# wheel is fetched for this run.
test-pyodide: build $(WHEELS)/.fetched
	node tests/pyodide/run.mjs $(WHEELS) --site public tests/unit/test_cases.py tests/unit/test_convert.py \
		tests/unit/test_pdf.py tests/unit/test_form_values.py tests/unit/test_hostile_input.py \
		tests/unit/test_hostile_text.py tests/unit/test_sealing.py tests/unit/test_progress.py \
		tests/unit/test_answer_text.py tests/unit/test_messages.py tests/unit/test_routing_coverage.py \
		tests/unit/test_passphrase.py tests/unit/test_record_times.py tests/unit/test_storage_faults.py \
		tests/unit/test_review.py tests/unit/test_review_text.py tests/unit/test_pdf_review.py -q

# The site: MkDocs into public/ (guidance and form pages), the browser's Python runtime into public/app/, then the
# check stage (links resolve, pages have content, no other host).
build: setup compile $(RUNTIME_WHEELS)/.fetched
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet --site-dir public  # we pin MkDocs 1.x knowingly
	$(PY) -m cre_build.app public --wheels $(RUNTIME_WHEELS)
	$(PY) -m cre_build.check_site public

# Debian's Chromium drives the browser tests (Playwright cannot download its own browser here).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Browser journeys: Playwright + Chromium against the built site served under a sub-path, axe on every page.
test-e2e: build browser
	$(PY) -m pytest tests/e2e

# A developer's quicker loop: the CPython tests and the browser journeys without the scale runs (marked `scale`: the
# crypto proofs' 1,000 key derivations and 10,000 encryptions) and without the Pyodide run. `make test` runs them all.
test-quick: test-python build browser
	$(PY) -m pytest tests/e2e -m "not scale"

# The speed benchmark (not part of `make test`): builds the site into a temporary folder (timed), measures it in
# Chromium and CPython against baselines taken in the same run, prints the table and writes site/data/benchmark.json,
# from which the site's Performance page is made. BENCH_ARGS, e.g. --runs 7 --label "what changed".
bench: setup compile $(RUNTIME_WHEELS)/.fetched browser
	$(PY) tests/bench/run.py $(BENCH_ARGS)

serve: build
	@echo "Serving the site at http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(VENV)/bin/cre serve public --port $(PORT)

clean:
	rm -rf $(DATA) build public
