"""Helpers for the batch tests: small generated corpora and reading a run's tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa

from reportmine.output.writer import TABLES, read_table
from tests.conftest import CORPUS


def read_tables(out_dir: Path) -> dict[str, pa.Table]:
    """Every table of a run, without the file metadata, for exact comparison."""
    return {t: read_table(out_dir, t).replace_schema_metadata(None) for t in TABLES}


def assert_same_tables(a: dict[str, pa.Table], b: dict[str, pa.Table]) -> None:
    for table in TABLES:
        assert a[table].schema == b[table].schema, table
        assert a[table].to_pylist() == b[table].to_pylist(), table


def copy_corpus(dest: Path, copies: int = 1) -> Path:
    """The repo corpus, `copies` times over; each copy's texts differ by one line, so each
    file is a distinct document."""
    dest.mkdir(parents=True, exist_ok=True)
    for n in range(copies):
        folder = dest / f"copy{n:02d}"
        shutil.copytree(CORPUS, folder)
        if n:
            for path in folder.rglob("*.txt"):
                path.write_bytes(path.read_bytes() + f"\nCopy {n}.\n".encode())
    return dest
