"""Caches scoped to one document: a batch of near-copies gets no answers from the
documents before it, so `make bench` on generated copies measures real work."""

from __future__ import annotations

from pathlib import Path

from reportmine.batch.process import extract_document
from reportmine.core.document import Document
from reportmine.extractors.finding_cues import analyse
from reportmine.text.doc_cache import new_document, per_document

SEED = sorted((Path(__file__).resolve().parents[2] / "corpus" / "papers" / "seeds").glob("*.txt"))[
    0
]


def _copy(n: int) -> Document:
    """The seed with a line of its own, as the benchmark's generated papers are."""
    text = SEED.read_text(encoding="utf-8") + f"\nReference {n:05d}.\n"
    return Document(f"copy-{n}", f"copy-{n}.txt", "txt", text)


def _cue_hits_after(doc: Document) -> int:
    """Answers `analyse` gave from its cache since it was last emptied."""
    extract_document(doc)
    return analyse.cache_info().hits


def test_a_document_reuses_no_answer_about_the_document_before_it():
    alone = _cue_hits_after(_copy(1))  # repeats within the one document only
    assert alone > 0
    extract_document(_copy(2))  # a near-copy: the same sentences
    assert _cue_hits_after(_copy(3)) == alone


def test_new_document_empties_every_cache_made_by_per_document():
    calls: list[str] = []

    @per_document(maxsize=8)
    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    assert shout("ofsted") == shout("ofsted") == "OFSTED"
    assert calls == ["ofsted"]
    new_document()
    shout("ofsted")
    assert calls == ["ofsted", "ofsted"]
