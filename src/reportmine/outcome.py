"""What one document sends back from wherever it was processed: its rows, as plain dicts.

A `DocOutcome` is small to pickle (no pydantic objects, no text) and is the unit the
store commits and the tables are assembled from, whichever engine produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportmine.models import TABLES  # not the writer: workers need no pyarrow


@dataclass
class DocOutcome:
    """The rows of one document, by table.

    `cacheable` is False when the rows depend on this run rather than on the file's bytes
    (a time or memory limit was hit, or the file could not be read): such a document is
    tried again on the next run. `skipped` marks a document taken from an earlier run.
    """

    source_path: str
    doc_id: str | None
    status: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    cacheable: bool = True
    skipped: bool = False

    @classmethod
    def from_result(cls, result, cacheable: bool = True) -> DocOutcome:
        """From a `pipeline.DocumentResult` (anything with `.document` and `.rows(table)`)."""
        rows = {t: [r.model_dump() for r in result.rows(t)] for t in TABLES}
        doc = result.document
        return cls(doc.source_path, doc.doc_id or None, doc.status, rows, cacheable)
