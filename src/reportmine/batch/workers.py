"""A pool of worker processes in which no single task can stall or sink the batch.

Each worker loads the pipeline once (an initializer), then runs one task at a time; while
more tasks than workers remain, its next tasks already wait in its pipe (about
`PREFETCH_S` of work), so it does not sit idle while the parent commits results. The
parent gives every task a deadline from the moment the
worker starts it: a worker still busy past it is killed and replaced, the task comes back
as a `TaskFailure("timeout")`, and the tasks that were waiting behind it are queued again.
A worker gets tasks as soon as it has loaded the pipeline, whether the others have or
not, so a replacement loads while the other workers carry on. A
worker's address space is capped (`Limits.memory_mb`), so a runaway allocation raises
MemoryError, reported as `TaskFailure("memory_limit")`; a worker that dies for any other
reason gives `TaskFailure("worker_crashed")`. The other workers carry on throughout.

A worker may die at any moment: while it runs a task, between two tasks, or while the
parent is sending it more. Whatever the moment, the tasks it held go back to the queue;
the one it was running is tried once more (on a fresh worker, as its own is replaced),
since the worker may have been killed from outside, and only a task that loses a worker
twice gives `worker_crashed`. A replacement that dies while it loads the pipeline is
started again (the pipeline loaded before, so the cause is elsewhere); only a pool none
of whose workers ever loaded it, or a slot whose replacements keep dying while loading,
stops the batch with `WorkerStartError`.

Workers are started with the "spawn" method: no fork of a threaded parent (progress
bars, Dask clients), and nothing written to disk to start them. A spawned process runs
the parent's main script again (its imports) in case what it unpickles lives there; when
nothing sent to the workers refers to the main script, they are started without it, as
the CLI's imports (pyarrow, typer) cost each worker about 0.3 s of CPU.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import pickle
import signal
import sys
import time
import types
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from reportmine.batch.limits import Limits, apply_memory_limit, peak_rss_mb

STAGES = ("load", "normalise", "extract", "write")
STARTUP_TIMEOUT_S = 300.0
# Replacements in one slot that may die in a row while loading before the batch stops.
MAX_START_FAILURES = 3
# How often a task is run again after the worker running it died.
CRASH_RETRIES = 1
_READY = "ready"
# Work sent to a worker ahead of the task it runs, in seconds (estimated from the tasks
# done so far): it covers the parent's pauses to commit results, about 0.1 s each. One
# task ahead until a task has finished, and never more than MAX_PREFETCH.
PREFETCH_S = 0.25
MAX_PREFETCH = 32

# Set in a worker process: where `set_stage` records what the current task is doing.
_stage_value: Any = None


def set_stage(stage: str) -> None:
    """Record the stage the current task is in (read by the parent when it times out)."""
    if _stage_value is not None:
        _stage_value.value = STAGES.index(stage)


def refers_to_main(*objects: Any) -> bool:
    """Whether pickling `objects` refers to the main script (a function or class defined
    there, pickled by name), so a spawned process must run that script to unpickle them.
    Anything that cannot be pickled is assumed to."""
    try:
        return b"__main__" in pickle.dumps(objects)
    except Exception:  # noqa: BLE001 - spawning will report it as it always did
        return True


@contextlib.contextmanager
def _main_script_hidden() -> Iterator[None]:
    """While processes are spawned, `__main__` is an empty module: spawn then has no
    script to tell them to run (it reads `__main__.__spec__` and `__file__`)."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


class WorkerStartError(RuntimeError):
    """A worker process could not load the pipeline: no document can be processed."""


@dataclass(frozen=True)
class TaskFailure:
    """Why a task produced no result: timeout, memory_limit or worker_crashed."""

    kind: str
    stage: str
    detail: str = ""


def run_task(fn: Callable[[Any], Any], task: Any) -> Any:
    """Run one task; a MemoryError becomes a TaskFailure (the same in and out of a worker)."""
    set_stage("load")
    try:
        return fn(task)
    except MemoryError:
        stage = STAGES[_stage_value.value] if _stage_value is not None else "extract"
        return TaskFailure("memory_limit", stage)


