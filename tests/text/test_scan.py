"""The scanning shortcuts give exactly what plain regular expressions give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.text import scan
from reportmine.text.scan import Pattern, Span, folded
from tests.strategies import joined_texts

_ALPHABET = st.sampled_from(
    list("Good caseLOADS are 18; Kk Ss Ii \u00e9\u0130\u0131\u017f\u212a\u00df")
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Caseloads ARE High", "caseloads are high"),
        ("Caf\u00e9 \u00c9t\u00e9", "caf\u00e9 \u00e9t\u00e9"),  # non-ASCII, lower() keeps offsets
        ("\u0130stanbul", None),  # dotted capital I lower-cases to two characters
        ("50 \u212a", None),  # the kelvin sign matches k case-insensitively
        ("caf\u00e9 \u0131", None),  # dotless i matches I case-insensitively
        ("\u00e9 mi\u017fs", None),  # long s matches s case-insensitively
        ("", ""),
    ],
)
def test_folded(text: str, expected: str | None) -> None:
    assert folded(text) == expected


@settings(max_examples=1000)
@given(st.text(alphabet=_ALPHABET, max_size=30))
def test_folded_text_keeps_offsets_and_case_insensitive_matches(text: str) -> None:
    low = folded(text)
    if low is None:
        return
    assert len(low) == len(text)
    pattern = Pattern(r"\b(?:caseloads?|good)\b", re.IGNORECASE)
    plain = [m.span() for m in pattern.regex.finditer(text)]
    assert [m.span() for m in pattern.finditer(Span(text, low))] == plain
    assert pattern.found(Span(text, low)) == bool(plain) == pattern.found(text)


_SPACED_PIECES = ["a", "bc", " ", "  ", "\n", "\t", "\xa0", "\u2009", "\x1c", "\u3000", "."]


@pytest.mark.parametrize(
    ("text", "count"),
    [("", 0), ("one", 1), ("one two", 2), (" one", 1), ("one  two", 2), ("a\xa0b c", 3)],
)
def test_word_count(text: str, count: int) -> None:
    assert scan.word_count(text) == count


@settings(max_examples=3000)
@given(joined_texts(_SPACED_PIECES, 12))
def test_word_count_is_the_number_of_split_words(text: str) -> None:
    assert scan.word_count(text) == len(text.split())


@settings(max_examples=3000)
@given(joined_texts(_SPACED_PIECES, 12), st.integers(min_value=1, max_value=6))
def test_has_words_at_least_is_a_split_count(text: str, n: int) -> None:
    assert scan.has_words_at_least(text, n) == (len(text.split()) >= n)
