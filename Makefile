# hadath: two commands on a bare machine.
#   make run   set up, extract the bundled samples, store them, serve the map
#   make test  set up with test extras (Chromium, PostgreSQL, web assets), run pytest
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup setup-test web lint eval bench fuzz load clean

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/.installed

web:
	bash scripts/setup-web.sh --no-browser

setup-test: $(VENV)/.installed-test
	bash scripts/setup-web.sh
	bash scripts/ci/postgres.sh

run: setup web
	$(BIN)/hadath extract samples/ -o events.jsonl
	rm -f hadath.db hadath.db-wal hadath.db-shm
	$(BIN)/hadath ingest samples/ --db hadath.db
	$(BIN)/hadath serve --db hadath.db --host $(HOST) --port $(PORT)

test: setup-test
	$(BIN)/pytest

lint: setup-test
	$(BIN)/ruff check hadath tests bench

eval: setup
	$(BIN)/hadath evaluate ../shared/gold/articles-dev.jsonl --limit 0
	$(BIN)/hadath evaluate ../shared/gold/telegram-dev.jsonl --limit 0
	$(BIN)/hadath evaluate ../shared/gold/upetrarch-gsr-dev.jsonl --limit 0

bench: setup-test
	$(BIN)/python bench/run.py

FUZZ_SECONDS ?= 60
LOAD_SECONDS ?= 60

fuzz: setup-test
	$(BIN)/python fuzz/run.py --seconds $(FUZZ_SECONDS) --jobs 2

load: setup-test
	$(BIN)/python bench/load_api.py --clients 8 --seconds $(LOAD_SECONDS)

clean:
	rm -rf $(VENV) hadath.db* events.jsonl test-output
