"""A run's output folder as typed data frames: `load(OUT_DIR)` behind `reportmine.load`.

The tables are read as Arrow first (a single `<table>.parquet` or the part files a Dask
run writes into `<table>/`), so the typing and the joins are written once and every
backend (pandas, polars) gets the same columns. Types come from the pydantic models:
a closed vocabulary (a `Literal`) is a categorical, a date is a date, an integer stays
an integer where values are missing.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pydantic.fields import FieldInfo

from reportmine.core.models import RECORD_TABLES, TABLE_MODELS, TABLES, DocumentRecord
from reportmine.output.arrow_schema import ARROW_SCHEMAS

Backend = Literal["pandas", "polars"]
BACKENDS: tuple[str, ...] = typing.get_args(Backend)

# What a joined view adds to each record: where and when the paper was presented.
DOCUMENT_CONTEXT = ("council", "council_code", "committee", "meeting_date", "doc_kind",
                    "source_path")


class OutputError(ValueError):
    """OUT_DIR is missing or is not the output folder of `reportmine run`."""


def table_source(out_dir: Path, table: str) -> Path | None:
    """Where a table is stored in OUT_DIR: `<table>.parquet`, or the dataset folder
    `<table>/` of a Dask run; None when the run wrote neither."""
    single = Path(out_dir) / f"{table}.parquet"
    if single.is_file():
        return single
    folder = Path(out_dir) / table
    if folder.is_dir() and any(folder.glob("*.parquet")):
        return folder
    return None


def check_output_dir(out_dir: Path) -> Path:
    """OUT_DIR as a Path, or an OutputError saying what is wrong with it."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise OutputError(f"Output folder not found: {out_dir} (give the -o folder of "
                          "`reportmine run`).")
    if table_source(out_dir, "documents") is None:
        raise OutputError(f"{out_dir} has no documents table: is it the -o folder of "
                          "`reportmine run`?")
    return out_dir


def read_arrow(out_dir: Path, table: str) -> pa.Table:
    """One table as Arrow with the current schema's columns; a table the run did not
    write (an older run had no `errors`) is empty rather than missing."""
    schema = ARROW_SCHEMAS[table]
    source = table_source(out_dir, table)
    if source is None:
        return schema.empty_table()
    data = pq.read_table(source)
    for field in schema:
        if field.name not in data.schema.names:
            data = data.append_column(field, pa.nulls(data.num_rows, field.type))
    return data


def with_documents(records: pa.Table, documents: pa.Table) -> pa.Table:
    """The records with their document's DOCUMENT_CONTEXT columns after `doc_id`, in the
    records' order. A file stored at several paths (one doc_id, several documents rows)
    is joined to its first row, so the view has exactly one row per record."""
    rows = pc.index_in(records.column("doc_id"), value_set=documents.column("doc_id"))
    context = documents.select(list(DOCUMENT_CONTEXT)).take(rows)
    position = records.schema.get_field_index("doc_id") + 1
    for offset, name in enumerate(DOCUMENT_CONTEXT):
        if name not in records.schema.names:
            field = context.schema.field(name)
            records = records.add_column(position + offset, field, context.column(name))
    return records


def column_fields(table: str) -> dict[str, FieldInfo]:
    """The pydantic field behind each column of a table or of its joined view."""
    context = {name: DocumentRecord.model_fields[name] for name in DOCUMENT_CONTEXT}
    return {**context, **TABLE_MODELS[table].model_fields}


def vocabulary(annotation: Any) -> tuple[str, ...] | None:
    """The closed list of values of a `Literal[...]` (or `Literal[...] | None`) field."""
    if typing.get_origin(annotation) is Literal:
        return typing.get_args(annotation)
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is Literal:
            return typing.get_args(arg)
    return None


def categories(annotation: Any, values: pa.ChunkedArray) -> list[str] | None:
    """The vocabulary's values in the models' order, then any other value the data holds
    (a table written by an older schema), so typing never turns a value into a null."""
    vocab = vocabulary(annotation)
    if vocab is None:
        return None
    extra = sorted(set(pc.unique(values).drop_null().to_pylist()) - set(vocab))
    return [*vocab, *extra]


