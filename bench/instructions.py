"""Instructions per text paper, counted by valgrind: a cost figure the machine's drift
does not move (a profiling aid beside `make bench`, not a test).

The shared development machine runs at anywhere between full and half speed from one
minute to the next, so two timings of the same code can differ by 2x. The number of
instructions a worker executes per paper does not depend on that; it misses time spent
waiting on memory, so it complements `make bench` rather than replacing it.

Run `python bench/instructions.py [--papers N]` (needs `valgrind`). It processes N of the
benchmark's generated papers in one process the way a worker does, and again none of
them, under cachegrind, and prints the difference per paper.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import text_inputs

_WORKER = """
import sys
from pathlib import Path
from reportmine.batch.tasks import DocTask, init_worker, process_task
src = Path(sys.argv[1])
init_worker()
for path in sorted(src.glob("*.txt"))[: int(sys.argv[2])]:
    process_task(DocTask(str(path), str(src), path.name, None))
"""


def instructions(src: Path, papers: int) -> int:
    """Instructions valgrind counts for a worker that processes `papers` papers of `src`."""
    run = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "-c",
            _WORKER,
            str(src),
            str(papers),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=100)
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind not found: install it (Debian: apt-get install valgrind)")
        return 1
    with tempfile.TemporaryDirectory(prefix="reportmine-instructions-") as tmp:
        src, _ = text_inputs(Path(tmp), args.papers)
        per_paper = (instructions(src, args.papers) - instructions(src, 0)) / args.papers
    print(f"{per_paper / 1e6:.2f} M instructions per paper ({args.papers} papers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
