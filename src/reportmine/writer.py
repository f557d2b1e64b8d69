"""Write tables to Parquet atomically: a reader never sees a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from reportmine.arrow_schema import ARROW_SCHEMAS
from reportmine.version import PIPELINE_VERSION, SCHEMA_VERSION

TABLES = tuple(ARROW_SCHEMAS)


def rows_to_table(table: str, rows: Iterable[BaseModel | dict]) -> pa.Table:
    schema = ARROW_SCHEMAS[table]
    dicts = [r.model_dump() if isinstance(r, BaseModel) else r for r in rows]
    columns = {name: [d.get(name) for d in dicts] for name in schema.names}
    return pa.table(columns, schema=schema)


def write_table(table: str, rows: Iterable[BaseModel | dict], out_dir: Path) -> Path:
    """Write one table as OUT_DIR/<table>.parquet via a temp file and rename."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = rows_to_table(table, rows)
    metadata = dict(data.schema.metadata or {})
    metadata.update(
        {b"pipeline_version": PIPELINE_VERSION.encode(), b"schema_version": SCHEMA_VERSION.encode()}
    )
    data = data.replace_schema_metadata(metadata)
    target = out_dir / f"{table}.parquet"
    fd, tmp = tempfile.mkstemp(prefix=f".{table}.", suffix=".parquet.tmp", dir=out_dir)
    os.close(fd)
    try:
        pq.write_table(data, tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def read_table(out_dir: Path, table: str) -> pa.Table:
    return pq.read_table(out_dir / f"{table}.parquet")
