# Omzien: the two commands are `make run` and `make test`.
#
# PYTHON: the newest of python3.13, python3.12 and python3.11 that runs here (else python3), or
# the one you name: `make test PYTHON=python3.11`. VENV: the virtualenv (default .venv), e.g. one
# per Python: `make test PYTHON=python3.11 VENV=.venv-3.11`. The stamp $(VENV)/.installed records
# which Python built the venv; another PYTHON rebuilds it.
ifeq ($(origin PYTHON),undefined)
PYTHON := $(firstword $(foreach candidate,python3.13 python3.12 python3.11,$(if $(shell \
	$(candidate) -c "" >/dev/null 2>&1 && echo yes),$(candidate))) python3)
endif
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTHON_ID_CODE := import sys; print(sys.implementation.name, sys.version.split()[0], sys.base_prefix)
PYTHON_ID := $(shell $(PYTHON) -c "$(PYTHON_ID_CODE)" 2>/dev/null)
ifneq ($(PYTHON_ID),$(shell cat $(STAMP) 2>/dev/null))
.PHONY: $(STAMP)
endif
# pytest with the test settings, one worker per CPU (pytest-xdist; PYTEST_WORKERS=1 for one),
# each test file on one worker (--dist loadfile).
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -q --ds=omzien.test_settings -n $(PYTEST_WORKERS) --dist loadfile
MANAGE := $(BIN)/python -m omzien.manage
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := omzien.settings

.PHONY: run serve smoke test test-fast lint format bench bench-queue bench-intake bench-matching bench-finder bench-riskmap-pages bench-soak openapi openapi-check check install clean

$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON_ID)" || { echo "$(PYTHON) does not run: see README.md" >&2; exit 1; }
	@echo "$(VENV): $(PYTHON) ($(PYTHON_ID))"
	@if [ "$$($(BIN)/python -c "$(PYTHON_ID_CODE)" 2>/dev/null)" != "$(PYTHON_ID)" ]; then \
		if [ -e "$(VENV)" ] && [ ! -e "$(VENV)/pyvenv.cfg" ]; then \
			echo "$(VENV) exists and is not a virtualenv; not touching it" >&2; exit 1; fi; \
		echo "creating $(VENV) with $(PYTHON)"; \
		$(PYTHON) -m venv --clear $(VENV); \
	fi
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	echo "$(PYTHON_ID)" > $(STAMP)

install: $(STAMP)

# Install, migrate, load reference data and the demo municipality, serve on http://127.0.0.1:8000
# next to the task worker, the scheduler of the daily jobs and the partner API's intake processor
# (docs/operations.md). Ctrl-C stops all four.
run: install
	mkdir -p var
	OMZIEN_DEBUG=$${OMZIEN_DEBUG:-1} OMZIEN_TWO_FACTOR=$${OMZIEN_TWO_FACTOR:-off} $(MANAGE) migrate --noinput
	OMZIEN_DEBUG=$${OMZIEN_DEBUG:-1} OMZIEN_TWO_FACTOR=$${OMZIEN_TWO_FACTOR:-off} $(MANAGE) createcachetable
	OMZIEN_DEBUG=$${OMZIEN_DEBUG:-1} OMZIEN_TWO_FACTOR=$${OMZIEN_TWO_FACTOR:-off} $(MANAGE) load_reference_data
	OMZIEN_DEBUG=$${OMZIEN_DEBUG:-1} OMZIEN_TWO_FACTOR=$${OMZIEN_TWO_FACTOR:-off} $(MANAGE) import_riskmap --shipped
	OMZIEN_DEBUG=$${OMZIEN_DEBUG:-1} OMZIEN_TWO_FACTOR=$${OMZIEN_TWO_FACTOR:-off} $(MANAGE) load_demo
	export OMZIEN_DEBUG=$${OMZIEN_DEBUG:-1} OMZIEN_TWO_FACTOR=$${OMZIEN_TWO_FACTOR:-off}; \
	$(MANAGE) db_worker --no-reload & worker=$$!; \
	$(MANAGE) run_scheduler & scheduler=$$!; \
	$(MANAGE) process_intake --loop & intake=$$!; \
	trap 'kill $$worker $$scheduler $$intake 2>/dev/null; wait $$worker $$scheduler $$intake 2>/dev/null' EXIT; \
	trap 'exit 0' INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# The production set-up on this machine (docs/deployment.md). Refuses without SECRET_KEY or a
