"""Pairing a gold (or peer) file with the run's document by path suffix.

Gold for `IN_DIR/a/b/report.pdf` lives at `GOLD_DIR/a/b/report.json`, but the run may have
been started one or more folders higher (`reportmine run ../shared` gives source paths
`ofsted-reports/80461_devon/...pdf`). So a gold key `a/b/report` belongs to the document
whose source_path, extension removed, ends with it on a folder boundary.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

# Files that are annotations, not inputs: a run over a folder that contains its own gold
# (e.g. `reportmine run ../shared`) has the gold JSON as "documents" too.
_NOT_INPUTS = (".json", ".csv")


def strip_ext(path: str) -> tuple[str, ...]:
    """Path components with the last component's extension removed."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if not parts:
        return ()
    return (*parts[:-1], PurePosixPath(parts[-1]).stem)


def suffix_matches(source_path: str, key: tuple[str, ...]) -> bool:
    parts = strip_ext(source_path)
    return len(key) <= len(parts) and parts[len(parts) - len(key):] == key


def index_by_suffix(source_paths: Iterable[str]) -> dict[str, list[str]]:
    """Map each document's last path component (no extension) to its source paths."""
    index: dict[str, list[str]] = {}
    for sp in source_paths:
        if sp.lower().endswith(_NOT_INPUTS):
            continue
        parts = strip_ext(sp)
        if parts:
            index.setdefault(parts[-1], []).append(sp)
    return index


def find_source(key: tuple[str, ...], index: dict[str, list[str]]) -> list[str]:
    """Every run source_path that the key is a suffix of, sorted (shortest path first)."""
    if not key:
        return []
    hits = [sp for sp in index.get(key[-1], []) if suffix_matches(sp, key)]
    return sorted(hits, key=lambda sp: (len(strip_ext(sp)), sp))
