"""Prefilters derived from a pattern's own source never change what it matches."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportmine.extractors import actions, document_fields, inspections, metrics
from reportmine.text.prefilter import derive
from reportmine.text.scan import Pattern, Span, folded


@pytest.mark.parametrize(
    ("pattern", "needs", "anchors", "at_digits"),
    [
        (r"\bfrom\s+\d+\s+to\s+\d+", (("from",), ("to",)), ("from",), False),
        (r"caseloads?|good", (("caseload", "good"),), ("caseload", "good"), False),
        # the parser factors "c" out of "cases|children": the needs put it back
        (r"(?:cases|children)\s+per", (("cases", "children"), ("per",)), ("cases", "children"),
         False),
        (r"(?:FY\s?)?20\d\d", (("20",),), ("20", "fy"), False),  # a digit ends an anchor
        (r"\d+%", (("%",),), (), True),
        (r"(?:one|\d)\s+child", (("child",),), ("one",), True),
        (r"(?i:Lead)\s+inspector", (("inspector",), ("lead",)), ("lead",), False),
        (r"^\s*Minutes", (("minutes",),), None, False),  # whitespace first: anywhere
        (r"\w+ly\b", (("ly",),), None, False),
        (r"(?:a|b)?c", (("c",),), ("ac", "bc", "c"), False),
        (r"x*", (), None, False),  # may match empty: no anchors
        # a match at a line start: `re` finds those itself
        (r"(?m)^[ \t]*Meeting:", (("meeting:",),), None, False),
        # a match may begin at any space: anchors would be everywhere
        (r"[ \t]*Meeting:", (("meeting:",),), None, False),
    ],
)
def test_derive(pattern, needs, anchors, at_digits):
    derived = derive(re.compile(pattern, re.IGNORECASE))
    assert derived.needs == needs
    assert derived.anchors == anchors
    assert derived.at_digits == at_digits


def _patterns(value: object) -> Iterator[Pattern]:
    if isinstance(value, Pattern):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _patterns(item)
    elif isinstance(value, metrics.MetricRule):
        yield value.matcher


# Every prefiltered pattern the extractors define.
EVERY_PATTERN = [
    p
    for module in (actions, document_fields, inspections, metrics)
    for value in vars(module).values()
    for p in _patterns(value)
]
_NOISE = ["", " ", "  ", "\n", ", ", ". ", "-", "(", ")", "%", "\u00a3", "7", "2023",
          "one", "the", "The", "\u0130", "\u212a", "\u017f", "x"]


@st.composite
def _texts_near(draw, pattern: Pattern) -> str:
    """Texts made of matches of the pattern, its own words, cased at random, and noise."""
    words = [w for group in pattern.needs for w in group] + list(pattern.anchors or ())
    pieces = draw(st.lists(st.one_of(
        st.from_regex(pattern.regex, fullmatch=True).map(lambda s: s[:200]),
        st.sampled_from(words or ["x"]),
        st.sampled_from(_NOISE),
    ), max_size=6))
    cases = draw(st.lists(st.sampled_from([str, str.upper, str.title, str.lower]),
                          min_size=len(pieces), max_size=len(pieces)))
    joints = draw(st.lists(st.sampled_from(["", " ", "\n"]), min_size=len(pieces),
                           max_size=len(pieces)))
    return "".join(c(p) + j for c, p, j in zip(cases, pieces, joints, strict=True))


def test_every_extractor_pattern_is_collected():
    assert len(EVERY_PATTERN) >= 40


@pytest.mark.slow
@pytest.mark.parametrize("pattern", EVERY_PATTERN, ids=lambda p: p.regex.pattern[:40])
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_prefiltered_pattern_finds_what_its_regex_finds(pattern, data):
    text = data.draw(_texts_near(pattern))
    plain = [m.span() for m in pattern.regex.finditer(text)]
    low = folded(text)
    assert [m.span() for m in pattern.finditer(Span(text, low))] == plain
    assert [m.span() for m in pattern.finditer(text)] == plain
    first = pattern.search(Span(text, low))
    assert (first.span() if first else None) == (plain[0] if plain else None)
    assert pattern.found(text) == bool(plain)
    if low is not None and not pattern.may_match(low):
        assert not plain
