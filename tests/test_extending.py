"""Adding an output table and the extractor that fills it touches two files besides the new
extractor's own: `core/models.py` (the row model) and `extractors/registry.py`. The writer,
the JSON Schema export, the notebook API and `reportmine eval` follow from them.

The change is made to a copy of the package and run in a fresh interpreter, as a
developer would make it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO

MODEL = '''

class VisitRecord(EvidenceRow):
    table: ClassVar[str] = "visits"

    visitor: str = Field(description="Who visited.")
'''
EXTRACTOR = '''"""Visits a paper reports ("Visited by Ann Lee")."""

import re
from typing import ClassVar

from reportmine.core.models import VisitRecord
from reportmine.extractors.base import evidence

VISITED_BY = re.compile(r"Visited by (?P<who>[A-Z][a-z]+ [A-Z][a-z]+)")


class VisitExtractor:
    name: ClassVar[str] = "visits.rules"
    table: ClassVar[str] = "visits"

    def extract(self, doc):
        return [
            VisitRecord(visitor=m.group("who"), **evidence(doc, m.start(), m.end(), self.name))
            for m in VISITED_BY.finditer(doc.text)
        ]
'''


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_a_new_table_and_its_extractor(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(REPO / "src" / "reportmine", src / "reportmine",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "models").symlink_to(REPO / "models")
    package = src / "reportmine"
    # 1. the row model, listed with the other record tables
    models = package / "core" / "models.py"
    _edit(models, "\n\nRECORD_MODELS:", MODEL + "\n\nRECORD_MODELS:")
    _edit(models, "    ActionRecord,\n)", "    ActionRecord,\n    VisitRecord,\n)")
    # 2. the extractor, in its own file, and 3. one line in the registry
    (package / "extractors" / "visits.py").write_text(EXTRACTOR, encoding="utf-8")
    registry = package / "extractors" / "registry.py"
    _edit(registry, "from reportmine.extractors.metrics import MetricExtractor\n",
          "from reportmine.extractors.metrics import MetricExtractor\n"
          "from reportmine.extractors.visits import VisitExtractor\n")
    _edit(registry, "        ActionExtractor(),\n", "        ActionExtractor(),\n"
          "        VisitExtractor(),\n")

    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "note.txt").write_text(
        "Children's Services Scrutiny Committee - 9 June 2022\n"
        "Visited by Ann Lee on 3 May 2022. Caseloads average 18 per social worker.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    script = (
        "import sys, reportmine as rm\n"
        "from reportmine.pipeline import run_batch\n"
        "from reportmine.output.schema_export import write_schemas\n"
        f"run_batch({str(papers)!r}, {str(tmp_path / 'out')!r}, workers=1)\n"
        f"write_schemas({str(tmp_path / 'schemas')!r})\n"
        f"t = rm.load({str(tmp_path / 'out')!r})\n"
        "print(t.joined('visits')[['visitor', 'quote', 'committee']].to_json(orient='records'))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    [row] = json.loads(done.stdout.strip().splitlines()[-1])
    assert row["visitor"] == "Ann Lee" and row["quote"] == "Visited by Ann Lee"
    assert row["committee"] == "Children's Services Scrutiny Committee"
    assert (tmp_path / "out" / "visits.parquet").is_file()
    schema = json.loads((tmp_path / "schemas" / "visits.schema.json").read_text())
    assert "visitor" in schema["properties"]
    # `reportmine eval` scores the new table by the generic rule: rows paired by their
    # quote, every field the gold gives compared.
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "note.json").write_text(json.dumps({
        "document": {"committee": "Children's Services Scrutiny Committee"},
        "visits": [{"visitor": "Ann Lee", "quote": "Visited by Ann Lee"}],
    }), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, "-m", "reportmine", "eval", str(gold), str(tmp_path / "out"),
         "--json", str(tmp_path / "scores.json")],
        env=env, capture_output=True, text=True, cwd=tmp_path,
    )
    assert scored.returncode == 0, scored.stderr[-3000:]
    [group] = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))["groups"]
    visits = group["tables"]["visits"]
    assert (visits["matched_gold"], visits["n_pred"]) == (1, 1)
    assert visits["attributes"]["visitor"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert "visits" in scored.stdout
