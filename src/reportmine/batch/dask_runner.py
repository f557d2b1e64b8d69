"""Distributed runs: the same document tasks, processed by the workers of a Dask cluster.

The client (this process) scans IN_DIR, skips documents already in OUT_DIR, submits one
task per remaining document, commits results to the store as they arrive and writes the
tables, each as a dataset folder of part files (`reportmine.batch.run`). Dask workers read
the input files by path, so IN_DIR must be visible to every worker at the same path (a
shared file system); OUT_DIR is written by the client only.

On a worker that may start child processes (`distributed.worker.daemon: False`, which
`--dask-local` sets), each document runs in a guarded child process with the time and
memory limits of local runs; elsewhere it runs in the Dask worker itself, and only
Dask's own worker memory limit applies.
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from reportmine.batch.executors import outcome_of
from reportmine.batch.limits import Limits
from reportmine.batch.tasks import DEFAULT_SPEC, DocTask, PipelineSpec, init_worker, process_task
from reportmine.batch.workers import GuardedPool, TaskFailure, run_task
from reportmine.output.outcome import DocOutcome

_local = threading.local()


@contextmanager
def dask_client(
    scheduler: str | None = None, local_workers: int | None = None, scratch: Path | None = None
) -> Iterator[object | None]:
    """A Client for `scheduler`, or for a LocalCluster of `local_workers`; None for neither.

    `scratch` is where a LocalCluster's workers may spill (default: Dask's temp folder).
    """
    if not scheduler and not local_workers:
        yield None
        return
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(
            n_workers=local_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            local_directory=str(scratch) if scratch else None,
        )
        with cluster, Client(cluster) as client:
            client.wait_for_workers(local_workers, timeout=120)
            yield client


def _guarded_pool(spec: PipelineSpec, limits: Limits) -> GuardedPool:
    """This worker thread's one guarded child process, started on first use."""
    key = (repr(spec), limits)
    if getattr(_local, "key", None) != key:
        if getattr(_local, "pool", None) is not None:
            _local.pool.close()
        _local.pool = GuardedPool(1, process_task, init_worker, (spec,), limits=limits)
        _local.key = key
    return _local.pool


def process_on_worker(task: DocTask, spec: PipelineSpec, limits: Limits) -> DocOutcome:
    """Runs on a Dask worker: one document, in a guarded child process where allowed."""
    if mp.current_process().daemon:
        if not getattr(_local, "ready", False):
            init_worker(spec)
            _local.ready = True
        result = run_task(process_task, task)
    else:
        ((_, result),) = list(_guarded_pool(spec, limits).imap_unordered([task]))
    return outcome_of(task, result, limits)


class DaskExecutor:
    """Submits documents to a Dask cluster, a few per worker in flight, largest first."""

    def __init__(self, client, spec: PipelineSpec = DEFAULT_SPEC, limits: Limits | None = None):
        self.client = client
        self.spec = spec
        self.limits = limits or Limits()
        self.n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        self.peak_rss_mb: list[float] = []

    def start(self, needed: int | None = None) -> None:
        pass  # the cluster's workers load the pipeline on their first task

    def run(self, tasks: list[DocTask]) -> Iterator[tuple[DocTask, DocOutcome]]:
        from distributed import as_completed

        queue = iter(sorted(tasks, key=lambda t: -t.size))
        pending = {}

        def submit(task: DocTask):
            future = self.client.submit(
                process_on_worker, task, self.spec, self.limits, pure=False
            )
            pending[future] = task
            return future

        running = as_completed([submit(t) for t in islice(queue, 4 * self.n_workers)])
        for future in running:
            task = pending.pop(future)
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker fails one document only
                failure = TaskFailure("worker_crashed", "extract", f"{type(exc).__name__}: {exc}")
                outcome = outcome_of(task, failure, self.limits)
            future.release()
            yield task, outcome
            for task in islice(queue, 1):
                running.add(submit(task))

    def close(self) -> None:
        pass  # the client belongs to the caller
