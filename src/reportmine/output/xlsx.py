"""A run's output as one Excel workbook for people who work in spreadsheets.

Sheets: `councils` (one row per council: `summary.council_summary`), then one per table.
Each record sheet leads with the paper's council, committee and meeting date, then the
record's own fields and, beside them, the quote and page they rest on. Every sheet has
readable headers (with the schema's description as a comment where it has one), a
frozen header row, an autofilter, and dates as Excel dates.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from reportmine.core.models import TABLE_MODELS, EvidenceRow
from reportmine.output.frames import DOCUMENT_CONTEXT, RECORD_TABLES, Tables, column_fields
from reportmine.output.summary import council_summary

SUMMARY_SHEET = "councils"
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL = 32_767
DATE_FORMAT = "yyyy-mm-dd"
# The evidence after a record's own fields: the quote and page first, then the rest.
EVIDENCE_ORDER = ("quote", "page", "confidence", "extractor", "char_start", "char_end",
                  "doc_id", "source_path")
WIDTHS = {"quote": 80, "text": 60, "title": 40, "message": 60, "source_path": 40}


class ExportError(ValueError):
    """The output cannot be written as a workbook (too many rows for a sheet)."""


def header(name: str) -> str:
    """`council_code` -> `Council code`: a column name as a spreadsheet heading."""
    words = name.replace("_", " ")
    return words[:1].upper() + words[1:]


def record_columns(table: str) -> list[str]:
    """A record sheet's columns: the paper's context, the record's own fields, evidence."""
    context = [c for c in DOCUMENT_CONTEXT if c != "source_path"]
    own = [n for n in TABLE_MODELS[table].model_fields if n not in EvidenceRow.model_fields]
    return [*context, *own, *EVIDENCE_ORDER]


def sheets(tables: Tables) -> Iterator[tuple[str, Any]]:
    """(sheet name, pandas frame) in workbook order."""
    yield SUMMARY_SHEET, council_summary(tables)
    for table in tables:
        if table in RECORD_TABLES:
            yield table, tables.joined(table)[record_columns(table)]
        else:
            yield table, tables[table]


def cell_value(value: Any) -> Any:
    """A frame's value as openpyxl writes it: dates as dates, lists as `a; b`, missing
    values as empty cells, text without the control characters Excel refuses."""
    import numpy as np
    import pandas as pd
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, (list, tuple, np.ndarray)):
        return "; ".join(str(v) for v in value)
    if value is None or pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:EXCEL_MAX_CELL]
    return value.item() if isinstance(value, np.generic) else value


def descriptions(table: str) -> dict[str, str]:
    """Column -> the schema's description, for the header comments."""
    if table not in TABLE_MODELS:
        return {}
    return {name: field.description for name, field in column_fields(table).items()
            if field.description}


def write_sheet(workbook: Any, name: str, frame: Any) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if len(frame) >= EXCEL_MAX_ROWS:
        raise ExportError(f"{name} has {len(frame)} rows, more than an Excel sheet holds "
                          f"({EXCEL_MAX_ROWS - 1}); use `reportmine query` or the Parquet files.")
    sheet = workbook.create_sheet(name)
    columns = list(frame.columns)
    for number, column in enumerate(columns, start=1):
        width = WIDTHS.get(column, max(10, min(30, len(header(column)) + 2)))
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    last = f"{get_column_letter(max(1, len(columns)))}{len(frame) + 1}"
    sheet.auto_filter.ref = f"A1:{last}"
    notes = descriptions(name)
    bold = Font(bold=True)
    heads = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=header(column))
        cell.font = bold
        if column in notes:
            cell.comment = Comment(notes[column], "reportmine")
        heads.append(cell)
    sheet.append(heads)
    for row in frame.itertuples(index=False, name=None):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=cell_value(value))
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)


def export_xlsx(tables: Tables, path: Path | str) -> Path:
    """Write the workbook to `path` (replaced if it exists) and return it."""
    try:
        from openpyxl import Workbook
    except ImportError as exc:
        raise ExportError("--xlsx needs openpyxl: pip install openpyxl") from exc
    path = Path(path)
    workbook = Workbook(write_only=True)
    for name, frame in sheets(tables):
        write_sheet(workbook, name, frame)
    data = io.BytesIO()  # built whole first: a file that cannot be written is one OSError
    workbook.save(data)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data.getvalue())
        os.replace(temp, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    return path
