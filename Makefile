# The two commands a newcomer needs: `make lab` and `make test`.
# Both build .venv from the pinned lock file when it is missing or older
# than the pins, so a fresh clone needs nothing but Python 3.11.

PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
STAMP  := $(VENV)/.installed
UV_VERSION := 0.13.8
HOST   ?= 127.0.0.1
PORT   ?= 8888
PYTEST_ARGS ?=

# nbgrader starts `alembic` (and jupyter sub-commands) by name: every
# recipe sees the venv's bin first on PATH.
export PATH := $(BIN):$(PATH)
export PYTHONDONTWRITEBYTECODE := 1
export MPLBACKEND := Agg

ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
BROWSER_FLAG := $(if $(DISPLAY),,--no-browser)

.PHONY: help venv lab test test-fast lint bench lock release nav lessons clean eval-analyzer train-analyzer solutions

help:
	@echo "make lab    set up .venv and open the course in JupyterLab (HOST=$(HOST) PORT=$(PORT))"
	@echo "make test   set up .venv and run every test"
	@echo "make test-fast  the inner loop: unit and property tests, no kernel, server or browser (< 60 s)"
	@echo "make lint   ruff and mypy (make test runs them first)"
	@echo "make bench  print the benchmark table (ratios against floors measured in the same run)"
	@echo "make eval-analyzer  the draft analyzer on the frozen holdout, with 95% intervals"
	@echo "make train-analyzer  retrain the analyzer's model (fixed seed; never reads the holdout)"
	@echo "make release  regenerate exercises/ from solutions/ with nbgrader"
	@echo "make lessons  rebuild and re-run the lesson notebooks from course/src/ (course/lessons.yaml)"
	@echo "make lock   re-pin requirements.lock from pyproject.toml"

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
# --compile-bytecode: the .pyc files are written once here, so no later process (a kernel, a test, the
# analyzer's first call) compiles numpy and friends from source again, even where
# PYTHONDONTWRITEBYTECODE is set (measured: first analyze() 0.65 s -> 0.24 s on such a machine).
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(VENV)/bin/python -r requirements.lock
	$(VENV)/bin/uv pip install --quiet --python $(VENV)/bin/python --no-deps -e .
	@touch $(STAMP)

lab: $(STAMP)
	@echo "Opening the course at http://$(HOST):$(PORT)/lab/tree/course/00-start-here.ipynb"
	@echo "(the full URL with its access token is printed below)"
	$(BIN)/jupyter lab course/00-start-here.ipynb --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) \
		--ServerApp.root_dir=$(CURDIR) $(BROWSER_FLAG) $(ROOT_FLAG)

test: $(STAMP)
	$(BIN)/python -m tools.run_tests $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m tools.run_tests --fast $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/python -m tools.run_tests --lint

bench: $(STAMP)
	$(BIN)/python -m bench

# The analyzer on the frozen holdout (corpus/holdout.jsonl): per-label F1 with
# bootstrap 95% intervals, and the first-look figure of every corpus batch.
eval-analyzer: $(STAMP)
	$(BIN)/python -m tools.eval_analyzer

# Retrain the analyzer's model from corpus/train.jsonl and corpus/drafts.jsonl
# (never the holdout), with a fixed seed, into pushback_lib/analyzer/data/model.npz.
train-analyzer: $(STAMP)
	OMP_NUM_THREADS=1 $(BIN)/python -m tools.train_analyzer

# Re-run the source assignments (solutions/) and store their outputs; then `make release`.
solutions: $(STAMP)
	$(BIN)/python -m tools.run_solutions

release: $(STAMP)
	$(BIN)/python -m tools.release

nav: $(STAMP)
	$(BIN)/python -m tools.add_navigation

# Lessons are listed in course/lessons.yaml and written in course/src/*.md; this rebuilds and re-runs every
# lesson notebook (run it after changing what the library prints).
lessons: $(STAMP)
	$(BIN)/python -m tools.build_notebooks

lock:
	@test -x $(VENV)/bin/uv || $(MAKE) venv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --python-version 3.11 \
		--no-header --annotation-style line -o requirements.lock
	$(BIN)/python -m tools.sync_environment

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts

# A local multi-user course on JupyterHub (root; see docs/jupyterhub.md).
LEARNERS ?= 2
.PHONY: hub-up hub-down hub-status
hub-up: $(STAMP)
	$(BIN)/python deploy/jupyterhub/hubctl.py up --learners $(LEARNERS)

hub-down: $(STAMP)
	$(BIN)/python deploy/jupyterhub/hubctl.py down

hub-status: $(STAMP)
	$(BIN)/python deploy/jupyterhub/hubctl.py status
