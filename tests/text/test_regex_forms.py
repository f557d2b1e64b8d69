"""Faster forms of a pattern's source match exactly what the pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from reportmine.text.regex_forms import literal_led, top_level_alternatives
from tests.strategies import joined_texts


@pytest.mark.parametrize(
    ("pattern", "branches"),
    [
        (r"\ba\b|\bb", [r"\ba\b", r"\bb"]),
        (r"\bx\s+(?:y|z)\b|w", [r"\bx\s+(?:y|z)\b", "w"]),
        (r"[|]a|b", ["[|]a", "b"]),
        (r"\\|c", [r"\\", "c"]),
        ("a", ["a"]),
        ("", [""]),
    ],
)
def test_top_level_alternatives(pattern, branches):
    assert top_level_alternatives(pattern) == branches


@pytest.mark.parametrize(
    ("pattern", "led"),
    [
        (r"(?:is|are)\s+seen|in\s+place", r"is\s+seen|are\s+seen|in\s+place"),
        (r"(?:a|b)?c", r"(?:a|b)?c"),  # a quantified group stays
        (r"(?:a|b)*c|(?:a|b)+d|(?:a|b){2}e", r"(?:a|b)*c|(?:a|b)+d|(?:a|b){2}e"),
        (r"(?:(?:x|y)z|w)q", "xzq|yzq|wq"),  # nested leading groups
        (r"(?:|k)m", "m|km"),  # an empty branch keeps its place
        (r"(?=a)b|(a|b)c", r"(?=a)b|(a|b)c"),  # look-aheads and capturing groups stay
        (r"(?:a[)|]|b)c", r"a[)|]c|bc"),  # brackets in a class are not structure
        (r"(?:a\)|b)c", r"a\)c|bc"),
    ],
)
def test_literal_led(pattern, led):
    assert literal_led(pattern) == led


def test_an_unbalanced_group_is_an_error():
    with pytest.raises(ValueError, match="unbalanced"):
        literal_led("(?:a|b")


_PATTERNS = [
    r"\b(?:(?:is|are)\s+(?:seen|being\s+seen)|in\s+place|(?:a|an)\s+(?:good|goods?))\b",
    r"(?:(?:a|ab)|(?:abc|b))c",  # a shorter branch first: preference decides the match
    r"(?:x|xy)(?:y|yz)?z",
]


@settings(max_examples=1500)
@given(
    joined_texts(
        [
            "is",
            "are",
            "seen",
            "being",
            "in",
            "place",
            "a",
            "an",
            "good",
            "goods",
            "ab",
            "abc",
            "b",
            "c",
            "x",
            "y",
            "z",
            "xy",
            "yz",
            "  ",
            ",",
            "\u00e9",
        ],
        8,
    )
)
def test_literal_led_finds_the_same_matches(text):
    for pattern in _PATTERNS:
        led = re.compile(literal_led(pattern))
        assert [m.span() for m in led.finditer(text)] == [
            m.span() for m in re.finditer(pattern, text)
        ]
