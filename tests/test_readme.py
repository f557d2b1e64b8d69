"""Every Python and SQL snippet in the README runs, and so does every shell snippet marked
`<!-- README test: runs -->`, in a folder laid out as the README assumes: `corpus/` and
`papers/` (the corpus), `out/` (its output, as `make run` writes it) and `accepted/out/`
(an accepted earlier run)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
MARK = "<!-- README test: runs -->"
_BLOCK = re.compile(r"(?P<mark><!-- README test: runs -->\n)?```(?P<lang>\w*)\n(?P<code>.*?)```",
                    re.DOTALL)


def snippets(lang: str, marked_only: bool = False) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [m["code"] for m in _BLOCK.finditer(text)
            if m["lang"] == lang and (m["mark"] or not marked_only)]


@pytest.fixture(scope="module")
def workdir(corpus_out, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    (root / "corpus").symlink_to(REPO / "corpus")
    (root / "papers").symlink_to(REPO / "corpus" / "papers")
    (root / "examples").symlink_to(REPO / "examples")
    shutil.copytree(corpus_out, root / "out")
    shutil.copytree(corpus_out, root / "accepted" / "out")
    return root


def test_the_readme_has_the_snippets_this_test_runs():
    assert len(snippets("sh", marked_only=True)) >= 4
    assert any("rm.load" in code for code in snippets("python"))


@pytest.mark.parametrize("code", snippets("python"), ids=lambda c: c.splitlines()[0][:40])
def test_python_snippet_runs(code, workdir, monkeypatch):
    monkeypatch.chdir(workdir)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})


@pytest.mark.parametrize("code", snippets("sql"), ids=lambda c: c.splitlines()[0][:40])
def test_sql_snippet_runs(code, workdir, monkeypatch):
    monkeypatch.chdir(workdir)
    assert duckdb.sql(code).fetchall()


@pytest.mark.parametrize("code", snippets("sh", marked_only=True),
                         ids=lambda c: c.splitlines()[0][:50])
def test_marked_shell_snippet_runs(code, workdir):
    python = shlex.quote(sys.executable)
    commands = {"reportmine": f"{python} -m reportmine", "python": python}
    script = re.sub(r"\.venv/bin/(reportmine|python)\b", lambda m: commands[m[1]], code)
    src = str(REPO / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (src, os.environ.get("PYTHONPATH")) if p)}
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
