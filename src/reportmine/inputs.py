"""What a batch reads: the input files below IN_DIR, their ids, and why one cannot be read.

Inputs are only ever opened for reading, and only regular files are opened at all: a
pipe, device or socket is recognised from its metadata and never opened (opening a
pipe blocks until something writes to it; a file replaced by one after the scan is
opened without blocking and refused). Every way a path can fail to give bytes
(permissions, a symbolic-link loop, a dangling link, a link that leaves IN_DIR, a pipe
or device) becomes a `LoadError` with a message a user can act on, never an exception
that stops the batch.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from reportmine.document import doc_id_of
from reportmine.loaders import HEAD_BYTES, LoadError, sniff_format
from reportmine.models import TABLES
from reportmine.outcome import cache_key

_CHUNK = 1 << 20


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
            names = [n for n in names if n not in _TABLE_FILES]
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(dirpath) / name


_TABLE_FILES = {f"{table}.parquet" for table in TABLES}


def is_dataset_folder(folder: Path) -> bool:
    """Whether `folder` is a table a distributed run wrote into OUT_DIR: named after the
    table, holding part-NNNNN.parquet files and nothing else (an input folder that
    happens to be called `documents` is not one)."""
    try:
        names = os.listdir(folder) if folder.name in TABLES else []
    except OSError:
        return False
    return bool(names) and all(_DATASET_PART.fullmatch(name) for name in names)


_DATASET_PART = re.compile(r"part-\d{5}\.parquet")


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


def _open_error(path: Path, exc: OSError) -> LoadError:
    if isinstance(exc, PermissionError):
        return LoadError(
            "permission_denied",
            f"Cannot read the file: {exc.strerror}. Give the account running reportmine "
            "read access to it (chmod a+r), or move it out of the input folder.",
        )
    if exc.errno == errno.ELOOP or (isinstance(exc, IsADirectoryError) and path.is_symlink()):
        return _symlink_loop()
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        return LoadError(
            "broken_symlink",
            f"The symbolic link points to {os.readlink(path)!r}, which does not exist; "
            "fix or remove the link.",
        )
    return LoadError("unreadable_file", f"Cannot read the file: {exc}.")


def _symlink_loop() -> LoadError:
    return LoadError(
        "symlink_loop",
        "The path is a symbolic link that loops back on itself or on a folder above it; "
        "remove the link or point it at a real file.",
    )


def _not_a_file(path: Path, mode: int) -> LoadError:
    if stat.S_ISDIR(mode) and path.is_symlink():
        return _symlink_loop()  # a link to a folder above it, as the scan yields only those
    return LoadError(
        "not_a_file",
        "The path is not a regular file (a folder, pipe, socket or device); "
        "remove it from the input folder.",
    )


def _check_inside(path: Path, inside: Path) -> None:
    """Refuse a file whose real path (symbolic links resolved) leaves the folder `inside`."""
    target = Path(os.path.realpath(path))
    if not target.is_relative_to(os.path.realpath(inside)):
        raise LoadError(
            "link_outside_input",
            f"The path is a symbolic link to {target.as_posix()!r}, outside the input "
            "folder; reportmine does not follow such links unless run with "
            "--follow-links-outside.",
        )


def _open_nonblocking(path, flags: int) -> int:
    """Open without blocking: a pipe put in a file's place after it was checked would
    otherwise wait for a writer for ever (then `open_input` refuses it)."""
    return os.open(path, flags | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))


def open_input(path: Path, inside: Path | None = None):
    """Open one input for binary reading; raise LoadError for anything that is not a
    regular file, which is never opened, or (given `inside`) that lies outside it."""
    try:
        mode = os.stat(path).st_mode  # follows links, opens nothing
    except OSError as exc:
        raise _open_error(path, exc) from exc
    if not stat.S_ISREG(mode):
        raise _not_a_file(path, mode)
    if inside is not None:
        _check_inside(path, inside)
    try:
        handle = open(path, "rb", opener=_open_nonblocking)  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise _open_error(path, exc) from exc
    mode = os.fstat(handle.fileno()).st_mode
    if not stat.S_ISREG(mode):  # replaced since the stat above
        handle.close()
        raise _not_a_file(path, mode)
    return handle


def read_input(path: Path, inside: Path | None = None) -> bytes:
    """All bytes of one input file, or LoadError."""
    with open_input(path, inside) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise _open_error(path, exc) from exc


def hash_input(path: Path, inside: Path | None = None) -> tuple[str, int, bytes]:
    """(doc_id, size in bytes, the first HEAD_BYTES), reading the file in chunks so a huge
    file costs no memory."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    with open_input(path, inside) as handle:
        try:
            while chunk := handle.read(_CHUNK):
                head = head or chunk[:HEAD_BYTES]
                digest.update(chunk)
                size += len(chunk)
        except OSError as exc:
            raise _open_error(path, exc) from exc
    return doc_id_of(digest), size, head


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
