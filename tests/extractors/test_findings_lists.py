"""The "What needs to improve" list of an inspection report, on made-up texts.

Each case is a small invented text in the loader's normalised form (one bullet glyph,
one line per paragraph) with the items the list detection must return. None of these
sentences comes from a real report.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.core.document import Document
from reportmine.extractors import recommendations
from reportmine.extractors.findings import FindingExtractor
from reportmine.extractors.recommendations import find_recommendations

B = "\u2022"

CASES = [
    pytest.param(
        "Overall the service is improving.\n"
        "What needs to improve?\n"
        f"{B} The timeliness of visits to children in care.\n"
        f"{B} The quality of plans for care leavers.\n"
        "The experiences and progress of children who need help and protection: good\n"
        "1. Children receive help at the right time.\n",
        ["The timeliness of visits to children in care.", "The quality of plans for care leavers."],
        id="question-mark heading, bullets, numbered paragraphs after the next heading",
    ),
    pytest.param(
        "What Needs to Improve\n"
        f"{B} Recording of management decisions.\n"
        "Main findings\n"
        "Leaders know the service well.\n",
        ["Recording of management decisions."],
        id="title case heading",
    ),
    pytest.param(
        "What needs to improve:\n"
        f"{B} the sufficiency of local homes\n"
        f"{B} the response to missing episodes\n"
        "Findings\n"
        f"{B} Social workers visit children often.\n",
        ["the sufficiency of local homes", "the response to missing episodes"],
        id="colon heading, lower-case items without full stops",
    ),
    pytest.param(
        "Contents\n"
        "Summary 2\n"
        "Recommendations 6\n"
        "Inspection findings 7\n"
        "Summary\n"
        "The council has made progress since its last visit.\n"
        "Recommendations\n"
        "1. Ensure that every child has an up-to-date plan.\n"
        "2. Improve the stability of the workforce.\n"
        "Summary for children and young people\n"
        "3. We looked at how you are helped.\n",
        [
            "Ensure that every child has an up-to-date plan.",
            "Improve the stability of the workforce.",
        ],
        id="contents page lists the heading before the real section",
    ),
    pytest.param(
        "What does the local authority need to improve?\n"
        "Priority and immediate action\n"
        "Care leavers\n"
        "9. Ensure that every care leaver has a pathway plan.\n"
        "Areas for improvement\n"
        "Help and protection\n"
        "10.Ensure that strategy meetings include the police.\n"
        "11. Improve the quality of assessments.\n"
        "Adoption\n"
        "12. Reduce the time children wait for adoption.\n"
        "The local authority's strengths\n"
        "13. Children are seen quickly when they are at risk.\n",
        [
            "Ensure that every care leaver has a pathway plan.",
            "Ensure that strategy meetings include the police.",
            "Improve the quality of assessments.",
            "Reduce the time children wait for adoption.",
        ],
        id="older report: parts, topic sub-headings, '10.Ensure', numbered strengths after",
    ),
    pytest.param(
        "What does the local authority need to improve?\n"
        "Priority and immediate action\n"
        "16. There are no areas of priority action.\n"
        "Areas for improvement\n"
        "17. Ensure that audits lead to better practice.\n"
        "Information about this inspection\n"
        "Inspectors looked at case files.\n",
        ["Ensure that audits lead to better practice."],
        id="'there are no areas of priority action' is not an item",
    ),
    pytest.param(
        "What needs to improve?\n"
        "1\n"
        f"{B} The quality of safety plans (outcome 3, national framework).\n"
        f"{B} Supervision records (enabler 2, national framework).\n"
        "Main findings\n",
        [
            "The quality of safety plans (outcome 3, national framework).",
            "Supervision records (enabler 2, national framework).",
        ],
        id="footnote marker on its own line after the heading",
    ),
    pytest.param(
        "What needs to improve?1\n"
        f"{B} Contingency planning for children.\n"
        "The impact of leaders on practice: good\n",
        ["Contingency planning for children."],
        id="footnote marker glued to the heading",
    ),
    pytest.param(
        "What needs to improve\n"
        f"{B} Help for homeless 16- and 17-year-olds, including:\n"
        "\u0336 the supply of suitable housing\n"
        "\uf02d the assessment of their needs.\n"
        f"{B} The quality of return interviews.\n"
        "The experiences and progress of children in care: good\n",
        [
            "Help for homeless 16- and 17-year-olds, including: the supply of suitable housing "
            "the assessment of their needs.",
            "The quality of return interviews.",
        ],
        id="nested dash sub-bullets belong to their item",
    ),
    pytest.param(
        "Recommendations\n"
        "5. Improve assessments by:\n"
        f"{B} including absent fathers\n"
        f"{B} analysing risk.\n"
        "6. Ensure that plans are reviewed on time.\n"
        "Summary for children and young people\n",
        [
            "Improve assessments by: including absent fathers analysing risk.",
            "Ensure that plans are reviewed on time.",
        ],
        id="bullets under a numbered item that ends with a colon",
    ),
    pytest.param(
        "What needs to improve in this area of social work practice?\n"
        f"{B} The timeliness of initial conferences.\n"
        f"{B} The quality of written plans for\n"
        "4 to 15 March 2030 3\n"
        "children on child protection plans.\n"
        "Ofsted\n"
        "Example House\n"
        "Sample Street\n"
        "Sampletown\n"
        "SA1 1AA\n"
        "T 0300 123 4567\n"
        "enquiries@example.gov.uk\n"
        "www.gov.uk/ofsted\n"
        f"{B} Management oversight of drift.\n"
        "Main findings\n"
        "Children are helped quickly.\n",
        [
            "The timeliness of initial conferences.",
            "The quality of written plans for children on child protection plans.",
            "Management oversight of drift.",
        ],
        id="item broken across a page footer; address block between items",
    ),
    pytest.param(
        "Leaders have a clear plan and the pace of change is steady. What needs to improve in "
        "this area of social work practice?\n"
        f"{B} The quality of assessments.\n"
        "Main findings\n",
        ["The quality of assessments."],
        id="heading re-flowed onto the end of the paragraph before",
    ),
    pytest.param(
        "What needs to improve in this area of social work practice The local authority needs "
        "to act on the following weaknesses at the front door:\n"
        f"{B} Delays in screening contacts.\n"
        f"{B} Consent from parents.\n"
        "Findings\n",
        ["Delays in screening contacts.", "Consent from parents."],
        id="introduction on the heading line, ending with a colon",
    ),
    pytest.param(
        "Areas for improvement\n"
        "Areas for improvement\n"
        "Leaders should improve how families are told about short breaks.\n"
        "Leaders should reduce waiting times for therapy\n"
        "Area inspection report: Sampletown, 1 to 5 May 2030 6 and for speech assessments.\n"
        "Local area partnership details\n"
        "Local authority Integrated care board\n",
        [
            "Leaders should improve how families are told about short breaks.",
            "Leaders should reduce waiting times for therapy and for speech assessments.",
        ],
        id="heading followed by prose paragraphs, one item each",
    ),
    pytest.param(
        "What needs to improve?\n"
        f"{B} The use of chronologies.\n"
        f"{B} The voice of children in their plans. The experiences and progress of children "
        "who need help and protection: requires improvement to be good\n"
        "1. Most children get help quickly.\n",
        ["The use of chronologies.", "The voice of children in their plans."],
        id="judgement heading glued to the last item",
    ),
    pytest.param(
        "Areas for priority action\n"
        f"{B} Understanding of thresholds by partners.\n"
        f"{B} The timeliness of strategy meetings. What needs to improve in this area of "
        "social work practice?\n"
        f"{B} Recording of visits.\n"
        "Main findings\n",
        [
            "Understanding of thresholds by partners.",
            "The timeliness of strategy meetings.",
            "Recording of visits.",
        ],
        id="priority actions then the improvement list, re-flowed together",
    ),
    pytest.param(
        "Recommendations\n"
        f"{B} Ensure that the board agrees its priorities.\n"
        "Review of the effectiveness of the LSCB\n"
        "What does the LSCB need to improve?\n"
        "Areas for improvement\n"
        "20. The board should publish its report.\n",
        ["Ensure that the board agrees its priorities."],
        id="first list only; the safeguarding board's list is not the authority's",
    ),
    pytest.param(
        "The council has made good progress.\nInspectors saw strong practice.\n",
        [],
        id="no list",
    ),
    pytest.param(
        "Areas for priority action\n"
        "The inspection did not find any areas for priority and immediate action.\n"
        "Areas for improvement\n"
        f"{B} The quality of plans for children in need.\n"
        f"{B} Supervision of frontline staff.\n"
        "Summary of findings\n"
        "Leaders know the service well.\n",
        ["The quality of plans for children in need.", "Supervision of frontline staff."],
        id="a 'did not find any areas' sentence is no item",
    ),
    pytest.param(
        "What needs to improve?\n"
        "Inspectors identified no areas for priority action.\n"
        f"{B} the timeliness of assessments\n"
        f"{B} the quality of plans\n"
        "Summary of findings\n",
        ["the timeliness of assessments", "the quality of plans"],
        id="lower-case bullet items; 'identified no areas' is no item",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_list_items(text: str, expected: list[str]) -> None:
    items = find_recommendations(text, inspection_report=True)
    assert [item.text for item in items] == expected
    for item in items:
        assert text[item.start : item.end].split()[0] == item.text.split()[0]


def test_recommendations_heading_is_not_a_list_in_council_papers() -> None:
    text = "Recommendations\n1. Note the contents of this report.\n2. Agree the plan.\n"
    assert find_recommendations(text, inspection_report=False) == []


def test_the_lsbc_heading_never_opens_a_list() -> None:
    text = "What does the LSCB need to improve?\n1. Ensure that the board meets.\n"
    assert find_recommendations(text) == []


def test_items_become_weakness_findings_with_evidence() -> None:
    text = (
        "Inspection of Sampletown local authority children's services\n"
        "Ofsted inspection report\n"
        "What needs to improve?\n"
        f"{B} The quality of supervision.\n"
        f"{B} The timeliness of assessments.\n"
        "Main findings\n"
    )
    doc = Document("d", "x.txt", "txt", text)
    found = [f for f in FindingExtractor(use_model=False).extract(doc) if f.is_recommendation]
    assert [f.text for f in found] == [
        "The quality of supervision.",
        "The timeliness of assessments.",
    ]
    for f in found:
        assert f.polarity == "weakness"
        assert f.section == "What needs to improve?"
        assert text[f.char_start : f.char_end] == f.quote


_LINE_PARTS = st.sampled_from(
    [
        "What needs to improve?",
        "what needs to be improved",
        "Areas for improvement",
        "AREAS FOR PRIORITY ACTION",
        "Priority and immediate action",
        "Recommendations",
        "The report. ",
        "Done! ",
        "(x) ",
        " ",
        "\u0130",
        "\u212a",
        "What",
        "W",
        "a",
    ]
)


@settings(max_examples=1500)
@given(st.lists(_LINE_PARTS, min_size=1, max_size=5).map("".join))
def test_heading_starts_keep_every_place_a_heading_matches(text: str) -> None:
    """Every offset where the plain scan (the line's start, then after each sentence end
    before "What") finds a heading is among `_heading_starts`."""
    plain = [0] + [m.end() for m in re.finditer(r"[.!?][\"')]?\s+(?=What\b)", text)]
    found = [
        o
        for o in plain
        if recommendations.OPENING.match(text[o:])
        or (o == 0 and recommendations.RECOMMENDATIONS.match(text))
    ]
    assert set(found) <= set(recommendations._heading_starts(text))


def test_an_inspection_reports_method_and_context_give_no_findings() -> None:
    """Regression (#20): sentences under "Information about this inspection" and the
    area's context ("Children living in this area") came out as findings."""
    from reportmine.extractors.findings import finding_candidates

    text = (
        "Information about this inspection\n"
        "Inspectors evaluated the experiences of children and were well supported by staff.\n"
        "Children living in this area\n"
        "Approximately 40,000 children live in the area and their outcomes are good.\n"
        "The experiences and progress of care leavers: good\n"
        "Personal advisers know young people well and support them effectively.\n"
    )
    sections = {c.section for c in finding_candidates(text)}
    assert sections == {"The experiences and progress of care leavers: good"}


@pytest.mark.parametrize(
    "sentence",
    [
        "There were no declarations of interest.",
        "There had been no requests for call-in.",
        "As there was not a quorum present the meeting stood adjourned for fifteen minutes.",
        "Councillor Bee requested that quarterly updates on progress were brought to Cabinet.",
        "Members asked whether the service had enough foster carers.",
        "Thanks were passed to officers for their support.",
        "Children's Services Improvement Quarterly Progress Report PDF 663 KB",
        "To outline how the council has supported children in care this year.",
        "How will the board know that practice has improved?",
    ],
)
def test_meeting_procedure_and_questions_are_no_finding_candidates(sentence: str) -> None:
    """#22: declarations, call-in, quorum, thanks, members' questions and requests, listed
    documents and an item's purpose came out of council minutes as findings."""
    from reportmine.extractors.findings import finding_candidates

    text = f"Minutes:\n{sentence}\nCaseloads are too high in the assessment teams.\n"
    found = [text[c.start : c.end] for c in finding_candidates(text)]
    assert found == ["Caseloads are too high in the assessment teams."]
