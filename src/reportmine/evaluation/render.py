"""Printing an EvalReport as rich tables, and writing it as eval.json.

Summary tables first (what a reviewer compares between runs), then, with `per_doc`, every
miss, false alarm and wrong attribute per document (what a developer fixes next).
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reportmine.core.models import DocumentRecord
from reportmine.evaluation.peer import PeerReport
from reportmine.evaluation.scores import EvalReport, GroupScore
from reportmine.evaluation.tables import score_names


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _ordered(group: GroupScore) -> list[str]:
    """The tables in the order of the models (`tables.score_names`), then any other."""
    order = score_names()
    return [t for t in order if t in group.tables] + sorted(
        t for t in group.tables if t not in order
    )


def detection_table(group: GroupScore) -> Table:
    title = f"{group.name}: {len(group.docs)} gold documents scored"
    if group.not_in_run:
        title += f", {len(group.not_in_run)} not in run"
    table = Table(title=title, title_justify="left")
    for col in ("table", "docs", "n_gold", "n_pred", "matched", "P", "R", "F1", "strict F1"):
        table.add_column(col, justify="left" if col == "table" else "right")
    for name in _ordered(group):
        s = group.tables[name]
        c = s.counts
        matched = str(c.matched_gold)
        if c.matched_pred != c.matched_gold:
            matched += f" ({c.matched_pred} pred)"
        table.add_row(
            name, str(s.n_docs), str(c.n_gold), str(c.n_pred), matched,
            _pct(c.precision), _pct(c.recall), _pct(c.f1),
            _pct(s.strict.f1) if s.strict else "",
        )
    return table


def attribute_table(group: GroupScore) -> Table:
    table = Table(title=f"{group.name}: accuracy among matches / document fields",
                  title_justify="left")
    for col in ("table", "field", "correct", "of", "accuracy"):
        table.add_column(col, justify="left" if col in ("table", "field") else "right")
    for name in _ordered(group):
        for attr, acc in group.tables[name].attributes.items():
            table.add_row(name, attr, str(acc.correct), str(acc.total), _pct(acc.value))
    for attr, acc in group.document_fields.items():
        table.add_row(DocumentRecord.table, attr, str(acc.correct), str(acc.total), _pct(acc.value))
    return table


def peer_tables(peer: PeerReport) -> list[Table]:
    """Agreement per field, every conflicting value, and per file the fields where the
    peer has a value and reportmine none (listed compactly: often a whole missing row).

    compared/agree use the peer as corrected by overrides; "peer blank" counts the peer's
    own gaps, "recovered" those reportmine fills, "verified" those an override confirms.
    """
    source = f"overrides: {peer.overrides_path}" if peer.overrides_path else "no overrides"
    summary = Table(
        title=f"peer agreement: {peer.n_in_run} of {peer.n_rows} peer rows in the run ({source})",
        title_justify="left",
    )
    for col in ("field", "compared", "agree", "agreement", "conflict", "ours blank",
                "overridden", "peer blank", "recovered", "verified"):
        summary.add_column(col, justify="left" if col == "field" else "right")
    for f in peer.fields.values():
        summary.add_row(f.field, str(f.compared), str(f.agree), _pct(f.agreement),
                        str(f.conflict), str(f.ours_blank), str(f.overridden),
                        str(f.peer_blank), str(f.recovered), str(f.recovered_verified))
    conflicts = [d for d in peer.disagreements if d.kind == "conflict"]
    detail = Table(title=f"peer disagreements: conflicting values ({len(conflicts)})",
                   title_justify="left")
    for col in ("file", "field", "peer", "ours", "note"):
        detail.add_column(col, overflow="fold")
    for d in conflicts:
        note = f"override: {d.reason}" if d.overridden else ""
        detail.add_row(d.file, d.field, str(d.peer), str(d.ours), note)
    blanks: dict[str, list[str]] = {}
    for d in peer.disagreements:
        if d.kind == "ours_blank":
            blanks.setdefault(d.file, []).append(d.field + ("*" if d.overridden else ""))
    missing = Table(
        title=f"peer disagreements: peer has a value, reportmine none ({len(blanks)} files, "
        f"{sum(map(len, blanks.values()))} fields; * = value from an override)",
        title_justify="left",
    )
    missing.add_column("file", overflow="fold")
    missing.add_column("fields", overflow="fold")
    no_row = set(peer.no_inspection)
    for file, fields in blanks.items():
        shown = ", ".join(fields)
        if file in no_row:
            shown = f"no inspection row at all ({len(fields)} fields)"
        missing.add_row(file, shown)
    tables = [summary]
    tables += [detail] if conflicts else []
    tables += [missing] if blanks else []
    return tables


def print_per_doc(console: Console, group: GroupScore) -> None:
    for doc in group.docs:
        if not doc.problems:
            continue
        mode = " [recommendation findings]" if doc.recommendation_mode else ""
        console.rule(f"[bold]{group.name}: {doc.gold_key}[/]{mode}")
        console.print(f"[dim]{doc.source_path} ({doc.doc_id}, {doc.status})[/]", highlight=False)
        for p in doc.problems:
            style = {"miss": "red", "false_alarm": "yellow", "wrong": "magenta"}[p.kind]
            if p.kind == "wrong":
                line = (f"[{style}]{p.kind:>11}[/] {p.table:<15} {escape(p.detail)}  "
                        f"[dim]{escape(p.text[:70])}[/]")
                console.print(line, highlight=False, soft_wrap=True)
                continue
            line = f"[{style}]{p.kind:>11}[/] {p.table:<15} {escape(p.text)}"
            console.print(line, highlight=False, soft_wrap=True)
            if p.detail:
                console.print(f"{'':>28}[dim]{escape(p.detail)}[/]", highlight=False,
                              soft_wrap=True)
    if group.not_in_run:
        console.print(f"[dim]{group.name}: not in run: {', '.join(group.not_in_run)}[/]",
                      highlight=False)


def print_report(report: EvalReport, console: Console | None = None, per_doc: bool = False) -> None:
    console = console or Console()
    groups = list(report.groups) + ([report.total] if report.total else [])
    if per_doc:
        for group in report.groups:
            print_per_doc(console, group)
    for group in groups:
        console.print(detection_table(group))
        console.print(attribute_table(group))
        if group.ambiguous:
            console.print(f"[yellow]ambiguous gold paths:[/] {'; '.join(group.ambiguous)}")
    if report.peer is not None:
        for table in peer_tables(report.peer):
            console.print(table)
        n_conflict = sum(d.kind == "conflict" for d in report.peer.disagreements)
        n_blank = len(report.peer.disagreements) - n_conflict
        console.print(f"peer disagreements: {n_conflict} conflicting values, {n_blank} fields "
                      "where the peer has a value and reportmine none", highlight=False)
        if report.peer.unknown_overrides:
            console.print(f"[yellow]overrides for files not in the peer CSV:[/] "
                          f"{', '.join(report.peer.unknown_overrides)}")


def write_json(report: EvalReport, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path
