# Two commands a newcomer needs: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
VENDOR := static/vendor

.PHONY: run test install assets migrate seed messages lint typecheck check-deploy clean

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

install: $(STAMP) assets

$(VENDOR)/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/bootstrap-icons $(VENDOR)/htmx
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* $(VENDOR)/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* $(VENDOR)/bootstrap/
	cp -r node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts $(VENDOR)/bootstrap-icons/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	touch $@

assets: $(VENDOR)/.installed

migrate: install
	mkdir -p var/broker/queue var/broker/processed
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# The portal, a Celery worker and the beat scheduler on the embedded default
# (SQLite, filesystem broker); Ctrl-C stops all three. Static files are collected under
# hashed names and served compressed, cached for a year, as in production.
run: seed
	$(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/honcho -f Procfile.dev start

# The whole test suite. Without PostgreSQL, Redis or Chromium it runs everything else and
# says what it skipped; with PORTAL_REQUIRE_SERVICES=1 (CI) a missing one is a failure.
test: install
	$(PY) -m pytest $(PYTEST_ARGS)

messages: $(STAMP)
	$(PY) manage.py makemessages -l vi --no-obsolete --no-location \
		--ignore=.venv --ignore=node_modules --ignore=static --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages -l vi --ignore=.venv --ignore=node_modules

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# mypy against tools/mypy-baseline.txt: no new error; the baseline only shrinks.
typecheck: $(STAMP)
	$(PY) tools/typecheck.py

check-deploy: $(STAMP)
	DJANGO_SETTINGS_MODULE=portal.settings.production \
	DJANGO_SECRET_KEY=check-deploy-only-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFG \
	DJANGO_ALLOWED_HOSTS=portal.example DATABASE_URL=sqlite:///var/check.sqlite3 \
	REDIS_URL=redis://127.0.0.1:6379/0 \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles var
