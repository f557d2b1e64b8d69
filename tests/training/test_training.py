"""Training the findings model: labels from gold, folds by council, reproducibility."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportmine.evaluation.textnorm import normalise
from reportmine.extractors.findings import classifier_text, classify
from reportmine.training.crossval import make_folds
from reportmine.training.data import EXHAUSTIVE, discover, load_doc
from reportmine.training.matching import score_findings, text_pairs
from reportmine.training.textcat import TrainConfig, train_textcat
from reportmine.training.train import TrainOptions, run_training, summary

SMALL = TrainConfig(seed=7, epochs=2, length=2**12)

# Made-up papers: (findings section sentences with labels, other sentences).
PAPERS = {
    "a": [
        ("Social workers know their children well.", "strength"),
        ("Caseloads are too high in the duty team.", "weakness"),
        ("The meeting was held in the town hall on Monday.", None),
    ],
    "b": [
        ("Assessments are timely and of good quality.", "strength"),
        ("Plans are not reviewed often enough for disabled children.", "weakness"),
        ("The report was circulated to all members before the meeting.", None),
    ],
    "c": [
        ("Managers provide regular and reflective supervision.", "strength"),
        ("There are delays in the response to contacts from schools.", "weakness"),
        ("Members are asked to note the contents of this report.", None),
    ],
}


def make_corpus(root: Path) -> Path:
    """A corpus/ folder of made-up papers and exhaustive gold, in the project's layout."""
    for name, sentences in PAPERS.items():
        papers = root / "papers" / "seeds"
        gold = root / "gold" / "seeds"
        papers.mkdir(parents=True, exist_ok=True)
        gold.mkdir(parents=True, exist_ok=True)
        text = "Summary of findings\n" + "\n".join(s for s, _ in sentences) + "\n"
        (papers / f"{name}.txt").write_text(text, encoding="utf-8")
        findings = [
            {"text": s, "polarity": p, "is_recommendation": False} for s, p in sentences if p
        ]
        (gold / f"{name}.json").write_text(json.dumps({"findings": findings}), encoding="utf-8")
    return root


def test_normalise_and_one_to_one_matching() -> None:
    assert normalise("Caseloads \u2013 \u201ctoo\u201d  HIGH") == 'caseloads - "too" high'
    gold = [{"text": "Caseloads are too high."}, {"text": "Plans are good."}]
    pred = ["Plans are good.", "caseloads are too high", "plans are good."]
    assert text_pairs(gold, pred) == [(0, 1), (1, 0)]


def test_strict_needs_polarity_loose_does_not() -> None:
    gold = [{"text": "Caseloads are too high.", "polarity": "weakness"}]
    pred = [{"text": "Caseloads are too high.", "polarity": "strength"}]
    score = score_findings(gold, pred)
    assert (score.loose.matched_gold, score.strict.matched_gold) == (1, 0)


def test_folds_are_by_group_and_fixed_by_seed() -> None:
    groups = ["corpus/a", "corpus/a", "corpus/b", "corpus/c", "corpus/d"]
    folds = make_folds(groups, 3, seed=1)
    assert folds == make_folds(groups, 3, seed=1)
    assert sorted(g for fold in folds for g in fold) == [
        "corpus/a",
        "corpus/b",
        "corpus/c",
        "corpus/d",
    ]
    assert len(make_folds(groups, 10, seed=1)) == 4


