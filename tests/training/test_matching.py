"""Training pairs and scores findings with the evaluation's own rule and counts.

The expected values below are what training's former copy of the rule (its own greedy
pairing and counts, before it used `evaluation.matching`) gave on the same inputs, so
these tests pin that the shared code labels and scores exactly as before.
"""

from __future__ import annotations

import pytest

from reportmine.evaluation.tables import score_findings as eval_score_findings
from reportmine.training.matching import (
    FindingScore,
    counts_dict,
    score_findings,
    score_recommendations,
    text_pairs,
)

GOLD = [
    {"text": "Caseloads are too high in the duty team.", "polarity": "weakness",
     "char_start": 100, "char_end": 140},  # offsets on the gold side only: never used
    {"text": "Plans for children are good.", "polarity": "strength"},
    {"quote": "Leaders\u2019 oversight \u2013 of plans \u2013 is weak", "polarity": "weakness"},
    {"text": "the duty team", "polarity": "weakness"},
    {"text": "Managers should improve supervision.", "polarity": "weakness",
     "is_recommendation": True},
]
PRED = [
    {"text": "plans for children are good", "polarity": "weakness"},
    {"text": "Caseloads  are too high in the  duty team", "polarity": "weakness"},
    {"text": "leaders' oversight - of plans - is weak.", "polarity": "weakness"},
    {"text": "The duty team is stable and well led by managers.", "polarity": "strength"},
    {"text": "Plans for children are good.", "polarity": "strength"},
    {"text": "Managers should improve supervision", "polarity": "weakness",
     "is_recommendation": True},
    {"text": "Nothing like any gold row at all, about the leisure centre roof.",
     "polarity": "strength", "is_recommendation": True},
]


@pytest.mark.parametrize(
    ("gold", "texts", "pairs"),
    [
        (["Caseloads are too high.", "Plans are good."],
         ["Plans are good.", "caseloads are too high", "plans are good."], [(0, 1), (1, 0)]),
        ([r.get("text") or r.get("quote") for r in GOLD], [p["text"] for p in PRED],
         [(0, 1), (1, 4), (2, 2), (3, 3), (4, 5)]),  # ties go to the closer full ratio
        (["the duty team"], ["duty team caseloads remain too high across the service",
                             "the duty team is stable", "The duty team."], [(0, 2)]),
        (["a b c", "a b c"], ["a b c", "a b c d"], [(0, 0), (1, 1)]),  # then the earlier
        ([], ["x"], []),
        (["x"], [], []),
        (["Plans are good."], [""], []),
    ],
)
def test_pairs_as_before(gold, texts, pairs) -> None:
    assert text_pairs([{"text": g} for g in gold], texts) == pairs


def test_finding_scores_as_before() -> None:
    assert score_findings(GOLD, PRED).as_dict() == {
        "loose": {"tp": 5, "n_gold": 5, "n_pred": 7, "precision": 0.7143, "recall": 1.0,
                  "f1": 0.8333},
        "strict": {"tp": 4, "n_gold": 5, "n_pred": 7, "precision": 0.5714, "recall": 0.8,
                   "f1": 0.6667},
    }
    none = {"tp": 0, "n_gold": 2, "n_pred": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert score_findings(GOLD[:2], PRED[3:4]).as_dict() == {"loose": none, "strict": none}
    missed = {"tp": 0, "n_gold": 5, "n_pred": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert score_findings(GOLD, []).as_dict() == {"loose": missed, "strict": missed}


def test_recommendation_scores_as_before() -> None:
    assert counts_dict(score_recommendations(GOLD[4:], PRED)) == {
        "tp": 1, "n_gold": 1, "n_pred": 2, "precision": 0.5, "recall": 1.0, "f1": 0.6667
    }
    assert counts_dict(score_recommendations(GOLD, PRED)) == {
        "tp": 1, "n_gold": 5, "n_pred": 2, "precision": 0.5, "recall": 0.2, "f1": 0.2857
    }


def test_nothing_to_find_scores_as_the_eval_does() -> None:
    """The one change: with no gold findings and some predictions, recall is 0 as in
    `reportmine eval` (training's copy said 1.0); precision and F1 were 0 either way."""
    false_alarms = {"tp": 0, "n_gold": 0, "n_pred": 2, "precision": 0.0, "recall": 0.0,
                    "f1": 0.0}
    assert score_findings([], PRED[:2]).as_dict() == {
        "loose": false_alarms, "strict": false_alarms
    }
    assert score_findings([], []).as_dict()["loose"]["f1"] == 1.0


def test_training_scores_are_the_evals() -> None:
    table, _ = eval_score_findings(GOLD, PRED, recommendations=False)
    assert score_findings(GOLD, PRED) == FindingScore(table.counts, table.strict)
    total = FindingScore()
    total.add(score_findings(GOLD, PRED))
    total.add(score_findings(GOLD[:2], PRED[3:4]))
    assert (total.loose.matched_gold, total.loose.n_gold, total.loose.n_pred) == (5, 7, 8)
