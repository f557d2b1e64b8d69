"""Document metadata: council, kind of paper, committee, meeting date and title."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import ClassVar

from reportmine.core.document import Document
from reportmine.core.models import DocumentFields
from reportmine.parsing.dates import DATE_RE, date_from_match, date_in_path
from reportmine.reference.councils import council_from_path, resolve_council
from reportmine.text.analysis import AnalysedDocument, analysed
from reportmine.text.genre import COUNCIL_REPORT, HEAD_CHARS, looks_like_inspection_report
from reportmine.text.scan import Pattern, Span

# What minutes say of a meeting: "The Board received a report", "Members were advised".
_MEETING_BODY = r"(?i:committee|sub-committee|panel|board|cabinet|forum|members)"
_MEETING_NARRATIVE = (
    rf"{_MEETING_BODY}\s+(?:was\s+advised|were\s+advised|was\s+informed|were\s+informed|"
    r"discussed|noted|considered|received|queried)\b"
)
# What marks minutes: a line opening with one of these, the committee's narrative, or
# "was RESOLVED". `_MINUTES` is their alternation; `_is_minutes` runs its alternatives.
_MINUTES_OPENING = Pattern(
    r"Minutes\s*:|MINUTES\s+of|Minutes\s+of\s+(?:the|a)\s+meeting|Present\s*:|"
    r"Apologies\s+for\s+absence|RESOLVED\b"
)
_MINUTES_COMMITTEE = Pattern(
    r"\bThe\s+Committee\s+(?:was\s+advised|discussed|noted|considered)\b"
)
_MINUTES_RESOLVED = Pattern(r"\bwas\s+RESOLVED\b")
_MINUTES = re.compile(
    rf"^\s*(?:{_MINUTES_OPENING.regex.pattern})|{_MINUTES_COMMITTEE.regex.pattern}|"
    rf"{_MINUTES_RESOLVED.regex.pattern}",
    re.MULTILINE,
)
# Weaker than the markers above, so tried after a decision sheet's: a page that only
# narrates a meeting ("The Board received a report", "Members were advised").
_MINUTES_NARRATIVE = re.compile(rf"\b(?:[Tt]he\s+)?{_MEETING_NARRATIVE}")
_DECISION = re.compile(
    r"^\s*(?:[A-Z][A-Za-z ]+\s)?DECISION(?:\s+SHEET|\s+NOTICE)?\s*$|"
    r"\bRecord\s+of\s+(?:Executive\s+)?Decision\b|\bDECISION\s+TAKEN\b",
    re.MULTILINE,
)
_AGENDA = re.compile(r"^\s*Agenda\s+item\b", re.IGNORECASE | re.MULTILINE)

# Meeting bodies, by the words papers use to name them.
# "To: Cabinet - 30 January 2025": the addressee line of a report heading.
_TO_LINE = re.compile(
    r"^\s*To\s*:\s*(?:the\s+)?(?P<c>[A-Z][^\n,\u2013]{2,80}?)\s*(?:[,\u2013\u2014]|\s-)\s*"
    rf"(?:\w+day,?\s+)?(?P<date>{DATE_RE.pattern})?",
    re.MULTILINE,
)
_MINUTES_HEADER = re.compile(
    r"\bMINUTES\s+of\s+(?:a|the)\s+(?:meeting\s+of\s+(?:the\s+)?)?(?P<c>[A-Z][\w&' ,-]{2,80}?)"
    r"\s+(?:meeting\s+)?held\b[^.]{0,160}?\bon\s+(?:\w+day,?\s+)?",
    re.IGNORECASE,
)
# "Meeting: 23/01/2020 - Children and Families Scrutiny Panel (Item 25)": the header of a
# committee site's agenda-item page (ModernGov's "mgAi" pages).
_MEETING_LINE = re.compile(
    rf"^[ \t]*Meeting[ \t]*:[ \t]*(?:{DATE_RE.pattern})[ \t]*[-\u2013\u2014][ \t]*"
    r"(?P<c>[^\n]{3,160}?)[ \t]*(?:\(Item[^)\n]*\))?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
# "Agenda and minutes\nPeople Committee\nThursday, 6th December, 2018 7.00 pm" (or
# "... Committee - Thursday 5 May 2022"): the header of a committee site's meeting page.
_MEETING_PAGE_HEADER = (
    r"^[ \t]*(?:Agenda(?:[ \t]+and[ \t]+(?:minutes|decisions))?|Minutes|Decisions)[ \t]*\n"
    r"(?:[ \t]*\n)*[ \t]*(?P<c>[A-Z][^\n]{2,120}?)(?:[ \t]+[-\u2013][ \t]+|[ \t]*\n[ \t]*)"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+"
)
_MEETING_PAGE = re.compile(_MEETING_PAGE_HEADER, re.MULTILINE)
# "Children and Young People Scrutiny Panel - Wednesday, 12th November, 2014 6.00 pm": the
# same header on one line, where the page's first lines were not kept.
_BODY_DASH_WEEKDAY = re.compile(
    r"^[ \t]*(?P<c>[A-Z][^\n]{2,120}?)[ \t]+[-\u2013][ \t]+"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+(?=\d)",
    re.MULTILINE,
)
# "Decision Maker: Cabinet" on a committee site's decision page.
_DECISION_MAKER = re.compile(
    r"^[ \t]*Decision[ \t]+(?:Maker|taker)[ \t]*:[ \t]*(?P<c>[A-Z][^\n]{2,100}?)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
COMMITTEE_PATTERNS = [
    _MEETING_LINE,
    _DECISION_MAKER,
    _MEETING_PAGE,
    _BODY_DASH_WEEKDAY,
    _TO_LINE,
    _MINUTES_HEADER,
    re.compile(
        r"\bReport\s+to[ \t]*:[ \t]*(?:the\s+)?(?P<c>[A-Z][^\n]{3,90}?)[ \t]*(?:\n|$)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bto\s+the\s+meeting\s+of\s+(?:the\s+)?(?P<c>[A-Z][\w&' ,-]{3,80}?)\s+"
        r"(?:to\s+be\s+)?held"
    ),
    re.compile(
        r"\bMinutes\s+of\s+(?:the\s+)?(?:meeting\s+of\s+(?:the\s+)?)?"
        r"(?P<c>[A-Z][\w&' ,-]{3,80}?)\s+(?:meeting\s+)?held",
        re.IGNORECASE,
    ),
    re.compile(r"^\s*(?P<c>[A-Z][A-Z &'-]{3,60}?)\s+DECISION\s*$", re.MULTILINE),
    re.compile(
        r"\bThat\s+the\s+(?P<c>Executive\s+Board|Cabinet|Executive|"
        r"[A-Z][\w' ]{3,60}Committee)\b"
    ),
    # A named body standing as a header line of its own: capitalised words ending in
    # Committee, Panel or Board (a body named in the minutes' prose is not the meeting's).
    re.compile(
        r"^[ \t]*(?!(?:The|This|That|A)\s+(?:Committee|Panel|Board)\b)"
        r"(?P<c>(?:[A-Z][\w']*,?[ \t]+(?:and[ \t]+|&[ \t]+)?){1,8}(?:Committee|Panel|Board))\b"
        r"[ \t]*(?:[-\u2013][^\n]*)?$",
        re.MULTILINE,
    ),
]
MEETING_DATE_PATTERNS = [
    re.compile(r"^[ \t]*Meeting[ \t]*:[ \t]*(?=\d)", re.MULTILINE | re.IGNORECASE),
    _MEETING_PAGE,
    _BODY_DASH_WEEKDAY,
    _MINUTES_HEADER,
    *(
        re.compile(p, re.IGNORECASE | re.MULTILINE)
        for p in [
            r"\bDate\s+of\s+(?:the\s+)?meeting\s*:?\s*",
            r"\bmeeting\s+(?:of\s+[^\n]{3,80}?\s+)?(?:to\s+be\s+)?held\s+on\s+(?:\w+day,?\s+)?",
            r"\bMeeting\s+date\s*:?\s*",
            r"^\s*DATE\s*:\s*(?:\w+day,?\s+)?",
            r"^\s*To\s*:[^\n]{2,80}?(?:[,\u2013\u2014]|\s-)\s*(?:\w+day,?\s+)?",
        ]
    ),
]
# The patterns above with the prefilters their sources imply, in the same order.
_COMMITTEE_RULES = [Pattern(rx) for rx in COMMITTEE_PATTERNS]
_MEETING_DATE_RULES = [Pattern(rx) for rx in MEETING_DATE_PATTERNS]


# The title of an Ofsted report or letter, which may wrap over two lines.
OFSTED_TITLE = re.compile(
    r"(?:(?:Focused|Monitoring)\s+visit\s+to|(?:Joint\s+)?(?:area\s+SEND\s+)?Inspection\s+of)"
    r"\s+[^\n]{0,100}?\n?[^\n]{0,60}?children'?s\s+(?:social\s+care\s+)?services"
    r"|Inspection\s+of\s+services\s+for\s+children\s+in\s+need[^\n]{0,60}\n?[^\n]{0,60}?care\s+leavers"
    r"|(?:Joint\s+)?area\s+SEND\s+inspection\s+(?:in|of)\s+[^\n]{3,80}"
    r"(?:\n(?:Local\s+)?(?:Area\s+)?Partnership\b)?",
    re.IGNORECASE,
)
_TITLE_LABEL = re.compile(
    r"^\s*(?:SUBJECT|Subject|Title|Report\s+title)\s*:\s*(?P<t>.*)$", re.MULTILINE
)
_FIELD_AFTER = re.compile(r"\s+(?:Classification|Decision\s+no|Key\s+Decision|Ward)\s*:", re.I)
_FIELD_LINE = re.compile(r"^[A-Z][A-Za-z/()&' ]{1,40}:")


def _is_minutes(text: str) -> bool:
    """`_MINUTES.search(text)` found something, without trying it at every character.

    A regex matches somewhere exactly when one of its top-level alternatives does. The
    first, `^\\s*(?:OPENING)`, matches where an `_MINUTES_OPENING` match begins that only
    whitespace separates from a line start (`^` with MULTILINE: the text start or just
    after a newline; `\\s` is exactly `str.isspace`)."""
    text = Span.of(text)
    for m in _MINUTES_OPENING.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1].isspace():
            start -= 1
        if start == 0 or "\n" in text[start : m.start()]:
            return True
    return _MINUTES_COMMITTEE.found(text) or _MINUTES_RESOLVED.found(text)


def _may_be_decision(text: str) -> bool:
    """False when `_DECISION` cannot match: each alternative needs one of these words."""
    return "DECISION" in text or "Decision" in text


# (pattern, how much of the text it reads, kind, test): the first whose pattern matches
# decides; `test(text)` is a faster way to say whether it does, or a cheap check without
# which the pattern cannot match, then searched (`exact` False).
DOC_KIND_RULES: list[tuple[re.Pattern[str], int, str, Callable[[str], bool] | None, bool]] = [
    (_MINUTES, 20000, "minutes", _is_minutes, True),
    (_DECISION, HEAD_CHARS, "decision", _may_be_decision, False),
    (_MINUTES_NARRATIVE, 20000, "minutes", None, False),
    (COUNCIL_REPORT, HEAD_CHARS, "report", None, False),
    (_AGENDA, HEAD_CHARS, "agenda_item", None, False),
]


# A committee site's page says what it is in its first line.
SITE_PAGE_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), kind)
    for p, kind in (
        (r"\A\s*(?:Decision\s+details|Decision\s+Maker\s*:|Decision\s+status\s*:)", "decision"),
        (r"\A\s*(?:Agenda\s+and\s+minutes|Minutes\s+and\s+decisions|Issue\s*-\s*meetings)\b",
         "minutes"),
    )
]


def classify_doc_kind(text: str, is_inspection_report: bool | None = None) -> str:
    """The kind of paper; `is_inspection_report` is the genre when the caller knows it."""
    if is_inspection_report is None:
        is_inspection_report = looks_like_inspection_report(text)
    if is_inspection_report:
        return "inspection_report"
    for rx, kind in SITE_PAGE_KINDS:
        if rx.match(text):
            return kind
    for rx, span, kind, test, exact in DOC_KIND_RULES:
        part = text[:span]
        if test is not None and not test(part):
            continue
        if exact or rx.search(part):
            return kind
    return "other"


def _tidy_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,:;-")
    if name.isupper():
        small = {"and", "of", "the", "for", "in", "on"}
        name = " ".join(w.lower() if w.lower() in small else w.capitalize() for w in name.split())
        name = name[:1].upper() + name[1:]
    return name


def find_committee(text: str) -> str | None:
    """The meeting body; a bare body name counts only in the paper's header."""
    head = Span.of(text).slice(0, HEAD_CHARS)
    for i, rule in enumerate(_COMMITTEE_RULES):
        last = i == len(_COMMITTEE_RULES) - 1
        m = rule.search(head.slice(0, 800) if last else head)
        if m and _names_a_body(name := _tidy_name(m.group("c"))):
            return name
    return None


