"""The analysed document: one per document, built once and passed to every extractor.

What several extractors need of a document (its lower-cased text, blocks, sentences,
genre) is computed on first use and kept on the object for the others, so no extractor
recomputes it and no cache outlives the document.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any, TypeVar

from reportmine.core.document import Document
from reportmine.text.genre import looks_like_inspection_report
from reportmine.text.scan import Span, folded
from reportmine.text.segment import Block, Sentence, sentences_of, split_blocks

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class AnalysedDocument:
    """A `Document` with what the extractors read of it. It answers the Document's own
    attributes (`text`, `doc_id`, `page_of`, ...), so evidence is built from it alike."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._memo: dict[tuple[Any, Any], Any] = {}

    def __getattr__(self, name: str):
        return getattr(self.doc, name)  # the Document's fields and methods

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def folded(self) -> str | None:
        """`text.lower()`, offset for offset, or None where case-insensitive matching and
        lower-casing disagree (`text.scan.folded`); slice it as the text is sliced."""
        return folded(self.doc.text)

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(split_blocks(self.doc.text))

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of every non-heading block, with its block (and so section)."""
        return tuple(sentences_of(self.doc.text, self.blocks))

    @cached_property
    def is_inspection_report(self) -> bool:
        """Ofsted's own letter or report, rather than a council's paper."""
        return looks_like_inspection_report(self.doc.text)

    def span(self, start: int, end: int) -> Span:
        """`text[start:end]` with its folded form."""
        low = self.folded[start:end] if self.folded is not None else None
        return Span(self.doc.text[start:end], low)

    def memo(self, fn: Callable[[K], V], arg: K) -> V:
        """`fn(arg)`, computed once for this document: extractors ask the same question
        of the same heading or sentence again and again. It goes with the document."""
        key = (fn, arg)
        if key not in self._memo:
            self._memo[key] = fn(arg)
        return self._memo[key]


def analysed(doc: Document | AnalysedDocument | str) -> AnalysedDocument:
    """`doc` analysed: the pipeline passes an AnalysedDocument; a Document or a normalised
    text (a test's, a notebook's, training's) is analysed here."""
    if isinstance(doc, AnalysedDocument):
        return doc
    if isinstance(doc, str):
        doc = Document("text", "text.txt", "txt", doc)
    return AnalysedDocument(doc)
