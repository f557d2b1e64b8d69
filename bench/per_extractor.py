"""Where the time goes: each extractor's in-process time, per text paper and per PDF page.

A profiling aid beside `make bench` (not a test): it loads documents in this process and
times the loader and every registered extractor on each, on the benchmark's generated
text papers and on every fourth Ofsted PDF in ../shared (skipped when absent). Run
`python bench/per_extractor.py [--text-docs N]`. What the analysed document computes for
all extractors (blocks, sentences, lower-cased text) is billed to the first extractor
that asks for it; each document gets its own analysed document, as in a real run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench import OFSTED, machine_speed_s, text_inputs

from reportmine.extractors.registry import default_extractors
from reportmine.loaders import load_document
from reportmine.text.analysis import AnalysedDocument


def time_extractors(paths: list[Path], root: Path, per: str) -> str:
    """One line: ms per document (per="paper") or per page (per="page") for each step."""
    extractors = default_extractors()
    warm = load_document(paths[0], root)
    for extractor in extractors:  # first-use work (indexes, compiled rules) is not billed
        extractor.extract(warm)
    spent = {"load": 0.0}
    units = 0
    for path in paths:
        started = time.perf_counter()
        doc = load_document(path, root)
        spent["load"] += time.perf_counter() - started
        units += doc.n_pages if per == "page" else 1
        analysed = AnalysedDocument(doc)  # as extract_document does
        for extractor in extractors:
            started = time.perf_counter()
            extractor.extract(analysed)
            spent[extractor.name] = spent.get(extractor.name, 0.0) + time.perf_counter() - started
    steps = "  ".join(f"{name} {1000 * s / units:.2f}" for name, s in spent.items())
    total = 1000 * sum(spent.values()) / units
    return f"{units} {per}s, ms per {per}: {steps}  | total {total:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text-docs", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reportmine-per-extractor-") as tmp:
        src, _ = text_inputs(Path(tmp), args.text_docs)
        print(time_extractors(sorted(src.glob("*.txt")), src, "paper"))
    if OFSTED.is_dir():
        pdfs = [p for p in sorted(OFSTED.rglob("*.pdf")) if "gold" not in p.parts][::4]
        print(time_extractors(pdfs, OFSTED, "page"))
    else:
        print(f"{OFSTED} not found: PDF part skipped")
    print(f"machine speed probe {machine_speed_s():.2f} s (lower is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
