"""Loaders turn a file's bytes into a normalised Document; one module per format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportmine.core.document import Document, doc_id_for_bytes
from reportmine.loaders.base import LoadError, assemble_pages
from reportmine.loaders.files import HEAD_BYTES, hash_input, open_input, read_input
from reportmine.loaders.html import load_html
from reportmine.loaders.layout import PdfTables
from reportmine.loaders.pdf import load_pdf
from reportmine.loaders.text import load_text

# format -> (loader, paginated)
LOADERS: dict[str, tuple[Callable[[bytes], list[str]], bool]] = {
    "pdf": (load_pdf, True),
    "txt": (load_text, False),
    "md": (load_text, False),
    "html": (load_html, False),
}
SUFFIX_FORMATS = {
    ".pdf": "pdf",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}


_UTF8_BOM = b"\xef\xbb\xbf"


def sniff_format(path: Path, head: bytes) -> str:
    """The real format, from the bytes first and the file name second.

    `head` is the file's first HEAD_BYTES bytes (or all of them). A PDF starts with
    `%PDF-`; an HTML page starts with a tag and names `<html` (or an HTML doctype) in
    its first 512 bytes, so some downloaded "PDFs" are found to be HTML error or
    landing pages, and a PDF saved as `.txt` is still read as a PDF. Text that merely
    mentions either is left to its name. Whitespace and a UTF-8 byte-order mark before
    the first byte are allowed.
    """
    start = head[:1024].removeprefix(_UTF8_BOM).lstrip()
    if start.startswith(b"%PDF-"):
        return "pdf"
    lower = start[:512].lower()
    if lower.startswith(b"<") and (lower.startswith(b"<!doctype html") or b"<html" in lower):
        return "html"
    return SUFFIX_FORMATS.get(path.suffix.lower(), "unknown")


def load_document(path: Path, root: Path | None = None, data: bytes | None = None) -> Document:
    """Read one file into a Document. Raises LoadError with a message a user can act on."""
    source_path = path.relative_to(root).as_posix() if root else path.as_posix()
    if data is None:
        data = read_input(path)
    fmt = sniff_format(path, data[:HEAD_BYTES])
    if fmt == "unknown":
        raise LoadError(
            "unsupported_format",
            f"Unsupported file type {path.suffix or '(no extension)'!r}; "
            f"reportmine reads {', '.join(sorted(SUFFIX_FORMATS))}.",
        )
    loader, paginated = LOADERS[fmt]
    pages = loader(data)
    doc = assemble_pages(pages, doc_id_for_bytes(data), source_path, fmt, paginated)
    if fmt == "pdf":
        doc.tables = PdfTables(data)
    return doc


__all__ = [
    "HEAD_BYTES", "LOADERS", "LoadError", "hash_input", "load_document", "open_input",
    "read_input", "sniff_format",
]
