# Two commands on a fresh clone: `make run` and `make test`. Each installs what it needs
# into .venv first (once; again when pyproject.toml changes).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
OUT ?= out

.PHONY: install run test lint schema show clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/reportmine run corpus/papers -o $(OUT)

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts

schema: $(STAMP)
	$(VENV)/bin/reportmine schema -o schemas

clean:
	rm -rf $(OUT) .pytest_cache
