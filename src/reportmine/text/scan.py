"""Running a regular expression faster with exactly the matches it gives (`Pattern`).

Most rule patterns cannot match most sentences, and Python's `re` tries a pattern at
every character. Two cheap facts avoid that work without changing a single match, and
`text.prefilter` reads both from the pattern itself:

* a word the pattern needs: a sentence whose lower-cased text lacks it has no match;
* the words a match must begin with: the pattern is tried only where one of them occurs.

Both are tested on `text.lower()`, which is only valid when case-insensitive matching
of ASCII letters and `str.lower()` agree on the text: `folded` returns None for the rare
text where they do not (dotted and dotless i, long s, the kelvin sign), and the helpers
then run the pattern the plain way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportmine.text.prefilter import derive

# The letters that IGNORECASE matching equates with an ASCII letter although
# str.lower() does not turn them into it (U+0130 also lower-cases to two characters).
CASE_SPECIAL = "\u0130\u0131\u017f\u212a"


def folded(text: str) -> str | None:
    """`text.lower()`, offset for offset, or None when words in it cannot be tested."""
    if text.isascii():  # the special letters are all outside ASCII; isascii is O(1)
        return text.lower()
    for letter in CASE_SPECIAL:  # four substring searches: faster than one regex scan
        if letter in text:
            return None
    return text.lower()


class Span(str):
    """A piece of text that carries its `folded` form, so that patterns tried on it do
    not lower-case it again. It is the text itself (a `str`); `slice` keeps the folded
    form for a part of it. The analysed document hands out its sentences as spans."""

    low: str | None

    def __new__(cls, text: str, low: str | None = None) -> Span:
        span = super().__new__(cls, text)
        span.low = low
        return span

    @classmethod
    def of(cls, text: str) -> Span:
        """`text` as a span (folded here, unless it already is one)."""
        return text if isinstance(text, Span) else cls(text, folded(text))

    def slice(self, start: int | None = None, end: int | None = None) -> Span:
        """`self[start:end]` with its folded form."""
        low = self.low[start:end] if self.low is not None else None
        return Span(str.__getitem__(self, slice(start, end)), low)


def fold(text: str) -> str | None:
    """`folded(text)`, taken from the span when `text` is one."""
    return text.low if isinstance(text, Span) else folded(text)


def has_words(low: str | None, *groups: Iterable[str]) -> bool:
    """True when `low` holds one word of every group (always True when `low` is None)."""
    if low is None:
        return True
    for group in groups:  # plain loops: this runs on every sentence, many times
        for word in group:
            if word in low:
                break
        else:
            return False
    return True


def word_positions(low: str, words: Iterable[str]) -> list[int]:
    """Every offset in `low` where one of `words` begins, ascending."""
    found: set[int] = set()
    for word in words:
        at = low.find(word)
        while at >= 0:
            found.add(at)
            at = low.find(word, at + 1)
    return sorted(found)


def search_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> re.Match[str] | None:
    """`pattern.search(text)` for a pattern whose matches begin only at `starts` (ascending)."""
    for start in starts:
        if m := pattern.match(text, start):
            return m
    return None


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """`list(pattern.finditer(text))` for a pattern whose matches begin only at `starts`
    (ascending) and are never empty."""
    found: list[re.Match[str]] = []
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            found.append(m)
            end = m.end()
    return found


class Pattern:
    """A compiled regular expression run with the prefilters its own source implies
    (`text.prefilter.derive`): the words every match holds, and the strings every match
    begins with. Same matches as the regex, found without trying it at every character.

    A `Span` passed in brings its folded form; other text is folded here.
    """

    __slots__ = ("anchors", "at_digits", "needs", "regex")

    def __init__(self, regex: re.Pattern[str] | str, flags: int = 0) -> None:
        if isinstance(regex, re.Pattern) and flags:
            raise ValueError("flags go with a pattern's source, not a compiled pattern")
        self.regex = regex if isinstance(regex, re.Pattern) else re.compile(regex, flags)
        prefilter = derive(self.regex)
        self.needs = prefilter.needs
        self.anchors = prefilter.anchors
        self.at_digits = prefilter.at_digits

    def __repr__(self) -> str:
        return f"Pattern({self.regex.pattern!r})"

    def may_match(self, low: str | None) -> bool:
        """False only when `low` lacks a word every match holds."""
        return has_words(low, *self.needs)

    def starts(self, low: str) -> list[int] | None:
        """Every place in `low` a match can begin, ascending; None: anywhere."""
        if self.anchors is None:
            return None
        places = word_positions(low, self.anchors)
        if self.at_digits:
            places = sorted({*places, *(m.start() for m in _DIGIT.finditer(low))})
        return places

    def search(self, text: str) -> re.Match[str] | None:
        """`regex.search(text)`."""
        low = fold(text)
        if low is None:
            return self.regex.search(text)
        if not self.may_match(low):
            return None
        places = self.starts(low)
        return self.regex.search(text) if places is None else search_at(self.regex, text, places)

    def found(self, text: str) -> bool:
        """`regex.search(text) is not None`, stopping at the first place that matches (any
        order will do: every match begins at one of the places)."""
        low = fold(text)
        if low is None:
            return self.regex.search(text) is not None
        if not self.may_match(low):
            return False
        if self.anchors is None:
            return self.regex.search(text) is not None
        match = self.regex.match
        for word in self.anchors:
            at = low.find(word)
            while at >= 0:
                if match(text, at):
                    return True
                at = low.find(word, at + 1)
        return self.at_digits and any(match(text, m.start()) for m in _DIGIT.finditer(low))

    def finditer(self, text: str) -> list[re.Match[str]]:
        """`list(regex.finditer(text))`."""
        low = fold(text)
        if low is None:
            return list(self.regex.finditer(text))
        if not self.may_match(low):
            return []
        places = self.starts(low)
        if places is None:
            return list(self.regex.finditer(text))
        return finditer_at(self.regex, text, places)


_DIGIT = re.compile(r"\d")


def word_count(text: str) -> int:
    """`len(text.split())`, without making the words when `text` is whitespace-collapsed.

    A printable text holds no whitespace but " " (every other space character is a
    separator or a control character, which `isprintable` refuses); when no two spaces
    are adjacent and none is at an end, there is one word more than there are spaces.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text.count(" ") + 1 if text else 0
    return len(text.split())


def has_words_at_least(text: str, n: int) -> bool:
    """`len(text.split()) >= n` (n >= 1), splitting off no more than n words."""
    return len(text.split(None, n - 1)) >= n


def keep_table(keep: bytes) -> bytes:
    """A `bytes.translate` table that keeps the bytes of `keep` and turns every other
    byte into a space."""
    return bytes(b if b in keep else 32 for b in range(256))


def ascii_bytes(text: str, table: bytes) -> bytes:
    """`text` as one byte per character, "?" for each one outside ASCII (so offsets are
    kept), translated by `table`: what `bytes.split` and `bytes.find` then scan in C."""
    return text.encode("ascii", "replace").translate(table)
