"""Caches that live for one document.

Several extractors ask the same question of the same sentence or heading (its cue
words, the inspection type it names): a cache answers the repeats. `extract_document`
empties these caches before every document. Answers carried over from other documents
would make a batch of near-copies, such as the generated papers of `make bench`, look
much faster than a real corpus, where sentences seldom repeat from paper to paper.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_CACHES: list[Any] = []


def per_document(maxsize: int = 4096) -> Callable[[F], F]:
    """`functools.lru_cache(maxsize)`, emptied by `new_document` (the bound matters only
    to callers outside a run, such as training, that never empty it)."""

    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def new_document() -> None:
    """Forget every answer about the previous document."""
    for cached in _CACHES:
        cached.cache_clear()
