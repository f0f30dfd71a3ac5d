# Wisdom: the two commands are `make dev` and `make test`. Everything else is listed by `make help`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
BACKEND := backend
RUN := cd $(BACKEND) && $(UV) run --frozen
DB ?= embedded
# Local tools run in development unless .env (or the environment) says otherwise; the API itself
# defaults to production and then refuses the placeholder JWT secret.
ENV_FILE_ENVIRONMENT := $(shell sed -n 's/^ENVIRONMENT=//p' .env 2>/dev/null | tail -1)
export ENVIRONMENT ?= $(or $(ENV_FILE_ENVIRONMENT),development)

.PHONY: help setup dev test test.backend browser screenshots fuzz bench bench.instructions lint format migrate seed db.up db.down backend.dev admin snapshot restore smoke postman postman.build web.build web.dev test.web app.dev test.client

help: ## list the targets
	@grep -hE '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

setup: ## install the Python toolchain (uv) and the backend's locked dependencies
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	cd $(BACKEND) && $(UV) sync --frozen --quiet

dev: setup ## run the API with demo data on 127.0.0.1:8000 (embedded PostgreSQL unless DATABASE_URL)
	cd $(BACKEND) && exec $(UV) run --frozen python -m app.dev

# pytest-xdist workers for the backend suite (each gets its own database); `auto` = one per core.
# The app's suite runs in one process: two Chromiums rendering Flutter on two cores made its
# WebAssembly renderer trap now and then.
PYTEST_WORKERS ?= auto

test: setup browser ## run every test suite (real PostgreSQL: DATABASE_URL, else the embedded server)
	@python3 scripts/run_tests.py

test.backend: setup ## the API's tests only (PYTEST_WORKERS=auto parallel workers)
	$(RUN) pytest -q -p no:cacheprovider -n $(PYTEST_WORKERS) --dist loadfile

browser: ## find the system Chromium for the browser suites, or install it (apt-get, as root)
	@scripts/ensure_chromium.sh

fuzz: setup ## schemathesis (FUZZ_EXAMPLES, 10, per operation) and hostile values (NUL, extreme numbers and dates) in every field, 4 roles; 0 server errors
	cd $(BACKEND) && FUZZ_HOSTILE=1 FUZZ_EXAMPLES=$(or $(FUZZ_EXAMPLES),10) $(UV) run --frozen pytest -q -p no:cacheprovider -n 0 tests/fuzz

bench: setup ## benchmarks: endpoints vs framework and database ceilings, uvicorn and granian (needs wrk; ~8 min)
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install -y wrk"; exit 2; }
	$(RUN) python ../bench/run.py $(BENCH_ARGS)

bench.instructions: setup ## instructions per uncached read and per purchase in the API process, under valgrind (steady from run to run; ~2 min)
	@command -v valgrind >/dev/null || { echo "make bench.instructions needs valgrind: apt-get install -y valgrind"; exit 2; }
	$(RUN) python ../bench/instructions.py

lint: setup client/.venv ## ruff (lint + format check) on backend, scripts, bench and the app; mypy on the backend
	$(RUN) ruff check . ../scripts ../bench
	$(RUN) ruff format --check . ../scripts ../bench
	$(RUN) mypy
	$(CLIENT_RUN) ruff check .
	$(CLIENT_RUN) ruff format --check .

format: setup client/.venv ## apply ruff's formatting and safe fixes (backend, scripts, bench, app)
	$(RUN) ruff check --fix . ../scripts ../bench
	$(RUN) ruff format . ../scripts ../bench
	$(CLIENT_RUN) ruff check --fix .
	$(CLIENT_RUN) ruff format .

migrate: setup ## apply new migration files
	$(RUN) python -m app.migrate

seed: setup ## insert the demo data (idempotent)
	$(RUN) python -m app.seed

db.up: setup ## start PostgreSQL: the embedded server (default) or DB=docker for docker compose
ifeq ($(DB),docker)
	docker compose up -d postgres adminer
	@echo "DATABASE_URL=postgresql://wisdom:wisdom@127.0.0.1:5432/wisdom"
else
	$(RUN) python -m app.pgserver up
endif

db.down: setup ## stop the embedded PostgreSQL (or DB=docker)
ifeq ($(DB),docker)
	docker compose stop postgres adminer
else
	$(RUN) python -m app.pgserver down
endif

admin: setup ## create an admin or promote a user: make admin EMAIL=you@example.se [NAME="Your Name"]
	@test -n "$(EMAIL)" || { echo "usage: make admin EMAIL=you@example.se [NAME=...]"; exit 2; }
	$(RUN) python -m app.cli create-admin "$(EMAIL)" $(if $(NAME),--name "$(NAME)")

backend.dev: setup ## serve the API with reload on an already migrated database (DATABASE_URL or db.up)
	$(RUN) uvicorn --factory app.main:create_app --reload --host 127.0.0.1 --port 8000

snapshot: setup ## pg_dump -Fc the database into snapshots/wisdom-<timestamp>.dump
	$(RUN) python -m app.cli snapshot

restore: setup ## restore FILE=snapshots/....dump into a fresh database (RESTORE_DB=name optional)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=snapshots/wisdom-....dump"; exit 2; }
	$(RUN) python -m app.cli restore "$(abspath $(FILE))" $(if $(RESTORE_DB),--database $(RESTORE_DB))

smoke: setup ## start a fresh API (new database, demo data, free port), run scripts/qa_teacher_smoke.py, stop it
	$(RUN) python ../scripts/with_api.py -- python scripts/qa_teacher_smoke.py

postman/node_modules: postman/package-lock.json
	cd postman && npm ci --no-audit --no-fund
	@touch postman/node_modules

postman.build: setup ## regenerate the Postman collection from the OpenAPI schema (scripts/build_postman.py)
	$(RUN) python ../scripts/build_postman.py

postman: setup postman/node_modules ## run the Postman collection with newman against a fresh API (new database, free port)
	$(RUN) python ../scripts/with_api.py -- postman/node_modules/.bin/newman run \
		postman/wisdom.postman_collection.json -e postman/wisdom.postman_environment.json \
		--working-dir postman --env-var "baseUrl={url}"

web/node_modules: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch web/node_modules

web.build: web/node_modules ## build the landing site as a static export into web/out
	cd web && npm run build

web.dev: web/node_modules ## serve the landing site for development on http://127.0.0.1:3000
	cd web && npm run dev

test.web: browser web/node_modules ## the site's Playwright tests (system Chromium) against the built export
	cd web && npm test

CLIENT_RUN := cd client && $(UV) run --frozen

client/.venv: client/uv.lock
	cd client && $(UV) sync --frozen --quiet

app.dev: client/.venv ## run the app: a desktop window, or WEB=1 for the web app on 127.0.0.1:8550
	$(CLIENT_RUN) python main.py $(if $(WEB),--web,)

test.client: setup browser client/.venv ## the app's tests: ApiClient and UI in headless Chromium (real API)
	$(CLIENT_RUN) pytest -q -p no:cacheprovider

screenshots: setup browser client/.venv ## refresh the app's screenshots in client/docs/screenshots (the UI tests at both sizes)
	rm -f client/docs/screenshots/*.png
	$(CLIENT_RUN) pytest -q -p no:cacheprovider tests/ui --screenshots=docs/screenshots
