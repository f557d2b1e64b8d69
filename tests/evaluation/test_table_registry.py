"""The table registry: every record table of the models is scored, by its spec or
generically, and no module of the evaluation keeps a table list of its own."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from typing import ClassVar, Literal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pydantic import Field
from rich.console import Console

import reportmine.evaluation as evaluation_pkg
from reportmine.core.models import RECORD_MODELS, TABLE_MODELS, EvidenceRow
from reportmine.evaluation import evaluate, tables
from reportmine.evaluation.anchored import has_file_offsets, resolve_file_offsets
from reportmine.evaluation.gold import GoldDoc
from reportmine.evaluation.matching import DATE_FIELDS, model_field_agrees
from reportmine.evaluation.render import print_report
from reportmine.evaluation.run_output import load_run
from reportmine.evaluation.scope import scope_for
from tests.evaluation.helpers import doc, write_gold, write_run


class DecisionRecord(EvidenceRow):
    """A made-up output table, as a new one would be added to core/models.py."""

    table: ClassVar[str] = "decisions"

    text: str
    decision: Literal["approved", "rejected"]
    decided_on: date | None = None
    amount: float | None = None
    votes_for: int | None = None
    unanimous: bool = False
    members: list[str] = Field(default_factory=list)


@pytest.fixture
def decisions_table(monkeypatch: pytest.MonkeyPatch) -> type[DecisionRecord]:
    """The toy table registered the way a model in RECORD_MODELS is."""
    monkeypatch.setattr(tables, "RECORD_MODELS", (*RECORD_MODELS, DecisionRecord))
    return DecisionRecord


def _decision(text: str, start: int, **fields) -> DecisionRecord:
    return DecisionRecord(doc_id="d1", quote=text, char_start=start,
                          char_end=start + len(text), text=text, **fields)


def _write_decisions(out: Path, rows: list[DecisionRecord]) -> None:
    pq.write_table(pa.Table.from_pylist([r.model_dump() for r in rows]),
                   out / "decisions.parquet")


APPROVED = "The committee approved the fostering recruitment plan."
REJECTED = "Members rejected the proposal to close the Ashfield children's centre."
NOISE = "The chair thanked officers for the report on the leisure centre roof."


def _toy_run(tmp_path: Path, gold_extra: dict | None = None) -> tuple[Path, Path]:
    out = write_run(tmp_path / "out", [doc("d1", "papers/a.txt", doc_kind="report")])
    _write_decisions(out, [
        _decision(APPROVED, 10, decision="approved", decided_on=date(2024, 3, 5),
                  amount=1_200_000.0, votes_for=9, unanimous=True, members=["A", "B"]),
        _decision(NOISE, 400, decision="approved"),
    ])
    gold = {
        "document": {"doc_kind": "report"},
        "decisions": [
            {"text": APPROVED, "decision": "approved", "decided_on": "2024-03-05",
             "amount": 1_500_000, "votes_for": 9, "unanimous": True, "members": ["A", "B"]},
            {"text": REJECTED, "decision": "rejected"},
        ],
        **(gold_extra or {}),
    }
    write_gold(tmp_path / "gold", "a.json", gold)
    return tmp_path / "gold", out


def test_a_table_without_a_spec_is_scored_generically(tmp_path, decisions_table) -> None:
    gold_dir, out = _toy_run(tmp_path)
    report = evaluate(gold_dir, out, find_peer=False)
    group = report.groups[0]
    assert "inspections" not in group.tables  # never scored as inspections
    score = group.tables["decisions"]
    c = score.counts
    assert (c.n_gold, c.n_pred, c.matched_gold, c.matched_pred) == (2, 2, 1, 1)
    # every field of the model the gold gives, by its type; not the ones it leaves out
    accuracy = {name: (acc.correct, acc.total) for name, acc in score.attributes.items()}
    assert accuracy == {
        "decision": (1, 1),
        "decided_on": (1, 1),
        "amount": (0, 1),  # 1.2 m predicted, 1.5 m in the gold
        "votes_for": (1, 1),
        "unanimous": (1, 1),
        "members": (1, 1),
    }
    kinds = sorted((p.table, p.kind) for p in group.docs[0].problems)
    assert kinds == [("decisions", "false_alarm"), ("decisions", "miss"),
                     ("decisions", "wrong")]
    console = Console(record=True, width=200)
    print_report(report, console)
    assert "decisions" in console.export_text()


def test_a_spec_replaces_the_generic_rule(tmp_path, decisions_table, monkeypatch) -> None:
    def count_only(gold, preds, scope):
        score = tables.TableScore("decisions", tables.Counts(len(gold), len(preds)), n_docs=1)
        return score, []

    monkeypatch.setitem(tables.SPECS, DecisionRecord, tables.TableSpec(count_only))
    gold_dir, out = _toy_run(tmp_path)
    score = evaluate(gold_dir, out, find_peer=False).groups[0].tables["decisions"]
    assert (score.counts.matched_gold, score.attributes) == (0, {})


def test_registry_follows_the_models(decisions_table) -> None:
    assert tables.record_tables()[-1] == "decisions"
    assert tables.text_tables()[-1] == "decisions"  # its rows carry a text
    assert tables.score_names()[-1] == "decisions"
    assert tables.scored_fields(DecisionRecord) == (
        "decision", "decided_on", "amount", "votes_for", "unanimous", "members"
    )


def test_the_registry_is_the_models() -> None:
    assert tables.record_tables() == tuple(m.table for m in RECORD_MODELS)
    assert set(tables.SPECS) <= set(RECORD_MODELS)  # no spec for a table that is gone
    assert set(DATE_FIELDS) == {
        n for m in TABLE_MODELS.values() for n, f in m.model_fields.items()
        if date in (f.annotation, *getattr(f.annotation, "__args__", ()))
    }


def test_scope_and_run_output_take_the_new_table(tmp_path, decisions_table) -> None:
    gold = GoldDoc(tmp_path, tmp_path / "a.json", ("a",), {"decisions": [], "metrics": []})
    assert scope_for(gold).tables == ("metrics", "decisions")  # exhaustive gold
    report_gold = {"document": {"doc_kind": "inspection_report"},
                   "decisions": [], "findings": [], "metrics": []}
    gold = GoldDoc(tmp_path, tmp_path / "b.json", ("b",), report_gold)
    assert scope_for(gold).tables == ("findings",)  # empty lists: not annotated there

    out = write_run(tmp_path / "out", [doc("d1", "a.txt")])
    assert load_run(out).missing_tables == ["decisions"]
    _write_decisions(out, [_decision(APPROVED, 0, decision="approved")])
    assert [r["decision"] for r in load_run(out).rows("decisions", "d1")] == ["approved"]


def test_file_offset_gold_of_the_new_table(tmp_path, decisions_table) -> None:
    page = tmp_path / "page.txt"
    page.write_text(f"Minutes. {APPROVED}", encoding="utf-8")
    data = {"decisions": [{"start": 9, "end": 9 + len(APPROVED), "decision": "approved"}]}
    assert has_file_offsets(data)
    assert resolve_file_offsets(data, page)["decisions"][0]["text"] == APPROVED


@pytest.mark.parametrize(
    ("name", "gold", "pred", "agrees"),
    [
        ("amount", 1_000_000, 1_004_000.0, True),  # within 0.5 %
        ("amount", 1_000_000, 1_010_000.0, False),
        ("amount", None, None, True),
        ("votes_for", 9, 9, True),
        ("votes_for", 200, 201, False),  # whole numbers are exact
        ("unanimous", False, None, True),
        ("unanimous", True, False, False),
        ("members", ["A", "B"], ("A", "B"), True),
        ("members", ["A"], ["B"], False),
        ("decided_on", "2024-03-05", date(2024, 3, 5), True),
        ("decision", "approved", "rejected", False),
    ],
)
def test_fields_are_compared_by_their_type(name, gold, pred, agrees) -> None:
    assert model_field_agrees(DecisionRecord, name, gold, pred) is agrees


# ---- no table list of the evaluation's own ------------------------------------------

def _table_name_literals(path: Path) -> list[str]:
    """Collections of two or more table names, and comparisons with a table name."""
    names = set(TABLE_MODELS)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            hits = [e.value for e in node.elts
                    if isinstance(e, ast.Constant) and e.value in names]
            if len(hits) >= 2:
                found.append(f"{path.name}:{node.lineno} {hits}")
        elif isinstance(node, ast.Compare):
            for e in (node.left, *node.comparators):
                if isinstance(e, ast.Constant) and e.value in names:
                    found.append(f"{path.name}:{node.lineno} compares with {e.value!r}")
    return found


def test_no_module_of_the_evaluation_lists_tables() -> None:
    folder = Path(evaluation_pkg.__file__).parent
    found = [hit for path in sorted(folder.glob("*.py")) for hit in _table_name_literals(path)]
    assert found == [], "derive table lists from core.models (evaluation/tables.py)"


def test_the_check_finds_a_hand_kept_list(tmp_path) -> None:
    module = tmp_path / "m.py"
    module.write_text('ORDER = ("findings", "metrics")\nif t == "actions":\n    pass\n')
    assert len(_table_name_literals(module)) == 2
