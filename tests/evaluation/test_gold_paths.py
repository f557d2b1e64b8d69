"""Pairing gold files with run documents across several gold folders, and the scope rule."""

from __future__ import annotations

import pytest

from reportmine.evaluation import evaluate
from reportmine.evaluation.gold import GoldError, load_gold_dir
from reportmine.evaluation.pathmatch import find_source, index_by_suffix, strip_ext
from tests.evaluation.helpers import (
    action,
    doc,
    finding,
    inspection,
    metric,
    write_gold,
    write_run,
)

RUN_PATHS = [
    "ofsted-reports/80461_devon/children's services inspection - 12 may 2015.pdf",
    "kent-council-papers/cabinet/2025-01-30/Budget report .pdf",
    "seeds/000_abc.txt",
    "other/seeds/000_abc.md",
    # a run over a folder that holds its own gold sees the gold JSON as an input too
    "ofsted-reports/gold/80461_devon/children's services inspection - 12 may 2015.json",
]


@pytest.mark.parametrize(
    ("gold_rel", "expected"),
    [
        ("80461_devon/children's services inspection - 12 may 2015.json", [RUN_PATHS[0]]),
        ("cabinet/2025-01-30/Budget report .json", [RUN_PATHS[1]]),
        ("2025-01-30/Budget report .json", [RUN_PATHS[1]]),
        ("seeds/000_abc.json", [RUN_PATHS[2], RUN_PATHS[3]]),  # shortest path first
        ("papers/seeds/000_abc.json", []),
        ("evon/children's services inspection - 12 may 2015.json", []),  # folder boundary
        ("000_ab.json", []),
    ],
)
def test_path_suffix(gold_rel, expected):
    assert find_source(strip_ext(gold_rel), index_by_suffix(RUN_PATHS)) == expected


def _ofsted_gold(findings):
    return {
        "document": {"council": "Devon", "doc_kind": "inspection_report"},
        "inspections": [{"inspection_type": "sif", "start_date": "2015-02-24",
                         "end_date": "2015-03-18", "judgement": "requires_improvement"}],
        "findings": findings,
        "metrics": [],
        "actions": [],
    }


@pytest.fixture
def setup(tmp_path):
    """A run of three documents and three gold folders (one per kind of gold)."""
    out = write_run(
        tmp_path / "out",
        [
            doc("d1", RUN_PATHS[0], council="Devon", doc_kind="inspection_report"),
            doc("d2", RUN_PATHS[1], council="Kent", doc_kind="report"),
            doc("d3", RUN_PATHS[2], council="Blackpool", doc_kind="minutes"),
            doc("dj", RUN_PATHS[4]),
        ],
        [
            inspection("d1", "sif", "2015-02-24", "2015-03-18", judgement="inadequate"),
            finding("d1", "Ensure that plans are specific.", is_recommendation=True),
            finding("d1", "Leaders know the service well.", polarity="strength"),
            metric("d1", 21, "cases_per_worker"),  # not scored: Ofsted gold has metrics: []
            action("d1", "The council will publish a plan."),
            metric("d2", 4_300_000, "gbp", metric="money"),
            action("d2", "Cabinet agreed the budget.", kind="resolution"),
            finding("d3", "Caseloads are too high.", polarity="weakness"),
            action("d3", "ACTION: report back in June.", kind="action_point"),
        ],
    )
    ofsted = tmp_path / "shared" / "ofsted-reports" / "gold"
    write_gold(ofsted, "80461_devon/children's services inspection - 12 may 2015.json",
               _ofsted_gold([{"text": "Ensure that plans are specific.",
                              "is_recommendation": True, "polarity": "weakness"},
                             {"text": "Improve supervision.", "is_recommendation": True,
                              "polarity": "weakness"}]))
    write_gold(ofsted, "80999_nowhere/children's services inspection - 01 may 2020.json",
               _ofsted_gold([]))
    (ofsted / "DISAGREEMENTS.md").write_text("notes, not gold")
    kent = tmp_path / "shared" / "kent-council-papers" / "gold"
    write_gold(kent, "cabinet/2025-01-30/Budget report .json", {
        "document": {"council": "Kent", "doc_kind": "report", "meeting_date": "2025-01-30"},
        "inspections": [], "findings": [],
        "metrics": [{"metric": "money", "value": 4_300_000, "unit": "gbp"}],
        "actions": [{"text": "Cabinet agreed the budget.", "kind": "resolution"}],
    })
    corpus = tmp_path / "corpus" / "gold"
    write_gold(corpus, "seeds/000_abc.json", {
        "document": {"council": "Blackpool", "doc_kind": "minutes", "committee": None},
        "inspections": [], "findings": [{"text": "Caseloads are too high.",
                                         "polarity": "weakness", "is_recommendation": False}],
        "metrics": [], "actions": [],
    })
    return out, [ofsted, kent, corpus]


