"""`reportmine export --xlsx`: sheets, headers, frozen rows, filters, dates, quotes."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest
from typer.testing import CliRunner

import reportmine as rm
from reportmine.cli import app
from reportmine.core.models import TABLES
from reportmine.output.xlsx import SUMMARY_SHEET, cell_value, export_xlsx

runner = CliRunner()


@pytest.fixture(scope="module")
def workbook(corpus_out, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "corpus.xlsx"
    result = runner.invoke(app, ["export", str(corpus_out), "--xlsx", str(path)])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(path)


def rows(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_a_summary_sheet_then_one_sheet_per_table(workbook, corpus_out):
    assert workbook.sheetnames == [SUMMARY_SHEET, *TABLES]
    t = rm.load(corpus_out)
    for table in TABLES:
        assert workbook[table].max_row == len(t[table]) + 1


def test_every_sheet_has_readable_frozen_filtered_headers(workbook):
    for sheet in workbook:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert all(c.font.bold for c in sheet[1])
    headers = [c.value for c in workbook["documents"][1]]
    assert "Council code" in headers and "Meeting date" in headers
    assert "council_code" not in headers


def test_dates_are_excel_dates_and_quotes_sit_beside_the_values(workbook):
    metric = rows(workbook["metrics"])[0]
    assert isinstance(metric["Meeting date"], datetime)
    headers = [c.value for c in workbook["metrics"][1]]
    assert headers.index("Quote") == headers.index("Period") + 1  # after the record's fields
    assert headers.index("Page") == headers.index("Quote") + 1
    assert headers[:4] == ["Council", "Council code", "Committee", "Meeting date"]
    date_cell = workbook["metrics"].cell(row=2, column=4)
    assert date_cell.number_format == "yyyy-mm-dd"
    assert (metric["Value"], metric["Page"]) == (18, 3) and "21 to 18" in metric["Quote"]


def test_summary_sheet_gives_latest_inspection_caseload_and_agency_rate(workbook):
    by_council = {r["Council"]: r for r in rows(workbook[SUMMARY_SHEET])}
    blackburn = by_council["Blackburn with Darwen"]
    assert blackburn["Inspection type"] == "ilacs"
    assert blackburn["Inspection date"] == datetime(2022, 1, 24)
    assert blackburn["Caseload"] == 18 and blackburn["Caseload date"] == datetime(2020, 7, 9)
    assert "average of 21 to 18" in blackburn["Caseload quote"]
    assert by_council["Blackpool"]["Agency rate"] == 22
    assert by_council["Bradford"]["Inspection type"] == "monitoring_visit"


def test_empty_and_partitioned_outputs_export(empty_out, partitioned_out, tmp_path):
    empty = openpyxl.load_workbook(export_xlsx(rm.load(empty_out), tmp_path / "e.xlsx"))
    assert [s.max_row for s in empty] == [1] * (len(TABLES) + 1)
    parts = openpyxl.load_workbook(export_xlsx(rm.load(partitioned_out), tmp_path / "p.xlsx"))
    assert parts["findings"].max_row == 132


def test_cell_values_excel_accepts():
    import numpy as np
    import pandas as pd

    assert cell_value(pd.NA) is None and cell_value(float("nan")) is None
    assert cell_value(pd.NaT) is None
    assert cell_value(pd.Timestamp("2020-01-02")).isoformat() == "2020-01-02"
    assert cell_value(np.array(["A", "B"], dtype=object)) == "A; B"
    assert cell_value("bad\x01char") == "badchar"
    assert cell_value(np.int64(3)) == 3 and type(cell_value(np.int64(3))) is int


def test_unwritable_file_is_one_line_and_exit_1(corpus_out, tmp_path):
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "book.xlsx"
    result = runner.invoke(app, ["export", str(corpus_out), "--xlsx", str(target)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"export failed: cannot write {target}")
    assert "Traceback" not in result.output
