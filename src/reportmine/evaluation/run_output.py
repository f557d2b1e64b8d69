"""Reading one run's output tables (OUT_DIR/<table>.parquet, or a partitioned dataset
folder per table) into plain row dicts grouped by doc_id.

Rows are read with pyarrow's `to_pylist`, so nulls are None and dates are `date`
objects, never pandas NaN/NaT. A file that appears at two paths has one doc_id, so its
records would be written twice; identical rows are therefore kept once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from reportmine.core.models import DocumentRecord
from reportmine.evaluation.tables import record_tables

DOCUMENTS = DocumentRecord.table


class RunOutputError(ValueError):
    """OUT_DIR is not a reportmine output folder."""


def _freeze(value):
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


@dataclass
class RunOutput:
    out_dir: Path
    documents: list[dict] = field(default_factory=list)
    records: dict[str, dict[str, list[dict]]] = field(default_factory=dict)
    missing_tables: list[str] = field(default_factory=list)

    def rows(self, table: str, doc_id: str) -> list[dict]:
        return self.records.get(table, {}).get(doc_id, [])

    def documents_by_path(self) -> dict[str, dict]:
        return {d["source_path"]: d for d in self.documents}


def _read(out_dir: Path, table: str) -> list[dict] | None:
    for candidate in (out_dir / f"{table}.parquet", out_dir / table):
        if candidate.exists():
            return pq.read_table(candidate).to_pylist()
    return None


def load_run(out_dir: Path) -> RunOutput:
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise RunOutputError(f"Output folder not found: {out_dir}")
    run = RunOutput(out_dir=out_dir)
    documents = _read(out_dir, DOCUMENTS)
    if documents is None:
        raise RunOutputError(
            f"{out_dir} has no documents.parquet: is it the -o folder of `reportmine run`?"
        )
    run.documents = documents
    for table in record_tables():
        rows = _read(out_dir, table)
        if rows is None:
            run.missing_tables.append(table)
            rows = []
        by_doc: dict[str, list[dict]] = {}
        seen: set = set()
        for row in rows:
            key = _freeze(row)
            if key in seen:
                continue
            seen.add(key)
            by_doc.setdefault(row.get("doc_id"), []).append(row)
        run.records[table] = by_doc
    return run
