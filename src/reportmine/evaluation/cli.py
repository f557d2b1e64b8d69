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
from reportmine.evaluation.gate import (
    Threshold,
    ThresholdError,
    check_thresholds,
    junit_xml,
    load_thresholds,
    parse_minimum,
)
from reportmine.evaluation.gold import GoldError
from reportmine.evaluation.peer import PeerError
from reportmine.evaluation.render import print_report, write_json
from reportmine.evaluation.run_output import RunOutputError
from reportmine.output.diff import diff_runs
from reportmine.output.frames import OutputError


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
    minimums: Annotated[
        list[str] | None,
        typer.Option("--min", metavar="SCORE=MIN", help="Fail (exit 1) when a score is below "
                     "MIN, e.g. --min metrics.f1=0.9 --min findings.strict_f1=0.8; "
                     "GROUP:SCORE=MIN checks one gold folder's group. Repeatable."),
    ] = None,
    thresholds_file: Annotated[
        Path | None,
        typer.Option("--thresholds", help="JSON file of minimums: {\"metrics.f1\": 0.9} or "
                     "{\"GROUP\": {...}} (tests/quality_floor.json has that form)."),
    ] = None,
    junit: Annotated[
        Path | None,
        typer.Option("--junit", help="Write the threshold checks as JUnit XML for CI."),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="An accepted run's output folder: list the records "
                     "that appeared, disappeared or changed since."),
    ] = None,
) -> None:
    """Score a run's output against gold annotations (contract.md matching rules).

    With --min or --thresholds it is a regression gate: it exits 1 with one line per
    score below its minimum.
    """
    err = Console(stderr=True)
    paths = list(gold_dirs)
    if out is None:
        if len(paths) < 2:
            err.print("[red]Give at least one GOLD_DIR and then OUT_DIR (or use --out).[/]")
            raise typer.Exit(2)
        out = paths.pop()
    try:
        thresholds = _thresholds(minimums or [], thresholds_file)
    except ThresholdError as exc:
        err.print(f"eval failed: {exc}", style="red", markup=False, highlight=False,
                  soft_wrap=True)
        raise typer.Exit(2) from exc
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
    changes: list[str] = []
    if baseline is not None:
        try:
            changes = diff_runs(baseline, out).lines()
        except OutputError as exc:
            err.print(f"eval failed: baseline: {exc}", style="red", markup=False,
                      soft_wrap=True)
            raise typer.Exit(1) from exc
        console.print("\n".join(changes), markup=False, highlight=False, soft_wrap=True)
    checks = check_thresholds(report, thresholds)
    if junit is not None:
        junit.parent.mkdir(parents=True, exist_ok=True)
        junit.write_text(junit_xml(checks, "\n".join(changes)), encoding="utf-8")
        err.print(f"wrote {junit}")
    missed = list(dict.fromkeys(c.failure for c in checks if c.failure is not None))
    for failure in missed:  # once each: a missing group fails all its thresholds alike
        err.print(f"below threshold: {failure}", style="red", markup=False, highlight=False,
                  soft_wrap=True)
    if checks and not missed:
        err.print(f"all {len(checks)} thresholds met")
    if missed:
        raise typer.Exit(1)


def _thresholds(minimums: list[str], path: Path | None) -> list[Threshold]:
    """--min values first, then the file's, in the order given."""
    thresholds = [parse_minimum(m) for m in minimums]
    return thresholds + (load_thresholds(path) if path is not None else [])
