"""One row per council: its latest inspection and grades, and its latest caseload and
agency rate, each with the date and the quote it rests on (a spreadsheet's first sheet,
an analyst's starting point)."""

from __future__ import annotations

from typing import Any

from reportmine.core.models import InspectionRecord
from reportmine.output.frames import Tables

GRADES = tuple(name for name in InspectionRecord.model_fields
               if name.startswith("judgement") or name == "outcome")
SUMMARY_METRICS = ("caseload", "agency_rate")


def latest_per_council(frame: Any, dates: list[str]) -> Any:
    """Per council, the row with the latest `dates` (compared in order, a missing date
    before any date); among equals, the first in the table, i.e. in the paper's order."""
    import numpy as np

    ordered = frame.assign(_first=-np.arange(len(frame)))
    ordered = ordered.sort_values([*dates, "_first"], na_position="first", kind="stable")
    return ordered.groupby("council", observed=True).tail(1).drop(columns="_first")


def latest_inspections(tables: Tables) -> Any:
    """Each council's inspection with the latest date (start, else published, else end
    date; then the date of the paper reporting it), with its grades."""
    inspections = tables.joined("inspections").dropna(subset=["council"])
    inspections = inspections.assign(
        inspection_date=inspections["start_date"]
        .fillna(inspections["published_date"]).fillna(inspections["end_date"]),
    )
    latest = latest_per_council(inspections, ["inspection_date", "meeting_date"])
    columns = {"inspection_type": "inspection_type", "inspection_date": "inspection_date",
               **{g: g for g in GRADES}, "meeting_date": "inspection_reported",
               "quote": "inspection_quote"}
    return latest.set_index("council")[list(columns)].rename(columns=columns)


def latest_metric(tables: Tables, metric: str) -> Any:
    """Each council's `metric` as its latest paper states it (the first such figure in
    that paper, targets left out), with the paper's meeting date and the quote."""
    metrics = tables.joined("metrics").dropna(subset=["council"])
    stated = metrics[(metrics["metric"] == metric) & ~metrics["is_target"].fillna(False)]
    latest = latest_per_council(stated, ["meeting_date"])
    columns = {"value": metric, "meeting_date": f"{metric}_date", "quote": f"{metric}_quote"}
    return latest.set_index("council")[list(columns)].rename(columns=columns)


def council_summary(tables: Tables) -> Any:
    """One pandas row per council named by a document, sorted by council."""
    tables = tables if tables.backend == "pandas" else tables.with_backend("pandas")
    documents = tables.documents.dropna(subset=["council"])
    summary = documents.groupby("council", sort=True, observed=True).agg(
        council_code=("council_code", "first"),
        documents=("doc_id", "size"),
        latest_meeting_date=("meeting_date", "max"),
    )
    parts = [latest_inspections(tables), *(latest_metric(tables, m) for m in SUMMARY_METRICS)]
    for part in parts:
        summary = summary.join(part, how="left")
    return summary.reset_index()
