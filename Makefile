# Two commands do all the set-up on a fresh machine:
#   make run    build everything and serve the app on http://127.0.0.1:5000
#   make test   install what the tests need and run every suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 5000
DB_PATH ?= data/worldsmith.json

.PHONY: run test test-backend test-frontend test-e2e venv frontend clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend: frontend/node_modules/.installed
	cd frontend && npm run build

.env:
	$(PYTHON) scripts/make_env.py

run: venv frontend .env
	$(PY) api/main.py --host $(HOST) --port $(PORT) --db-path $(DB_PATH)

test-backend: venv
	scripts/ensure_system_packages.sh
	$(PY) -m pytest

test-frontend: frontend/node_modules/.installed
	cd frontend && npm run lint && npm test

test-e2e: venv frontend/node_modules/.installed
	scripts/ensure_system_packages.sh
	cd frontend && PYTHON=../$(PY) npm run e2e

test: test-backend test-frontend test-e2e

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist
