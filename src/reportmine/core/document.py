"""The normalised document every extractor reads: clean text plus a page map."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field


def doc_id_for_bytes(data: bytes) -> str:
    """Content-addressed id: the same file anywhere gets the same id."""
    return doc_id_of(hashlib.sha256(data))


def doc_id_of(digest: hashlib._Hash) -> str:
    """The doc_id for a sha256 digest of a file's bytes (fed whole or in chunks)."""
    return digest.hexdigest()[:16]


@dataclass
class Document:
    """Normalised text of one input file.

    `page_starts[i]` is the offset where page i+1 begins in `text`; it is empty for
    unpaginated input, so `page_of` returns None there.
    """

    doc_id: str
    source_path: str
    source_format: str
    text: str
    page_starts: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The ruled tables of a 1-based page, read from the layout on demand (PDFs only).
    tables: Callable[[int], list[list[list[str]]]] | None = field(
        default=None, repr=False, compare=False
    )

    def page_tables(self, page: int) -> list[list[list[str]]]:
        """Tables on a page as rows of cell texts; empty where the input has no layout."""
        if self.tables is None or not 1 <= page <= max(1, self.n_pages):
            return []
        return self.tables(page)

    @property
    def n_pages(self) -> int:
        return len(self.page_starts)

    def page_of(self, offset: int) -> int | None:
        """1-based page holding the character at `offset` (None when unpaginated)."""
        if not self.page_starts:
            return None
        return max(1, bisect_right(self.page_starts, offset))

    def page_text(self, page: int) -> str:
        """Text of one 1-based page, as it stands in `text`."""
        start = self.page_starts[page - 1]
        end = self.page_starts[page] if page < len(self.page_starts) else len(self.text)
        return self.text[start:end]
