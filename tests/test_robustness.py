"""Bad input: each bad file gets a `failed` documents row and a clear `errors` row, while
every good document of the same batch comes out exactly as it does on its own."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

import reportmine.loaders.files
from reportmine.batch.limits import Limits
from reportmine.batch.tasks import DEFAULT_SPEC, init_worker
from reportmine.batch.workers import GuardedPool
from reportmine.pipeline import run_batch
from tests.batch_helpers import read_tables
from tests.conftest import CORPUS

fpdf = pytest.importorskip("fpdf")

GOOD_NAME = "report with 'quotes', \"double\" & spaces \u00e9\u00e8 \u2013 caf\u00e9.txt"
SCRIPT_HTML = (
    b"<html><head><style>body{color:red}</style><script>var x = '\xc2\xa3999k overspend';"
    b"</script></head><body><h1>Workforce</h1><p>Agency staff make up 23% of social "
    b"workers.</p><script>document.write('12 cases')</script></body></html>"
)


def _pdf(pages: int, text: str | None = None, image: bool = False, password: str | None = None):
    pdf = fpdf.FPDF()
    for _ in range(pages):
        pdf.add_page()
        if text:
            pdf.set_font("helvetica", size=12)
            pdf.multi_cell(0, 10, text)
        if image:
            from PIL import Image

            picture = io.BytesIO()
            Image.new("L", (400, 300), color=200).save(picture, format="PNG")
            pdf.image(picture, x=10, y=10, w=150)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


def _good_inputs(folder: Path) -> None:
    folder.mkdir(parents=True)
    shutil.copy(CORPUS / "seeds" / "003_a34c8c92c159d15d.txt", folder / GOOD_NAME)
    shutil.copy(CORPUS / "pdf" / "000_8a4e7b8bd713e448.pdf", folder / "good paper.pdf")
    (folder / "cp1252.txt").write_bytes(
        "The overspend on placements is \u00a3923k \u2013 the \u2018plan\u2019 says so.".encode(
            "cp1252"
        )
    )
    (folder / "page.html").write_bytes(SCRIPT_HTML)


# name -> (bytes or a maker, expected stage, expected error type, words the message must hold)
BAD = {
    "empty.txt": (b"", "load", "empty_file", "empty"),
    "zero bytes.pdf": (b"", "load", "empty_file", "empty"),
    "truncated.pdf": (
        lambda: (CORPUS / "pdf" / "000_8a4e7b8bd713e448.pdf").read_bytes()[:20000],
        "load",
        "broken_pdf",
        "truncated",
    ),
    "locked.pdf": (
        lambda: _pdf(1, "Secret paper", password="pw"),
        "load",
        "encrypted_pdf",
        "password",
    ),
    "scan.pdf": (lambda: _pdf(2, image=True), "load", "no_text_layer", "OCR"),
    "blank pages.pdf": (lambda: _pdf(3000), "load", "no_text_layer", "blank"),
    "garbage.txt": (lambda: os.urandom(4096) + b"\x00" * 64, "load", "binary_content", "binary"),
}


def _bad_inputs(folder: Path) -> None:
    for name, (data, *_rest) in BAD.items():
        (folder / name).write_bytes(data() if callable(data) else data)
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to("..", target_is_directory=True)
    (folder / "unreadable.txt").write_text("Caseloads are 30.")
    (folder / "unreadable.txt").chmod(0)


def _snapshot(folder: Path) -> dict:
    return {
        p: (p.lstat().st_size, p.lstat().st_mtime_ns, p.lstat().st_mode)
        for p in sorted(folder.rglob("*"))
    }


def _deny_when_root(monkeypatch, path: Path) -> None:
    """Root reads any file: make this one unreadable all the same."""
    if os.geteuid() != 0:
        return

    def guarded_open(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return open(file, *args, **kwargs)

    monkeypatch.setattr(reportmine.loaders.files, "open", guarded_open, raising=False)


def _rows(tables, table, doc_ids):
    return [r for r in tables[table].to_pylist() if r["doc_id"] in doc_ids]


def test_bad_files_get_error_rows_and_good_documents_are_complete(tmp_path, monkeypatch):
    good, mixed = tmp_path / "good", tmp_path / "mixed"
    _good_inputs(good)
    shutil.copytree(good, mixed)
    _bad_inputs(mixed)
    _deny_when_root(monkeypatch, mixed / "unreadable.txt")
    before = _snapshot(tmp_path)

    summary = run_batch(mixed, tmp_path / "out", workers=2)

    out = tmp_path / "out"
    after = {p: v for p, v in _snapshot(tmp_path).items() if not p.is_relative_to(out)}
    assert after == before  # inputs untouched, nothing written outside OUT_DIR
    tables = read_tables(tmp_path / "out")
    docs = {d["source_path"]: d for d in tables["documents"].to_pylist()}
    errors = {e["source_path"]: e for e in tables["errors"].to_pylist()}
    expected = {name: spec[1:] for name, spec in BAD.items()}
    expected["loop.txt"] = ("load", "symlink_loop", "symbolic link")
    expected["sub/back"] = ("load", "symlink_loop", "symbolic link")
    expected["unreadable.txt"] = ("load", "permission_denied", "read access")
    assert set(errors) == set(expected)
    for name, (stage, error_type, words) in expected.items():
        error = errors[name]
        assert (error["stage"], error["error_type"]) == (stage, error_type), name
        assert words.lower() in error["message"].lower(), (name, error["message"])
        assert docs[name]["status"] == "failed"
    assert summary.n_documents == len(docs) == len(expected) + 4

    alone = tmp_path / "alone"
    run_batch(good, alone, workers=0)
    reference = read_tables(alone)
    good_ids = {d["doc_id"] for d in reference["documents"].to_pylist()}
    for table in ("documents", "inspections", "findings", "metrics", "actions", "errors"):
        assert _rows(tables, table, good_ids) == _rows(reference, table, good_ids), table
    assert docs[GOOD_NAME]["status"] == "ok" and docs["cp1252.txt"]["status"] == "ok"
    values = {(m["doc_id"], m["value"]) for m in tables["metrics"].to_pylist()}
    assert (docs["cp1252.txt"]["doc_id"], 923000.0) in values  # decoded, not rejected
    html_values = {v for d, v in values if d == docs["page.html"]["doc_id"]}
    assert 23.0 in html_values and 999000.0 not in html_values  # scripts are not text


def test_a_file_name_that_is_not_utf8_is_written_readably(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    name = os.fsdecode(b"caf\xe9 latin-1 name.txt")
    (src / name).write_text("Caseloads average 18 per social worker.")
    run_batch(src, tmp_path / "out", workers=0)
    (path,) = read_tables(tmp_path / "out")["documents"].column("source_path").to_pylist()
    assert path == "caf\\xe9 latin-1 name.txt"


def _huge_and_small(src: Path) -> Path:
    """A 50 MB text file (a seed paper many times over) and a small paper beside it."""
    src.mkdir()
    seed = (CORPUS / "seeds" / "003_a34c8c92c159d15d.txt").read_bytes()
    (src / "huge.txt").write_bytes(seed * (50 * 2**20 // len(seed) + 1))
    shutil.copy(CORPUS / "seeds" / "001_1b65184e27830452.txt", src / "small.txt")
    return src


@pytest.mark.slow
def test_a_50mb_text_file_is_stopped_by_the_time_limit_not_the_batch(tmp_path):
    src = _huge_and_small(tmp_path / "in")
    summary = run_batch(src, tmp_path / "out", workers=2, limits=Limits(timeout_s=4))
    tables = read_tables(tmp_path / "out")
    (error,) = tables["errors"].to_pylist()
    assert error["source_path"] == "huge.txt" and error["error_type"] == "timeout"
    assert error["stage"] in ("load", "extract") and "--timeout" in error["message"]
    assert summary.status_counts == {"failed": 1, "ok": 1}
    # a limit is about this run, not the file: the next run tries it again
    again = run_batch(src, tmp_path / "out", workers=1, limits=Limits(timeout_s=1))
    assert again.n_processed == 1 and again.n_skipped == 1


def vm_size_mb(_task) -> float:
    """Runs in a worker: its address space, in MB, once the pipeline is loaded."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmSize in /proc/self/status")


