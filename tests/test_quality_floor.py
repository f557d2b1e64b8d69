"""Quality floor: run the pipeline on gold-annotated inputs and fail if any score drops.

The floors in `quality_floor.json` are measured scores rounded down to 2 decimals: F1 per
table, strict F1, accuracies among matches, document-field accuracies and (ofsted-reports)
per-field agreement with the corrected peer CSV. Raising
them is part of every improvement (`python -m tests.test_quality_floor --raise` writes any
score that now beats its floor); lowering one needs a reason in the commit message.

* corpus: `corpus/papers` against `corpus/gold` (always runs, a few seconds).
* ofsted-reports: `../shared/ofsted-reports` against its gold and the peer CSV (with the
  project's overrides); skipped when ../shared is not beside the checkout (~1-2 min).
* focused-visit-findings: `../shared/ofsted-focused-visits` against the project's
  exhaustive findings gold for 25 of its letters (`corpus/gold-shared`, anchored by
  offsets); skipped without ../shared. The findings model is trained on these letters,
  so this guards against regressions; the held-out figure is the training
  cross-validation's (models/findings_textcat/meta.json).
* kent-council-papers, ofsted-focused-visits: each `../shared` folder against the gold
  that ships beside it (metrics, actions and the rest as annotated there); skipped
  without ../shared.
* council-minutes: the council committee pages against the 60 gold files beside them and
  the project's 64 (`corpus/gold-shared/council-minutes`), scored together; skipped
  without ../shared. Rules were tuned on these pages and the findings model is trained on
  them: the floor guards regressions, not held-out quality (the model's by-council
  cross-validated scores are in models/findings_textcat/meta.json).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

from reportmine.evaluation import evaluate
from reportmine.evaluation.gate import below_floor, label
from reportmine.evaluation.gate import measured_scores as scores
from reportmine.pipeline import run_batch

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OFSTED = SHARED / "ofsted-reports"
FLOORS = Path(__file__).with_name("quality_floor.json")
OVERRIDES = REPO / "corpus" / "gold" / "overrides" / "peer_overrides.csv"
FOCUSED_VISITS = SHARED / "ofsted-focused-visits"
FOCUSED_VISIT_GOLD = REPO / "corpus" / "gold-shared" / "ofsted-focused-visits"
KENT = SHARED / "kent-council-papers"
COUNCIL_MINUTES = SHARED / "council-minutes"
COUNCIL_MINUTES_GOLD = REPO / "corpus" / "gold-shared" / "council-minutes"


def floors() -> dict:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def round_down(value: float) -> float:
    return math.floor(value * 100 + 1e-6) / 100


def measure_corpus(out_dir: Path) -> dict[str, float]:
    run_batch(REPO / "corpus" / "papers", out_dir)
    return scores(evaluate([REPO / "corpus" / "gold"], out_dir, find_peer=False), "corpus")


def measure_ofsted(out_dir: Path) -> dict[str, float]:
    run_batch(OFSTED, out_dir)
    report = evaluate([OFSTED / "gold"], out_dir, peer_csv=OFSTED / "peer_extraction.csv",
                      peer_overrides=OVERRIDES)
    return scores(report, "ofsted-reports")


def measure_focused_visits(out_dir: Path) -> dict[str, float]:
    run_batch(FOCUSED_VISITS, out_dir)
    report = evaluate([FOCUSED_VISIT_GOLD], out_dir, find_peer=False)
    return scores(report, "ofsted-focused-visits")


def measure_shared_gold(folder: Path, out_dir: Path) -> dict[str, float]:
    """`../shared/<folder>` against the gold that ships beside it (its metrics, actions,
    inspections and findings as annotated there)."""
    run_batch(folder, out_dir)
    return scores(evaluate([folder / "gold"], out_dir, find_peer=False), folder.name)


def measure_council_minutes(out_dir: Path) -> dict[str, float]:
    """The council committee pages against both their gold sets: the 60 pages annotated in
    ../shared and the project's 64 (`corpus/gold-shared/council-minutes`), scored together."""
    run_batch(COUNCIL_MINUTES, out_dir)
    report = evaluate([COUNCIL_MINUTES / "gold", COUNCIL_MINUTES_GOLD], out_dir, find_peer=False)
    return report.group("all").flat()


