"""The numpy scorer of the findings classifier must give exactly spaCy's scores.

Each hash is checked against the library that defines it (spaCy's string ids, thinc's
n-gram keys and sparse-linear weight lookup), then the whole model against spaCy's
textcat on every candidate of the corpus; the export must refuse a file that does not
reproduce its probe, and extraction must not import spaCy.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.extractors import bow_model
from reportmine.extractors.bow_model import (
    FILE_NAME,
    PROBE,
    BowModel,
    classifier_words,
    export_bow,
    murmurhash3_32,
    ngram_keys,
    spacy_doc,
    spacy_scores,
    word_ids,
)
from reportmine.extractors.findings import (
    DEFAULT_MODEL_DIR,
    classifier_features,
    classifier_text,
    finding_candidates,
    load_model,
)

REPO = Path(__file__).resolve().parents[2]
needs_model = pytest.mark.skipif(
    not (DEFAULT_MODEL_DIR / FILE_NAME).is_file(), reason="models/findings_textcat not built"
)


def _symbols() -> dict[str, int]:
    from spacy.symbols import IDS

    return dict(IDS)


def _spacy_ids(words: list[str]) -> list[int]:
    from spacy.strings import get_string_id

    return [get_string_id(w) for w in words]


# ---- the hashes -------------------------------------------------------------------------

WORDS = [
    "",  # spaCy's id 0
    "number",  # spaCy symbols keep their fixed ids
    "ORTH",
    "IS_ALPHA",
    "x",
    "ab",
    "abcdefg",  # 7 bytes: tail only
    "abcdefgh",  # one block, no tail
    "abcdefghi",
    "abcdefghijklmnop",
    "abcdefghijklmnopqrst",  # 20 bytes
    "Caseloads",
    "caf\u00e9",
    "\u00fcber-na\u00efve",
    "\u65e5\u672c\u8a9e",
    "\U0001f642",
    "zzkindbullet_pos",
    "\u2014",
]


def test_word_ids_are_spacys_string_ids() -> None:
    assert word_ids(WORDS, _symbols()).tolist() == _spacy_ids(WORDS)


def test_hashes_are_pinned() -> None:
    """Known values, so a change on either side (spaCy, thinc or here) shows up."""
    got = word_ids(["x", "Caseloads", "number"], _symbols()).tolist()
    assert got == [11123243248953317070, 5336993637173907234, 432]
    assert word_ids(["x", ""], {}).tolist() == [got[0], 0]  # no symbol table
    assert ngram_keys(np.array([1, 2], dtype=np.uint64), 2).tolist() == [2346165840139155392]
    one = np.array([1], dtype=np.uint64)
    assert (murmurhash3_32(one, 0)[0], murmurhash3_32(one, 1)[0]) == (1392991556, 3741873941)


_word = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20),
    st.sampled_from(["number", "ORTH", "LEMMA", "POS", "IS_ALPHA", "LAW", "_"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_word, min_size=1, max_size=12))
def test_word_ids_equal_spacys_for_any_words(words: list[str]) -> None:
    assert word_ids(words, _symbols()).tolist() == _spacy_ids(words)


_uint64 = st.integers(min_value=0, max_value=2**64 - 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(_uint64, min_size=0, max_size=10), st.integers(min_value=1, max_value=4))
def test_ngram_keys_equal_thincs(ids: list[int], n: int) -> None:
    from thinc.api import NumpyOps

    keys = np.array(ids, dtype=np.uint64)
    expected = NumpyOps().ngrams(n, keys) if len(keys) >= n else np.zeros(0, np.uint64)
    assert ngram_keys(keys, n).tolist() == expected.tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(_uint64, min_size=1, max_size=10), st.sampled_from([0, 1, 7]))
def test_murmurhash3_equals_the_reference_implementation(keys: list[int], seed: int) -> None:
    from murmurhash.mrmr import hash_bytes

    expected = [hash_bytes(k.to_bytes(8, "little"), seed) & 0xFFFFFFFF for k in keys]
    assert murmurhash3_32(np.array(keys, dtype=np.uint64), seed).tolist() == expected
    both = murmurhash3_32(np.array(keys, dtype=np.uint64), (seed, 5))
    assert both.shape == (2, len(keys)) and both[0].tolist() == expected
    assert both[1].tolist() == [hash_bytes(k.to_bytes(8, "little"), 5) & 0xFFFFFFFF for k in keys]


@pytest.mark.parametrize("v1_indexing", [False, True])
def test_linear_layer_equals_thincs_sparse_linear(v1_indexing: bool) -> None:
    """Weight lookup of both thinc indexings (v1: hash & (length - 1), rows by class)."""
    from thinc.api import SparseLinear, SparseLinear_v2

    length, n_classes = 64, 3
    layer = (SparseLinear if v1_indexing else SparseLinear_v2)(nO=n_classes, length=length)
    layer.initialize()
    assert layer.attrs["v1_indexing"] is v1_indexing
    rng = np.random.default_rng(5)
    layer.set_param("W", rng.normal(size=n_classes * length).astype("f"))
    layer.set_param("b", rng.normal(size=n_classes).astype("f"))
    keys = rng.integers(0, 2**63, size=40, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    counts = rng.integers(1, 4, size=40).astype("f")
    lengths = np.array([10, 0, 30], dtype="int32")  # the middle text has no features
    expected = layer.predict((keys, counts, lengths))
    model = BowModel(
        "abc",
        layer.get_param("W").reshape(n_classes, length),
        layer.get_param("b"),
        ngram_size=1,
        v1_indexing=v1_indexing,
        symbols={},
    )
    owner = np.repeat(np.arange(3), lengths)
    repeated = np.repeat(keys, counts.astype(int))  # a key counted twice = seen twice
    got = model.linear(repeated, np.repeat(owner, counts.astype(int)), 3)
    assert np.allclose(got, expected, atol=1e-5)


# ---- the whole model --------------------------------------------------------------------


def _corpus_classifier_texts() -> list[str]:
    texts = []
    for path in sorted((REPO / "corpus" / "papers" / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for c in finding_candidates(text):
            texts.append(classifier_text(c.text(text), c.section, c.kind, c.context))
    return texts


@needs_model
def test_exported_model_scores_equal_spacys_on_every_corpus_candidate() -> None:
    """Including words spaCy maps to fixed symbol ids ("number")."""
    nlp = load_model(str(DEFAULT_MODEL_DIR))
    model = BowModel.load(DEFAULT_MODEL_DIR)
    assert model is not None
    texts = _corpus_classifier_texts()
    assert len(texts) > 100 and any(" number " in t for t in texts)
    labels = nlp.get_pipe("textcat").labels
    assert model.labels == labels
    expected = [
        [doc.cats[label] for label in labels] for doc in nlp.pipe(spacy_doc(nlp, t) for t in texts)
    ]
    assert np.allclose(model.scores(texts), expected, atol=1e-6)
    # in batches of any size: n-grams never run across two texts
    assert np.allclose(model.scores(texts[:7]), expected[:7], atol=1e-6)
    assert np.allclose(model.scores(texts[7:8]), expected[7:8], atol=1e-6)


_SENTENCE_PIECES = [
    "Caseloads", "are", "too", "high", "good", "not", "\u00a3923k", "20%", "(", ")", ".", ",",
    "?", "\u2014", "caf\u00e9", "e\u0301", "\u0130", "\u212a", "_x", "\t", "\n", "\x1c",
    "ACTION:", "will", "but", "however",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=14).map(" ".join),
    st.sampled_from([None, "Summary of findings", "Financial implications"]),
    st.sampled_from(["paragraph", "bullet", "numbered"]),
    st.sampled_from([(), ("zzsecshare3", "zzsecsize2", "zzgenreofsted")]),
)
def test_feature_words_split_out_of_a_classifier_text_unchanged(
    sentence: str, section: str | None, kind: str, context: tuple[str, ...]
) -> None:
    """What lets extraction hand the classifier its feature words as words, where
    training splits them out of `classifier_text`: the same words either way."""
    features = classifier_features(sentence, section, kind, context)
    text = classifier_text(sentence, section, kind, context)
    assert classifier_words(text) == classifier_words(sentence) + features


@needs_model
def test_scores_with_extra_words_equal_scores_of_the_joined_text() -> None:
    model = BowModel.load(DEFAULT_MODEL_DIR)
    assert model is not None
    sentences = ["Plans are good.", "Caseloads are too high, and visits are late", "x", ""]
    extra = [["zzleanpos", "zzkindbullet_pos"], [], ["zzgenrepaper"], ["zzlen0"]]
    joined = [f"{s} {' '.join(e)}" for s, e in zip(sentences, extra, strict=True)]
    assert np.array_equal(model.scores(sentences, extra), model.scores(joined))


@needs_model
def test_shipped_export_belongs_to_the_shipped_spacy_model() -> None:
    nlp = load_model(str(DEFAULT_MODEL_DIR))
    with np.load(DEFAULT_MODEL_DIR / FILE_NAME) as data:
        assert data["probe_texts"].tolist() == list(PROBE)
        assert np.allclose(data["probe_scores"], spacy_scores(nlp, PROBE), atol=1e-6)
        assert data["W"].shape == (3, 131072) and data["W"].dtype == np.float32
    assert (DEFAULT_MODEL_DIR / FILE_NAME).stat().st_size < 2_000_000


def _tiny_pipeline(architecture: str = "spacy.TextCatBOW.v3") -> object:
    """A small trained bag-of-words classifier (made-up examples)."""
    from spacy.training import Example

    from reportmine.training.textcat import TrainConfig, build_pipeline

    nlp = build_pipeline(TrainConfig(length=2**10))
    if architecture != "spacy.TextCatBOW.v3":
        import spacy

        nlp = spacy.blank("en")
        textcat = nlp.add_pipe(
            "textcat",
            config={
                "model": {
                    "@architectures": architecture,
                    "exclusive_classes": True,
                    "ngram_size": 2,
                    "no_output_layer": False,
                }
            },
        )
        for label in ("strength", "weakness", "none"):
            textcat.add_label(label)
    examples = [
        ("Plans are good and visits are timely.", "strength"),
        ("Caseloads are too high and the number of visits is low.", "weakness"),
        ("The meeting is on Tuesday.", "none"),
    ]
    train = [
        Example.from_dict(
            spacy_doc(nlp, t),
            {"cats": {c: float(c == g) for c in ("strength", "weakness", "none")}},
        )
        for t, g in examples
    ]
    nlp.initialize(lambda: train)
    for _ in range(5):
        nlp.update(train)
    return nlp


def test_v1_indexing_models_are_scored_like_spacy(tmp_path: Path) -> None:
    """spacy.TextCatBOW.v2 uses thinc's older weight lookup: supported as well."""
    nlp = _tiny_pipeline("spacy.TextCatBOW.v2")
    export_bow(nlp, tmp_path)
    model = BowModel.load(tmp_path)
    assert model is not None and model.v1_indexing
    texts = [*PROBE, "Plans are good.", "Caseloads are too high."]
    assert np.allclose(model.scores(texts), spacy_scores(nlp, texts), atol=1e-6)


