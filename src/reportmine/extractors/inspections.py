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

from reportmine.core.document import Document
from reportmine.core.models import InspectionRecord
from reportmine.extractors.base import evidence
from reportmine.parsing.dates import DATE_RANGE_RE, DATE_RE, date_from_match, range_from_match
from reportmine.text.analysis import AnalysedDocument, analysed
from reportmine.text.scan import Pattern, Span, has_words

# (inspection_type, pattern): the first pattern matching a mention decides its type.
TYPE_PATTERNS: list[tuple[str, Pattern]] = [
    (t, Pattern(p, re.IGNORECASE))
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
        ("ilacs_standard", r"\bstandard\s+(?:ILACS\s+)?inspection\b"),
        (
            "sif",
            r"\bsingle\s+inspection(?:\s+framework)?\b|\bSIF\b|inspection\s+of\s+services\s+for\s+"
            r"children\s+in\s+need\s+of\s+help\s+and\s+protection",
        ),
        (
            "ilacs",
            r"\bILACS\b|inspection\s+of\s+(?:[\w,'&-]+\s+){0,6}?local\s+authority\s+"
            r"children'?s\s+services|inspection\s+of\s+children'?s\s+social\s+care\s+services",
        ),
        # Other regulators' reviews of council services (CQC assessments of adult care).
        (
            "other",
            r"\bassurance\s+visit\b|\bCQC\s+(?:assessment|inspection|assurance)\b|"
            r"\blocal\s+authority\s+assessment\s+by\s+(?:the\s+)?CQC\b",
        ),
        # An earlier inspection named only generically; any specific type above wins.
        (
            "ilacs_generic",
            r"\b(?:last|previous|most\s+recent|full)\s+(?:full\s+)?inspection\b|"
            r"\blast\s+inspected\b|\bthe\s+inspection\s+in\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b|"
            r"\b(?:were|was)\s+inspected\s+(?:by\s+Ofsted\s+)?in\b|"
            r"\bOfsted(?:'s|\u2019s)?\s+(?:re-?)?inspection\b|\binspected\s+by\s+Ofsted\b|"
            r"\bre-?inspection\s+of\b",
        ),
    ]
]
GRADE_RE = r"(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate|outstanding|good)"
# Judgement grid rows of Ofsted reports, by output column.
GRID_LABELS: list[tuple[str, str]] = [
    (
        "judgement",
        r"overall\s+effectiveness|overall\s+judgement\s+is(?:\s+that)?|"
        r"^children'?s\s+services\s+in\s+[^\n]{2,60}?\s+(?:are|is|(?=requires?\s))",
    ),
    ("judgement_leaders", r"impact\s+of\s+leaders|leadership,\s+management\s+and\s+governance"),
    ("judgement_help_protection", r"children\s+who\s+need\s+help\s+and\s+protection"),
    ("in_care_and_leavers", r"progress\s+of\s+children\s+in\s+care\s+and\s+care\s+leavers"),
    (
        "judgement_in_care",
        r"progress\s+of\s+children\s+in\s+care(?!\s+and)|children\s+looked"
        r"\s+after\s+and\s+achieving\s+permanence",
    ),
    # "progress of care leavers"; 2025-26 grids also print "progress of children care leavers".
    ("judgement_care_leavers", r"progress\s+of\s+(?:children\s+)?care\s+leavers"),
]
_GRID_FLAGS = re.IGNORECASE | re.DOTALL | re.MULTILINE
# Between a grid row's label and its grade: no full stop, and none of the words that make
# it a sentence about another time ("when the overall effectiveness judgement was
# 'requires improvement'", "since the last inspection in 2022, when ... were judged").
_GRID_GAP = r"(?:(?!\b(?:was|were|been|when|judged|previous|last)\b)[^.]){0,120}?"
# Each row: its label, then its grade.
GRID_ROWS: list[tuple[str, re.Pattern[str]]] = [
    (c, re.compile(rf"(?:{p}){_GRID_GAP}\b(?P<grade>{GRADE_RE})\b", _GRID_FLAGS))
    for c, p in GRID_LABELS
]
# ---- grades stated in prose ("when the overall effectiveness was judged to be good, and
# the experiences and progress of children who need help and protection were judged to
# require improvement"): each grade belongs to the area named before it in its clause.