def check(group: str, measured: dict[str, float]) -> None:
    failures = below_floor(measured, floors()[group], group)
    if failures:
        pytest.fail("quality fell below its floor:\n" + "\n".join(failures), pytrace=False)


def test_corpus_quality_floor(tmp_path):
    check("corpus", measure_corpus(tmp_path / "out"))


@pytest.mark.skipif(not (OFSTED / "gold").is_dir(), reason="../shared/ofsted-reports is absent")
def test_ofsted_reports_quality_floor(tmp_path):
    check("ofsted-reports", measure_ofsted(tmp_path / "out"))


@pytest.mark.skipif(not FOCUSED_VISITS.is_dir(), reason="../shared is absent")
def test_focused_visit_findings_quality_floor(tmp_path):
    check("focused-visit-findings", measure_focused_visits(tmp_path / "out"))


@pytest.mark.skipif(not (KENT / "gold").is_dir(), reason="../shared is absent")
def test_kent_council_papers_quality_floor(tmp_path):
    check("kent-council-papers", measure_shared_gold(KENT, tmp_path / "out"))


@pytest.mark.skipif(not (FOCUSED_VISITS / "gold").is_dir(), reason="../shared is absent")
def test_focused_visit_letters_quality_floor(tmp_path):
    check("ofsted-focused-visits", measure_shared_gold(FOCUSED_VISITS, tmp_path / "out"))


@pytest.mark.skipif(not (COUNCIL_MINUTES / "gold").is_dir(), reason="../shared is absent")
def test_council_minutes_quality_floor(tmp_path):
    check("council-minutes", measure_council_minutes(tmp_path / "out"))


def test_floor_message_names_table_and_score():
    (msg,) = below_floor({"metrics.f1": 0.62}, {"metrics.f1": 0.70}, "corpus")
    assert msg == "metrics F1 on corpus fell to 0.62 < floor 0.70"
    assert label("findings.strict_f1") == "findings strict F1"
    assert label("documents.council") == "documents council accuracy"
    assert below_floor({"x.f1": 0.7}, {"x.f1": 0.7}, "corpus") == []


def main(argv: list[str]) -> None:
    """Print measured scores against the floors; with --raise, write every score above its
    floor back (rounded down), never lowering one."""
    import tempfile

    data = floors() if FLOORS.exists() else {}
    groups = {"corpus": measure_corpus}
    if (OFSTED / "gold").is_dir():
        groups["ofsted-reports"] = measure_ofsted
    if FOCUSED_VISITS.is_dir():
        groups["focused-visit-findings"] = measure_focused_visits
    for folder in (KENT, FOCUSED_VISITS):
        if (folder / "gold").is_dir():
            groups[folder.name] = lambda out, folder=folder: measure_shared_gold(folder, out)
    if (COUNCIL_MINUTES / "gold").is_dir():
        groups["council-minutes"] = measure_council_minutes
    for group, measure in groups.items():
        with tempfile.TemporaryDirectory() as tmp:
            measured = measure(Path(tmp))
        floor = data.setdefault(group, {})
        for key in sorted(measured):
            if key.endswith((".precision", ".recall")):
                continue  # F1 carries both; a P/R floor would block honest trade-offs
            new = round_down(measured[key])
            old = floor.get(key)
            mark = "" if old is None or new == old else (" RAISE" if new > old else " BELOW")
            print(f"{group:15} {key:45} {measured[key]:.4f} floor {old}{mark}")
            if "--raise" in argv and (old is None or new > old):
                floor[key] = new
    if "--raise" in argv:
        FLOORS.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        print(f"wrote {FLOORS}")


if __name__ == "__main__":
    main(sys.argv[1:])
