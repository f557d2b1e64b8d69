"""Scores that do not flatter: k-fold cross-validation by council.

Every exhaustively annotated document is held out once; the model that scores it was
trained on the other folds' documents only. Documents share a fold with every other
paper of their council, wherever the path names the council (so a score is always on
councils the model has not seen), and a document with its rendering in another format.
The decision threshold is chosen inside each outer fold, by an inner cross-validation on
that fold's training documents, so no held-out document has any say in the model or the
threshold that score it.

Scores follow the contract (strict F1: text and polarity agree; loose F1: text only),
computed on the held-out documents' gold findings exactly as `reportmine eval` would:
the rule-found recommendation items plus the classified sentences are the predictions.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportmine.extractors.findings import LABELS, classify, decide
from reportmine.training.data import DocData, LabelledSentence
from reportmine.training.matching import (
    Counts,
    FindingScore,
    counts_dict,
    score_findings,
    score_recommendations,
)
from reportmine.training.textcat import TrainConfig, train_textcat

SWEEP = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def make_folds(groups: Sequence[str], k: int, seed: int) -> list[list[str]]:
    """Groups shuffled with a fixed seed, dealt round-robin into k folds."""
    unique = sorted(set(groups))
    random.Random(seed).shuffle(unique)
    k = max(1, min(k, len(unique)))
    return [sorted(unique[i::k]) for i in range(k)]


@dataclass
class Scored:
    """A document classified by a model that did not see it."""

    data: DocData
    cats: list[dict[str, float]]
    threshold: float = 0.5  # the threshold chosen without it

    def predictions(self, threshold: float | None = None) -> list[dict]:
        """The findings the extractor would output for the document."""
        t = self.threshold if threshold is None else threshold
        preds = [
            {"text": r.text, "polarity": "weakness", "is_recommendation": True}
            for r in self.data.recommendations
        ]
        for example, cats in zip(self.data.examples, self.cats, strict=True):
            label, probability = decide(cats, t)
            if label != "none":
                preds.append({"text": example.sentence, "polarity": label, "p": probability})
        return preds

    def score(self, threshold: float | None = None) -> FindingScore:
        return score_findings(self.data.gold, self.predictions(threshold))


@dataclass
class Evaluation:
    """Classified documents the models did not see, and the scores over them."""

    scored: list[Scored] = field(default_factory=list)
    folds: list[list[str]] = field(default_factory=list)

    def total(self, threshold: float | None = None, source: str | None = None) -> FindingScore:
        total = FindingScore()
        for item in self.scored:
            if source is None or item.data.doc.source_name == source:
                total.add(item.score(threshold))
        return total

    def sources(self) -> list[str]:
        return sorted({item.data.doc.source_name for item in self.scored})

    def confusion(self, threshold: float | None = None) -> dict[str, dict[str, int]]:
        """Gold label (rows) by predicted label (columns) over the candidate sentences."""
        counts: Counter[tuple[str, str]] = Counter()
        for item in self.scored:
            t = item.threshold if threshold is None else threshold
            for example, cats in zip(item.data.examples, item.cats, strict=True):
                counts[(example.label, decide(cats, t)[0])] += 1
        return {g: {p: counts[(g, p)] for p in LABELS} for g in LABELS}

    def sweep(self) -> list[dict]:
        rows = []
        for t in SWEEP:
            s = self.total(t)
            rows.append(
                {
                    "threshold": t,
                    "strict_precision": round(s.strict.precision, 4),
                    "strict_recall": round(s.strict.recall, 4),
                    "strict_f1": round(s.strict.f1, 4),
                    "loose_f1": round(s.loose.f1, 4),
                }
            )
        return rows

    def best_threshold(self) -> float:
        """The sweep threshold with the best strict F1 (ties: the higher threshold)."""
        return max(SWEEP, key=lambda t: (round(self.total(t).strict.f1, 6), t))

    def per_document(self) -> list[dict]:
        return [
            {"document": item.data.doc.name, "threshold": item.threshold, **item.score().as_dict()}
            for item in self.scored
        ]

    def report(self) -> dict:
        """Scores at the thresholds chosen without the scored documents."""
        out = {
            "scores": {"all": self.total().as_dict()},
            "confusion_matrix": self.confusion(),
            "threshold_sweep": self.sweep(),
            "per_document": self.per_document(),
        }
        for source in self.sources():
            out["scores"][source] = self.total(source=source).as_dict()
        return out


def _train(docs: Sequence[DocData], extra: Sequence[LabelledSentence], config: TrainConfig):
    examples = [(e.text, e.label) for d in docs for e in d.examples]
    examples += [(e.text, e.label) for e in extra]
    return train_textcat(examples, config)


def _classify_docs(nlp, docs: Sequence[DocData], threshold: float) -> list[Scored]:
    return [Scored(d, classify(nlp, [e.text for e in d.examples]), threshold) for d in docs]


def cross_validate(
    docs: Sequence[DocData],
    extra: Sequence[LabelledSentence],
    config: TrainConfig,
    k: int = 5,
    select_threshold: bool = True,
    default_threshold: float = 0.5,
    on_fold: Callable[[int, int, list[str], float], None] | None = None,
) -> Evaluation:
    """k models, each trained without one fold of `docs`, classify that fold.

    `extra` examples (never scored) join every training set. With `select_threshold`,
    each fold's threshold is the best of an inner cross-validation on its training
    documents; otherwise `default_threshold` is used throughout.
    """
    folds = make_folds([d.doc.group for d in docs], k, config.seed)
    result = Evaluation(folds=folds)
    for index, fold in enumerate(folds):
        held = set(fold)
        train_docs = [d for d in docs if d.doc.group not in held]
        threshold = default_threshold
        if select_threshold and len({d.doc.group for d in train_docs}) > 1:
            inner = cross_validate(
                train_docs, extra, config, k=max(2, k - 1), select_threshold=False
            )
            threshold = inner.best_threshold()
        nlp = _train(train_docs, extra, config)
        result.scored += _classify_docs(nlp, [d for d in docs if d.doc.group in held], threshold)
        if on_fold:
            on_fold(index, len(folds), fold, threshold)
    result.scored.sort(key=lambda s: s.data.doc.name)
    return result


def evaluate_model(nlp, docs: Sequence[DocData], threshold: float) -> Evaluation:
    """A trained model on documents it never saw (another source, say)."""
    return Evaluation(scored=_classify_docs(nlp, docs, threshold))


def recommendation_scores(docs: Sequence[DocData]) -> dict[str, dict]:
    """Recall and precision of the rule-found list items per source (rules, no training),
    as the contract scores an inspection report: recall of its gold items, precision as
    the share of predicted recommendation findings that match one."""
    totals: dict[str, Counts] = {}
    per_doc: dict[str, list] = {}
    for d in docs:
        preds = [{"text": r.text, "is_recommendation": True} for r in d.recommendations]
        c = score_recommendations(d.gold, preds)
        totals.setdefault(d.doc.source_name, Counts()).add(c)
        per_doc.setdefault(d.doc.source_name, []).append(
            {"document": d.doc.rel, "tp": c.matched_gold, "n_gold": c.n_gold, "n_pred": c.n_pred}
        )
    return {
        name: {**counts_dict(totals[name]), "documents": per_doc[name]} for name in sorted(totals)
    }