def test_saving_a_trained_model_writes_the_export(tmp_path: Path) -> None:
    from reportmine.training.textcat import save

    nlp = _tiny_pipeline()
    save(nlp, tmp_path, {"reportmine": {"threshold": 0.4}})
    model = BowModel.load(tmp_path)
    assert model is not None and not model.v1_indexing
    texts = ["Plans are good and timely.", "Caseloads are too high."]
    assert np.allclose(model.scores(texts), spacy_scores(nlp, texts), atol=1e-6)


# ---- refusing what it cannot trust ------------------------------------------------------


def test_missing_export_is_none(tmp_path: Path) -> None:
    assert BowModel.load(tmp_path / "nowhere") is None


def _rewrite(path: Path, **changes: object) -> None:
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files}
    arrays.update(changes)
    np.savez_compressed(path, **arrays)


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    export_bow(_tiny_pipeline(), folder)
    assert BowModel.load(folder) is not None
    return folder


def test_a_tampered_probe_is_refused(exported: Path, caplog: pytest.LogCaptureFixture) -> None:
    with np.load(exported / FILE_NAME) as data:
        scores = data["probe_scores"].copy()
    scores[0] += np.float32(3e-5)
    _rewrite(exported / FILE_NAME, probe_scores=scores)
    with caplog.at_level(logging.WARNING, logger="reportmine.extractors.bow_model"):
        assert BowModel.load(exported) is None
    assert "does not reproduce" in caplog.text


