from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.core.document import Document
from reportmine.extractors import actions as A
from reportmine.extractors.actions import ActionExtractor
from reportmine.text.scan import Span
from reportmine.text.segment import split_sentences


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
        # Work the service carries on is in progress, whether it "continues" or "will
        # continue" (regression: the plain form "continue to" was read as planned).
        (
            "We continue to recruit permanent social workers through the campaign.",
            [("planned_action", "in_progress")],
        ),
        (
            "The service will continue to review placement sufficiency each quarter.",
            [("planned_action", "in_progress")],
        ),
        (
            "Officers are continuing to support the recruitment campaign.",
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


# -- the anchored fast paths give exactly what the plain patterns give ------------------
_ANCHORED = [
    A._PLANNED_AT,
    A._IN_PROGRESS_AT,
    A._COMPLETED_AT,
    A._ACTION_WORDS_AT,
    A._DUE_AT,
]
# Words of the patterns (and near misses), the letters IGNORECASE treats specially,
# digits, months and separators: random sentences made of them hit every alternative.
# Phrases that match each alternative of the patterns, words that nearly do, the letters
# IGNORECASE treats specially, digits and months; each piece is cased at random.
_PHRASES = [
    "we will be reviewing",
    "would develop",
    "is planned",
    "are planned",
    "was planned",
    "plans to",
    "planned to",
    "to be launched",
    "about to be",
    "intended to",
    "aims to",
    "next steps",
    "were due to",
    "is scheduled to",
    "are expected to",
    "committed to",
    "is being piloted",
    "are now underway",
    "was ongoing",
    "were in progress",
    "is taking place",
    "are collaborating",
    "continue to",
    "continues to",
    "continued to",
    "continuing to",
    "remains in place",
    "remain in place",
    "work is ongoing",
    "work was ongoing",
    "there is also work",
    "there is work",
    "has been launched",
    "have been set up",
    "has been put in place",
    "have been stepped down",
    "we have developed",
    "council has established",
    "service have worked",
    "authority has reviewed",
    "board have commissioned",
    "team has created",
    "training",
    "review",
    "reviewed",
    "audit",
    "strategy",
    "recruitment",
    "implementing",
    "developments",
    "launches",
    "establishing",
    "introduced",
    "improvements",
    "forum",
    "panel",
    "programme",
    "framework",
    "workshop",
    "toolkit",
    "approach",
    "group",
    "meetings",
    "tracker",
    "consultation",
    "work",
    "savings",
    "controls",
    "action",
    "actions",
    "project",
    "scheme",
    "campaign",
    "supported",
    "assessment",
    "by June",
    "before 9th March 2024",
    "from the end of next quarter",
    "during this financial year",
    "in 2024/25",
    "at Q3",
    "until the next month",
    "within the end of December 2025",
    "by 12 May",
    "in Q5",
    "Claim",
    "teamwork",
    "network",
    "plan-ning",
    "within",
    "remains",
    "aim",
    "the",
    "\u0130s planned",
    "\u0131s being",
    "\u017fupport",
    "wor\u212a",
    "Work's",
    "2024",
]
_CASES = st.sampled_from([str, str.lower, str.upper, str.title, str.swapcase])
_SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", ". ", "-", "", "(", ")", "\u00a0"])
_SENTENCES = st.lists(st.tuples(_CASES, st.sampled_from(_PHRASES), _SEPARATORS), max_size=10).map(
    lambda parts: "".join(case(w) + s for case, w, s in parts)
)


def _corpus_sentences() -> list[str]:
    seeds = Path(__file__).resolve().parents[2] / "corpus" / "papers" / "seeds"
    out = []
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [text[s.start : s.end] for s in split_sentences(text)]
    return out


def _check_same(sentence: str) -> None:
    span = Span.of(sentence)
    for anchored in _ANCHORED:
        assert anchored.found(span) == bool(anchored.regex.search(sentence))
        plain = anchored.regex.search(sentence)
        fast = anchored.search(span)
        assert (fast and fast.span()) == (plain and plain.span())
    plain_status = next(
        (label for rx, label in A.STATUS_RULES if rx.regex.search(sentence)), None
    )
    assert A.status_of(sentence) == plain_status
    assert A.status_of(span) == plain_status
    assert A.due_of(span)[0] == (
        m.group(0) if (m := A.DUE_TEXT.search(sentence)) else None
    )
    assert (len(sentence.split(None, 4)) < 5) == (len(sentence.split()) < 5)


def test_anchored_patterns_match_plain_on_the_corpus_sentences() -> None:
    sentences = _corpus_sentences()
    assert len(sentences) > 100
    for sentence in sentences:
        _check_same(sentence)


@settings(max_examples=3000, deadline=None)
@given(_SENTENCES)
def test_anchored_patterns_match_plain_on_random_sentences(sentence: str) -> None:
    _check_same(sentence)


def decisions(text: str) -> list[tuple[str, str | None, str]]:
    found = ActionExtractor().extract(Document("d", "x", "txt", text))
    return [(a.kind, a.owner, a.quote) for a in found if a.kind != "planned_action"]


# Invented minutes in the layouts council committee sites print decision lists in.
DECISION_LISTS = [
    pytest.param(
        "Minutes:\nThe report was discussed.\nRESOLVED:\n\n  1. That the report on missing "
        "children be noted.\n\n  1. That the witnesses be thanked.\n",
        [("resolution", None, "That the report on missing children be noted."),
         ("resolution", None, "That the witnesses be thanked.")],
        id="RESOLVED on its own line, items numbered 1. 1.",
    ),
    pytest.param(
        "RECOMMENDED that the Cabinet Member:\n(1)  Notes the outturn position for 2016-17.\n"
        "(2)  Notes the budget pressures in the portfolio.\nReasons for the decision:\n"
        "The report explains the position.\n",
        [("recommendation", "Cabinet Member", "Notes the outturn position for 2016-17."),
         ("recommendation", "Cabinet Member", "Notes the budget pressures in the portfolio.")],
        id="recommendations addressed to a named body",
    ),
    pytest.param(
        "Decision:\nCabinet:\n1.    Approved the improvement partner arrangement; and\n"
        "2.    Agreed in principle to recruit the staff.\nReasons for the decision:\n"
        "There is a need to improve practice.\n",
        [("resolution", "Cabinet", "Approved the improvement partner arrangement"),
         ("resolution", "Cabinet", "Agreed in principle to recruit the staff.")],
        id="decision sheet with the deciding body on its own line",
    ),
    pytest.param(
        "RESOLVED \u2013 (a) That the findings of the visit be noted, and (b) That the new "
        "framework be noted.\n",
        [("resolution", None, "That the findings of the visit be noted"),
         ("resolution", None, "That the new framework be noted.")],
        id="lettered items on the marker's line",
    ),
    pytest.param(
        "(1)  That workload reports be added to the work programme.\n"
        "(2)  That the staff survey results be circulated to Members.\n"
        "Action:   Interim Strategic Director Children's Services\n"
        "The report was presented by the Deputy Director.\n",
        [("resolution", "Interim Strategic Director Children's Services",
          "That workload reports be added to the work programme."),
         ("resolution", "Interim Strategic Director Children's Services",
          "That the staff survey results be circulated to Members.")],
        id="resolutions whose marker the excerpt lacks, owner from an Action: line",
    ),
    pytest.param(
        "KEY DECISION: N\nDecision status: Recommendations Approved\nDecision Maker: Cabinet\n",
        [],
        id="decision sheet fields are no decisions",
    ),
]


@pytest.mark.parametrize(("text", "expected"), DECISION_LISTS)
def test_every_item_of_a_decision_list_is_its_own_action(text, expected):
    assert decisions(text) == expected


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("The Strategy sets out how the Council and partners will work together on placements.",
         "the Council and partners"),
        ("Ann Bee (Director of Children's Services) advised that more detail would be provided.",
         "Ann Bee (Director of Children's Services)"),
        ("Councillor Cee committed to being more open and said statements would be issued.",
         "Councillor Cee"),
        ("The Improvement Board would work to strengthen assurance.", "The Improvement Board"),
        ("Members were informed that officers were continuing to recruit social workers.",
         "officers"),
        ("It was hoped that there would be more opportunities to visit.", None),
        ("An action plan would be submitted to the board at its next meeting.", None),
        ("Work was being carried out to address the increase.", None),
        ("Pathway plan training is planned with an external provider.", None),
    ],
)
def test_a_planned_action_names_who_does_it(sentence, actor):
    _, verb_at = A.status_match(sentence)
    assert A.actor_of(sentence, verb_at) == actor


def test_a_decision_without_an_owner_is_the_meeting_bodys():
    from reportmine.batch.process import extract_document

    text = (
        "Meeting: 12/03/2024 - Cabinet Member for Children and Families (Item 4)\n"
        "RECOMMENDED that the Cabinet Member:\n(1)  Notes the outturn position for 2023-24.\n"
        "RESOLVED \u2013 That the report be noted.\n"
    )
    result = extract_document(Document("d", "x.txt", "txt", text))
    owners = {a.owner for a in result.records["actions"]}
    assert owners == {"Cabinet Member for Children and Families"}


def test_a_deadline_is_resolved_against_the_meetings_date():
    from reportmine.batch.process import extract_document

    text = (
        "Meeting: 15/06/2022 - Corporate Parenting Panel (Item 4)\nMinutes:\n"
        "The service will complete the pathway plan training by the end of June.\n"
    )
    [action] = extract_document(Document("d", "x.txt", "txt", text)).records["actions"]
    assert (action.due_text, action.due_date) == ("by the end of June", date(2022, 6, 30))
