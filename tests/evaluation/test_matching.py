"""The contract's matching rules, one table-driven case per rule."""

from __future__ import annotations

import pytest

from reportmine.evaluation.matching import (
    greedy,
    match_inspections,
    match_metrics,
    match_text,
)
from reportmine.evaluation.tables import (
    score_document_fields,
    score_findings,
    score_metrics,
)
from reportmine.evaluation.textnorm import text_similarity


def m(value, unit="count", **kw):
    return {"metric": "other", "value": value, "unit": unit, **kw}


@pytest.mark.parametrize(
    ("gold", "pred", "unit", "matches"),
    [
        (100.0, 100.4, "percent", True),  # 0.4 % off
        (100.0, 100.5, "percent", True),  # exactly 0.5 %: inclusive
        (100.0, 100.6, "percent", False),  # 0.6 % off
        (923000, 925000, "gbp", True),  # 0.22 %
        (923000, 930000, "gbp", False),  # 0.76 %
        (4_300_000, 4_300_000, "gbp", True),
        (18, 18, "cases_per_worker", True),
        (400, 400, "count", True),
        (400, 401, "count", False),  # counts are exact: 0.25 % is not enough
        (1000, 1001, "count", False),
        (5000, -5000, "gbp", True),  # the eval compares magnitudes
        (0, 0, "percent", True),
        (0, 0.001, "percent", False),
    ],
)
def test_metric_value_tolerance(gold, pred, unit, matches):
    pairs = match_metrics([m(gold, unit)], [m(pred, unit)])
    assert bool(pairs) is matches


def test_metric_unit_must_agree():
    assert match_metrics([m(87.0, "percent")], [m(87.0, "count")]) == []


def test_value_max_matches_a_gold_row_of_its_own():
    gold = [m(1_200_000, "gbp"), m(1_500_000, "gbp")]
    preds = [m(1_200_000, "gbp", value_max=1_500_000)]
    pairs = match_metrics(gold, preds)
    assert {(p.gold, p.slot) for p in pairs} == {(0, "value"), (1, "value_max")}
    score, problems = score_metrics(gold, preds)
    c = score.counts
    assert (c.n_gold, c.n_pred, c.matched_gold, c.matched_pred) == (2, 1, 2, 1)
    assert c.precision == c.recall == c.f1 == 1.0
    assert problems == []


def test_value_max_alone_can_match_and_range_gold_matches_by_value():
    # gold gives only the upper figure: the range prediction still counts as found
    pairs = match_metrics([m(1_500_000, "gbp")], [m(1_200_000, "gbp", value_max=1_500_000)])
    assert [(p.gold, p.pred, p.slot) for p in pairs] == [(0, 0, "value_max")]
    # gold written as one range row matches the prediction's value
    gold = [m(1_200_000, "gbp", value_max=1_500_000)]
    pairs = match_metrics(gold, [m(1_200_000, "gbp", value_max=1_500_000)])
    assert [(p.gold, p.slot) for p in pairs] == [(0, "value")]


def test_metrics_one_to_one_and_ties_go_to_the_same_metric_name():
    gold = [m(18, "cases_per_worker", metric="caseload"), m(18, "count", metric="vacancies")]
    preds = [m(18, "cases_per_worker", metric="caseload"), m(18, "cases_per_worker")]
    score, problems = score_metrics(gold, preds)
    assert (score.counts.matched_gold, score.counts.matched_pred) == (1, 1)
    assert [p.kind for p in problems] == ["miss", "false_alarm"]
    assert score.attributes["metric"].value == 1.0  # the caseload pred took the caseload gold


def test_metric_attributes_previous_value_and_target():
    gold = [m(18, "cases_per_worker", metric="caseload", previous_value=21, is_target=False)]
    preds = [m(18, "cases_per_worker", metric="caseload", previous_value=None, is_target=True)]
    score, problems = score_metrics(gold, preds)
    assert score.attributes["previous_value"].value == 0.0
    assert score.attributes["is_target"].value == 0.0
    assert score.attributes["metric"].value == 1.0
    assert {p.detail.split(":")[0] for p in problems} == {"previous_value", "is_target"}


def test_greedy_takes_best_pairs_first_and_is_one_to_one():
    # pred 0 fits gold 1 best (100) and gold 0 at 85; pred 1 fits only gold 0 (90)
    table = {(0, 0): 85, (1, 0): 100, (0, 1): 90}
    pairs = greedy(2, [(0, "value"), (1, "value")], lambda g, s: (table[(g, s)],)
                   if (g, s) in table else None)
    assert {(p.gold, p.pred) for p in pairs} == {(1, 0), (0, 1)}


def test_greedy_ties_fall_to_earlier_rows():
    pairs = greedy(2, [(0, "value")], lambda g, s: (1,))
    assert [(p.gold, p.pred) for p in pairs] == [(0, 0)]


def test_two_predictions_of_one_gold_finding_leave_a_false_alarm():
    gold = [{"text": "Caseloads are too high.", "polarity": "weakness"}]
    preds = [
        {"text": "Caseloads are too high", "polarity": "weakness"},
        {"text": "caseloads are too high and too complex", "polarity": "weakness"},
    ]
    score, problems = score_findings(gold, preds, recommendations=False)
    assert (score.counts.matched_gold, score.counts.matched_pred) == (1, 1)
    assert score.counts.precision == 0.5
    (alarm,) = [p for p in problems if p.kind == "false_alarm"]
    assert "complex" in alarm.text  # the closer full text won the gold row


