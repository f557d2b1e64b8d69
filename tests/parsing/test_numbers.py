import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportmine.parsing.numbers import (
    NUMBER_WORD,
    NUMBER_WORDS_RE,
    parse_number,
    parse_number_words,
    parse_percent,
)

WORDS = {
    0: "zero",
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    13: "thirteen",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
}
TENS = {
    2: "twenty",
    3: "thirty",
    4: "forty",
    5: "fifty",
    6: "sixty",
    7: "seventy",
    8: "eighty",
    9: "ninety",
}


def to_words(n: int) -> str:
    if n < 20:
        return WORDS[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + WORDS[n % 10])
    rest = n % 100
    return WORDS[n // 100] + " hundred" + ("" if rest == 0 else " and " + to_words(rest))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234", 1234),
        ("1,234.5", 1234.5),
        ("21", 21),
        ("one", 1),
        ("two", 2),
        ("twenty-one", 21),
        ("two hundred and fifty", 250),
        ("a third", 1 / 3),
        ("three thousand", 3000),
        ("Fourteen", 14),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "many", "one two apples", "1.2.3", "£5"])
def test_parse_number_rejects(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("87%", 87.0),
        ("87 %", 87.0),
        ("87 per cent", 87.0),
        ("12.5 percent", 12.5),
        ("22 percent", 22.0),
    ],
)
def test_parse_percent(text, value):
    assert parse_percent(text) == value


@given(st.integers(min_value=0, max_value=999))
def test_number_words_round_trip(n):
    assert parse_number_words(to_words(n)) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_thousands_separators_round_trip(n):
    assert parse_number(f"{n:,}") == n


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize(
    "text",
    ["twenty-one", "Two Hundred and fifty", "\u017fix", "often ten", "1 one", "seventeen"]
    + ["someone", "TEN-\u017feven", "eleven  and twelve", "nine-ty", "Thousand"],
)
def test_number_words_match_as_the_plain_alternation(text, flags):
    """The look-ahead on first letters changes no match, with or without IGNORECASE."""
    plain = rf"(?:\b(?:{NUMBER_WORD})\b(?:(?:[\s-]+|\s+and\s+)\b(?:{NUMBER_WORD})\b)*)"
    fast, slow = re.compile(NUMBER_WORDS_RE, flags), re.compile(plain, flags)
    for at in range(len(text) + 1):
        a, b = fast.match(text, at), slow.match(text, at)
        assert (a and a.span()) == (b and b.span())
