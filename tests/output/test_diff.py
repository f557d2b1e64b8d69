"""`diff_runs`: records that appeared, disappeared or changed between two outputs."""

from __future__ import annotations

from reportmine.output.diff import diff_rows, diff_runs
from tests.evaluation.helpers import doc, metric, write_run


def row(value: float, start: int = 0, **fields) -> dict:
    return metric("d1", value, quote="q" * 5, **fields).model_dump() | {
        "char_start": start, "char_end": start + 5}


def test_identical_rows_pair_first_then_by_span():
    old = [row(1.0), row(2.0), row(3.0, start=10)]
    new = [row(2.0), row(1.5), row(4.0, start=20)]
    changes = diff_rows("metrics", old, new, {"d1": "x.txt"})
    assert [(c.kind, c.old and c.old["value"], c.new and c.new["value"]) for c in changes] == [
        ("changed", 1.0, 1.5), ("appeared", None, 4.0), ("disappeared", 3.0, None)]
    assert changes[0].changed_fields() == {"value": (1.0, 1.5)}
    assert changes[0].line().startswith("~ metrics x.txt: value 1.0 -> 1.5")


def test_a_duplicate_row_appearing_is_one_change():
    changes = diff_rows("metrics", [row(1.0)], [row(1.0), row(1.0)], {})
    assert [c.kind for c in changes] == ["appeared"]


def versioned(version: str):
    return doc("d1", "x.txt").model_copy(update={"pipeline_version": version})


def test_diff_runs_over_two_outputs(tmp_path):
    base = write_run(tmp_path / "base", [versioned("1")],
                     [metric("d1", 5.0, quote="five"), metric("d1", 6.0, quote="six")])
    new = write_run(tmp_path / "new", [versioned("2")],
                    [metric("d1", 5.0, quote="five"), metric("d1", 7.0, quote="six")])
    diff = diff_runs(base, new)
    assert diff.counts() == {"appeared": 0, "disappeared": 0, "changed": 1}
    assert diff.lines()[1] == '~ metrics x.txt: value 6.0 -> 7.0 "six"'
    assert diff_runs(new, new).changes == []


def test_partitioned_and_single_file_outputs_do_not_differ(corpus_out, partitioned_out):
    assert diff_runs(corpus_out, partitioned_out).changes == []
