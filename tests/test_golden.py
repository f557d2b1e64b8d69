"""Golden snapshots of every table for the corpus and a fixed list of ../shared documents.

A refactor leaves these unchanged. To accept a change that fixes a bug, run
`pytest tests/test_golden.py --update-golden` and name the fix in the commit.
"""

from __future__ import annotations

import json

import pytest

from reportmine.pipeline import process_file
from tests.conftest import CORPUS, SHARED, corpus_files
from tests.golden_snapshot import (
    GOLDEN,
    differences,
    document_snapshot,
    dumps,
    shared_documents,
    snapshot_path,
)


def _check(request, group: str, name: str, result, hide_text: bool) -> None:
    path = snapshot_path(group, name)
    actual = document_snapshot(result, hide_text)
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(actual), encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"no snapshot {path.relative_to(GOLDEN)}: run with --update-golden")
    expected = json.loads(path.read_text(encoding="utf-8"))
    if expected != actual:
        shown = differences(expected, actual, document_snapshot(result, hide_text=False))
        pytest.fail(f"{name} differs from its golden snapshot:\n  " + "\n  ".join(shown))


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_document_matches_its_golden_snapshot(request, corpus_results, path):
    name = str(path.relative_to(CORPUS))
    _check(request, "corpus", name, corpus_results[name], hide_text=False)


@pytest.mark.slow
@pytest.mark.parametrize("name", shared_documents())
def test_shared_document_matches_its_golden_snapshot(request, shared_dir, name):
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{name} is not in ../shared")
    _check(request, "shared", name, process_file(path, SHARED), hide_text=True)


def test_every_snapshot_belongs_to_a_listed_document():
    """A snapshot left behind by a removed document would never be checked again."""
    expected = {snapshot_path("corpus", str(p.relative_to(CORPUS))) for p in corpus_files()}
    expected |= {snapshot_path("shared", name) for name in shared_documents()}
    stored = set(GOLDEN.glob("*/*.json"))
    assert stored <= expected, sorted(str(p.relative_to(GOLDEN)) for p in stored - expected)