# What a committee pattern can capture that names no body: "the minutes of the meeting held
# on ...", "the last meeting", "the Committee".
def _names_a_body(name: str) -> bool:
    return not _GENERIC_BODY.fullmatch(name) and not _NOT_A_BODY.search(name)


# What a header line holds besides a body's name: a document link ("PDF 94 KB"), minutes.
_NOT_A_BODY = re.compile(r"\bPDF\b|\bKB\b|\bminutes\b|\bmeetings?\s+of\b|\bThe\s+Committee\b")
_GENERIC_BODY = re.compile(
    r"(?:(?:the|a|this|last|previous|next)\s+)*(?:meetings?|last|previous|committee|panel|board)",
    re.IGNORECASE,
)
# "RESOLVED - that the minutes of the meeting held on 16 December 2020 be confirmed": that
# date is an earlier meeting's, not this one's.
_APPROVED_MINUTES = re.compile(
    r"\b(?:approved?|agreed?|confirm(?:ed)?|signed|correct\s+record|accurate\s+record|"
    r"receive[ds]?)\b",
    re.IGNORECASE,
)


def find_meeting_date(text: str) -> date | None:
    """The meeting's date."""
    head = Span.of(text).slice(0, HEAD_CHARS)
    for rule in _MEETING_DATE_RULES:
        for m in rule.finditer(head):
            d = DATE_RE.match(head, m.end())
            if d and _earlier_minutes(head, m.start(), d.end()):
                continue
            if d:
                try:
                    return date_from_match(d)
                except ValueError:
                    continue
    return None


