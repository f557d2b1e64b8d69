import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given

from reportmine.extractors import document_fields
from reportmine.extractors.document_fields import (
    classify_doc_kind,
    find_committee,
    find_meeting_date,
    find_title,
)
from tests.strategies import joined_texts

HEADERS = [
    # (text, kind, committee, meeting date, title)
    (
        "From: Leader of the Council\nTo: Cabinet - 30 January 2025\nSubject: Budget monitoring "
        "report\nClassification: Unrestricted\nSummary: text.",
        "report",
        "Cabinet",
        date(2025, 1, 30),
        "Budget monitoring report",
    ),
    (
        "Report to: CHILDREN AND YOUNG PEOPLE'S SCRUTINY COMMITTEE\nRelevant Officer: A Person\n"
        "Date of Meeting 9 January 2020\nCHILDREN'S SOCIAL CARE IMPROVEMENT\n",
        "report",
        "Children and Young People's Scrutiny Committee",
        date(2020, 1, 9),
        "CHILDREN'S SOCIAL CARE IMPROVEMENT",
    ),
    (
        "EXECUTIVE BOARD DECISION\nREPORT OF: Executive Member\nDATE: Thursday, 9 July 2020\n"
        "SUBJECT:\nReport of the Ofsted Focused Visit\n",
        "decision",
        "Executive Board",
        date(2020, 7, 9),
        "Report of the Ofsted Focused Visit",
    ),
    (
        "ANYSHIRE COUNTY COUNCIL\nCABINET\nMINUTES of a meeting of the Cabinet held in the Council "
        "Chamber, County Hall on Thursday, 30 January 2025. PRESENT: Mr A (Chairman)\n",
        "minutes",
        "Cabinet",
        date(2025, 1, 30),
        "Minutes of the Cabinet meeting held on 30 January 2025",
    ),
    (
        "Agenda item\nFull ILACS report\nMinutes:\nThe Committee discussed the report.\n",
        "minutes",
        None,
        None,
        "Full ILACS report",
    ),
    (
        "Agenda item\n\nOfsted Focused Visit\n\nMeeting: 23/01/2020 - Children and Families "
        "Scrutiny Panel (Item 25)\n\nMinutes:\nThe minutes of the meeting held on 12 December "
        "2019 were agreed.\n",
        "minutes",
        "Children and Families Scrutiny Panel",
        date(2020, 1, 23),
        "Ofsted Focused Visit",
    ),
    (
        "Agenda and minutes\nPeople Committee\nThursday, 6th December, 2018 7.00 pm\n"
        "Venue: Civic Offices\nMinutes of the Previous Meeting\nRESOLVED - that the minutes of "
        "the meeting held on 27 September 2018 be confirmed and signed by the Chair.\n",
        "minutes",
        "People Committee",
        date(2018, 12, 6),
        "Minutes of the People Committee meeting held on 6 December 2018",
    ),
    (
        "Children and Young People Scrutiny Panel - Wednesday, 12th November, 2014 6.00 pm\n"
        "Venue: Civic Centre\nMinutes:\nThe Panel noted the budget review.\n",
        "minutes",
        "Children and Young People Scrutiny Panel",
        date(2014, 11, 12),
        "Minutes of the Children and Young People Scrutiny Panel meeting held on 12 November 2014",
    ),
    (
        "Venue: Remote Meeting\nMinutes of the Previous Meeting\nMinutes: RESOLVED - that the "
        "minutes of the meeting held on 16 December 2020 be confirmed and signed by the Chair.\n",
        "minutes",
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "kind", "committee", "meeting", "title"), HEADERS)
def test_document_fields(text, kind, committee, meeting, title):
    assert classify_doc_kind(text) == kind
    assert find_committee(text) == committee
    assert find_meeting_date(text) == meeting
    assert find_title(text, kind, committee, meeting) == title


def test_ofsted_letter_is_an_inspection_report():
    text = (
        "12 January 2026\nDear Ms A\nFocused visit to Anytown children's services\n"
        "This letter summarises the findings of the focused visit to Anytown on 3 to 4 "
        "December 2025.\n"
    )
    assert classify_doc_kind(text) == "inspection_report"
    assert find_title(text, "inspection_report") == "Focused visit to Anytown children's services"


# --- fast paths give exactly what the plain regexes give ------------------------------------

PIECES = [
    "Minutes",
    "MINUTES",
    "minutes",
    "Minutes:",
    "Minutes of the meeting",
    "MINUTES of",
    "Present:",
    "Presentation",
    "Apologies for absence",
    "RESOLVED",
    "was RESOLVED",
    "The Committee noted",
    "Committee discussed",
    "That the Cabinet",
    "That the Executive Board",
    "Scrutiny Committee",
    "Panel",
    "Board",
    "DECISION",
    "EXECUTIVE BOARD DECISION",
    "Record of Executive Decision",
    "DECISION TAKEN",
    "Report to:",
    "REPORT TO :",
    "To:",
    "To: Cabinet -",
    "to the meeting of the Cabinet to be held",
    "held on",
    "held",
    "Date of meeting:",
    "DATE:",
    "Meeting date",
    "meeting",
    "Thursday,",
    "9 July 2020",
    "30 January 2025",
    ",",
    ".",
    "-",
    "\u2013",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "\u2028",
    "\r",
    "x",
    "A",
    "\u0130",
    "\u212a",
    "\u017f",
]
texts = joined_texts(PIECES, max_size=18)


@given(texts)
def test_is_minutes_answers_what_the_minutes_regex_answers(text):
    assert document_fields._is_minutes(text) == bool(document_fields._MINUTES.search(text))