def _exit_now() -> None:
    """End a worker told to stop without the interpreter's teardown: it holds no files or
    output of its own, and tearing down spaCy's and numpy's modules made every run wait
    about 0.4 s for its workers to go."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _worker_main(conn, stage_value, fn, initializer, initargs, memory_mb) -> None:
    global _stage_value
    _stage_value = stage_value
    apply_memory_limit(memory_mb)
    if initializer is not None:
        initializer(*initargs)
    conn.send(_READY)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent has gone
        if message is None:
            _exit_now()
        task_id, task = message
        result = run_task(fn, task)
        try:
            conn.send((task_id, result, peak_rss_mb()))
        except MemoryError:
            conn.send((task_id, TaskFailure("memory_limit", "write"), peak_rss_mb()))
        if isinstance(result, TaskFailure):
            return  # a worker that ran out of memory is replaced, not trusted again


@dataclass
class _Worker:
    process: Any
    conn: Connection
    stage: Any
    slot: int
    # Tasks sent to this worker and not yet answered, the one it runs first.
    task_ids: deque[int] = field(default_factory=deque)
    deadline: float = float("inf")  # of the task it runs
    started: float = 0.0  # when it started the task it runs (monotonic)
    ready: bool = False  # it has loaded the pipeline
    spawned: float = field(default_factory=time.monotonic)  # when it was started
    start_failures: int = 0  # workers in this slot that died in a row while loading


class GuardedPool:
    """`workers` processes running `fn(task)`; see the module docstring for the guards."""

    def __init__(
        self,
        workers: int,
        fn: Callable[[Any], Any],
        initializer: Callable[..., None] | None = None,
        initargs: tuple = (),
        limits: Limits | None = None,
    ) -> None:
        self.n_workers = max(1, int(workers))
        self.fn = fn
        self.initializer = initializer
        self.initargs = initargs
        self.limits = limits or Limits()
        self.peak_rss_mb: list[float] = [0.0] * self.n_workers
        self._ctx = mp.get_context("spawn")
        self._workers: list[_Worker] = []
        self._needs_main = refers_to_main(fn, initializer, initargs)
        self._done_s, self._done_n = 0.0, 0  # time the finished tasks took, and how many
        self._loaded_once = False  # a worker of this pool has loaded the pipeline

    def _spawn(self, slot: int) -> _Worker:
        parent_conn, child_conn = self._ctx.Pipe()
        stage = self._ctx.RawValue("i", 0)
        process = self._ctx.Process(
            target=_worker_main,
            args=(
                child_conn,
                stage,
                self.fn,
                self.initializer,
                self.initargs,
                self.limits.memory_mb,
            ),
            daemon=True,
            name=f"reportmine-worker-{slot}",
        )
        with contextlib.nullcontext() if self._needs_main else _main_script_hidden():
            process.start()
        child_conn.close()
        return _Worker(process, parent_conn, stage, slot)

    def _note_ready(self, worker: _Worker, ready: list) -> None:
        """Mark a loading worker ready once it says so (`ready` is what `wait` returned).
        One that died or overran STARTUP_TIMEOUT_S while loading is started again when a
        worker of this pool has loaded the pipeline before (up to MAX_START_FAILURES in
        a row); otherwise the pipeline itself cannot be loaded, and the batch stops.
        Task deadlines start only after loading."""
        ended = worker.process.sentinel in ready
        if worker.conn in ready or worker.conn.poll():
            try:
                if worker.conn.recv() == _READY:
                    worker.ready = True
                    self._loaded_once = True
                    return
            except (EOFError, OSError):
                pass
            ended = True  # it closed its pipe: it is going
        elif not ended and time.monotonic() < worker.spawned + STARTUP_TIMEOUT_S:
            return  # still loading
        worker.process.join(timeout=5 if ended else 0)  # give a dying one time to exit
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        failures = worker.start_failures + 1
        if self._loaded_once and failures < MAX_START_FAILURES:
            self._replace(worker).start_failures = failures
            return
        code = worker.process.exitcode if ended else None
        raise WorkerStartError(self._start_error(code, failures))

    def _start_error(self, code: int | None, failures: int) -> str:
        if self._loaded_once:
            what = (
                f"{failures} worker processes in a row failed to load the pipeline, "
                "which had loaded before"
            )
        else:
            what = "A worker process could not load the pipeline"
        if code is None:
            return f"{what} (it took more than {STARTUP_TIMEOUT_S:g} s)."
        if code == -signal.SIGKILL:
            return (
                f"{what} (it was killed by signal 9, SIGKILL: by the system's out-of-memory "
                "killer or by another program)."
            )
        hint = (
            f"; if a memory limit is set, it may be too low for the pipeline itself "
            f"({self.limits.memory_mb} MB)"
            if self.limits.memory_mb and not self._loaded_once
            else ""
        )
        return f"{what} (exit code {code}){hint}."

    def _replace(self, worker: _Worker) -> _Worker:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        fresh = self._spawn(worker.slot)  # it loads while the other workers carry on
        self._workers[worker.slot] = fresh
        return fresh

    def start(self, needed: int | None = None) -> None:
        """Start worker processes, as many as `needed` tasks can use (default: all), without
        waiting for them to load the pipeline, so the caller can do other work meanwhile
        (`imap_unordered` starts what its tasks need)."""
        wanted = self.n_workers if needed is None else min(self.n_workers, needed)
        while len(self._workers) < wanted:
            self._workers.append(self._spawn(len(self._workers)))

    def _hand_out(self, worker: _Worker, queue: deque, running: dict[int, Any]) -> None:
        """Send a ready worker tasks from the front of `queue` until it holds enough. A
        worker that died since the last `wait` cannot take them: they stay queued, and
        the next `wait` sees its death."""
        depth = self.depth(len(queue))
        while queue and len(worker.task_ids) < depth:
            task_id, task = queue[0]
            try:
                worker.conn.send((task_id, task))
            except OSError:  # BrokenPipeError, ConnectionResetError: it is gone
                return
            queue.popleft()
            running[task_id] = task
            if not worker.task_ids:  # an idle worker starts it now
                worker.stage.value = 0
                self._start_clock(worker)
            worker.task_ids.append(task_id)

    def imap_unordered(self, tasks: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        """(task, result or TaskFailure) for every task, in the order they finish."""
        queue = deque(enumerate(tasks))
        if not queue:
            return
        self.start(len(queue))
        running: dict[int, Any] = {}
        crashes: dict[int, int] = {}  # task -> workers that died running it
        while queue or running:
            # A worker is given tasks once it has loaded the pipeline, each as soon as it
            # is ready (a replacement too), so none waits for another to load.
            for worker in self._workers:
                if worker.ready:
                    self._hand_out(worker, queue, running)
            workers = list(self._workers)
            busy = [w for w in workers if w.task_ids]
            loading = [w for w in workers if not w.ready]
            until = min(
                [w.deadline for w in busy] + [w.spawned + STARTUP_TIMEOUT_S for w in loading],
                default=float("inf"),
            )
            wait_s = max(0.0, until - time.monotonic())
            # Every worker's death is watched, an idle one's too: it is replaced at once.
            ready = wait(
                [w.conn for w in busy + loading] + [w.process.sentinel for w in workers],
                timeout=None if wait_s == float("inf") else wait_s,
            )
            for worker in loading:
                self._note_ready(worker, ready)
            for worker in workers:
                if worker.ready and not worker.task_ids and worker.process.sentinel in ready:
                    self._replace(worker)  # died idle: it held no task
            for worker in busy:
                outcome = self._collect(worker, ready)
                if outcome is None:
                    continue
                task_id = worker.task_ids.popleft()
                self._done_s += time.monotonic() - worker.started
                self._done_n += 1
                if self._workers[worker.slot] is worker:
                    self._start_clock(worker)  # it goes on to the next task it holds
                else:  # replaced: the tasks it held go to the front of the queue
                    while worker.task_ids:
                        waiting = worker.task_ids.pop()
                        queue.appendleft((waiting, running.pop(waiting)))
                task = running.pop(task_id)
                if isinstance(outcome, TaskFailure) and outcome.kind == "worker_crashed":
                    crashes[task_id] = crashes.get(task_id, 0) + 1
                    if crashes[task_id] <= CRASH_RETRIES:
                        queue.append((task_id, task))  # once more, after the others
                        continue
                yield task, outcome

    def depth(self, queued: int) -> int:
        """How many tasks a worker should hold, the one it runs included, with `queued`
        tasks not yet sent: enough for about PREFETCH_S of work, and fewer as the queue
        runs out (none ahead once fewer tasks than workers remain), so the batch ends
        with every worker busy."""
        ahead = 1
        if self._done_n:
            mean_s = self._done_s / self._done_n
            ahead = max(1, min(MAX_PREFETCH, int(PREFETCH_S / max(mean_s, 1e-6))))
        return 1 + min(ahead, queued // self.n_workers)

    def _start_clock(self, worker: _Worker) -> None:
        timeout = self.limits.timeout_s
        worker.started = time.monotonic()
        worker.deadline = worker.started + timeout if timeout else float("inf")

    def _collect(self, worker: _Worker, ready: list) -> Any | None:
        """The finished task's result or failure, or None while it is still running."""
        died = worker.process.sentinel in ready
        if worker.conn in ready or worker.conn.poll():
            try:
                _task_id, result, rss = worker.conn.recv()
            except (EOFError, OSError):
                died = True  # it died, perhaps mid-send
            else:
                self.peak_rss_mb[worker.slot] = max(self.peak_rss_mb[worker.slot], rss)
                if isinstance(result, TaskFailure):
                    self._replace(worker)
                return result
        stage = STAGES[worker.stage.value]
        if died:
            worker.process.join()
            code = worker.process.exitcode
            self._replace(worker)
            return TaskFailure("worker_crashed", stage, f"exit code {code}")
        if time.monotonic() >= worker.deadline:
            self._replace(worker)
            return TaskFailure("timeout", stage)
        return None

    def close(self) -> None:
        """Stop the workers: those still loading the pipeline are killed, not waited for."""
        for worker in self._workers:
            if not worker.ready:
                worker.process.kill()
                continue
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in self._workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []

    def __enter__(self) -> GuardedPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
