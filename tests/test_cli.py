import os
from pathlib import Path

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


def test_a_changed_findings_threshold_rescores_documents_already_in_out(tmp_path):
    """The threshold is part of the pipeline version: no --force needed."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "paper.txt").write_text(PAPER)
    out = tmp_path / "out"
    counts = []
    for threshold in ("0.0", "0.99", "0.0"):
        args = ["run", str(tmp_path / "in"), "-o", str(out), "-q", "-j", "0",
                "--findings-threshold", threshold]
        assert runner.invoke(app, args).exit_code == 0
        counts.append(pq.read_table(out / "findings.parquet").num_rows)
    assert counts[0] > counts[1] and counts[2] == counts[0]
    versions = set(pq.read_table(out / "documents.parquet").column("pipeline_version").to_pylist())
    assert len(versions) == 1 and ".config-" in versions.pop()


def test_findings_model_option_reads_the_model_in_that_folder(tmp_path):
    """An empty folder is no model: the run says nothing fails and uses the lexicon."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "paper.txt").write_text(PAPER)
    (tmp_path / "model").mkdir()
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                 "-q", "-j", "0", "--findings-model", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    extractors = set(pq.read_table(tmp_path / "out" / "findings.parquet").column("extractor")
                     .to_pylist())
    assert extractors == {"findings.rules:lexicon"}


def _one_line_failure(result) -> str:
    """A run that stopped: exit code 1 and one line saying why, no traceback."""
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def _paper_folder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "paper.txt").write_text(PAPER)
    return str(tmp_path / "in")


def test_an_out_dir_that_is_a_file_stops_the_run_with_one_line(tmp_path):
    """Issue 18: OUT_DIR being a file ended in a raw traceback."""
    (tmp_path / "out").write_text("not a folder")
    result = runner.invoke(app, ["run", _paper_folder(tmp_path), "-o", str(tmp_path / "out"), "-q"])
    assert "is a file, not a folder" in _one_line_failure(result)


def test_an_out_dir_that_may_not_be_written_stops_the_run_with_one_line(tmp_path, monkeypatch):
    """Issue 18: OUT_DIR not writable ended in a raw traceback. (Root may write anywhere,
    so the refusal is made up when the tests run as root.)"""
    out = tmp_path / "out"
    if os.geteuid() == 0:
        real_mkdir = Path.mkdir

        def refused(self, *args, **kwargs):
            if self.is_relative_to(out):
                raise PermissionError(13, "Permission denied", str(self))
            return real_mkdir(self, *args, **kwargs)

        monkeypatch.setattr(Path, "mkdir", refused)
    else:
        out.mkdir(mode=0o500)
    result = runner.invoke(app, ["run", _paper_folder(tmp_path), "-o", str(out), "-q", "-j", "0"])
    assert "permission denied" in _one_line_failure(result)


def test_an_out_dir_that_fills_up_stops_the_run_with_one_line(tmp_path, monkeypatch):
    """Issue 18: a full disk ended in a raw traceback."""
    import errno

    import reportmine.output.store

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(reportmine.output.store.pq, "write_table", full)
    out = str(tmp_path / "out")
    result = runner.invoke(app, ["run", _paper_folder(tmp_path), "-o", out, "-q", "-j", "0"])
    assert "No space left" in _one_line_failure(result)


def test_a_run_never_exits_non_zero_without_saying_why(tmp_path, monkeypatch):
    """Issue 18: a BrokenPipeError from the pool ended the run with exit code 1 and
    nothing printed."""
    import reportmine.cli

    def broken(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(reportmine.cli, "run_batch", broken)
    out = str(tmp_path / "out")
    result = runner.invoke(app, ["run", _paper_folder(tmp_path), "-o", out, "-q"])
    assert "BrokenPipeError" in _one_line_failure(result)


def test_follow_links_outside_reads_a_linked_file_outside_in_dir(tmp_path):
    (tmp_path / "outside.txt").write_text(PAPER)
    folder = _paper_folder(tmp_path)
    (tmp_path / "in" / "link.txt").symlink_to(tmp_path / "outside.txt")
    for flags, expected in (([], {"ok": 1, "failed": 1}), (["--follow-links-outside"], {"ok": 2})):
        out = tmp_path / f"out{len(flags)}"
        result = runner.invoke(app, ["run", folder, "-o", str(out), "-q", "-j", "0", *flags])
        assert result.exit_code == 0, result.output
        statuses = pq.read_table(out / "documents.parquet").column("status").to_pylist()
        assert {s: statuses.count(s) for s in statuses} == expected
