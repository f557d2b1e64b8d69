"""The library API: one file -> one DocumentResult; a folder -> Parquet tables.

The CLI is a thin shell over `process_file` and `run_batch`; a notebook can call both.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from reportmine.document import Document, doc_id_for_bytes
from reportmine.extractors.base import Extractor, check_evidence
from reportmine.extractors.registry import default_extractors
from reportmine.loaders import LoadError, load_document, sniff_format
from reportmine.models import (
    RECORD_MODELS,
    DocumentRecord,
    ErrorRecord,
    EvidenceRow,
)
from reportmine.version import PIPELINE_VERSION, SCHEMA_VERSION
from reportmine.writer import TABLES, write_table

RECORD_TABLES = tuple(m.table for m in RECORD_MODELS)


@dataclass
class DocumentResult:
    """Everything extracted from one input file."""

    document: DocumentRecord
    records: dict[str, list[BaseModel]] = field(default_factory=dict)
    errors: list[ErrorRecord] = field(default_factory=list)
    text: str | None = None  # the normalised text, for `show` and evidence checks

    def rows(self, table: str) -> list[BaseModel]:
        if table == "documents":
            return [self.document]
        if table == "errors":
            return list(self.errors)
        return self.records.get(table, [])


def _error(source_path: str, doc_id: str | None, stage: str, exc: Exception) -> ErrorRecord:
    if isinstance(exc, LoadError):
        return ErrorRecord(
            doc_id=doc_id,
            source_path=source_path,
            stage=exc.stage,  # type: ignore[arg-type]
            error_type=exc.error_type,
            message=exc.message,
        )
    return ErrorRecord(
        doc_id=doc_id,
        source_path=source_path,
        stage=stage,  # type: ignore[arg-type]
        error_type=type(exc).__name__,
        message=f"{stage} failed: {exc}",
    )


def extract_document(doc: Document, extractors: list[Extractor] | None = None) -> DocumentResult:
    """Run every extractor on a loaded document; one failing extractor fails only itself."""
    extractors = extractors if extractors is not None else default_extractors()
    document = DocumentRecord(
        doc_id=doc.doc_id,
        source_path=doc.source_path,
        source_format=doc.source_format,
        n_pages=doc.n_pages,
        n_chars=len(doc.text),
        pipeline_version=PIPELINE_VERSION,
        schema_version=SCHEMA_VERSION,
    )
    result = DocumentResult(
        document=document, records={t: [] for t in RECORD_TABLES}, text=doc.text
    )
    for extractor in extractors:
        try:
            produced = extractor.extract(doc)
        except Exception as exc:  # noqa: BLE001 - one extractor must not sink the document
            result.errors.append(_error(doc.source_path, doc.doc_id, "extract", exc))
            document.status = "partial"
            continue
        if extractor.table == "documents":
            for fields in produced:
                for name, value in fields.model_dump(exclude_none=True).items():
                    setattr(document, name, value)
            continue
        for record in produced:
            if isinstance(record, EvidenceRow) and not check_evidence(doc, record):
                result.errors.append(
                    _error(
                        doc.source_path,
                        doc.doc_id,
                        "extract",
                        ValueError(
                            f"{extractor.name} produced a quote that does not match "
                            f"its offsets {record.char_start}-{record.char_end}"
                        ),
                    )
                )
                continue
            result.records[extractor.table].append(record)
    return result


def _failed(source_path: str, doc_id: str | None, fmt: str, error: ErrorRecord) -> DocumentResult:
    document = DocumentRecord(
        doc_id=doc_id or "",
        source_path=source_path,
        source_format=fmt,
        status="failed",
        pipeline_version=PIPELINE_VERSION,
        schema_version=SCHEMA_VERSION,
    )
    return DocumentResult(document=document, errors=[error])


def process_file(
    path: Path, root: Path | None = None, extractors: list[Extractor] | None = None
) -> DocumentResult:
    """Load and extract one file. Never raises for bad input: failures become error rows."""
    path = Path(path)
    source_path = path.relative_to(root).as_posix() if root else path.as_posix()
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        err = LoadError("permission_denied", f"Cannot read the file: {exc.strerror}.")
        return _failed(source_path, None, "unknown", _error(source_path, None, "load", err))
    except OSError as exc:
        err = LoadError("unreadable_file", f"Cannot read the file: {exc}.")
        return _failed(source_path, None, "unknown", _error(source_path, None, "load", err))
    doc_id = doc_id_for_bytes(data)
    try:
        doc = load_document(path, root, data=data)
    except Exception as exc:  # noqa: BLE001 - a bad file becomes an error row
        fmt = sniff_format(path, data[:2048])
        return _failed(source_path, doc_id, fmt, _error(source_path, doc_id, "load", exc))
    result = extract_document(doc, extractors)
    if doc.warnings and result.document.status == "ok":
        result.document.status = "partial"
    return result


def iter_input_files(in_dir: Path) -> Iterator[Path]:
    """Every regular file below IN_DIR, sorted, hidden files skipped, links not followed."""
    in_dir = Path(in_dir)
    if in_dir.is_file():
        yield in_dir
        return
    for dirpath, dirnames, filenames in os.walk(in_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


@dataclass
class RunSummary:
    """Counts per table and the output paths of one batch run."""

    n_documents: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    status_counts: dict[str, int] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)


def run_batch(
    in_dir: Path,
    out_dir: Path,
    extractors: list[Extractor] | None = None,
    on_progress: Callable[[DocumentResult], None] | None = None,
) -> RunSummary:
    """Process every file below IN_DIR and write one Parquet file per table to OUT_DIR."""
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    extractors = extractors if extractors is not None else default_extractors()
    root = in_dir if in_dir.is_dir() else in_dir.parent
    tables: dict[str, list[BaseModel]] = {t: [] for t in TABLES}
    summary = RunSummary()
    for path in iter_input_files(in_dir):
        result = process_file(path, root, extractors)
        for table in TABLES:
            tables[table].extend(result.rows(table))
        summary.n_documents += 1
        status = result.document.status
        summary.status_counts[status] = summary.status_counts.get(status, 0) + 1
        if on_progress:
            on_progress(result)
    for table in TABLES:
        summary.paths[table] = write_table(table, tables[table], out_dir)
        summary.counts[table] = len(tables[table])
    return summary
