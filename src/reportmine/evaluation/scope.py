"""Which tables of a gold document are scored, and how its findings are scored.

The rule (one per gold document, decided from the gold itself, not from folder names):

* A table is scored only when the gold object has its key.
* Gold whose `document.doc_kind` is `inspection_report` (Ofsted reports and letters:
  `ofsted-reports/gold`, `ofsted-focused-visits/gold`) is annotated for the inspection,
  the document fields and the "What needs to improve" items only. For it, `documents`,
  `inspections` and recommendation findings are scored (an empty findings list too: a
  report with no list is a precision check), and every other table (`metrics`, `actions`)
  only when the gold list is non-empty (an empty list there means "not annotated", not
  "none"). Which tables are annotated in full is each table's spec (`tables.py`).
* All other gold (the project's own `corpus/gold`, council papers such as Kent's) is
  exhaustive: every table whose key is present is scored, an empty list meaning "there
  are none", so any prediction there is a false alarm.
* Findings are scored in recommendation mode (recall of gold items; precision over the
  predicted `is_recommendation` findings only) when every gold finding is a
  recommendation and either the list is non-empty or the gold is an `inspection_report`.
  Otherwise all findings are scored against all predictions.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportmine.core.models import FindingRecord
from reportmine.evaluation.gold import GoldDoc
from reportmine.evaluation.tables import record_tables, spec_for


@dataclass(frozen=True)
class Scope:
    tables: tuple[str, ...]  # record tables to score
    documents: bool  # score document fields
    recommendation_findings: bool
    exhaustive: bool

    def scores(self, table: str) -> bool:
        return table in self.tables


def is_inspection_report_gold(gold: GoldDoc) -> bool:
    doc = gold.data.get("document")
    return isinstance(doc, dict) and doc.get("doc_kind") == "inspection_report"


def scope_for(gold: GoldDoc) -> Scope:
    partial = is_inspection_report_gold(gold)
    tables = []
    for table in record_tables():
        if not gold.has(table):
            continue
        full = spec_for(table).annotated_in_inspection_reports
        if partial and not full and not gold.rows(table):
            continue
        tables.append(table)
    findings = gold.rows(FindingRecord.table)
    all_recs = all(bool(f.get("is_recommendation")) for f in findings)
    rec_mode = gold.has(FindingRecord.table) and all_recs and (bool(findings) or partial)
    return Scope(
        tables=tuple(tables),
        documents=isinstance(gold.data.get("document"), dict),
        recommendation_findings=rec_mode,
        exhaustive=not partial,
    )
