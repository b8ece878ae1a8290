# The two commands a newcomer needs: `make demo` and `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
PORTAL  := $(VENV)/bin/portal
STAMP   := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
NPMSTAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)

.PHONY: demo test lint install clean-demo

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[cms,test]'
	rm -f $(VENV)/.installed-*
	touch $@

$(NPMSTAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf themes/portal/static/vendor/leaflet
	mkdir -p themes/portal/static/vendor
	cp -r node_modules/leaflet/dist themes/portal/static/vendor/leaflet
	rm -f node_modules/.installed-*
	touch $@

# Our Dutch admin texts (cms/locale), compiled with Babel: no gettext tools needed, and
# no compiled catalogue in git.
MO := $(patsubst %.po,%.mo,$(wildcard cms/locale/*/LC_MESSAGES/*.po))
# The build's problem messages in Dutch for editors (sitegen/locale), compiled the same way.
SITEGEN_MO := $(patsubst %.po,%.mo,$(wildcard sitegen/locale/*/LC_MESSAGES/*.po))

%.mo: %.po $(STAMP)
	$(VENV)/bin/pybabel compile --statistics -i $< -o $@

install: $(STAMP) $(NPMSTAMP) $(MO) $(SITEGEN_MO)

demo: install
	$(PORTAL) demo

MANAGE  := $(PY) cms/manage.py

test: install
	$(VENV)/bin/ruff check sitegen cms tests docs
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=cms.buurtportaal.example DATABASE_URL=postgres://cms@localhost/cms \
	  $(MANAGE) check --deploy --settings cms.settings.production --fail-level WARNING
	$(VENV)/bin/pytest -n 2 --dist loadgroup --durations=25

lint: install
	$(VENV)/bin/ruff check sitegen cms tests docs
