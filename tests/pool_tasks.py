"""Tiny tasks for stress-testing the worker pool: each does in a worker what its name says.

Kept in a module of its own that imports nothing of reportmine, so a worker replaced
after a crash starts in a fraction of a second and a test can run hundreds of them.
"""

from __future__ import annotations

import os
import sys
import threading
import time


def stress_task(task: str) -> str:
    kind = task.split(":")[0]
    if kind == "crash":
        os._exit(3)  # dies at once, like a library that aborts
    if kind == "exit":
        sys.exit(5)  # leaves through Python
    if kind == "memory":
        raise MemoryError
    if kind == "hang":
        time.sleep(3600)
    if kind == "die_soon":
        # Returns, and the worker dies a moment later: whether before or after the
        # result is sent, while it waits or while it runs the next task, is left to chance.
        threading.Timer(0.002, os._exit, (9,)).start()
    return task.upper()
