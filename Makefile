# Tremplin — the two commands: `make run` and `make test`.
# Needs only Python 3.11, Node/npm and make on the machine.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell (cat requirements.lock; echo) | cksum | cut -d' ' -f1)

.PHONY: run test setup translations lint db demo check-deploy messages clean bench loadtest

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Tremplin a besoin de Python 3.11 (trouvé : " + sys.version.split()[0] + ")"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Front-end packages from the npm registry, once the project declares any.
node_modules/.installed: $(wildcard package.json package-lock.json)
	@if [ -f package.json ]; then npm ci --ignore-scripts --no-audit --no-fund; fi
	@mkdir -p node_modules && touch node_modules/.installed

setup: $(STAMP) node_modules/.installed translations

translations: $(STAMP)
	$(BIN)/python manage.py compile_translations

db: setup
	$(BIN)/python manage.py migrate --noinput

demo: db
	$(BIN)/python manage.py load_demo

run: db
	$(BIN)/python manage.py load_demo
	@bash bin/run-dev

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/djlint --lint --quiet $$(find cms core documents accounts courses diagnostics cohorts equipment reports privacy spaces demo -path '*/templates' -type d)

test: setup lint
	$(BIN)/python -m pytest

check-deploy: $(STAMP)
	SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
	ALLOWED_HOSTS=tremplin.example.org \
	DJANGO_SETTINGS_MODULE=cms.settings.production \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Refresh the message catalogues after changing user-facing strings (needs GNU gettext).
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l fr -l en -l ar --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var

clean:
	rm -rf $(VENV) node_modules var

# Benchmarks (not part of the tests): size S on SQLite by default; the national set with
# `make bench SIZE=L BENCH_DB=postgresql`. Results in bench/results/, read bench/README.md.
SIZE ?= S
BENCH_DB ?= sqlite
bench: setup
	$(BIN)/pip install --quiet -r bench/requirements.txt
	$(BIN)/python bench/run.py --size $(SIZE) --database $(BENCH_DB)

# Load test (PostgreSQL, Redis, gunicorn, django-q2 and locust on loopback): bench/loadtest/README.md.
loadtest: setup
	$(BIN)/pip install --quiet -r bench/loadtest/requirements.txt
	bash bench/loadtest/run.sh
