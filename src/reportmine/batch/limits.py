"""Per-document limits: how long one document may take and how much memory a worker may use."""

from __future__ import annotations

import resource
import sys
from dataclasses import dataclass

DEFAULT_TIMEOUT_S = 300.0
DEFAULT_MEMORY_MB = 2048


@dataclass(frozen=True)
class Limits:
    """`None` switches a limit off. Both apply in worker processes only (workers >= 1)."""

    timeout_s: float | None = DEFAULT_TIMEOUT_S
    memory_mb: int | None = DEFAULT_MEMORY_MB


def apply_memory_limit(memory_mb: int | None) -> None:
    """Cap this process's address space, so an allocation past it raises MemoryError."""
    if not memory_mb:
        return
    limit = int(memory_mb) * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB.

    Linux's VmHWM, the peak of this process's own memory: a spawned worker's ru_maxrss
    also counts the parent it was forked from before it ran Python afresh, so a worker of
    a large parent would report the parent's size. ru_maxrss elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes there, else kB