# A grade as prose writes it, verb forms included ("required improvement").
PROSE_GRADE_WORDS = re.compile(
    r"(?P<grade>requir(?:es?|ed|ing)\s+improvement(?:\s+to\s+be\s+good)?|inadequate|"
    r"outstanding|good|serious\s+and\s+widespread\s+weaknesses)\b",
    re.IGNORECASE,
)
# The areas a prose grade can be about, by output column (the combined 2018-22 area first).
def _labelled(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, re.Pattern[str]]]:
    """(label, pattern) pairs compiled, matching in any case."""
    return [(label, re.compile(p, re.IGNORECASE)) for label, p in pairs]


PROSE_AREAS = _labelled(
    (
        ("in_care_and_leavers", r"children\s+(?:in\s+care|looked\s+after)\s+and\s+care\s+leavers"),
        ("judgement_leaders", r"impact\s+of\s+leaders|leadership"),
        ("judgement_help_protection", r"help\s+and\s+protection"),
        ("judgement_in_care", r"children\s+(?:in\s+care|looked\s+after)"),
        ("judgement_care_leavers", r"care\s+leavers|care-experienced\s+young"),
        ("judgement", r"overall"),
    )
)
_ALL_AREAS = re.compile(r"\ball\s+(?:areas|judgements|domains|services)\b", re.IGNORECASE)
# "when all areas were judged to be inadequate": how far before its grade "all areas" may
# stand ("improvement across all areas ... the Good rating overall" is no such statement).
ALL_AREAS_REACH = 50
_OPEN_QUOTE = "['\"\u2018\u201c]?"
_CLOSE_QUOTE = "['\"\u2019\u201d]?"
# What makes a grade a judgement: a verb of judging just before it ...
_JUDGED = re.compile(
    r"\b(?:judged|rated|graded|assessed|deemed|found)\s+(?:as\s+|to\s+be\s+|to\s+have\s+|to\s+|"
    r"[^,.;]{1,60}?\s+(?:as|to\s+be)\s+)?"  # "judged overall services in Anytown as"
    rf"(?:being\s+)?{_OPEN_QUOTE}$",
    re.IGNORECASE,
)
# ... or a plain "was"/"were" after a named area ("overall effectiveness was inadequate") ...
_COPULA = re.compile(rf"\b(?:was|were|is|are|remains?|remained)\s+{_OPEN_QUOTE}$", re.IGNORECASE)
# ... or a coordinated second grade ("outstanding overall but good for care leavers").
_COORDINATED = re.compile(
    r"^[\s,;'\"\u2019\u201d]*(?:overall\s+)?(?:but|and|while|with|although)\b", re.IGNORECASE
)
# "found that services ... required improvement": a grade as a verb after a reported finding.
_FOUND_THAT = re.compile(r"\b(?:found|judged|concluded)\s+that\b", re.IGNORECASE)
_GRADE_NOUN_AFTER = re.compile(
    rf"^{_CLOSE_QUOTE}\s+(?:judgements?|ratings?|grades?|grading)\b", re.IGNORECASE
)
# "Good ratings were received for the impact of leaders ... and overall effectiveness":
# the areas named after the grade's noun, up to the next grade or clause, take the grade.
_RATING_FOR = re.compile(
    rf"^{_CLOSE_QUOTE}\s+(?:judgements?|ratings?|grades?)\b[^;.]{{0,40}}?\bfor\b(?P<areas>[^;.]*)",
    re.IGNORECASE,
)
_OVERALL_AFTER = re.compile(rf"^{_CLOSE_QUOTE}\s+overall\b", re.IGNORECASE)
_FOR_AREA_AFTER = re.compile(
    rf"^{_CLOSE_QUOTE},?\s+(?:for|in)\s+(?:the\s+)?(?:experiences?\s+(?:and\s+progress\s+)?of\s+)?",
    re.IGNORECASE,
)
_IN_ALL_AFTER = re.compile(
    rf"^{_CLOSE_QUOTE}\s+(?:in|across)\s+all\s+(?:areas|judgements|domains)\b", re.IGNORECASE
)
_AREA_COLUMNS = (
    "judgement",
    "judgement_leaders",
    "judgement_help_protection",
    "judgement_in_care",
    "judgement_care_leavers",
)


