"""Scoring one document's predictions against its gold, table by table, and the registry
that says how each output table is scored.

Each scorer pairs rows with the contract's rule (`matching.py`), counts matches, checks
the attributes the contract names among the matched pairs (only where the gold row has
that key), and records every miss, false alarm and wrong attribute so `--per-doc` can
show exactly what went wrong.

The record tables scored are those of `core.models.RECORD_MODELS`, in that order
(`record_tables`); the evaluation holds no list of table names of its own. A table with
a hand-written `TableSpec` in `SPECS` is scored by it; any other table is scored
generically (`score_generic`): rows paired by the text rule (their `text`, else their
`quote`, or evidence spans overlapping by half), and every field of its model that the
gold row gives checked among the pairs. Adding an output table is therefore its model in
`core/models.py`, plus, only when the generic rule does not fit, one spec here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportmine.core.models import (
    RECORD_MODELS,
    ActionRecord,
    DocumentRecord,
    EvidenceRow,
    FindingRecord,
    InspectionRecord,
    MetricRecord,
)
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
    model_field_agrees,
    row_text,
    values_agree,
)
from reportmine.evaluation.scores import Accuracy, Counts, FieldCheck, Problem, TableScore

if TYPE_CHECKING:
    from reportmine.evaluation.scope import Scope

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


Checks = Callable[[dict, dict], Iterable[tuple[str, bool]]]


def _score_pairs(
    table: str,
    gold: Sequence[dict],
    preds: Sequence[dict],
    pairs: Sequence[Pair],
    describe: Callable[[dict], tuple[str, str]],
    label: Callable[[dict], str],
    checks: Checks,
    strict_pairs: Sequence[Pair] | None = None,
) -> tuple[TableScore, list]:
    """A table's counts, its misses and false alarms, and, among the pairs, each
    (attribute, agrees) that `checks(gold_row, prediction)` yields."""
    strict = None if strict_pairs is None else _counts(gold, preds, strict_pairs)
    score = TableScore(table, _counts(gold, preds, pairs), strict, n_docs=1)
    problems = _unmatched(table, gold, preds, pairs, describe)
    for pair in pairs:
        g, p = gold[pair.gold], preds[pair.pred]
        for name, ok in checks(g, p):
            score.attributes.setdefault(name, Accuracy()).record(ok)
            if not ok:
                detail = f"{name}: gold {g.get(name)!r}, predicted {p.get(name)!r}"
                problems.append(Problem(table, "wrong", label(g), detail))
    return score, problems


def _text_label(row: dict) -> str:
    return (row_text(row) or "")[:80]


def _head(describe: Callable[[dict], tuple[str, str]]) -> Callable[[dict], str]:
    """A wrong attribute's label: the head of the row's description."""
    return lambda row: describe(row)[0]


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


def _metric_checks(g: dict, p: dict) -> Iterator[tuple[str, bool]]:
    if "metric" in g:
        yield "metric", as_text(g.get("metric")) == as_text(p.get("metric"))
    if "previous_value" in g:
        unit = as_text(g.get("unit"))
        yield "previous_value", values_agree(g.get("previous_value"), p.get("previous_value"), unit)
    if "is_target" in g:
        yield "is_target", bool(g.get("is_target")) == bool(p.get("is_target"))


def score_metrics(gold: Sequence[dict], preds: Sequence[dict]) -> tuple[TableScore, list]:
    pairs = match_metrics(gold, preds)
    return _score_pairs(
        MetricRecord.table, gold, preds, pairs, _describe_metric, _head(_describe_metric),
        _metric_checks,
    )


# ---- findings -----------------------------------------------------------------------

def _describe_text(row: dict) -> tuple[str, str]:
    kind = as_text(row.get("polarity")) or as_text(row.get("kind")) or ""
    return f"[{kind}] {row_text(row) or ''}", ""


def _finding_checks(g: dict, p: dict) -> Iterator[tuple[str, bool]]:
    if "polarity" in g:
        yield "polarity", as_text(g.get("polarity")) == as_text(p.get("polarity"))
    if g.get("theme") is not None:
        yield "theme", as_text(g.get("theme")) == as_text(p.get("theme"))


def score_findings(
    gold: Sequence[dict], preds: Sequence[dict], recommendations: bool
) -> tuple[TableScore, list]:
    """Loose F1 (text only) and strict F1 (polarity agrees too).

    In recommendation mode only predictions flagged `is_recommendation` take part, so
    precision is the share of predicted recommendations that match a gold item.
    """
    name = "recommendations" if recommendations else FindingRecord.table
    if recommendations:
        preds = [p for p in preds if p.get("is_recommendation")]
    pairs = match_text(gold, preds)
    strict_pairs = match_text(gold, preds, same=("polarity",))
    return _score_pairs(
        name, gold, preds, pairs, _describe_text, _text_label, _finding_checks, strict_pairs
    )


# ---- actions ------------------------------------------------------------------------

def _action_checks(g: dict, p: dict) -> Iterator[tuple[str, bool]]:
    if "kind" in g:
        yield "kind", as_text(g.get("kind")) == as_text(p.get("kind"))
    if as_text(g.get("owner")) is not None:  # scored where the gold names an owner
        yield "owner", field_agrees("owner", g.get("owner"), p.get("owner"))


def score_actions(gold: Sequence[dict], preds: Sequence[dict]) -> tuple[TableScore, list]:
    pairs = match_text(gold, preds)
    return _score_pairs(
        ActionRecord.table, gold, preds, pairs, _describe_text, _text_label, _action_checks
    )


# ---- inspections --------------------------------------------------------------------

def _describe_inspection(row: dict) -> tuple[str, str]:
    dates = f"{as_iso(row.get('start_date')) or '?'}..{as_iso(row.get('end_date')) or '?'}"
    grade = as_text(row.get("judgement")) or "-"
    lead = as_text(row.get("lead_inspector")) or "-"
    head = f"{row.get('inspection_type')} {dates} judgement={grade} lead={lead}"
    return head, as_text(row.get("quote")) or ""


def _inspection_checks(g: dict, p: dict) -> Iterator[tuple[str, bool]]:
    for name in INSPECTION_ATTRIBUTES:
        if name in g:
            yield name, field_agrees(name, g.get(name), p.get(name))


def score_inspections(gold: Sequence[dict], preds: Sequence[dict]) -> tuple[TableScore, list]:
    pairs = match_inspections(gold, preds)
    return _score_pairs(
        InspectionRecord.table, gold, preds, pairs, _describe_inspection,
        _head(_describe_inspection), _inspection_checks,
    )


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
            detail = f"gold {g!r}, predicted {p!r}"
            problems.append(Problem(DocumentRecord.table, "wrong", name, detail))
    return checks, problems


# ---- any other table ----------------------------------------------------------------

def scored_fields(model: type[EvidenceRow]) -> tuple[str, ...]:
    """A record model's own fields, less `text` (the rows are matched on it)."""
    return tuple(
        n for n in model.model_fields if n not in EvidenceRow.model_fields and n != "text"
    )


