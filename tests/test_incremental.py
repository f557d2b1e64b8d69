"""Incremental runs: re-runs skip what OUT_DIR already holds, and no kill loses or doubles rows."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

import reportmine.batch.workers
import reportmine.output.store
import reportmine.output.writer
from reportmine.output.store import STATE_DIR, RunLockedError, Store
from reportmine.pipeline import run_batch
from tests.batch_helpers import assert_same_tables, copy_corpus, read_tables


@pytest.fixture
def src(tmp_path):
    return copy_corpus(tmp_path / "in", copies=2)


def test_rerun_over_an_unchanged_folder_processes_nothing(src, tmp_path):
    out = tmp_path / "out"
    first = run_batch(src, out, workers=0)
    published = (out / "documents.parquet").stat().st_mtime_ns
    again = run_batch(src, out, workers=0)
    assert first.n_processed == first.n_documents == again.n_skipped
    assert again.n_processed == 0
    assert again.counts == first.counts and again.status_counts == first.status_counts
    assert (out / "documents.parquet").stat().st_mtime_ns == published  # nothing rewritten


def test_worker_processes_start_only_when_a_document_needs_them(src, tmp_path, monkeypatch):
    """Workers start at the first document to process, no more than there are documents
    to process; a re-run with nothing to do (even one that rewrites the tables) starts
    none."""
    spawned = []
    real_spawn = reportmine.batch.workers.GuardedPool._spawn
    monkeypatch.setattr(
        reportmine.batch.workers.GuardedPool,
        "_spawn",
        lambda pool, slot: (spawned.append(slot), real_spawn(pool, slot))[1],
    )
    out = tmp_path / "out"
    first = run_batch(src, out, workers=2)
    assert first.n_processed == first.n_documents and spawned == [0, 1]
    assert run_batch(src, out, workers=2).n_processed == 0
    (out / "documents.parquet").unlink()  # the tables are rebuilt from the store
    assert run_batch(src, out, workers=2).n_processed == 0
    assert (out / "documents.parquet").exists() and spawned == [0, 1]
    (src / "new.txt").write_text("Caseloads average 18 per social worker.", encoding="utf-8")
    (src / "new copy.txt").write_text("Caseloads average 18 per social worker.", encoding="utf-8")
    one = run_batch(src, out, workers=2)
    assert one.n_processed == 2  # one document, two files
    assert spawned == [0, 1, 0] and len(one.peak_rss_mb) == 1  # one worker for it, not two


def test_only_new_and_changed_files_are_processed(src, tmp_path):
    out = tmp_path / "out"
    run_batch(src, out, workers=0)
    changed = next((src / "copy01" / "seeds").glob("*.txt"))
    changed.write_bytes(changed.read_bytes() + b"\nAgency staff are 12% of the workforce.\n")
    (src / "copy01" / "new.txt").write_text("Caseloads average 18 per social worker.")
    shutil.rmtree(src / "copy01" / "pdf")
    (src / "copy00" / "seeds" / "001_1b65184e27830452.txt").rename(src / "renamed.txt")
    summary = run_batch(src, out, workers=0)
    assert summary.n_processed == 2
    run_batch(src, tmp_path / "clean", workers=0)
    assert_same_tables(read_tables(out), read_tables(tmp_path / "clean"))


def test_force_processes_everything_again(src, tmp_path):
    out = tmp_path / "out"
    first = run_batch(src, out, workers=0)
    forced = run_batch(src, out, workers=0, force=True)
    assert forced.n_processed == first.n_documents and forced.n_skipped == 0
    assert len(Store(out).segments()) == 1  # compacted
    run_batch(src, tmp_path / "clean", workers=0)
    assert_same_tables(read_tables(out), read_tables(tmp_path / "clean"))


def test_a_new_pipeline_version_processes_everything(src, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = run_batch(src, out, workers=0)
    monkeypatch.setattr(reportmine.output.store, "version_key", lambda version: "p9.9.9-s9.9")
    summary = run_batch(src, out, workers=0)
    assert summary.n_processed == first.n_documents
    assert [p.name for p in (out / STATE_DIR / "store").iterdir()] == ["p9.9.9-s9.9"]


def test_two_runs_cannot_write_one_folder(tmp_path):
    with Store(tmp_path) as _, pytest.raises(RunLockedError), Store(tmp_path):
        pass


def test_a_crash_while_publishing_is_repaired_by_the_next_run(src, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_batch(src / "copy00", out, workers=0)
    real_replace, calls = os.replace, []

    def crash_on_third(a, b):
        calls.append(b)
        if len(calls) == 3:
            raise KeyboardInterrupt("simulated kill")
        real_replace(a, b)

    monkeypatch.setattr(reportmine.output.writer.os, "replace", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        run_batch(src, out, workers=0)
    monkeypatch.setattr(reportmine.output.writer.os, "replace", real_replace)
    _assert_whole_files(out)
    run_batch(src, out, workers=0)
    run_batch(src, tmp_path / "clean", workers=0)
    assert_same_tables(read_tables(out), read_tables(tmp_path / "clean"))


def _assert_whole_files(out):
    for path in out.glob("*.parquet"):
        pq.read_table(path)  # raises on a half-written file


def _start(src, out):
    cmd = [sys.executable, "-m", "reportmine.cli", "run", str(src), "-o", str(out), "-q", "-j", "2"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_when(proc, ready, limit_s=60.0):
    deadline = time.monotonic() + limit_s
    while not ready() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.slow
def test_runs_killed_at_any_moment_then_rerun_equal_one_clean_run(tmp_path):
    src = copy_corpus(tmp_path / "in", copies=6)
    out = tmp_path / "out"
    store = out / STATE_DIR / "store"

    def segments():
        return list(store.glob("*/seg-*")) if store.is_dir() else []

    started = time.monotonic()
    kill_points = [
        lambda: time.monotonic() - started > 1.0,  # while starting up
        lambda: len(segments()) >= 1,  # once some documents are committed
        lambda: len(segments()) >= 3,  # later, mid-batch
        lambda: (out / "documents.parquet").exists(),  # while publishing or compacting
    ]
    for ready in kill_points:
        started = time.monotonic()
        _kill_when(_start(src, out), ready)
        _assert_whole_files(out)
    final = _start(src, out)
    assert final.wait(timeout=300) == 0
    run_batch(src, tmp_path / "clean", workers=0)
    assert_same_tables(read_tables(out), read_tables(tmp_path / "clean"))
    docs = read_tables(out)["documents"]
    assert docs.num_rows == len(set(docs.column("source_path").to_pylist())) == 42


def test_an_output_folder_inside_the_input_folder_is_not_read_as_input(src, tmp_path):
    first = run_batch(src, src / "out", workers=0)
    again = run_batch(src, src / "out", workers=0)
    assert again.n_processed == 0 and again.n_documents == first.n_documents
    paths = read_tables(src / "out")["documents"].column("source_path").to_pylist()
    assert not any(p.startswith("out/") for p in paths)


PAPER = "Children's Services Scrutiny Committee\nCaseloads average 18 per social worker.\n"


def test_a_file_renamed_so_its_name_gives_it_a_format_is_processed_again(tmp_path):
    """Issue 18: results were cached by content alone, so `report` renamed `report.txt`
    kept its 'unsupported file type' row until --force."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "report").write_text(PAPER, encoding="utf-8")
    first = run_batch(src, out, workers=0)
    assert first.status_counts == {"failed": 1}
    (src / "report").rename(src / "report.txt")
    again = run_batch(src, out, workers=0)
    assert again.n_processed == 1 and again.status_counts == {"ok": 1}
    clean = run_batch(src, tmp_path / "clean", workers=0)
    assert_same_tables(read_tables(out), read_tables(tmp_path / "clean"))
    assert clean.counts == again.counts