def _area_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, column) of every area named in `text`, in order; where two names
    overlap the earlier rule wins (the combined 2018-22 area beats its parts)."""
    spans: list[tuple[int, int, str]] = []
    for column, rx in PROSE_AREAS:
        for m in rx.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _ in spans):
                spans.append((m.start(), m.end(), column))
    return sorted(spans)


def _last_area(text: str) -> str | None:
    """The column of the area named last in `text`."""
    mentions = _area_mentions(text)
    return mentions[-1][2] if mentions else None


def prose_grades(sentence: str) -> dict[str, str]:
    """Grades a sentence states, by output column.

    A grade counts when a verb of judging comes just before it ("was judged to be good"),
    a named area and "was"/"were" do ("overall effectiveness was inadequate"), a grade
    noun follows ("'good' rating"), or it is coordinated with a grade that counts ("good
    overall but requires improvement for care leavers"). It belongs to the area after it
    ("good for care leavers", "good overall", "in all areas"), else to the area named last
    before it in its clause, else to the overall judgement.
    """
    grades: dict[str, str] = {}
    previous_end: int | None = None
    for m in PROSE_GRADE_WORDS.finditer(sentence):
        lead = sentence[previous_end if previous_end is not None else 0 : m.start()]
        after = sentence[m.end() : m.end() + 80]
        area = _last_area(lead)
        verb_form = m.group("grade").lower().startswith("required")
        counts = (
            _JUDGED.search(lead[-60:])
            or (_COPULA.search(lead[-30:]) and (area or _ALL_AREAS.search(lead[-ALL_AREAS_REACH:])))
            or _GRADE_NOUN_AFTER.match(after)
            or (verb_form and (area or _FOUND_THAT.search(lead[-120:])))
            or (previous_end is not None and len(lead.split()) <= 12 and _COORDINATED.match(lead))
        )
        if not counts:
            continue
        previous_end = m.end()
        grade = _grade(m.group("grade"))
        if rated := _RATING_FOR.match(sentence[m.end() :]):
            areas = PROSE_GRADE_WORDS.split(rated.group("areas"))[0]
            named = _areas_in(areas)
            for column in named:
                grades.setdefault(column, grade)
            if named:
                continue
        if _IN_ALL_AFTER.match(after) or _ALL_AREAS.search(lead[-ALL_AREAS_REACH:]):
            for column in _AREA_COLUMNS:
                grades.setdefault(column, grade)
            continue
        if _OVERALL_AFTER.match(after):
            column = "judgement"
        elif (f := _FOR_AREA_AFTER.match(after)) and (named := _first_area(after[f.end() :])):
            column = named
        else:
            column = area or "judgement"
        if column == "in_care_and_leavers":
            grades.setdefault("judgement_in_care", grade)
            column = "judgement_care_leavers"
        grades.setdefault(column, grade)
    return grades


def _areas_in(text: str) -> list[str]:
    """Every output column an area named in `text` stands for, in order of mention."""
    columns: list[str] = []
    for _, _, column in _area_mentions(text):
        parts = ["judgement_in_care", "judgement_care_leavers"]
        columns += parts if column == "in_care_and_leavers" else [column]
    return list(dict.fromkeys(columns))


def _first_area(text: str) -> str | None:
    """The column of an area named at the start of `text`."""
    mentions = _area_mentions(text)
    return mentions[0][2] if mentions and mentions[0][0] == 0 else None


GRID_LABEL_ONLY: list[tuple[str, re.Pattern[str]]] = [
    (c, re.compile(p, _GRID_FLAGS)) for c, p in GRID_LABELS
]


def read_grid(text: str) -> dict[str, str]:
    """Grades of the judgement grid, by output column (combined in-care grade copied)."""
    grades: dict[str, str] = {}
    for column, rx in GRID_ROWS:
        g = rx.search(text)
        if g:
            grades[column] = _grade(g.group("grade"))
    if shared := grades.pop("in_care_and_leavers", None):
        grades.setdefault("judgement_in_care", shared)
        grades.setdefault("judgement_care_leavers", shared)
    return grades


def read_table_grid(tables: list[list[list[str]]]) -> dict[str, str]:
    """The grid from a page's ruled tables: a row's label cells, then its grade cell."""
    grades: dict[str, str] = {}
    for row in (row for table in tables for row in table):
        cells = [c for c in row if c]
        if len(cells) < 2 or not re.fullmatch(GRADE_RE, cells[-1], re.IGNORECASE):
            continue
        label = " ".join(cells[:-1])
        for column, rx in GRID_LABEL_ONLY:
            if column not in grades and rx.search(label):
                grades[column] = _grade(cells[-1])
                break
    if shared := grades.pop("in_care_and_leavers", None):
        grades.setdefault("judgement_in_care", shared)
        grades.setdefault("judgement_care_leavers", shared)
    return grades


def grid_gaps(text: str, grades: dict[str, str]) -> list[str]:
    """Grid rows whose label is printed but whose grade was not read: a scrambled table."""
    missing = []
    for column, rx in GRID_LABEL_ONLY:
        target = "judgement_in_care" if column == "in_care_and_leavers" else column
        if rx.search(text) and target not in grades:
            missing.append(column)
    return missing


# Grades of other councils, not this one's.
_OTHER_AUTHORITIES = re.compile(r"authorities|neighbour", re.IGNORECASE)
# Words one of which every grade pattern needs.
# A sentence holds a prose grade only if it holds one of these words.
_GRADE_WORDS = Pattern(PROSE_GRADE_WORDS).needs[0]
NAME = (
    r"[A-Z][a-z'\-]+(?:[ ]+(?:[A-Z][a-z'\-]+|[A-Z]\.?|de|van|von|Mc[A-Z][a-z]+))*"
    r"[ ]+[A-Z][a-zA-Z'\-]+"
)
_INSPECTOR_TITLE = r"(?:(?:His|Her)\s+Majesty'?s\s+Inspectors?|HMI|Ofsted\s+Inspectors?|Inspector)"
# Where a paper names its inspectors; the names follow, lead first, up to the sentence end.
INSPECTOR_LIST = re.compile(
    r"(?<![Dd]eputy )\b(?i:lead\s+inspectors?)\s*[:\-\u2013]\s*"
    r"|\bled\s+by\s+(?=(?:(?:His|Her)\s+Majesty|HMI|Ofsted|Inspector|[A-Z][a-z]+\s+[A-Z]))"
    rf"|{_INSPECTOR_TITLE}\s+for\s+this\s+(?:visit|inspection)\s+w(?:as|ere)\s+"
    r"|\b(?i:the\s+inspectors\s+were)\s+"
    r"|\b(?i:the\s+visit\s+was\s+carried\s+out\s+by)\s+"
)
_INSPECTOR_LIST = Pattern(INSPECTOR_LIST)
_TITLES = re.compile(
    rf",?\s*\(?(?:{_INSPECTOR_TITLE}|Ofsted\s+Inspector|Social\s+Care\s+Regulatory\s+"
    r"Inspector|Senior\s+HMI)\)?\s*(?:\u2013|-|:)?",
)
SUPPORTED_BY = re.compile(
    rf"\bsupported\s+by\s+(?:{_INSPECTOR_TITLE}\s*[\-\u2013:]?\s*)?(?P<name>{NAME})"
)
# Words of an organisation's or a document's name, never of a person's.
_NOT_A_PERSON = re.compile(
    r"\b(?:Council|Borough|County|City|Children|Services|Authority|Local|Ofsted|Inspection|"
    r"Report|Department|Partnership|Trust)\b"
)
NAME_ONLY = re.compile(rf"\s*(?P<name>{NAME})\s*")
# "Inspectors looked at the local authority's arrangements for X": X is the focus.
_INSPECTORS_LOOKED_AT = (
    r"inspectors\s+(?:looked\s+at|evaluated|considered|reviewed)\s+"
    r"(?:the\s+local\s+authority's\s+arrangements\s+for\s+)?(?P<focus>[^.]{5,200})"
)
# In order of preference: a stated theme, then "Specifically, ...", then the general line.
FOCUS_PATTERNS = [
    Pattern(p, re.IGNORECASE)
    for p in (
        r"\b(?:theme|focus)\s+of\s+(?:our|the)\s+(?:inspection|visit|monitoring\s+visit)"
        r"\s+was\s*(?:on\s+)?[\-\u2013:]?\s*(?P<focus>[^.]{5,200})",
        rf"\bspecifically,\s+{_INSPECTORS_LOOKED_AT}",
        rf"\b{_INSPECTORS_LOOKED_AT}",
    )
]
# "the ILACS framework" names the regime, not an inspection event.
# "the ILACS framework", "the Ofsted single inspection process": a regime, not an event.
FRAMEWORK_ONLY = re.compile(
    r"\)?\s*(?:\(\w+\)\s*)?(?:framework|process|methodology|regime)\b", re.IGNORECASE
)
HEADER_DATES = re.compile(
    r"(?:inspection|visit)\s+dates?\s*:\s*(?P<dates>[^\n]{6,120})", re.IGNORECASE
)
_HEADER_DATES_AT = Pattern(HEADER_DATES)
PUBLISHED = re.compile(
    rf"(?:report\s+)?published\s*:?\s*(?:on\s+)?(?:{DATE_RE.pattern})", re.IGNORECASE
)
# An Ofsted letter opens with the date it was sent, which is its publication date.
LETTER_DATE = re.compile(rf"^\s*(?:{DATE_RE.pattern})\s*$", re.IGNORECASE | re.MULTILINE)
SECTION_EVENT_HINT = Pattern(
    r"took\s+place|fieldwork|\bvisit|\binspect|carried\s+out|on\s+site", re.IGNORECASE
)
# "following publication on 18th March 2022 by Ofsted of the report"
PUBLISHED_PROSE = re.compile(
    rf"\b(?:publication|published)\s+(?:on\s+|of\s+)?(?:the\s+)?(?P<date>{DATE_RE.pattern})"
    r"(?=[^.]{0,60}\b(?:report|letter|findings|outcome|judgement)\b)",
    re.IGNORECASE,
)
_PUBLISHED_PROSE_AT = Pattern(PUBLISHED_PROSE)
PLURAL_VISITS = Pattern(r"\b(?:focused|monitoring)\s+visits\b", re.IGNORECASE)
FIELDWORK_HINT = Pattern(
    r"inspection\s+dates?\s*:|fieldwork|took\s+place|visit(?:ed)?\s+on", re.IGNORECASE
)


@dataclass
class _Event:
    inspection_type: str
    start: date | None
    end: date | None
    span: tuple[int, int]
    fields: dict
    generic: bool = False  # named only as "the last inspection"
    year: int | None = None  # the year its mention gives, when it gives one


def _grade(text: str) -> str:
    """'Requires improvement to be good' / 'require improvement' -> 'requires_improvement'."""
    word = text.lower().split()[0]
    if word.startswith("requir"):  # "requires", "require", "required", "requiring"
        return "requires_improvement"
    return "inadequate" if word == "serious" else word  # "serious and widespread weaknesses"


# The single inspection framework (SIF) ran from November 2013 to the end of 2017; ILACS
# inspections from January 2018.
LAST_SIF_YEAR = 2017
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _framework_by_year(chunk: str, start: date | None) -> str:
    """The framework of a full inspection named without one ("the last inspection in
    2016"), from the year the mention gives: SIF up to 2017, else ILACS (also undated)."""
    year = start.year if start else None
    if year is None and (m := _YEAR.search(chunk)):
        year = int(m.group(0))
    return "sif" if year is not None and 2013 <= year <= LAST_SIF_YEAR else "ilacs"


# "... completed in October 2022 and was the first since 2018, when services were found to
# require improvement": the words from "since 2018" on speak of another inspection.
_ANOTHER_TIME = re.compile(r"\b(?:since|in)\s+(?:[A-Za-z]+\s+){0,2}(?P<year>(?:19|20)\d\d)\b")


def _this_time(chunk: str, start: date | None) -> str:
    """The part of a dated event's mention before it turns to another year."""
    if start is not None:
        for m in _ANOTHER_TIME.finditer(chunk):
            if int(m.group("year")) != start.year:
                return chunk[: m.start()]
    return chunk


def _ilacs_by_length(start: date, end: date) -> str:
    """ILACS reports never say short or standard; the fieldwork's (first block's) length
    does: one week is a short inspection, two a standard one."""
    return "ilacs_short" if (end - start).days <= 7 else "ilacs_standard"


def _ranges_in(text: str) -> list[tuple[date, date]]:
    """Every fieldwork block in a header line, in order."""
    out = []
    for m in DATE_RANGE_RE.finditer(text):
        try:
            out.append(range_from_match(m))
        except ValueError:
            continue
    if not out:
        start, end, _ = _dates_in(text)
        if start is not None and end is not None:
            out.append((start, end))
    return out


def _dates_in(text: str) -> tuple[date | None, date | None, tuple[int, int] | None]:
    if "19" not in text and "20" not in text and "/" not in text:
        # Every DATE_RANGE_RE match and every DATE_RE match but "dd/mm/yy" holds a year
        # (?:19|20)\d\d, and that one a "/": without them there is no date.
        return None, None, None
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


def _mentions(doc: AnalysedDocument) -> list[tuple[int, int, str | None]]:
    """Headings and sentences, in order: a title line often names the visit and its dates."""
    spans = [(b.body_start, b.end, None) for b in doc.blocks if b.kind == "heading"]
    spans += [(s.start, s.end, s.section) for s in doc.sentences]
    return sorted(spans)


# Every inspection type's pattern holds one of these words (a test checks it).
_ANY_TYPE = Pattern(r"inspect|visit|ILACS|JTAI|SIF\b|CQC", re.IGNORECASE)
# A mention can name an event only if it holds a word one of these begins with (see
# `extract`): a type's, or the section test's.
_MENTION_WORDS = tuple(dict.fromkeys([*_ANY_TYPE.needs[0], *SECTION_EVENT_HINT.needs[0]]))


def _type_mentions(text: str) -> list[tuple[int, str]]:
    """(position, type) of every inspection named in a sentence, in order.

    "the ILACS framework" names a regime, not an event; a generic "last inspection" yields
    to any specific type in the same sentence; "short inspection" refines "ILACS".
    """
    text = Span.of(text)
    if not _ANY_TYPE.found(text):
        return []
    matches = [(m, t) for t, rule in TYPE_PATTERNS for m in rule.finditer(text)]
    framework = any(FRAMEWORK_ONLY.match(text, m.end()) for m, _ in matches)
    matches = [(m, t) for m, t in matches if not FRAMEWORK_ONLY.match(text, m.end())]
    specific = [(m, t) for m, t in matches if t != "ilacs_generic"]
    if specific or framework:
        matches = specific
    length = {t for _, t in matches} & {"ilacs_short", "ilacs_standard"}
    if length and any(t == "ilacs" for _, t in matches):
        matches = [
            (m, length.pop() if t == "ilacs" else t)
            for m, t in matches
            if t not in ("ilacs_short", "ilacs_standard")
        ]
    kept: list[tuple[int, int, str]] = []
    for m, t in sorted(matches, key=lambda x: x[0].start()):
        if kept and m.start() < kept[-1][1]:
            continue  # overlapping mentions of one event
        kept.append((m.start(), m.end(), t))
    return [(start, t) for start, _, t in kept]


def _type_of(text: str) -> str | None:
    """The first type named in `text` (a heading's: see `AnalysedDocument.memo`)."""
    mentions = _type_mentions(text)
    return mentions[0][1] if mentions else None


def inspector_names(text: str) -> list[str]:
    """Named inspectors, lead first, from the first sentence that lists them.

    """
    m = _INSPECTOR_LIST.search(text)
    if not m:
        return []
    sentence = re.split(r"(?<=[a-z])\.\s|\n", text[m.end() : m.end() + 400])[0]
    tail = _TITLES.sub(",", sentence)
    names: list[str] = []
    for part in re.split(r",|\band\b|;", tail):
        n = NAME_ONLY.fullmatch(part)
        if n and _NOT_A_PERSON.search(n.group("name")):
            break  # "Lead inspector: Anytown Council ..." names no one
        if n and n.group("name") not in names:
            names.append(n.group("name"))
        elif part.strip() and names:
            break  # the list has ended
    for support in SUPPORTED_BY.finditer(sentence):
        if support.group("name") not in names:
            names.append(support.group("name"))
    return names


# The three outcomes of the 2023 area SEND framework, as its letters state them.
SEND_OUTCOMES = _labelled(
    (
        ("widespread_failings", r"\bwidespread\s+and/or\s+systemic\s+failings\b"),
        ("inconsistent", r"\barrangements\s+lead\s+to\s+inconsistent\s+experiences\b"),
        ("positive", r"\barrangements\s+typically\s+lead\s+to\s+positive\s+experiences\b"),
    )
)


def send_outcome(text: str) -> str | None:
    """The outcome an area SEND letter states (its first statement of one)."""
    found = [(m.start(), outcome) for outcome, rx in SEND_OUTCOMES if (m := rx.search(text))]
    return min(found)[1] if found else None


class InspectionExtractor:
    name: ClassVar[str] = "inspections.rules"
    table: ClassVar[str] = "inspections"

    def extract(self, doc: Document | AnalysedDocument) -> list[InspectionRecord]:
        doc = analysed(doc)
        events: list[_Event] = []
        # Without one of these words a mention neither names an inspection (the words of
        # `_ANY_TYPE`) nor passes the section test below (`SECTION_EVENT_HINT`).
        hits = doc.word_hits(_MENTION_WORDS)
        for start_at, end_at, section in _mentions(doc):
            if hits is not None and not hits.within(start_at, end_at):
                continue
            chunk = doc.span(start_at, end_at)
            mentions = _type_mentions(chunk)
            if not mentions and section and SECTION_EVENT_HINT.found(chunk):
                kind = doc.memo(_type_of, section)  # "The visit took place on ..." under it
                mentions = [(0, kind)] if kind else []
            cuts = [0, *[pos for pos, _ in mentions[1:]], len(chunk)]
            for (_, kind), lo, hi in zip(mentions, cuts, cuts[1:], strict=False):
                event = self._event_from(doc, chunk.slice(lo, hi), kind, section, events)
                if event is not None:
                    event.span = (start_at, end_at)
                    self._merge(events, event)
        is_report = self._read_header(doc, events)
        if is_report:
            # A full inspection report is about its own inspection; the earlier ones it
            # mentions are background (letters and council papers keep them).
            del events[1:]
        elif not doc.is_inspection_report:
            # A council paper's "the Ofsted inspection" with no date, year or grade names
            # no specific inspection (Ofsted's letters do mean their previous one).
            events[:] = [e for e in events if not e.generic or e.start or e.year or e.fields]
        self._inherit_generic_type(events)
        if events and events[0].inspection_type == "send_area":
            head = doc.text[: doc.page_starts[2]] if doc.n_pages > 2 else doc.text[:8000]
            if outcome := send_outcome(head):
                events[0].fields.setdefault("outcome", outcome)
        self._attach_people_and_focus(doc, events)
        if not is_report:
            # A report's grades are its grid's: a report without an overall grade (the
            # post-April-2026 format) has none, and the grade in its prose is the
            # previous inspection's ("when the local authority was judged inadequate").
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
    def _event_from(
        doc: AnalysedDocument,
        chunk: str,
        kind: str,
        section: str | None,
        events: list[_Event],
    ) -> _Event | None:
        """One mention's event: its fieldwork dates and any overall grade stated with it."""
        chunk = Span.of(chunk)
        generic = kind == "ilacs_generic"
        start, end, dspan = _dates_in(chunk)
        published: date | None = None
        if generic:
            kind = _framework_by_year(chunk, start)
        if start is None and section and doc.memo(_type_of, section):
            start, end, _ = _dates_in(section)  # a heading naming the visit and its dates
        if (
            start is not None
            and dspan is not None
            and not FIELDWORK_HINT.found(chunk)
        ):
            # "The findings will be available from 29th March 2019", "on 13th June 2017
            # when the inspection was published": a publication, not fieldwork.
            before = chunk[max(0, dspan[0] - 40) : dspan[0]].lower()
            after = chunk[dspan[1] : dspan[1] + 50].lower()
            if re.search(r"available|published|report(?:ed)?\s+on|letter\s+dated", before) or (
                re.search(r"^[^.;]*\bwas\s+published\b", after)
            ):
                published, start, end = start, None, None
        if start is None and (
            PLURAL_VISITS.found(chunk) and not generic
        ):
            return None  # "a series of monitoring visits" with no date is no one event
        if start is None and events and _INSPECTOR_LIST.search(chunk):
            return None  # "the short inspection was led by X": the event already found
        fields: dict[str, object] = {"published_date": published} if published else {}
        year = int(m.group(0)) if (m := _YEAR.search(chunk)) else None
        if has_words(chunk.low, _GRADE_WORDS):
            fields.update(prose_grades(_this_time(chunk, start)))
        return _Event(kind, start, end, (0, 0), fields, generic, year)

    @staticmethod
    def _inherit_generic_type(events: list[_Event]) -> None:
        """ "The previous inspection" in an area SEND report was an area SEND inspection."""
        if not events or events[0].inspection_type != "send_area":
            return
        for e in list(events[1:]):
            if e.generic:
                events.remove(e)
                e.inspection_type, e.generic = "send_area", False
                InspectionExtractor._merge(events, e)

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
                for key, value in new.fields.items():
                    e.fields.setdefault(key, value)
                return
            if e.start is None:
                e.start, e.end, e.span = new.start, new.end, new.span
                return
        events.append(new)

    @staticmethod
    def _read_header(doc: AnalysedDocument, events: list[_Event]) -> bool:
        """Ofsted reports: 'Inspection dates: ...' and the judgement grid on page 1.

        Returns True when the document is a full inspection report (SIF or ILACS).

        The inspection the report is about becomes the first event. Fieldwork may come in
        blocks ("8 to 12 July 2019 and 7 to 8 August 2019"): the end is the last block's.
        ILACS reports never say short or standard; the first block's length does (one week
        is a short inspection, two a standard one).
        """
        head = doc.span(0, doc.page_starts[1] if doc.n_pages > 1 else 6000)
        m = _HEADER_DATES_AT.search(head)
        if not m:
            return False
        blocks = _ranges_in(m.group("dates"))
        if not blocks:
            return False
        start, end = blocks[0][0], max(b[1] for b in blocks)
        kind = _type_of(head[: m.start()]) or "ilacs"
        if kind in ("ilacs", "ilacs_generic"):
            kind = _ilacs_by_length(*blocks[0])
        main = _Event(kind, start, end, m.span(), {})
        for e in list(events):
            in_title = e.span[1] <= m.start()  # the report's own title names this inspection
            if e.start == start or (e.start is None and (e.inspection_type == kind or in_title)):
                events.remove(e)
        events.insert(0, main)
        grades = read_grid(head)
        if grid_gaps(head, grades) and (tables := doc.page_tables(1)):
            # The fast text lost the grid's order; pdfplumber's table keeps rows together.
            for column, grade in read_table_grid(tables).items():
                grades.setdefault(column, grade)
        main.fields.update(grades)
        published = PUBLISHED.search(head)
        if published:
            main.fields["published_date"] = date_from_match(published)
        return kind in ("sif", "ilacs_short", "ilacs_standard")

    @staticmethod
    def _attach_people_and_focus(doc: AnalysedDocument, events: list[_Event]) -> None:
        if not events:
            return
        text = doc.span(0, len(doc.text))
        names = inspector_names(text)
        if names:
            events[0].fields.setdefault("lead_inspector", names[0])
            events[0].fields.setdefault("inspectors", names)
        for rx in FOCUS_PATTERNS:
            m = rx.search(text)
            if m:
                events[0].fields.setdefault("focus", m.group("focus").strip(" -\u2013"))
                break
        for published in _PUBLISHED_PROSE_AT.finditer(text):
            day = date_from_match(published)
            main = events[0]
            if main.end and day >= main.end and (day - main.end).days < 200:
                main.fields.setdefault("published_date", day)
                break
        if doc.is_inspection_report:
            letter_date = LETTER_DATE.search(text[: text.find("Dear ") if "Dear " in text else 600])
            if letter_date and events[0].start:
                day = date_from_match(letter_date)
                if day >= events[0].start:
                    events[0].fields.setdefault("published_date", day)

    @staticmethod
    def _attach_grades(doc: AnalysedDocument, events: list[_Event]) -> None:
        """Grades stated in prose, in sentences naming no inspection, belong to the full
        inspection the paper is about when it is the only one; the first sentence to state
        an area's grade gives it."""
        full = [
            e
            for e in events
            if e.inspection_type in ("ilacs", "ilacs_standard", "ilacs_short", "sif")
        ]
        if len(full) != 1:
            return
        hits = doc.word_hits(_GRADE_WORDS)
        for sentence in doc.sentences:
            if hits is not None and not hits.within(sentence.start, sentence.end):
                continue  # no grade in it
            chunk = doc.text[sentence.start : sentence.end]
            if _type_mentions(chunk):
                continue  # its grades went to the inspection it names
            grades = prose_grades(chunk)
            if grades and not _OTHER_AUTHORITIES.search(chunk):  # "statistical neighbours"
                for column, grade in grades.items():
                    full[0].fields.setdefault(column, grade)
