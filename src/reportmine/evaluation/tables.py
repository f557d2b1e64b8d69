"""Scoring one document's predictions against its gold, table by table.

Each scorer pairs rows with the contract's rule (`matching.py`), counts matches, checks
the attributes the contract names among the matched pairs (only where the gold row has
that key), and records every miss, false alarm and wrong attribute so `--per-doc` can
show exactly what went wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportmine.evaluation.matching import (
    INSPECTION_ATTRIBUTES,
    Pair,
    as_float,
    as_iso,
    as_text,
    field_agrees,
    match_inspections,
    match_metrics,
    match_text,
    row_text,
    values_agree,
)
from reportmine.evaluation.scores import Accuracy, Counts, FieldCheck, Problem, TableScore

DOCUMENT_FIELDS = ("council", "doc_kind", "meeting_date", "committee")


def _counts(gold: Sequence[dict], preds: Sequence[dict], pairs: Sequence[Pair]) -> Counts:
    return Counts(
        n_gold=len(gold),
        n_pred=len(preds),
        matched_gold=len({p.gold for p in pairs}),
        matched_pred=len({p.pred for p in pairs}),
    )


def _unmatched(
    table: str,
    gold: Sequence[dict],
    preds: Sequence[dict],
    pairs: Sequence[Pair],
    describe,
) -> list[Problem]:
    got_gold = {p.gold for p in pairs}
    got_pred = {p.pred for p in pairs}
    problems = [
        Problem(table, "miss", *describe(g)) for i, g in enumerate(gold) if i not in got_gold
    ]
    problems += [
        Problem(table, "false_alarm", *describe(p))
        for i, p in enumerate(preds)
        if i not in got_pred
    ]
    return problems


def _check(
    score: TableScore,
    problems: list[Problem],
    table: str,
    name: str,
    gold: dict,
    pred: dict,
    ok: bool,
    label: str,
) -> None:
    score.attributes.setdefault(name, Accuracy()).record(ok)
    if not ok:
        detail = f"{name}: gold {gold.get(name)!r}, predicted {pred.get(name)!r}"
        problems.append(Problem(table, "wrong", label, detail))


# ---- metrics ------------------------------------------------------------------------

def _describe_metric(row: dict) -> tuple[str, str]:
    value = as_float(row.get("value"))
    vmax = as_float(row.get("value_max"))
    shown = f"{value:g}" if value is not None else "?"
    if vmax is not None:
        shown += f"-{vmax:g}"
    prev = as_float(row.get("previous_value"))
    extra = f" (from {prev:g})" if prev is not None else ""
    target = " target" if row.get("is_target") else ""
    head = f"{row.get('metric')} {shown} {row.get('unit')}{extra}{target}"
    return head, as_text(row.get("quote")) or ""


def score_metrics(gold: Sequence[dict], preds: Sequence[dict]) -> tuple[TableScore, list]:
    pairs = match_metrics(gold, preds)
    score = TableScore("metrics", _counts(gold, preds, pairs), n_docs=1)
    problems = _unmatched("metrics", gold, preds, pairs, _describe_metric)
    for pair in pairs:
        g, p = gold[pair.gold], preds[pair.pred]
        label = _describe_metric(g)[0]
        unit = as_text(g.get("unit"))
        if "metric" in g:
            ok = as_text(g.get("metric")) == as_text(p.get("metric"))
            _check(score, problems, "metrics", "metric", g, p, ok, label)
        if "previous_value" in g:
            ok = values_agree(g.get("previous_value"), p.get("previous_value"), unit)
            _check(score, problems, "metrics", "previous_value", g, p, ok, label)
        if "is_target" in g:
            ok = bool(g.get("is_target")) == bool(p.get("is_target"))
            _check(score, problems, "metrics", "is_target", g, p, ok, label)
    return score, problems


# ---- findings -----------------------------------------------------------------------

def _describe_text(row: dict) -> tuple[str, str]:
    kind = as_text(row.get("polarity")) or as_text(row.get("kind")) or ""
    return f"[{kind}] {row_text(row) or ''}", ""


def score_findings(
    gold: Sequence[dict], preds: Sequence[dict], recommendations: bool
) -> tuple[TableScore, list]:
    """Loose F1 (text only) and strict F1 (polarity agrees too).

    In recommendation mode only predictions flagged `is_recommendation` take part, so
    precision is the share of predicted recommendations that match a gold item.
    """
    name = "recommendations" if recommendations else "findings"
    if recommendations:
        preds = [p for p in preds if p.get("is_recommendation")]
    pairs = match_text(gold, preds)
    strict_pairs = match_text(gold, preds, same=("polarity",))
    score = TableScore(
        name, _counts(gold, preds, pairs), _counts(gold, preds, strict_pairs), n_docs=1
    )
    problems = _unmatched(name, gold, preds, pairs, _describe_text)
    for pair in pairs:
        g, p = gold[pair.gold], preds[pair.pred]
        label = (row_text(g) or "")[:80]
        if "polarity" in g:
            ok = as_text(g.get("polarity")) == as_text(p.get("polarity"))
            _check(score, problems, name, "polarity", g, p, ok, label)
        if g.get("theme") is not None:
            ok = as_text(g.get("theme")) == as_text(p.get("theme"))
            _check(score, problems, name, "theme", g, p, ok, label)
    return score, problems


# ---- actions ------------------------------------------------------------------------

def score_actions(gold: Sequence[dict], preds: Sequence[dict]) -> tuple[TableScore, list]:
    pairs = match_text(gold, preds)
    score = TableScore("actions", _counts(gold, preds, pairs), n_docs=1)
    problems = _unmatched("actions", gold, preds, pairs, _describe_text)
    for pair in pairs:
        g, p = gold[pair.gold], preds[pair.pred]
        label = (row_text(g) or "")[:80]
        if "kind" in g:
            ok = as_text(g.get("kind")) == as_text(p.get("kind"))
            _check(score, problems, "actions", "kind", g, p, ok, label)
        if as_text(g.get("owner")) is not None:  # scored where the gold names an owner
            ok = field_agrees("owner", g.get("owner"), p.get("owner"))
            _check(score, problems, "actions", "owner", g, p, ok, label)
    return score, problems


# ---- inspections --------------------------------------------------------------------

def _describe_inspection(row: dict) -> tuple[str, str]:
    dates = f"{as_iso(row.get('start_date')) or '?'}..{as_iso(row.get('end_date')) or '?'}"
    grade = as_text(row.get("judgement")) or "-"
    lead = as_text(row.get("lead_inspector")) or "-"
    head = f"{row.get('inspection_type')} {dates} judgement={grade} lead={lead}"
    return head, as_text(row.get("quote")) or ""


def score_inspections(gold: Sequence[dict], preds: Sequence[dict]) -> tuple[TableScore, list]:
    pairs = match_inspections(gold, preds)
    score = TableScore("inspections", _counts(gold, preds, pairs), n_docs=1)
    problems = _unmatched("inspections", gold, preds, pairs, _describe_inspection)
    for pair in pairs:
        g, p = gold[pair.gold], preds[pair.pred]
        label = _describe_inspection(g)[0]
        for name in INSPECTION_ATTRIBUTES:
            if name in g:
                ok = field_agrees(name, g.get(name), p.get(name))
                _check(score, problems, "inspections", name, g, p, ok, label)
    return score, problems


# ---- documents ----------------------------------------------------------------------

def score_document_fields(gold: dict, pred: dict) -> tuple[dict[str, FieldCheck], list]:
    """Each contract field the gold object states (a gold null counts); absent keys skip."""
    checks: dict[str, FieldCheck] = {}
    problems = []
    for name in DOCUMENT_FIELDS:
        if name not in gold:
            continue
        g = as_iso(gold[name]) if name == "meeting_date" else as_text(gold[name])
        p = as_iso(pred.get(name)) if name == "meeting_date" else as_text(pred.get(name))
        ok = field_agrees(name, g, p)
        checks[name] = FieldCheck(g, p, ok)
        if not ok:
            problems.append(Problem("documents", "wrong", name, f"gold {g!r}, predicted {p!r}"))
    return checks, problems
