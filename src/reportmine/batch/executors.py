"""Where documents are processed: in this process, or in guarded local worker processes.

An executor takes `DocTask`s and yields `(task, DocOutcome)` for each, in any order. The Dask
executor (`reportmine.batch.dask_runner`) has the same shape; `make_executor` picks one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Protocol

from reportmine.batch.limits import Limits
from reportmine.batch.tasks import (
    DEFAULT_SPEC,
    DocTask,
    PipelineSpec,
    failure_outcome,
    init_worker,
    process_task,
)
from reportmine.batch.workers import GuardedPool, TaskFailure, run_task
from reportmine.output.outcome import DocOutcome


class Executor(Protocol):
    n_workers: int
    peak_rss_mb: list[float]

    # Begin loading the pipeline, without waiting for it, in no more workers than
    # `needed` tasks can use (default: all).
    def start(self, needed: int | None = None) -> None: ...

    def run(self, tasks: list[DocTask]) -> Iterator[tuple[DocTask, DocOutcome]]: ...

    def close(self) -> None: ...


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def outcome_of(task: DocTask, result: DocOutcome | TaskFailure, limits: Limits) -> DocOutcome:
    if isinstance(result, TaskFailure):
        return failure_outcome(task, result, limits)
    return result


class InlineExecutor:
    """Documents one after another in this process (workers=0): no limits, easy to debug."""

    n_workers = 0

    def __init__(self, spec: PipelineSpec = DEFAULT_SPEC, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.peak_rss_mb: list[float] = []
        init_worker(spec)

    def start(self, needed: int | None = None) -> None:
        pass  # loaded in __init__

    def run(self, tasks: list[DocTask]) -> Iterator[tuple[DocTask, DocOutcome]]:
        for task in tasks:
            yield task, outcome_of(task, run_task(process_task, task), self.limits)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """`workers` local processes, each loading the pipeline once, with the guards of
    `reportmine.batch.workers`. Largest files go first, so the batch does not end waiting on one."""

    def __init__(
        self, workers: int, spec: PipelineSpec = DEFAULT_SPEC, limits: Limits | None = None
    ) -> None:
        self.limits = limits or Limits()
        self.n_workers = max(1, workers)
        self.pool = GuardedPool(
            self.n_workers, process_task, init_worker, (spec,), limits=self.limits
        )

    @property
    def peak_rss_mb(self) -> list[float]:
        """Per worker that processed a document (a run with fewer documents than workers
        starts fewer workers)."""
        return [peak for peak in self.pool.peak_rss_mb if peak > 0]

    def start(self, needed: int | None = None) -> None:
        self.pool.start(needed)

    def run(self, tasks: list[DocTask]) -> Iterator[tuple[DocTask, DocOutcome]]:
        ordered = sorted(tasks, key=lambda t: -t.size)
        for task, result in self.pool.imap_unordered(ordered):
            yield task, outcome_of(task, result, self.limits)

    def close(self) -> None:
        self.pool.close()


def make_executor(
    workers: int | None,
    spec: PipelineSpec = DEFAULT_SPEC,
    limits: Limits | None = None,
    client=None,
) -> Executor:
    """On `client`'s Dask cluster when given; else `workers` local processes (default: one
    per core), or this process for 0."""
    if client is not None:
        from reportmine.batch.dask_runner import DaskExecutor  # needs dask: import on use

        return DaskExecutor(client, spec, limits)
    workers = default_workers() if workers is None else workers
    if workers <= 0:
        return InlineExecutor(spec, limits)
    return ProcessExecutor(workers, spec, limits)
