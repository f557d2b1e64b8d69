"""The analysed document: one per document, built once and passed to every extractor.

What several extractors need of a document (its lower-cased text, blocks, sentences,
genre) is computed on first use and kept on the object for the others, so no extractor
recomputes it and no cache outlives the document.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any, TypeVar

from reportmine.core.document import Document
from reportmine.text.figures import FigureIndex
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
        # What evidence reads of every record, as plain attributes.
        self.text = doc.text
        self.doc_id = doc.doc_id
        self.page_of = doc.page_of
        self._memo: dict[tuple[Any, Any], Any] = {}

    def __getattr__(self, name: str):
        return getattr(self.doc, name)  # the Document's other fields and methods

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
    def figures(self) -> FigureIndex | None:
        """Where figures may be (digits, signs, number words); None where the text has no
        `folded` form, and each sentence is then tested on its own."""
        return FigureIndex(self.doc.text, self.folded) if self.folded is not None else None

    @cached_property
    def is_inspection_report(self) -> bool:
        """Ofsted's own letter or report, rather than a council's paper."""
        return looks_like_inspection_report(self.doc.text)

    def word_hits(self, words: tuple[str, ...]) -> WordHits | None:
        """Where `words` occur, to ask which sentences hold one (None where the text has
        no `folded` form); built once per document for each tuple of words."""
        return self.memo(self._new_word_hits, words) if self.folded is not None else None

    def _new_word_hits(self, words: tuple[str, ...]) -> WordHits:
        assert self.folded is not None
        return WordHits(self.folded, words)

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


class WordHits:
    """Where any of some lower-case words occurs in a folded document, to ask of a span of
    it what `has_words(low[lo:hi], words)` would say without slicing every span.

    A word is in `low[lo:hi]` exactly when one of its occurrences in `low` starts at or
    after `lo` and ends at or before `hi`; `str.find` from every offset lists them all,
    overlapping ones included."""

    def __init__(self, low: str, words: tuple[str, ...]) -> None:
        hits = []
        for word in words:
            at = low.find(word)
            while at >= 0:
                hits.append((at, at + len(word)))
                at = low.find(word, at + 1)
        hits.sort()
        self.starts = [start for start, _ in hits]
        self.ends = [end for _, end in hits]

    def within(self, lo: int, hi: int) -> bool:
        """True when one of the words lies wholly inside `low[lo:hi]`."""
        starts, ends = self.starts, self.ends
        i = bisect_left(starts, lo)
        while i < len(starts) and starts[i] < hi:
            if ends[i] <= hi:
                return True
            i += 1
        return False
