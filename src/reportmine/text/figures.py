"""Where a document's figures may be: digits, £ and % signs, number and fraction words.

Most sentences state no quantity; the metrics rules run only on those that may. The
analysed document builds a `FigureIndex` once from scans of the whole text, which answer
for each sentence at the cost of a byte search and a bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from reportmine.parsing.numbers import SCALES, TENS, UNITS

NUMBER_WORDS = frozenset([*UNITS, *TENS, *SCALES])
FRACTION_WORDS = frozenset(["half", "third", "quarter"])
_FIGURE_WORDS = NUMBER_WORDS | FRACTION_WORDS
_DIGIT_OR_SIGN = re.compile(r"[\d£%]")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[a-z]+")
_ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
# The figure words less those another begins ("four" finds "fourteen" too): each word is
# found by the one of these it begins with.
_FIGURE_PREFIXES = tuple(
    sorted(
        w.encode()
        for w in _FIGURE_WORDS
        if not any(o != w and w.startswith(o) for o in _FIGURE_WORDS)
    )
)
_NUMBER_BYTES = frozenset(w.encode() for w in NUMBER_WORDS)
_FRACTION_BYTES = frozenset(w.encode() for w in FRACTION_WORDS)
_LETTER_RUN = re.compile(rb"[a-z]+")
# One byte per character of `str.encode("ascii", "replace")`: "#" for a digit, "%" and
# "?" (which stands for every non-ASCII character, £ and non-ASCII digits among them).
_SIGN_TABLE = bytes(35 if chr(b) in "0123456789%?" else 46 for b in range(256))


def may_hold_figure(text: str) -> bool:
    """Cheap test of one text: digits, £, % or a number word."""
    if _DIGIT_OR_SIGN.search(text):
        return True
    return not _FIGURE_WORDS.isdisjoint(_WORD.findall(text.lower()))


def figure_words(data: bytes) -> tuple[list[int], list[int]]:
    """Where in `data` (ASCII bytes) a maximal run of [a-z] that is a number word, and one
    that is a fraction word, begins: each run found by the prefix it begins with."""
    numbers: list[int] = []
    fractions: list[int] = []
    for prefix in _FIGURE_PREFIXES:
        at = data.find(prefix)
        while at >= 0:
            if at == 0 or not 97 <= data[at - 1] <= 122:
                word = _LETTER_RUN.match(data, at).group()  # type: ignore[union-attr]
                if word in _NUMBER_BYTES:
                    numbers.append(at)
                elif word in _FRACTION_BYTES:
                    fractions.append(at)
            at = data.find(prefix, at + 1)
    numbers.sort()
    fractions.sort()
    return numbers, fractions


class FigureIndex:
    """`may_hold_figure` and the digits' places for the sentences of one document.

    `low` is the document's `folded` text: str.lower() keeps every offset and changes no
    digit, £ or %, so the digits and signs of a sentence are those of `text[start:end]`,
    and `low[start:end]` has the ASCII letters of `text[start:end].lower()` (the two can
    differ only in a final sigma). A sentence's [a-z] runs are then the document's runs
    that begin inside it, unless a run crosses one of its ends: `crosses` says when, and
    such a sentence is tested the plain way.
    """

    def __init__(self, text: str, low: str) -> None:
        self.text, self.low = text, low
        # One byte per character, each non-ASCII one a "?": the same [a-z] runs, digits
        # and "%" at the same offsets, and a "?" wherever a £ or non-ASCII digit may be.
        data = low.encode("ascii", "replace")
        self.signs = data.translate(_SIGN_TABLE)
        self.numbers, self.fractions = figure_words(data)

    def crosses(self, start: int, end: int) -> bool:
        low = self.low
        n = len(low)
        return (
            0 < start < n and low[start - 1] in _ASCII_LOWER and low[start] in _ASCII_LOWER
        ) or (0 < end < n and low[end - 1] in _ASCII_LOWER and low[end] in _ASCII_LOWER)

    def may_hold(self, start: int, end: int) -> bool:
        """`may_hold_figure(text[start:end])` for a sentence no run crosses."""
        signs = self.signs
        at = signs.find(b"#", start, end)
        while at >= 0:  # a digit or sign, or a non-ASCII character to look at
            if _DIGIT_OR_SIGN.match(self.text, at):
                return True
            at = signs.find(b"#", at + 1, end)
        for words in (self.numbers, self.fractions):
            i = bisect_left(words, start)
            if i < len(words) and words[i] < end:
                return True
        return False

    def digits(self, start: int, end: int) -> list[int]:
        """Where the digits of `low[start:end]` are, relative to `start`."""
        return [m.start() - start for m in _DIGIT.finditer(self.low, start, end)]
