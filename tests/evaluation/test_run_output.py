"""Reading a run's output: single Parquet files or partitioned dataset folders."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from reportmine.evaluation.run_output import RunOutputError, load_run
from reportmine.output.writer import rows_to_table
from tests.evaluation.helpers import doc, metric, write_run


def test_dataset_folders_and_duplicate_rows(tmp_path):
    out = write_run(tmp_path / "out", [doc("d1", "a.txt")], [])
    (out / "metrics.parquet").unlink()
    (out / "metrics").mkdir()
    rows = [metric("d1", 5), metric("d1", 6)]
    pq.write_table(rows_to_table("metrics", rows), out / "metrics" / "part-00000.parquet")
    # the same file at two paths has one doc_id: its rows arrive twice
    pq.write_table(rows_to_table("metrics", rows[:1]), out / "metrics" / "part-00001.parquet")
    run = load_run(out)
    assert sorted(r["value"] for r in run.rows("metrics", "d1")) == [5.0, 6.0]
    assert run.missing_tables == []


def test_not_an_output_folder(tmp_path):
    with pytest.raises(RunOutputError, match="documents.parquet"):
        load_run(tmp_path)
