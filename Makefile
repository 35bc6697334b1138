# Two commands set everything up: `make demo` and `make test`. Both build .venv once from the
# hash-pinned lock (requirements.lock) and reinstall only when pyproject.toml or the lock change.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo's store when KG_STORE is not set (kg's own default). `make clean` removes this folder
# only: a store chosen with KG_STORE is the user's, and no target deletes it.
DEMO_STORE := kg-store

.PHONY: demo test bench lock gazetteer clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kg ingest seeds
	$(BIN)/kg query attacks-by-place
	$(BIN)/kg query incidents

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

# Maintainers: regenerate the lock after changing a pin in pyproject.toml (needs pip-tools).
lock:
	$(BIN)/python -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
		--extra test --extra gazetteer -o requirements.lock pyproject.toml

# Maintainers: rebuild the bundled gazetteer from the reference data beside the checkout.
gazetteer: $(STAMP)
	$(BIN)/python -m kg.link.build_gazetteer --reference ../shared/reference --out kg/data

clean:
	rm -rf $(VENV) $(DEMO_STORE)
