"""`reportmine query` and `reportmine export`: thin shells over `reportmine.output`.

Registered in the main CLI like `eval`. A problem the user can fix (no such folder, bad
SQL, a workbook that cannot be written) is one line on stderr and exit code 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer
from rich.console import Console
from rich.table import Table

from reportmine.output.frames import OutputError, load
from reportmine.output.sql import QueryError, first_line, run_sql
from reportmine.output.xlsx import ExportError, export_xlsx


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@contextmanager
def one_line_errors(action: str) -> Iterator[None]:
    """What the user can fix goes to stderr as one line, with exit code 1."""
    try:
        yield
    except (OutputError, QueryError, ExportError, OSError, pa.ArrowException) as exc:
        reason = first_line(exc) if isinstance(exc, pa.ArrowException) else str(exc)
        Console(stderr=True).print(f"{action} failed: {reason}", style="red", markup=False,
                                   highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _flat_text(value: object) -> str | None:
    """A nested value (a list of inspectors, a struct) as one CSV field."""
    if value is None:
        return None
    if isinstance(value, list):
        return "; ".join("" if v is None else str(v) for v in value)
    return json.dumps(value, ensure_ascii=False, default=str)


def render_csv(result: pa.Table) -> str:
    """CSV with a header row; dates as ISO dates, nulls as empty fields, lists as `a; b`."""
    import io

    import pyarrow.csv as pacsv

    for index, field in enumerate(result.schema):
        if pa.types.is_nested(field.type):
            texts = pa.array([_flat_text(v) for v in result.column(index).to_pylist()],
                             pa.string())
            result = result.set_column(index, pa.field(field.name, pa.string()), texts)
    buffer = io.BytesIO()
    pacsv.write_csv(result, buffer)
    return buffer.getvalue().decode("utf-8")


def render_json(result: pa.Table) -> str:
    """A JSON array with one object per row; dates as ISO dates, nulls as null."""
    rows = [{k: _json_value(v) for k, v in row.items()} for row in result.to_pylist()]
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n"


def print_table(result: pa.Table, console: Console) -> None:
    table = Table(show_lines=False)
    for name in result.column_names:
        table.add_column(name, overflow="fold")
    for row in result.to_pylist():
        table.add_row(*("NULL" if v is None else str(_json_value(v)) for v in row.values()))
    console.print(table)
    console.print(f"{result.num_rows} row{'s' if result.num_rows != 1 else ''}", style="dim")


RENDERERS: dict[Format, Callable[[pa.Table], str]] = {
    Format.csv: render_csv, Format.json: render_json,
}


def query_command(
    out_dir: Annotated[Path, typer.Argument(help="The -o folder of `reportmine run`.")],
    sql: Annotated[str, typer.Argument(help="One SQL statement; the tables are views named "
                                       "documents, inspections, findings, metrics, "
                                       "actions and errors.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="How to print the result.")]
    = Format.table,
) -> None:
    """Run SQL (DuckDB) over a run's tables and print the result."""
    with one_line_errors("query"):
        result = run_sql(out_dir, sql)
        if fmt in RENDERERS:
            sys.stdout.write(RENDERERS[fmt](result))
        else:
            print_table(result, Console() if sys.stdout.isatty() else Console(width=200))


def export_command(
    out_dir: Annotated[Path, typer.Argument(help="The -o folder of `reportmine run`.")],
    xlsx: Annotated[Path, typer.Option("--xlsx", help="The Excel workbook to write.")],
) -> None:
    """Write a run's tables as an Excel workbook: a sheet per table and one per-council
    summary (latest inspection and grades, latest caseload and agency rate)."""
    with one_line_errors("export"):
        written = export_xlsx(load(out_dir), xlsx)
    Console(stderr=True).print(f"wrote {written}")
