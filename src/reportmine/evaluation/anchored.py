"""Gold anchored by offsets: labels for documents whose text the project may not copy.

The real Ofsted letters and council papers in `../shared` can be annotated, but no
sentence of theirs may be stored in the project. Their gold (in `corpus/gold-shared/`)
therefore names the document and gives each row as page plus character offsets into
that page's text, with labels and values only:

    {"anchored_to": {"path": "ofsted-focused-visits/<folder>/<file>.pdf",
                     "doc_id": "<first 16 hex of the file's sha256>"},
     "findings": [{"page": 2, "start": 120, "end": 260, "polarity": "strength", ...}]}

`path` is relative to the documents root (`../shared`, or `$REPORTMINE_SHARED`). When the
gold is read, each row gets its `text`/`quote` and document offsets back from the loaded
document, so the evaluation and training see an ordinary gold file. The doc_id check makes
a changed document loud instead of silently misaligned.

Gold for plain-text pages (`../shared/council-minutes/gold/`, and the project's own in
`corpus/gold-shared/council-minutes/`) has no anchor: its rows give `start`/`end` into the
page file's own text (read without newline translation), with no page. The page is the file
of the same name beside the gold folder, or in the folder of the gold folder's name under the
documents root, or at the gold file's own path under the documents root (the project's gold
folder `corpus/gold-shared` as a whole: `council-minutes/<page>.json`). Its rows get
`text`/`quote` from that file; not offsets, since the pipeline's normalised text is not the
file's.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from reportmine.core.document import Document
from reportmine.evaluation.tables import record_tables, text_tables

ANCHOR_KEY = "anchored_to"
PAGE_SUFFIXES = (".txt", ".md", ".html", ".htm")
REPO = Path(__file__).resolve().parents[3]


class AnchorError(ValueError):
    """Anchored gold that cannot be tied to its document."""


def default_documents_root() -> Path:
    """Where anchored gold finds its documents: $REPORTMINE_SHARED, else ../shared."""
    env = os.environ.get("REPORTMINE_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def is_anchored(data: dict) -> bool:
    return isinstance(data.get(ANCHOR_KEY), dict)


def anchored_path(data: dict, root: Path) -> Path:
    return root / data[ANCHOR_KEY]["path"]


def _ws_pattern(quote: str) -> re.Pattern[str]:
    """The quote's words with any run of whitespace between them."""
    return re.compile(r"\s+".join(re.escape(w) for w in quote.split()))


def page_bounds(doc: Document, page: int) -> tuple[int, int]:
    """Where a 1-based page starts and ends in `doc.text`; unpaginated text is page 1."""
    starts = doc.page_starts or [0]
    if not 1 <= page <= len(starts):
        raise AnchorError(f"page {page} is outside the document's {len(starts)} pages")
    end = starts[page] if page < len(starts) else len(doc.text)
    return starts[page - 1], end


def anchor_quote(doc: Document, page: int, quote: str) -> tuple[int, int]:
    """Offsets of `quote` into the text of `page`: exact match first, then one that
    ignores how whitespace and line breaks fall. Raises AnchorError when absent."""
    base, stop = page_bounds(doc, page)
    text = doc.text[base:stop]
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    if quote.split():
        found = _ws_pattern(quote).search(text)
        if found:
            return found.start(), found.end()
    raise AnchorError(f"quote not found on page {page}: {quote[:60]!r}")


def resolve_rows(data: dict, doc: Document) -> dict:
    """A copy of anchored gold with `text`, `quote`, `page` and document offsets filled in
    from the document. Raises AnchorError on a changed document or a bad span."""
    anchor = data[ANCHOR_KEY]
    if anchor.get("doc_id") and anchor["doc_id"] != doc.doc_id:
        raise AnchorError(
            f"{anchor['path']} has changed since it was annotated "
            f"(doc_id {doc.doc_id}, gold written for {anchor['doc_id']})"
        )
    out = dict(data)
    for table in text_tables():
        rows = []
        for row in data.get(table) or []:
            page, start, end = int(row["page"]), int(row["start"]), int(row["end"])
            bounds = page_bounds(doc, page) if 1 <= page <= max(1, doc.n_pages) else None
            if bounds is None or not 0 <= start < end <= bounds[1] - bounds[0]:
                raise AnchorError(f"{anchor['path']}: bad span page {page} [{start}:{end}]")
            base = bounds[0]
            text = doc.text[base + start : base + end]
            rows.append(
                row | {"text": text, "quote": text, "char_start": base + start,
                       "char_end": base + end}
            )
        if table in data:
            out[table] = rows
    return out


def resolve_anchored(data: dict, root: Path | None = None) -> dict:
    """Load the anchored document from `root` and fill in the rows' text."""
    from reportmine.loaders import load_document  # loaders are heavy: import on use

    root = root or default_documents_root()
    path = anchored_path(data, root)
    if not path.is_file():
        raise AnchorError(
            f"anchored gold needs its document, not found: {path} "
            "(put ../shared beside the checkout or set REPORTMINE_SHARED)"
        )
    return resolve_rows(data, load_document(path, root))


def has_file_offsets(data: dict) -> bool:
    """Rows given as `start`/`end` into a page file, without their text."""
    return any(
        isinstance(row, dict) and "start" in row and "end" in row and "text" not in row
        and "quote" not in row and row.get("page") is None
        for table in record_tables()
        for row in data.get(table) or []
    )


def page_file_for(gold_path: Path, gold_dir: Path, root: Path | None = None) -> Path | None:
    """The page a file-offset gold file annotates (see the module docstring)."""
    rel = gold_path.relative_to(gold_dir)
    stem = rel.parent / rel.name[: -len(rel.suffix)]  # page names hold dots: keep them
    root = root or default_documents_root()
    for folder in (gold_dir.parent, root / gold_dir.name, root):
        for suffix in PAGE_SUFFIXES:
            candidate = folder / f"{stem}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def resolve_file_offsets(data: dict, page_file: Path) -> dict:
    """A copy of file-offset gold with each row's `text` and `quote` read from its page."""
    text = page_file.open(encoding="utf-8", newline="").read()
    out = dict(data)
    for table in record_tables():
        if table not in data:
            continue
        rows = []
        for row in data.get(table) or []:
            start, end = int(row["start"]), int(row["end"])
            if not 0 <= start < end <= len(text):
                raise AnchorError(f"{page_file}: bad span [{start}:{end}] in {table}")
            quote = text[start:end]
            rows.append(row | {"text": quote, "quote": quote})
        out[table] = rows
    return out
