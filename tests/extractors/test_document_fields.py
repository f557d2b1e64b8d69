from datetime import date

import pytest

from reportmine.extractors.document_fields import (
    classify_doc_kind,
    find_committee,
    find_meeting_date,
    find_title,
)

HEADERS = [
    # (text, kind, committee, meeting date, title)
    ("From: Leader of the Council\nTo: Cabinet - 30 January 2025\nSubject: Budget monitoring "
     "report\nClassification: Unrestricted\nSummary: text.", "report", "Cabinet",
     date(2025, 1, 30), "Budget monitoring report"),
    ("Report to: CHILDREN AND YOUNG PEOPLE'S SCRUTINY COMMITTEE\nRelevant Officer: A Person\n"
     "Date of Meeting 9 January 2020\nCHILDREN'S SOCIAL CARE IMPROVEMENT\n", "report",
     "Children and Young People's Scrutiny Committee", date(2020, 1, 9),
     "CHILDREN'S SOCIAL CARE IMPROVEMENT"),
    ("EXECUTIVE BOARD DECISION\nREPORT OF: Executive Member\nDATE: Thursday, 9 July 2020\n"
     "SUBJECT:\nReport of the Ofsted Focused Visit\n", "decision", "Executive Board",
     date(2020, 7, 9), "Report of the Ofsted Focused Visit"),
    ("ANYSHIRE COUNTY COUNCIL\nCABINET\nMINUTES of a meeting of the Cabinet held in the Council "
     "Chamber, County Hall on Thursday, 30 January 2025. PRESENT: Mr A (Chairman)\n", "minutes",
     "Cabinet", date(2025, 1, 30), "Minutes of the Cabinet meeting held on 30 January 2025"),
    ("Agenda item\nFull ILACS report\nMinutes:\nThe Committee discussed the report.\n",
     "minutes", None, None, "Full ILACS report"),
]


@pytest.mark.parametrize(("text", "kind", "committee", "meeting", "title"), HEADERS)
def test_document_fields(text, kind, committee, meeting, title):
    assert classify_doc_kind(text) == kind
    assert find_committee(text) == committee
    assert find_meeting_date(text) == meeting
    assert find_title(text, kind, committee, meeting) == title


def test_ofsted_letter_is_an_inspection_report():
    text = ("12 January 2026\nDear Ms A\nFocused visit to Anytown children's services\n"
            "This letter summarises the findings of the focused visit to Anytown on 3 to 4 "
            "December 2025.\n")
    assert classify_doc_kind(text) == "inspection_report"
    assert find_title(text, "inspection_report") == "Focused visit to Anytown children's services"
