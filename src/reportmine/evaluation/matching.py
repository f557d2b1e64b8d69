"""The contract's rules for pairing predictions with gold rows within one document.

Every table uses the same one-to-one greedy assignment: score every admissible
(gold, prediction) pair, then take pairs best score first, skipping any whose gold row or
prediction is already taken. Ties fall to the earlier gold row, then the earlier
prediction, so results are reproducible. Only the admissibility test and the score differ
per table (contract.md, "How a prediction is matched to a gold annotation").
"""

from __future__ import annotations

import math
import re
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from reportmine.core.models import TABLE_MODELS
from reportmine.evaluation.textnorm import (
    NAME_THRESHOLD,
    TEXT_THRESHOLD,
    full_similarity,
    normalise,
    normalised_ratio,
    normalised_similarity,
    same_name,
    span_overlap,
    text_similarity,
)

REL_TOLERANCE = 0.005  # contract: values equal within 0.5 % (exact for counts)
SPAN_THRESHOLD = 0.5  # contract: evidence spans overlapping by half


@dataclass(frozen=True)
class Pair:
    gold: int
    pred: int
    slot: str = "value"  # metrics only: "value" or "value_max" (a range's upper bound)


def greedy(
    n_gold: int,
    slots: Sequence[tuple[int, str]],
    score: Callable[[int, int], tuple | None],
) -> list[Pair]:
    """One-to-one greedy assignment of gold rows to prediction slots by best score.

    `slots` lists (prediction index, slot name); `score(gold_i, slot_i)` returns a sortable
    tuple for an admissible pair, or None.
    """
    candidates = []
    for gi in range(n_gold):
        for si in range(len(slots)):
            s = score(gi, si)
            if s is not None:
                candidates.append((s, gi, si))
    return assign(candidates, slots)


def assign(candidates: list[tuple], slots: Sequence[tuple[int, str]]) -> list[Pair]:
    """`greedy`'s assignment, given every admissible (score, gold_i, slot_i)."""
    candidates.sort(key=lambda c: (c[0], -c[1], -c[2]), reverse=True)
    used_gold: set[int] = set()
    used_slot: set[int] = set()
    pairs = []
    for _, gi, si in candidates:
        if gi in used_gold or si in used_slot:
            continue
        used_gold.add(gi)
        used_slot.add(si)
        pairs.append(Pair(gi, slots[si][0], slots[si][1]))
    return sorted(pairs, key=lambda p: (p.gold, p.pred))


# ---- values -------------------------------------------------------------------------

def as_float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def as_iso(value: Any) -> str | None:
    """A date as ISO text; None for null/NaN; other text passed through stripped."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value).strip()
    return text[:10] if len(text) >= 10 and text[4:5] == "-" else (text or None)


def as_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def value_error(gold: float, pred: float, unit: str | None) -> float | None:
    """Relative error of the magnitudes if within tolerance, else None (exact for counts)."""
    g, p = abs(gold), abs(pred)
    if unit == "count" or g == 0:
        return 0.0 if math.isclose(g, p, rel_tol=0, abs_tol=1e-9) else None
    err = abs(g - p) / g
    return err if err <= REL_TOLERANCE + 1e-12 else None


def values_agree(gold: Any, pred: Any, unit: str | None = None) -> bool:
    """Attribute check (previous_value): both null, or equal within the same tolerance."""
    g, p = as_float(gold), as_float(pred)
    if g is None or p is None:
        return g is None and p is None
    return value_error(g, p, unit) is not None


# ---- metrics ------------------------------------------------------------------------

def metric_slots(preds: Sequence[dict]) -> list[tuple[int, str]]:
    """Each prediction's value, plus its value_max as a slot that may match its own gold row."""
    slots: list[tuple[int, str]] = []
    for i, p in enumerate(preds):
        slots.append((i, "value"))
        vmax, v = as_float(p.get("value_max")), as_float(p.get("value"))
        if vmax is not None and (v is None or not math.isclose(vmax, v)):
            slots.append((i, "value_max"))
    return slots


def match_metrics(gold: Sequence[dict], preds: Sequence[dict]) -> list[Pair]:
    """Same unit and value within 0.5 % (exact for counts); ties go to the same metric
    name, then the closer quote, then the prediction's main value over its value_max."""
    slots = metric_slots(preds)

    def score(gi: int, si: int) -> tuple | None:
        g = gold[gi]
        pi, slot = slots[si]
        p = preds[pi]
        unit = as_text(g.get("unit"))
        if unit != as_text(p.get("unit")):
            return None
        gv, pv = as_float(g.get("value")), as_float(p.get(slot))
        if gv is None or pv is None:
            return None
        err = value_error(gv, pv, unit)
        if err is None:
            return None
        same_metric = as_text(g.get("metric")) == as_text(p.get("metric"))
        quote_sim = text_similarity(g.get("quote"), p.get("quote")) if g.get("quote") else 0.0
        return (round(-err, 9), same_metric, quote_sim, slot == "value")

    return greedy(len(gold), slots, score)


