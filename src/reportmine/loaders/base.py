"""What every loader shares: the error it raises and how pages become one Document."""

from __future__ import annotations

import re

from reportmine.core.document import Document


class LoadError(Exception):
    """An input that cannot be read; becomes an `errors` row, never a crash."""

    def __init__(self, error_type: str, message: str, stage: str = "load") -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stage = stage


_ENDS_SENTENCE = re.compile(r"[.:;?!\"')]\s*$")


def assemble_pages(
    pages: list[str], doc_id: str, source_path: str, source_format: str, paginated: bool
) -> Document:
    """Join cleaned pages into one text, remembering where each page starts.

    A page that continues the previous page's sentence (no final punctuation before,
    lower-case start after) is joined with a space, so the sentence stays whole.
    """
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for page in pages:
        if parts:
            prev = parts[-1]
            glue = (
                " " if (prev and page[:1].islower() and not _ENDS_SENTENCE.search(prev)) else "\n\n"
            )
            parts.append(glue)
            length += len(glue)
        starts.append(length)
        parts.append(page)
        length += len(page)
    return Document(
        doc_id=doc_id,
        source_path=source_path,
        source_format=source_format,
        text="".join(parts),
        page_starts=starts if paginated else [],
    )
