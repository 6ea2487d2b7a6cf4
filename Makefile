# Omzien: the two commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python -m omzien.manage
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := omzien.settings

.PHONY: run test test-fast lint format bench bench-queue bench-intake openapi openapi-check check install clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Install, migrate, load reference data and the demo municipality, serve on http://127.0.0.1:8000
# next to the task worker, the scheduler of the daily jobs and the partner API's intake processor
# (docs/operations.md). Ctrl-C stops all four.
run: install
	mkdir -p var
	OMZIEN_DEBUG=$${OMZIEN_DEBUG:-1} OMZIEN_TWO_FACTOR=$${OMZIEN_TWO_FACTOR:-off} $(MANAGE) migrate --noinput
	OMZIEN_DEBUG=$${OMZIEN_DEBUG:-1} OMZIEN_TWO_FACTOR=$${OMZIEN_TWO_FACTOR:-off} $(MANAGE) createcachetable
	OMZIEN_DEBUG=$${OMZIEN_DEBUG:-1} OMZIEN_TWO_FACTOR=$${OMZIEN_TWO_FACTOR:-off} $(MANAGE) load_reference_data
	OMZIEN_DEBUG=$${OMZIEN_DEBUG:-1} OMZIEN_TWO_FACTOR=$${OMZIEN_TWO_FACTOR:-off} $(MANAGE) load_demo
	export OMZIEN_DEBUG=$${OMZIEN_DEBUG:-1} OMZIEN_TWO_FACTOR=$${OMZIEN_TWO_FACTOR:-off}; \
	$(MANAGE) db_worker --no-reload & worker=$$!; \
	$(MANAGE) run_scheduler & scheduler=$$!; \
	$(MANAGE) process_intake --loop & intake=$$!; \
	trap 'kill $$worker $$scheduler $$intake 2>/dev/null; wait $$worker $$scheduler $$intake 2>/dev/null' EXIT; \
	trap 'exit 0' INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# The whole suite (unit, integration, browser). DATABASE_URL picks the database (SQLite by default).
test: install
	$(BIN)/pytest -q $(PYTEST_ARGS)

# Everything except the browser tests.
test-fast: install
	$(BIN)/pytest -q -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

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

clean:
	rm -rf $(VENV) var
