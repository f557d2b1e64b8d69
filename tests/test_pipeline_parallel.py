"""Parallel local runs: any number of workers writes exactly the one-worker tables."""

from __future__ import annotations

import shutil

from reportmine.batch.executors import default_workers
from reportmine.pipeline import iter_input_files, run_batch
from tests.batch_helpers import assert_same_tables, copy_corpus, read_tables
from tests.conftest import CORPUS


def _inputs(tmp_path):
    src = copy_corpus(tmp_path / "in", copies=2)
    # the same bytes under a second name, and a file no one can parse
    shutil.copy(CORPUS / "seeds" / "003_a34c8c92c159d15d.txt", src / "same as 003.txt")
    (src / "garbage.txt").write_bytes(bytes(range(256)) * 8)
    return src


def test_two_workers_write_the_same_tables_as_one(tmp_path):
    src = _inputs(tmp_path)
    inline = run_batch(src, tmp_path / "w0", workers=0)
    one = run_batch(src, tmp_path / "w1", workers=1)
    two = run_batch(src, tmp_path / "w2", workers=2)
    expected = read_tables(tmp_path / "w0")
    assert_same_tables(read_tables(tmp_path / "w1"), expected)
    assert_same_tables(read_tables(tmp_path / "w2"), expected)
    assert inline.counts == one.counts == two.counts
    # One figure per worker that processed a document: a worker still loading when the
    # other has finished this small batch processes none.
    assert 1 <= len(two.peak_rss_mb) <= 2 and all(mb > 0 for mb in two.peak_rss_mb)


def test_rows_follow_the_input_order_and_copies_keep_their_own_path(tmp_path):
    src = _inputs(tmp_path)
    summary = run_batch(src, tmp_path / "out", workers=2)
    docs = read_tables(tmp_path / "out")["documents"].to_pylist()
    expected = [p.relative_to(src).as_posix() for p in iter_input_files(src)]
    assert [d["source_path"] for d in docs] == expected
    by_path = {d["source_path"]: d for d in docs}
    assert by_path["same as 003.txt"]["doc_id"] == by_path["copy00/seeds/003_a34c8c92c159d15d.txt"][
        "doc_id"
    ]
    metrics = read_tables(tmp_path / "out")["metrics"].to_pylist()
    copied = [m for m in metrics if m["doc_id"] == by_path["same as 003.txt"]["doc_id"]]
    assert copied and len(copied) % 2 == 0  # once for each of the two paths
    assert summary.n_documents == len(expected)


def test_default_is_one_worker_per_core():
    assert default_workers() >= 1
