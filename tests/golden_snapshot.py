"""Golden snapshots: every table's records for a fixed set of documents, as JSON.

A refactor must leave them unchanged; a change that fixes a bug regenerates them
(`pytest tests/test_golden.py --update-golden`) and says so in its commit.

The corpus papers are the project's own fixtures and are stored as they come out. The
documents from ../shared must not put their text into the project, so every free-text
value in their records (quotes, finding text, committee names, subjects) is stored as a
short hash; labels from the schema's closed vocabularies, numbers, dates, offsets and
pages are stored as they are, so a diff still says what moved.
"""

from __future__ import annotations

import hashlib
import json
import typing
from datetime import date
from pathlib import Path
from typing import Any, Literal

from reportmine.core.models import TABLE_MODELS, TABLES

GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED_LIST = GOLDEN / "shared_documents.txt"
# Fields that name the build rather than what was extracted.
VOLATILE = {"pipeline_version"}
# Values that are not the document's words: ids, paths, the reference list's council names
# and codes, and the project's own component names.
NOT_DOCUMENT_TEXT = frozenset(
    {"doc_id", "source_path", "source_format", "council", "council_code", "extractor",
     "schema_version", "stage", "error_type"}
)


def shared_documents() -> list[str]:
    """The fixed list of ../shared documents (paths relative to ../shared)."""
    return [line for line in SHARED_LIST.read_text().splitlines() if line.strip()]


def _is_vocabulary(annotation: Any) -> bool:
    """A closed list of labels (a Literal, possibly optional) rather than free text."""
    if typing.get_origin(annotation) is Literal:
        return True
    return any(_is_vocabulary(a) for a in typing.get_args(annotation))


def _vocabulary_fields(table: str) -> frozenset[str]:
    fields = TABLE_MODELS[table].model_fields
    return frozenset(name for name, f in fields.items() if _is_vocabulary(f.annotation))


def text_hash(value: str) -> str:
    return "sha1:" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]


def _plain(value: Any, hide_text: bool) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and hide_text:
        return text_hash(value)
    if isinstance(value, list):
        return [_plain(v, hide_text) for v in value]
    return value


def record_snapshot(table: str, record: Any, hide_text: bool) -> dict[str, Any]:
    keep = _vocabulary_fields(table) | NOT_DOCUMENT_TEXT
    return {
        name: _plain(value, hide_text and name not in keep)
        for name, value in record.model_dump().items()
        if name not in VOLATILE
    }


def document_snapshot(result: Any, hide_text: bool) -> dict[str, list[dict[str, Any]]]:
    """Every table's records of one processed document, in output order."""
    return {
        table: [record_snapshot(table, r, hide_text) for r in result.rows(table)]
        for table in TABLES
    }


def snapshot_path(group: str, name: str) -> Path:
    return GOLDEN / group / (name.replace("/", "__") + ".json")


def dumps(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def differences(expected: dict[str, Any], actual: dict[str, Any],
                shown: dict[str, Any] | None = None, limit: int = 12) -> list[str]:
    """Readable lines naming the tables, records and fields that differ; `shown` is the
    current snapshot with its text in the clear, to print instead of hashes."""
    shown = shown or actual
    lines: list[str] = []
    for table in TABLES:
        old, new = expected.get(table, []), actual.get(table, [])
        if len(old) != len(new):
            lines.append(f"{table}: {len(old)} records in the snapshot, {len(new)} now")
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            for field in sorted(set(a) | set(b)):
                if a.get(field) != b.get(field):
                    now = shown[table][i].get(field)
                    lines.append(f"{table}[{i}].{field}: {a.get(field)!r} -> {now!r}")
        if len(lines) >= limit:
            break
    return lines[:limit]
