"""A regression gate over `evaluate`'s report: minimum scores, their misses, JUnit XML.

Scores are named as `GroupScore.flat()` names them (`metrics.f1`, `findings.strict_f1`,
`inspections.judgement`, `documents.council`, and `peer.<field>` when a peer CSV was
compared), the names `tests/quality_floor.json` uses, so a thresholds file can be a
quality-floor file: `{"metrics.f1": 0.9}` for the whole evaluation, or
`{"corpus": {"metrics.f1": 0.9}}` per gold group; keys starting with `_` are comments.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from reportmine.evaluation.scores import EvalReport

_MINIMUM = re.compile(r"(?:(?P<group>[^:=]+):)?(?P<key>[\w.]+)=(?P<value>[-+.\deE]+)")


class ThresholdError(ValueError):
    """A threshold or thresholds file that cannot be read."""


@dataclass(frozen=True)
class Threshold:
    key: str  # `table.measure`, as GroupScore.flat() names it
    minimum: float
    group: str | None = None  # None: the whole evaluation (`all` over several gold folders)


@dataclass(frozen=True)
class Check:
    threshold: Threshold
    group: str
    measured: float | None
    failure: str | None  # one line saying why, or None when it passed

    @property
    def passed(self) -> bool:
        return self.failure is None


def parse_minimum(text: str) -> Threshold:
    """`metrics.f1=0.9` or `corpus:metrics.f1=0.9` (one gold group only)."""
    match = _MINIMUM.fullmatch(text.strip())
    if match is None:
        raise ThresholdError(f"--min {text!r}: write it as table.measure=VALUE, e.g. "
                             "metrics.f1=0.9 (or GROUP:metrics.f1=0.9)")
    value = float(match["value"])
    if not 0.0 <= value <= 1.0:
        raise ThresholdError(f"--min {text!r}: a score is between 0 and 1")
    return Threshold(match["key"], value, match["group"])


def load_thresholds(path: Path) -> list[Threshold]:
    """Thresholds from a JSON file: `{key: minimum}` or `{group: {key: minimum}}`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ThresholdError(f"cannot read thresholds {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ThresholdError(f"{path}: expected a JSON object of table.measure -> minimum")
    thresholds = []
    for name, value in data.items():
        if name.startswith("_"):
            continue
        if isinstance(value, dict):
            thresholds += [Threshold(k, float(v), name) for k, v in value.items()
                           if not k.startswith("_")]
        elif isinstance(value, (int, float)):
            thresholds.append(Threshold(name, float(value)))
        else:
            raise ThresholdError(f"{path}: {name!r} is neither a minimum nor a group of them")
    return thresholds


def measured_scores(report: EvalReport, group: str) -> dict[str, float]:
    """A group's headline figures, plus per-field peer agreement when compared."""
    out = report.group(group).flat()
    if report.peer is not None:
        for name, field in report.peer.fields.items():
            if field.agreement is not None:
                out[f"peer.{name}"] = field.agreement
    return out


def label(key: str) -> str:
    """`metrics.f1` -> `metrics F1`, `inspections.judgement` -> `inspections judgement accuracy`."""
    table, measure = key.split(".", 1)
    if measure == "f1":
        return f"{table} F1"
    if measure == "strict_f1":
        return f"{table} strict F1"
    if measure in ("precision", "recall"):
        return f"{table} {measure}"
    return f"{table} {measure} {'agreement' if table == 'peer' else 'accuracy'}"


def below_floor(measured: dict[str, float], floor: dict[str, float], group: str) -> list[str]:
    """One line per score below its floor (or no longer measured)."""
    failures = []
    for key, minimum in sorted(floor.items()):
        if key not in measured:
            failures.append(f"{label(key)} on {group} is no longer measured (floor {minimum:.2f})")
        elif measured[key] + 1e-9 < minimum:
            failures.append(
                f"{label(key)} on {group} fell to {measured[key]:.2f} < floor {minimum:.2f}"
            )
    return failures


def whole_group(report: EvalReport) -> str:
    """The group a threshold without one applies to: all gold folders together."""
    return report.total.name if report.total is not None else report.groups[0].name


def check_thresholds(report: EvalReport, thresholds: list[Threshold]) -> list[Check]:
    """Each threshold against the report, in the order given."""
    checks = []
    for threshold in thresholds:
        group = threshold.group or whole_group(report)
        try:
            measured = measured_scores(report, group)
        except KeyError:
            names = ", ".join(g.name for g in report.groups)
            checks.append(Check(threshold, group, None,
                                f"no gold group {group!r} in this evaluation (have {names})"))
            continue
        if threshold.key not in measured:
            checks.append(Check(threshold, group, None,
                                f"{threshold.key} is not measured on {group} (the names are "
                                "those of eval.json's `flat` scores)"))
            continue
        (failure,) = below_floor(measured, {threshold.key: threshold.minimum}, group) or (None,)
        checks.append(Check(threshold, group, measured[threshold.key], failure))
    return checks


def junit_xml(checks: list[Check], extra_output: str = "") -> str:
    """JUnit XML for CI systems: one test case per threshold, a failure per miss;
    `extra_output` (the baseline diff) goes into the suite's system-out."""
    failures = sum(not c.passed for c in checks)
    suite = ElementTree.Element("testsuite", name="reportmine eval", tests=str(len(checks)),
                                failures=str(failures), errors="0")
    for check in checks:
        case = ElementTree.SubElement(
            suite, "testcase", classname=f"reportmine.eval.{check.group}",
            name=f"{check.threshold.key} >= {check.threshold.minimum:g}",
        )
        if check.measured is not None:
            ElementTree.SubElement(case, "system-out").text = f"measured {check.measured:.4f}"
        if check.failure is not None:
            ElementTree.SubElement(case, "failure", message=check.failure,
                                   type="below_threshold").text = check.failure
    if extra_output:
        ElementTree.SubElement(suite, "system-out").text = extra_output
    ElementTree.indent(suite)
    return ElementTree.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
