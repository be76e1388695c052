# `make run` and `make test` each create .venv and install first.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/wayfinder run

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/cpu_jitter.py
	$(BIN)/python bench/turns.py
	$(BIN)/python bench/nlp_eval.py
	$(BIN)/python bench/nlp_speed.py
	$(BIN)/python bench/export.py

clean:
	rm -rf $(VENV)
