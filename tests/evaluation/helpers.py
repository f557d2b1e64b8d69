"""Tiny synthetic runs and gold folders for the evaluation tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from reportmine.core.models import (
    ActionRecord,
    DocumentRecord,
    FindingRecord,
    InspectionRecord,
    MetricRecord,
)
from reportmine.output.writer import TABLES, write_table


def doc(doc_id: str, source_path: str, **fields) -> DocumentRecord:
    return DocumentRecord(doc_id=doc_id, source_path=source_path, source_format="txt",
                          pipeline_version="test", schema_version="test", **fields)


def _evidence(doc_id: str, quote: str, start: int = 0) -> dict:
    return {"doc_id": doc_id, "quote": quote, "char_start": start, "char_end": start + len(quote)}


def metric(doc_id: str, value: float, unit: str = "count", metric: str = "other",
           quote: str = "q", **fields) -> MetricRecord:
    return MetricRecord(**_evidence(doc_id, quote), metric=metric, value=value, unit=unit, **fields)


def finding(doc_id: str, text: str, polarity: str = "weakness", start: int = 0,
            **fields) -> FindingRecord:
    return FindingRecord(**_evidence(doc_id, text, start), text=text, polarity=polarity, **fields)


def action(doc_id: str, text: str, kind: str = "planned_action", **fields) -> ActionRecord:
    return ActionRecord(**_evidence(doc_id, text), text=text, kind=kind, **fields)


def inspection(doc_id: str, inspection_type: str, start=None, end=None,
               **fields) -> InspectionRecord:
    return InspectionRecord(**_evidence(doc_id, "inspection"), inspection_type=inspection_type,
                            start_date=start, end_date=end, **fields)


def write_run(out_dir: Path, documents: list, records: list = ()) -> Path:
    """Write every table (empty ones too) the way `reportmine run` does."""
    rows = {t: [] for t in TABLES}
    rows["documents"] = list(documents)
    for r in records:
        rows[r.table].append(r)
    for table in TABLES:
        write_table(table, rows[table], out_dir)
    return out_dir


def write_gold(gold_dir: Path, rel: str, data: dict) -> Path:
    path = gold_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    return path


D = date  # short alias for table-driven cases
