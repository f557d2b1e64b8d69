"""JSON Schema of every table, generated from the pydantic models into `schemas/`."""

from __future__ import annotations

import json
import typing
from pathlib import Path

from reportmine.core import models
from reportmine.core.models import TABLE_MODELS
from reportmine.core.version import SCHEMA_VERSION

VOCABULARIES = {
    "doc_kind": models.DocKind,
    "inspection_type": models.InspectionType,
    "grade": models.Grade,
    "polarity": models.Polarity,
    "theme": models.Theme,
    "metric": models.MetricName,
    "unit": models.Unit,
    "money_kind": models.MoneyKind,
    "action_kind": models.ActionKind,
    "action_status": models.ActionStatus,
    "error_stage": models.Stage,
}


def schema_documents() -> dict[str, str]:
    """File name -> JSON text for every schema file."""
    files = {}
    for table, model in TABLE_MODELS.items():
        schema = model.model_json_schema()
        schema["$id"] = f"reportmine/{table}.schema.json"
        schema["x-schema-version"] = SCHEMA_VERSION
        files[f"{table}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    vocab = {name: list(typing.get_args(lit)) for name, lit in VOCABULARIES.items()}
    files["vocabularies.json"] = json.dumps(vocab, indent=2) + "\n"
    return files


def write_schemas(out_dir: Path | str) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
