"""Write tables to Parquet atomically: a reader never sees a half-written file or folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from reportmine.core.models import TABLES as TABLES  # re-exported: the writer writes these
from reportmine.core.version import PIPELINE_VERSION, SCHEMA_VERSION
from reportmine.output.arrow_schema import ARROW_SCHEMAS
from reportmine.output.files import is_dataset_folder
from reportmine.output.outcome import Columns

TMP_SUFFIX = ".parquet.tmp"


@contextlib.contextmanager
def arrow_allocator() -> Iterator[None]:
    """Arrow allocates from the C library's allocator while inside, unless the user chose
    one (ARROW_DEFAULT_MEMORY_POOL); the previous default comes back on exit.

    Why: with pyarrow's default, mimalloc, building a run's tables from columns, taking
    them into input order and writing them took the parent about 1.5x (building) to 4x
    (take) as long here, time a parallel run's workers wait for. Buffers keep the pool
    that allocated them, so switching is safe for tables made before or after."""
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        yield
        return
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def rows_to_table(table: str, rows: Iterable[BaseModel | dict]) -> pa.Table:
    dicts = [r.model_dump() if isinstance(r, BaseModel) else r for r in rows]
    names = ARROW_SCHEMAS[table].names
    return columns_to_table(table, [{n: [d.get(n) for d in dicts] for n in names}])  # missing: null


def columns_to_table(table: str, parts: Iterable[Columns]) -> pa.Table:
    """One table from the rows of several documents, each given by column (`DocOutcome`)."""
    schema = ARROW_SCHEMAS[table]
    merged: Columns = {name: [] for name in schema.names}
    for part in parts:
        for name, values in part.items():
            merged[name].extend(values)
    return pa.Table.from_pydict(merged, schema=schema)


def with_versions(data: pa.Table, pipeline_version: str = PIPELINE_VERSION) -> pa.Table:
    """The table with `pipeline_version` and `schema_version` in its schema metadata."""
    metadata = dict(data.schema.metadata or {})
    metadata.update(
        {b"pipeline_version": pipeline_version.encode(), b"schema_version": SCHEMA_VERSION.encode()}
    )
    return data.replace_schema_metadata(metadata)


def _temp_path(target: Path) -> Path:
    """A new hidden file beside `target`, created with the mode the umask gives (as the
    file it will replace would have; `mkstemp` makes every file 0600)."""
    while True:
        tmp = target.parent / f".{target.stem}.{uuid.uuid4().hex[:12]}{TMP_SUFFIX}"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp


def _write_temp(data: pa.Table, target: Path, pipeline_version: str = PIPELINE_VERSION) -> Path:
    """Write `data` beside `target` under a hidden temporary name; return that name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_path(target)
    try:
        pq.write_table(with_versions(data, pipeline_version), tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_arrow(data: pa.Table, target: Path) -> Path:
    """Write one Parquet file via a temp file and rename."""
    os.replace(_write_temp(data, target), target)
    return target


def write_table(table: str, rows: Iterable[BaseModel | dict], out_dir: Path) -> Path:
    """Write one table as OUT_DIR/<table>.parquet via a temp file and rename."""
    return write_arrow(rows_to_table(table, rows), Path(out_dir) / f"{table}.parquet")


def publish_files(
    tables: dict[str, pa.Table], out_dir: Path, pipeline_version: str = PIPELINE_VERSION
) -> dict[str, Path]:
    """Every table as OUT_DIR/<table>.parquet: all written first, then all renamed in."""
    out_dir = Path(out_dir)
    temps = {
        name: _write_temp(data, out_dir / f"{name}.parquet", pipeline_version)
        for name, data in tables.items()
    }
    paths = {}
    for name, tmp in temps.items():
        paths[name] = out_dir / f"{name}.parquet"
        os.replace(tmp, paths[name])
        if is_dataset_folder(out_dir / name):  # left by an earlier distributed run
            shutil.rmtree(out_dir / name)
    return paths


def publish_datasets(
    tables: dict[str, list[pa.Table]],
    out_dir: Path,
    scratch: Path,
    pipeline_version: str = PIPELINE_VERSION,
) -> dict[str, Path]:
    """Every table as a dataset folder OUT_DIR/<table>/part-NNNNN.parquet.

    The parts are written into a folder under `scratch` (on the same file system), which
    then replaces the old folder by rename: a reader sees the old dataset or the new one.
    """
    out_dir, scratch = Path(out_dir), Path(scratch)
    staged = {}
    for name, parts in tables.items():
        folder = scratch / f"{name}-{uuid.uuid4().hex}"
        folder.mkdir(parents=True)
        for number, part in enumerate(parts):
            pq.write_table(
                with_versions(part, pipeline_version), folder / f"part-{number:05d}.parquet"
            )
        staged[name] = folder
    paths = {}
    for name, folder in staged.items():
        target = out_dir / name
        if target.exists():
            old = scratch / f"old-{name}-{uuid.uuid4().hex}"
            os.replace(target, old)
            os.replace(folder, target)
            shutil.rmtree(old)
        else:
            os.replace(folder, target)
        (out_dir / f"{name}.parquet").unlink(missing_ok=True)  # a single file from a local run
        paths[name] = target
    return paths


def read_table(out_dir: Path, table: str) -> pa.Table:
    """One table of a run's output, whether a single file or a dataset folder."""
    single = Path(out_dir) / f"{table}.parquet"
    return pq.read_table(single if single.exists() else Path(out_dir) / table)
