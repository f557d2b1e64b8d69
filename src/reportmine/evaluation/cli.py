"""`reportmine eval GOLD_DIR... OUT_DIR`: a thin shell over `evaluate`.

Registered in the main CLI with `app.command("eval")(eval_command)`. Every figure also
goes to eval.json (OUT_DIR/eval.json unless `--json`), so runs can be compared later.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from reportmine.evaluation.api import evaluate
from reportmine.evaluation.gold import GoldError
from reportmine.evaluation.peer import PeerError
from reportmine.evaluation.render import print_report, write_json
from reportmine.evaluation.run_output import RunOutputError


def eval_command(
    gold_dirs: Annotated[
        list[Path],
        typer.Argument(
            metavar="GOLD_DIR... OUT_DIR",
            help="One or more gold folders, then the -o folder of `reportmine run` "
            "(or give that with --out).",
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The run's output folder; then every argument "
                     "is a gold folder."),
    ] = None,
    per_doc: Annotated[
        bool,
        typer.Option("--per-doc", help="List every miss, false alarm and wrong field "
                     "per document."),
    ] = False,
    json_path: Annotated[
        Path | None,
        typer.Option("--json", help="Where to write eval.json (default: OUT_DIR/eval.json)."),
    ] = None,
    peer: Annotated[
        Path | None,
        typer.Option("--peer", help="Peer CSV to compare inspections with (default: "
                     "<gold root>/ofsted-reports/peer_extraction.csv when present)."),
    ] = None,
    peer_overrides: Annotated[
        Path | None,
        typer.Option("--peer-overrides", help="Corrections to the peer CSV (default: "
                     "corpus/gold/overrides/peer_overrides.csv)."),
    ] = None,
    no_peer: Annotated[
        bool, typer.Option("--no-peer", help="Skip the peer comparison.")
    ] = False,
) -> None:
    """Score a run's output against gold annotations (contract.md matching rules)."""
    err = Console(stderr=True)
    paths = list(gold_dirs)
    if out is None:
        if len(paths) < 2:
            err.print("[red]Give at least one GOLD_DIR and then OUT_DIR (or use --out).[/]")
            raise typer.Exit(2)
        out = paths.pop()
    try:
        report = evaluate(paths, out, peer_csv=peer, peer_overrides=peer_overrides,
                          find_peer=not no_peer)
    except (GoldError, RunOutputError, PeerError, FileNotFoundError) as exc:
        err.print(f"[red]eval failed:[/] {exc}")
        raise typer.Exit(1) from exc
    console = Console() if sys.stdout.isatty() else Console(width=160)
    print_report(report, console, per_doc=per_doc)
    written = write_json(report, json_path or Path(out) / "eval.json")
    err.print(f"wrote {written}")
