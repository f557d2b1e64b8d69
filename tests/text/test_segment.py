import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.text import segment
from reportmine.text.segment import _letter_counts, sentence_spans, split_blocks, split_sentences

TEXT = (
    "2. RECOMMENDATIONS\n"
    "That the Executive Board:\n"
    "\u2022 Notes the report, e.g. the costs. Approves the plan.\n"
    "5.1 Performance Overview\n"
    "5.2 Caseloads are too high. Mr. Smith agreed.\n"
)


def test_headings_set_sections():
    blocks = split_blocks(TEXT)
    kinds = [b.kind for b in blocks]
    assert kinds == ["heading", "heading", "bullet", "heading", "numbered"]
    assert blocks[2].section == "That the Executive Board"
    assert blocks[4].section == "Performance Overview"
    assert blocks[4].label == "5.2"


def test_sentences_skip_abbreviations():
    sentences = [TEXT[s.start : s.end] for s in split_sentences(TEXT)]
    assert sentences == [
        "Notes the report, e.g. the costs.",
        "Approves the plan.",
        "Caseloads are too high.",
        "Mr. Smith agreed.",
    ]


def test_sentence_spans_are_offsets_into_text():
    text = "One. Two three. Four"
    assert [text[s:e] for s, e in sentence_spans(text, 0, len(text))] == [
        "One.",
        "Two three.",
        "Four",
    ]


@pytest.mark.parametrize(
    ("text", "n_sentences"),
    [
        ("Cllr. Smith chaired. The vote was taken.", 2),
        ("Services, e.g. Early Help, improved. Visits rose.", 2),
        ("The letter from J. Bloggs arrived. It was read.", 2),
        ("Visits rose. Caseloads fell.", 2),
        ("See para. 4 of the report. It explains.", 2),
        ("The meeting on 3 Jan. 2024 was quorate. Noted.", 2),
        ("Costs rose by 5.2 per cent. Noted.", 2),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, n_sentences: int) -> None:
    assert len(sentence_spans(text, 0, len(text))) == n_sentences


_HEADING_CHARS = st.sampled_from(list("Ab Z1.:\u00e9\u00c9\u24b6\u2160\u01c5"))


@settings(max_examples=2000)
@given(st.text(alphabet=_HEADING_CHARS, max_size=40))
def test_letter_counts_count_upper_case_letters_only(body: str) -> None:
    letters = [c for c in body if c.isalpha()]
    assert _letter_counts(body) == (len(letters), sum(c.isupper() for c in letters))


@settings(max_examples=3000)
@given(
    st.characters(),
    st.sampled_from(["1 Text", ") Text", ".1 Text", " Text", "Text", "v. Text", "i) x", ""]),
)
def test_numbered_prefilter_passes_every_body_the_pattern_numbers(first: str, tail: str) -> None:
    body = first + tail
    if segment._NUMBER_PREFIX.match(body):
        assert segment._may_be_numbered(body)


@pytest.mark.parametrize("body", ["1. Intro", "(a) Item", "iv) Item", "a) Item", "\u0661. Item"])
def test_numbered_bodies_pass_the_prefilter(body: str) -> None:
    assert segment._may_be_numbered(body) and segment._NUMBER_PREFIX.match(body)


_OLD_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _plain_is_abbreviation(text: str, dot: int) -> bool:
    """The end-anchored regex the backward scan replaces (its `$` also matches before a
    line break that ends the searched range)."""
    m = _OLD_WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in segment._ABBREVIATIONS or (len(word) == 1 and word.isalpha())


@settings(max_examples=3000)
@given(
    st.text(alphabet=st.sampled_from(list("abJ.\n Cllr.eg\u00e9\u0130K1")), max_size=60),
    st.integers(0, 70),
)
def test_abbreviation_scan_agrees_with_the_plain_regex(text: str, dot: int) -> None:
    dot = min(dot, len(text))
    assert segment._is_abbreviation(text, dot) == _plain_is_abbreviation(text, dot)


def test_a_full_stop_at_the_start_of_a_line_after_an_initial_ends_no_sentence() -> None:
    text = "Item one by J\n. Next thing Here."
    assert len(sentence_spans(text, 0, len(text))) == 1


def test_running_headers_are_no_section_and_no_sentence():
    """Regression (2026 Ofsted reports): the page header "11 to 22 May 2026 2" became the
    section of the sentences after it, and a sentence of its own."""
    pages = [
        "The experiences and progress of children in care: good\nChildren are seen often.",
        "11 to 22 May 2026 2\nPlans are clear and reviewed.",
        "11 to 22 May 2026 3\nCarers are well supported.",
        "11 to 22 May 2026 4\nThe experiences and progress of care leavers: good\n"
        "Young people get help.",
    ]
    sentences = split_sentences("\n".join(pages))
    assert [s.section for s in sentences] == [
        "The experiences and progress of children in care: good",
        "The experiences and progress of children in care: good",
        "The experiences and progress of children in care: good",
        "The experiences and progress of care leavers: good",
    ]


def test_a_dated_line_that_does_not_repeat_is_kept():
    text = "Meeting held 12 May 2026\nPlans are clear.\nReview on 3 June 2026\n"
    assert [b.kind for b in split_blocks(text)][:2] == ["heading", "paragraph"]
    assert segment.page_furniture(["Page 1 of 3", "Page 2 of 3", "Page 3 of 3", "x 1"]) == {
        "Page # of #"
    }


@pytest.mark.parametrize(
    "line",
    [
        "The experiences and progress of children who need help and protection: good",
        "The impact of leaders on social work practice with children and families: requires "
        "improvement to be good",
    ],
)
def test_graded_section_headings_are_headings_however_long(line):
    [block] = split_blocks(line)
    assert block.kind == "heading"


def test_a_running_header_glued_to_a_heading_is_cut_from_it():
    header = "30 September to 11 October 2024 and 13 to 16 January 2025 {}"
    text = "\n".join(
        [
            "Leaders know the service.",
            header.format(2),
            "Plans are clear.",
            header.format(3),
            "Carers are supported.",
            header.format(4),
            "Visits are regular.",
            header.format(5) + " The experiences and progress of care leavers: good",
            "Young people get help.",
        ]
    )
    blocks = split_blocks(text)
    heading = next(b for b in blocks if b.kind == "heading")
    assert text[heading.start : heading.end] == "The experiences and progress of care leavers: good"
    assert split_sentences(text)[-1].section == heading.section


def test_a_footnote_number_is_not_part_of_the_section():
    [sentence] = split_sentences("What needs to improve?1\nThe quality of plans.\n")
    assert sentence.section == "What needs to improve?"
