"""`council_summary`: which inspection, caseload and agency rate count as latest."""

from __future__ import annotations

from datetime import date

import pandas as pd

import reportmine as rm
from tests.evaluation.helpers import doc, inspection, metric, write_run


def test_latest_means_latest_dates_then_the_papers_first_figure(tmp_path):
    out = write_run(tmp_path / "out", [
        doc("old", "a.txt", council="Kent", council_code="E10000016",
            meeting_date=date(2020, 1, 1)),
        doc("new", "b.txt", council="Kent", council_code="E10000016",
            meeting_date=date(2023, 1, 1)),
        doc("undated", "c.txt", council="Kent"),
        doc("nobody", "d.txt"),
    ], [
        inspection("new", "ilacs", start=date(2019, 5, 1), judgement="good"),
        inspection("old", "focused_visit", start=date(2021, 3, 1)),
        inspection("undated", "jtai"),
        metric("new", 24.0, "cases_per_worker", "caseload", quote="first figure"),
        metric("new", 17.0, "cases_per_worker", "caseload", quote="second figure"),
        metric("new", 12.0, "cases_per_worker", "caseload", is_target=True),
        metric("old", 30.0, "cases_per_worker", "caseload"),
        metric("undated", 40.0, "cases_per_worker", "caseload"),
        metric("old", 19.0, "percent", "agency_rate"),
        metric("nobody", 99.0, "percent", "agency_rate"),
    ])
    (kent,) = rm.council_summary(rm.load(out)).to_dict("records")
    assert kent["council"] == "Kent" and kent["documents"] == 3
    # the latest inspection by its own date, not by the paper that mentions it
    assert kent["inspection_type"] == "focused_visit"
    assert kent["inspection_date"] == pd.Timestamp("2021-03-01")
    assert kent["inspection_reported"] == pd.Timestamp("2020-01-01")
    assert (kent["caseload"], kent["caseload_quote"]) == (24.0, "first figure")
    assert kent["caseload_date"] == pd.Timestamp("2023-01-01")
    assert kent["agency_rate"] == 19.0


def test_polars_tables_summarise_too(corpus_out):
    summary = rm.council_summary(rm.load(corpus_out, backend="polars"))
    assert summary.equals(rm.council_summary(rm.load(corpus_out)))
