"""The list of what an inspected authority must improve, found by rules.

Ofsted reports and letters print one list of recommendations under a heading that has
changed over the years: "What needs to improve?", "What Needs to Improve", "What needs to
improve in this area of social work practice", "What does the local authority need to
improve?" (with "Priority and immediate action" and "Areas for improvement" parts),
"Recommendations", "Areas for priority action". Every item of that list is a weakness
finding with `is_recommendation` true; gold has one row per list item.

What the text of a real PDF does to such a list, and what the scan below does about it:

- a contents page lists the heading before the real section: a heading only counts when
  list items follow it;
- a footnote marker ("What needs to improve?1", or "1" on its own line) follows the
  heading in recent reports; a page footer ("4 to 15 December 2023 3") or Ofsted's
  address block can fall between two items: such lines are skipped;
- items are bullets (any glyph, normalised to one by the loader), numbers ("10.Ensure"
  has no space), or, under one heading, plain paragraphs;
- an item that ends with a colon owns the sub-bullets below it;
- an item broken across pages continues on the next line;
- topic sub-headings ("Care leavers", "Adoption") sit inside numbered lists; the list ends
  at the next main heading, at prose after the items, or when numbering restarts;
- the separate list addressed to the safeguarding board (LSCB) is not the authority's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from reportmine.text.normalise import BULLET

# The phrase that opens the list. "Recommendations" alone opens it only in inspection
# reports (council papers use it for what the committee is asked to decide).
_WHAT_NEEDS = (
    r"what\s+needs\s+to\s+(?:be\s+)?improved?|"
    r"what\s+does\s+the\s+(?:local\s+authority|council|local\s+area(?:\s+partnership)?)\s+"
    r"need\s+to\s+improve"
)
# "... in this area of social work practice", up to the question mark or the next sentence.
_QUALIFIER = re.compile(
    r"^\s+in\s+(?:this|these|the)\b[\w' ,]{0,60}?(?=\s*[?:]|\s*\d{0,2}\s*$|\s+[A-Z])"
)
_PARTS = (
    r"areas?\s+for\s+priority\s+action|priority\s+and\s+immediate\s+action|"
    r"areas?\s+for\s+improvement"
)
OPENING = re.compile(rf"^(?:{_WHAT_NEEDS}|{_PARTS})\b", re.IGNORECASE)
RECOMMENDATIONS = re.compile(r"^recommendations\b", re.IGNORECASE)
# Part headings that keep a list going ("Priority and immediate action" -> "Areas for
# improvement") rather than opening a new one.
PART = re.compile(rf"^(?:{_PARTS})\b", re.IGNORECASE)
# Lists addressed to someone other than the authority.
NOT_THE_AUTHORITY = re.compile(
    r"\bLSCB\b|safeguarding\s+(?:children\s+)?(?:board|partnership)|\bthe\s+board\b", re.IGNORECASE
)
# Main headings that end a list even when numbered paragraphs carry on after them.
STOP = re.compile(
    r"strength|summary|information\s+about|inspection|judgement|findings|overall|"
    r"experiences\s+and\s+progress|effectiveness|progress\s+since|contents|"
    r"local\s+area\s+partnership\s+details|what\s+the\s+|about\s+this|context|"
    r"\bLSCB\b|\bboard\b|executive\s+summary|introduction|background",
    re.IGNORECASE,
)
# An item that says there is nothing to improve is not a finding: "There are no areas for
# priority action", "The inspection did not find any areas for priority and immediate
# action", "Inspectors identified no areas for priority action".
NOTHING_TO_IMPROVE = re.compile(
    r"^there\s+(?:are|were)\s+no\s+(?:areas?|recommendations?|priority)|"
    r"\b(?:did\s+not\s+(?:find|identify)\s+any|(?:found|identified)\s+no)\s+"
    r"(?:areas?|recommendations?|priority|serious|widespread)",
    re.IGNORECASE,
)

_ITEM = re.compile(rf"^(?:(?P<bullet>{BULLET})\s*|(?P<num>\d{{1,3}})[.)](?:\s+|(?=[A-Z])))")
_LETTER_ITEM = re.compile(r"^\(?(?P<letter>[a-z]|[ivx]{1,4})\)\s+")
# Sub-bullet glyphs the loader leaves alone (a combining stroke, private-use dashes).
_SUB_ITEM = re.compile(r"^[\u0336\uf02d\uf0be\u2010\u2012\u2013\u2014\u2015]\s*")
_MODAL = re.compile(r"\b(?:should|must|needs?\s+to|ought\s+to)\b", re.IGNORECASE)
# A running footer glued to the start of a line: "... inspection report: ..., 2024 6 ".
_FOOTER_PREFIX = re.compile(
    r"^[^.!?]{0,160}?inspection\s+report\b[^.!?]{0,160}?\b(?:19|20)\d\d\s+\d{1,3}\s+(?=[A-Z])",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"')]?\s+(?=[A-Z])")
# A judgement heading re-flowed onto an item: "... need help and protection: good".
_GRADE_HEADING = re.compile(
    r"^[A-Z][^.!?]{5,160}:\s*(?:outstanding|good|inadequate|requires\s+improvement[\w ]*)\s*$",
    re.IGNORECASE,
)
# Lines that fall between items without belonging to the list.
_NOISE = re.compile(
    r"^(?:\d{1,3}|page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|"
    r".{0,150}\b(?:19|20)\d\d\s+\d{1,3}|"  # a date footer ending in a page number
    r"[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}|"  # a postcode
    r"(?:t|tel|textphone|fax|f)\s*[:.]?\s*[\d ]{7,}|"
    r"\S+@\S+\.\S+|(?:https?://)?www\.\S+"
    r")$",
    re.IGNORECASE,
)
# Lines that give an address block away: a postcode, a phone number, an e-mail or web address.
_ADDRESS_KEY = re.compile(
    r"^(?:[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}|(?:t|tel|textphone|fax|f)\s*[:.]?\s*[\d ]{7,}|"
    r"\S+@\S+\.\S+|(?:https?://)?www\.\S+)$",
    re.IGNORECASE,
)
ADDRESS_LINES = 12
_TERMINAL = re.compile(r"[.!?;:][\"')\]]*$")
_FOOTNOTE_TAIL = re.compile(r"^[\s?:.\-\u2013]*\d{0,2}\s*$")
_WS = re.compile(r"\s+")
MAX_HEADING_WORDS = 14
_FIRST_LETTERS = frozenset("wapr")  # the first letters of OPENING's and RECOMMENDATIONS' forms
_BEFORE_WHAT = re.compile(r"[.!?][\"')]?\s+(?=What\b)")
_FUNCTION_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the"}
_FUNCTION_WORDS |= {"to", "that", "with"}


class Line(NamedTuple):
    start: int
    end: int
    text: str  # stripped


@dataclass(frozen=True)
class RecommendationItem:
    """One list item: its evidence span, the item text and the heading it stands under."""

    start: int  # after the bullet or number
    end: int
    text: str  # the item's words, whitespace collapsed, noise lines left out
    section: str
    label: str | None  # the item number, if numbered


def _lines(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(start + lead, start + lead + len(stripped), stripped))
    return out


def _heading_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= MAX_HEADING_WORDS
        and not text.endswith((".", ";", ","))
        and not text[:1].islower()
        and not _ITEM.match(text)
        and words[-1].lower() not in _FUNCTION_WORDS  # a line broken mid-sentence
        and not _MODAL.search(text)
    )


def _is_noise(text: str) -> bool:
    return len(text) <= 160 and bool(_NOISE.match(text))


def _heading_starts(text: str) -> list[int]:
    """Where in a line a list heading may begin: its start, or after a sentence that ends
    before "What". A heading begins with "what", "area(s)", "priority" or
    "recommendations" in any case (no other letter folds to w, a, p or r), so most lines
    are ruled out without a regex."""
    starts = [0] if text[:1].lower() in _FIRST_LETTERS else []
    if "What" in text:
        starts += [m.end() for m in _BEFORE_WHAT.finditer(text)]
    return starts


def _opening_heading(line: Line, allow_recommendations: bool) -> str | None:
    """The list heading this line holds, as written, or None.

    The heading starts the line, or follows a sentence on it (a letter's heading can be
    re-flowed onto the end of the paragraph before). After the heading may come only a
    question mark or colon, a footnote marker or a contents-page number, or an
    introduction that ends with a colon ("... the following areas of weakness:").
    """
    text = line.text
    for offset in _heading_starts(text):
        rest = text[offset:]
        m = OPENING.match(rest)
        is_recs = False
        if not m and allow_recommendations and offset == 0:
            m = RECOMMENDATIONS.match(rest)
            is_recs = bool(m)
        if not m:
            continue
        if NOT_THE_AUTHORITY.search(rest[: m.end() + 40]):
            return None
        end = m.end()
        if q := _QUALIFIER.match(rest[end:]):
            end += q.end()
        heading, tail = rest[:end].strip(), rest[end:]
        if _FOOTNOTE_TAIL.match(tail):
            punct = re.match(r"^[?:]", tail.strip())
            return heading + (punct.group(0) if punct else "")
        if not is_recs and tail.rstrip().endswith(":") and len(tail.split()) <= 60:
            return heading
        return None
    return None


def _collapse(parts: list[str]) -> str:
    return _WS.sub(" ", " ".join(parts)).strip()


@dataclass
class _Item:
    start: int
    end: int
    parts: list[str]
    label: str | None
    kind: str  # "bullet", "num", "para"

    def open_ended(self) -> bool:
        return not _TERMINAL.search(self.parts[-1])

    def ends_with_colon(self) -> bool:
        return self.parts[-1].rstrip().endswith(":")

    @property
    def sub_items(self) -> bool:
        """Whether this item introduced sub-items ("... including:")."""
        return any(p.rstrip().endswith(":") for p in self.parts)

    def add(self, part: str, end: int) -> None:
        self.parts.append(part)
        self.end = end

    def text(self) -> str:
        return _collapse(self.parts)


def _starts_item(lines: list[Line], i: int, last_number: int | None) -> bool:
    """Whether the next content line after a sub-heading at lines[i] carries the list on."""
    j = i + 1
    while j < len(lines) and (_is_noise(lines[j].text) or _heading_like(lines[j].text)):
        if STOP.search(lines[j].text) or NOT_THE_AUTHORITY.search(lines[j].text):
            return False
        j += 1
    m = _ITEM.match(lines[j].text) if j < len(lines) else None
    if not m:
        return False
    if m.group("num") is None:
        return last_number is None
    return last_number is None or int(m.group("num")) == last_number + 1


def _cut_trailing_heading(text: str) -> str:
    """An item line without a heading the PDF re-flowed onto its end."""
    for m in _SENTENCE_END.finditer(text):
        rest = text[m.end() :]
        if OPENING.match(rest) or _GRADE_HEADING.match(rest):
            return text[: m.start() + 1]
    return text


def _address_block_end(lines: list[Line], i: int) -> int | None:
    """Where an address block (a letter's letterhead, re-flowed into the list) that starts
    at lines[i] ends: short lines without full stops, one of them a postcode, a phone
    number, an e-mail or web address. None when lines[i] starts no such block."""
    j, key = i, False
    while j < len(lines) and j - i < ADDRESS_LINES:
        text = lines[j].text
        if _ADDRESS_KEY.match(text):
            key = True
        elif len(text.split()) > 6 or _TERMINAL.search(text) or _ITEM.match(text):
            break
        j += 1
    return j if key else None


def _scan_list(lines: list[Line], first: int) -> list[_Item]:
    """Items of the list whose content starts at lines[first]."""
    items: list[_Item] = []
    mode: str | None = None  # "items" (bullets, numbers) or "para" (plain paragraphs)
    last_number: int | None = None
    skip_to = first
    for i in range(first, len(lines)):
        if i < skip_to:
            continue
        line = lines[i]
        text = line.text
        if _is_noise(text):
            continue
        if (end := _address_block_end(lines, i)) is not None:
            skip_to = end
            continue
        if m := _FOOTER_PREFIX.match(text):
            text = text[m.end() :]
            line = Line(line.start + m.end(), line.end, text)
        cut = _cut_trailing_heading(text)
        ends_list = cut != text and not OPENING.match(text[len(cut) :].strip())
        text = cut
        line = Line(line.start, line.start + len(text), text)
        last = items[-1] if items else None
        if last is not None and (
            _SUB_ITEM.match(text)
            or _LETTER_ITEM.match(text)
            or (last.open_ended() and text[:1].islower())
            or (last.sub_items and last.kind != "bullet" and text.startswith(BULLET))
        ):
            # a sub-bullet or lettered sub-item, or an item broken across pages
            body = text
            if (sm := _ITEM.match(text)) or (sm := _SUB_ITEM.match(text)):
                body = text[sm.end() :]
            last.add(body, line.end)
        elif m := _ITEM.match(text):
            body_start, body = line.start + m.end(), text[m.end() :]
            if m.group("num"):
                number = int(m.group("num"))
                if mode == "para" or (last_number is not None and number != last_number + 1):
                    break  # numbering restarts: the report's own paragraphs
                if mode == "items" and last_number is None:
                    break  # numbered paragraphs after a bulleted list
                last_number = number
                items.append(_Item(body_start, line.end, [body], m.group("num"), "num"))
            elif mode == "items" and last_number is not None:
                break  # bullets after a numbered list
            else:
                items.append(_Item(body_start, line.end, [body], None, "bullet"))
            mode = mode or "items"
        elif _heading_like(text):
            if NOT_THE_AUTHORITY.search(text) or STOP.search(text) and not PART.match(text):
                break
            if PART.match(text) or OPENING.match(text):
                continue  # "Areas for improvement" after "Priority and immediate action"
            sub_heading_allowed = mode != "para" and (last is None or last.kind == "num")
            if sub_heading_allowed and _starts_item(lines, i, last_number):
                continue  # a topic sub-heading ("Care leavers", "Adoption")
            break
        elif last is not None and last.kind == "num" and last.open_ended():
            last.add(text, line.end)  # a numbered item broken across pages
        elif mode == "items":
            break  # prose after the items
        elif mode is None and text.endswith(":") and not _MODAL.search(text):
            continue  # an introduction to the list
        else:
            mode = "para"
            items.append(_Item(line.start, line.end, [text], None, "para"))
        if ends_list:
            break
    return items


def find_recommendations(text: str, inspection_report: bool = True) -> list[RecommendationItem]:
    """The items of the first list of what the authority must improve (none if no list)."""
    return list(_find_cached(text, inspection_report))


@lru_cache(maxsize=4)
def _find_cached(text: str, inspection_report: bool) -> tuple[RecommendationItem, ...]:
    lines = _lines(text)
    for i, line in enumerate(lines):
        heading = _opening_heading(line, inspection_report)
        if heading is None:
            continue
        items = [it for it in _scan_list(lines, i + 1) if not NOTHING_TO_IMPROVE.search(it.text())]
        if items:
            return tuple(
                RecommendationItem(it.start, it.end, it.text(), heading, it.label) for it in items
            )
    return ()
