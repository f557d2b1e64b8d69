"""Command line: a thin shell over the library API in `reportmine.pipeline`."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from reportmine.batch.dask_runner import dask_client
from reportmine.batch.limits import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, Limits
from reportmine.batch.workers import WorkerStartError
from reportmine.core.config import PipelineConfig
from reportmine.evaluation.cli import eval_command
from reportmine.output.cli import export_command, query_command
from reportmine.output.outcome import DocOutcome
from reportmine.output.report import report_command
from reportmine.output.schema_export import write_schemas
from reportmine.output.store import STATE_DIR, RunLockedError
from reportmine.pipeline import (
    RECORD_TABLES,
    RunSummary,
    iter_input_files,
    process_file,
    run_batch,
)
from reportmine.training.cli import train_command

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
console = Console(stderr=True)


@app.command()
def run(
    in_dir: Annotated[
        Path, typer.Argument(exists=True, help="Folder (searched recursively) or file.")
    ],
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for the Parquet tables.")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-j", min=0, help="Worker processes (default: the machine's cores); "
            "0 runs in this process without the time and memory limits."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Process every document again, even unchanged ones.")
    ] = False,
    timeout: Annotated[
        float, typer.Option(min=0, help="Time limit per document in seconds (0: none).")
    ] = DEFAULT_TIMEOUT_S,
    max_memory_mb: Annotated[
        int, typer.Option(min=0, help="Memory limit per worker process in MB (0: none).")
    ] = DEFAULT_MEMORY_MB,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Run on this Dask cluster, e.g. tcp://host:8786."),
    ] = None,
    dask_local: Annotated[
        int | None,
        typer.Option(min=1, help="Run on a Dask LocalCluster of N workers started here."),
    ] = None,
    follow_links_outside: Annotated[
        bool,
        typer.Option(
            "--follow-links-outside",
            help="Read the files that symbolic links below IN_DIR point to outside it "
            "(by default each such link gets a link_outside_input error row).",
        ),
    ] = False,
    findings_threshold: Annotated[
        float | None,
        typer.Option(
            min=0.0, max=1.0,
            help="Keep a sentence as a finding when the classifier's probability reaches this "
            "(default: the threshold stored with the model, in its meta.json). Higher "
            "trades recall for precision. Documents already in OUT are scored again.",
        ),
    ] = None,
    findings_model: Annotated[
        Path | None,
        typer.Option(
            exists=True, file_okay=False, dir_okay=True,
            help="Use the findings model in this folder (one `reportmine train` wrote) instead "
            "of the shipped one. Documents already in OUT are scored again.",
        ),
    ] = None,
) -> None:
    """Extract every paper below IN_DIR into one Parquet file per table in OUT.

    Documents already in OUT (same content, same pipeline version) are skipped.
    """
    config = PipelineConfig(
        findings_threshold=findings_threshold,
        findings_model=findings_model.resolve() if findings_model else None,
    )
    try:
        summary = _run(
            in_dir, out, quiet, workers, force, timeout, max_memory_mb, scheduler,
            dask_local, follow_links_outside, config,
        )
    except Exception as exc:  # noqa: BLE001 - never exit non-zero without saying why
        message = _stop_message(exc, out)
        console.print(message, style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    _print_summary(summary, out)


def _run(
    in_dir: Path,
    out: Path,
    quiet: bool,
    workers: int | None,
    force: bool,
    timeout: float,
    max_memory_mb: int,
    scheduler: str | None,
    dask_local: int | None,
    follow_links_outside: bool,
    config: PipelineConfig,
) -> RunSummary:
    """The batch run behind `run`, with a progress bar."""
    total = sum(1 for _ in iter_input_files(in_dir, skip=out))
    limits = Limits(timeout_s=timeout or None, memory_mb=max_memory_mb or None)
    scratch = out / STATE_DIR / "dask"
    with dask_client(scheduler, dask_local, scratch) as client, Progress(
        TextColumn("[bold]reportmine[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        disable=quiet,
    ) as progress:
        task = progress.add_task("", total=total)

        def advance(outcome: DocOutcome) -> None:
            progress.update(task, advance=1, description=outcome.source_path[-50:])

        return run_batch(
            in_dir, out, on_progress=advance, workers=workers, force=force, limits=limits,
            client=client, follow_links_outside=follow_links_outside, config=config,
        )


def _print_summary(summary: RunSummary, out: Path) -> None:
    table = Table(title=f"{summary.n_documents} documents -> {out}")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, count in summary.counts.items():
        table.add_row(name, str(count))
    console.print(table)
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(summary.status_counts.items()))
    console.print(f"documents by status: {statuses or 'none'}")
    console.print(
        f"processed {summary.n_processed}, skipped {summary.n_skipped} already in {out} "
        f"({summary.elapsed_s:.1f} s)"
    )


def _stop_message(exc: Exception, out: Path) -> str:
    """One line saying why a run stopped: bad input files never stop it (they get rows),
    so what is left is OUT_DIR, the worker processes, or a bug."""
    if isinstance(exc, (RunLockedError, WorkerStartError)):
        return str(exc)
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC or "No space left" in str(exc):
            return (
                f"No space left on the device holding {out}: free some space or choose "
                "another output folder (-o); the next run goes on from what was saved."
            )
        if out.exists() and not out.is_dir():
            return f"{out} is a file, not a folder: choose another output folder (-o)."
        if isinstance(exc, PermissionError):
            return (
                f"Cannot write to {exc.filename or out}: permission denied. Choose an "
                "output folder (-o) you may write to."
            )
    return f"reportmine stopped: {type(exc).__name__}: {exc}"


@app.command()
def show(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Print one document's extracted records with their evidence (page and quote)."""
    result = process_file(file)
    out = Console()
    doc = result.document
    out.rule(f"[bold]{doc.source_path}")
    for name in (
        "doc_id",
        "status",
        "source_format",
        "council",
        "council_code",
        "doc_kind",
        "committee",
        "meeting_date",
        "title",
        "n_pages",
        "n_chars",
    ):
        out.print(f"[dim]{name:>14}[/] {getattr(doc, name)}")
    for table in RECORD_TABLES:
        rows = result.records.get(table, [])
        out.rule(f"{table} ({len(rows)})")
        for row in rows:
            data = row.model_dump(
                exclude={
                    "doc_id",
                    "quote",
                    "char_start",
                    "char_end",
                    "page",
                    "extractor",
                    "confidence",
                },
                exclude_none=True,
            )
            fields = "  ".join(f"[cyan]{k}[/]={v}" for k, v in data.items() if v not in ([], ""))
            out.print(fields, highlight=False)
            where = f"p.{row.page}" if row.page else "text"
            out.print(
                f"   [dim]{where} [{row.char_start}:{row.char_end}] {row.extractor} "
                f"({row.confidence:.2f})[/] \u201c{row.quote}\u201d",
                highlight=False,
            )
    for err in result.errors:
        out.print(f"[red]error[/] {err.stage}/{err.error_type}: {err.message}")


app.command("train")(train_command)


@app.command()
def schema(
    out: Annotated[
        Path, typer.Option("-o", "--out", help="Folder for the JSON Schema.")
    ] = Path("schemas"),
) -> None:
    """Write the JSON Schema of every table (generated from the pydantic models)."""
    for path in write_schemas(out):
        console.print(f"wrote {path}")


app.command("eval")(eval_command)
app.command("query")(query_command)
app.command("export")(export_command)
app.command("report")(report_command)


if __name__ == "__main__":
    app()
