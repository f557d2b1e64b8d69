"""A worker process loads only what reading documents needs: its start-up is paid once per
worker per run, so heavy libraries used by the writer alone must stay out of it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_PROBE = """
import json, sys
from reportmine.batch.tasks import DocTask, init_worker, process_task
init_worker()
outcome = process_task(DocTask(sys.argv[1], None, "paper.txt", None))
heavy = ("pyarrow", "pandas", "pdfplumber", "dask", "distributed")
print(json.dumps({"status": outcome.status, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def test_worker_processes_a_document_without_writer_libraries(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(
        "Children's Services Scrutiny Committee\nCaseloads average 18 per social worker.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(paper)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["status"] == "ok"
    assert report["loaded"] == []
