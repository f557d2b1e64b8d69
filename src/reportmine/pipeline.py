"""The library API: one file -> one DocumentResult; a folder -> Parquet tables.

The CLI is a thin shell over `process_file` and `run_batch`; a notebook can call both.
`process_file` (in `reportmine.batch.process`) reads one document; `run_batch` (in
`reportmine.batch.run`) adds workers, incremental re-runs and Dask on top of it.
"""

from __future__ import annotations

from reportmine.batch.inputs import iter_input_files
from reportmine.batch.process import (
    RECORD_TABLES,
    DocumentResult,
    error_record,
    extract_document,
    failed_result,
    process_file,
)
from reportmine.batch.run import RunSummary, run_batch

__all__ = [
    "RECORD_TABLES",
    "DocumentResult",
    "RunSummary",
    "error_record",
    "extract_document",
    "failed_result",
    "iter_input_files",
    "process_file",
    "run_batch",
]
