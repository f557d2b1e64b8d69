"""Reading an input file's bytes safely.

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
import stat
from pathlib import Path

from reportmine.core.document import doc_id_of
from reportmine.loaders.base import LoadError

HEAD_BYTES = 2048  # how much of a file `sniff_format` needs
_CHUNK = 1 << 20


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