def test_labels_come_from_gold(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    docs = discover(corpus, None)
    assert [d.rel for d in docs] == ["seeds/a.txt", "seeds/b.txt", "seeds/c.txt"]
    assert {d.scope for d in docs} == {EXHAUSTIVE}
    data = load_doc(docs[0])
    assert [(e.sentence, e.label) for e in data.examples] == [
        ("Social workers know their children well.", "strength"),
        ("Caseloads are too high in the duty team.", "weakness"),
        ("The meeting was held in the town hall on Monday.", "none"),
    ]
    assert {e.section for e in data.examples} == {"Summary of findings"}


def test_training_twice_with_the_same_seed_gives_identical_predictions() -> None:
    examples = [
        (classifier_text(s, "Summary of findings", "bullet"), label or "none")
        for sentences in PAPERS.values()
        for s, label in sentences
    ]
    probe = [classifier_text(s, "Findings", "paragraph") for s, _ in PAPERS["a"]]
    first = classify(train_textcat(examples, SMALL), probe)
    second = classify(train_textcat(examples, SMALL), probe)
    assert first == second


def test_run_training_writes_a_loadable_model_with_provenance(tmp_path: Path) -> None:
    import spacy

    corpus = make_corpus(tmp_path / "corpus")
    out = tmp_path / "model"
    options = TrainOptions(corpus, None, out, folds=3, config=SMALL)
    meta = run_training(options, say=lambda _: None)
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["textcat"]
    written = json.loads((out / "meta.json").read_text(encoding="utf-8"))["reportmine"]
    assert written["training_data"]["documents"] == 3
    assert written["training_data"]["examples"] == {"strength": 3, "weakness": 3, "none": 3}
    cv = written["cross_validation"]
    assert len(cv["folds"]) == 3 and cv["seed"] == 7
    assert set(cv["confusion_matrix"]) == {"strength", "weakness", "none"}
    assert {"strict", "loose"} <= set(cv["scores"]["all"])
    assert [p["document"] for p in written["provenance"]] == [
        "corpus/seeds/a.txt",
        "corpus/seeds/b.txt",
        "corpus/seeds/c.txt",
    ]
    assert written["model_size_bytes"] > 0
    assert meta["reportmine"]["threshold"] == written["threshold"]
    text = summary(meta, per_doc=True)
    assert "strict" in text and "corpus/seeds/b.txt" in text
    # the saved vocabulary holds no word of the training documents
    strings = json.loads((out / "vocab" / "strings.json").read_text(encoding="utf-8"))
    assert "Caseloads" not in strings and "supervision" not in strings


def test_same_data_gives_the_same_scores_and_meta(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    metas = []
    for name in ("one", "two"):
        run_training(TrainOptions(corpus, None, tmp_path / name, folds=3, config=SMALL), say=print)
        metas.append((tmp_path / name / "meta.json").read_text(encoding="utf-8"))
    assert metas[0] == metas[1]
    assert (tmp_path / "one" / "textcat" / "model").read_bytes() == (
        tmp_path / "two" / "textcat" / "model"
    ).read_bytes()


def test_no_training_data_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no exhaustively annotated documents"):
        run_training(TrainOptions(tmp_path, None, tmp_path / "m"), say=lambda _: None)


def test_anchored_gold_of_shared_documents_trains_like_exhaustive_gold(tmp_path: Path) -> None:
    """Offset-anchored gold (corpus/gold-shared) labels the shared document's sentences,
    and letters of different councils with the same file name stay separate groups."""
    from reportmine.evaluation.anchored import ANCHOR_KEY
    from reportmine.loaders import load_document

    corpus = make_corpus(tmp_path / "corpus")
    shared = tmp_path / "shared"
    for council in ("north", "south"):
        letter = shared / "letters" / council / "focused visit.txt"
        letter.parent.mkdir(parents=True)
        letter.write_text(
            "Main findings\nLeaders know their services well.\nThe visit took two days.\n",
            encoding="utf-8",
        )
        doc = load_document(letter, shared)
        start = doc.text.index("Leaders")
        gold = corpus / "gold-shared" / "letters" / council / "focused visit.json"
        gold.parent.mkdir(parents=True)
        row = {"page": 1, "start": start, "end": start + 33, "polarity": "strength"}
        gold.write_text(
            json.dumps(
                {ANCHOR_KEY: {"path": f"letters/{council}/focused visit.txt",
                              "doc_id": doc.doc_id}, "findings": [row]}
            ),
            encoding="utf-8",
        )
    found = [d for d in discover(corpus, shared) if d.source_name == "letters"]
    assert [d.scope for d in found] == [EXHAUSTIVE, EXHAUSTIVE]
    assert len({d.group for d in found}) == 2
    labels = {e.sentence: e.label for e in load_doc(found[0]).examples}
    assert labels == {
        "Leaders know their services well.": "strength",
        "The visit took two days.": "none",
    }
    assert discover(corpus, None) == discover(corpus, tmp_path / "absent")


def test_project_gold_trains_even_for_a_held_out_source(tmp_path: Path) -> None:
    from reportmine.training.data import AnnotatedDoc, DocData
    from reportmine.training.train import split_roles

    def doc(source: str, project: bool) -> DocData:
        a = AnnotatedDoc(source, f"{source}-{project}.pdf", tmp_path / "x.pdf",
                         tmp_path / "x.json", EXHAUSTIVE, project_gold=project)
        return DocData(a, [])

    corpus, kent_gold, kent_ours = doc("corpus", False), doc("kent", False), doc("kent", True)
    train, held = split_roles([corpus, kent_gold, kent_ours], ("corpus",), ("kent",))
    assert train == [corpus, kent_ours]
    assert held == [kent_gold]


def test_council_page_gold_trains_and_folds_by_council(tmp_path: Path) -> None:
    """Council pages annotated as offsets into the page file (../shared/council-minutes
    and corpus/gold-shared/council-minutes) are exhaustive training documents, and every
    page of one council shares a cross-validation group."""
    corpus = make_corpus(tmp_path / "corpus")
    shared = tmp_path / "shared"
    pages = shared / "council-minutes"
    (pages / "gold").mkdir(parents=True)
    text = "Minutes:\nCaseloads are too high in the assessment teams.\nThe Panel met at six.\n"
    start = text.index("Caseloads")
    row = {"start": start, "end": text.index(".", start) + 1, "polarity": "weakness"}
    for name, gold_dir in (
        ("democracy.leeds.gov.uk_ai_id1", pages / "gold"),
        ("democracy.leeds.gov.uk_ai_id2", corpus / "gold-shared" / "council-minutes"),
        ("democracy.york.gov.uk_ai_id3", corpus / "gold-shared" / "council-minutes"),
    ):
        (pages / f"{name}.txt").write_text(text, encoding="utf-8")
        gold_dir.mkdir(parents=True, exist_ok=True)
        (gold_dir / f"{name}.json").write_text(json.dumps({"findings": [row]}), "utf-8")
    found = sorted(
        (d for d in discover(corpus, shared) if d.source_name == "council-minutes"),
        key=lambda d: d.rel,
    )
    assert [(d.rel, d.group, d.project_gold) for d in found] == [
        ("democracy.leeds.gov.uk_ai_id1.txt", "council/Leeds", False),
        ("democracy.leeds.gov.uk_ai_id2.txt", "council/Leeds", True),
        ("democracy.york.gov.uk_ai_id3.txt", "council/York", True),
    ]
    labels = {e.sentence: e.label for e in load_doc(found[0]).examples}
    assert labels["Caseloads are too high in the assessment teams."] == "weakness"