def _worker_address_space_mb() -> int:
    limits = Limits(memory_mb=None)
    with GuardedPool(1, vm_size_mb, init_worker, (DEFAULT_SPEC,), limits=limits) as pool:
        ((_, size),) = list(pool.imap_unordered([0]))
    return int(size)


@pytest.mark.slow
def test_a_document_that_needs_too_much_memory_is_stopped_by_the_memory_limit(tmp_path):
    src = _huge_and_small(tmp_path / "in")
    limits = Limits(timeout_s=60, memory_mb=_worker_address_space_mb() + 250)
    summary = run_batch(src, tmp_path / "out", workers=1, limits=limits)
    (error,) = read_tables(tmp_path / "out")["errors"].to_pylist()
    assert error["source_path"] == "huge.txt" and error["error_type"] == "memory_limit"
    assert "--max-memory-mb" in error["message"]
    assert summary.status_counts == {"failed": 1, "ok": 1}


def _never_opened(monkeypatch, *paths: Path) -> None:
    """Opening one of `paths` fails the test instead of blocking it for ever (opening a
    named pipe for reading waits for a writer)."""
    refused = {os.path.realpath(p) for p in paths}

    def guarded_open(file, *args, **kwargs):
        assert os.path.realpath(file) not in refused, f"{file} was opened"
        return open(file, *args, **kwargs)

    monkeypatch.setattr(reportmine.loaders.files, "open", guarded_open, raising=False)


