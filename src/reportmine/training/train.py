"""`reportmine train`: rebuild the findings model from annotated data, reproducibly.

1. Find the annotated documents: the project's `corpus/gold` (always) and, when
   `../shared` is beside the checkout, the Ofsted reports and letters (their "What needs
   to improve" lists) and the Kent council papers.
2. Label candidate sentences from the gold (`data.py`).
3. Cross-validate by council (`crossval.py`): the scores a user can expect on papers
   of councils the model has not seen, with the threshold chosen inside each fold.
4. Train the shipped model on every training document, score it on the held-out source
   (documents of another kind it never saw), check the rule-found recommendation lists
   against their gold, and save the model with its provenance and scores in meta.json.

Same data, seed and settings give the same model, scores and meta.json.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportmine.extractors.findings import LABELS
from reportmine.training.crossval import (
    Evaluation,
    cross_validate,
    evaluate_model,
    recommendation_scores,
)
from reportmine.training.data import (
    EXHAUSTIVE,
    RECOMMENDATIONS,
    DocData,
    discover,
    file_digest,
    load_doc,
)
from reportmine.training.textcat import TrainConfig, clean_copy, save, train_textcat

MODEL_NAME = "findings_textcat"
MODEL_VERSION = "1.0.0"
FEATURES_VERSION = 2  # bump when classifier_text changes: a model needs its own features
DEFAULT_SOURCES = ("corpus", "ofsted-reports", "ofsted-focused-visits", "council-minutes")
DEFAULT_HOLDOUT = ("kent-council-papers",)


@dataclass
class TrainOptions:
    corpus_dir: Path
    shared_dir: Path | None
    out: Path
    sources: tuple[str, ...] = DEFAULT_SOURCES
    holdout: tuple[str, ...] = DEFAULT_HOLDOUT
    folds: int = 5
    config: TrainConfig = field(default_factory=TrainConfig)
    recommendation_examples: bool = False  # list items as extra weakness examples
    threshold: float | None = None  # None: chosen by cross-validation


def _counts(docs: Sequence[DocData]) -> dict[str, int]:
    c = Counter(e.label for d in docs for e in d.examples)
    return {label: c.get(label, 0) for label in LABELS}


def _provenance(docs: Sequence[DocData], role: dict[str, str]) -> list[dict]:
    """What each document contributed: names, digests, roles and label counts, no text."""
    return [
        {
            "document": d.doc.name,
            "gold": d.doc.gold_path.name,
            "source_sha256_16": file_digest(d.doc.path),
            "gold_sha256_16": file_digest(d.doc.gold_path),
            "scope": d.doc.scope,
            "role": role[d.doc.name],
            "gold_findings": len(d.gold),
            "examples": dict(Counter(e.label for e in d.examples)),
        }
        for d in docs
    ]


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def split_roles(
    docs: Sequence[DocData], sources: tuple[str, ...], holdout: tuple[str, ...]
) -> tuple[list[DocData], list[DocData]]:
    """(training documents, held-out documents) among the exhaustively annotated ones.

    The project's own anchored gold always trains; a held-out source's own gold (Kent's
    in ../shared) is only ever scored, never trained on.
    """
    exhaustive = [d for d in docs if d.doc.scope == EXHAUSTIVE]
    train = [d for d in exhaustive if d.doc.source_name in sources or d.doc.project_gold]
    held = [
        d
        for d in exhaustive
        if not d.doc.project_gold
        and d.doc.source_name in holdout
        and d.doc.source_name not in sources
    ]
    return train, held


def run_training(opts: TrainOptions, say: Callable[[str], None] = print) -> dict:
    """Train, evaluate and save the findings model; returns what meta.json records."""
    config = opts.config
    wanted = tuple(dict.fromkeys(opts.sources + opts.holdout))
    annotated = discover(opts.corpus_dir, opts.shared_dir, wanted)
    say(f"reading {len(annotated)} annotated documents ...")
    docs = [load_doc(a) for a in annotated]

    train_docs, holdout_docs = split_roles(docs, opts.sources, opts.holdout)
    list_docs = [d for d in docs if d.doc.scope == RECOMMENDATIONS]
    extra = [e for d in list_docs for e in d.examples] if opts.recommendation_examples else []
    if not train_docs:
        raise ValueError("no exhaustively annotated documents to train on (corpus/gold?)")
    role = {d.doc.name: "train+cross-validation" for d in train_docs}
    role |= {d.doc.name: "held-out evaluation" for d in holdout_docs}
    for d in list_docs:
        role[d.doc.name] = (
            "recommendation check + training examples"
            if opts.recommendation_examples
            else "recommendation check"
        )

    say(
        f"cross-validating by council: {len({d.doc.group for d in train_docs})} groups "
        f"({len(train_docs)} files), {opts.folds} folds, seed {config.seed} ..."
    )

    def on_fold(i: int, n: int, fold: list[str], threshold: float) -> None:
        say(f"  fold {i + 1}/{n}: held out {', '.join(fold)} (threshold {threshold})")

    cv: Evaluation = cross_validate(
        train_docs,
        extra,
        config,
        k=opts.folds,
        select_threshold=opts.threshold is None,
        default_threshold=opts.threshold or 0.5,
        on_fold=on_fold,
    )
    threshold = opts.threshold if opts.threshold is not None else cv.best_threshold()

    say(f"training the model on all {len(train_docs)} files (threshold {threshold}) ...")
    examples = [(e.text, e.label) for d in train_docs for e in d.examples]
    examples += [(e.text, e.label) for e in extra]
    nlp = train_textcat(examples, config)

    meta: dict = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "description": (
            "reportmine findings classifier: strength / weakness / none for candidate "
            "sentences of council papers (blank English tokenizer + TextCatBOW)."
        ),
        "reportmine": {
            "labels": list(LABELS),
            "threshold": threshold,
            "threshold_means": "a candidate is a finding when P(strength) + P(weakness) >= it",
            "features_version": FEATURES_VERSION,
            "config": config.as_dict(),
            "training_data": {
                "sources": sorted({d.doc.source_name for d in train_docs}),
                "documents": len({d.doc.group for d in train_docs}),
                "files": len(train_docs),
                "examples": _counts(train_docs),
                "recommendation_examples": len(extra),
                "labels_from": (
                    "gold findings matched to candidate sentences by rapidfuzz partial_ratio "
                    ">= 80 on normalised text (one-to-one, best first); unmatched candidates "
                    "of exhaustively annotated documents are 'none'"
                ),
            },
            "cross_validation": {
                "unit": "council (every paper of a council shares a fold; a paper whose path "
                "names none shares one with its renderings)",
                "folds": cv.folds,
                "seed": config.seed,
                "threshold_selection": (
                    "fixed" if opts.threshold is not None else "inner cross-validation per fold"
                ),
                **cv.report(),
            },
            "provenance": _provenance(docs, role),
        },
    }
    if holdout_docs:
        held = evaluate_model(nlp, holdout_docs, threshold)
        meta["reportmine"]["held_out_evaluation"] = {
            "sources": sorted({d.doc.source_name for d in holdout_docs}),
            "note": "documents of another kind, never used in training or threshold choice",
            **held.report(),
        }
    if list_docs:
        meta["reportmine"]["recommendation_lists"] = recommendation_scores(list_docs)

    # The saved copy has a fresh vocabulary: no word of any document goes to disk.
    save(clean_copy(nlp, config), opts.out, meta)
    size = _dir_size(opts.out)
    meta["reportmine"]["model_size_bytes"] = size
    meta_path = opts.out / "meta.json"
    on_disk = json.loads(meta_path.read_text(encoding="utf-8"))
    on_disk["reportmine"]["model_size_bytes"] = size
    meta_path.write_text(json.dumps(on_disk, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    say(f"saved {opts.out} ({size / 1e6:.1f} MB)")
    return meta


def _fmt(counts: dict) -> str:
    return (
        f"P {counts['precision']:.3f}  R {counts['recall']:.3f}  F1 {counts['f1']:.3f}  "
        f"(tp {counts['tp']}, gold {counts['n_gold']}, predicted {counts['n_pred']})"
    )


def summary(meta: dict, per_doc: bool = False) -> str:
    """The scores of a training run, as text for the terminal (`per_doc`: every held-out
    document and every recommendation-list document on a line of its own)."""
    rm = meta["reportmine"]
    lines = []
    cv = rm["cross_validation"]
    folds = len(cv["folds"])
    lines.append(f"Cross-validation by council ({folds} folds, seed {cv['seed']}):")
    for source, score in cv["scores"].items():
        lines.append(f"  {source:<22} strict {_fmt(score['strict'])}")
        lines.append(f"  {'':<22} loose  {_fmt(score['loose'])}")
    lines.append(
        "  confusion matrix over held-out candidate sentences (rows gold, columns predicted):"
    )
    lines.append(f"  {'':>10}" + "".join(f"{p:>10}" for p in LABELS))
    for g in LABELS:
        lines.append(f"  {g:>10}" + "".join(f"{cv['confusion_matrix'][g][p]:>10}" for p in LABELS))
    if per_doc:
        for row in cv["per_document"]:
            lines.append(
                f"    {row['document']}: strict {row['strict']['tp']}/{row['strict']['n_gold']} "
                f"gold, {row['strict']['n_pred']} predicted (threshold {row['threshold']})"
            )
    lines.append(
        "  threshold sweep (pooled): "
        + ", ".join(f"{r['threshold']}: {r['strict_f1']:.3f}" for r in cv["threshold_sweep"])
    )
    if "held_out_evaluation" in rm:
        held = rm["held_out_evaluation"]
        lines.append(f"Held-out sources {', '.join(held['sources'])} (never trained on):")
        lines.append(f"  strict {_fmt(held['scores']['all']['strict'])}")
        lines.append(f"  loose  {_fmt(held['scores']['all']['loose'])}")
    for source, rec in rm.get("recommendation_lists", {}).items():
        lines.append(
            f"Recommendation lists, {source}: recall {rec['recall']:.3f}, precision "
            f"{rec['precision']:.3f} (tp {rec['tp']}, gold {rec['n_gold']}, "
            f"predicted {rec['n_pred']})"
        )
        if per_doc:
            for row in rec["documents"]:
                lines.append(
                    f"    {row['document']}: {row['tp']} of {row['n_gold']} gold items, "
                    f"{row['n_pred']} predicted"
                )
    lines.append(
        f"Model threshold {rm['threshold']}, size {rm.get('model_size_bytes', 0) / 1e6:.1f} MB"
    )
    return "\n".join(lines)
