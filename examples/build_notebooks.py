"""Build each example's notebook from its script, so the two never differ.

The scripts are in the percent format (`# %%` starts a code cell, `# %% [markdown]` a
markdown one whose lines start with `# `). Run `python examples/build_notebooks.py` after
changing a script; tests/test_examples.py checks the notebooks are up to date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

EXAMPLES = Path(__file__).resolve().parent
SCRIPTS = ("caseloads_and_grades.py",)
_CELL = re.compile(r"^# %%( \[markdown\])?[^\n]*\n", re.MULTILINE)


def cells(script: str) -> list[tuple[str, str]]:
    """(kind, source) per cell of a percent-format script; kind is `code` or `markdown`."""
    marks = list(_CELL.finditer(script))
    out = []
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        body = script[mark.end(): following.start() if following else len(script)].strip("\n")
        if mark.group(1):
            body = "\n".join(line.removeprefix("#").removeprefix(" ") for line in body.splitlines())
            out.append(("markdown", body))
        else:
            out.append(("code", body))
    return out


def notebook(script: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) if kind == "code"
                else nbformat.v4.new_markdown_cell(src) for kind, src in cells(script)]
    for number, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{number}"  # stable ids: a rebuild changes nothing
    return nb


def notebook_path(script: Path) -> Path:
    return script.with_suffix(".ipynb")


def main() -> None:
    for name in SCRIPTS:
        script = EXAMPLES / name
        nbformat.write(notebook(script.read_text(encoding="utf-8")), notebook_path(script))
        print(f"wrote {notebook_path(script)}", file=sys.stderr)


if __name__ == "__main__":
    main()
