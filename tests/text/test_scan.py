"""The scanning shortcuts give exactly what plain regular expressions give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.text.scan import Anchored, folded

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
    pattern = Anchored(re.compile(r"\b(?:caseloads?|good)\b", re.IGNORECASE), ("caseload", "good"))
    plain = [m.span() for m in pattern.pattern.finditer(text)]
    assert [m.span() for m in pattern.finditer(text, low)] == plain
    assert pattern.found(text, low) == bool(plain) == pattern.found(text)
