"""A folder in, the tables out: plan what to process, process it, publish the tables.

1. Scan IN_DIR: every file's content id (doc_id) and the format it will be read as;
   unreadable files become error rows.
2. Skip every document whose key (doc_id and format, `outcome.cache_key`) is already in
   OUT_DIR's store for this pipeline version (unless `force`); process each remaining
   distinct document once.
3. Commit each processed document to the store as it arrives (`reportmine.output.store`).
4. Assemble the tables in input order from the store (`reportmine.batch.assemble`) and publish
   them atomically: one file per table, or a dataset folder per table on Dask.

When nothing changed since the last run (same files, same ids, same store), the
published tables are already right and step 4 is skipped too.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from reportmine.batch.assemble import assemble
from reportmine.batch.executors import Executor, make_executor
from reportmine.batch.inputs import InputFile, confining_folder, input_root, iter_scanned_inputs
from reportmine.batch.limits import Limits
from reportmine.batch.tasks import DocTask, PipelineSpec, unreadable_outcome
from reportmine.core.config import DEFAULT_CONFIG, PipelineConfig
from reportmine.output.outcome import DocOutcome, cache_key
from reportmine.output.store import Store
from reportmine.output.writer import TABLES, arrow_allocator, publish_datasets, publish_files

ProgressCallback = Callable[[DocOutcome], None]
DOCS_PER_PART = 1000


@dataclass
class RunSummary:
    """Counts per table, what was processed or skipped, and the output paths of one run."""

    n_documents: int = 0
    n_processed: int = 0
    n_skipped: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    status_counts: dict[str, int] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    peak_rss_mb: list[float] = field(default_factory=list)  # per worker process
    elapsed_s: float = 0.0


def _listing_digest(entries: list[InputFile]) -> str:
    digest = hashlib.sha256()
    for entry in entries:
        digest.update(f"{entry.source_path}\0{entry.key}\n".encode("utf-8", "replace"))
    return digest.hexdigest()


class _EarlyWorkers:
    """Local worker processes started as the scan meets documents this run must process,
    one per document up to the number of workers, so they load the pipeline while the
    other inputs are still being hashed. A run with nothing to do starts none, one with a
    single new document one; `take` hands them over to the run."""

    def __init__(self, workers, spec, limits, client) -> None:
        self.args = (workers, spec, limits)
        self.local = client is None and (workers is None or workers > 0)
        self.executor: Executor | None = None
        self.needed: set[str] = set()

    def start(self, key: str) -> None:
        """A document to process (copies of one file count once)."""
        if not self.local or key in self.needed:
            return
        self.needed.add(key)
        if self.executor is None:
            self.executor = make_executor(*self.args)
        self.executor.start(len(self.needed))  # it starts no more than its workers

    def take(self) -> Executor | None:
        executor, self.executor = self.executor, None
        return executor

    def close(self) -> None:
        if self.executor is not None:
            self.take().close()


def run_batch(
    in_dir: Path,
    out_dir: Path,
    extractors: list | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    workers: int | None = None,
    force: bool = False,
    limits: Limits | None = None,
    client=None,
    follow_links_outside: bool = False,
    config: PipelineConfig | None = None,
) -> RunSummary:
    """Process every file below IN_DIR and write the tables into OUT_DIR.

    workers: processes to use (default: the machine's cores; 0 runs in this process,
        without the time and memory limits). Output is the same for any number.
    force: process every document again, even those already in OUT_DIR.
    limits: time limit per document and memory limit per worker (`Limits`).
    client: a `dask.distributed.Client`; documents are then processed on its cluster and
        each table is written as a dataset folder OUT_DIR/<table>/part-NNNNN.parquet.
    follow_links_outside: read files that symbolic links below IN_DIR point to outside it
        (by default each such link gets a `link_outside_input` error row).
    config: the pipeline's settings (`PipelineConfig`); its version keys the stored
        results, so a run with other settings re-processes every document.
    extractors: run these instead of the registry's (tests, experiments).
    """
    started = time.perf_counter()
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    limits = limits or Limits()
    root = input_root(in_dir)
    inside = confining_folder(in_dir, follow_links_outside)
    notify = on_progress or (lambda outcome: None)
    config = config or DEFAULT_CONFIG
    spec = PipelineSpec(config, tuple(extractors) if extractors is not None else None)
    version = config.pipeline_version
    early = _EarlyWorkers(workers, spec, limits, client)
    with (
        arrow_allocator(),
        Store(out_dir, pipeline_version=version) as store,
        closing(early),
    ):
        cached = set() if force else store.keys()
        entries = []
        for entry in iter_scanned_inputs(in_dir, out_dir, follow_links_outside):
            entries.append(entry)
            if entry.error is None and entry.key not in cached:
                early.start(entry.key)
        summary = RunSummary(n_documents=len(entries))
        fresh: dict[int, DocOutcome] = {}
        sharing: dict[str, list[InputFile]] = defaultdict(list)  # key -> entries
        tasks: list[DocTask] = []
        for entry in entries:
            if entry.error is not None:
                fresh[entry.index] = unreadable_outcome(entry.source_path, entry.error, config)
                notify(fresh[entry.index])
            elif entry.key in cached:
                summary.n_skipped += 1
                notify(DocOutcome(entry.source_path, entry.doc_id, "cached", skipped=True))
            else:
                if entry.key not in sharing:
                    tasks.append(
                        DocTask(
                            str(entry.path),
                            str(root),
                            entry.source_path,
                            entry.doc_id,
                            entry.size,
                            entry.fmt,
                            str(inside) if inside else None,
                        )
                    )
                sharing[entry.key].append(entry)

        partitioned = client is not None
        state = {"listing": _listing_digest(entries), "partitioned": partitioned}
        previous = store.read_state()
        if (
            not tasks
            and not fresh
            and {k: previous.get(k) for k in state} == state
            and previous.get("segments") == [s.name for s in store.segments()]
            and all(Path(p).exists() for p in previous.get("paths", {}).values())
        ):
            summary.counts = {t: previous["counts"][t] for t in TABLES}
            summary.status_counts = previous["status_counts"]
            summary.paths = {t: Path(p) for t, p in previous["paths"].items()}
            summary.elapsed_s = time.perf_counter() - started
            return summary

        executor = early.take() or make_executor(workers, spec, limits, client)
        try:
            for task, outcome in executor.run(tasks):
                key = cache_key(task.doc_id, task.fmt, task.source_path)
                summary.n_processed += len(sharing[key])
                if outcome.cacheable and outcome.cache_key == key:
                    store.add(outcome)
                else:  # stopped by a limit, or the file changed while we read it
                    outcome.cacheable = False
                    for entry in sharing[key]:
                        fresh[entry.index] = outcome
                for entry in sharing[key]:
                    notify(DocOutcome(entry.source_path, outcome.doc_id, outcome.status))
            n_parts = max(executor.n_workers, math.ceil(len(entries) / DOCS_PER_PART))
            summary.peak_rss_mb = list(executor.peak_rss_mb)
        finally:
            executor.close()
        store.flush()

        listed = {e.key for e in entries if e.key and e.index not in fresh}
        stored = store.load(listed)
        tables = assemble(entries, stored, fresh, n_parts if partitioned else 1)
        store.clear_state()
        if partitioned:
            summary.paths = publish_datasets(tables, out_dir, store.tmp, version)
        else:
            first_parts = {t: parts[0] for t, parts in tables.items()}
            summary.paths = publish_files(first_parts, out_dir, version)
        store.compact(listed, stored)
        summary.counts = {t: sum(p.num_rows for p in parts) for t, parts in tables.items()}
        statuses = [s for p in tables["documents"] for s in p.column("status").to_pylist()]
        for status in statuses:
            summary.status_counts[status] = summary.status_counts.get(status, 0) + 1
        store.write_state(
            {
                **state,
                "segments": [s.name for s in store.segments()],
                "counts": summary.counts,
                "status_counts": summary.status_counts,
                "paths": {t: str(p) for t, p in summary.paths.items()},
            }
        )
    summary.elapsed_s = time.perf_counter() - started
    return summary
