# `make run` and `make test` each create .venv and install first. The runtime dependencies come
# from requirements.lock (exact versions, hashes checked); `make test` adds the test tools on top,
# so an environment made by `make run` holds no test tool. `make lock` refreshes the lock.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock
RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP    := $(VENV)/.installed-test

.PHONY: run test lint bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(RUNTIME_STAMP): $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(RUNTIME_STAMP)

$(TEST_STAMP): $(RUNTIME_STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(TEST_STAMP)

run: $(RUNTIME_STAMP)
	$(BIN)/wayfinder run

test: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: $(TEST_STAMP)
	$(BIN)/python bench/cpu_jitter.py
	$(BIN)/python bench/turns.py
	$(BIN)/python bench/nlp_eval.py
	$(BIN)/python bench/nlp_speed.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/verify.py

# After changing the dependencies in pyproject.toml: pins every runtime package with its hashes.
lock: | $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 -o $(LOCK)

clean:
	rm -rf $(VENV)
