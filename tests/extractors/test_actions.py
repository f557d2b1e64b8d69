import pytest

from reportmine.document import Document
from reportmine.extractors.actions import ActionExtractor


def actions(text: str):
    return [(a.kind, a.status) for a in ActionExtractor().extract(Document("d", "x", "txt", text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Staff raised the point. ACTION \u2013 add to action sheet", [("action_point", None)]),
        ("RESOLVED that the Committee hold an additional meeting.", [("resolution", None)]),
        (
            "Recommendations:\nCabinet is asked to:\n"
            "a) NOTE the forecast overspend of \u00a323.3m.\n"
            "b) AGREE the capital budget changes.",
            [("recommendation", None)] * 2,
        ),
        (
            "2. RECOMMENDATIONS\nThat the Executive Board:\n"
            "\u2022 Notes the contents of the report.",
            [("recommendation", None)],
        ),
        (
            "Pathway plan training is planned with an external provider.",
            [("planned_action", "planned")],
        ),
        (
            "A task and finish group is supporting a multi-agency approach to this issue.",
            [("planned_action", "in_progress")],
        ),
        (
            "A Leaving Care Forum for young people has been launched.",
            [("planned_action", "completed")],
        ),
        (
            "We will give parents information and advice about transition.",
            [("planned_action", "planned")],
        ),
        ("Decisions are timely and appropriate.", []),
        ("Caseloads are too high and too complex.", []),
    ],
)
def test_action_kinds_and_status(text, expected):
    assert actions(text) == expected


def test_inspection_reports_have_no_council_actions():
    text = (
        "Inspection of Anytown local authority children's services\n"
        "Inspection dates: 1 to 5 May 2023\nThe council will review its plans."
    )
    assert actions(text) == []


def test_due_text_and_date():
    [a] = ActionExtractor().extract(
        Document("d", "x", "txt", "All pathway plans will be reviewed by the end of June.")
    )
    assert a.due_text == "by the end of June"
