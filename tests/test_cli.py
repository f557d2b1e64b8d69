import pyarrow.parquet as pq
from typer.testing import CliRunner

from reportmine.cli import app
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
