"""`make bench` (second part): how fast `reportmine report` is, and how fast its page opens.

Runs the pipeline on corpus/papers (the `reportmine run` command), writes the report of
that output, then makes a synthetic output of --docs documents (10,000 by default) from
it (the corpus documents taken in turn, each copy under a new doc_id, council and
meeting date, with its figures varied) and writes its report. Then opens each page in
headless Chromium (Debian's package, over the DevTools pipe) and reads the page's own
timing marks: when its script started, when the first view was drawn and painted, when
the whole file was read; and how long a filter, opening a paper and the first and a
second search take. Figures are medians over --repeats; the JSON report goes to
bench/results/report-*.json.

Targets (#19): the 10,000-document report is written in under a minute, and its first
view renders in under two seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the test helpers: synthetic outputs, the Chromium driver

from tests.report_helpers import Chromium, find_chromium, replicate_output  # noqa: E402

from reportmine.output.report import write_report  # noqa: E402

RESULTS = REPO / "bench" / "results"
TARGETS = {"report_10k_s": 60.0, "first_view_10k_ms": 2000.0}
MARKS = ("rm-script", "rm-parsed", "rm-indexed", "rm-first-render", "rm-first-frame")


def page_timings(browser: Chromium, path: Path) -> dict[str, float]:
    """One load of the page: its timing marks (ms from the start of navigation), the
    load event, and the time of a few interactions (ms)."""
    load_s = browser.navigate(path.resolve().as_uri())
    browser.wait_for("document.body.dataset.ready === '1' && document.readyState === 'complete'"
                     " && performance.getEntriesByName('rm-first-frame').length > 0", timeout=120)
    figures = browser.evaluate(
        "Object.fromEntries(performance.getEntriesByType('mark').map(e => [e.name, e.startTime])"
        ".concat([['file_read', performance.getEntriesByType('navigation')[0].responseEnd]]))")
    figures = {name: figures.get(name) for name in (*MARKS, "file_read")}
    figures["load_event"] = load_s * 1000
    doc_id = browser.evaluate(
        "(() => { const c = reportmine.data.docs.doc_id; const ids = Array.isArray(c) ? c : "
        "c.c.map(k => c.v[k]); return ids[Math.floor(ids.length / 2)] || ''; })()")
    for name, fragment in (("filter_metric_ms", "#metric=caseload"),
                           ("filter_theme_ms", "#theme=workforce&polarity=weakness"),
                           ("page_20_ms", "#page=20"),
                           ("open_paper_ms", f"#doc={doc_id}"),
                           ("first_search_ms", "#q=agency"),
                           ("second_search_ms", "#q=vacancies"),
                           ("council_page_ms", "#council=Blackpool")):
        figures[name] = browser.evaluate(
            "(() => { const t0 = performance.now(); history.replaceState(null, '', "
            f"{json.dumps(fragment)}); reportmine.render(); return performance.now() - t0; }})()")
    return figures


def median_timings(runs: list[dict[str, float]]) -> dict[str, float | None]:
    keys = runs[0].keys()
    return {k: (round(statistics.median(r[k] for r in runs), 1)
                if all(r[k] is not None for r in runs) else None) for k in keys}


def timed_report(out: Path, dest: Path, repeats: int) -> dict[str, float]:
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        stats = write_report(out, dest)
        seconds.append(time.perf_counter() - started)
    return {"documents": stats.documents, "records": stats.records,
            "bytes": stats.bytes, "seconds": round(statistics.median(seconds), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="synthetic documents")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="also copy the reports into this folder")
    args = parser.parse_args()

    report: dict[str, object] = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": platform.platform(), "cpus": os.cpu_count(),
        "load_average": os.getloadavg(), "repeats": args.repeats, "targets": TARGETS,
    }
    with tempfile.TemporaryDirectory(prefix="rm-report-bench-") as tmp:
        root = Path(tmp)
        corpus_out = root / "corpus-out"
        done = subprocess.run([sys.executable, "-m", "reportmine", "run",
                               str(REPO / "corpus" / "papers"), "-o", str(corpus_out),
                               "--quiet", "-j", "0"], capture_output=True, text=True)
        if done.returncode:
            print(done.stderr.strip(), file=sys.stderr)
            return 1
        started = time.perf_counter()
        many_out = replicate_output(corpus_out, root / "many-out", args.docs)
        report["synthetic_output_s"] = round(time.perf_counter() - started, 1)
        report["synthetic_parquet_bytes"] = sum(p.stat().st_size for p in many_out.glob("*"))
        pages = {"corpus": (corpus_out, root / "corpus.html"),
                 f"synthetic_{args.docs}": (many_out, root / "many.html")}
        for name, (out, dest) in pages.items():
            report[name] = timed_report(out, dest, args.repeats)
            print(f"{name}: report of {report[name]['documents']:,} documents, "
                  f"{report[name]['records']:,} records: {report[name]['bytes'] / 1e6:.1f} MB "
                  f"in {report[name]['seconds']:.2f} s", flush=True)
        chromium = find_chromium()
        if chromium is None:
            print("no Chromium (apt-get install chromium): page timings skipped")
        else:
            with Chromium(chromium) as browser:
                for name, (_, dest) in pages.items():
                    runs = [page_timings(browser, dest) for _ in range(args.repeats)]
                    report[name]["page_ms"] = median_timings(runs)
                    timings = report[name]["page_ms"]
                    print(f"{name}: first view drawn at {timings['rm-first-render']:.0f} ms, "
                          f"painted at {timings['rm-first-frame']:.0f} ms; file read at "
                          f"{timings['file_read']:.0f} ms; filter {timings['filter_metric_ms']:.0f}"
                          f" ms, open a paper {timings['open_paper_ms']:.0f} ms, first search "
                          f"{timings['first_search_ms']:.0f} ms, next "
                          f"{timings['second_search_ms']:.0f} ms", flush=True)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for _, dest in pages.values():
                (args.keep / dest.name).write_bytes(dest.read_bytes())

    many = report[f"synthetic_{args.docs}"]
    checks = {"report_10k_s": many["seconds"],
              "first_view_10k_ms": many.get("page_ms", {}).get("rm-first-frame")}
    for key, value in checks.items():
        verdict = "n/a" if value is None else ("ok" if value < TARGETS[key] else "MISSED")
        print(f"{key}: {value} (target < {TARGETS[key]:g}) {verdict}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"report-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
