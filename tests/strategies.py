"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st


def joined_texts(pieces: list[str], max_size: int) -> st.SearchStrategy[str]:
    """Texts made of `pieces`, joined by spaces or run together (words then form across
    the joins: what fast paths that look for whole words must survive)."""
    parts = st.lists(st.sampled_from(pieces), max_size=max_size)
    return parts.map(" ".join) | parts.map("".join)
