"""`make bench`: how fast reportmine is on this machine (a benchmark, not a test).

Measures, through the library API (`run_batch`, what the CLI calls):

* PDFs: pages/s end to end, all extractors on, on the real Ofsted reports in
  ../shared/ofsted-reports, with 1 and 2 workers; and the same PDFs through
  pdfplumber-only text extraction (2 processes) as the baseline, timed on the first
  files up to --baseline-pages pages (pdfplumber manages a few pages a second);
* text: documents/s and tokens/s on a generated corpus of 2,000 text papers (the corpus
  seeds with varied numbers), with 1 and 2 workers;
* peak memory per worker, the speed-up from 1 to 2 workers, and the time of an
  incremental re-run over the unchanged folder against the first run.

Each figure is the median of --repeats rounds; a round runs 1 and then 2 workers, so a
drift in the machine's speed touches both alike. Every run starts from an empty OUT_DIR,
so worker start-up (and model loading) is included. Wall-clock figures depend on what
else the machine is doing, so the report also gives the CPU seconds used (this process
and its workers) and the load average; `per CPU-second` figures are what one fully
available core does. The JSON report goes to
bench/results/. The PDF part is skipped, with a message, when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

from reportmine.core.version import PIPELINE_VERSION
from reportmine.pipeline import run_batch

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OFSTED = SHARED / "ofsted-reports"
SEEDS = REPO / "corpus" / "papers" / "seeds"
RESULTS = REPO / "bench" / "results"
TARGETS = {
    "pdf_pages_per_s": 150,
    "text_docs_per_s": 150,
    "speedup_2_workers": 1.7,
    "peak_memory_mb_per_worker": 400,
    "incremental_speedup": 20,
}


def _cpu_s() -> float:
    """CPU seconds of this process and its finished children."""
    mine, children = os.times()[:2], os.times()[2:4]
    return sum(mine) + sum(children)


def _one_run(src: Path, out: Path, workers: int) -> dict:
    """One clean run, then a re-run over the unchanged folder."""
    shutil.rmtree(out, ignore_errors=True)
    cpu, wall = _cpu_s(), time.perf_counter()
    summary = run_batch(src, out, workers=workers)
    run = {"wall_s": time.perf_counter() - wall, "cpu_s": _cpu_s() - cpu, "summary": summary}
    wall = time.perf_counter()
    again = run_batch(src, out, workers=workers)
    run["rerun_s"] = time.perf_counter() - wall
    assert again.n_processed == 0, "the re-run processed documents again"
    return run


def timed_runs(src: Path, work: Path, repeats: int, workers: tuple[int, ...] = (1, 2)) -> dict:
    """`repeats` rounds; each round runs every worker count once, one after the other, so
    a machine whose speed drifts during the benchmark affects all counts alike."""
    done: dict[int, list[dict]] = {w: [] for w in workers}
    for n in range(repeats):
        for w in workers:
            before = machine_speed_s()
            run = _one_run(src, work / f"out-w{w}-{n}", w)
            run["probe_s"] = (round(before, 3), round(machine_speed_s(), 3))
            done[w].append(run)
    out = {}
    for w, runs in done.items():
        summary = runs[-1]["summary"]
        peaks = [p for r in runs for p in r["summary"].peak_rss_mb]
        out[w] = {
            "workers": w,
            "repeats": repeats,
            "wall_s": statistics.median(r["wall_s"] for r in runs),
            "wall_s_all": [round(r["wall_s"], 3) for r in runs],
            "cpu_s": statistics.median(r["cpu_s"] for r in runs),
            "rerun_s": statistics.median(r["rerun_s"] for r in runs),
            "peak_memory_mb_per_worker": max(peaks) if peaks else None,
            "n_documents": summary.n_documents,
            "counts": summary.counts,
            "status_counts": summary.status_counts,
            # the probe just before and just after each run (the machine's speed can
            # change within a run)
            "machine_speed_s_before_after_each_run": [r["probe_s"] for r in runs],
        }
    return out


def machine_speed_s() -> float:
    """Seconds one core takes for a fixed pure-Python workload (loops, dicts, a regex).

    The development machine is shared and its speed drifts, by up to a factor of two
    within minutes; the report gives this before, during and after the runs, so figures
    taken at different times can be compared (lower is faster)."""
    words = re.compile(r"\w+")
    text = "the council's children's services were inspected in 2024 and judged good " * 20
    started = time.perf_counter()
    counts: dict[str, int] = {}
    for _ in range(2000):
        for word in words.findall(text):
            counts[word] = counts.get(word, 0) + 1
    return time.perf_counter() - started


# -- PDFs --------------------------------------------------------------------------------
def pdf_inputs(work: Path) -> tuple[Path, int]:
    """The Ofsted PDFs (no CSV or gold files) copied into one folder; their page count."""
    import pypdfium2 as pdfium

    src = work / "ofsted-pdfs"
    pages = 0
    for path in sorted(OFSTED.rglob("*.pdf")):
        if "gold" in path.relative_to(OFSTED).parts:
            continue
        target = src / path.relative_to(OFSTED)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        pages += len(pdfium.PdfDocument(str(target)))
    return src, pages


def _pdfplumber_pages(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def pdfplumber_baseline(src: Path, workers: int, max_pages: int) -> dict:
    import pypdfium2 as pdfium

    files, total = [], 0
    for path in sorted(src.rglob("*.pdf")):
        if total >= max_pages:
            break
        files.append(str(path))
        total += len(pdfium.PdfDocument(str(path)))
    wall = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        pages = sum(pool.map(_pdfplumber_pages, files))
    seconds = time.perf_counter() - wall
    return {
        "workers": workers,
        "files": len(files),
        "pages": pages,
        "wall_s": seconds,
        "pages_per_s": pages / seconds,
    }


# -- text papers -------------------------------------------------------------------------
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d,])")


def _vary(match: re.Match[str], rng: random.Random) -> str:
    text = match.group(0)
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return text  # years stay
    digits = text.replace(",", "")
    whole, _, frac = digits.partition(".")
    value = max(1, int(whole) + rng.randint(-int(whole) // 4, int(whole) // 4 + 1))
    out = f"{value:,}" if "," in text else str(value)
    return f"{out}.{frac}" if frac else out


def text_inputs(work: Path, n_docs: int) -> tuple[Path, int]:
    """`n_docs` text papers: the corpus seeds with their figures varied; total tokens."""
    rng = random.Random(20261122)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    src = work / "text-papers"
    src.mkdir(parents=True)
    tokens = 0
    for n in range(n_docs):
        text = _NUMBER.sub(lambda m: _vary(m, rng), seeds[n % len(seeds)])
        text += f"\nReference {n:05d}.\n"
        (src / f"paper-{n:05d}.txt").write_text(text, encoding="utf-8")
        tokens += len(text.split())
    return src, tokens


# -- report ------------------------------------------------------------------------------
def _row(label: str, value, target=None, better="higher") -> str:
    if value is None:
        return f"  {label:<46} {'-':>10}"
    mark = ""
    if target is not None:
        ok = value >= target if better == "higher" else value < target
        sign = ">=" if better == "higher" else "<"
        mark = f"   target {sign} {target:<6} {'ok' if ok else 'MISSED'}"
    return f"  {label:<46} {value:>10.2f}{mark}"


def _scaling_rows(part: dict, runs: dict) -> list[str]:
    """The rows both parts share: speed-up, incremental re-run, peak memory."""
    return [
        _row("speed-up 1 -> 2 workers", part["speedup_2_workers"], TARGETS["speedup_2_workers"]),
        _row("first run s (2 workers)", runs[2]["wall_s"]),
        _row("incremental re-run s (unchanged folder)", runs[2]["rerun_s"]),
        _row("first run / re-run", part["incremental_speedup"], TARGETS["incremental_speedup"]),
        _row(
            "peak memory per worker MB",
            max(r["peak_memory_mb_per_worker"] for r in runs.values()),
            TARGETS["peak_memory_mb_per_worker"],
            better="lower",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--text-docs", type=int, default=2000)
    parser.add_argument("--baseline-pages", type=int, default=300)
    parser.add_argument("--skip-pdf", action="store_true", help="text papers only")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    report: dict = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "pipeline_version": PIPELINE_VERSION,
        "machine": {
            "cores": os.cpu_count(),
            "load_average_at_start": os.getloadavg(),
            "speed_s_at_start": machine_speed_s(),
        },
        "repeats": args.repeats,
        "targets": TARGETS,
    }
    lines = []
    with tempfile.TemporaryDirectory(prefix="reportmine-bench-") as tmp:
        work = Path(tmp)
        if OFSTED.is_dir() and not args.skip_pdf:
            src, pages = pdf_inputs(work)
            print(f"PDFs: {pages} pages in {len(list(src.rglob('*.pdf')))} files", flush=True)
            runs = timed_runs(src, work, args.repeats)
            baseline = pdfplumber_baseline(src, 2, args.baseline_pages)
            report["pdf"] = {
                "pages": pages,
                "runs": runs,
                "pages_per_s": {w: pages / r["wall_s"] for w, r in runs.items()},
                "pages_per_cpu_s": pages / runs[1]["cpu_s"],
                "speedup_2_workers": runs[1]["wall_s"] / runs[2]["wall_s"],
                "incremental_speedup": runs[2]["wall_s"] / runs[2]["rerun_s"],
                "pdfplumber_baseline": baseline,
            }
            pdf = report["pdf"]
            lines += [
                "PDFs (../shared/ofsted-reports, all extractors):",
                _row("pages per CPU-second (1 worker)", pdf["pages_per_cpu_s"]),
                _row("pages/s, 1 worker", pdf["pages_per_s"][1]),
                _row("pages/s, 2 workers", pdf["pages_per_s"][2], TARGETS["pdf_pages_per_s"]),
                _row(
                    f"pdfplumber-only pages/s, 2 procs ({baseline['pages']} pages)",
                    baseline["pages_per_s"],
                ),
                *_scaling_rows(pdf, runs),
            ]
        else:
            why = "--skip-pdf" if args.skip_pdf else f"{SHARED} not found"
            print(f"{why}: skipping the PDF benchmark", flush=True)
            report["pdf"] = {"skipped": why}
            lines.append(f"PDFs: skipped ({why})")

        src, tokens = text_inputs(work, args.text_docs)
        print(f"text: {args.text_docs} generated papers, {tokens} tokens", flush=True)
        runs = timed_runs(src, work, args.repeats)
        report["text"] = {
            "documents": args.text_docs,
            "tokens": tokens,
            "runs": runs,
            "docs_per_s": {w: args.text_docs / r["wall_s"] for w, r in runs.items()},
            "docs_per_cpu_s": args.text_docs / runs[1]["cpu_s"],
            "tokens_per_s": {w: tokens / r["wall_s"] for w, r in runs.items()},
            "speedup_2_workers": runs[1]["wall_s"] / runs[2]["wall_s"],
            "incremental_speedup": runs[2]["wall_s"] / runs[2]["rerun_s"],
        }
        text = report["text"]
        lines += [
            f"Text papers ({args.text_docs} generated, {tokens} tokens):",
            _row("documents per CPU-second (1 worker)", text["docs_per_cpu_s"]),
            _row("documents/s, 1 worker", text["docs_per_s"][1]),
            _row("documents/s, 2 workers", text["docs_per_s"][2], TARGETS["text_docs_per_s"]),
            _row("tokens/s, 2 workers", text["tokens_per_s"][2]),
            *_scaling_rows(text, runs),
        ]
    report["machine"]["load_average_at_end"] = os.getloadavg()
    report["machine"]["speed_s_at_end"] = machine_speed_s()
    args.results.mkdir(parents=True, exist_ok=True)
    path = args.results / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    machine = report["machine"]
    print(
        f"\nreportmine {PIPELINE_VERSION} benchmark, median of {args.repeats} runs, "
        f"{os.cpu_count()} cores, load average at start {machine['load_average_at_start'][0]:.1f}, "
        f"machine speed probe {machine['speed_s_at_start']:.2f} s at start and "
        f"{machine['speed_s_at_end']:.2f} s at end (lower is faster)"
    )
    print("\n".join(lines))
    print(f"\nreport: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
