"""Money as council papers write it: £906,000, £923k, £4.3m, £2bn, £1.2-1.5 million, (£120k)."""

from __future__ import annotations

import re
from dataclasses import dataclass

MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "000s": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = r"bn|billion|millions?|mn|m|k|thousand"
# Used by extractors to find candidates; parse_money turns a match into numbers.
# Between the ends of a range: a dash or "to"; a hyphen with a space before it and none
# after is the next amount's minus sign ("-£1,290,972 -£213,723": two table columns).
_RANGE_MARK = r"(?:-\s?|\s-\s|\s?[\u2013\u2014]\s?|\s?to\s?)"
MONEY_RE = re.compile(
    rf"(?P<neg>[-\u2212(]\s*)?£\s?(?P<a>{_NUM})\s?(?P<ma>{_MULT})?\b"
    rf"(?:{_RANGE_MARK}£?\s?(?P<b>{_NUM})\s?(?P<mb>{_MULT})?\b)?"
    r"(?P<close>\))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Money:
    value: float
    value_max: float | None = None
    negative: bool = False


def _scaled(number: str, mult: str | None) -> float:
    value = float(number.replace(",", ""))
    return value * MULTIPLIERS[mult.lower()] if mult else value


def parse_money(text: str) -> Money:
    """Parse one money expression; a range gives value and value_max.

    In a range the multiplier written once applies to both ends ("£1.2-1.5 million").
    Raises ValueError when the text is not money.
    """
    m = MONEY_RE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"not money: {text!r}")
    return money_from_match(m)


def money_from_match(m: re.Match[str]) -> Money:
    mult_a, mult_b = m.group("ma"), m.group("mb")
    if m.group("b") and not mult_a:
        mult_a = mult_b
    value = _scaled(m.group("a"), mult_a)
    value_max = _scaled(m.group("b"), mult_b or mult_a) if m.group("b") else None
    neg = m.group("neg") or ""
    negative = neg.strip() in ("-", "\u2212") or (neg.strip() == "(" and bool(m.group("close")))
    return Money(value=value, value_max=value_max, negative=negative)
