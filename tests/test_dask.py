"""Distributed runs on Dask: a LocalCluster of 2 workers writes the local run's rows, as
dataset folders that pandas, DuckDB and Dask each read as one table."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from reportmine.batch.dask_runner import dask_client
from reportmine.output.writer import TABLES
from reportmine.pipeline import run_batch
from tests.batch_helpers import assert_same_tables, copy_corpus, read_tables
from tests.conftest import CORPUS

pytest.importorskip("distributed")


@pytest.mark.slow
def test_dask_local_cluster_writes_the_local_rows_as_datasets(tmp_path):
    src = copy_corpus(tmp_path / "in", copies=2)
    (src / "garbage.txt").write_bytes(bytes(range(256)) * 8)
    shutil.copy(CORPUS / "seeds" / "000_8a4e7b8bd713e448.txt", src / "copy of 000.txt")
    run_batch(src, tmp_path / "local", workers=0)
    out = tmp_path / "dask"
    with dask_client(local_workers=2, scratch=tmp_path / "scratch") as client:
        assert len(client.scheduler_info()["workers"]) == 2
        summary = run_batch(src, out, client=client)
        again = run_batch(src, out, client=client)
    assert summary.n_processed == summary.n_documents and again.n_skipped == summary.n_documents

    for table in TABLES:
        assert not (out / f"{table}.parquet").exists()
        assert len(list((out / table).glob("part-*.parquet"))) == 2
    assert_same_tables(read_tables(out), read_tables(tmp_path / "local"))

    import dask.dataframe as dd
    import duckdb

    local_metrics = pd.read_parquet(tmp_path / "local" / "metrics.parquet")
    assert len(pd.read_parquet(out / "metrics")) == len(local_metrics)
    assert len(dd.read_parquet(str(out / "metrics")).compute()) == len(local_metrics)
    ((count,),) = duckdb.sql(f"SELECT count(*) FROM '{out}/metrics/*.parquet'").fetchall()
    assert count == len(local_metrics)


def test_a_local_run_into_a_dask_output_folder_replaces_the_datasets(tmp_path):
    src = copy_corpus(tmp_path / "in")
    out = tmp_path / "out"
    (out / "metrics").mkdir(parents=True)
    (out / "metrics" / "part-00000.parquet").write_bytes(b"stale")
    run_batch(src, out, workers=0)
    assert (out / "metrics.parquet").is_file() and not (out / "metrics").exists()
