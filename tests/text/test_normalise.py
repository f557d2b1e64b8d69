import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.text.normalise import (
    BULLET,
    AtLineStarts,
    clean_text,
    dehyphenate,
    drop_page_number_lines,
    reflow_lines,
    repeated_margin_lines,
    tidy_whitespace,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<b>REPORT OF:</b>\tExecutive", "REPORT OF: Executive"),
        ("DATE:\t9 <sup>th</sup> June 2022", "DATE: 9th June 2022"),
        ("**SUBJECT: Update**", "SUBJECT: Update"),
        ("## 1. EXECUTIVE SUMMARY", "1. EXECUTIVE SUMMARY"),
        ("#### **4. KEY ISSUES & RISKS**", "4. KEY ISSUES & RISKS"),
        ("| a | b |\n|---|---|\n| c | d |", "a b\nc d"),
        ("  \u2022 item one\n  - item two", f"{BULLET} item one\n{BULLET} item two"),
        (
            "the front\u00a0door \u2018works\u2019 \u201cwell\u201d",
            "the front door 'works' \"well\"",
        ),
        ("a\n\n\n\nb", "a\n\nb"),
        ("\u00a0\nText  with   spaces  ", "Text with spaces"),
        ("Fees &amp; charges", "Fees & charges"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "joined"),
    [
        ("key decision\ufffemaking panels", "key decision-making panels"),
        ("the decisionmaking and decision\ufffemaking", "the decisionmaking and decisionmaking"),
        ("pre-\nproceedings work", "pre-proceedings work"),
        ("the assess-\nment was late; assessment", "the assessment was late; assessment"),
    ],
)
def test_dehyphenate(raw, joined):
    assert dehyphenate(raw) == joined


def test_page_numbers_dropped_at_either_end():
    assert drop_page_number_lines(["2", "Text here", "3"], 2) == ["Text here"]
    assert drop_page_number_lines(["Page 4 of 9", "Text"], 4) == ["Text"]
    # A number far from the page number is content, not a footer.
    assert drop_page_number_lines(["87", "Text"], 2) == ["87", "Text"]


def test_repeated_headers_found():
    pages = [["Official", f"body {i}", "Footer text"] for i in range(4)]
    assert repeated_margin_lines(pages) == {"Official", "Footer text"}


def test_reflow_joins_wrapped_lines_and_keeps_list_items():
    lines = [
        "This is a long line of a paragraph that wraps onto the",
        "next line of the page and ends here.",
        "\u2022 first item of a list that is also long enough to wrap",
        "\u2022 second item",
        "16 to 17 year olds who present as homeless are not well served by the",
    ]
    text = reflow_lines(lines)
    assert "wraps onto the next line" in text
    assert text.count("\n") == 3
    assert "\n16 to 17" in text  # a new line after a short list item


# -- the plain-string and newline-led forms give what the regex forms give -------------
_REGEX_TIDY = [  # tidy_whitespace as regex substitutions, in its order
    (re.compile(r"[ ]{2,}"), " "),
    (re.compile(r"[ ]+$", re.MULTILINE), ""),
    (re.compile(r"^[ ]+", re.MULTILINE), ""),
    (re.compile(r"\n{3,}"), "\n\n"),
]
_WHITESPACE_TEXTS = st.text(alphabet=" \nx#-o*\u2022\\", max_size=40)


def _regex_tidy(text: str) -> str:
    for pattern, repl in _REGEX_TIDY:
        text = pattern.sub(repl, text)
    return text.strip("\n ")


@pytest.mark.parametrize(
    "text",
    ["", " ", "a  b", "a   \n  b", "  \n\n\n\n x ", "a \n \n \n b", "x" + " " * 9 + "y\n" * 7],
)
def test_tidy_whitespace_is_the_regex_substitutions(text):
    assert tidy_whitespace(text) == _regex_tidy(text)


@settings(max_examples=2000, deadline=None)
@given(_WHITESPACE_TEXTS)
def test_tidy_whitespace_is_the_regex_substitutions_on_random_texts(text):
    assert tidy_whitespace(text) == _regex_tidy(text)


_LINE_BODIES = [r"[ ]*#{1,6}[ ]*", r"[ ]*(?:[\u2022o*]|-(?!-))[ ]+(?=\S)", r"x+$"]


@pytest.mark.parametrize(
    ("body", "text", "repl"),
    [
        (_LINE_BODIES[0], "# a\n## b\n  ### c\nd # e\n#", ""),
        (_LINE_BODIES[1], "- a\n  o b\n-- c\n\n* d\n-\n- ", "\u2022 "),
        (_LINE_BODIES[2], "xx\nx\nax\nxxx", "\\1"),
    ],
)
def test_at_line_starts_subs_as_the_multiline_pattern(body, text, repl):
    assert AtLineStarts(body).sub(repl, text) == re.compile("^" + body, re.M).sub(
        repl.replace("\\", "\\\\"), text
    )


@settings(max_examples=2000, deadline=None)
@given(st.sampled_from(_LINE_BODIES), _WHITESPACE_TEXTS, st.sampled_from(["", "\u2022 ", "\\"]))
def test_at_line_starts_subs_as_the_multiline_pattern_on_random_texts(body, text, repl):
    plain = re.compile("^" + body, re.M).sub(repl.replace("\\", "\\\\"), text)
    assert AtLineStarts(body).sub(repl, text) == plain
