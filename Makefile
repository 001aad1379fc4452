# Two commands matter: `make demo` and `make test`. Each creates .venv and installs on first use.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test eval bench lint typecheck install serve clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/sourcing-advisor index
	$(BIN)/sourcing-advisor ask "Should we outsource our core payment platform?"
	$(BIN)/sourcing-advisor ask "How much cheaper is a dedicated offshore team than an onshore team?"
	$(BIN)/sourcing-advisor evaluate --duration-months 24 --no-core --company tech \
		--budget medium --control high --upfront-investment high --local-talent scarce --change-rate high

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python -m tests.eval.run_eval

# The scale run embeds 10, 100 and 1,000 synthetic documents (several minutes);
# BENCH_SCALE_SIZES=10,100 make bench for a quick run, BENCH_SCALE_SIZES=0 to skip it.
bench: $(STAMP)
	$(BIN)/python -m tests.bench.run_bench

lint: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/ruff format --check bot tests
	$(BIN)/mypy

serve: $(STAMP)
	$(BIN)/sourcing-advisor serve --port 3000

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
