"""The contract's rule for pairing predicted findings with gold findings, and the scores.

Within one document, one-to-one, greedily by best score: a pair is admissible when the
normalised texts reach rapidfuzz `partial_ratio` >= 80. Loose F1 counts text matches;
strict F1 also needs the polarity to agree. This is the small piece of the evaluation
rule that training needs (labels and cross-validated scores); `reportmine eval` owns
the full harness.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from reportmine.evaluation.textnorm import TEXT_THRESHOLD, normalise

__all__ = ["TEXT_THRESHOLD", "greedy_pairs", "normalise", "similarity"]


@lru_cache(maxsize=1 << 20)
def similarity(a: str, b: str) -> float:
    """partial_ratio (0-100) of two already normalised texts; 0 when either is empty.

    Cached: cross-validation scores the same sentence pairs at every threshold of its
    sweep, and partial_ratio dominated training time without the cache."""
    if not a or not b:
        return 0.0
    return float(fuzz.partial_ratio(a, b))


def greedy_pairs(
    gold: Sequence[str], pred: Sequence[str], admissible=None
) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs, best similarity first.

    `gold` and `pred` are normalised texts; `admissible(gi, pi)` may veto a pair (the
    strict rule: polarity must agree). Ties go to the earlier gold row, then the earlier
    prediction, and are broken by the full ratio first, so results are reproducible.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if admissible is not None and not admissible(gi, pi):
                continue
            sim = similarity(g, p)
            if sim >= TEXT_THRESHOLD:
                candidates.append((sim, fuzz.ratio(g, p), -gi, -pi))
    candidates.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, ngi, npi in candidates:
        gi, pi = -ngi, -npi
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


@dataclass
class Counts:
    """True positives, gold rows and predicted rows, summed over documents."""

    tp: int = 0
    n_gold: int = 0
    n_pred: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.n_gold += other.n_gold
        self.n_pred += other.n_pred

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else (1.0 if not self.n_gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class FindingScore:
    """Loose (text only) and strict (text and polarity) counts for findings."""

    loose: Counts = field(default_factory=Counts)
    strict: Counts = field(default_factory=Counts)

    def add(self, other: FindingScore) -> None:
        self.loose.add(other.loose)
        self.strict.add(other.strict)

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        return {"loose": self.loose.as_dict(), "strict": self.strict.as_dict()}


def score_findings(gold: Sequence[dict], pred: Sequence[dict]) -> FindingScore:
    """Contract scores of one document's predicted findings against its gold findings.

    Rows are dicts with `text` (or `quote`) and `polarity`.
    """
    g_text = [normalise(r.get("text") or r.get("quote")) for r in gold]
    p_text = [normalise(r.get("text") or r.get("quote")) for r in pred]
    loose = greedy_pairs(g_text, p_text)

    def same_polarity(gi: int, pi: int) -> bool:
        return gold[gi].get("polarity") == pred[pi].get("polarity")

    strict = greedy_pairs(g_text, p_text, same_polarity)
    n_g, n_p = len(gold), len(pred)
    return FindingScore(Counts(len(loose), n_g, n_p), Counts(len(strict), n_g, n_p))


def score_recommendations(gold: Sequence[dict], pred: Sequence[dict]) -> Counts:
    """Ofsted report gold lists only the recommendation items: recall of those, precision
    as the share of predicted `is_recommendation` findings that match one."""
    recs = [r for r in pred if r.get("is_recommendation")]
    g_text = [normalise(r.get("text") or r.get("quote")) for r in gold]
    p_text = [normalise(r.get("text") or r.get("quote")) for r in recs]
    return Counts(len(greedy_pairs(g_text, p_text)), len(gold), len(recs))
