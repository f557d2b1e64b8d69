"""The guarded worker pool: a slow, greedy or crashing task fails alone, never the batch."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reportmine.batch import workers
from reportmine.batch.limits import Limits
from reportmine.batch.tasks import DEFAULT_SPEC, init_worker
from reportmine.batch.workers import GuardedPool, TaskFailure, WorkerStartError, set_stage


def toy_task(task: str):
    """Runs in a worker: behaves as `task` says."""
    if task == "slow":
        set_stage("extract")
        time.sleep(60)
    if task == "greedy":
        set_stage("load")
        return bytearray(4 << 30)  # 4 GiB: more than the limit
    if task == "crash":
        os._exit(3)
    return task.upper()


def _run(tasks, **limits):
    with GuardedPool(2, toy_task, limits=Limits(**limits)) as pool:
        results = dict(pool.imap_unordered(tasks))
        return results, pool.peak_rss_mb


def test_each_failure_is_reported_and_the_other_tasks_finish():
    started = time.monotonic()
    tasks = ["a", "slow", "b", "greedy", "c", "crash", "d"]
    results, peak = _run(tasks, timeout_s=3, memory_mb=1024)
    assert time.monotonic() - started < 30
    assert {t: results[t] for t in "abcd"} == {"a": "A", "b": "B", "c": "C", "d": "D"}
    assert results["slow"] == TaskFailure("timeout", "extract")
    assert results["greedy"] == TaskFailure("memory_limit", "load")
    assert results["crash"].kind == "worker_crashed" and "exit code 3" in results["crash"].detail
    assert 0 < max(peak) < 1024


def test_tasks_waiting_behind_a_failing_task_run_on_its_replacement():
    tasks = ["crash", "a", "slow", "b", "greedy", "c", "d", "e"]
    with GuardedPool(1, toy_task, limits=Limits(timeout_s=3, memory_mb=1024)) as pool:
        results = dict(pool.imap_unordered(tasks))
    assert {t: results[t] for t in "abcde"} == {t: t.upper() for t in "abcde"}
    assert results["crash"].kind == "worker_crashed"
    assert results["slow"] == TaskFailure("timeout", "extract")
    assert results["greedy"] == TaskFailure("memory_limit", "load")


def test_a_pool_runs_several_batches_with_the_same_workers():
    with GuardedPool(1, toy_task) as pool:
        assert dict(pool.imap_unordered(["x"])) == {"x": "X"}
        first = pool._workers[0].process.pid
        assert dict(pool.imap_unordered(["y", "z"])) == {"y": "Y", "z": "Z"}
        assert pool._workers[0].process.pid == first


def test_a_memory_limit_too_low_for_the_pipeline_fails_loudly():
    pool = GuardedPool(1, toy_task, init_worker, (DEFAULT_SPEC,), limits=Limits(memory_mb=50))
    with pool, pytest.raises(WorkerStartError, match="memory limit"):
        list(pool.imap_unordered(["a"]))


def test_closing_the_pool_ends_every_worker_cleanly(capfd, monkeypatch):
    """Workers told to stop leave at once (no interpreter teardown), with exit code 0,
    and what a task printed is still written out first."""
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)  # workers' stdout is buffered
    tasks = ["p", "q", "r", "s"]  # each takes 1 s: both workers load before they run out
    with GuardedPool(2, print_and_return) as pool:
        assert dict(pool.imap_unordered(tasks)) == {t: t.upper() for t in tasks}
        processes = [w.process for w in pool._workers]
    assert [p.exitcode for p in processes] == [0, 0]
    printed = capfd.readouterr()
    assert all(f"working on {t}" in printed.out for t in tasks)


def print_and_return(task: str) -> str:
    print(f"working on {task}", end="")  # no newline: left in the buffer until exit
    time.sleep(1)
    return task.upper()


def slow_start(marker: str) -> None:
    """An initializer that takes long, then leaves a mark that it finished."""
    time.sleep(30)
    with open(marker, "w") as fh:
        fh.write("loaded")


def test_a_pool_closed_while_its_workers_load_kills_them(tmp_path):
    marker = tmp_path / "loaded"
    pool = GuardedPool(2, toy_task, slow_start, (str(marker),))
    pool.start()
    processes = [w.process for w in pool._workers]
    assert all(p.is_alive() for p in processes)
    pool.close()
    assert [p.exitcode for p in processes] == [-9, -9]
    assert not marker.exists()


def test_no_tasks_start_no_workers():
    with GuardedPool(2, toy_task) as pool:
        assert list(pool.imap_unordered([])) == []
        assert pool._workers == []


_MAIN_SCRIPT = """
import os, sys
with open(sys.argv[1], "a") as f:  # every process that runs this script leaves a line
    f.write(f"{os.getpid()}\\n")
from reportmine.batch.workers import GuardedPool
from tests.test_workers import toy_task

def shout(task):
    return task.upper() + "!"

if __name__ == "__main__":
    fn = shout if sys.argv[2] == "defined-here" else toy_task
    with GuardedPool(2, fn) as pool:
        print(sorted(result for _, result in pool.imap_unordered(["a", "b"])))
"""


@pytest.mark.parametrize(
    ("fn", "expected", "script_runs"),
    [("imported", "['A', 'B']", 1), ("defined-here", "['A!', 'B!']", 3)],
)
def test_workers_run_the_main_script_only_when_they_need_it(tmp_path, fn, expected, script_runs):
    """A CLI or bench script imports pyarrow and more: spawned workers that run it again
    pay for that. They do only when a task function comes from it (then they must)."""
    import subprocess
    import sys
    from pathlib import Path

    script, marker = tmp_path / "script.py", tmp_path / "runs"
    script.write_text(_MAIN_SCRIPT, encoding="utf-8")
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, str(script), str(marker), fn],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(repo)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected
    assert len(marker.read_text().split()) == script_runs


def test_workers_hold_more_tasks_the_shorter_the_tasks_and_fewer_at_the_end():
    """Short tasks: several wait in each worker's pipe, so a worker does not idle while
    the parent writes results; long ones: one waits; and none once the queue runs out."""
    with GuardedPool(2, toy_task) as pool:
        assert pool.depth(1000) == 2  # nothing finished yet: one task ahead
        results = dict(pool.imap_unordered([f"t{i}" for i in range(200)]))
        assert len(results) == 200
        assert pool.depth(1000) > 2  # toy tasks take microseconds
        assert pool.depth(1000) <= 1 + workers.MAX_PREFETCH
        assert pool.depth(4) == 1 + min(2, pool.depth(1000) - 1)
        assert pool.depth(1) == pool.depth(0) == 1
        pool._done_s, pool._done_n = 10.0, 10  # one second a task
        assert pool.depth(1000) == 2


def gated_start(gate: str) -> None:
    """Initializer: the pool's two workers load at once; the third worker started (the
    replacement) waits until a later task opens the gate."""
    with open(gate + ".starts", "a") as fh:
        fh.write("x\n")
    with open(gate + ".starts") as fh:
        third = len(fh.readlines()) > 2
    while third and not os.path.exists(gate):
        time.sleep(0.05)


def gate_task(task: tuple[str, str]) -> str:
    kind, gate = task
    if kind == "crash":
        os._exit(3)
    if kind == "open":
        open(gate, "w").close()
    time.sleep(0.05)
    return kind


def test_the_other_workers_carry_on_while_a_replacement_loads(tmp_path, monkeypatch):
    """The task that lets the replacement finish loading is queued behind the crash: a
    pool that waited for the replacement before handing out more work would never run
    it, and would give up when the start-up time limit ran out."""
    monkeypatch.setattr(workers, "STARTUP_TIMEOUT_S", 20.0)
    gate = str(tmp_path / "gate")
    tasks = [("crash", gate)] + [(f"x{i}", gate) for i in range(20)]
    tasks += [("open", gate), ("last", gate)]
    with GuardedPool(2, gate_task, gated_start, (gate,)) as pool:
        results = dict(pool.imap_unordered(tasks))
    assert results[("crash", gate)].kind == "worker_crashed"
    assert {k: v for k, v in results.items() if k[0] != "crash"} == {t: t[0] for t in tasks[1:]}


def test_a_worker_killed_between_tasks_costs_no_task_and_does_not_stop_the_batch():
    """Issue 18: the parent sent tasks ahead to a worker that had died since its last
    `wait`; the BrokenPipeError ended the batch. The task the dead worker held is run
    again on its replacement, the others as usual."""
    tasks = [f"t{i}" for i in range(6)]
    with GuardedPool(1, toy_task) as pool:
        results = pool.imap_unordered(tasks)
        first = next(results)
        assert first[1] == first[0].upper()
        dead = pool._workers[0]
        assert dead.task_ids  # it holds the next task already
        dead.process.kill()
        dead.process.join()
        rest = dict(results)
    assert rest == {t: t.upper() for t in tasks if t != first[0]}


def test_a_replacement_killed_while_it_loads_is_replaced_again(tmp_path):
    """Issue 18: a replacement killed while loading stopped the batch and blamed the
    memory limit. The pipeline loaded before, so the slot is simply started again."""
    counter = str(tmp_path / "starts")
    tasks = ["crash", "a", "b", "c"]
    pool = GuardedPool(1, toy_task, die_on_start, (counter, [2]), limits=Limits(memory_mb=1024))
    with pool:
        results = dict(pool.imap_unordered(tasks))
    assert {t: results[t] for t in "abc"} == {"a": "A", "b": "B", "c": "C"}
    assert results["crash"].kind == "worker_crashed"
    # started: the first worker, its replacement (killed), another that ran a, b and c
    assert len(Path(counter).read_text().split()) >= 3


def test_replacements_that_keep_dying_while_loading_stop_the_batch_without_blaming_memory(
    tmp_path,
):
    counter = str(tmp_path / "starts")
    pool = GuardedPool(
        1, toy_task, die_on_start, (counter, list(range(2, 20))), limits=Limits(memory_mb=1024)
    )
    with pool, pytest.raises(WorkerStartError) as raised:
        list(pool.imap_unordered(["crash", "a"]))
    message = str(raised.value)
    assert "in a row failed to load" in message and "SIGKILL" in message
    assert "memory limit" not in message
    assert len(Path(counter).read_text().split()) == 1 + workers.MAX_START_FAILURES


def die_on_start(counter: str, kill_on: list[int]) -> None:
    """Initializer: the n-th worker started (1-based) is killed while it loads when n is
    in `kill_on`."""
    with open(counter, "a") as fh:
        fh.write("x\n")
    with open(counter) as fh:
        started = len(fh.readlines())
    if started in kill_on:
        os.kill(os.getpid(), 9)


@pytest.mark.slow
@pytest.mark.parametrize("n_workers", [1, 2])
def test_pool_stress_every_task_gets_its_own_answer_whatever_the_others_do(n_workers):
    """Issue 18: hundreds of tiny tasks, among them ones that crash their worker, leave
    it through sys.exit, raise MemoryError or hang past the time limit. Every run ends,
    every task gets exactly one answer, each failing task its own kind of failure, and
    every good task its result."""
    import random

    from tests.pool_tasks import stress_task

    failures = {"crash": "worker_crashed", "exit": "worker_crashed", "memory": "memory_limit"}
    for run in range(2):
        rng = random.Random(run * 10 + n_workers)
        tasks = [f"ok:{i}" for i in range(250)]
        for i in rng.sample(range(250), 13):
            tasks[i] = f"{rng.choice(list(failures))}:{i}"
        tasks[rng.randrange(250)] = "hang:"
        with GuardedPool(n_workers, stress_task, limits=Limits(timeout_s=1.0)) as pool:
            results = list(pool.imap_unordered(tasks))
        assert sorted(task for task, _ in results) == sorted(tasks)
        for task, result in results:
            kind = task.split(":")[0]
            if kind in failures:
                assert isinstance(result, TaskFailure) and result.kind == failures[kind], task
            elif kind == "hang":
                assert result == TaskFailure("timeout", "load")
            else:
                assert result == task.upper()


@pytest.mark.slow
@pytest.mark.parametrize("n_workers", [1, 2])
def test_pool_stress_workers_dying_at_random_moments_cost_no_more_than_their_tasks(n_workers):
    """Workers killed at moments left to chance (a moment after a task answers: before
    or after the answer is sent, while the worker waits, runs the next task, or is being
    sent one). Every task still gets exactly one answer; a task is lost only when two
    workers die under it, and each die_soon task kills at most two (it is run again
    once), so no more tasks are lost than there are die_soon tasks."""
    import random

    from tests.pool_tasks import stress_task

    rng = random.Random(n_workers)
    tasks = [f"ok:{i}" for i in range(200)]
    for i in rng.sample(range(200), 12):
        tasks[i] = f"die_soon:{i}"
    with GuardedPool(n_workers, stress_task) as pool:
        results = list(pool.imap_unordered(tasks))
    assert sorted(task for task, _ in results) == sorted(tasks)
    lost = [task for task, result in results if result != task.upper()]
    assert all(result.kind == "worker_crashed" for task, result in results if task in lost)
    assert len([t for t in lost if t.startswith("ok")]) <= 12