def arrow_to_pandas(data: pa.Table) -> Any:
    """Arrow -> pandas with nullable integers, booleans and strings, and dates as
    datetime64 (midnight, so `.dt.year` and comparisons work)."""
    import pandas as pd

    mapper = {pa.int64(): pd.Int64Dtype(), pa.int32(): pd.Int32Dtype(),
              pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype()}
    return data.to_pandas(types_mapper=mapper.get, date_as_object=False)


def to_pandas(data: pa.Table, table: str) -> Any:
    """Arrow -> pandas as `arrow_to_pandas` does, and vocabularies as categoricals."""
    import pandas as pd

    frame = arrow_to_pandas(data)
    for name, field in column_fields(table).items():
        if name in frame.columns:
            cats = categories(field.annotation, data.column(name))
            if cats is not None:
                frame[name] = frame[name].astype(pd.CategoricalDtype(cats))
    return frame


def to_polars(data: pa.Table, table: str) -> Any:
    """Arrow -> polars: dates stay `pl.Date`, vocabularies become `pl.Enum`."""
    try:
        import polars as pl
    except ImportError as exc:
        raise ImportError(
            "backend='polars' needs polars: pip install 'reportmine[polars]' (or read the "
            "tables with pl.scan_parquet, see the README)."
        ) from exc
    frame = pl.from_arrow(data)
    casts = []
    for name, field in column_fields(table).items():
        if name in frame.columns:
            cats = categories(field.annotation, data.column(name))
            if cats is not None:
                casts.append(pl.col(name).cast(pl.Enum(cats)))
    return frame.with_columns(casts) if casts else frame


CONVERTERS = {"pandas": to_pandas, "polars": to_polars}


def check_backend(backend: str) -> None:
    if backend not in CONVERTERS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")


class Tables(Mapping[str, Any]):
    """Every output table as a data frame: `t["metrics"]` or `t.metrics`, and
    `t.joined("metrics")` for each record with its document's council, council code,
    committee, meeting date, kind and path. Frames are converted on first use."""

    def __init__(self, arrow: Mapping[str, pa.Table], backend: Backend = "pandas",
                 source: str = "") -> None:
        check_backend(backend)
        self.arrow = dict(arrow)
        self.backend = backend
        self.source = source
        self._frames: dict[tuple[str, bool], Any] = {}

    def __getitem__(self, table: str) -> Any:
        if table not in self.arrow:
            raise KeyError(f"no table {table!r}; the tables are {', '.join(self.arrow)}")
        return self._frame(table, joined=False)

    def __iter__(self) -> Iterator[str]:
        return iter(self.arrow)

    def __len__(self) -> int:
        return len(self.arrow)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in self.__dict__.get("arrow", {}):
            raise AttributeError(name)
        return self[name]

    def __repr__(self) -> str:
        rows = ", ".join(f"{name}={data.num_rows}" for name, data in self.arrow.items())
        return f"Tables({self.source!r}, {self.backend}: {rows})"

    def joined(self, table: str) -> Any:
        """A record table (`inspections`, `findings`, `metrics`, `actions`) with its
        documents' DOCUMENT_CONTEXT columns: one row per record, in the table's order."""
        if table not in RECORD_TABLES:
            raise KeyError(f"joined views are for {', '.join(RECORD_TABLES)}, not {table!r}")
        return self._frame(table, joined=True)

    def with_backend(self, backend: Backend) -> Tables:
        """The same tables as frames of another backend (no reading again)."""
        return Tables(self.arrow, backend, self.source)

    def _frame(self, table: str, joined: bool) -> Any:
        key = (table, joined)
        if key not in self._frames:
            data = self.arrow[table]
            if joined:
                data = with_documents(data, self.arrow["documents"])
            self._frames[key] = CONVERTERS[self.backend](data, table)
        return self._frames[key]


def load(out_dir: Path | str, backend: Backend = "pandas") -> Tables:
    """Every table of a run's output folder, single-file or partitioned, as typed frames."""
    check_backend(backend)
    out_dir = check_output_dir(Path(out_dir))
    return Tables({t: read_arrow(out_dir, t) for t in TABLES}, backend, str(out_dir))
