"""One file -> one DocumentResult: load it, run every extractor, keep their errors.

This is what a worker runs per document; it needs neither the writer nor pyarrow, so a
worker process starts without importing them. The library API is `reportmine.pipeline`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from reportmine.batch.inputs import source_path_of
from reportmine.core.config import DEFAULT_CONFIG, PipelineConfig
from reportmine.core.document import Document, doc_id_for_bytes
from reportmine.core.models import (
    RECORD_TABLES,
    DocumentRecord,
    ErrorRecord,
    EvidenceRow,
)
from reportmine.core.version import SCHEMA_VERSION
from reportmine.extractors.base import Extractor, check_evidence
from reportmine.extractors.registry import default_extractors
from reportmine.loaders import HEAD_BYTES, LoadError, load_document, read_input, sniff_format
from reportmine.parsing.dates import resolve_deadline
from reportmine.text.analysis import AnalysedDocument


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


def error_record(source_path: str, doc_id: str | None, stage: str, exc: Exception) -> ErrorRecord:
    """The `errors` row for an exception; a LoadError carries its own type and message."""
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


def extract_document(
    doc: Document,
    extractors: list[Extractor] | None = None,
    config: PipelineConfig = DEFAULT_CONFIG,
) -> DocumentResult:
    """Run every extractor on a loaded document; one failing extractor fails only itself.

    extractors: default, the registry's, built from `config` (whose version the
    `documents` row records either way)."""
    extractors = extractors if extractors is not None else default_extractors(config)
    analysed = AnalysedDocument(doc)  # built once, read by every extractor
    document = DocumentRecord(
        doc_id=doc.doc_id,
        source_path=doc.source_path,
        source_format=doc.source_format,
        n_pages=doc.n_pages,
        n_chars=len(doc.text),
        pipeline_version=config.pipeline_version,
        schema_version=SCHEMA_VERSION,
    )
    result = DocumentResult(
        document=document, records={t: [] for t in RECORD_TABLES}, text=doc.text
    )
    for extractor in extractors:
        try:
            produced = extractor.extract(analysed)
        except MemoryError:
            raise  # the worker's memory guard reports it
        except Exception as exc:  # noqa: BLE001 - one extractor must not sink the document
            result.errors.append(error_record(doc.source_path, doc.doc_id, "extract", exc))
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
                    error_record(
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
    link_actions_to_meeting(result)
    return result


def link_actions_to_meeting(result: DocumentResult) -> None:
    """What the meeting a paper is for says of its actions. A resolution or a
    recommendation that names no owner is the meeting body's: the committee decides it
    (or is asked to). A deadline stated without a whole date ("by the end of June") is
    resolved against the meeting's date."""
    committee, meeting = result.document.committee, result.document.meeting_date
    for action in result.records.get("actions", []):
        kind = getattr(action, "kind", None)
        if committee and kind in ("resolution", "recommendation") and (
            not action.owner or action.owner.lower() in committee.lower()
        ):
            action.owner = committee  # "RECOMMENDED that the Cabinet Member:" is this one
        if meeting and action.due_text and action.due_date is None:
            action.due_date = resolve_deadline(action.due_text, meeting)


def failed_result(
    source_path: str,
    doc_id: str | None,
    fmt: str,
    error: ErrorRecord,
    config: PipelineConfig = DEFAULT_CONFIG,
) -> DocumentResult:
    """A `failed` document with its one error row."""
    document = DocumentRecord(
        doc_id=doc_id or "",
        source_path=source_path,
        source_format=fmt,
        status="failed",
        pipeline_version=config.pipeline_version,
        schema_version=SCHEMA_VERSION,
    )
    return DocumentResult(document=document, errors=[error])


def process_file(
    path: Path,
    root: Path | None = None,
    extractors: list[Extractor] | None = None,
    inside: Path | None = None,
    *,
    config: PipelineConfig = DEFAULT_CONFIG,
    on_stage: Callable[[str], None] | None = None,
) -> DocumentResult:
    """Load and extract one file. Never raises for bad input: failures become error rows.

    inside: a folder the file's real path must lie in (a link leaving it is refused).
    on_stage: told "load", then "extract" (a worker reports it when a limit stops it).
    """
    set_stage = on_stage or _no_stage
    path = Path(path)
    source_path = source_path_of(path, root)
    set_stage("load")
    try:
        data = read_input(path, inside)
    except LoadError as exc:
        return failed_result(
            source_path, None, "unknown", error_record(source_path, None, "load", exc), config
        )
    doc_id = doc_id_for_bytes(data)
    try:
        doc = load_document(path, root, data=data)
    except MemoryError:
        raise  # the worker's memory guard reports it
    except Exception as exc:  # noqa: BLE001 - a bad file becomes an error row
        fmt = sniff_format(path, data[:HEAD_BYTES])
        return failed_result(
            source_path, doc_id, fmt, error_record(source_path, doc_id, "load", exc), config
        )
    doc.source_path = source_path
    set_stage("extract")
    result = extract_document(doc, extractors, config)
    if doc.warnings and result.document.status == "ok":
        result.document.status = "partial"
    return result


def _no_stage(stage: str) -> None:
    """Where nobody watches the stages (this process, a notebook)."""
