"""What a batch reads: the input files below IN_DIR, their ids, and why one cannot be read.

Inputs are only ever opened for reading. Every way a path can fail to give bytes
(permissions, a symbolic-link loop, a dangling link, a pipe or device) becomes a
`LoadError` with a message a user can act on, never an exception that stops the batch.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportmine.document import doc_id_of
from reportmine.loaders.base import LoadError

_CHUNK = 1 << 20


def iter_input_files(in_dir: Path, skip: Path | None = None) -> Iterator[Path]:
    """Every file below IN_DIR, sorted, hidden files skipped, links to folders not followed.

    A link to a folder is not followed; one that points back to a folder above it (a
    loop) is yielded all the same, so that it gets an error row rather than vanishing.
    The folder `skip` (OUT_DIR, when it lies inside IN_DIR) is left out.
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
        for name in sorted(filenames + loops):
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


def _open_error(path: Path, exc: OSError) -> LoadError:
    if isinstance(exc, PermissionError):
        return LoadError(
            "permission_denied",
            f"Cannot read the file: {exc.strerror}. Give the account running reportmine "
            "read access to it (chmod a+r), or move it out of the input folder.",
        )
    if exc.errno == errno.ELOOP or (isinstance(exc, IsADirectoryError) and path.is_symlink()):
        return LoadError(
            "symlink_loop",
            "The path is a symbolic link that loops back on itself or on a folder above it; "
            "remove the link or point it at a real file.",
        )
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        return LoadError(
            "broken_symlink",
            f"The symbolic link points to {os.readlink(path)!r}, which does not exist; "
            "fix or remove the link.",
        )
    return LoadError("unreadable_file", f"Cannot read the file: {exc}.")


def open_input(path: Path):
    """Open one input for binary reading; raise LoadError for anything that is not a file."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    except OSError as exc:
        raise _open_error(path, exc) from exc
    mode = os.fstat(handle.fileno()).st_mode
    if not stat.S_ISREG(mode):
        handle.close()
        raise LoadError(
            "not_a_file",
            "The path is not a regular file (a folder, pipe or device); "
            "remove it from the input folder.",
        )
    return handle


def read_input(path: Path) -> bytes:
    """All bytes of one input file, or LoadError."""
    with open_input(path) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise _open_error(path, exc) from exc


def hash_input(path: Path) -> tuple[str, int]:
    """(doc_id, size in bytes), reading the file in chunks so a huge file costs no memory."""
    digest = hashlib.sha256()
    size = 0
    with open_input(path) as handle:
        try:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
        except OSError as exc:
            raise _open_error(path, exc) from exc
    return doc_id_of(digest), size


@dataclass(frozen=True)
class InputFile:
    """One entry of a batch: where it is, what it is called in the tables, its id."""

    index: int
    path: Path
    source_path: str
    doc_id: str | None  # None when the file cannot be read
    size: int = 0
    error: LoadError | None = None


def input_root(in_dir: Path) -> Path:
    in_dir = Path(in_dir)
    return in_dir if in_dir.is_dir() else in_dir.parent


def iter_scanned_inputs(in_dir: Path, skip: Path | None = None) -> Iterator[InputFile]:
    """Every input below IN_DIR (but `skip`) with its content id, one at a time;
    unreadable ones carry their error."""
    root = input_root(in_dir)
    for index, path in enumerate(iter_input_files(in_dir, skip)):
        source_path = source_path_of(path, root)
        try:
            doc_id, size = hash_input(path)
        except LoadError as exc:
            yield InputFile(index, path, source_path, None, error=exc)
            continue
        yield InputFile(index, path, source_path, doc_id, size)
