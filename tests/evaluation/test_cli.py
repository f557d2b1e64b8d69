"""`eval_command` through typer: argument shapes, eval.json, and the per-document view."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from reportmine.evaluation.cli import eval_command
from tests.evaluation.helpers import doc, finding, metric, write_gold, write_run

app = typer.Typer()
app.command("eval")(eval_command)
app.command("other")(lambda: None)  # two commands, as in the real CLI: `eval` is a subcommand


@pytest.fixture
def run_and_gold(tmp_path):
    out = write_run(
        tmp_path / "out",
        [doc("d1", "seeds/000_x.txt", council="Blackpool")],
        [metric("d1", 87.0, "percent", quote="87% of plans"),
         finding("d1", "Leaders have a clear plan.", polarity="strength")],
    )
    gold = tmp_path / "corpus" / "gold"
    write_gold(gold, "seeds/000_x.json", {
        "document": {"council": "Blackpool"},
        "findings": [{"text": "Caseloads remain too high.", "polarity": "weakness"}],
        "metrics": [{"metric": "other", "value": 87, "unit": "percent"}],
    })
    other = tmp_path / "other" / "gold"
    write_gold(other, "seeds/000_x.json", {"document": {"council": "Bury"}})
    return out, gold, other


def test_gold_dirs_then_out_dir(tmp_path, run_and_gold):
    out, gold, other = run_and_gold
    result = CliRunner().invoke(app, ["eval", str(gold), str(other), str(out), "--no-peer"])
    assert result.exit_code == 0, result.output
    assert "corpus" in result.output and "metrics" in result.output
    data = json.loads((out / "eval.json").read_text())
    assert [g["name"] for g in data["groups"]] == ["corpus", "other"]
    corpus = data["groups"][0]
    assert corpus["tables"]["metrics"]["f1"] == 1.0
    assert corpus["tables"]["findings"]["f1"] == 0.0
    assert corpus["flat"]["documents.council"] == 1.0
    assert data["total"]["document_fields"]["council"]["correct"] == 1


def test_out_option_and_json_path(tmp_path, run_and_gold):
    out, gold, _ = run_and_gold
    target = tmp_path / "reports" / "e.json"
    result = CliRunner().invoke(app, ["eval", str(gold), "--out", str(out), "--json", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text())["groups"][0]["tables"]["metrics"]["n_gold"] == 1


def test_per_doc_lists_misses_and_false_alarms(run_and_gold):
    out, gold, _ = run_and_gold
    result = CliRunner().invoke(app, ["eval", str(gold), str(out), "--per-doc"])
    assert result.exit_code == 0, result.output
    assert "Caseloads remain too high." in result.output  # the miss
    assert "Leaders have a clear plan." in result.output  # the false alarm


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["only-one"], 2, "OUT_DIR"),
        (["{gold}", "{missing}"], 1, "Output folder not found"),
        (["{missing}", "{out}"], 1, "Gold folder not found"),
    ],
)
def test_usage_errors(tmp_path, run_and_gold, args, code, message):
    out, gold, _ = run_and_gold
    names = {"gold": gold, "out": out, "missing": tmp_path / "nope"}
    argv = ["eval", *[a.format(**names) for a in args]]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == code
    assert message in result.output
