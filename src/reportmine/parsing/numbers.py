"""Numbers as councils write them: digits with separators, words, fractions, percentages."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
FRACTIONS = {
    "half": 0.5,
    "a half": 0.5,
    "one half": 0.5,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "two thirds": 2 / 3,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "three quarters": 0.75,
    "a fifth": 0.2,
    "one fifth": 0.2,
}
NUMBER_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
# Each number word behind a look-ahead on the letters number words begin with: the same
# matches (a word can only match where its first letter is, in any case), but a digit or
# another word fails at one test instead of at each of the ~30 alternatives.
_NUMBER_WORD_AT = (
    "(?=[" + "".join(sorted({w[0] for w in [*UNITS, *TENS, *SCALES]})) + rf"])(?:{NUMBER_WORD})"
)
# A run of number words, e.g. "twenty-one", "two hundred and fifty"; used by extractors.
NUMBER_WORDS_RE = rf"(?:\b{_NUMBER_WORD_AT}\b(?:(?:[\s-]+|\s+and\s+)\b{_NUMBER_WORD_AT}\b)*)"
FRACTION_RE = r"\b(?:" + "|".join(sorted(FRACTIONS, key=len, reverse=True)) + r")\b"

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def parse_number(text: str) -> float:
    """'1,234.5' -> 1234.5; also words ('twenty-one') and fractions ('a third').

    Raises ValueError when the text is not a number.
    """
    cleaned = text.strip().replace("\u2212", "-")
    if _DIGITS.match(cleaned):
        return float(cleaned.replace(",", ""))
    lowered = cleaned.lower()
    if lowered in FRACTIONS:
        return FRACTIONS[lowered]
    return float(parse_number_words(lowered))


def parse_number_words(text: str) -> int:
    """'two hundred and fifty' -> 250, 'twenty-one' -> 21. Raises ValueError otherwise."""
    tokens = [t for t in re.split(r"[\s-]+", text.strip().lower()) if t and t != "and"]
    if not tokens:
        raise ValueError(f"not a number: {text!r}")
    total = current = 0
    for token in tokens:
        if token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in SCALES:
            total += max(current, 1) * SCALES[token]
            current = 0
        else:
            raise ValueError(f"not a number: {text!r}")
    return total + current


_PERCENT = re.compile(
    r"^\s*([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?:%|per\s*cent|percent|pc)\s*$",
    re.IGNORECASE,
)


def parse_percent(text: str) -> float:
    """'87%' / '87 per cent' / '12.5 percent' -> 87.0 / 87.0 / 12.5."""
    m = _PERCENT.match(text)
    if not m:
        raise ValueError(f"not a percentage: {text!r}")
    return float(m.group(1).replace(",", ""))