@given(texts)
def test_prefiltered_patterns_find_what_their_regexes_find(text):
    for rule in [*document_fields._COMMITTEE_RULES, *document_fields._MEETING_DATE_RULES]:
        assert [m.span() for m in rule.finditer(text)] == [
            m.span() for m in rule.regex.finditer(text)
        ], (rule, text)
    if not document_fields._may_be_decision(text):
        assert document_fields._DECISION.search(text) is None


def test_regex_whitespace_is_str_isspace():
    """`_is_minutes` reads `\\\\s` as `str.isspace`: they agree on every code point."""
    chars = "".join(map(chr, range(0x110000)))
    space = re.compile(r"\s")
    assert [m.start() for m in space.finditer(chars)] == [
        i for i, c in enumerate(chars) if c.isspace()
    ]


class _Plain:
    """A pattern run the plain way, without prefilters."""

    def __init__(self, regex):
        self.regex = regex

    def search(self, text, low=None):
        return self.regex.search(text)

    def finditer(self, text, low=None):
        return list(self.regex.finditer(text))


def test_gates_change_no_field_of_the_seed_papers(monkeypatch):
    seeds = Path(__file__).parents[2] / "corpus" / "papers" / "seeds"
    papers = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    papers += [text for text, *_ in HEADERS]
    fast = [(find_committee(t), find_meeting_date(t), classify_doc_kind(t)) for t in papers]
    monkeypatch.setattr(document_fields, "_COMMITTEE_RULES", [
        _Plain(rx) for rx in document_fields.COMMITTEE_PATTERNS
    ])
    monkeypatch.setattr(document_fields, "_MEETING_DATE_RULES", [
        _Plain(rx) for rx in document_fields.MEETING_DATE_PATTERNS
    ])
    monkeypatch.setattr(
        document_fields, "_is_minutes", lambda t: bool(document_fields._MINUTES.search(t))
    )
    monkeypatch.setattr(document_fields, "_may_be_decision", lambda t: True)
    monkeypatch.setattr(
        document_fields,
        "DOC_KIND_RULES",
        [(rx, span, kind, None, False) for rx, span, kind, *_ in document_fields.DOC_KIND_RULES],
    )
    plain = [(find_committee(t), find_meeting_date(t), classify_doc_kind(t)) for t in papers]
    assert fast == plain


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("kent-council-papers/cabinet/2025-01-29/report.pdf", date(2025, 1, 29)),
        ("site_celistdocuments-committeeid5-meetingid6-df08-09-2014-ve.txt", date(2014, 9, 8)),
        ("papers/2019/agenda-item-7.txt", None),
        ("papers/2025-02-30/x.txt", None),
    ],
)
def test_date_in_path(path, expected):
    assert document_fields.date_in_path(path) == expected


def test_fields_silent_in_the_text_come_from_the_path_and_say_so():
    from reportmine.core.document import Document

    text = "Agenda item\nCorporate parenting\nMinutes:\nThe Committee discussed the report.\n"
    doc = Document("d", "minutes/democracy.leics.gov.uk_ai_id1/2021-03-04/item.txt", "txt", text)
    [fields] = document_fields.DocumentFieldsExtractor().extract(doc)
    assert (fields.council, fields.council_source) == ("Leicestershire", "path")
    assert (fields.meeting_date, fields.meeting_date_source) == (date(2021, 3, 4), "path")
    named = Document("e", doc.source_path, "txt", text + "Leicester City Council agreed.\n")
    [fields] = document_fields.DocumentFieldsExtractor().extract(named)
    assert (fields.council, fields.council_source) == ("Leicester", "text")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Decision details\nChildren's Trust - Contract Review\nDecision status: Approved\n",
         "decision"),
        ("Decision Maker: Cabinet\nDecision status: Recommendations Approved\n1) That the plan "
         "be approved.\n", "decision"),
        ("Agenda and minutes\nCabinet - Monday 26th September, 2011 10.00 am\nVenue: Town Hall\n",
         "minutes"),
        ("Issue - meetings\nChildren's Improvement Update\nMeeting: 16/07/2019 - Cabinet (Item 6)\n"
         "This report provides Cabinet with an update.\n", "minutes"),
        ("Agenda item\nChild Protection Plans\nThe committee received an update on the numbers "
         "of children on a plan.\n", "minutes"),
        ("Agenda item\nChild Protection Plans\nTo receive a report on the numbers of children on "
         "a plan.\n", "agenda_item"),
    ],
)
def test_committee_site_pages_say_what_they_are(text, kind):
    assert classify_doc_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "committee"),
    [
        ("Decision details\nSufficiency Strategy\nDecision Maker: Cabinet\nDecision status: "
         "Recommendations Approved\n", "Cabinet"),
        ("Agenda item\nMissing children\nMinutes:\nThe work of the Missing Panel and the "
         "Improvement Board was described.\n", None),
        ("Agenda and minutes\nVenue: Town Hall\nPREVIOUS MEETING PDF 94 KB To agree the minutes "
         "of the Committee\n", None),
        ("Children and Young People Scrutiny Panel - 12 March 2024\nMinutes:\nThe Panel noted "
         "the report.\n", "Children and Young People Scrutiny Panel"),
    ],
)
def test_the_meeting_body_is_the_headers_not_one_named_in_the_minutes(text, committee):
    """#22: bodies named in the minutes' prose ("the Improvement Board") and document links
    were read as the meeting's committee; a decision page names its decision maker."""
    assert find_committee(text) == committee
