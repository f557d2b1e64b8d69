"""`evaluate(gold_dirs, out_dir)`: the library entry point behind `reportmine eval`.

Pairs every gold file with the run's document by path suffix, scores the tables its
scope allows (`scope.py`), sums the counts per gold folder (micro-averages) and, when a
peer CSV is given or found, compares the run's inspections with it (`peer.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportmine.evaluation.gold import GoldDoc, load_gold_dir
from reportmine.evaluation.pathmatch import find_source, index_by_suffix
from reportmine.evaluation.peer import (
    apply_overrides,
    compare_peer,
    find_overrides,
    find_peer_csv,
    load_overrides,
    load_peer,
)
from reportmine.evaluation.run_output import RunOutput, load_run
from reportmine.evaluation.scope import scope_for
from reportmine.evaluation.scores import DocScore, EvalReport, GroupScore
from reportmine.evaluation.tables import score_document_fields, spec_for


def group_name(gold_dir: Path) -> str:
    """A short label: `corpus/gold` -> `corpus`, `../shared/ofsted-reports/gold` ->
    `ofsted-reports`; a folder not called `gold` keeps its own name."""
    gold_dir = Path(gold_dir).resolve()
    return gold_dir.parent.name if gold_dir.name == "gold" else gold_dir.name


def _unique_names(gold_dirs: Sequence[Path]) -> list[str]:
    names = [group_name(g) for g in gold_dirs]
    return [n if names.count(n) == 1 else str(g) for n, g in zip(names, gold_dirs, strict=True)]


def score_document(gold: GoldDoc, doc: dict, run: RunOutput) -> DocScore:
    """Every table in scope for this gold document, with its misses and false alarms."""
    scope = scope_for(gold)
    doc_id = doc.get("doc_id") or ""
    result = DocScore(
        gold_dir=str(gold.gold_dir),
        gold_key=gold.rel,
        source_path=doc["source_path"],
        doc_id=doc_id,
        status=doc.get("status") or "",
        recommendation_mode=scope.recommendation_findings,
    )
    if scope.documents:
        result.fields, problems = score_document_fields(gold.data["document"], doc)
        result.problems += problems
    for table in scope.tables:
        score_table = spec_for(table).score
        score, problems = score_table(gold.rows(table), run.rows(table, doc_id), scope)
        result.tables[score.table] = score
        result.problems += problems
    return result


def score_group(gold_dir: Path, name: str, run: RunOutput) -> GroupScore:
    group = GroupScore(name=name, gold_dirs=[str(gold_dir)])
    docs = run.documents_by_path()
    index = index_by_suffix(docs)
    for gold in load_gold_dir(gold_dir):
        hits = find_source(gold.key, index)
        if not hits:
            group.not_in_run.append(gold.rel)
            continue
        if len({docs[h].get("doc_id") for h in hits}) > 1:
            group.ambiguous.append(f"{gold.rel} -> {', '.join(hits)} (scored against the first)")
        group.add_doc(score_document(gold, docs[hits[0]], run))
    return group


def evaluate(
    gold_dirs: Sequence[Path | str] | Path | str,
    out_dir: Path | str,
    peer_csv: Path | str | None = None,
    peer_overrides: Path | str | None = None,
    find_peer: bool = True,
) -> EvalReport:
    """Score the run in OUT_DIR against one or more gold folders.

    `peer_csv` compares inspections with a peer CSV; without it one is looked for beside
    the gold folders (`find_peer=False` turns that off). `peer_overrides` defaults to the
    project's `corpus/gold/overrides/peer_overrides.csv` when it can be found.
    """
    if isinstance(gold_dirs, (str, Path)):
        gold_dirs = [gold_dirs]
    dirs = [Path(g) for g in gold_dirs]
    run = load_run(Path(out_dir))
    report = EvalReport(out_dir=str(out_dir))
    for gold_dir, name in zip(dirs, _unique_names(dirs), strict=True):
        report.groups.append(score_group(gold_dir, name, run))
    if len(report.groups) > 1:
        total = GroupScore(name="all", gold_dirs=[str(d) for d in dirs])
        for group in report.groups:
            for doc in group.docs:
                total.add_doc(doc)
            total.not_in_run += group.not_in_run
            total.ambiguous += group.ambiguous
        report.total = total
    csv_path = Path(peer_csv) if peer_csv else (find_peer_csv(dirs) if find_peer else None)
    if csv_path is not None:
        rows = load_peer(csv_path)
        overrides_path = Path(peer_overrides) if peer_overrides else find_overrides(dirs)
        unknown: list[str] = []
        if overrides_path is not None:
            unknown = apply_overrides(rows, load_overrides(overrides_path))
        report.peer = compare_peer(rows, run, csv_path, overrides_path)
        report.peer.unknown_overrides = unknown
    return report
