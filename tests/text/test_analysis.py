"""One analysed document per document, shared by every extractor, gone with it."""

from __future__ import annotations

from reportmine.batch.process import extract_document
from reportmine.core.document import Document
from reportmine.text.analysis import AnalysedDocument, analysed
from reportmine.text.segment import split_blocks, split_sentences

PAPER = (
    "Children's Services Scrutiny Committee - 9 June 2022\n"
    "Ofsted inspection\n"
    "Caseloads average 18 per social worker. The overspend is \u00a3923k.\n"
)


class _Spy:
    """An extractor that records what it was given."""

    table = "findings"

    def __init__(self, name: str, seen: list) -> None:
        self.name, self.seen = name, seen

    def extract(self, doc):
        self.seen.append(doc)
        return []


def test_every_extractor_reads_one_analysed_document_built_for_it():
    seen: list = []
    extract_document(Document("d", "x.txt", "txt", PAPER), [_Spy("a", seen), _Spy("b", seen)])
    assert len(seen) == 2 and seen[0] is seen[1]
    assert isinstance(seen[0], AnalysedDocument)


def test_two_documents_share_no_analysis():
    seen: list = []
    for n in range(2):
        extract_document(Document(f"d{n}", "x.txt", "txt", PAPER), [_Spy("a", seen)])
    assert seen[0] is not seen[1]


def test_the_analysis_is_what_the_text_functions_give():
    doc = analysed(Document("d", "x.txt", "txt", PAPER))
    assert doc.folded == PAPER.lower()
    assert list(doc.blocks) == split_blocks(PAPER)
    assert list(doc.sentences) == split_sentences(PAPER)
    assert doc.text == PAPER and doc.doc_id == "d" and doc.page_of(3) is None
    assert analysed(doc) is doc and analysed(PAPER).text == PAPER


def test_memo_computes_once_per_document():
    calls: list[str] = []

    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    doc, other = analysed(PAPER), analysed(PAPER)
    assert doc.memo(shout, "ofsted") == doc.memo(shout, "ofsted") == "OFSTED"
    assert calls == ["ofsted"]
    other.memo(shout, "ofsted")
    assert calls == ["ofsted", "ofsted"]


def test_word_hits_are_built_once_per_words():
    doc = analysed(PAPER)
    hits = doc.word_hits(("caseload", "ofsted"))
    assert doc.word_hits(("caseload", "ofsted")) is hits
    start = PAPER.index("Caseloads")
    assert hits.within(start, start + 20) and not hits.within(0, 10)
