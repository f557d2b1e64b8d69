"""The examples answer their question on the corpus output, as a script and as a notebook."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPT = EXAMPLES / "caseloads_and_grades.py"
ANSWER = "Councils whose latest paper states a caseload above 20: 1"


def builder():
    path = EXAMPLES / "build_notebooks.py"
    spec = importlib.util.spec_from_file_location("build_notebooks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def environment(out_dir: Path) -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[1] / "src")
    path = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "REPORTMINE_OUT": str(out_dir), "PYTHONPATH": path}


@pytest.mark.parametrize("name", ["caseloads_and_grades.py"])
def test_notebook_is_built_from_the_script(name):
    build = builder()
    assert name in build.SCRIPTS
    script = EXAMPLES / name
    committed = nbformat.read(build.notebook_path(script), as_version=4)
    built = build.notebook(script.read_text(encoding="utf-8"))
    assert [(c.cell_type, c.source) for c in committed.cells] == [
        (c.cell_type, c.source) for c in built.cells
    ], "run `python examples/build_notebooks.py`"
    assert all(not c.get("outputs") for c in committed.cells)


def test_script_answers_on_the_corpus_output(corpus_out):
    done = subprocess.run([sys.executable, str(SCRIPT)], env=environment(corpus_out),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert ANSWER in done.stdout
    (row,) = [line for line in done.stdout.splitlines() if line.startswith("Blackburn")]
    assert "22.0" in row and "2020-07-09" in row and "ilacs" in row


@pytest.mark.slow
def test_notebook_runs_in_a_kernel(corpus_out, monkeypatch):
    nbclient = pytest.importorskip("nbclient")
    for name, value in environment(corpus_out).items():
        monkeypatch.setenv(name, value)
    nb = nbformat.read(SCRIPT.with_suffix(".ipynb"), as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(EXAMPLES)}}).execute()
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert ANSWER in printed and "Blackburn with Darwen" in printed
    shown = nb.cells[1].outputs[0]["data"]["text/plain"]  # the loaded tables' repr
    assert shown.startswith("Tables(") and "metrics=36" in shown
