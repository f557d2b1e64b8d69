"""Anchored gold: offsets into a document's pages turn back into the rows' text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportmine.core.document import Document
from reportmine.evaluation.anchored import (
    ANCHOR_KEY,
    AnchorError,
    anchor_quote,
    resolve_anchored,
    resolve_rows,
)
from reportmine.evaluation.gold import GoldError, load_gold_dir
from reportmine.loaders import load_document

PAGES = ["Intro line.\nDecisions are timely\nand appropriate. ", "2\nCaseloads are too high."]
DOC = Document(
    doc_id="abc",
    source_path="x.pdf",
    source_format="pdf",
    text="".join(PAGES),
    page_starts=[0, len(PAGES[0])],
)


@pytest.mark.parametrize(
    ("page", "quote", "expected"),
    [
        (1, "Intro line.", "Intro line."),
        (2, "Caseloads are too high.", "Caseloads are too high."),
        # line breaks fall differently in the quote: found regardless
        (1, "Decisions are timely and appropriate.", "Decisions are timely\nand appropriate."),
        (1, "Decisions  are\ntimely\nand appropriate.", "Decisions are timely\nand appropriate."),
    ],
)
def test_anchor_quote_finds_the_span_on_its_page(page, quote, expected):
    start, end = anchor_quote(DOC, page, quote)
    assert DOC.page_text(page)[start:end] == expected


@pytest.mark.parametrize(
    ("page", "quote"),
    [(2, "Intro line."), (3, "Intro line."), (0, "Intro line."), (1, "Nowhere to be seen.")],
)
def test_anchor_quote_rejects_quotes_not_on_that_page(page, quote):
    with pytest.raises(AnchorError):
        anchor_quote(DOC, page, quote)


def _gold(doc_id: str = "abc", **row) -> dict:
    base = {"page": 2, "start": 2, "end": 25, "polarity": "weakness"}
    return {ANCHOR_KEY: {"path": "src/x.pdf", "doc_id": doc_id}, "findings": [base | row]}


def test_resolve_rows_fills_text_and_document_offsets():
    row = resolve_rows(_gold(), DOC)["findings"][0]
    assert row["text"] == row["quote"] == "Caseloads are too high."
    assert DOC.text[row["char_start"] : row["char_end"]] == row["text"]
    assert row["polarity"] == "weakness" and row["page"] == 2


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        (_gold(doc_id="other"), "has changed"),
        (_gold(end=999), "bad span"),
        (_gold(page=5), "bad span"),
        (_gold(start=10, end=10), "bad span"),
    ],
)
def test_resolve_rows_is_loud_on_a_changed_document_or_bad_span(gold, message):
    with pytest.raises(AnchorError, match=message):
        resolve_rows(gold, DOC)


def _write_paper(root: Path) -> str:
    paper = root / "docs" / "council" / "paper.txt"
    paper.parent.mkdir(parents=True)
    paper.write_text("Heading\n\nThe front door works well. Plans drift.\n", encoding="utf-8")
    return load_document(paper, root / "docs").doc_id


def test_gold_folder_with_anchored_file_reads_like_ordinary_gold(tmp_path):
    doc_id = _write_paper(tmp_path)
    gold_dir = tmp_path / "gold" / "council"
    gold_dir.mkdir(parents=True)
    data = {
        ANCHOR_KEY: {"path": "council/paper.txt", "doc_id": doc_id},
        "findings": [{"page": 1, "start": 9, "end": 35, "polarity": "strength"}],
    }
    (gold_dir / "paper.json").write_text(json.dumps(data), encoding="utf-8")
    (doc,) = load_gold_dir(tmp_path / "gold", documents_root=tmp_path / "docs")
    assert doc.key == ("council", "paper")
    assert [r["text"] for r in doc.rows("findings")] == ["The front door works well."]


def test_anchored_gold_without_its_document_is_a_clear_gold_error(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "paper.json").write_text(json.dumps(_gold()), encoding="utf-8")
    with pytest.raises(GoldError, match="needs its document"):
        load_gold_dir(gold_dir, documents_root=tmp_path / "absent")


def test_resolve_anchored_loads_the_document_from_the_root(tmp_path):
    doc_id = _write_paper(tmp_path)
    data = {
        ANCHOR_KEY: {"path": "council/paper.txt", "doc_id": doc_id},
        "findings": [{"page": 1, "start": 36, "end": 48, "polarity": "weakness"}],
    }
    resolved = resolve_anchored(data, tmp_path / "docs")
    assert resolved["findings"][0]["text"] == "Plans drift."


PAGE = (
    "Meeting: 1/2/2020 - Panel\r\nRESOLVED that\r\n(a) the plan be agreed;\r\n"
    "Caseloads are 18.\r\n"
)


def file_offset_gold(text: str, phrase: str, table: str = "actions") -> dict:
    start = text.index(phrase)
    return {"document": {"council": "Anytown"},
            table: [{"start": start, "end": start + len(phrase), "kind": "resolution"}]}


@pytest.mark.parametrize(
    "layout", ["beside the gold folder", "under the documents root", "the whole gold-shared"]
)
def test_file_offset_gold_reads_its_rows_text_from_the_page(tmp_path, layout):
    """Council-page gold gives offsets into the page file (CRLF kept), not quotes."""
    pages = tmp_path / "shared" / "council-minutes"
    pages.mkdir(parents=True)
    (pages / "host.example.gov.uk_ai_id1.txt").write_bytes(PAGE.encode())
    key: tuple[str, ...] = ("host.example.gov.uk_ai_id1",)
    if layout == "beside the gold folder":
        gold_dir = json_dir = pages / "gold"
    elif layout == "under the documents root":
        gold_dir = json_dir = tmp_path / "corpus" / "gold-shared" / "council-minutes"
    else:  # `reportmine eval corpus/gold-shared OUT`: the source folder is part of the key
        gold_dir = tmp_path / "corpus" / "gold-shared"
        json_dir = gold_dir / "council-minutes"
        key = ("council-minutes", *key)
    json_dir.mkdir(parents=True)
    gold = file_offset_gold(PAGE, "the plan be agreed")
    (json_dir / "host.example.gov.uk_ai_id1.json").write_text(json.dumps(gold))
    [doc] = load_gold_dir(gold_dir, documents_root=tmp_path / "shared")
    [row] = doc.rows("actions")
    assert row["text"] == row["quote"] == "the plan be agreed"
    assert doc.key == key


def test_file_offset_gold_without_its_page_or_with_a_bad_span_is_a_gold_error(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "missing.json").write_text(json.dumps(file_offset_gold(PAGE, "Caseloads")))
    with pytest.raises(GoldError, match="page file"):
        load_gold_dir(gold_dir, documents_root=tmp_path)
    (tmp_path / "missing.txt").write_text("short")
    with pytest.raises(GoldError, match="bad span"):
        load_gold_dir(gold_dir, documents_root=tmp_path)
