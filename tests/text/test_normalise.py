import pytest

from reportmine.text.normalise import (
    BULLET,
    clean_text,
    dehyphenate,
    drop_page_number_lines,
    reflow_lines,
    repeated_margin_lines,
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