# PostgreSQL DATABASE_URL, or with OMZIEN_DEBUG on; runs the deploy steps (check --deploy,
# migrate, createcachetable, collectstatic), then under honcho (deploy/Procfile) gunicorn on
# OMZIEN_BIND (default $(HOST):$(PORT)), the task worker (OMZIEN_WORKER_COMMAND), the scheduler
# and the intake processor. Ctrl-C or SIGTERM stops all; so does any one of them stopping.
# SERVE_ARGS go to honcho, e.g. SERVE_ARGS="-c intake=2" for two intake processors.
serve: install
	@test -n "$$SECRET_KEY" || { echo "make serve: SECRET_KEY is not set (docs/deployment.md)" >&2; exit 1; }
	@case "$$DATABASE_URL" in postgres://*|postgresql://*|pgsql://*) ;; \
		"") echo "make serve: DATABASE_URL is not set: give the PostgreSQL database (docs/deployment.md)" >&2; exit 1;; \
		*) echo "make serve: DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/name)" >&2; exit 1;; esac
	@case "$$(echo "$${OMZIEN_DEBUG:-}" | tr A-Z a-z)" in ""|0|false|no|off) ;; \
		*) echo "make serve: OMZIEN_DEBUG is on; make serve is the production set-up (make run is for development)" >&2; exit 1;; esac
	$(MANAGE) check --deploy
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) collectstatic --noinput --verbosity 0
	PATH="$(abspath $(BIN)):$$PATH" OMZIEN_BIND="$${OMZIEN_BIND:-$(HOST):$(PORT)}" \
		exec $(BIN)/honcho start --no-colour -e /dev/null -f deploy/Procfile $(SERVE_ARGS)

# `make serve` on a scratch PostgreSQL database, driven through a browser: a public signal, a
# login with the second factor, the case in the queue (tests/production/smoke.py; CI runs it).
smoke: install
	$(BIN)/python tests/production/smoke.py

# The whole suite (unit, integration, browser). DATABASE_URL picks the database (SQLite by default).
test: install
	$(PYTEST) $(PYTEST_ARGS)

# Everything except the browser tests.
test-fast: install
	$(PYTEST) -m "not browser" $(PYTEST_ARGS)

# Style, complexity (ruff), the layers contract (import-linter, .importlinter) and the size
# limits (tools/check_size.py); see docs/architecture.md.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python tools/check_size.py

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	mkdir -p var
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

openapi: install
	$(MANAGE) spectacular --file docs/openapi.yaml --validate

openapi-check: install
	mkdir -p var
	$(MANAGE) spectacular --file var/openapi.check.yaml --validate
	diff -u docs/openapi.yaml var/openapi.check.yaml

# Benchmarks (figures in docs/benchmarks.md). Queue and intake need PostgreSQL (DATABASE_URL
# role with CREATEDB; see the scripts' --help).
bench: install
	$(BIN)/python bench/survey.py

bench-queue: install
	$(BIN)/python bench/caseworker_queue.py

bench-intake: install
	$(BIN)/python bench/intake.py

# Matching for a case, 100,000 initiatives, on PostgreSQL and SQLite (docs/matching.md).
bench-matching: install
	$(BIN)/python bench/matching.py --db both

# The public finder's search page, 100,000 initiatives, on PostgreSQL and SQLite (docs/finder.md).
bench-finder: install
	$(BIN)/python bench/finder.py --db both

# The risk map's pages (map, district page, exports, national map), 1,000,000 cases, on SQLite
# and PostgreSQL (its own database omzien_bench_pages; docs/benchmarks.md).
bench-riskmap-pages: install
	$(BIN)/python bench/riskmap_pages.py --db both

# Soak (issue 13): 30 minutes of mixed load (public form, partner API, staff pages, survey
# scoring) against gunicorn, the task worker and the intake processor on PostgreSQL (its own
# database omzien_bench_soak); memory and latency per minute. SOAK_ARGS="--minutes 3" for short.
bench-soak: install
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

clean:
	rm -rf $(VENV) var
