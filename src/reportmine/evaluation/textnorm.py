"""Text normalisation and similarity for matching findings and actions.

Gold text is typed from the document, predictions come from a PDF text layer: the two
differ in case, whitespace, curly versus straight quotes, dash glyphs and the U+FFFE that
pypdfium2 leaves at a line-end hyphen. Normalising those away first means the contract's
`partial_ratio >= 80` threshold measures wording, not typography.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2212": "-", "\ufffe": "-", "\u00ad": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)
_WS = re.compile(r"\s+")

TEXT_THRESHOLD = 80.0  # contract: rapidfuzz partial_ratio >= 80
NAME_THRESHOLD = 85.0  # contract: committee names fuzzy >= 85


@lru_cache(maxsize=1 << 16)
def normalise(text: str | None) -> str:
    """Lower-case, quote- and dash-normalised, whitespace-collapsed text."""
    if not text:
        return ""
    return _WS.sub(" ", text.translate(_TRANSLATE)).strip().lower()


def text_similarity(a: str | None, b: str | None) -> float:
    """rapidfuzz partial_ratio (0-100) of the normalised texts; 0 when either is empty."""
    return normalised_similarity(normalise(a), normalise(b))


@lru_cache(maxsize=1 << 20)
def normalised_similarity(a: str, b: str) -> float:
    """`text_similarity` of two texts already normalised. Cached: training's
    cross-validation scores the same sentence pairs at every threshold of its sweep, and
    partial_ratio dominated its time without the cache."""
    if not a or not b:
        return 0.0
    return float(fuzz.partial_ratio(a, b))


def full_similarity(a: str | None, b: str | None) -> float:
    """rapidfuzz ratio (0-100) of the normalised texts: a tie-breaker and the name rule."""
    return normalised_ratio(normalise(a), normalise(b))


def normalised_ratio(a: str, b: str) -> float:
    """`full_similarity` of two texts already normalised."""
    if not a and not b:
        return 100.0
    if not a or not b:
        return 0.0
    return float(fuzz.ratio(a, b))


def span_overlap(a_start, a_end, b_start, b_end) -> float:
    """Share (0-1) of the LONGER span covered by the intersection; 0 without offsets.

    "Overlapping by half" is read as: the shared stretch is at least half of each span,
    so a paragraph-long prediction does not match every sentence inside it.
    """
    if None in (a_start, a_end, b_start, b_end):
        return 0.0
    inter = min(a_end, b_end) - max(a_start, b_start)
    longest = max(a_end - a_start, b_end - b_start)
    if inter <= 0 or longest <= 0:
        return 0.0
    return inter / longest


def same_name(a: str | None, b: str | None) -> bool:
    """Both null, or equal after normalisation (names of inspectors)."""
    return normalise(a).strip(" .,") == normalise(b).strip(" .,")
