# GovOpen: `make run` serves the portal with demo data, `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
REQS := requirements/bootstrap.txt requirements/ckan.txt requirements/run.txt requirements/dev.txt requirements/constraints.txt setup.py

.PHONY: run test test-compat test-unit ckan reset lint bench bench-search bench-desensitize bench-dcat bench-load bench-datastore venv

venv: $(STAMP)

$(STAMP): $(REQS)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "error: Python 3.11 is required (found " + sys.version.split()[0] + "); set PYTHON=/path/to/python3.11")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/bootstrap.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt \
		-r requirements/ckan.txt -r requirements/run.txt -r requirements/dev.txt
	@# ckan itself without its extra: its psycopg2 pin would need PostgreSQL headers;
	@# requirements/ckan.txt carries the same pins with psycopg2-binary instead.
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps ckan==2.11.6
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

run: $(STAMP)
	@$(PY) tools/stack.py run

test: $(STAMP)
	@$(PY) tools/stack.py test $(ARGS)

test-unit: $(STAMP)
	$(PY) -m pytest -p no:ckan -p no:ckan_fixtures tests/searchd tests/desensitize tests/lib tests/operations/test_supervise.py $(ARGS)

test-compat: $(STAMP)
	@$(PY) tools/stack.py compat $(ARGS)

ckan: $(STAMP)
	@$(PY) tools/stack.py ckan $(ARGS)

reset:
	rm -rf var

# ruff, the type check and the import contracts (all configured in pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy -p ckanext.govopen
	$(VENV)/bin/lint-imports

bench: bench-search bench-desensitize bench-dcat bench-datastore

bench-search: $(STAMP)
	$(PY) tools/bench_search.py $(ARGS)

bench-desensitize: $(STAMP)
	$(PY) tools/bench_desensitize.py $(ARGS)

bench-dcat: $(STAMP)
	$(PY) tools/bench_dcat.py $(ARGS)

# 50 clients for 5 minutes (locust, headless) against a whole make run portal.
bench-load: $(STAMP)
	$(PY) tools/bench_load.py $(ARGS)

bench-datastore: $(STAMP)
	$(PY) tools/bench_datastore.py $(ARGS)
