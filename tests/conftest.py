"""Shared fixtures: the corpus in the repo and the real documents in ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportmine.pipeline import iter_input_files, process_file

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus" / "papers"
CORPUS_GOLD = REPO / "corpus" / "gold"
SHARED = REPO.parent / "shared"


def corpus_files() -> list[Path]:
    return list(iter_input_files(CORPUS))


@pytest.fixture(scope="session")
def corpus_results() -> dict[str, object]:
    """Every corpus document processed once per test session, by source path."""
    return {r.document.source_path: r for r in (process_file(p, CORPUS) for p in corpus_files())}


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
