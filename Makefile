# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_DEBUG ?= 1

.PHONY: run test lint typecheck bench migrate demo worker beat clean messages backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet ".[dev]"
	touch $(VENV)/.installed $@

## make run: install, migrate, load the demo programme, serve http://127.0.0.1:8000
run: $(VENV)/.installed .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# A development .env (never overwritten) so that plain `manage.py` commands work in this checkout.
.env:
	printf '# Development defaults written by make run; see .env.example for production.\nDJANGO_DEBUG=1\n' > $@

## make test: install the dev extra and run the whole suite
test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy betterwork factories assessments differentiation workspace buyer_portal

## make bench: the benchmark on PostgreSQL and Redis (see docs/performance.md); it creates and
## drops its own database. Options: make bench BENCH_ARGS="--factories 200 --keep"
bench: $(VENV)/.dev-installed
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/betterwork_bench} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/5} \
	$(BIN)/python manage.py benchmark $(BENCH_ARGS)

## make messages: refresh the catalogues in locale/ from the code and templates, then compile
## them (commit both the .po and the .mo files: running the portal needs no gettext tools)
LANGUAGES := vi bn km id ar es fr
MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=node_modules --ignore=staticfiles
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages $(addprefix -l ,$(LANGUAGES)) $(MESSAGES_IGNORE) \
		--no-location --no-obsolete
	$(BIN)/python manage.py compilemessages $(addprefix -l ,$(LANGUAGES)) $(MESSAGES_IGNORE)

## make backup: the database (DATABASE_URL) and the media files into backups/<UTC timestamp>/
backup: $(VENV)/.installed
	$(BIN)/python manage.py backup

## make restore: the latest backup (or BACKUP=backups/<stamp>) into the EMPTY database of
## DATABASE_URL, then migrate it to this release (docs/operations.md, section 5)
restore: $(VENV)/.installed
	$(BIN)/python manage.py restore $(BACKUP)
	$(BIN)/python manage.py migrate --noinput

worker: $(VENV)/.installed
	$(BIN)/celery -A betterwork worker --loglevel=info

beat: $(VENV)/.installed
	$(BIN)/celery -A betterwork beat --loglevel=info

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
