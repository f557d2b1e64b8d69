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
    for _, anchored, _ in inspections.TYPE_PATTERNS:
        assert spans(anchored.finditer(text)) == spans(anchored.pattern.finditer(text))


@given(texts)
def test_inspector_list_tried_at_its_starts_finds_what_search_finds(text):
    plain = inspections.INSPECTOR_LIST.search(text)
    fast = inspections._inspector_list(text)
    assert (fast and (fast.span(), fast.re)) == (plain and (plain.span(), plain.re))


@given(texts)
def test_header_dates_tried_at_their_anchors_find_what_search_finds(text):
    text = text + " 11 to 15 September 2023"
    assert spans(filter(None, [inspections._HEADER_DATES_AT.search(text)])) == spans(
        filter(None, [inspections.HEADER_DATES.search(text)])
    )


@given(texts, st.data())
def test_word_hits_answer_what_has_words_answers(text, data):
    low = text.lower()
    words = data.draw(st.sampled_from([inspections._MENTION_WORDS, inspections._GRADE_WORDS]))
    hits = inspections._WordHits(low, words)
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

# (pattern, words): the pattern finds nothing in a text whose folded form lacks every word.
NEEDED_WORDS = [
    (inspections.FIELDWORK_HINT, inspections._FIELDWORK_WORDS),
    (inspections.PLURAL_VISITS, ("visits",)),
    (inspections.PROSE_GRADE_WORDS, inspections._GRADE_WORDS),
]


@given(grade_texts)
def test_patterns_need_their_words(text):
    low = folded(text)
    for rx, words in NEEDED_WORDS:
        if not has_words(low, words):
            assert rx.search(text) is None, (rx.pattern, text)


@given(grade_texts)
def test_dates_need_a_year_or_a_slash(text):
    if "19" not in text and "20" not in text and "/" not in text:
        assert DATE_RANGE_RE.search(text) is None and DATE_RE.search(text) is None


@given(grade_texts)
def test_names_any_type_answers_what_the_regex_answers(text):
    expected = inspections._ANY_TYPE.search(text) is not None
    assert inspections._names_any_type(text, folded(text)) == expected
    assert inspections._names_any_type(text, None) == expected


POST_REFORM_REPORT = (
    "Inspection of Anytown local\nauthority children's services\n"
    "Inspection dates: 11 to 22 May 2026\n"
    "Lead inspector: Ann Bee, His Majesty's Inspector\n"
    "Judgement Grade\n"
    "The impact of leaders on social work\npractice with children and families\nOutstanding\n"
    "The experiences and progress of\nchildren who need help and protection\nGood\n"
    "The experiences and progress of\nchildren in care\nGood\n"
    "The experiences and progress of\nchildren care leavers\nGood\n"
    "Services have improved since the last inspection in 2022, when {previous}. "
    "Leaders know their services well.\n"
)


@pytest.mark.parametrize(
    "previous",
    [
        "the overall effectiveness judgement was 'requires improvement to be good'",
        "the local authority was judged to be inadequate overall",
        "services were judged as requires improvement to be good",
        "overall effectiveness was inadequate",
    ],
)
def test_post_reform_report_takes_no_overall_grade_from_the_previous_inspection(previous):
    [event] = events(POST_REFORM_REPORT.format(previous=previous))
    assert event.judgement is None
    assert event.judgement_leaders == "outstanding"
    assert event.judgement_help_protection == event.judgement_in_care == "good"
    assert event.judgement_care_leavers == "good"  # "progress of children care leavers"


@pytest.mark.parametrize(
    ("folder", "judgement", "care_leavers"),
    [
        ("2637548_west northamptonshire", None, "good"),
        ("80557_south tyneside", None, "outstanding"),
        ("80474_herefordshire", "good", "good"),
    ],
)
def test_2026_reports_grades(shared_dir, folder, judgement, care_leavers):
    """Regression on the 2026 reports: two post-reform reports were given their previous
    inspection's grade; one grid's 'progress of children care leavers' was not read."""
    [path] = sorted((shared_dir / "ofsted-reports" / folder).glob("*2026.pdf"))
    [event] = InspectionExtractor().extract(load_document(path))
    assert (event.judgement, event.judgement_care_leavers) == (judgement, care_leavers)


RI = "requires_improvement"
ALL_AREAS = ("judgement", "judgement_leaders", "judgement_help_protection",
             "judgement_in_care", "judgement_care_leavers")
# Invented sentences in the ways Ofsted letters state an earlier inspection's grades.
PROSE_GRADE_CASES = [
    ("At the previous inspection in May 2019, overall effectiveness was judged to be good, "
     "but the experiences and progress of children in need of help and protection required "
     "improvement to be good.", {"judgement": "good", "judgement_help_protection": RI}),
    ("Since the last full inspection in 2023, when services were judged to be outstanding "
     "overall but good for the experiences of care leavers, leaders kept going.",
     {"judgement": "outstanding", "judgement_care_leavers": "good"}),
    ("At the last inspection, in June 2021, the overall effectiveness of services was judged "
     "to be outstanding, and the experiences and progress of children who need help and "
     "protection were judged to be good.",
     {"judgement": "outstanding", "judgement_help_protection": "good"}),
    ("Anytown children's services were inspected in 2015, when the overall effectiveness of "
     "the service was judged to require improvement to be good, with the experiences of "
     "children in need of help and protection judged to be good.",
     {"judgement": RI, "judgement_help_protection": "good"}),
    ("Anytown was last inspected in 2016, when the local authority was judged as requiring "
     "improvement to be good in all areas.", dict.fromkeys(ALL_AREAS, RI)),
    ("Services were inspected in March 2019, when all areas were judged to be inadequate.",
     dict.fromkeys(ALL_AREAS, "inadequate")),
    ("Since the last inspection, when the experience and progress of care leavers was judged "
     "as requires improvement to be good, leaders made good progress.",
     {"judgement_care_leavers": RI}),
    ("Since the ILACS inspection in 2024, when care leavers was judged to require "
     "improvement, leaders have worked hard.", {"judgement_care_leavers": RI}),
    ("Since the inspection in 2020, when the experiences and progress of children in care "
     "and care leavers were judged as good, practice has improved.",
     {"judgement_in_care": "good", "judgement_care_leavers": "good"}),
    ("Concerns were found at the inspection in 2019, when overall effectiveness was judged to "
     "have serious and widespread weaknesses.", {"judgement": "inadequate"}),
    ("Services improved since the last inspection in 2021, when overall effectiveness was "
     "inadequate.", {"judgement": "inadequate"}),
    ("Anytown services were last inspected in 2019, when they were judged requires "
     "improvement to be good.", {"judgement": RI}),
    ("The single inspection in May 2015 found that services for children in Anytown "
     "required improvement to be good.", {"judgement": RI}),
    ("Anytown was judged to require improvement to be good at the inspection in 2019.",
     {"judgement": RI}),
    ("The council's 'Good' rating was confirmed.", {"judgement": "good"}),
    ("Good ratings were received for the impact of leaders, the experiences and progress of "
     "children who need help and protection and overall effectiveness; and an Outstanding "
     "rating for the experiences and progress of children in care and care leavers.",
     {"judgement": "good", "judgement_leaders": "good", "judgement_help_protection": "good",
      "judgement_in_care": "outstanding", "judgement_care_leavers": "outstanding"}),
    ("Leaders have made good progress and practice is good.", {}),
    ("Outstanding actions from the plan are reviewed by a good team.", {}),
    ("The quality of supervision is good and workers feel supported.", {}),
]


@pytest.mark.parametrize(("sentence", "grades"), PROSE_GRADE_CASES)
def test_prose_grades_go_to_the_area_they_are_stated_for(sentence, grades):
    assert inspections.prose_grades(sentence) == grades


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        ("Since the last inspection in 2016, practice has improved.", "sif"),
        ("Anytown's services were inspected by Ofsted in March 2014, when they were judged "
         "to be inadequate.", "sif"),
        ("Since the previous inspection in November 2018, practice has improved.", "ilacs"),
        ("Since the last inspection, practice has improved.", "ilacs"),
    ],
)
def test_earlier_inspection_named_without_a_framework_is_typed_by_its_year(mention, kind):
    text = (
        "12 January 2026\nDear Ms Director\nFocused visit to Anytown children's services\n"
        "This letter summarises the findings of the focused visit to Anytown children's "
        f"services on 3 to 4 December 2025.\n{mention}\n"
    )
    visit, earlier = events(text)
    assert visit.inspection_type == "focused_visit"
    assert (earlier.inspection_type, earlier.start_date) == (kind, None)


def test_area_grade_of_an_earlier_inspection_is_not_its_overall_grade():
    """Regression: a letter citing 'when the experiences and progress of children who need
    help and protection were judged to be good' gave the cited inspection an overall grade."""
    text = (
        "12 January 2026\nDear Ms Director\nFocused visit to Anytown children's services\n"
        "This letter summarises the findings of the focused visit to Anytown children's "
        "services on 3 to 4 December 2025.\nSince the last inspection in October 2023, when "
        "the experiences and progress of children who need help and protection were judged to "
        "be good, leaders have sustained practice.\n"
    )
    _, earlier = events(text)
    assert earlier.judgement is None
    assert earlier.judgement_help_protection == "good"


@pytest.mark.parametrize(
    ("statement", "outcome"),
    [
        ("The local area partnership's arrangements typically lead to positive experiences and "
         "outcomes for children and young people with SEND.", "positive"),
        ("The local area partnership's special educational needs and/or disabilities (SEND) "
         "arrangements lead to inconsistent experiences and outcomes for children.",
         "inconsistent"),
        ("There are widespread and/or systemic failings leading to significant concerns about "
         "the experiences of children and young people with SEND.", "widespread_failings"),
    ],
)
def test_area_send_letter_outcome(statement, outcome):
    text = (
        "Area SEND inspection of Anytown Local Area Partnership\n"
        "Inspection dates: 11 to 15 March 2024\nDates of previous inspection: 3 to 7 October 2016\n"
        f"Inspection outcome\n{statement}\nAreas for improvement\n"
        "\u2022 Leaders should improve the timeliness of plans.\n"
    )
    current, previous = events(text)
    assert (current.inspection_type, current.outcome) == ("send_area", outcome)
    assert (previous.start_date, previous.outcome) == (date(2016, 10, 3), None)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The Ofsted re-inspection of children's services in March 2017 judged overall "
         "services in Anytown as 'requires improvement to be good'.",
         [("sif", None, "requires_improvement")]),
        ("The Chair introduced the February 2023 Ofsted inspection report of children's "
         "services.", [("ilacs", None, None)]),
        ("It was reported that between 10 and 21 October 2022 a full inspection of children's "
         "services was completed by Ofsted.", [("ilacs", date(2022, 10, 10), None)]),
        ("The Senior HMI described the Ofsted single inspection process in detail.", []),
        ("Officers explained how an Ofsted inspection is carried out.", []),
        ("The intervention was removed on 13th June 2017 when the Ofsted inspection was "
         "published.", [("sif", None, None)]),
    ],
)
def test_council_paper_mentions_a_specific_inspection(sentence, found):
    """Regressions on council pages: an inspection named "the Ofsted inspection" typed by
    its year; a description of the inspection process is no event; a publication date is
    no fieldwork date."""
    got = events(f"Minutes:\n{sentence}\n")
    assert [(e.inspection_type, e.start_date, e.judgement) for e in got] == found


def test_a_later_year_in_a_mention_speaks_of_another_inspection():
    """Regression (a council page): "completed in October 2022 ... the first since 2018 when
    services were found to require improvement" gave the 2022 inspection the 2018 grade."""
    [event] = events(
        "Minutes:\nIt was reported that between 10 and 21 October 2022 a full inspection of "
        "children's services was completed by Ofsted and was the first since 2018 when "
        "services were found to require improvement.\nGood ratings were received for overall "
        "effectiveness; and an Outstanding rating for the experiences and progress of care "
        "leavers.\n"
    )
    assert (event.start_date, event.judgement) == (date(2022, 10, 10), "good")
    assert event.judgement_care_leavers == "outstanding"


def test_a_publication_date_is_the_published_date():
    [event] = events(
        "Minutes:\nThe intervention was removed on 13th June 2017 when the Ofsted inspection "
        "was published.\n"
    )
    assert (event.start_date, event.published_date) == (None, date(2017, 6, 13))
