import os

import pyarrow.parquet as pq
from typer.testing import CliRunner

from reportmine.cli import app
from reportmine.extractors.findings import THRESHOLD_ENV
from tests.conftest import CORPUS

runner = CliRunner()


def test_run_writes_tables_and_prints_summary(tmp_path):
    result = runner.invoke(app, ["run", str(CORPUS / "seeds"), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    assert "metrics" in result.output
    assert pq.read_table(tmp_path / "documents.parquet").num_rows == 5


def test_show_prints_records_with_evidence():
    result = runner.invoke(app, ["show", str(CORPUS / "seeds" / "003_a34c8c92c159d15d.txt")])
    assert result.exit_code == 0, result.output
    assert "906000" in result.output
    assert "Blackburn with Darwen" in result.output


def test_run_on_missing_folder_fails_clearly(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert result.exit_code != 0


PAPER = """Report to: Children's Scrutiny Committee
Date of Meeting: 9 January 2020

Progress update

Social workers know their children well and visits are timely.
Some plans are not specific enough and drift occurs for a few children.
Managers are visible and staff say they feel supported.
Recording is variable and management oversight is not always evident on files.
Partnership working with schools has improved since the last report.
Caseloads remain high in the assessment teams.
"""


def test_findings_threshold_trades_recall_for_precision(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "paper.txt").write_text(PAPER)
    counts = []
    for threshold in ("0.0", "0.99"):
        out = tmp_path / threshold
        result = runner.invoke(
            app, ["run", str(tmp_path / "in"), "-o", str(out), "-q", "-j", "0",
                  "--findings-threshold", threshold],
        )
        assert result.exit_code == 0, result.output
        counts.append(pq.read_table(out / "findings.parquet").num_rows)
    assert counts[0] > counts[1]
    assert THRESHOLD_ENV not in os.environ  # the run's setting does not outlive it