def test_several_gold_dirs(setup):
    out, gold_dirs = setup
    report = evaluate(gold_dirs, out)
    assert [g.name for g in report.groups] == ["ofsted-reports", "kent-council-papers", "corpus"]
    ofsted, kent, corpus = report.groups
    assert [d.source_path for d in ofsted.docs] == [RUN_PATHS[0]]
    assert ofsted.not_in_run == ["80999_nowhere/children's services inspection - 01 may 2020"]
    assert [d.source_path for d in kent.docs] == [RUN_PATHS[1]]
    assert [d.source_path for d in corpus.docs] == [RUN_PATHS[2]]
    assert report.total is not None and len(report.total.docs) == 3
    assert report.peer is None  # no peer CSV beside these gold folders


def test_ofsted_gold_scope(setup):
    out, gold_dirs = setup
    ofsted = evaluate(gold_dirs[0], out).group("ofsted-reports")
    # metrics/actions lists are empty in Ofsted gold: not annotated, so not scored
    assert set(ofsted.tables) == {"inspections", "recommendations"}
    rec = ofsted.tables["recommendations"].counts
    assert (rec.n_gold, rec.n_pred, rec.matched_gold) == (2, 1, 1)  # the strength is ignored
    assert ofsted.tables["inspections"].attributes["judgement"].value == 0.0
    assert set(ofsted.document_fields) == {"council", "doc_kind"}  # only keys the gold has


def test_exhaustive_gold_scores_empty_lists(setup):
    out, gold_dirs = setup
    report = evaluate(gold_dirs[1:], out)
    corpus = report.group("corpus")
    # corpus gold says "no actions": the predicted action is a false alarm
    assert corpus.tables["actions"].counts.n_pred == 1
    assert corpus.tables["actions"].counts.precision == 0.0
    assert corpus.tables["findings"].counts.f1 == 1.0
    assert corpus.document_fields["committee"].correct == 1  # gold null, predicted null
    kent = report.group("kent-council-papers")
    assert kent.tables["metrics"].counts.f1 == 1.0
    assert kent.tables["actions"].attributes["kind"].value == 1.0
    assert kent.document_fields["meeting_date"].correct == 0  # predicted none


def test_empty_recommendation_list_is_a_precision_check(tmp_path):
    out = write_run(tmp_path / "out", [doc("d1", "thurrock/report.pdf")],
                    [finding("d1", "Ensure something.", is_recommendation=True)])
    gold = tmp_path / "gold"
    write_gold(gold, "thurrock/report.json", _ofsted_gold([]))
    score = evaluate(gold, out).groups[0].tables["recommendations"]
    assert (score.counts.n_gold, score.counts.n_pred, score.counts.precision) == (0, 1, 0.0)


def test_broken_gold_is_loud(tmp_path):
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "bad.json").write_text("{not json")
    with pytest.raises(GoldError, match="bad.json"):
        load_gold_dir(tmp_path / "g")