def test_tampered_weights_are_refused(exported: Path) -> None:
    with np.load(exported / FILE_NAME) as data:
        weights = data["W"].copy()
    weights += np.float32(0.5) * (np.arange(weights.shape[0]) == 0)[:, None]
    _rewrite(exported / FILE_NAME, W=weights)
    assert BowModel.load(exported) is None


@pytest.mark.parametrize(
    "damage",
    [
        {"format": np.int64(99)},
        {"activation": np.array("sigmoid")},
        {"b": np.zeros(2, dtype=np.float32)},
        {"symbol_ids": np.zeros(3, dtype=np.uint64)},
    ],
)
def test_an_inconsistent_file_is_refused(exported: Path, damage: dict) -> None:
    _rewrite(exported / FILE_NAME, **damage)
    assert BowModel.load(exported) is None


@pytest.mark.parametrize("content", [b"", b"not a zip file", b"PK\x03\x04truncated"])
def test_an_unreadable_file_is_refused(exported: Path, content: bytes) -> None:
    (exported / FILE_NAME).write_bytes(content)
    assert BowModel.load(exported) is None


def test_an_export_of_another_model_than_the_spacy_one_beside_it_is_refused(
    exported: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (exported / "textcat").mkdir()
    (exported / "textcat" / "model").write_bytes(b"weights of a model trained since")
    with caplog.at_level(logging.WARNING, logger="reportmine.extractors.bow_model"):
        assert BowModel.load(exported) is None
    assert "another model" in caplog.text


def test_a_model_it_cannot_export_leaves_no_file(exported: Path) -> None:
    import spacy

    with pytest.raises(KeyError):  # no text classifier at all
        export_bow(spacy.blank("en"), exported)
    assert not (exported / FILE_NAME).exists()
    assert BowModel.for_nlp(spacy.blank("en")) is None


def test_word_id_cache_stays_bounded_and_scores_do_not_change(
    exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = BowModel.load(exported)
    assert model is not None
    before = model.scores(list(PROBE))
    monkeypatch.setattr(bow_model, "_ID_CACHE_LIMIT", 3)
    model.scores(["one two three four five"])
    assert len(model._ids) <= 3 + 5
    assert np.array_equal(model.scores(list(PROBE)), before)


# ---- extraction without spaCy -----------------------------------------------------------

_NO_SPACY = """
import json, sys
from reportmine.core.document import Document
from reportmine.extractors.findings import FindingExtractor
text = (
    "Summary of findings\\n"
    "\\u2022 Caseloads are too high and assessments are often delayed.\\n"
    "\\u2022 Social workers know their children well and visits are timely.\\n"
)
found = FindingExtractor().extract(Document("d", "x.txt", "txt", text))
print(json.dumps({
    "found": [(f.polarity, f.extractor) for f in found],
    "loaded": sorted(m for m in ("spacy", "thinc") if m in sys.modules),
}))
"""


@needs_model
def test_extraction_imports_neither_spacy_nor_thinc() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _NO_SPACY], capture_output=True, text=True, check=True, cwd=REPO
    )
    result = json.loads(run.stdout)
    assert result["loaded"] == []
    assert result["found"] == [
        ["weakness", "findings.model:textcat"],
        ["strength", "findings.model:textcat"],
    ]


@settings(max_examples=3000)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_split_is_the_classifier_split(text: str) -> None:
    assert bow_model.classifier_words(text) == bow_model.CLASSIFIER_TOKEN.findall(text)


def test_every_ascii_character_is_split_alike() -> None:
    for code in range(128):
        text = f"a{chr(code)}b {chr(code)}"
        assert bow_model.classifier_words(text) == bow_model.CLASSIFIER_TOKEN.findall(text)


# Spaces of every kind, digits and numbers beyond ASCII, "_" and punctuation.
_ANY_TEXT = st.text(
    alphabet=st.characters(max_codepoint=0x3100)
    | st.sampled_from(list("\u00a0\u2028\u3000\u00b2\u00bd_ .")),
    max_size=60,
)


@settings(max_examples=3000)
@given(_ANY_TEXT)
def test_chunked_split_is_the_classifier_split(text: str) -> None:
    assert bow_model.classifier_words(text) == bow_model.CLASSIFIER_TOKEN.findall(text)
