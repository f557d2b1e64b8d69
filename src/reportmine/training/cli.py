"""`reportmine train`: the command, registered in reportmine.cli with one line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reportmine.training.textcat import TrainConfig

REPO = Path(__file__).resolve().parents[3]


def train_command(
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder to write the model to.")] = REPO
    / "models"
    / "findings_textcat",
    corpus: Annotated[
        Path, typer.Option("--corpus", help="The project's corpus (papers/ and gold/).")
    ] = REPO / "corpus",
    shared: Annotated[
        Path,
        typer.Option(
            "--shared", help="Shared annotated documents, used when present (Ofsted, Kent)."
        ),
    ] = REPO.parent / "shared",
    folds: Annotated[int, typer.Option("--folds", min=2, help="Cross-validation folds.")] = 5,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (shuffles, weights).")] = 13,
    epochs: Annotated[int, typer.Option("--epochs", min=1)] = TrainConfig.epochs,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            min=0.0,
            max=1.0,
            help="Fix the model's default threshold instead of choosing it by cross-validation.",
        ),
    ] = None,
    with_kent: Annotated[
        bool,
        typer.Option(
            "--with-kent/--kent-held-out",
            help="Train on the Kent council papers too (default: score the model on them, "
            "never train on them).",
        ),
    ] = False,
    per_doc: Annotated[
        bool, typer.Option("--per-doc", help="Scores of every document, one per line.")
    ] = False,
    recommendation_examples: Annotated[
        bool,
        typer.Option(
            "--recommendation-examples",
            help="Add the Ofsted 'What needs to improve' items as weakness examples "
            "(off by default: they are found by rules, and they skew polarity).",
        ),
    ] = False,
) -> None:
    """Rebuild the findings model from annotated data, with cross-validated scores.

    Writes the spaCy model and its meta.json (provenance and scores) to OUT.
    """
    from reportmine.training.train import (
        DEFAULT_HOLDOUT,
        DEFAULT_SOURCES,
        TrainOptions,
        run_training,
        summary,
    )

    sources = DEFAULT_SOURCES + (DEFAULT_HOLDOUT if with_kent else ())
    holdout = () if with_kent else DEFAULT_HOLDOUT
    options = TrainOptions(
        corpus_dir=corpus,
        shared_dir=shared if shared.is_dir() else None,
        out=out,
        sources=sources,
        holdout=holdout,
        folds=folds,
        config=TrainConfig(seed=seed, epochs=epochs),
        recommendation_examples=recommendation_examples,
        threshold=threshold,
    )
    if options.shared_dir is None:
        typer.echo(f"note: {shared} not found: training on the corpus alone", err=True)
    meta = run_training(options, say=lambda line: typer.echo(line, err=True))
    typer.echo(summary(meta, per_doc=per_doc))