def test_a_named_pipe_is_never_opened_and_gets_not_a_file(tmp_path, monkeypatch):
    """Issue 18: the scan opened a named pipe to hash it and waited for ever."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "paper.txt").write_text("Caseloads average 18 per social worker.")
    os.mkfifo(src / "pipe.txt")
    _never_opened(monkeypatch, src / "pipe.txt")
    summary = run_batch(src, tmp_path / "out", workers=0)
    assert summary.status_counts == {"failed": 1, "ok": 1}
    (error,) = read_tables(tmp_path / "out")["errors"].to_pylist()
    assert (error["source_path"], error["error_type"]) == ("pipe.txt", "not_a_file")


def test_a_file_replaced_by_a_pipe_after_the_scan_is_refused_at_once(tmp_path, monkeypatch):
    """Issue 18: a file that became a pipe between the scan and its reading waited the
    whole --timeout. The worker checks what the path is before opening it."""
    from reportmine.batch.process import process_file

    os.mkfifo(tmp_path / "paper.txt")
    _never_opened(monkeypatch, tmp_path / "paper.txt")
    result = process_file(tmp_path / "paper.txt", tmp_path)
    (error,) = result.errors
    assert result.document.status == "failed" and error.error_type == "not_a_file"


def test_a_pipe_put_in_place_between_the_check_and_the_open_does_not_block(tmp_path):
    """The check and the open are two steps: the open itself must not wait for a writer."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    handle = open(fifo, "rb", opener=reportmine.loaders.files._open_nonblocking)  # noqa: SIM115
    handle.close()  # reached: opening did not wait


def test_links_that_leave_in_dir_are_not_followed_unless_asked(tmp_path):
    """Issue 18: a link inside IN_DIR to any file on the machine was read and processed.
    A link to a file inside IN_DIR is still followed."""
    outside = tmp_path / "outside.txt"
    outside.write_text("Caseloads average 18 per social worker.")
    src = tmp_path / "in"
    src.mkdir()
    (src / "inner.txt").write_text("The overspend is \u00a3923k.")
    (src / "to inner.txt").symlink_to("inner.txt")
    (src / "to outside.txt").symlink_to(outside)
    (src / "to passwd.txt").symlink_to("/etc/passwd")

    run_batch(src, tmp_path / "out", workers=1)
    docs = {d["source_path"]: d for d in read_tables(tmp_path / "out")["documents"].to_pylist()}
    errors = {e["source_path"]: e for e in read_tables(tmp_path / "out")["errors"].to_pylist()}
    assert docs["to inner.txt"]["status"] == "ok"
    for name in ("to outside.txt", "to passwd.txt"):
        assert docs[name]["status"] == "failed" and docs[name]["doc_id"] == ""
        assert errors[name]["error_type"] == "link_outside_input"
        assert "--follow-links-outside" in errors[name]["message"]

    # A file that becomes such a link after the scan is refused by the worker too.
    from reportmine.batch.process import process_file

    (error,) = process_file(src / "to outside.txt", src, inside=src).errors
    assert error.error_type == "link_outside_input"

    run_batch(src, tmp_path / "followed", workers=1, follow_links_outside=True)
    followed = read_tables(tmp_path / "followed")["documents"].to_pylist()
    assert {d["source_path"]: d["status"] for d in followed}["to outside.txt"] == "ok"
