"""What a batch reads: the input files below IN_DIR, their ids, and why one cannot be read
(the reading itself is `loaders.files`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from reportmine.loaders import LoadError, hash_input, sniff_format
from reportmine.output.files import TABLE_FILES, is_dataset_folder
from reportmine.output.outcome import cache_key


def iter_input_files(in_dir: Path, skip: Path | None = None) -> Iterator[Path]:
    """Every file below IN_DIR, sorted; hidden files and folders (names starting with a
    dot) skipped, links to folders not followed.

    A link to a folder is not followed; one that points back to a folder above it (a
    loop) is yielded all the same, so that it gets an error row rather than vanishing.
    The folder `skip` (OUT_DIR) is left out when it lies inside IN_DIR; when it is IN_DIR
    itself, the tables a run writes there are.
    """
    in_dir = Path(in_dir)
    if not in_dir.is_dir():
        yield in_dir
        return
    skipped = os.path.realpath(skip) if skip is not None else None
    for dirpath, dirnames, filenames in os.walk(in_dir, followlinks=False):
        loops = [d for d in dirnames if _is_folder_loop(Path(dirpath) / d)]
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and os.path.realpath(Path(dirpath) / d) != skipped
        )
        names = filenames + loops
        if os.path.realpath(dirpath) == skipped:
            dirnames[:] = [d for d in dirnames if not is_dataset_folder(Path(dirpath) / d)]
            names = [n for n in names if n not in TABLE_FILES]
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(dirpath) / name






def _is_folder_loop(path: Path) -> bool:
    if not path.is_symlink():
        return False
    target = Path(os.path.realpath(path))
    here = Path(os.path.realpath(path.parent))
    return here == target or target in here.parents


def source_path_of(path: Path, root: Path | None) -> str:
    """The path as written in the tables: relative to IN_DIR, always valid UTF-8."""
    text = path.relative_to(root).as_posix() if root else path.as_posix()
    return os.fsencode(text).decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class InputFile:
    """One entry of a batch: where it is, what it is called in the tables, its id and
    the format it will be read as."""

    index: int
    path: Path
    source_path: str
    doc_id: str | None  # None when the file cannot be read
    size: int = 0
    error: LoadError | None = None
    fmt: str = "unknown"

    @cached_property
    def key(self) -> str | None:
        """What its result is stored under: see `outcome.cache_key`."""
        return cache_key(self.doc_id, self.fmt, self.source_path) if self.doc_id else None


def input_root(in_dir: Path) -> Path:
    in_dir = Path(in_dir)
    return in_dir if in_dir.is_dir() else in_dir.parent


def confining_folder(in_dir: Path, follow_links_outside: bool = False) -> Path | None:
    """The folder an input's real path must lie in: IN_DIR, unless links that leave it
    are to be followed (or IN_DIR is a file the user named)."""
    in_dir = Path(in_dir)
    return None if follow_links_outside or not in_dir.is_dir() else in_dir


def iter_scanned_inputs(
    in_dir: Path, skip: Path | None = None, follow_links_outside: bool = False
) -> Iterator[InputFile]:
    """Every input below IN_DIR (but `skip`) with its content id, one at a time;
    unreadable ones carry their error."""
    root = input_root(in_dir)
    inside = confining_folder(in_dir, follow_links_outside)
    for index, path in enumerate(iter_input_files(in_dir, skip)):
        source_path = source_path_of(path, root)
        try:
            doc_id, size, head = hash_input(path, inside)
        except LoadError as exc:
            yield InputFile(index, path, source_path, None, error=exc)
            continue
        yield InputFile(index, path, source_path, doc_id, size, fmt=sniff_format(path, head))