# ---- findings and actions -----------------------------------------------------------

def row_text(row: dict) -> str | None:
    return as_text(row.get("text")) or as_text(row.get("quote"))


def _text_keys(rows: Sequence[dict], same: Sequence[str]) -> list[tuple]:
    """What the text rule reads of each row (normalised text, span or None, the `same`
    fields), read once per row rather than once per pair."""
    keys = []
    for r in rows:
        span = (r.get("char_start"), r.get("char_end"))
        agree = tuple(as_text(r.get(f)) for f in same)
        keys.append((normalise(row_text(r)), span if None not in span else None, agree))
    return keys


def match_text(
    gold: Sequence[dict], preds: Sequence[dict], same: Sequence[str] = ()
) -> list[Pair]:
    """Findings/actions text rule: admissible when the normalised texts reach
    partial_ratio >= 80 or the evidence spans overlap by half; best similarity first,
    then the closer full ratio. `same` names fields that must also agree (strict F1).

    `greedy` with the pair loop written out: training scores millions of pairs with it."""
    p_keys = list(enumerate(_text_keys(preds, same)))
    candidates = []
    for gi, (g_text, g_span, g_same) in enumerate(_text_keys(gold, same)):
        for si, (p_text, p_span, p_same) in p_keys:
            if g_same != p_same:
                continue
            sim = normalised_similarity(g_text, p_text)
            overlap = span_overlap(*g_span, *p_span) if g_span and p_span else 0.0
            if sim >= TEXT_THRESHOLD or overlap >= SPAN_THRESHOLD:
                score = (max(sim, 100.0 * overlap), normalised_ratio(g_text, p_text))
                candidates.append((score, gi, si))
    return assign(candidates, [(i, "value") for i in range(len(preds))])


# ---- inspections --------------------------------------------------------------------

INSPECTION_ATTRIBUTES = (
    "judgement",
    "end_date",
    "judgement_leaders",
    "judgement_help_protection",
    "judgement_in_care",
    "judgement_care_leavers",
    "lead_inspector",
    "published_date",
)


def field_type(model: type[BaseModel], name: str) -> Any:
    """A field's type without its `None`: `date | None` -> `date`, `list[str]` -> `list`."""
    kind = model.model_fields[name].annotation
    if get_origin(kind) in (Union, types.UnionType):
        rest = [a for a in get_args(kind) if a is not type(None)]
        kind = rest[0] if len(rest) == 1 else kind
    return get_origin(kind) or kind


# The models' date fields (compared as ISO dates), from the schema rather than a list.
DATE_FIELDS = tuple(
    dict.fromkeys(
        n for m in TABLE_MODELS.values() for n in m.model_fields if field_type(m, n) is date
    )
)


_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


def field_agrees(name: str, gold: Any, pred: Any) -> bool:
    """Equality of one attribute the way the eval reads it (dates as ISO, names normalised)."""
    if name in DATE_FIELDS:
        return as_iso(gold) == as_iso(pred)
    if name == "lead_inspector":
        return same_name(as_text(gold), as_text(pred))
    if name in ("committee", "owner"):  # a body's or a role's name, as written
        g, p = as_text(gold), as_text(pred)
        if name == "owner":  # "the Council" and "Council" name one owner
            g, p = (_ARTICLE.sub("", v) if v else v for v in (g, p))
        if g is None or p is None:
            return g is None and p is None
        return full_similarity(g, p) >= NAME_THRESHOLD
    if name == "council":
        return normalise(as_text(gold)) == normalise(as_text(pred))
    return as_text(gold) == as_text(pred)


def model_field_agrees(model: type[BaseModel], name: str, gold: Any, pred: Any) -> bool:
    """`field_agrees` by the field's type in its model: numbers within the value
    tolerance, booleans as truth values, lists item by item, the rest as `field_agrees`."""
    kind = field_type(model, name)
    if kind is bool:
        return bool(gold) == bool(pred)
    if kind in (int, float):  # whole numbers exactly, as counts are
        return values_agree(gold, pred, "count" if kind is int else None)
    if kind in (list, tuple):
        return [as_text(v) for v in gold or ()] == [as_text(v) for v in pred or ()]
    return field_agrees(name, gold, pred)


def match_inspections(gold: Sequence[dict], preds: Sequence[dict]) -> list[Pair]:
    """Same inspection_type and start_date (or both null); ties go to most fields agreeing."""
    slots = [(i, "value") for i in range(len(preds))]

    def score(gi: int, si: int) -> tuple | None:
        g, p = gold[gi], preds[si]
        if as_text(g.get("inspection_type")) != as_text(p.get("inspection_type")):
            return None
        if as_iso(g.get("start_date")) != as_iso(p.get("start_date")):
            return None
        agree = sum(field_agrees(f, g.get(f), p.get(f)) for f in INSPECTION_ATTRIBUTES if f in g)
        return (agree,)

    return greedy(len(gold), slots, score)
