"""Split normalised text into blocks and sentences, each knowing its section heading.

Council papers are written in headings, numbered paragraphs ("5.1"), bullets and
"Action:" paragraphs; extractors work on sentences that carry that structure with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from reportmine.text.normalise import BULLET

_NUMBER_PREFIX = re.compile(
    r"^(?:\(?\d{1,2}(?:\.\d{1,2}){0,3}[a-z]?[.)]?|\(?[a-z]{1,3}\)|[ivx]{1,4}[.)])(?:\s+|(?=[A-Z]))"
)
_BULLET_PREFIX = re.compile(rf"^{BULLET}\s*")
_ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "mr",
    "mrs",
    "ms",
    "dr",
    "no",
    "nos",
    "st",
    "cllr",
    "approx",
    "vs",
    "cf",
    "para",
    "paras",
    "ref",
    "fig",
    "inc",
    "ltd",
    "co",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "hmi",
    "prof",
    "rev",
    "cl",
}
# A candidate sentence end: terminal punctuation, optional closing quote/bracket, space,
# then something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?]['\")\]]*\s+(?=[\"'(\[]?[A-Z0-9\u2022])")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


class Block(NamedTuple):
    """One line of normalised text: a heading, bullet, numbered paragraph or paragraph.
    (Named tuples, here and for other records made per sentence: immutable like a frozen
    dataclass, and several times cheaper to create.)"""

    start: int
    end: int
    body_start: int  # after any bullet or paragraph number
    kind: str  # "heading", "bullet", "numbered", "paragraph"
    section: str | None
    label: str | None  # the paragraph number or None


class Sentence(NamedTuple):
    start: int
    end: int
    block: Block

    @property
    def section(self) -> str | None:
        return self.block.section


def _may_be_numbered(body: str) -> bool:
    """False only where `_NUMBER_PREFIX` cannot match: it begins with "(", a digit (`\\d`
    is any Unicode decimal digit, as `str.isdecimal` is) or a lower-case ASCII letter."""
    first = body[:1]
    return first == "(" or first.isdecimal() or "a" <= first <= "z"


def _letter_counts(body: str) -> tuple[int, int]:
    """(letters, upper-case letters) in `body`. In ASCII only letters are upper-case, so
    both are counted by C-level maps; elsewhere (a circled Ⓐ is upper-case, not a letter)
    the upper-case ones are counted among the letters."""
    if body.isascii():
        return sum(map(str.isalpha, body)), sum(map(str.isupper, body))
    letters = [c for c in body if c.isalpha()]
    return len(letters), sum(c.isupper() for c in letters)


# A section headed with its grade, longer than other headings: "The experiences and
# progress of children who need help and protection: good".
_GRADED_HEADING = re.compile(
    r"[A-Z][^.:;]{10,140}:\s*(?:outstanding|good|inadequate|"
    r"requires?\s+improvement(?:\s+to\s+be\s+good)?)",
    re.IGNORECASE,
)


def _looks_like_heading(body: str, numbered: bool) -> bool:
    if _GRADED_HEADING.fullmatch(body):
        return True
    if len(body) > 90 or (body.endswith((".", ";", ",")) and not body.endswith("...")):
        return False  # tested before the words are split: most lines stop here
    words = body.split()
    if not words or len(words) > 12:
        return False
    if body.endswith("?") and len(words) > 9:
        return False
    n_letters, n_upper = _letter_counts(body)
    if not n_letters:
        return False
    upper_share = n_upper / n_letters
    if upper_share > 0.6:
        return True
    if body.endswith(":"):
        return len(words) <= 8
    capitalised = sum(w[:1].isupper() for w in words if len(w) > 3) / max(
        1, sum(1 for w in words if len(w) > 3)
    )
    return body[:1].isupper() and (capitalised >= 0.5 or numbered or len(words) <= 6)


_DIGITS = re.compile(r"\d+")
# A footnote number glued to a heading: "What needs to improve?1".
_FOOTNOTE_MARK = re.compile(r"(?<=[?:])\s*\d{1,2}$")
# A running header or footer repeats on this many pages at least.
FURNITURE_REPEATS = 3


def page_furniture(lines: list[str]) -> set[str]:
    """Running headers and footers: short lines holding a number (a page number, the
    fieldwork dates) that, numbers aside, stand three times or more in the document
    ("11 to 22 May 2026 2", "Page 3 of 14"). They are neither headings nor sentences."""
    counts: dict[str, int] = {}
    for line in lines:
        if len(line) <= 90 and _DIGITS.search(line) and not line.endswith("."):
            key = _DIGITS.sub("#", line)
            counts[key] = counts.get(key, 0) + 1
    return {key for key, n in counts.items() if n >= FURNITURE_REPEATS}


def _furniture_prefix(furniture: set[str]) -> re.Pattern[str] | None:
    """A running header or footer standing at the start of a longer line."""
    if not furniture:
        return None
    forms = sorted((re.escape(f).replace("\\#", r"\d+") for f in furniture), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(forms)})\s+(?=\S)")


def split_blocks(text: str) -> list[Block]:
    """Lines as blocks; a heading sets the section of the blocks after it. Running
    headers and footers are left out (`page_furniture`)."""
    blocks: list[Block] = []
    section: str | None = None
    pos = 0
    lines = text.split("\n")
    furniture = page_furniture([line.strip() for line in lines])
    glued = _furniture_prefix(furniture)
    for line in lines:
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        if furniture and _DIGITS.sub("#", stripped) in furniture:
            continue
        if glued is not None and (g := glued.match(stripped)) is not None:
            # a running header glued to the page's first line: "... 2025 11 The impact ..."
            start += len(line) - len(line.lstrip()) + g.end()
            line = stripped = stripped[g.end() :]
        start += len(line) - len(line.lstrip())
        body, kind, label = stripped, "paragraph", None
        if stripped[0] == BULLET and (m := _BULLET_PREFIX.match(stripped)):
            body, kind = stripped[m.end() :], "bullet"
        if _may_be_numbered(body) and (m := _NUMBER_PREFIX.match(body)) and len(body) > m.end():
            body, label = body[m.end() :], m.group(0).strip()
            kind = "numbered" if kind == "paragraph" else kind
        body_start = start + (len(stripped) - len(body))
        if kind != "bullet" and _looks_like_heading(body, kind == "numbered"):
            section = _FOOTNOTE_MARK.sub("", body).rstrip(":").strip()
            blocks.append(
                Block(start, start + len(stripped), body_start, "heading", section, label)
            )
            continue
        blocks.append(Block(start, start + len(stripped), body_start, kind, section, label))
    return blocks


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the word before the full stop at `dot` ("e.g", "Cllr", "J") is abbreviated.

    The word is the longest run of ASCII letters and dots that begins with a letter and
    ends at `dot`, or just before a line break there ("J\n. Next": the end a `$`-anchored
    regex also accepts), at most 40 characters back. Scanned backwards by hand, as such a
    regex would be tried from every one of those 40 places."""
    floor = max(0, dot - 40)
    end = dot - 1 if dot > floor and text[dot - 1] == "\n" else dot
    start = end
    while start > floor and text[start - 1] in _WORD_CHARS:
        start -= 1
    while start < end and text[start] == ".":
        start += 1
    if start == end:
        return False
    word = text[start:end].lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence boundaries inside text[start:end] (absolute offsets)."""
    spans = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        cut = m.end()
        sentence_end = cut
        while sentence_end > cursor and text[sentence_end - 1].isspace():
            sentence_end -= 1
        if sentence_end > cursor:
            spans.append((cursor, sentence_end))
        cursor = cut
    if cursor < end:
        spans.append((cursor, end))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of every non-heading block, with its block (and so its section)."""
    return sentences_of(text, split_blocks(text))


def sentences_of(text: str, blocks: Iterable[Block]) -> list[Sentence]:
    """The sentences of `blocks` (a text's), headings left out."""
    out = []
    for block in blocks:
        if block.kind == "heading":
            continue
        for s, e in sentence_spans(text, block.body_start, block.end):
            out.append(Sentence(s, e, block))
    return out
