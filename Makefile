# Two commands: `make run` sets everything up and serves the site; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/pow_exchanges
EVALUATE := DEBUG=1 $(BIN)/python manage.py evaluate_extraction
# The issue asks 0.95 of the development corpus; the others keep their scores (README).
DEV_CORPUS_MIN_F1 ?= 0.95
HOLDOUT_MIN_F1 ?= 0.95
FRESH_MIN_F1 ?= 0.95
BLIND_MIN_F1 ?= 0.93
# Written blind; scored 0.51 to 0.68 before any rule was changed for them (their READMEs).
# Each floor sits just under its corpus's score today, so a drop of 0.05 fails.
UNSEEN_A_MIN_F1 ?= 0.84
UNSEEN_B_MIN_F1 ?= 0.75
UNSEEN_C_MIN_F1 ?= 0.82
UNSEEN_D_MIN_F1 ?= 0.79
# Held out: never tuned on (its README); scored 0.52 when written, 0.59 now.
HELD_OUT_MIN_F1 ?= 0.55
# The real-text corpus (when its texts are cached): floors just under the last scores (README).
REAL_TUNE_MIN_F1 ?= 0.72
REAL_HELD_MIN_F1 ?= 0.51
# Local development runs with DEBUG on (a development SECRET_KEY, runserver serving static files).
RUN_ENV := DEBUG=$${DEBUG:-1}

.PHONY: run setup migrate curated samples serve test lint pytest-sqlite pytest-postgres evaluate evaluate-real bench clean

run: setup migrate samples serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# plotly.js's basic bundle (package.json, exchanges/staticfiles.py); without npm the site
# serves the full bundle the plotly Python package ships.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund; \
	else \
		echo "npm not found: serving plotly.js's full bundle from the plotly package"; \
	fi

setup: $(VENV)/.installed node_modules/.package-lock.json

migrate: setup
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

# The curated history (exchanges/data/): every known exchange, sourced; loading it again changes nothing.
curated: migrate
	$(RUN_ENV) $(BIN)/python manage.py load_curated

# The bundled sample articles go through the real pipeline and attach to the curated
# records as further sources; known ones are skipped.
samples: curated
	$(RUN_ENV) $(BIN)/python manage.py ingest samples/articles

serve:
	@echo "Serving on http://127.0.0.1:8000/ (admin at /admin/; stop with Ctrl-C)"
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed-dev lint pytest-sqlite pytest-postgres evaluate

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

pytest-sqlite: $(VENV)/.installed-dev
	DATABASE_URL= $(BIN)/pytest -n 2 -p no:cacheprovider

# The same suite on PostgreSQL, when a server is reachable (REQUIRE_SERVICES=1 makes its absence a failure).
pytest-postgres: $(VENV)/.installed-dev
	@if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then \
		DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -n 2 -p no:cacheprovider; \
	elif [ -n "$$REQUIRE_SERVICES" ]; then \
		echo "PostgreSQL is not reachable on 127.0.0.1:5432 and REQUIRE_SERVICES is set"; exit 1; \
	else \
		echo "SKIPPED: the PostgreSQL pass (no server on 127.0.0.1:5432)"; \
	fi

# Extraction scores: the shared seeds must be perfect; our own corpora have floors
# just under what the pipeline reaches today (targets and scores: README).
evaluate: $(VENV)/.installed-dev
	@if [ -d ../shared/corpus/seeds ]; then \
		$(EVALUATE) ../shared/corpus/seeds --min-f1 1.0 --max-leaks 0 --max-duplicates 0 --max-wrong-merges 0; \
	elif [ -n "$$REQUIRE_SERVICES" ]; then \
		echo "../shared/corpus/seeds is missing and REQUIRE_SERVICES is set"; exit 1; \
	else \
		echo "SKIPPED: seed scoring (../shared/corpus/seeds not found)"; \
	fi
	$(EVALUATE) samples/articles --quiet --min-f1 0.98 --max-wrong-merges 0
	$(EVALUATE) tests/corpus --quiet --min-f1 $(DEV_CORPUS_MIN_F1) --max-wrong-merges 0
	$(EVALUATE) tests/corpus_holdout --quiet --min-f1 $(HOLDOUT_MIN_F1)
	$(EVALUATE) tests/corpus_fresh --quiet --min-f1 $(FRESH_MIN_F1)
	$(EVALUATE) tests/corpus_blind --quiet --min-f1 $(BLIND_MIN_F1)
	$(EVALUATE) tests/corpus_unseen_a --quiet --min-f1 $(UNSEEN_A_MIN_F1)
	$(EVALUATE) tests/corpus_unseen_b --quiet --min-f1 $(UNSEEN_B_MIN_F1)
	$(EVALUATE) tests/corpus_unseen_c --quiet --min-f1 $(UNSEEN_C_MIN_F1)
	$(EVALUATE) tests/corpus_unseen_d --quiet --min-f1 $(UNSEEN_D_MIN_F1)
	$(EVALUATE) tests/corpus_unseen_e --quiet --min-f1 $(HELD_OUT_MIN_F1)
	@$(MAKE) --no-print-directory evaluate-real

# The real-text corpus: its texts are retrieved into a git-ignored cache by a session with
# the search tool (tests/corpus_real/README.md); CI has none, so there it is skipped.
evaluate-real: $(VENV)/.installed-dev
	@if [ -d .cache/corpus_real/texts ] && [ -n "$$(ls .cache/corpus_real/texts)" ]; then \
		DEBUG=1 $(BIN)/python manage.py real_corpus build && \
		$(EVALUATE) .cache/corpus_real/tune --quiet --min-f1 $(REAL_TUNE_MIN_F1) && \
		$(EVALUATE) .cache/corpus_real/held --quiet --min-f1 $(REAL_HELD_MIN_F1); \
	else \
		echo "SKIPPED: the real-text corpus (no texts in .cache/corpus_real/texts; see tests/corpus_real/README.md)"; \
	fi

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/pages.py --sizes 10000,100000
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) data node_modules