def test_identical_files_read_in_different_formats_each_get_their_own_result(tmp_path):
    """Issue 18: two identical files with different extensions shared the first one's
    result within one run. The same bytes as .txt and .md are two documents with the
    same doc_id; as .txt twice, one."""
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b.md", "c.txt", "d.txt"):
        (src / name).write_text(PAPER, encoding="utf-8")
    summary = run_batch(src, tmp_path / "out", workers=2)
    docs = read_tables(tmp_path / "out")["documents"].to_pylist()
    formats = {d["source_path"]: (d["source_format"], d["status"]) for d in docs}
    assert formats == {
        "a": ("unknown", "failed"),
        "b.md": ("md", "ok"),
        "c.txt": ("txt", "ok"),
        "d.txt": ("txt", "ok"),
    }
    assert len({d["doc_id"] for d in docs}) == 1
    errors = read_tables(tmp_path / "out")["errors"].to_pylist()
    assert [e["source_path"] for e in errors] == ["a"]
    assert summary.n_processed == 4
    (src / "e.md").write_text(PAPER, encoding="utf-8")  # the .md result is in the store
    again = run_batch(src, tmp_path / "out", workers=2)
    assert again.n_processed == 0 and again.n_skipped == 5
    run_batch(src, tmp_path / "clean", workers=2)
    assert_same_tables(read_tables(tmp_path / "out"), read_tables(tmp_path / "clean"))


@pytest.mark.parametrize("where", ["same", "inside"])
def test_an_out_dir_in_in_dir_is_never_read_as_input(tmp_path, where):
    """Issue 18: with OUT_DIR equal to IN_DIR, the next run read its own Parquet files
    as inputs (unsupported_format rows)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "paper.txt").write_text(PAPER, encoding="utf-8")
    (src / "documents").mkdir()  # an input folder named like a table is still read
    (src / "documents" / "other.txt").write_text(PAPER + "Other.\n", encoding="utf-8")
    out = src if where == "same" else src / "out"
    first = run_batch(src, out, workers=0)
    second = run_batch(src, out, workers=0, force=True)
    assert first.n_documents == second.n_documents == 2
    assert second.status_counts == {"ok": 2}
    paths = read_tables(out)["documents"].column("source_path").to_pylist()
    assert sorted(paths) == ["documents/other.txt", "paper.txt"]


def test_copies_in_two_councils_folders_each_get_their_councils_result(tmp_path):
    """A paper whose text names no council takes it from its path: the same bytes under
    two councils' folders are two results, and a move within one council's folder is none."""
    silent = "Agenda item\nCorporate parenting\nMinutes:\nThe Panel noted the report.\n"
    src = tmp_path / "in"
    for folder in ("80443_bury", "80482_leicester"):
        (src / folder).mkdir(parents=True)
        (src / folder / "minutes.txt").write_text(silent, encoding="utf-8")
    run_batch(src, tmp_path / "out", workers=0)
    docs = read_tables(tmp_path / "out")["documents"].to_pylist()
    assert {d["source_path"]: d["council"] for d in docs} == {
        "80443_bury/minutes.txt": "Bury",
        "80482_leicester/minutes.txt": "Leicester",
    }
    (src / "80443_bury" / "minutes.txt").rename(src / "80443_bury" / "renamed.txt")
    again = run_batch(src, tmp_path / "out", workers=0)
    assert again.n_processed == 0
    run_batch(src, tmp_path / "clean", workers=0)
    assert_same_tables(read_tables(tmp_path / "out"), read_tables(tmp_path / "clean"))
