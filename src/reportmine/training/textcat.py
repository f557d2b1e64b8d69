"""The findings classifier: a blank English spaCy pipeline with one text classifier.

Exclusive classes strength / weakness / none over a bag of words and bigrams
(`spacy.TextCatBOW.v3`): small on disk, and fast enough that classifying every candidate
sentence of a document costs little next to reading it. Training is reproducible: the
same examples, seed and settings give the same weights.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reportmine.extractors.bow_model import FILE_NAME, NOT_A_BOW_MODEL, export_bow, spacy_doc
from reportmine.extractors.findings import LABELS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 13
    epochs: int = 10
    batch_size: int = 32
    dropout: float = 0.1
    learn_rate: float = 0.003
    ngram_size: int = 2
    length: int = 2**17  # rows of the hashed feature table
    finding_weight: int = 1  # each strength/weakness example is seen this many times

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_pipeline(config: TrainConfig) -> Any:
    """A blank English pipeline with an untrained exclusive-class text classifier."""
    import spacy

    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": config.ngram_size,
                "no_output_layer": False,
                "length": config.length,
            }
        },
    )
    for label in LABELS:
        textcat.add_label(label)
    return nlp


def train_textcat(examples: Sequence[tuple[str, str]], config: TrainConfig) -> Any:
    """Train on (classifier text, label) pairs; deterministic for a given seed."""
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch
    from thinc.api import Adam

    fix_random_seed(config.seed)
    nlp = build_pipeline(config)
    train = []
    for text, gold in examples:
        example = Example.from_dict(
            spacy_doc(nlp, text), {"cats": {label: float(label == gold) for label in LABELS}}
        )
        train += [example] * (config.finding_weight if gold != "none" else 1)
    optimizer = Adam(config.learn_rate)
    nlp.initialize(lambda: train, sgd=optimizer)
    rng = random.Random(config.seed)
    order = list(range(len(train)))
    for _ in range(config.epochs):
        rng.shuffle(order)
        shuffled = [train[i] for i in order]
        for batch in minibatch(shuffled, size=config.batch_size):
            nlp.update(batch, sgd=optimizer, drop=config.dropout, losses={})
    return nlp


def clean_copy(nlp: Any, config: TrainConfig) -> Any:
    """The trained classifier in a fresh pipeline whose vocabulary holds no words of the
    training text (the bag-of-words model reads hashed features, not the string store),
    so the saved model carries weights, never sentences or word lists of the documents."""
    from spacy.training import Example

    fresh = build_pipeline(config)
    blank = Example.from_dict(fresh.make_doc("x"), {"cats": {label: 0.0 for label in LABELS}})
    fresh.initialize(lambda: [blank])
    fresh.get_pipe("textcat").model.from_bytes(nlp.get_pipe("textcat").model.to_bytes())
    return fresh


def save(nlp: Any, path: Path, meta: dict[str, Any]) -> None:
    """Write the pipeline with nlp.to_disk, `meta` into its meta.json, and the classifier's
    numpy export (`bow.npz`) beside it, which extraction reads instead of loading spaCy.
    A model that cannot be exported is still saved (extraction then loads it with spaCy)."""
    nlp.meta.update(meta)
    path.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    try:
        export_bow(nlp, path)
    except NOT_A_BOW_MODEL as exc:
        log.warning(
            "no %s in %s (%s): extraction will load the model with spaCy", FILE_NAME, path, exc
        )
