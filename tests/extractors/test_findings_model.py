"""The findings classifier: the shipped model, the threshold, and the lexicon fallback."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from reportmine.document import Document
from reportmine.extractors import findings
from reportmine.extractors.findings import (
    DEFAULT_MODEL_DIR,
    FindingExtractor,
    classifier_text,
    classify,
    decide,
    finding_candidates,
    load_model,
)

# Made-up sentences whose label nobody would dispute.
OBVIOUS = [
    ("Caseloads are too high and assessments are often delayed.", "weakness"),
    ("Management oversight is not consistently evident in case records.", "weakness"),
    ("Social workers know their children well and visits are timely.", "strength"),
    ("Decisions are timely and appropriate and plans are of good quality.", "strength"),
    ("The meeting started at ten in the council chamber.", "none"),
]
PAPER = (
    "Summary of findings\n" + "".join(f"\u2022 {s}\n" for s, _ in OBVIOUS[:4]) + "Arrangements\n"
    "The next meeting will be held in the council chamber on a Tuesday.\n"
)
needs_model = pytest.mark.skipif(
    not (DEFAULT_MODEL_DIR / "config.cfg").is_file(), reason="models/findings_textcat not built"
)


@needs_model
def test_shipped_model_loads_with_spacy_and_is_small() -> None:
    import spacy

    nlp = spacy.load(DEFAULT_MODEL_DIR)
    assert nlp.pipe_names == ["textcat"]
    assert set(nlp.get_pipe("textcat").labels) == {"strength", "weakness", "none"}
    assert 0.0 < nlp.meta["reportmine"]["threshold"] < 1.0
    size = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.rglob("*") if p.is_file())
    assert size < 20_000_000


# The evaluative sentences as bullets of a findings section, the procedural one in a
# section of its own: each is classified with the features the extractor gives it.
LAID_OUT = (
    "Summary of findings\n"
    + "".join(f"\u2022 {s}\n" for s, label in OBVIOUS if label != "none")
    + "Arrangements\n"
    + "".join(f"{s}\n" for s, label in OBVIOUS if label == "none")
)


@needs_model
@pytest.mark.parametrize(("sentence", "label"), OBVIOUS)
def test_shipped_model_labels_obvious_sentences(sentence: str, label: str) -> None:
    nlp = load_model(str(DEFAULT_MODEL_DIR))
    (cand,) = [c for c in finding_candidates(LAID_OUT) if c.text(LAID_OUT) == sentence]
    cats = classify(nlp, [classifier_text(sentence, cand.section, cand.kind, cand.context)])[0]
    assert max(cats, key=cats.get) == label


@needs_model
def test_extractor_uses_the_model_with_probabilities() -> None:
    doc = Document("d", "x.txt", "txt", PAPER)
    found = FindingExtractor().extract(doc)
    assert [(f.text, f.polarity) for f in found] == [(s, p) for s, p in OBVIOUS[:4]]
    for f in found:
        assert f.extractor == "findings.model:textcat"
        assert 0.0 <= f.confidence <= 1.0
        assert f.section == "Summary of findings"
        assert PAPER[f.char_start : f.char_end] == f.quote


@needs_model
def test_threshold_trades_precision_for_recall(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = Document("d", "x.txt", "txt", PAPER)
    loose = FindingExtractor(threshold=0.0).extract(doc)
    strict = FindingExtractor(threshold=0.999999).extract(doc)
    assert len(loose) == len(finding_candidates(PAPER))
    assert len(strict) < len(loose)
    monkeypatch.setenv(findings.THRESHOLD_ENV, "0.0")
    assert FindingExtractor().threshold == 0.0
    assert len(FindingExtractor().extract(doc)) == len(loose)


def test_missing_model_warns_once_and_falls_back_to_the_lexicon(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "no_model_here"
    load_model.cache_clear()
    with caplog.at_level(logging.WARNING, logger="reportmine.extractors.findings"):
        first = FindingExtractor(model_path=missing)
        second = FindingExtractor(model_path=missing)
    warnings = [r for r in caplog.records if "findings model not found" in r.getMessage()]
    assert len(warnings) == 1
    assert "reportmine train" in warnings[0].getMessage()
    assert first.nlp is None and second.nlp is None
    found = first.extract(Document("d", "x.txt", "txt", PAPER))
    assert found, "the lexicon still finds the obvious findings"
    assert {f.extractor for f in found} == {"findings.rules:lexicon"}
    assert {f.polarity for f in found} == {"strength", "weakness"}


def test_model_folder_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(findings.MODEL_ENV, str(tmp_path / "elsewhere"))
    assert findings.model_dir() == tmp_path / "elsewhere"
    assert FindingExtractor().nlp is None


def test_decide() -> None:
    cats = {"strength": 0.3, "weakness": 0.25, "none": 0.45}
    assert decide(cats, 0.5) == ("strength", pytest.approx(0.55))
    assert decide(cats, 0.6)[0] == "none"
    assert decide({"strength": 0.1, "weakness": 0.7, "none": 0.2}, 0.5)[0] == "weakness"


def test_candidates_carry_their_section_and_skip_action_labels() -> None:
    text = (
        "KEY ISSUES\n"
        "Action: The new duty team has reduced waiting times for families.\n"
        "5.1 Caseloads in the assessment team remain far too high for new staff.\n"
        "\u2022 Children wait too long for their plans to be\n"
        "7\n"
        "agreed by managers in the area teams.\n"
    )
    cands = finding_candidates(text)
    got = [(c.text(text), c.section, c.kind) for c in cands]
    assert got == [
        ("The new duty team has reduced waiting times for families.", "KEY ISSUES", "paragraph"),
        (
            "Caseloads in the assessment team remain far too high for new staff.",
            "KEY ISSUES",
            "numbered",
        ),
        (
            "Children wait too long for their plans to be agreed by managers in the area teams.",
            "KEY ISSUES",
            "bullet",
        ),
    ]


@needs_model
def test_fast_bag_of_words_scores_equal_spacys_own_pipeline() -> None:
    """BowScorer must give exactly what spaCy's textcat gives on every corpus candidate,
    including words spaCy maps to fixed symbol ids ("number")."""
    import numpy

    nlp = load_model(str(DEFAULT_MODEL_DIR))
    texts = []
    for path in sorted((Path(__file__).parents[2] / "corpus" / "papers" / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for c in finding_candidates(text):
            texts.append(classifier_text(c.text(text), c.section, c.kind, c.context))
    assert len(texts) > 100 and any(" number " in t for t in texts)
    scorer = findings.BowScorer.for_model(nlp, texts[:5])
    assert scorer is not None
    expected = [[doc.cats[label] for label in nlp.get_pipe("textcat").labels]
                for doc in nlp.pipe(findings.classifier_doc(nlp, t) for t in texts)]
    assert numpy.allclose(scorer.scores(texts), expected, atol=1e-6)


def test_fast_path_is_refused_for_a_model_it_does_not_know() -> None:
    import spacy

    nlp = spacy.blank("en")
    assert findings.BowScorer.for_model(nlp, ["x"]) is None  # no textcat at all


@needs_model
def test_fast_path_word_cache_stays_bounded_and_scores_do_not_change(monkeypatch) -> None:
    import numpy

    nlp = load_model(str(DEFAULT_MODEL_DIR))
    scorer = findings.BowScorer(nlp)
    texts = [s for s, _ in OBVIOUS]
    before = scorer.scores(texts)
    monkeypatch.setattr(findings, "_ID_CACHE_LIMIT", 3)
    scorer.scores(["one two three four five"])
    assert len(scorer._ids) <= 3 + 5
    assert numpy.array_equal(scorer.scores(texts), before)
