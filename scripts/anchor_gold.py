"""Turn quote-based annotations of ../shared documents into anchored gold (offsets only).

Annotators write quotes (outside the project); the project stores only page + offsets +
labels (`reportmine.evaluation.anchored`). Usage:

    python scripts/anchor_gold.py ANNOTATIONS_DIR [--shared ../shared] [--out corpus/gold-shared]

Each annotation file: {"source": "ofsted-focused-visits", "document": "<folder>/<file>.pdf",
"findings": [{"page", "quote", "polarity", "theme", "is_recommendation"}]}. A quote that
cannot be found on its page is reported and the file is not written. A quote of fewer
than MIN_WORDS words (the start of a sentence cut by a page break) is left out: the
contract's text rule (partial_ratio) would let it match almost any prediction.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reportmine.evaluation.anchored import (
    ANCHOR_KEY,
    AnchorError,
    anchor_quote,
    default_documents_root,
)
from reportmine.loaders import load_document

REPO = Path(__file__).resolve().parents[1]
KEPT = ("polarity", "theme", "is_recommendation")  # labels and values, never text
MIN_WORDS = 4


def anchor_file(path: Path, shared: Path, out_root: Path) -> tuple[Path, int, int]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rel = f"{data['source']}/{data['document']}"
    doc = load_document(shared / rel, shared)
    rows, short = [], 0
    for row in data.get("findings") or []:
        if len(row["quote"].split()) < MIN_WORDS:
            short += 1
            continue
        page = int(row["page"])
        start, end = anchor_quote(doc, page, row["quote"])
        rows.append({"page": page, "start": start, "end": end} | {k: row.get(k) for k in KEPT})
    rows.sort(key=lambda r: (r["page"], r["start"]))
    gold = {
        ANCHOR_KEY: {"path": rel, "doc_id": doc.doc_id},
        "annotator": data.get("annotator"),
        "findings": rows,
    }
    target = out_root / Path(rel).with_suffix(".json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return target, len(rows), short


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", type=Path)
    parser.add_argument("--shared", type=Path, default=default_documents_root())
    parser.add_argument("--out", type=Path, default=REPO / "corpus" / "gold-shared")
    args = parser.parse_args(argv)
    failed = 0
    for path in sorted(args.annotations.rglob("*.json")):
        try:
            target, n, short = anchor_file(path, args.shared, args.out)
        except (AnchorError, KeyError, ValueError, OSError) as exc:
            failed += 1
            print(f"FAILED {path}: {exc}", file=sys.stderr)
            continue
        note = f" ({short} fragments under {MIN_WORDS} words left out)" if short else ""
        print(f"{n:4d} rows -> {target.relative_to(args.out)}{note}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
