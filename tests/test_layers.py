"""The package's layers run one way (the contracts in pyproject.toml's [tool.importlinter])."""

from __future__ import annotations

import os

from importlinter.cli import lint_imports

from tests.conftest import REPO


def test_imports_respect_the_layer_contracts(capsys):
    here = os.getcwd()
    os.chdir(REPO)
    try:
        status = lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True,
                              no_logo=True)
    finally:
        os.chdir(here)
    assert status == 0, capsys.readouterr().out
