"""The findings classifier: the shipped model, the threshold, and the lexicon fallback."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from reportmine.core.config import PipelineConfig
from reportmine.core.document import Document
from reportmine.extractors.bow_model import BowModel
from reportmine.extractors.findings import (
    DEFAULT_MODEL_DIR,
    FindingExtractor,
    classifier_text,
    classify,
    decide,
    finding_candidates,
    load_classifier,
    load_model,
)
from reportmine.extractors.registry import default_extractors

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
    [configured] = [
        e for e in default_extractors(PipelineConfig(findings_threshold=0.0))
        if isinstance(e, FindingExtractor)
    ]
    assert configured.threshold == 0.0
    assert len(configured.extract(doc)) == len(loose)


def test_missing_model_warns_once_and_falls_back_to_the_lexicon(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "no_model_here"
    load_model.cache_clear()
    load_classifier.cache_clear()
    with caplog.at_level(logging.WARNING, logger="reportmine.extractors.findings"):
        first = FindingExtractor(model_path=missing)
        second = FindingExtractor(model_path=missing)
    warnings = [r for r in caplog.records if "findings model not found" in r.getMessage()]
    assert len(warnings) == 1
    assert "reportmine train" in warnings[0].getMessage()
    assert first.model is None and second.model is None
    found = first.extract(Document("d", "x.txt", "txt", PAPER))
    assert found, "the lexicon still finds the obvious findings"
    assert {f.extractor for f in found} == {"findings.rules:lexicon"}
    assert {f.polarity for f in found} == {"strength", "weakness"}


def test_model_folder_from_the_configuration(tmp_path: Path) -> None:
    config = PipelineConfig(findings_model=tmp_path / "elsewhere")
    [finder] = [e for e in default_extractors(config) if isinstance(e, FindingExtractor)]
    assert finder.model is None


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
def test_extractor_reads_the_numpy_export_and_the_threshold_from_meta() -> None:
    extractor = FindingExtractor()
    assert isinstance(extractor.model, BowModel)
    meta = json.loads((DEFAULT_MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert extractor.threshold == meta["reportmine"]["threshold"]


@needs_model
def test_without_the_export_the_extractor_loads_spacy_and_finds_the_same(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, copy, ignore=shutil.ignore_patterns("bow.npz"))
    assert BowModel.load(copy) is None
    doc = Document("d", "x.txt", "txt", PAPER)
    slow = FindingExtractor(model_path=copy)  # spaCy loads it: same model, same findings
    assert slow.model is not None and slow.threshold == FindingExtractor().threshold
    assert slow.extract(doc) == FindingExtractor().extract(doc)


@needs_model
def test_classify_takes_a_spacy_pipeline_or_its_export() -> None:
    texts = [s for s, _ in OBVIOUS]
    from_nlp = classify(load_model(str(DEFAULT_MODEL_DIR)), texts)
    from_export = classify(load_classifier(str(DEFAULT_MODEL_DIR)), texts)
    assert len(from_nlp) == len(texts)
    for a, b in zip(from_nlp, from_export, strict=True):
        assert a == pytest.approx(b, abs=1e-6)


def _other_architecture_pipeline():
    """A blank pipeline whose text classifier is not a bag-of-words model."""
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatReduce.v1",
                "exclusive_classes": True,
                "use_reduce_first": False,
                "use_reduce_last": False,
                "use_reduce_max": False,
                "use_reduce_mean": True,
                "tok2vec": {
                    "@architectures": "spacy.HashEmbedCNN.v2",
                    "width": 8,
                    "depth": 1,
                    "embed_size": 64,
                    "window_size": 1,
                    "maxout_pieces": 2,
                    "subword_features": False,
                    "pretrained_vectors": None,
                },
            }
        },
    )
    for label in ("strength", "weakness", "none"):
        textcat.add_label(label)
    nlp.initialize(lambda: [Example.from_dict(nlp.make_doc("x y"), {"cats": {"none": 1.0}})])
    return nlp


def test_classify_uses_spacy_for_a_model_the_export_does_not_cover() -> None:
    """A text classifier of another architecture is scored by spaCy itself."""
    nlp = _other_architecture_pipeline()
    assert BowModel.for_nlp(nlp) is None
    (cats,) = classify(nlp, ["Plans are good."])
    assert set(cats) == {"strength", "weakness", "none"}
    assert sum(cats.values()) == pytest.approx(1.0, abs=1e-5)


def test_saving_a_model_the_export_does_not_cover_keeps_the_spacy_model(tmp_path, caplog) -> None:
    from reportmine.training.textcat import save

    with caplog.at_level(logging.WARNING):
        save(_other_architecture_pipeline(), tmp_path / "model", {"reportmine": {}})
    assert (tmp_path / "model" / "config.cfg").is_file()
    assert not (tmp_path / "model" / "bow.npz").exists()
    assert "bow.npz" in caplog.text
