"""Prefilters a regular expression implies, read from its own parse tree.

Most rule patterns cannot match most sentences, and Python's `re` tries a pattern at
every character. Two facts about a pattern let a rule engine skip that work without
changing a single match, and both follow from the pattern's source:

* `needs`: groups of lower-case words such that every match holds one word of each
  group (`from`, then one of `%`/`cent`, for "from 10 to 12%");
* `anchors`: lower-case strings one of which every match begins with; the pattern
  need only be tried where one occurs.

Deriving them here, rather than writing them beside each pattern, means a rule cannot
be missed by a prefilter someone forgot to update. Anything the derivation cannot
follow (back-references, a leading `.` or `\\w`) simply gives no prefilter for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

try:  # the parser `re` itself uses; its home moved in Python 3.11
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_ANCHOR_LEN = 12  # longer anchors find no fewer places worth trying
MAX_ANCHORS = 96  # beyond this many, finding them costs more than it saves
MAX_CLASS = 4  # a character class of up to this many letters still anchors
MAX_GROUP = 32  # words in one `needs` group
MAX_NEEDS = 4  # groups tested per text

_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_LINE_STARTS = {sre.AT_BEGINNING, sre.AT_BEGINNING_LINE, sre.AT_BEGINNING_STRING}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_GROUPS = {sre.SUBPATTERN, getattr(sre, "ATOMIC_GROUP", sre.SUBPATTERN)}

Items = Sequence[tuple[Any, Any]]


@dataclass(frozen=True)
class Prefilter:
    """`anchors` None: a match may begin anywhere. `at_digits`: a match may also begin at
    any digit (`\\d`), besides the anchors."""

    needs: tuple[tuple[str, ...], ...] = ()
    anchors: tuple[str, ...] | None = None
    at_digits: bool = False


def derive(pattern: re.Pattern[str]) -> Prefilter:
    """The `needs` and `anchors` every match of `pattern` satisfies."""
    try:
        items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unusual pattern just gets no prefilter
        return Prefilter()
    needs = _best_needs(_needs(items))
    if items and items[0][0] is sre.AT and items[0][1] in _LINE_STARTS:
        return Prefilter(needs)  # `re` finds line starts itself, faster than any anchor
    starts = _prefixes(items)
    if starts is None or "" in starts or len(starts) > MAX_ANCHORS:
        return Prefilter(needs)
    if any(s[0].isspace() for s in starts):
        return Prefilter(needs)  # a match may begin at any space: places everywhere
    words = tuple(sorted(_shortest(starts - {DIGIT})))
    return Prefilter(needs, words, DIGIT in starts)


def _lower(code: int) -> str | None:
    low = chr(code).lower()
    return low if len(low) == 1 else None


# Stands, in a set of prefixes, for any character `\d` matches (any script's digit).
DIGIT = "\x00"


def _class_chars(av: Any) -> set[str] | None:
    """The lower-cased characters a class admits: a few literals, and DIGIT for `\\d`
    or `0-9`; None for anything wider."""
    chars: set[str] = set()
    for op, value in av:
        if (op is sre.CATEGORY and value is sre.CATEGORY_DIGIT) or (
            op is sre.RANGE and value == (ord("0"), ord("9"))
        ):
            chars.add(DIGIT)
        elif op is sre.LITERAL and (low := _lower(value)) is not None:
            chars.add(low)
        else:
            return None
    return chars if len(chars) <= MAX_CLASS else None


def _body(av: Any) -> list:
    """The items of a group (SUBPATTERN's last field, ATOMIC_GROUP's only one)."""
    return list(av[-1] if isinstance(av, tuple) else av)


def _prefixes(items: Items, limit: int = MAX_ANCHOR_LEN) -> set[str] | None:
    """Strings every match of `items` begins with; "" where a match may be empty or end
    there; None where a match may begin with something unknown."""
    if not items or limit <= 0:
        return {""}
    (op, av), rest = items[0], list(items[1:])
    if op in _ZERO_WIDTH:
        return _prefixes(rest, limit)
    if op is sre.LITERAL or op is sre.IN:
        if op is sre.LITERAL:
            low = _lower(av)
            chars = {low} if low else None
        else:
            chars = _class_chars(av)
        if not chars:
            return None
        if DIGIT in chars:  # a digit is a place to try; what follows it is not looked at
            return chars
        after = _prefixes(rest, limit - 1)
        if after is None or len(chars) * len(after) > MAX_ANCHORS:
            return chars
        # A digit after the first character ends the anchor there ("20" of "20\\d\\d").
        return {c + a.split(DIGIT, 1)[0] for c in chars for a in after}
    if op is sre.BRANCH:
        return _union(_prefixes(list(branch) + rest, limit) for branch in av[1])
    if op in _GROUPS:
        return _prefixes(_body(av) + rest, limit)
    if op in _REPEATS:
        low_count, high_count, body = av
        if high_count == 1:  # optional: the body and what follows, or what follows
            first = _prefixes(list(body) + rest, limit)
        else:  # repeated: what follows the first pass is unknown here
            first = _prefixes(list(body), limit)
            if first is not None and "" in first:
                return None
        if low_count >= 1:
            return first
        return _union([first, _prefixes(rest, limit)])
    return None


def _union(parts) -> set[str] | None:
    found: set[str] = set()
    for part in parts:
        if part is None:
            return None
        found |= part
    return found


def _shortest(starts: set[str]) -> set[str]:
    """The anchors without those another anchor begins (their places are its places)."""
    return {s for s in starts if not any(o != s and s.startswith(o) for o in starts)}


def _needs(items: Items) -> list[frozenset[str]]:
    """Groups of words, one of each in every match."""
    groups: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL and (low := _lower(av)) is not None:
            run += low
            continue
        if op is sre.AT:
            continue  # \b or ^ between two literals leaves them adjacent
        if op is sre.BRANCH and run and all(_lead(list(b)) for b in av[1]):
            # "c(?:ases|hildren)": the parser's factoring undone, "cases" or "children"
            groups.append(frozenset(run + _lead(list(b)) for b in av[1]))
        if run:
            groups.append(frozenset([run]))
            run = ""
        if op in _GROUPS:
            groups += _needs(_body(av))
        elif op in _REPEATS and av[0] >= 1:
            groups += _needs(list(av[2]))
        elif op is sre.BRANCH:
            per_branch = [_best_needs(_needs(list(b)), 1) for b in av[1]]
            if all(per_branch):
                words = frozenset(w for best in per_branch for w in best[0])
                if len(words) <= MAX_GROUP:
                    groups.append(words)
    if run:
        groups.append(frozenset([run]))
    return groups


def _lead(items: Items) -> str:
    """The literal characters a sequence of items begins with."""
    lead = ""
    for op, av in items:
        if op is not sre.LITERAL or (low := _lower(av)) is None:
            break
        lead += low
    return lead


def _best_needs(
    groups: list[frozenset[str]], keep: int = MAX_NEEDS
) -> tuple[tuple[str, ...], ...]:
    """The most telling groups (longest shortest word first), each as sorted words, a
    group implied by another (a word of it inside every word of the other) dropped."""
    groups = [frozenset(w for w in g if not any(o != w and o in w for o in g)) for g in groups]
    unique = sorted(set(groups), key=lambda g: (-min(map(len, g)), len(g), sorted(g)))
    kept: list[frozenset[str]] = []
    for group in unique:
        if any(all(any(w in o for w in group) for o in other) for other in kept):
            continue
        kept.append(group)
    return tuple(tuple(sorted(g)) for g in kept[:keep])
