"""The findings classifier scored with numpy alone, from an export of its weights.

The classifier is a spaCy text classifier (`spacy.TextCatBOW.v3`: hashed words and
bigrams, one sparse linear layer, softmax). Importing spaCy and loading the pipeline cost
about 1.5 s per worker process, more than the model's own work on a whole batch, so
`export_bow` writes the weights and everything else the computation needs to `bow.npz`
next to the spaCy model, and `BowModel` scores texts from that file without spaCy or
thinc. It reproduces the computation step by step:

- a word's id is spaCy's string id: a fixed id for spaCy's own symbols ("number",
  "ORTH", ...), else MurmurHash64A of its UTF-8 bytes with seed 1;
- an n-gram's key is MurmurHash64A (seed 0) of its n word ids as little-endian bytes
  (thinc's `ops.ngrams`); a text's features are its word ids and n-gram keys;
- each feature adds the weights at two hashed rows, MurmurHash3_x86_32 of its key with
  seeds 0 and 1 (thinc's `sparse_linear`); then the bias and a softmax.

The file keeps a probe, a few made-up texts with the scores spaCy gave them, and
`BowModel.load` refuses a file it does not reproduce, so a mistake here shows up as
the slower spaCy path, never as different findings. Training still uses spaCy.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zipfile
import zlib
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

FILE_NAME = "bow.npz"
FORMAT = 1
TOLERANCE = 1e-5  # largest difference from spaCy's probe scores a loaded file may show
_ID_CACHE_LIMIT = 500_000  # word ids a model keeps; a long batch meets many words

# Words and single punctuation marks: what the classifier's bag of words counts. Both the
# spaCy Docs (training) and BowModel (extraction) split text with `classifier_words`.
CLASSIFIER_TOKEN = re.compile(r"\w+|[^\w\s]")
# The same split for ASCII text, about a quarter faster: there `\w` is [A-Za-z0-9_] and
# `\s` is what str.isspace calls space (which includes the separators \x1c-\x1f).
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9_]+|[^A-Za-z0-9_ \t\n\r\f\v\x1c-\x1f]")


def classifier_words(text: str) -> list[str]:
    """`CLASSIFIER_TOKEN.findall(text)`, faster.

    `re`'s `\\s` and `str.split` know the same spaces, and no token spans one, so the
    tokens are those of each space-separated chunk; a chunk of letters and digits
    (`str.isalnum`, which is `\\w` without "_") is one token. Other chunks go through the
    pattern, the ASCII form when the text is ASCII.
    """
    pattern = _ASCII_TOKEN if text.isascii() else CLASSIFIER_TOKEN
    words: list[str] = []
    for chunk in text.split():
        if chunk.isalnum():
            words.append(chunk)
        else:
            words += pattern.findall(chunk)
    return words


# Made-up texts, no line of any document: spaCy's scores for them are stored with the
# export. They hold spaCy symbols ("number", "ORTH"), repeats, punctuation, non-ASCII
# words of many byte lengths and the classifier's feature words.
PROBE = (
    "Caseloads are too high and the number of case visits is low. zzleanneg",
    "Leaders know their services well; plans are good. zzleanpos zzkindbullet_pos",
    "x",
    "Visits, visits, visits: again and again and again!",
    "Caf\u00e9 na\u00efve \u00fcber-staff \u2014 20% \u00abquoted\u00bb \u65e5\u672c\u8a9e "
    "\U0001f642 \u2026 zzneg_deficit",
    "ORTH number LEMMA IS_ALPHA zzpos_quality zzpos_change",
    "Supervision is regular and reflective, and managers oversee plans zzgenreofsted",
    "The committee will consider the report in March zzgenrepaper",
)

# What a damaged or foreign file raises in np.load and when its arrays are read.
# What `BowModel.from_nlp` raises for a pipeline it cannot read as a bag-of-words model.
NOT_A_BOW_MODEL = (AttributeError, KeyError, TypeError, ValueError)
_UNREADABLE = (OSError, EOFError, KeyError, TypeError, ValueError, zipfile.BadZipFile, zlib.error)

_M64 = np.uint64(0xC6A4A7935BD1E995)  # MurmurHash64A's constants
_R64 = np.uint64(47)
_MASK64 = (1 << 64) - 1


def _murmurhash64a_blocks(
    k: int, blocks: Sequence[np.ndarray], n_bytes: int, seed: int, tail: np.ndarray | None = None
) -> np.ndarray:
    """MurmurHash64A of `k` inputs of `n_bytes` bytes each, given as their 8-byte blocks
    (one uint64 array per block, each value the block's bytes read little-endian) and
    their last 1-7 bytes read the same way (`tail`). The inputs are hashed together, one
    numpy operation per block; uint64 wraps like C."""
    h = np.full(k, (seed ^ (n_bytes * int(_M64))) & _MASK64, dtype=np.uint64)
    for column in blocks:
        block = column * _M64
        block ^= block >> _R64
        block *= _M64
        h ^= block
        h *= _M64
    if tail is not None:
        h ^= tail
        h *= _M64
    h ^= h >> _R64
    h *= _M64
    h ^= h >> _R64
    return h


def murmurhash64a(rows: np.ndarray, seed: int) -> np.ndarray:
    """MurmurHash64A of each row of a uint8 array of shape (k, n_bytes), as uint64:
    spaCy's string ids (seed 1) are this hash of a word's UTF-8 bytes."""
    k, n_bytes = rows.shape
    n_blocks = n_bytes // 8
    blocks = np.ascontiguousarray(rows[:, : n_blocks * 8]).view("<u8").astype(np.uint64)
    tail = None
    if n_bytes % 8:  # the last 1-7 bytes, little-endian
        tail = np.zeros(k, dtype=np.uint64)
        for i, column in enumerate(rows[:, n_blocks * 8 :].T):
            tail |= column.astype(np.uint64) << np.uint64(8 * i)
    return _murmurhash64a_blocks(k, list(blocks.T), n_bytes, seed, tail)


def _rotl32(x: np.ndarray, r: int) -> np.ndarray:
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def murmurhash3_32(keys: np.ndarray, seed: int | Sequence[int]) -> np.ndarray:
    """MurmurHash3_x86_32 of each uint64 key's 8 little-endian bytes, as uint32:
    where thinc's sparse_linear layer looks a feature's weights up. Given several seeds,
    one row per seed (the key's blocks are mixed once for all of them)."""
    c1, c2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)
    seeds = np.asarray(seed, dtype=np.uint32)
    h = np.repeat(seeds.reshape(-1, 1), len(keys), axis=1)
    for half in (keys & np.uint64(0xFFFFFFFF), keys >> np.uint64(32)):
        block = half.astype(np.uint32) * c1
        block = _rotl32(block, 15) * c2
        h ^= block
        h = _rotl32(h, 13) * np.uint32(5) + np.uint32(0xE6546B64)
    h ^= np.uint32(8)  # the length in bytes
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h if seeds.ndim else h[0]


def word_ids(words: Sequence[str], symbols: dict[str, int]) -> np.ndarray:
    """spaCy's string id of each word (`spacy.strings.get_string_id`), as uint64:
    0 for "", a symbol's fixed id, else MurmurHash64A (seed 1) of the UTF-8 bytes.
    Words of the same byte length are hashed together."""
    out = np.zeros(len(words), dtype=np.uint64)
    by_length: dict[int, list[tuple[int, bytes]]] = {}
    for i, word in enumerate(words):
        symbol = symbols.get(word) if word else 0
        if symbol is not None:
            out[i] = symbol
        else:
            data = word.encode("utf-8")
            by_length.setdefault(len(data), []).append((i, data))
    for n_bytes, items in by_length.items():
        rows = np.frombuffer(b"".join(data for _, data in items), dtype=np.uint8)
        out[[i for i, _ in items]] = murmurhash64a(rows.reshape(len(items), n_bytes), 1)
    return out


def ngram_keys(ids: np.ndarray, n: int) -> np.ndarray:
    """thinc's `ops.ngrams(n, ids)`: key i hashes ids i .. i+n-1 (MurmurHash64A, seed 0,
    of their 8n little-endian bytes: block j of key i is id i+j itself)."""
    if len(ids) < n:
        return np.zeros(0, dtype=np.uint64)
    ids = np.asarray(ids, dtype=np.uint64)
    k = len(ids) - n + 1
    return _murmurhash64a_blocks(k, [ids[j : j + k] for j in range(n)], 8 * n, 0)


class BowModel:
    """A bag-of-words text classifier's weights and the computation spaCy does with them.

    `W` is (classes, length) float32, `b` the bias; `v1_indexing` is thinc's older weight
    lookup that SparseLinear.v1 models use (flat index hash & (length - 1) plus the class,
    where v2 takes class * length + hash % length). Build one with `load` (the export),
    or `for_nlp` (a spaCy pipeline).
    """

    def __init__(
        self,
        labels: Sequence[str],
        W: np.ndarray,
        b: np.ndarray,
        ngram_size: int,
        v1_indexing: bool,
        symbols: dict[str, int],
    ) -> None:
        if W.ndim != 2 or W.shape[0] != len(labels) or b.shape != (len(labels),):
            raise ValueError(f"weights {W.shape} and bias {b.shape} do not fit {labels}")
        if W.shape[1] < 1 or ngram_size < 1:
            raise ValueError(f"length {W.shape[1]}, ngram size {ngram_size}")
        self.labels = tuple(str(label) for label in labels)
        self.W = np.asarray(W, dtype=np.float32)
        self._by_row = np.ascontiguousarray(self.W.T)  # row i: every class's weight i
        self.b = np.asarray(b, dtype=np.float32)
        self.ngram_size = int(ngram_size)
        self.v1_indexing = bool(v1_indexing)
        self.symbols = symbols
        self._ids: dict[str, int] = {}

    # ---- scoring ------------------------------------------------------------------------

    def _features(
        self, texts: Sequence[str], extra_words: Sequence[Sequence[str]] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Every feature occurrence of the batch (word ids, then n-gram keys) and the
        text it belongs to. spaCy counts each distinct key once with its count; adding a
        key's weights once per occurrence is the same sum. `extra_words` are words that
        follow each text's own."""
        if len(self._ids) > _ID_CACHE_LIMIT:
            self._ids.clear()
        words = [classifier_words(t) for t in texts]
        if extra_words is not None:
            words = [w + list(e) for w, e in zip(words, extra_words, strict=True)]
        ids = self._ids
        flat = list(chain.from_iterable(words))
        new = list(set(flat).difference(ids))  # any order: each word gets its own id
        ids.update(zip(new, word_ids(new, self.symbols).tolist(), strict=True))
        sizes = [len(ws) for ws in words]
        unigrams = np.fromiter(map(ids.__getitem__, flat), np.uint64, len(flat))
        owner = np.repeat(np.arange(len(texts)), sizes)
        keys, owners = [unigrams], [owner]
        for n in range(2, self.ngram_size + 1):
            grams = ngram_keys(unigrams, n)
            inside = owner[: len(grams)] == owner[n - 1 :]  # not across two texts
            keys.append(grams[inside])
            owners.append(owner[: len(grams)][inside])
        return np.concatenate(keys), np.concatenate(owners)

    def scores(
        self, texts: Sequence[str], extra_words: Sequence[Sequence[str]] | None = None
    ) -> np.ndarray:
        """Class probabilities, shape (len(texts), len(labels)), columns in `labels` order:
        what spaCy's `textcat.predict` gives for the texts' Docs. With `extra_words`, the
        scores of each text followed by a space and its extra words (each one word of
        word characters, which `classifier_words` would split out unchanged)."""
        linear = self.linear(*self._features(texts, extra_words), len(texts))
        linear -= linear.max(axis=1, keepdims=True)
        exp = np.exp(linear)
        return (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)

    def linear(self, keys: np.ndarray, owner: np.ndarray, n_texts: int) -> np.ndarray:
        """thinc's sparse_linear: per text, the bias plus each feature key's weights at
        two hashed rows (float64; keys with `owner` the index of their text).

        Each key's row of all classes is gathered at once from `W` transposed (one cache
        line, where `W[:, rows]` reads three), and one bincount sums every (text, class)
        bin in key order: the same additions in the same order as a bincount per class."""
        n_classes, length = self.W.shape
        first, second = murmurhash3_32(keys, (0, 1))
        if self.v1_indexing:  # flat index: the hash within the first row, plus the class
            first, second = first & np.uint32(length - 1), second & np.uint32(length - 1)
            table = np.lib.stride_tricks.sliding_window_view(self.W.reshape(-1), n_classes)
        else:  # the hash within each class's row
            first, second = first % np.uint32(length), second % np.uint32(length)
            table = self._by_row
        weights = np.take(table, first, axis=0) + np.take(table, second, axis=0)
        bins = (owner[:, None] * n_classes + np.arange(n_classes)).reshape(-1)
        out = np.bincount(bins, weights=weights.reshape(-1), minlength=n_texts * n_classes)
        return out.reshape(n_texts, n_classes) + self.b

    def reproduces(self, texts: Sequence[str], expected: np.ndarray) -> bool:
        """Whether this model gives `expected` (spaCy's scores) for `texts`."""
        got = self.scores(texts)
        return got.shape == expected.shape and bool(
            np.allclose(got, expected, rtol=0.0, atol=TOLERANCE)
        )

    # ---- from spaCy -------------------------------------------------------------------

    @classmethod
    def from_nlp(cls, nlp: Any) -> BowModel:
        """The weights of the pipeline's "textcat" (in memory, nothing copied to disk).
        ValueError (KeyError without a textcat) for any model but TextCatBOW + softmax."""
        from spacy.attrs import ORTH
        from spacy.symbols import IDS

        model = nlp.get_pipe("textcat").model
        if len(model.layers) != 2 or len(model.layers[0].layers) != 1:
            raise ValueError(f"not a bag-of-words text classifier: {model.name}")
        bow, activation = model.layers
        ngrams, linear = bow.layers[0].layers
        (sparse,) = linear.layers
        (act,) = activation.layers
        if (ngrams.name, linear.name, sparse.name) != (
            "extract_ngrams",
            "resizable(sparse_linear)",
            "sparse_linear",
        ):
            raise ValueError(f"not a bag-of-words text classifier: {model.name}")
        if act.name != "softmax_activation":
            raise ValueError(f"output layer {act.name}: only softmax is supported")
        if ngrams.attrs["attr"] != ORTH:
            raise ValueError(f"n-grams of attribute {ngrams.attrs['attr']}, not ORTH")
        n_classes, length = sparse.get_dim("nO"), sparse.get_dim("length")
        return cls(
            labels=nlp.get_pipe("textcat").labels,
            W=sparse.get_param("W").reshape(n_classes, length),
            b=sparse.get_param("b"),
            ngram_size=ngrams.attrs["ngram_size"],
            v1_indexing=sparse.attrs["v1_indexing"],
            symbols=dict(IDS),
        )

    @classmethod
    def for_nlp(cls, nlp: Any) -> BowModel | None:
        """`from_nlp`, checked against spaCy's own scores of the probe; None (use spaCy)
        when the model is of another kind or the scores differ."""
        try:
            model = cls.from_nlp(nlp)
            if model.reproduces(PROBE, spacy_scores(nlp, PROBE)):
                return model
            log.debug("bag-of-words scores differ from spaCy's: using spaCy")
        except NOT_A_BOW_MODEL as exc:
            log.debug("no bag-of-words model for this pipeline: %s", exc)
        return None

    # ---- the export -------------------------------------------------------------------

    @classmethod
    def load(cls, folder: Path | str) -> BowModel | None:
        """The model exported to `folder`, or None (the reason logged) when the file is
        missing, unreadable, older than the spaCy model saved beside it, or does not
        reproduce its probe scores."""
        path = Path(folder) / FILE_NAME
        if not path.is_file():
            log.info("no %s: the findings model will be loaded with spaCy", path)
            return None
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
            if int(arrays["format"]) != FORMAT:
                raise ValueError(f"format {int(arrays['format'])}, this code reads {FORMAT}")
            model = cls(
                labels=arrays["labels"].tolist(),
                W=arrays["W"],
                b=arrays["b"],
                ngram_size=int(arrays["ngram_size"]),
                v1_indexing=bool(arrays["v1_indexing"]),
                symbols=dict(
                    zip(
                        arrays["symbol_names"].tolist(),
                        arrays["symbol_ids"].tolist(),
                        strict=True,
                    )
                ),
            )
            if str(arrays["activation"]) != "softmax":
                raise ValueError(f"output layer {arrays['activation']}: only softmax")
            probe, expected = arrays["probe_texts"].tolist(), arrays["probe_scores"]
            source_sha = str(arrays["spacy_model_sha256"])
        except _UNREADABLE as exc:
            log.warning("%s could not be read (%s): loading the model with spaCy", path, exc)
            return None
        spacy_model = Path(folder) / "textcat" / "model"
        if spacy_model.is_file() and _sha256(spacy_model.read_bytes()) != source_sha:
            log.warning(
                "%s was exported from another model than %s (retrained since?): loading "
                "the model with spaCy. Run `reportmine train` to rebuild both.",
                path,
                spacy_model,
            )
            return None
        if not probe or not model.reproduces(probe, expected):
            log.warning(
                "%s does not reproduce spaCy's scores of its probe texts: loading the model "
                "with spaCy",
                path,
            )
            return None
        return model


def spacy_doc(nlp: Any, text: str) -> Any:
    """The spaCy Doc the classifier reads, built from a `classifier_words` split of the
    text rather than spaCy's tokenizer: the bag of words needs no finer rules, and this is
    2-3x faster. Training and the probe scores both build their Docs here."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=classifier_words(text))


def spacy_scores(nlp: Any, texts: Sequence[str]) -> np.ndarray:
    """spaCy's own class probabilities for texts (its textcat's model, `doc.cats` unset)."""
    textcat = nlp.get_pipe("textcat")
    scores = textcat.predict([spacy_doc(nlp, t) for t in texts])
    return np.asarray(textcat.model.ops.to_numpy(scores), dtype=np.float32)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def export_bow(nlp: Any, folder: Path | str) -> Path:
    """Write the pipeline's text classifier to `folder/bow.npz` for `BowModel.load`.

    Any older export there is removed first, so a model it cannot export (ValueError)
    leaves no stale file behind. The file also holds the probe texts with spaCy's
    scores, and a hash of the textcat weights as spaCy serialises them, so a load can
    tell the file belongs to the spaCy model beside it.
    """
    path = Path(folder) / FILE_NAME
    path.unlink(missing_ok=True)
    model = BowModel.from_nlp(nlp)
    expected = spacy_scores(nlp, PROBE)
    if not model.reproduces(PROBE, expected):
        raise ValueError("the numpy scorer does not reproduce spaCy's scores for this model")
    symbols = sorted(model.symbols.items())
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as f:
        np.savez_compressed(
            f,
            format=np.int64(FORMAT),
            labels=np.array(model.labels, dtype=str),
            W=model.W,
            b=model.b,
            ngram_size=np.int64(model.ngram_size),
            v1_indexing=np.bool_(model.v1_indexing),
            activation=np.array("softmax"),
            symbol_names=np.array([name for name, _ in symbols], dtype=str),
            symbol_ids=np.array([i for _, i in symbols], dtype=np.uint64),
            probe_texts=np.array(PROBE, dtype=str),
            probe_scores=expected,
            spacy_model_sha256=np.array(_sha256(nlp.get_pipe("textcat").model.to_bytes())),
        )
    tmp.replace(path)
    return path
