"""Inspection events from made-up papers and letters, and regressions on real reports."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportmine.core.document import Document
from reportmine.extractors import inspections
from reportmine.extractors.inspections import InspectionExtractor, inspector_names
from reportmine.loaders import load_document
from reportmine.parsing.dates import DATE_RANGE_RE, DATE_RE
from reportmine.text.analysis import WordHits
from reportmine.text.scan import folded, has_words
from tests.strategies import joined_texts


def events(text: str, pages: list[int] | None = None):
    doc = Document("d", "x.txt", "txt", text, page_starts=pages or [])
    return InspectionExtractor().extract(doc)


ILACS_REPORT = (
    "Inspection of Anytown local authority\nchildren's services\n"
    "Inspection dates: {dates}\n"
    "Lead inspector: Jane Q Example, His Majesty's Inspector\n"
    "Judgement Grade\n"
    "The impact of leaders on social work\npractice with children and families\nGood\n"
    "The experiences and progress of\nchildren who need help and protection\n"
    "Requires improvement to be good\n"
    "The experiences and progress of children in care and care leavers\nInadequate\n"
    "Overall effectiveness Requires improvement to be good\n"
    "Since the last inspection in 2018, a focused visit in 2023 found progress.\n"
)


@pytest.mark.parametrize(
    ("dates", "kind", "start", "end"),
    [
        ("11 to 15 September 2023", "ilacs_short", date(2023, 9, 11), date(2023, 9, 15)),
        ("9 to 20 June 2025", "ilacs_standard", date(2025, 6, 9), date(2025, 6, 20)),
        (
            "8 July 2019 to 12 July 2019 and 7 August 2019 to 8 August 2019",
            "ilacs_short",
            date(2019, 7, 8),
            date(2019, 8, 8),
        ),
    ],
)
def test_ilacs_report_header_and_grid(dates, kind, start, end):
    [event] = events(ILACS_REPORT.format(dates=dates))  # background mentions are dropped
    assert (event.inspection_type, event.start_date, event.end_date) == (kind, start, end)
    assert event.lead_inspector == "Jane Q Example"
    assert event.judgement == "requires_improvement"
    assert event.judgement_leaders == "good"
    assert event.judgement_help_protection == "requires_improvement"
    assert event.judgement_in_care == event.judgement_care_leavers == "inadequate"


@pytest.mark.parametrize(
    ("overall", "grade"),
    [
        ("The overall judgement is requires improvement", "requires_improvement"),
        ("The overall judgement is that children's services are good.", "good"),
        ("Children's services in Anytown require improvement to be good", "requires_improvement"),
        ("Children's services in the Royal Borough of Anytown are outstanding", "outstanding"),
    ],
)
def test_sif_overall_judgement_wordings(overall, grade):
    text = (
        "Anytown Council\nInspection of services for children in need of help and protection, "
        "children looked after and care leavers\nInspection date: 2 July 2014 \u2013 23 July 2014\n"
        f"Report published: 8 September 2014\n{overall}\n"
        "1. Children who need help and protection Good\n"
        "2.2 Experiences and progress of care leavers Inadequate\n"
    )
    [event] = events(text)
    assert event.inspection_type == "sif"
    assert event.judgement == grade
    assert event.published_date == date(2014, 9, 8)
    assert event.judgement_care_leavers == "inadequate"


def test_focused_visit_letter_with_earlier_inspection():
    text = (
        "12 January 2026\nA Director\nDear Ms Director\n"
        "Focused visit to Anytown children's services\n"
        "This letter summarises the findings of the focused visit to Anytown children's "
        "services on 3 to 4 December 2025. His Majesty's Inspectors for this visit were "
        "Alice Example and Bob Sample.\n"
        "Inspectors looked at the local authority's arrangements for care leavers.\n"
        "Anytown was last inspected by Ofsted in March 2018, when the overall effectiveness "
        "of the service was judged to require improvement to be good.\n"
    )
    visit, earlier = events(text)
    assert visit.inspection_type == "focused_visit"
    assert (visit.start_date, visit.end_date) == (date(2025, 12, 3), date(2025, 12, 4))
    assert visit.published_date == date(2026, 1, 12)
    assert visit.inspectors == ["Alice Example", "Bob Sample"]
    assert visit.focus == "care leavers"
    assert earlier.inspection_type == "ilacs" and earlier.start_date is None
    assert earlier.judgement == "requires_improvement"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The inspectors were Ann Bee, Her Majesty's Inspector, and Cy Dee, Her Majesty's "
            "Inspector.",
            ["Ann Bee", "Cy Dee"],
        ),
        (
            "The visit was carried out by Ann Bee, Cy Dee and Ed Eff, Her Majesty's Inspectors.",
            ["Ann Bee", "Cy Dee", "Ed Eff"],
        ),
        (
            "The short inspection was led by Inspector \u2013 Ann Bee Cee, who was supported by "
            "Inspector \u2013 Cy Dee.",
            ["Ann Bee Cee", "Cy Dee"],
        ),
        ("Lead inspector: Ann Bee HMI\nJudgement", ["Ann Bee"]),
        ("Deputy lead inspector: Cy Dee\nLead inspector: Ann Bee", ["Ann Bee"]),
        ("Lead inspectors: Ann Bee and Cy Dee, His Majesty's Inspectors\n", ["Ann Bee", "Cy Dee"]),
        ("Lead inspector: Anytown Borough Council\nJudgement", []),
    ],
)
def test_inspector_names(text, names):
    assert inspector_names(text) == names


def test_council_paper_mentions_and_framework_wording():
    text = (
        "Report of the Ofsted Focused Visit 19-20 February 2020\n"
        "This report sets out the findings of our last inspection as part of the ILACS "
        "framework. The findings will be available from 29th March 2019.\n"
        "Following the Inspection of Children's Social Care Services from the 17th to 28th "
        "September 2018, a monitoring visit took place on the 6th and 7th March 2019.\n"
    )
    found = {(e.inspection_type, e.start_date) for e in events(text)}
    assert found == {
        ("focused_visit", date(2020, 2, 19)),
        ("monitoring_visit", date(2019, 3, 6)),
        ("ilacs", date(2018, 9, 17)),
    }


def test_sif_grades_read_from_the_report_not_the_background(shared_dir):
    """Regression: a SIF re-inspection saying 'judged to be inadequate in 2015' in its
    summary was graded inadequate; its own grade line says 'require improvement'."""
    [path] = (shared_dir / "ofsted-reports").glob("80506_lambeth/*.pdf")
    [event] = InspectionExtractor().extract(load_document(path))
    assert event.judgement == "requires_improvement"
    assert event.inspection_type == "sif"


def test_scrambled_grid_is_read_from_the_page_table():
    """When the fast text loses the grid's order, the ruled table on page 1 supplies it."""
    text = (
        "Inspection of Anytown local authority children's services\n"
        "Inspection dates: 9 to 20 June 2025\n"
        "Judgement Grade\nThe impact of leaders on social work practice with children and "
        "families. The experiences and progress of children who need help and protection. "
        "Overall effectiveness.\nGood Inadequate Requires improvement to be good\n"
    )
    table = [
        [
            ["Judgement", "Grade"],
            ["The impact of leaders on social work practice with children and families", "Good"],
            ["The experiences and progress of children who need help and protection", "Inadequate"],
            ["Overall effectiveness", "Requires improvement to be good"],
        ]
    ]
    asked: list[int] = []

    def tables(page: int):
        asked.append(page)
        return table

    doc = Document("d", "x.pdf", "pdf", text, page_starts=[0], tables=tables)
    [event] = InspectionExtractor().extract(doc)
    assert asked == [1]
    assert event.judgement_leaders == "good"
    assert event.judgement_help_protection == "inadequate"
    assert event.judgement == "requires_improvement"


def test_clean_grid_never_opens_the_slow_layout():
    asked: list[int] = []
    doc = Document(
        "d",
        "x.pdf",
        "pdf",
        ILACS_REPORT.format(dates="9 to 20 June 2025"),
        page_starts=[0],
        tables=lambda page: asked.append(page) or [],
    )
    InspectionExtractor().extract(doc)
    assert asked == []


# --- fast paths give exactly what the plain regexes give ------------------------------------

PIECES = [
    "the",
    "The",
    "THE",
    " ",
    "  ",
    "\n",
    "\t",
    "\u00a0",
    "inspectors",
    "Inspectors",
    "were",
    "visit",
    "Visit",
    "was carried out by",
    "Lead",
    "lead",
    "inspector",
    "Inspector",
    "led by",
    "called",
    "His Majesty's",
    "Her",
    "HMI",
    "Ofsted",
    "for this",
    "inspection",
    "was",
    "Deputy",
    "deputy",
    ":",
    "-",
    "\u2013",
    "Jane Smith",
    ",",
    ".",
    "\u0130",
    "\u212a",
    "last",
    "full",
    "previous",
    "most recent",
    "area",
    "SEND",
    "send",
    "local",
    "special",
    "educational needs",
    "and disabilities",
    "single",
    "SIF",
    "ILACS",
    "of",
    "services",
    "short",
    "standard",
    "focused",
    "monitoring",
    "visits",
    "JTAI",
    "joint targeted",
    "CQC",
    "assurance",
    "authority",
    "assessment by",
    "in",
    "2019",
    "May",
    "dates",
    "date",
    "especially",
]
texts = joined_texts(PIECES, max_size=16)


def spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


@given(texts)
def test_type_patterns_tried_at_their_anchors_find_what_finditer_finds(text):
    for _, rule in inspections.TYPE_PATTERNS:
        assert spans(rule.finditer(text)) == spans(rule.regex.finditer(text))


@given(texts)
def test_inspector_list_tried_at_its_starts_finds_what_search_finds(text):
    plain = inspections.INSPECTOR_LIST.search(text)
    fast = inspections._INSPECTOR_LIST.search(text)
    assert (fast and (fast.span(), fast.re)) == (plain and (plain.span(), plain.re))


@given(texts)
def test_header_dates_tried_at_their_anchors_find_what_search_finds(text):
    text = text + " 11 to 15 September 2023"
    assert spans(filter(None, [inspections._HEADER_DATES_AT.search(text)])) == spans(
        filter(None, [inspections._HEADER_DATES_AT.regex.search(text)])
    )


@given(texts, st.data())
def test_word_hits_answer_what_has_words_answers(text, data):
    low = text.lower()
    words = data.draw(st.sampled_from([inspections._MENTION_WORDS, inspections._GRADE_WORDS]))
    hits = WordHits(low, words)
    for lo in range(len(low) + 1):
        for hi in range(lo, min(len(low), lo + 40) + 1):
            assert hits.within(lo, hi) == has_words(low[lo:hi], words)


def test_lower_case_keeps_whitespace_apart():
    """`\\s` matches a character exactly when it matches the character lower-cased."""
    chars = "".join(chr(code) for code in range(0x110000) if code != 0x130)
    low = chars.lower()  # U+0130 alone lower-cases to two characters (`folded` declines it)
    assert len(low) == len(chars)
    space = re.compile(r"\s")
    assert [m.start() for m in space.finditer(low)] == [m.start() for m in space.finditer(chars)]


GRADE_PIECES = [
    "requires improvement",
    "Requires Improvement to be good",
    "requiring improvement",
    "GOOD",
    "inadequate",
    "Outstanding",
    "serious and widespread weaknesses",
    "was judged",
    "rated",
    "overall effectiveness",
    "were judged as",
    "children who need help and protection",
    "progress of children in care",
    "focused visits",
    "Monitoring  visits",
    "fieldwork",
    "took place",
    "visited on",
    "Inspection dates:",
    "12/05/21",
    "19",
    "20",
    "2019",
    "9 July",
    "July 9, 2020",
    "3 to 5",
    "/",
    "SIF",
    "sif.",
    "classified",
    "sifting",
    "\u017f",
    "\u212a",
    "is currently",
    "WAS CURRENTLY",
    "were found to be",
    "graded as",
    "judgement",
    "Rating",
    "'good' rating",
    "Inadequate Judgement",
    "overall grade of",
]
grade_texts = st.lists(st.sampled_from(PIECES + GRADE_PIECES), max_size=14).map(" ".join)

@given(grade_texts)
def test_prose_grades_need_their_words(text):
    if not has_words(folded(text), inspections._GRADE_WORDS):
        assert inspections.PROSE_GRADE_WORDS.search(text) is None


@given(grade_texts)
def test_dates_need_a_year_or_a_slash(text):
    if "19" not in text and "20" not in text and "/" not in text:
        assert DATE_RANGE_RE.search(text) is None and DATE_RE.search(text) is None
