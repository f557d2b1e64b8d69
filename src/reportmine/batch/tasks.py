"""One document as a unit of work: what is sent to a worker, and what comes back.

The same three functions serve every engine (this process, local worker processes, Dask
workers): `init_worker` loads the pipeline once per process, `process_task` turns one
file into a `DocOutcome`, and `failure_outcome` turns a guard's `TaskFailure` (time or
memory limit, a crashed worker) into the `failed` document and `errors` row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportmine.batch.limits import Limits
from reportmine.batch.workers import TaskFailure, set_stage
from reportmine.core.config import DEFAULT_CONFIG, PipelineConfig
from reportmine.output.outcome import DocOutcome


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker builds its pipeline from: the run's configuration, and extractors
    given in code (a test's, a notebook's) in place of the registry's."""

    config: PipelineConfig = DEFAULT_CONFIG
    extractors: tuple | None = None

    def build(self) -> list:
        from reportmine.extractors.registry import default_extractors

        if self.extractors is not None:
            return list(self.extractors)
        return default_extractors(self.config)


DEFAULT_SPEC = PipelineSpec()
_extractors: list | None = None
_spec: PipelineSpec = DEFAULT_SPEC


@dataclass(frozen=True)
class DocTask:
    path: str
    root: str | None
    source_path: str
    doc_id: str | None
    size: int = 0
    fmt: str = "unknown"  # the format the scan found it to be in
    inside: str | None = None  # the folder its real path must lie in (links leaving it)


_WARM_UP_TEXT = (
    "Children's Services Scrutiny Committee - 9 June 2022\n"
    "Ofsted inspection of children's social care services\n"
    "Caseloads average 18 per social worker. The overspend is \u00a3923k.\n"
    "ACTION: the Director will report back by March 2023.\n"
)


def init_worker(spec: PipelineSpec = DEFAULT_SPEC) -> None:
    """Load the pipeline (the extractors and their models) once for this process.

    A small made-up paper is run through it, so what extractors build on first use
    (reference indexes, compiled rules, a model's first call) is built now and the
    first real document's time limit measures that document only.
    """
    global _extractors, _spec
    from reportmine.batch.process import extract_document
    from reportmine.core.document import Document

    _spec, _extractors = spec, spec.build()
    extract_document(Document("warm-up", "warm-up.txt", "txt", _WARM_UP_TEXT), _extractors)


def process_task(task: DocTask) -> DocOutcome:
    from reportmine.batch.process import process_file

    if _extractors is None:
        init_worker()
    root = Path(task.root) if task.root else None
    inside = Path(task.inside) if task.inside else None
    result = process_file(
        Path(task.path), root, _extractors, inside, config=_spec.config, on_stage=set_stage
    )
    return DocOutcome.from_result(result)


def _failure_message(failure: TaskFailure, limits: Limits) -> str:
    if failure.kind == "timeout":
        return (
            f"Stopped after {limits.timeout_s:g} s, the time limit per document (--timeout): "
            "the file is unusually large or slow to read. Split it, or raise --timeout."
        )
    if failure.kind == "memory_limit":
        return (
            f"Stopped: the document needed more than {limits.memory_mb} MB, the memory limit "
            "per worker (--max-memory-mb). Split the file, or raise --max-memory-mb."
        )
    return (
        f"The worker process died while reading this file ({failure.detail}); the file may "
        "be malformed. Check that it opens in a viewer, or save it again."
    )


def failure_outcome(task: DocTask, failure: TaskFailure, limits: Limits) -> DocOutcome:
    """A `failed` document with one error row; not cached, so the next run tries again."""
    from reportmine.batch.process import error_record, failed_result
    from reportmine.loaders import LoadError

    error = LoadError(failure.kind, _failure_message(failure, limits), stage=failure.stage)
    result = failed_result(
        task.source_path,
        task.doc_id,
        task.fmt,
        error_record(task.source_path, task.doc_id, failure.stage, error),
        _spec.config,
    )
    return DocOutcome.from_result(result, cacheable=False)


def unreadable_outcome(
    source_path: str, error: Exception, config: PipelineConfig = DEFAULT_CONFIG
) -> DocOutcome:
    """A file that could not be read at all: no doc_id, and tried again next run."""
    from reportmine.batch.process import error_record, failed_result

    record = error_record(source_path, None, "load", error)
    return DocOutcome.from_result(
        failed_result(source_path, None, "unknown", record, config), cacheable=False
    )
