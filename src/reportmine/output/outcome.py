"""What one document sends back from wherever it was processed: its rows, by column.

A `DocOutcome` is small to pickle (no pydantic objects, no text) and is the unit the
store commits and the tables are assembled from, whichever engine produced it. Rows
travel as columns (one list of values per field) because the parent turns them into
Arrow tables, and Arrow builds a table from lists far faster than from row dicts; the
parent's time is the one serial part of a parallel run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportmine.core.models import TABLE_MODELS  # not the writer: workers need no pyarrow
from reportmine.parsing.dates import date_in_path
from reportmine.reference.councils import council_from_path

Columns = dict[str, list]  # field name -> its value in each row


@dataclass
class DocOutcome:
    """The rows of one document: `columns[table]` holds each field's values, row by row;
    a table without rows for the document is absent.

    `cacheable` is False when the rows depend on this run rather than on the file's bytes
    (a time or memory limit was hit, or the file could not be read): such a document is
    tried again on the next run. `skipped` marks a document taken from an earlier run.
    """

    source_path: str
    doc_id: str | None
    status: str
    columns: dict[str, Columns] = field(default_factory=dict)
    cacheable: bool = True
    skipped: bool = False

    @classmethod
    def from_result(cls, result, cacheable: bool = True) -> DocOutcome:
        """From a `pipeline.DocumentResult` (anything with `.document` and `.rows(table)`)."""
        columns = {}
        shared: dict[str, str] = {}
        for table, model in TABLE_MODELS.items():
            if records := result.rows(table):
                columns[table] = {
                    f: _shared([getattr(r, f) for r in records], shared) for f in model.model_fields
                }
        doc = result.document
        return cls(doc.source_path, doc.doc_id or None, doc.status, columns, cacheable)

    @property
    def cache_key(self) -> str | None:
        """The key its rows are stored under (`cache_key`), from its `documents` row."""
        if not self.doc_id or "documents" not in self.columns:
            return None
        documents = self.columns["documents"]
        return cache_key(self.doc_id, documents["source_format"][0], documents["source_path"][0])

    def n_rows(self, table: str) -> int:
        return len(next(iter(self.columns[table].values()))) if table in self.columns else 0


def cache_key(doc_id: str, fmt: str, source_path: str) -> str:
    """What decides a document's rows, as the store keys them: its bytes (`doc_id`), the
    format it is read as, which the bytes decide when they can and the file's name
    otherwise (the same bytes are a paper as `.txt` and unsupported without a suffix), and
    what its path tells the extraction (`path_facts`)."""
    return f"{doc_id}/{fmt}/{path_facts(source_path)}"


def path_facts(source_path: str) -> str:
    """The council and the date a document's path names: a paper whose text is silent
    takes them from there (`DocumentFieldsExtractor`), so copies of one file in two
    councils' folders are two results."""
    council = council_from_path(source_path)
    day = date_in_path(source_path)
    return f"{council.gss_code if council else ''}|{day.isoformat() if day else ''}"


def _shared(values: list, shared: dict[str, str]) -> list:
    """`values` with equal strings as one object, which pickle then sends once (a
    finding's text is its quote): the parent unpickles every outcome, serially."""
    if not values or not isinstance(values[0], str):
        return values
    return [shared.setdefault(v, v) if v is not None else None for v in values]