def _describe_row(row: dict) -> tuple[str, str]:
    return row_text(row) or "", ""


def score_generic(
    model: type[EvidenceRow], gold: Sequence[dict], preds: Sequence[dict]
) -> tuple[TableScore, list]:
    """A table without a spec: the text rule pairs rows, and each of the model's fields
    that the gold row gives is checked by its type (`matching.model_field_agrees`)."""

    def checks(g: dict, p: dict) -> Iterator[tuple[str, bool]]:
        for name in scored_fields(model):
            if name in g:
                yield name, model_field_agrees(model, name, g.get(name), p.get(name))

    pairs = match_text(gold, preds)
    return _score_pairs(model.table, gold, preds, pairs, _describe_row, _text_label, checks)


# ---- the registry -------------------------------------------------------------------

Scorer = Callable[[Sequence[dict], Sequence[dict], "Scope"], tuple[TableScore, list]]


@dataclass(frozen=True)
class TableSpec:
    """How one record table is scored.

    `score(gold_rows, predictions, scope)` scores one document's rows. `names` are the
    names its scores are reported under, in display order (default: the table's).
    `annotated_in_inspection_reports`: gold for an inspection report annotates the table
    fully, so an empty list there is scored (a precision check); for other tables an
    empty list in such gold means "not annotated" and the table is skipped (`scope.py`).
    """

    score: Scorer
    names: tuple[str, ...] = ()
    annotated_in_inspection_reports: bool = False


SPECS: dict[type[EvidenceRow], TableSpec] = {
    InspectionRecord: TableSpec(
        lambda gold, preds, scope: score_inspections(gold, preds),
        annotated_in_inspection_reports=True,
    ),
    FindingRecord: TableSpec(
        lambda gold, preds, scope: score_findings(gold, preds, scope.recommendation_findings),
        names=(FindingRecord.table, "recommendations"),
        annotated_in_inspection_reports=True,
    ),
    MetricRecord: TableSpec(lambda gold, preds, scope: score_metrics(gold, preds)),
    ActionRecord: TableSpec(lambda gold, preds, scope: score_actions(gold, preds)),
}


def record_models() -> dict[str, type[EvidenceRow]]:
    """Every record table's model by table name, in the order the tables are written."""
    return {m.table: m for m in RECORD_MODELS}


def record_tables() -> tuple[str, ...]:
    return tuple(record_models())


def text_tables() -> tuple[str, ...]:
    """The record tables whose rows carry a `text` of their own (findings, actions)."""
    return tuple(t for t, m in record_models().items() if "text" in m.model_fields)


def spec_for(table: str) -> TableSpec:
    """The table's hand-written spec, else the generic one for its model."""
    model = record_models()[table]
    spec = SPECS.get(model)
    if spec is not None:
        return spec
    return TableSpec(lambda gold, preds, scope: score_generic(model, gold, preds))


def score_names() -> tuple[str, ...]:
    """Every name a table's scores are reported under, in display order."""
    return tuple(n for t in record_tables() for n in (spec_for(t).names or (t,)))
