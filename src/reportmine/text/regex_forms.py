"""Rewrites of a regular expression's source that match exactly what it matches.

Rule patterns are written for people to read; Python's `re` is faster on some
equivalent forms. These functions work on the pattern text, so the rules stay as
written and the faster form is derived from them.
"""

from __future__ import annotations

from collections.abc import Iterator

_QUANTIFIERS = frozenset("?*+{")


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(offset, character, depth) of each character that is neither escaped nor in a
    character class; depth counts the groups open around it (a group's own brackets are
    outside it)."""
    depth, in_class, escaped = 0, False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth -= ch == ")"
            yield i, ch, depth
            depth += ch == "("


def top_level_alternatives(pattern: str) -> list[str]:
    """The pattern's `|` branches outside any group or character class."""
    cuts = [i for i, ch, depth in _structure(pattern) if ch == "|" and depth == 0]
    bounds = zip([-1, *cuts], [*cuts, len(pattern)], strict=True)
    return [pattern[start + 1 : end] for start, end in bounds]


def _group_end(pattern: str) -> int:
    """Offset of the `)` that closes the group `pattern` begins with."""
    for i, ch, depth in _structure(pattern):
        if ch == ")" and depth == 0:
            return i
    raise ValueError(f"unbalanced group in {pattern!r}")


def _multiplied_out(branch: str) -> list[str]:
    if not branch.startswith("(?:"):
        return [branch]
    end = _group_end(branch)
    rest = branch[end + 1 :]
    if rest[:1] in _QUANTIFIERS:  # (?:a|b)? and the like stay as they are
        return [branch]
    inner = branch[3:end]
    return [out for alt in top_level_alternatives(inner) for out in _multiplied_out(alt + rest)]


def literal_led(pattern: str) -> str:
    """The alternation with each leading non-capturing group multiplied out:
    `(?:is|are)\\s+seen|in\\s+place` becomes `is\\s+seen|are\\s+seen|in\\s+place`.

    Same matches with the same preference: `re` tries branches left to right, and a
    group's branches left to right each with what follows, which is the order of the
    multiplied-out branches. A branch that begins with a plain character is skipped by
    `re` at once where that character is not, instead of entering the group.
    """
    return "|".join(
        out for branch in top_level_alternatives(pattern) for out in _multiplied_out(branch)
    )
