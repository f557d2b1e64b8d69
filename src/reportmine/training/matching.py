"""The contract's findings rule and scores as training uses them: `reportmine eval`'s own.

Training labels candidate sentences by pairing them with gold findings, and scores its
cross-validated predictions, with the evaluation's code: the text rule and greedy
one-to-one matching of `evaluation.matching.match_text` (normalised texts reaching
rapidfuzz `partial_ratio` >= 80), and the loose/strict counts of
`evaluation.tables.score_findings`. This module only adapts them to training's inputs
(plain sentences) and to the figures it reports (`tp`, rounded P/R/F1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportmine.evaluation.matching import match_text
from reportmine.evaluation.scores import Counts
from reportmine.evaluation.tables import score_findings as score_findings_table

__all__ = [
    "Counts",
    "FindingScore",
    "counts_dict",
    "score_findings",
    "score_recommendations",
    "text_pairs",
]


def text_pairs(gold: Sequence[dict], texts: Sequence[str]) -> list[tuple[int, int]]:
    """(gold row, text) index pairs by the contract's text rule: one-to-one, best first.

    The texts carry no offsets, so only their wording decides (never span overlap)."""
    return [(p.gold, p.pred) for p in match_text(gold, [{"text": t} for t in texts])]


def counts_dict(counts: Counts) -> dict[str, float | int]:
    """The figures training reports: true positives, rows, and P/R/F1 to 4 places."""
    return {
        "tp": counts.matched_gold,
        "n_gold": counts.n_gold,
        "n_pred": counts.n_pred,
        "precision": round(counts.precision, 4),
        "recall": round(counts.recall, 4),
        "f1": round(counts.f1, 4),
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
        return {"loose": counts_dict(self.loose), "strict": counts_dict(self.strict)}


def score_findings(gold: Sequence[dict], pred: Sequence[dict]) -> FindingScore:
    """Contract scores of one document's predicted findings against its gold findings,
    exactly as `reportmine eval` scores exhaustive gold. Rows are dicts with `text` (or
    `quote`) and `polarity`."""
    score, _ = score_findings_table(gold, pred, recommendations=False)
    return FindingScore(score.counts, score.strict or Counts())


def score_recommendations(gold: Sequence[dict], pred: Sequence[dict]) -> Counts:
    """Ofsted report gold lists only the recommendation items: recall of those, precision
    as the share of predicted `is_recommendation` findings that match one."""
    score, _ = score_findings_table(gold, pred, recommendations=True)
    return score.counts
