"""SQL over a run's output with DuckDB: each table is a view named after it.

Views read the Parquet files in place (a single file or a Dask run's part files), so a
query over a large output reads only what it needs; a table the run did not write is an
empty view with the current schema, so a query never fails for lack of one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from reportmine.core.models import TABLES
from reportmine.output.frames import check_output_dir, read_arrow, table_source


class QueryError(ValueError):
    """The SQL could not run: its one-line reason, as DuckDB gives it."""


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError as exc:  # a runtime dependency: only a broken install lacks it
        raise QueryError("SQL needs DuckDB: pip install duckdb") from exc
    return duckdb


def _quoted(path: Path) -> str:
    return "'" + path.as_posix().replace("'", "''") + "'"


def connect(out_dir: Path | str) -> Any:
    """An in-memory DuckDB connection with every table of OUT_DIR as a view."""
    out_dir = check_output_dir(Path(out_dir))
    duckdb = _duckdb()
    con = duckdb.connect()
    for table in TABLES:
        source = table_source(out_dir, table)
        if source is None:
            con.register(table, read_arrow(out_dir, table))
            continue
        pattern = source / "*.parquet" if source.is_dir() else source
        try:
            con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM read_parquet({_quoted(pattern)})')
        except duckdb.Error as exc:  # a damaged file: say which
            con.close()
            raise QueryError(f"cannot read the {table} table: {first_line(exc)}") from exc
    return con


def first_line(exc: BaseException) -> str:
    """DuckDB's message without the caret drawing under it."""
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def run_sql(out_dir: Path | str, sql: str) -> pa.Table:
    """The result of one SQL statement over OUT_DIR's tables (empty for a statement that
    returns no rows, such as CREATE); a bad statement raises QueryError in one line."""
    con = connect(out_dir)
    duckdb = _duckdb()
    try:
        relation = con.sql(sql)
        result = pa.table({}) if relation is None else relation.arrow()
        if isinstance(result, pa.RecordBatchReader):
            result = result.read_all()
    except duckdb.Error as exc:
        raise QueryError(first_line(exc)) from exc
    finally:
        con.close()
    return result
