"""Loaders turn a file's bytes into a normalised Document; one module per format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportmine.document import Document, doc_id_for_bytes
from reportmine.loaders.base import LoadError, assemble_pages
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


def sniff_format(path: Path, head: bytes) -> str:
    """The real format, from the bytes first and the file name second.

    Some downloaded "PDFs" are HTML error or landing pages; the bytes tell.
    """
    start = head.lstrip()[:1024].lower()
    if b"%pdf-" in head[:1024]:
        return "pdf"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:512]:
        return "html"
    return SUFFIX_FORMATS.get(path.suffix.lower(), "unknown")


def load_document(path: Path, root: Path | None = None, data: bytes | None = None) -> Document:
    """Read one file into a Document. Raises LoadError with a message a user can act on."""
    source_path = path.relative_to(root).as_posix() if root else path.as_posix()
    if data is None:
        from reportmine.inputs import read_input  # imports this package: import late

        data = read_input(path)
    fmt = sniff_format(path, data[:2048])
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


__all__ = ["LOADERS", "LoadError", "load_document", "sniff_format"]
