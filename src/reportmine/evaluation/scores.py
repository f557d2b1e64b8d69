"""Result containers: counts, accuracies and the report `evaluate` returns.

Plain dataclasses so a notebook can read `report.group("corpus").tables["metrics"].f1`
and `report.to_dict()` is what `eval.json` holds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date
from typing import Any


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


@dataclass
class Counts:
    """Gold rows, predictions, and how many of each were matched (micro-averaged sums).

    Recall counts matched gold rows, precision matched predictions: they differ only for
    metrics, where one range prediction may match two gold rows. With nothing to find and
    nothing predicted, P = R = F1 = 1; with no predictions P = 0 unless gold is empty too.
    """

    n_gold: int = 0
    n_pred: int = 0
    matched_gold: int = 0
    matched_pred: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.matched_pred, self.n_pred, 1.0 if self.n_gold == 0 else 0.0)

    @property
    def recall(self) -> float:
        return _ratio(self.matched_gold, self.n_gold, 1.0 if self.n_pred == 0 else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.n_gold += other.n_gold
        self.n_pred += other.n_pred
        self.matched_gold += other.matched_gold
        self.matched_pred += other.matched_pred

    def to_dict(self) -> dict:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def record(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    def to_dict(self) -> dict:
        return {**asdict(self), "accuracy": self.value}


@dataclass
class TableScore:
    """One table's detection counts, its strict variant, and attribute accuracies."""

    table: str
    counts: Counts = field(default_factory=Counts)
    strict: Counts | None = None  # findings: polarity must agree too
    attributes: dict[str, Accuracy] = field(default_factory=dict)
    n_docs: int = 0

    @property
    def f1(self) -> float:
        return self.counts.f1

    def add(self, other: TableScore) -> None:
        self.counts.add(other.counts)
        if other.strict is not None:
            if self.strict is None:
                self.strict = Counts()
            self.strict.add(other.strict)
        for name, acc in other.attributes.items():
            self.attributes.setdefault(name, Accuracy()).add(acc)
        self.n_docs += other.n_docs

    def to_dict(self) -> dict:
        return {
            "table": self.table,
            "n_docs": self.n_docs,
            **self.counts.to_dict(),
            "strict": self.strict.to_dict() if self.strict else None,
            "attributes": {k: v.to_dict() for k, v in self.attributes.items()},
        }


@dataclass
class Problem:
    """One miss (gold not matched), false alarm (prediction not matched) or wrong field."""

    table: str
    kind: str  # "miss" | "false_alarm" | "wrong"
    text: str
    detail: str = ""


@dataclass
class FieldCheck:
    gold: Any
    pred: Any
    ok: bool


@dataclass
class DocScore:
    gold_dir: str
    gold_key: str
    source_path: str
    doc_id: str
    status: str
    recommendation_mode: bool
    tables: dict[str, TableScore] = field(default_factory=dict)
    fields: dict[str, FieldCheck] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class GroupScore:
    """Scores over the gold files of one gold folder (or over all of them: `total`)."""

    name: str
    gold_dirs: list[str]
    docs: list[DocScore] = field(default_factory=list)
    not_in_run: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)  # gold keys matching >1 document
    tables: dict[str, TableScore] = field(default_factory=dict)
    document_fields: dict[str, Accuracy] = field(default_factory=dict)

    def add_doc(self, doc: DocScore) -> None:
        self.docs.append(doc)
        for name, score in doc.tables.items():
            self.tables.setdefault(name, TableScore(name)).add(score)
        for name, check in doc.fields.items():
            self.document_fields.setdefault(name, Accuracy()).record(check.ok)

    def flat(self) -> dict[str, float]:
        """Every headline figure as `table.measure` -> value (what quality floors use)."""
        out: dict[str, float] = {}
        for name, score in self.tables.items():
            out[f"{name}.f1"] = score.counts.f1
            out[f"{name}.precision"] = score.counts.precision
            out[f"{name}.recall"] = score.counts.recall
            if score.strict is not None:
                out[f"{name}.strict_f1"] = score.strict.f1
            for attr, acc in score.attributes.items():
                if acc.value is not None:
                    out[f"{name}.{attr}"] = acc.value
        for name, acc in self.document_fields.items():
            if acc.value is not None:
                out[f"documents.{name}"] = acc.value
        return out


@dataclass
class EvalReport:
    out_dir: str
    groups: list[GroupScore] = field(default_factory=list)
    total: GroupScore | None = None  # only when more than one gold folder
    peer: Any = None  # PeerReport when a peer CSV was compared

    def group(self, name: str) -> GroupScore:
        for g in self.groups:
            if name in (g.name, *g.gold_dirs):
                return g
        if self.total is not None and name == self.total.name:
            return self.total
        raise KeyError(f"no gold group {name!r}; have {[g.name for g in self.groups]}")

    def to_dict(self) -> dict:
        def group_dict(g: GroupScore) -> dict:
            return {
                "name": g.name,
                "gold_dirs": g.gold_dirs,
                "n_docs": len(g.docs),
                "not_in_run": g.not_in_run,
                "ambiguous": g.ambiguous,
                "tables": {k: v.to_dict() for k, v in g.tables.items()},
                "document_fields": {k: v.to_dict() for k, v in g.document_fields.items()},
                "flat": g.flat(),
                "docs": [_plain(d) for d in g.docs],
            }

        return {
            "out_dir": self.out_dir,
            "groups": [group_dict(g) for g in self.groups],
            "total": group_dict(self.total) if self.total else None,
            "peer": _plain(self.peer) if self.peer is not None else None,
        }


def _plain(obj: Any) -> Any:
    """Dataclasses, dates and containers as JSON-ready values."""
    if is_dataclass(obj) and not isinstance(obj, type):
        if hasattr(obj, "to_dict") and not isinstance(obj, DocScore):
            return obj.to_dict()
        return {k: _plain(getattr(obj, k)) for k in obj.__dataclass_fields__}
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj
