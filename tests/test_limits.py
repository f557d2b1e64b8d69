"""Memory figures of worker processes."""

from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

from reportmine.batch.limits import peak_rss_mb


def test_a_spawned_worker_reports_its_own_peak_memory_not_its_parents():
    """ru_maxrss of a spawned process counts the parent it was forked from: a worker of a
    parent holding 300 MB would report 300 MB and more."""
    held = b"x" * (300 * 2**20)
    assert peak_rss_mb() > 300
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        worker_peak = pool.submit(peak_rss_mb).result()
    assert 0 < worker_peak < 150
    del held
