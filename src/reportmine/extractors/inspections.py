"""Inspection events: type, fieldwork dates, grades, inspectors and focus.

Council papers mention inspections in running prose; Ofsted's own reports state them in
a header block and a judgement grid. Both are read from the normalised text by rules
kept as data below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from reportmine.document import Document
from reportmine.extractors.base import evidence
from reportmine.models import InspectionRecord
from reportmine.parsing.dates import DATE_RANGE_RE, DATE_RE, date_from_match, range_from_match
from reportmine.text.segment import blocks_cached, split_sentences

# (inspection_type, pattern): the first pattern matching a mention decides its type.
TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (t, re.compile(p, re.IGNORECASE))
    for t, p in [
        ("focused_visit", r"\bfocused\s+visits?\b"),
        ("monitoring_visit", r"\bmonitoring\s+visits?\b"),
        ("jtai", r"\bJTAI\b|\bjoint\s+targeted\s+area\s+inspection"),
        (
            "send_area",
            r"\b(?:area\s+)?SEND\s+(?:area\s+)?inspection|\blocal\s+area\s+SEND\b|"
            r"special\s+educational\s+needs\s+and\s+disabilit(?:y|ies)\s+inspection",
        ),
        ("ilacs_short", r"\bshort\s+(?:ILACS\s+)?inspection\b"),
        ("ilacs_standard", r"\bstandard\s+(?:ILACS\s+)?inspection\b|\bfull\s+ILACS\b"),
        (
            "sif",
            r"\bsingle\s+inspection\s+framework\b|\bSIF\b|inspection\s+of\s+services\s+for\s+"
            r"children\s+in\s+need\s+of\s+help\s+and\s+protection",
        ),
        (
            "ilacs",
            r"\bILACS\b|inspection\s+of\s+local\s+authority\s+children'?s\s+services|"
            r"inspection\s+of\s+children'?s\s+social\s+care\s+services|"
            r"\bOfsted\s+inspection\b",
        ),
    ]
]
GRADES: dict[str, str] = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement to be good": "requires_improvement",
    "requires improvement": "requires_improvement",
    "inadequate": "inadequate",
}
GRADE_RE = r"(?:requires\s+improvement(?:\s+to\s+be\s+good)?|inadequate|outstanding|good)"
# Judgement grid rows of Ofsted reports, by output column.
GRID_ROWS: list[tuple[str, re.Pattern[str]]] = [
    (c, re.compile(rf"(?:{p})[^.]{{0,120}}?\b(?P<grade>{GRADE_RE})\b", re.IGNORECASE | re.DOTALL))
    for c, p in [
        ("judgement", r"overall\s+effectiveness"),
        ("judgement_leaders", r"impact\s+of\s+leaders|leadership,\s+management\s+and\s+governance"),
        ("judgement_help_protection", r"children\s+who\s+need\s+help\s+and\s+protection"),
        ("in_care_and_leavers", r"progress\s+of\s+children\s+in\s+care\s+and\s+care\s+leavers"),
        (
            "judgement_in_care",
            r"progress\s+of\s+children\s+in\s+care(?!\s+and)|children\s+looked"
            r"\s+after\s+and\s+achieving\s+permanence",
        ),
        ("judgement_care_leavers", r"progress\s+of\s+care\s+leavers"),
    ]
]
# A stated overall grade in prose: "was rated 'Inadequate'", "judged to be good".
PROSE_GRADE = re.compile(
    rf"\b(?:rated|judged|graded|was\s+currently|is\s+currently|were\s+found\s+to\s+be|"
    rf"overall\s+(?:effectiveness|judgement|grade)\s+(?:of|was|is|as))\s+(?:as\s+|to\s+be\s+)?"
    rf"['\"]?(?P<grade>{GRADE_RE})\b",
    re.IGNORECASE,
)
NAME = (
    r"[A-Z][a-z'\-]+(?:\s+(?:[A-Z][a-z'\-]+|[A-Z]\.|de|van|von|Mc[A-Z][a-z]+))*\s+[A-Z][a-zA-Z'\-]+"
)
_INSPECTOR_TITLE = r"(?:(?:His|Her)\s+Majesty'?s\s+Inspectors?|HMI|Ofsted\s+Inspectors?|Inspector)"
LEAD_PATTERNS = [
    re.compile(rf"\blead\s+inspector\s*[:\-\u2013]\s*(?P<name>{NAME})"),
    re.compile(rf"\bled\s+by\s+(?:{_INSPECTOR_TITLE}\s*[\-\u2013:]?\s*)?(?P<name>{NAME})"),
    re.compile(
        rf"{_INSPECTOR_TITLE}\s+for\s+this\s+(?:visit|inspection)\s+w(?:as|ere)\s+"
        rf"(?P<name>{NAME})"
    ),
]
OTHER_INSPECTORS = re.compile(
    rf"(?:supported\s+by\s+(?:{_INSPECTOR_TITLE}\s*[\-\u2013:]?\s*)?|\band\s+)(?P<name>{NAME})"
)
FOCUS_PATTERNS = [
    re.compile(
        r"\b(?:theme|focus)\s+of\s+(?:our|the)\s+(?:inspection|visit|monitoring\s+visit)"
        r"\s+was\s*(?:on\s+)?[\-\u2013:]?\s*(?P<focus>[^.]{5,200})",
        re.IGNORECASE,
    ),
    re.compile(
        r"\binspectors\s+looked\s+at\s+(?:the\s+local\s+authority's\s+arrangements\s+for\s+)?"
        r"(?P<focus>[^.]{5,200})",
        re.IGNORECASE,
    ),
]
# "the ILACS framework" names the regime, not an inspection event.
FRAMEWORK_ONLY = re.compile(r"\)?\s*(?:\(\w+\)\s*)?framework\b", re.IGNORECASE)
FIELDWORK_HINT = re.compile(
    r"inspection\s+dates?\s*:|fieldwork|took\s+place|visit(?:ed)?\s+on", re.IGNORECASE
)


@dataclass
class _Event:
    inspection_type: str
    start: date | None
    end: date | None
    span: tuple[int, int]
    fields: dict


def _grade(text: str) -> str:
    return GRADES[re.sub(r"\s+", " ", text.lower())]


def _dates_in(text: str) -> tuple[date | None, date | None, tuple[int, int] | None]:
    for m in DATE_RANGE_RE.finditer(text):
        try:
            start, end = range_from_match(m)
        except ValueError:
            continue
        return start, end, m.span()
    for m in DATE_RE.finditer(text):
        try:
            day = date_from_match(m)
        except ValueError:
            continue
        return day, day, m.span()
    return None, None, None


def _mentions(text: str) -> list[tuple[int, int, str | None]]:
    """Headings and sentences, in order: a title line often names the visit and its dates."""
    spans = [(b.body_start, b.end, None) for b in blocks_cached(text) if b.kind == "heading"]
    spans += [(s.start, s.end, s.section) for s in split_sentences(text)]
    return sorted(spans)


_ANY_TYPE = re.compile(r"inspection|visit|ILACS|JTAI|SIF\b", re.IGNORECASE)


def _type_of(text: str) -> tuple[str, int] | None:
    if not _ANY_TYPE.search(text):
        return None
    hits = [
        (m.start(), t)
        for t, rx in TYPE_PATTERNS
        for m in [rx.search(text)]
        if m and not FRAMEWORK_ONLY.match(text, m.end())
    ]
    if not hits:
        return None
    pos, kind = min(hits)
    if kind == "ilacs":  # a more specific cue elsewhere in the sentence refines it
        specific = [t for p, t in hits if t in ("ilacs_short", "ilacs_standard")]
        kind = specific[0] if specific else kind
    return kind, pos


class InspectionExtractor:
    name: ClassVar[str] = "inspections.rules"
    table: ClassVar[str] = "inspections"

    def extract(self, doc: Document) -> list[InspectionRecord]:
        text = doc.text
        events: list[_Event] = []
        for start_at, end_at, section in _mentions(text):
            chunk = text[start_at:end_at]
            found = _type_of(chunk) or (_type_of(section) if section else None)
            if not found:
                continue
            kind, _ = found
            start, end, dspan = _dates_in(chunk)
            if start is None and section:
                start, end, _ = _dates_in(section)
            if start is not None and dspan is not None and not FIELDWORK_HINT.search(chunk):
                # "The findings will be available from 29th March 2019" is not fieldwork.
                before = chunk[max(0, dspan[0] - 40) : dspan[0]].lower()
                if re.search(r"available|published|report(?:ed)?\s+on|letter\s+dated", before):
                    start = end = None
            self._merge(events, _Event(kind, start, end, (start_at, end_at), {}))
        self._read_header(doc, events)
        self._attach_people_and_focus(doc, events)
        self._attach_grades(doc, events)
        return [
            InspectionRecord(
                inspection_type=e.inspection_type,
                start_date=e.start,
                end_date=e.end,
                **e.fields,
                **evidence(doc, *e.span, self.name, 0.8 if e.start else 0.6),
            )
            for e in events
        ]

    @staticmethod
    def _merge(events: list[_Event], new: _Event) -> None:
        """One event per (type, start date); undated mentions join a dated event of the type."""
        for e in events:
            same_type = e.inspection_type == new.inspection_type or {
                e.inspection_type,
                new.inspection_type,
            } <= {"ilacs", "ilacs_short", "ilacs_standard"}
            if not same_type:
                continue
            if new.start is None or e.start == new.start:
                if e.inspection_type == "ilacs" and new.inspection_type != "ilacs":
                    e.inspection_type = new.inspection_type
                return
            if e.start is None:
                e.start, e.end, e.span = new.start, new.end, new.span
                return
        events.append(new)

    @staticmethod
    def _read_header(doc: Document, events: list[_Event]) -> None:
        """Ofsted reports: 'Inspection dates: ...' and the judgement grid on page 1."""
        head = doc.text[: doc.page_starts[1]] if doc.n_pages > 1 else doc.text[:6000]
        m = re.search(r"(?:inspection|visit)\s+dates?\s*:\s*(?P<dates>[^\n]{6,80})", head, re.I)
        if not m:
            return
        start, end, _ = _dates_in(m.group("dates"))
        if start is None:
            return
        found = _type_of(head[: m.start()])
        kind = found[0] if found else "ilacs"
        for e in events:
            if e.start == start or (e.start is None and e.inspection_type == kind):
                e.start, e.end, e.span = start, end, m.span()
                break
        else:
            events.insert(0, _Event(kind, start, end, m.span(), {}))
        target = next(e for e in events if e.start == start)
        grades: dict[str, str] = {}
        for column, rx in GRID_ROWS:
            g = rx.search(head)
            if g:
                grades[column] = _grade(g.group("grade"))
        if shared := grades.pop("in_care_and_leavers", None):
            grades.setdefault("judgement_in_care", shared)
            grades.setdefault("judgement_care_leavers", shared)
        target.fields.update(grades)

    @staticmethod
    def _attach_people_and_focus(doc: Document, events: list[_Event]) -> None:
        if not events:
            return
        text = doc.text
        for rx in LEAD_PATTERNS:
            m = rx.search(text)
            if not m:
                continue
            lead = re.sub(r"\s+(?:HMI|OI)$", "", m.group("name"))
            event = events[0]
            event.fields.setdefault("lead_inspector", lead)
            tail = text[m.end() : m.end() + 200].split(".")[0]
            others = [o.group("name") for o in OTHER_INSPECTORS.finditer(tail)]
            event.fields["inspectors"] = [lead, *[o for o in others if o != lead]]
            break
        for rx in FOCUS_PATTERNS:
            m = rx.search(text)
            if m:
                events[0].fields.setdefault("focus", m.group("focus").strip(" -\u2013"))
                break

    @staticmethod
    def _attach_grades(doc: Document, events: list[_Event]) -> None:
        """A prose overall grade belongs to the full inspection the paper is about."""
        full = [
            e
            for e in events
            if e.inspection_type in ("ilacs", "ilacs_standard", "ilacs_short", "sif")
        ]
        if len(full) != 1 or "judgement" in full[0].fields:
            return
        for sentence in split_sentences(doc.text):
            chunk = doc.text[sentence.start : sentence.end]
            for m in PROSE_GRADE.finditer(chunk):
                before = chunk[max(0, m.start() - 60) : m.start()].lower()
                if "authorities" in before or "neighbour" in before:
                    continue
                full[0].fields["judgement"] = _grade(m.group("grade"))
                return