def _earlier_minutes(head: str, start: int, end: int) -> bool:
    """Whether the date at head[start:end] is that of earlier minutes being approved."""
    before = head[max(0, start - 80) : start] + head[start:end].split("held", 1)[0]
    after = head[end : end + 80]
    return bool(
        re.search(r"\bminutes\b", before, re.IGNORECASE)
        and (_APPROVED_MINUTES.search(before) or _APPROVED_MINUTES.search(after))
    )


def find_title(
    text: str,
    doc_kind: str | None,
    committee: str | None = None,
    meeting_date: date | None = None,
) -> str | None:
    """The subject line; for minutes without one, "Minutes of the X meeting held on D"."""
    lines = [ln.strip() for ln in text[:HEAD_CHARS].split("\n")]
    m = _TITLE_LABEL.search(text[:HEAD_CHARS])
    if m:
        if len(m.group("t").split()) >= 2:
            title = m.group("t")
            for line in text[m.end() + 1 : m.end() + 400].split("\n")[:2]:
                if not line[:1].islower():
                    break
                title += " " + line  # a subject line wrapped onto the next line
            return _tidy_title(_FIELD_AFTER.split(title)[0])
        after = text[m.end() : m.end() + 400].split("\n")
        for line in after:
            if len(line.split()) >= 3 and not _FIELD_LINE.match(line):
                return _tidy_title(line)
    if doc_kind == "inspection_report":
        m = OFSTED_TITLE.search(text[:HEAD_CHARS])
        if m:
            return _tidy_title(m.group(0))
    for i, line in enumerate(lines):
        # A committee site's item page: its subject follows "Agenda item".
        if re.match(r"Agenda\s+item\s*$", line, re.I) and i + 1 < len(lines):
            nxt = next((ln for ln in lines[i + 1 :] if ln), "")
            return _tidy_title(nxt) if nxt else None
    if doc_kind == "minutes" and committee and meeting_date:
        return f"Minutes of the {committee} meeting held on {meeting_date.day} {meeting_date:%B %Y}"
    for line in lines:
        words = line.split()
        if 3 <= len(words) <= 15 and line.isupper() and "DECISION" not in line:
            return _tidy_title(line)
    return None


def _tidy_title(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip(" *:-")


class DocumentFieldsExtractor:
    name: ClassVar[str] = "documents.rules"
    table: ClassVar[str] = "documents"

    def extract(self, doc: Document | AnalysedDocument) -> list[DocumentFields]:
        doc = analysed(doc)
        text = doc.span(0, len(doc.text))
        kind = classify_doc_kind(text, doc.is_inspection_report)
        fields = DocumentFields(doc_kind=kind)
        if kind != "inspection_report":
            fields.committee = find_committee(text)
            fields.meeting_date = find_meeting_date(text)
            if fields.meeting_date is not None:
                fields.meeting_date_source = "text"
            elif (dated := date_in_path(doc.source_path)) is not None:
                fields.meeting_date, fields.meeting_date_source = dated, "path"
        fields.title = find_title(text, kind, fields.committee, fields.meeting_date)
        mention = resolve_council(text)
        if mention is not None:
            council, fields.council_source = mention.council, "text"
        elif (council := council_from_path(doc.source_path)) is not None:
            fields.council_source = "path"
        if council is not None:
            fields.council = council.name
            fields.council_code = council.gss_code
        return [fields]
