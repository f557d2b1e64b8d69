"""The names a run writes in OUT_DIR, which a scan of the input must know to skip.

Free of pyarrow: workers and the input scan import it."""

from __future__ import annotations

import os
import re
from pathlib import Path

from reportmine.core.models import TABLES

TABLE_FILES = frozenset(f"{table}.parquet" for table in TABLES)
_DATASET_PART = re.compile(r"part-\d{5}\.parquet")


def is_dataset_folder(folder: Path) -> bool:
    """Whether `folder` is a table a distributed run wrote into OUT_DIR: named after the
    table, holding part-NNNNN.parquet files and nothing else (an input folder that
    happens to be called `documents` is not one)."""
    try:
        names = os.listdir(folder) if folder.name in TABLES else []
    except OSError:
        return False
    return bool(names) and all(_DATASET_PART.fullmatch(name) for name in names)
