"""End to end on the corpus: evidence integrity, pages, and a batch with bad files in it."""

from __future__ import annotations

import re

import pyarrow.parquet as pq
import pypdfium2 as pdfium
import pytest

from reportmine.output.writer import TABLES
from reportmine.pipeline import RECORD_TABLES, process_file, run_batch
from tests.conftest import CORPUS, corpus_files


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_every_record_quotes_its_offsets(path, corpus_results):
    result = corpus_results[path.relative_to(CORPUS).as_posix()]
    assert result.document.status == "ok", result.errors
    n = 0
    for table in RECORD_TABLES:
        for row in result.records[table]:
            assert result.text[row.char_start : row.char_end] == row.quote
            assert row.doc_id == result.document.doc_id
            n += 1
    assert n > 0


@pytest.mark.parametrize(
    "path", [p for p in corpus_files() if p.suffix == ".pdf"], ids=lambda p: p.name
)
def test_pdf_records_name_the_page_their_quote_starts_on(path, corpus_results):
    result = corpus_results[path.relative_to(CORPUS).as_posix()]
    pdf = pdfium.PdfDocument(str(path))
    raw_pages = [_squash(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    checked = 0
    for table in RECORD_TABLES:
        for row in result.records[table]:
            assert row.page is not None
            head = _squash(row.quote)[:20]  # a quote may run on to the next page
            assert head in raw_pages[row.page - 1], (table, row.page, row.quote[:60])
            checked += 1
    assert checked > 0


def test_batch_with_bad_files_keeps_good_documents(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_bytes((CORPUS / "seeds" / "003_a34c8c92c159d15d.txt").read_bytes())
    (src / "empty.pdf").write_bytes(b"")
    (src / "garbage.txt").write_bytes(bytes(range(256)) * 10)
    (src / "name with spaces & 'quotes' \u00e9.txt").write_text("Caseloads are too high.")
    (src / "table.xlsx").write_bytes(b"PK\x03\x04")
    summary = run_batch(src, tmp_path / "out")
    assert summary.n_documents == 5
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pandas()
    errors = pq.read_table(tmp_path / "out" / "errors.parquet").to_pandas()
    assert dict(zip(docs.source_path, docs.status, strict=True))["good.txt"] == "ok"
    assert set(errors.source_path) == {"empty.pdf", "garbage.txt", "table.xlsx"}
    assert set(errors.stage) == {"load"}
    assert all(errors.message.str.len() > 10)
    metrics = pq.read_table(tmp_path / "out" / "metrics.parquet").to_pandas()
    assert 906000.0 in set(metrics.value)


def test_run_writes_every_table(tmp_path):
    summary = run_batch(CORPUS, tmp_path)
    assert set(summary.paths) == set(TABLES)
    for table in TABLES:
        assert (tmp_path / f"{table}.parquet").is_file()
    assert summary.counts["documents"] == len(corpus_files())


def test_process_file_on_missing_path_gives_error_row(tmp_path):
    result = process_file(tmp_path / "nope.txt", tmp_path)
    assert result.document.status == "failed"
    assert result.errors[0].error_type == "unreadable_file"
