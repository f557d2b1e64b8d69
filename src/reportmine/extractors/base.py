"""The one narrow interface every extractor shares.

An extractor reads an analysed document (`text.analysis.AnalysedDocument`, built once per
document and shared by every extractor) and returns typed records, each carrying its
evidence (quote, offsets, page), a confidence and the name of the rule or model that
produced it, in the spirit of Presidio's RecognizerResult.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

from pydantic import BaseModel

from reportmine.core.document import Document
from reportmine.core.models import EvidenceRow
from reportmine.text.analysis import AnalysedDocument


class Extractor(Protocol):
    """Text in, typed records with spans and scores out."""

    name: ClassVar[str]
    table: ClassVar[str]

    def extract(self, doc: AnalysedDocument) -> list[BaseModel]: ...


def evidence(
    doc: Document | AnalysedDocument, start: int, end: int, extractor: str, confidence: float = 1.0
) -> dict[str, Any]:
    """The evidence fields of a record spanning doc.text[start:end], trimmed of blanks."""
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {
        "doc_id": doc.doc_id,
        "quote": text[start:end],
        "char_start": start,
        "char_end": end,
        "page": doc.page_of(start),
        "extractor": extractor,
        "confidence": round(min(1.0, max(0.0, confidence)), 4),
    }


def check_evidence(doc: Document | AnalysedDocument, record: EvidenceRow) -> bool:
    """True when the record's quote is exactly the text its offsets point at."""
    return doc.text[record.char_start : record.char_end] == record.quote
