# Two commands on a fresh clone: `make run` and `make test`. Each installs what it needs
# into .venv first (once; again when pyproject.toml changes).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
OUT ?= out

SHARED ?= ../shared
EVAL_OUT ?= out/eval

.PHONY: install run test lint schema eval bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(PY) -m compileall -q src
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/reportmine run corpus/papers -o $(OUT)

test: $(STAMP)
	$(PY) -m pytest

# Scores against gold: corpus/ always, the real documents in ../shared when present.
eval: $(STAMP)
	$(VENV)/bin/reportmine run corpus/papers -o $(EVAL_OUT)/corpus --quiet
	$(VENV)/bin/reportmine eval corpus/gold $(EVAL_OUT)/corpus
	@if [ -d "$(SHARED)/ofsted-reports" ]; then \
	  $(VENV)/bin/reportmine run $(SHARED) -o $(EVAL_OUT)/shared --quiet && \
	  $(VENV)/bin/reportmine eval $(SHARED)/ofsted-reports/gold \
	    $(SHARED)/ofsted-focused-visits/gold $(SHARED)/kent-council-papers/gold \
	    corpus/gold-shared $(EVAL_OUT)/shared; \
	else echo "$(SHARED) not found: scored corpus/ only"; fi
	@echo "note: findings on corpus/ and corpus/gold-shared are in-sample (the model is trained" \
	  "on them); its cross-validated scores are in models/findings_textcat/meta.json (reportmine train)."

# Speed on this machine (a benchmark, not a test): prints the figures, writes a JSON
# report to bench/results/. Skips the PDF part when ../shared is absent. Then the review
# report: writing it for 10,000 documents, and its first view in headless Chromium.
REPEATS ?= 3
# Byte-compiled first, as an installed package is: where writing bytecode is switched off
# (PYTHONDONTWRITEBYTECODE), every worker would otherwise compile the package's source
# again at start-up.
bench: $(STAMP)
	$(PY) -m compileall -q src
	$(PY) bench/bench.py --repeats $(REPEATS)
	$(PY) bench/report_bench.py --repeats $(REPEATS)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts bench examples
	$(VENV)/bin/lint-imports --no-cache

schema: $(STAMP)
	$(VENV)/bin/reportmine schema -o schemas

clean:
	rm -rf $(OUT) .pytest_cache
