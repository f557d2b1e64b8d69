"""Shared fixtures: the corpus in the repo and the real documents in ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportmine.core.models import TABLES
from reportmine.output.frames import read_arrow
from reportmine.output.writer import publish_datasets
from reportmine.pipeline import iter_input_files, process_file, run_batch

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


# The corpus output written once per session, as one file per table, as a Dask run's
# part files, and from an empty input folder: what the analysis entry points
# (`reportmine.load`, query, export, eval's gate, the examples) are tested on.
@pytest.fixture(scope="session")
def corpus_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "out"
    run_batch(CORPUS, out, workers=0)
    return out


@pytest.fixture(scope="session")
def partitioned_out(corpus_out, tmp_path_factory) -> Path:
    """The corpus tables as the Dask runner writes them: OUT_DIR/<table>/part-NNNNN.parquet,
    each table cut in three parts by the same writer."""
    out = tmp_path_factory.mktemp("partitioned") / "out"
    parts = {}
    for table in TABLES:
        data = read_arrow(corpus_out, table)
        third = max(1, -(-data.num_rows // 3))
        parts[table] = [data.slice(i, third) for i in range(0, max(data.num_rows, 1), third)]
    publish_datasets(parts, out, out / ".scratch")
    return out


@pytest.fixture(scope="session")
def empty_out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("empty")
    (root / "papers").mkdir()
    run_batch(root / "papers", root / "out", workers=0)
    return root / "out"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from what the pipeline outputs now (say why in the commit)",
    )
