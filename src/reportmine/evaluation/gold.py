"""Reading gold annotation files from one or more gold folders.

A gold file is `GOLD_DIR/a/b/x.json` holding one JSON object per document
(`{"document": {...}, "inspections": [...], "findings": [...], ...}`, contract.md). Its key
`a/b/x` is the path to pair it with the run's document (see `pathmatch.py`). Anything
that is not `*.json` (DISAGREEMENTS.md, overrides CSVs) is skipped, so gold folders may
carry their own notes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from reportmine.evaluation.anchored import (
    AnchorError,
    has_file_offsets,
    is_anchored,
    page_file_for,
    resolve_anchored,
    resolve_file_offsets,
)
from reportmine.evaluation.pathmatch import strip_ext


class GoldError(ValueError):
    """A gold file that cannot be read: gold must be loud when broken, not skipped."""


@dataclass
class GoldDoc:
    gold_dir: Path
    path: Path
    key: tuple[str, ...]  # gold path relative to its folder, extension removed
    data: dict = field(default_factory=dict)

    @property
    def rel(self) -> str:
        return "/".join(self.key)

    def rows(self, table: str) -> list[dict]:
        value = self.data.get(table)
        return list(value) if isinstance(value, list) else []

    def has(self, table: str) -> bool:
        return table in self.data


def iter_gold_files(gold_dir: Path) -> list[Path]:
    """Every *.json below the folder (hidden entries skipped), sorted for stable output."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(gold_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(
            Path(dirpath) / n
            for n in sorted(filenames)
            if n.lower().endswith(".json") and not n.startswith(".")
        )
    return found


def load_gold_dir(gold_dir: Path, documents_root: Path | None = None) -> list[GoldDoc]:
    """Every gold file of the folder; anchored gold (`anchored.py`) gets its text from its
    document below `documents_root` (default ../shared)."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"Gold folder not found: {gold_dir}")
    docs = []
    for path in iter_gold_files(gold_dir):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldError(f"Cannot read gold file {path}: {exc}") from exc
        if not isinstance(data, dict):
            kind = type(data).__name__
            raise GoldError(f"Gold file {path} must hold one JSON object, not a {kind}")
        try:
            if is_anchored(data):
                data = resolve_anchored(data, documents_root)
            elif has_file_offsets(data):
                page = page_file_for(path, gold_dir, documents_root)
                if page is None:
                    raise AnchorError(
                        "its rows are offsets into a page file, which was not found beside "
                        "the gold folder or under the documents root"
                    )
                data = resolve_file_offsets(data, page)
        except AnchorError as exc:
            raise GoldError(f"Gold file {path}: {exc}") from exc
        key = strip_ext(path.relative_to(gold_dir).as_posix())
        docs.append(GoldDoc(gold_dir=gold_dir, path=path, key=key, data=data))
    return docs
