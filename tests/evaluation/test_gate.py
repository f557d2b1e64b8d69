"""The eval gate: thresholds, one line per miss, JUnit XML, the baseline diff."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from reportmine.cli import app
from reportmine.evaluation import evaluate, gate
from reportmine.evaluation.gate import Threshold
from tests.conftest import CORPUS_GOLD
from tests.evaluation.helpers import doc, metric, write_gold, write_run

runner = CliRunner()


@pytest.fixture
def scored(tmp_path):
    """One document whose metrics score F1 0.5 (one of two gold values found, no extra)."""
    out = write_run(tmp_path / "out", [doc("d1", "seeds/000_x.txt")],
                    [metric("d1", 87.0, "percent", quote="87% of plans")])
    gold = tmp_path / "fixtures" / "gold"
    write_gold(gold, "seeds/000_x.json", {"metrics": [
        {"value": 87.0, "unit": "percent"}, {"value": 12.0, "unit": "count"}]})
    return gold, out


def test_parse_minimum_and_thresholds_file(tmp_path):
    assert gate.parse_minimum("metrics.f1=0.9") == Threshold("metrics.f1", 0.9)
    assert gate.parse_minimum("corpus:findings.strict_f1=.8") == Threshold(
        "findings.strict_f1", 0.8, "corpus")
    for bad in ("metrics.f1", "metrics.f1=high", "metrics.f1=1.5"):
        with pytest.raises(gate.ThresholdError):
            gate.parse_minimum(bad)
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"_comment": "x", "metrics.f1": 0.9,
                                "corpus": {"actions.f1": 0.5, "_note": "y"}}))
    assert gate.load_thresholds(path) == [Threshold("metrics.f1", 0.9),
                                     Threshold("actions.f1", 0.5, "corpus")]


def test_checks_name_each_miss_in_one_line(scored):
    gold, out = scored
    report = evaluate([gold], out, find_peer=False)
    checks = gate.check_thresholds(report, [Threshold("metrics.recall", 0.4),
                                       Threshold("metrics.f1", 0.9),
                                       Threshold("metrics.f2", 0.1),
                                       Threshold("metrics.f1", 0.1, "elsewhere")])
    assert [c.passed for c in checks] == [True, False, False, False]
    assert checks[1].failure == "metrics F1 on fixtures fell to 0.67 < floor 0.90"
    assert "metrics.f2 is not measured on fixtures" in checks[2].failure
    assert "no gold group 'elsewhere'" in checks[3].failure


def test_junit_xml_has_a_case_per_threshold_and_a_failure_per_miss(scored):
    gold, out = scored
    checks = gate.check_thresholds(evaluate([gold], out, find_peer=False),
                              [Threshold("metrics.recall", 0.4), Threshold("metrics.f1", 0.9)])
    suite = ElementTree.fromstring(gate.junit_xml(checks, "since base: 0 appeared"))
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["metrics.recall >= 0.4", "metrics.f1 >= 0.9"]
    assert cases[0].find("failure") is None
    assert cases[1].find("failure").get("message").startswith("metrics F1 on fixtures")
    assert suite.find("system-out").text == "since base: 0 appeared"


def test_cli_gate_exits_1_with_a_line_per_miss_and_writes_junit(scored, tmp_path):
    gold, out = scored
    junit = tmp_path / "ci" / "eval.xml"
    result = runner.invoke(app, ["eval", str(gold), str(out), "--min", "metrics.f1=0.9",
                                 "--min", "metrics.recall=0.5", "--min", "metrics.precision=1",
                                 "--junit", str(junit)])
    assert result.exit_code == 1
    misses = [line for line in result.stderr.splitlines() if line.startswith("below threshold")]
    assert misses == ["below threshold: metrics F1 on fixtures fell to 0.67 < floor 0.90"]
    assert ElementTree.parse(junit).getroot().get("failures") == "1"


def test_cli_gate_passes_on_the_corpus_with_its_floors(corpus_out, tmp_path):
    floors = json.loads((CORPUS_GOLD.parents[1] / "tests" / "quality_floor.json").read_text())
    thresholds = tmp_path / "thresholds.json"
    thresholds.write_text(json.dumps({"corpus": floors["corpus"]}))
    result = runner.invoke(app, ["eval", str(CORPUS_GOLD), str(corpus_out), "--no-peer",
                                 "--json", str(tmp_path / "eval.json"),
                                 "--thresholds", str(thresholds),
                                 "--min", "metrics.f1=0.9", "--min", "findings.strict_f1=0.8"])
    assert result.exit_code == 0, result.output
    assert f"all {len(floors['corpus']) + 2} thresholds met" in result.stderr


def test_bad_threshold_is_a_usage_error(scored):
    gold, out = scored
    result = runner.invoke(app, ["eval", str(gold), str(out), "--min", "metrics.f1"])
    assert result.exit_code == 2
    assert "table.measure=VALUE" in result.stderr


def test_baseline_lists_what_appeared_disappeared_or_changed(scored, tmp_path):
    gold, out = scored
    base = write_run(tmp_path / "base", [doc("d1", "seeds/000_x.txt")],
                     [metric("d1", 86.0, "percent", quote="87% of plans"),
                      metric("d1", 3.0, "count", quote="three").model_copy(
                         update={"char_start": 40, "char_end": 45})])
    junit = tmp_path / "eval.xml"
    result = runner.invoke(app, ["eval", str(gold), str(out), "--baseline", str(base),
                                 "--junit", str(junit)])
    assert result.exit_code == 0, result.output
    assert f"since {base}: 0 appeared, 1 disappeared, 1 changed" in result.stdout
    assert '~ metrics seeds/000_x.txt: value 86.0 -> 87.0 "87% of plans"' in result.stdout
    assert "- metrics seeds/000_x.txt: metric=other value=3.0 unit=count" in result.stdout
    assert "value 86.0 -> 87.0" in ElementTree.parse(junit).getroot().find("system-out").text