@pytest.mark.parametrize(
    ("gold", "pred", "matches"),
    [
        ("Caseloads are too high and too complex.", "caseloads are too high", True),
        ("Children\u2019s plans lack \u201cSMART\u201d actions", "Children's plans lack \"SMART\" "
         "actions", True),  # quote glyphs normalised
        ("Ensure  that\nall assessments are timely", "ensure that all assessments are timely",
         True),  # whitespace collapsed
        ("decision\ufffemaking is weak", "decision-making is weak", True),
        ("abcdefghijklmnopqrst", "abcde####jklmnopqrst", True),  # partial_ratio exactly 80
        ("The quality of supervision", "The timeliness of supervision", False),  # 75
        ("Ensure that all assessments are timely", "Make sure every assessment is prompt", False),
    ],
)
def test_partial_ratio_threshold(gold, pred, matches):
    assert (text_similarity(gold, pred) >= 80) is matches
    assert bool(match_text([{"text": gold}], [{"text": pred}])) is matches


@pytest.mark.parametrize(
    ("gold_span", "pred_span", "matches"),
    [
        ((100, 200), (100, 200), True),
        ((100, 200), (120, 210), True),  # 80 of 110
        ((100, 200), (150, 260), False),  # 50 of 110: less than half of the longer span
        ((100, 200), (0, 1000), False),  # a whole page does not match every sentence in it
        ((100, 200), (300, 400), False),
    ],
)
def test_evidence_spans_overlapping_by_half(gold_span, pred_span, matches):
    gold = {"text": "alpha beta gamma", "char_start": gold_span[0], "char_end": gold_span[1]}
    pred = {"text": "zzzz yyyy xxxx", "char_start": pred_span[0], "char_end": pred_span[1]}
    assert bool(match_text([gold], [pred])) is matches


def test_spans_ignored_when_gold_has_no_offsets():
    assert match_text([{"text": "alpha beta"}], [{"text": "zzz", "char_start": 0,
                                                   "char_end": 3}]) == []


def test_strict_needs_polarity_loose_does_not():
    gold = [{"text": "Supervision is regular and reflective.", "polarity": "strength"},
            {"text": "Too many children wait for an assessment.", "polarity": "weakness"}]
    preds = [{"text": "Supervision is regular and reflective.", "polarity": "weakness"},
             {"text": "Too many children wait for an assessment.", "polarity": "weakness"}]
    score, problems = score_findings(gold, preds, recommendations=False)
    assert score.counts.f1 == 1.0
    assert score.strict.matched_gold == 1 and score.strict.f1 == 0.5
    assert score.attributes["polarity"].value == 0.5
    assert [p.kind for p in problems] == ["wrong"]


def test_recommendation_mode_ignores_other_findings():
    gold = [{"text": "Improve the timeliness of assessments.", "is_recommendation": True,
             "polarity": "weakness"}]
    preds = [
        {"text": "Improve the timeliness of assessments.", "is_recommendation": True,
         "polarity": "weakness"},
        {"text": "Leaders know their services well.", "is_recommendation": False,
         "polarity": "strength"},
        {"text": "Ensure that care leavers have pathway plans.", "is_recommendation": True,
         "polarity": "weakness"},
    ]
    score, _ = score_findings(gold, preds, recommendations=True)
    assert score.table == "recommendations"
    assert (score.counts.n_pred, score.counts.matched_pred) == (2, 1)
    assert (score.counts.precision, score.counts.recall) == (0.5, 1.0)


@pytest.mark.parametrize(
    ("gold", "pred", "matches"),
    [
        (("sif", "2014-07-02"), ("sif", "2014-07-02"), True),
        (("ilacs", None), ("ilacs", None), True),  # both dates null
        (("ilacs_short", "2019-07-08"), ("ilacs", "2019-07-08"), False),  # type must agree
        (("sif", "2014-07-02"), ("sif", "2014-07-03"), False),
        (("sif", "2014-07-02"), ("sif", None), False),
    ],
)
def test_inspection_key(gold, pred, matches):
    from datetime import date

    pred_date = date.fromisoformat(pred[1]) if pred[1] else None  # predictions carry dates
    pairs = match_inspections([{"inspection_type": gold[0], "start_date": gold[1]}],
                              [{"inspection_type": pred[0], "start_date": pred_date}])
    assert bool(pairs) is matches


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ({"council": "Blackpool"}, {"council": "Blackpool"}, {"council": True}),
        ({"council": None}, {"council": "Blackpool"}, {"council": False}),  # gold null counts
        ({"council": None}, {"council": None}, {"council": True}),
        ({}, {"council": "Blackpool"}, {}),  # key absent: not scored
        ({"committee": "Children and Young People's Scrutiny Committee"},
         {"committee": "Children & Young People's Scrutiny Committee"}, {"committee": True}),
        ({"committee": "Executive Board"}, {"committee": "Cabinet"}, {"committee": False}),
        ({"meeting_date": "2020-07-09"}, {"meeting_date": "2020-07-09"},
         {"meeting_date": True}),
        ({"doc_kind": "minutes"}, {"doc_kind": "report"}, {"doc_kind": False}),
    ],
)
def test_document_fields(gold, pred, expected):
    checks, _ = score_document_fields(gold, pred)
    assert {k: v.ok for k, v in checks.items()} == expected
