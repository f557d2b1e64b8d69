"""Arrow schemas derived from the pydantic models, so Parquet types never drift."""

from __future__ import annotations

import types
import typing
from datetime import date
from typing import Any, Literal

import pyarrow as pa

from reportmine.core.models import TABLE_MODELS, Row

_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    date: pa.date32(),
}


def _arrow_type(annotation: Any) -> tuple[pa.DataType, bool]:
    """(arrow type, nullable) for one field annotation."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner, _ = _arrow_type(args[0])
        return inner, True
    if origin is Literal:
        return pa.string(), False
    if origin is list:
        (item,) = typing.get_args(annotation)
        inner, _ = _arrow_type(item)
        return pa.list_(inner), False
    return _SCALARS[annotation], False


def arrow_schema(model: type[Row]) -> pa.Schema:
    fields = []
    for name, info in model.model_fields.items():
        dtype, nullable = _arrow_type(info.annotation)
        fields.append(pa.field(name, dtype, nullable=nullable or name == "doc_id"))
    return pa.schema(fields, metadata={b"table": model.table.encode()})


ARROW_SCHEMAS: dict[str, pa.Schema] = {t: arrow_schema(m) for t, m in TABLE_MODELS.items()}
