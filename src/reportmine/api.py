"""The notebook API: `import reportmine as rm`.

- `rm.load(OUT_DIR)`: a run's tables as typed pandas (or polars) frames, with joined views.
- `rm.extract(path_or_text)`: one document through the pipeline in memory, no OUT_DIR.
- `rm.tables(results)`: what `extract` returned, as the frames `load` gives.
- `rm.query(OUT_DIR, sql)`: DuckDB over the tables (the `reportmine query` command).
- `rm.council_summary(tables)`: latest inspection, caseload and agency rate per council.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportmine.core.models import TABLES
from reportmine.output.frames import Backend, Tables, arrow_to_pandas, load
from reportmine.output.sql import run_sql
from reportmine.output.summary import council_summary

if TYPE_CHECKING:  # the pipeline is imported when first used: `rm.load` needs none of it
    from reportmine.batch.process import DocumentResult

TEXT_NAME = "text.txt"

__all__ = ["council_summary", "extract", "load", "query", "tables"]


def _is_file_path(source: str) -> bool:
    """A string names a file when it is one line and that file exists; anything else is
    the paper's text."""
    if "\n" in source or len(source) >= 4096:
        return False
    try:
        return Path(source).is_file()
    except (OSError, ValueError):  # too long for a file name, or a NUL character in it
        return False


def extract(source: Path | str, name: str = TEXT_NAME) -> DocumentResult:
    """Run the pipeline on one document in memory and return its records.

    `source` is a file (a `Path`, or a string naming an existing file) or the paper's
    text itself. For text, `name` is the path it is treated as having: its suffix picks
    the loader (`.txt`, `.md`, `.html`) and a council or dated folder in it is used where
    the text names none, as for files. Never raises for bad input: an empty text gives a
    `failed` document with an `errors` row, as `reportmine run` would.
    """
    from reportmine.batch.process import error_record, extract_document, failed_result, process_file
    from reportmine.core.document import doc_id_for_bytes
    from reportmine.loaders import HEAD_BYTES, LoadError, load_document, sniff_format

    if isinstance(source, Path) or _is_file_path(source):
        return process_file(Path(source))

    data = source.encode("utf-8")
    try:
        doc = load_document(Path(name), data=data)
    except LoadError as exc:
        doc_id = doc_id_for_bytes(data)
        fmt = sniff_format(Path(name), data[:HEAD_BYTES])
        return failed_result(name, doc_id, fmt, error_record(name, doc_id, "load", exc))
    return extract_document(doc)


def tables(results: DocumentResult | Iterable[DocumentResult],
           backend: Backend = "pandas") -> Tables:
    """Results of `extract` (one or several) as the typed frames `load` gives."""
    from reportmine.batch.process import DocumentResult
    from reportmine.output.writer import rows_to_table

    batch = [results] if isinstance(results, DocumentResult) else list(results)
    arrow = {t: rows_to_table(t, [row for r in batch for row in r.rows(t)]) for t in TABLES}
    return Tables(arrow, backend, source="extract")


def query(out_dir: Path | str, sql: str) -> Any:
    """One SQL statement over OUT_DIR's tables (DuckDB; each table is a view named after
    it), as a pandas frame. Raises `QueryError` with DuckDB's one-line reason."""
    return arrow_to_pandas(run_sql(out_dir, sql))
