"""`reportmine query` and `rm.query`: DuckDB over the tables as views."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import reportmine as rm
from reportmine.cli import app
from reportmine.output.sql import QueryError

runner = CliRunner()
CASELOADS = ("SELECT d.council, m.value, m.page FROM metrics m JOIN documents d USING (doc_id) "
             "WHERE m.metric = 'caseload' ORDER BY d.council, m.value")


def test_query_joins_tables_by_name(corpus_out):
    frame = rm.query(corpus_out, CASELOADS)
    assert set(frame["council"]) == {"Blackburn with Darwen", "Bournemouth, Christchurch and Poole"}
    assert len(frame) == 9
    dates = rm.query(corpus_out, "SELECT max(meeting_date) AS latest FROM documents")
    assert str(dates["latest"].iloc[0].date()) == "2022-06-09"


def test_partitioned_and_empty_outputs_answer_the_same_sql(corpus_out, partitioned_out, empty_out):
    sql = "SELECT count(*) AS n FROM findings"
    assert rm.query(partitioned_out, sql)["n"][0] == rm.query(corpus_out, sql)["n"][0] == 131
    assert rm.query(empty_out, sql)["n"][0] == 0


def test_query_prints_a_table_csv_or_json(corpus_out):
    table = runner.invoke(app, ["query", str(corpus_out), CASELOADS])
    assert table.exit_code == 0, table.output
    assert "Bournemouth, Christchurch and Poole" in table.output and "9 rows" in table.output

    as_csv = runner.invoke(app, ["query", str(corpus_out), CASELOADS, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 9 and rows[0].keys() == {"council", "value", "page"}

    sql = "SELECT council, meeting_date FROM documents WHERE meeting_date IS NOT NULL LIMIT 1"
    as_json = runner.invoke(app, ["query", str(corpus_out), sql, "-f", "json"])
    (row,) = json.loads(as_json.stdout)
    assert len(row["meeting_date"]) == 10 and row["meeting_date"][4] == "-"


@pytest.mark.parametrize(("sql", "reason"), [
    ("SELEC 1", "syntax error"),
    ("SELECT * FROM nothing_here", "nothing_here"),
])
def test_bad_sql_is_one_line_and_exit_1(corpus_out, sql, reason):
    result = runner.invoke(app, ["query", str(corpus_out), sql])
    assert result.exit_code == 1
    assert reason in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    with pytest.raises(QueryError):
        rm.query(corpus_out, sql)


def test_missing_out_dir_is_one_line_and_exit_1(tmp_path):
    result = runner.invoke(app, ["query", str(tmp_path / "nope"), "SELECT 1"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"query failed: Output folder not found: {tmp_path / 'nope'} " \
        "(give the -o folder of `reportmine run`)."


def test_csv_writes_lists_as_one_field(corpus_out):
    sql = "SELECT inspectors FROM inspections WHERE len(inspectors) > 1 LIMIT 1"
    result = runner.invoke(app, ["query", str(corpus_out), sql, "--format", "csv"])
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert "; " in row["inspectors"]


@pytest.mark.parametrize("command", [["query", "SELECT count(*) FROM metrics"],
                                     ["export", "--xlsx", "book.xlsx"]])
def test_a_damaged_table_is_one_line_and_exit_1(corpus_out, tmp_path, monkeypatch, command):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(corpus_out, out)
    (out / "metrics.parquet").write_bytes(b"junk")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [command[0], str(out), *command[1:]])
    assert result.exit_code == 1
    assert "metrics.parquet" in result.stderr and len(result.stderr.strip().splitlines()) == 1
