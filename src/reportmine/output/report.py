"""`reportmine report OUT_DIR -o report.html`: a run's output as one self-contained HTML
page for reviewing what was extracted, with the evidence behind every record.

Built on the notebook API only (`reportmine.load`): the tables are read as typed frames,
encoded once as compact JSON and embedded in the page with the report's own CSS and
JavaScript (`report_assets/`). Nothing is fetched when the page is viewed: no scripts,
fonts or images from anywhere else; charts are SVG drawn by the page's own script.

What the page holds, so that its size grows with the data and not with data x views:

* `rm-data`: the documents, every record's fields (without its text; records grouped by
  document), the errors and the per-council summary, column by column: repeated strings
  (and every closed vocabulary) stored once per column and referred to by number, a
  mostly-null column as its non-null rows only;
* the page's script, so that the first view is drawn while the browser still reads
* `rm-text-K`: the text the output holds for documents K*CHUNK .. K*CHUNK+CHUNK-1, parsed
  only when one of them is opened or the search box is used. The output does not keep a
  document's full text, only each record's `quote` and its offsets (`char_start`,
  `char_end`) into the document's normalised text. The quotes of one document are merged
  by offset into the stretches of text they cover (a metric's quote inside a finding's
  sentence is stored once), and each record's quote is read back from them, so a record
  is shown in the surrounding text its document's other records quote, with the gaps the
  output does not hold marked as gaps, never filled in. A record whose quote does not
  agree with its offsets keeps its own quote.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import re
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import pyarrow as pa
import typer

from reportmine.output.frames import RECORD_TABLES, OutputError, Tables, load
from reportmine.output.summary import council_summary

ASSETS = "report_assets"
PLACEHOLDER = re.compile(r"\{\{(TITLE|SOURCE|COUNTS|CSS|DATA|JS|TEXT)\}\}")
# Documents per text chunk: opening one document parses the text of at most this many.
CHUNK = 100
DOCUMENT_COLUMNS = ("doc_id", "source_path", "source_format", "status", "council",
                    "council_code", "council_source", "doc_kind", "committee", "meeting_date",
                    "meeting_date_source", "title", "n_pages", "n_chars", "pipeline_version")
# Record columns the page does not need as fields: the quote is read back from the
# merged text, and the document is referred to by its row number.
EVIDENCE_TEXT = ("doc_id", "quote")
# Fields that repeat the quote more often than not: stored only where they differ from it.
TEXT_LIKE_QUOTE = ("text",)
SUMMARY_COLUMNS = ("council", "council_code", "documents", "latest_meeting_date",
                   "inspection_type", "inspection_date", "judgement", "caseload",
                   "caseload_date", "agency_rate", "agency_rate_date")


class ReportError(OSError):
    """The report cannot be written where -o says (a missing folder, a folder in the
    file's place, no permission)."""


@dataclass(frozen=True)
class ReportStats:
    path: Path
    documents: int
    records: int
    bytes: int
    seconds: float


# -- encoding a frame column as compact JSON -------------------------------------------


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT, pd.NA compare unequal (or raise)
    except (TypeError, ValueError):
        return value is _pd_na()


def _pd_na() -> Any:
    import pandas as pd

    return pd.NA


def _values(series: Any, convert: Any = None) -> list[Any]:
    """A column's values as Python objects, missing ones as None."""
    missing = series.isna().tolist()
    values = series.astype(object).tolist()
    if convert is None:
        return [None if m else v for v, m in zip(values, missing, strict=True)]
    return [None if m else convert(v) for v, m in zip(values, missing, strict=True)]


def encode_column(series: Any) -> Any:
    """`_encode_column`, with a column of nulls as null and a mostly-null one sparse:
    `{"i": indices, "x": values}` (values as `_encode_column` gives them)."""
    encoded = _encode_column(series)
    return sparse(encoded)


def sparse(encoded: Any) -> Any:
    """A column whose values are mostly null as its non-null values and their rows."""
    codes = encoded["c"] if isinstance(encoded, dict) else encoded
    missing = -1 if isinstance(encoded, dict) else None
    rows = [i for i, v in enumerate(codes) if v != missing]
    if not rows:
        return None
    if len(rows) * 3 > len(codes):
        return encoded
    values = [codes[i] for i in rows]
    return {"i": rows, "x": values, "v": encoded["v"]} if isinstance(encoded, dict) else \
        {"i": rows, "x": values}


def run_lengths(values: list[int]) -> dict[str, list[int]]:
    """`[4, 4, 4, 7]` as `{"rle": [4, 3, 7, 1]}`: value, count, value, count..."""
    out: list[int] = []
    for value in values:
        if out and out[-2] == value:
            out[-1] += 1
        else:
            out += [value, 1]
    return {"rle": out}


def _encode_column(series: Any) -> Any:
    """One column as JSON: `{"v": values, "c": codes}` for a categorical (codes into the
    vocabulary, -1 for missing) and for a string or date column whose values repeat, a
    plain list otherwise. Dates are ISO strings, whole floats integers, nulls null."""
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return {"v": [str(c) for c in dtype.categories], "c": series.cat.codes.tolist()}
    if pd.api.types.is_datetime64_any_dtype(dtype):
        series = series.dt.strftime("%Y-%m-%d").astype(object)
        return _dictionary(series.where(series.notna(), None).tolist())
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        return _values(series, int)
    if pd.api.types.is_float_dtype(dtype):
        return [_number(v) for v in series.tolist()]
    if pd.api.types.is_string_dtype(dtype) and not _has_lists(series):
        return _dictionary(_values(series))
    return [_json_safe(v) for v in series.astype(object).tolist()]


def _has_lists(series: Any) -> bool:
    return any(isinstance(v, (list, tuple)) or hasattr(v, "tolist")
               for v in series.head(50).tolist() if v is not None)


def _json_safe(value: Any) -> Any:
    if hasattr(value, "tolist"):  # a numpy array (a list column)
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return None if _is_missing(value) else value


def _number(value: float) -> float | int | None:
    """A float as JSON: null when missing, an integer when it is one (`87.0` -> `87`)."""
    if not math.isfinite(value):
        return None
    return int(value) if value == int(value) and abs(value) < 2**53 else value


def _dictionary(values: list[Any]) -> Any:
    """Repeated strings stored once: a plain list when most values are distinct."""
    distinct: dict[Any, int] = {}
    codes = [-1 if v is None else distinct.setdefault(v, len(distinct)) for v in values]
    if len(distinct) * 2 > len(values):
        return values
    return {"v": list(distinct), "c": codes}


# -- the text each document's records quote ----------------------------------------------


def merge_spans(spans: list[tuple[int, int, str]]) -> list[list[Any]]:
    """Quotes of one document merged by offset into the stretches of its text they cover:
    `[[start, text], ...]` in text order. Spans that overlap or touch are joined where
    they agree on the text they share; a quote whose length is not `char_end -
    char_start`, or that disagrees with an overlapping one, is left out (its record keeps
    its own quote)."""
    fragments: list[list[Any]] = []
    for start, end, quote in sorted(set(spans)):
        if end - start != len(quote) or start < 0:
            continue
        if fragments:
            last_start, last_text = fragments[-1]
            last_end = last_start + len(last_text)
            if start <= last_end:
                shared = last_text[start - last_start:]
                agrees = quote.startswith(shared) or shared.startswith(quote)
                if agrees and end > last_end:
                    fragments[-1][1] = last_text + quote[last_end - start:]
                continue
        fragments.append([start, quote])
    return fragments


def quote_from(fragments: list[list[Any]], start: int, end: int,
               starts: list[int] | None = None) -> str | None:
    """The text at [start, end) if one fragment holds it (`starts`: the fragments' start
    offsets, when the caller has them)."""
    starts = [f[0] for f in fragments] if starts is None else starts
    index = bisect.bisect_right(starts, start) - 1
    if index < 0:
        return None
    frag_start, text = fragments[index]
    if end <= frag_start + len(text):
        return text[start - frag_start:end - frag_start]
    return None


# -- the page's data -------------------------------------------------------------------


def _document_rows(tables: Tables) -> tuple[Any, dict[str, int]]:
    documents = tables.documents.reset_index(drop=True)
    first_row: dict[str, int] = {}
    for row, doc_id in enumerate(documents["doc_id"].tolist()):
        first_row.setdefault(doc_id, row)
    return documents, first_row


def build_data(tables: Tables, source: str = "") -> tuple[dict[str, Any], list[list[Any]]]:
    """The page's index (`rm-data`) and, per document row, the merged text its records
    quote (the `rm-text-K` chunks)."""
    tables = tables if tables.backend == "pandas" else tables.with_backend("pandas")
    documents, first_row = _document_rows(tables)
    n_docs = len(documents)
    doc_columns = [c for c in DOCUMENT_COLUMNS if c in documents.columns]
    docs = {c: encode_column(documents[c]) for c in doc_columns}
    # A file stored at several paths has one doc_id and several rows: its records are
    # shown under its first row, and the others point there.
    ids = documents["doc_id"].tolist()
    docs["same_as"] = [None if first_row[d] == row else first_row[d]
                       for row, d in enumerate(ids)]

    spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    frames: dict[str, Any] = {}
    for table in RECORD_TABLES:
        frame = tables[table].reset_index(drop=True)
        rows = [first_row.get(d, -1) for d in frame["doc_id"].tolist()]
        frame = frame.assign(_doc=rows)
        # By document (in table order within one), so the page finds a document's
        # records as one run.
        frame = frame[frame["_doc"] >= 0].sort_values("_doc", kind="stable")
        frame = frame.reset_index(drop=True)
        frames[table] = frame
        for doc, start, end, quote in zip(frame["_doc"].tolist(),
                                          frame["char_start"].tolist(),
                                          frame["char_end"].tolist(),
                                          frame["quote"].tolist(), strict=True):
            if quote is not None and start is not None and end is not None:
                spans[doc].append((int(start), int(end), quote))
    texts = [merge_spans(spans.get(row, [])) for row in range(n_docs)]
    starts = [[f[0] for f in fragments] for fragments in texts]

    records: dict[str, Any] = {}
    n_records = 0
    for table, frame in frames.items():
        quotes = frame["quote"].tolist()
        own_quote = []
        for doc, start, end, quote in zip(frame["_doc"].tolist(), frame["char_start"].tolist(),
                                          frame["char_end"].tolist(), quotes, strict=True):
            held = quote_from(texts[doc], int(start), int(end), starts[doc]) if quote else None
            own_quote.append(None if held == quote else quote)
        columns: dict[str, Any] = {"doc": run_lengths(frame["_doc"].tolist()),
                                   "own_quote": sparse(own_quote)}
        for name in frame.columns:
            if name in EVIDENCE_TEXT or name == "_doc":
                continue
            series = frame[name]
            if name in TEXT_LIKE_QUOTE:
                values = series.astype(object).tolist()
                columns[name] = sparse([None if v == q else v
                                        for v, q in zip(values, quotes, strict=True)])
            elif name == "confidence":
                columns[name] = sparse(_values(series, lambda v: round(float(v), 3)))
            else:
                columns[name] = encode_column(series)
        records[table] = {"n": len(frame), "cols": columns}
        n_records += len(frame)

    errors = tables.errors.reset_index(drop=True)
    error_docs = [first_row.get(d, -1) if isinstance(d, str) else -1
                  for d in errors["doc_id"].astype(object).tolist()]
    error_cols = {"doc": error_docs,
                  **{c: encode_column(errors[c]) for c in errors.columns if c != "doc_id"}}

    summary = council_summary(tables)
    summary_cols = {c: encode_column(summary[c]) for c in SUMMARY_COLUMNS
                    if c in summary.columns}

    data = {
        "format": 1,
        "source": source,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "chunk": CHUNK,
        "n_docs": n_docs,
        "n_records": n_records,
        "docs": docs,
        "records": records,
        "errors": {"n": len(errors), "cols": error_cols},
        "councils": {"n": len(summary), "cols": summary_cols},
    }
    return data, texts


def _json(value: Any) -> str:
    """Compact JSON safe inside a <script> element: every `<` is escaped (so no
    `</script>` or `<!--` can end or change it); `<` only occurs inside JSON strings."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029",
                                                                             "\\u2029")


def _asset(name: str) -> str:
    return resources.files("reportmine.output").joinpath(ASSETS, name).read_text("utf-8")


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def render_html(data: dict[str, Any], texts: list[list[Any]]) -> str:
    """The page: the template with the CSS, the data, the script and then the text
    chunks, so the first view is drawn while the browser still reads the text."""
    chunks = "".join(
        f'<script type="application/json" id="rm-text-{k}">'
        f"{_json(texts[k * CHUNK:(k + 1) * CHUNK])}</script>\n"
        for k in range(math.ceil(len(texts) / CHUNK))
    )
    source = data.get("source") or "reportmine output"
    counts = (f"{data['n_docs']:,} document{'s' if data['n_docs'] != 1 else ''}, "
              f"{data['n_records']:,} records")
    values = {"TITLE": _escape(f"reportmine review: {source}"), "SOURCE": _escape(source),
              "COUNTS": _escape(counts), "CSS": _asset("report.css"),
              "DATA": f'<script type="application/json" id="rm-data">{_json(data)}</script>',
              "JS": _asset("report.js"), "TEXT": chunks}
    # One pass over the template: a placeholder-like string in the data stays as it is.
    return PLACEHOLDER.sub(lambda m: values[m[1]], _asset("report.html"))


def build_report(tables: Tables, source: str = "") -> str:
    """The review report of a run's tables as one HTML page."""
    data, texts = build_data(tables, source)
    return render_html(data, texts)


def _check_destination(dest: Path) -> None:
    if dest.is_dir():
        raise ReportError(f"{dest} is a folder: give -o a file name, e.g. {dest}/report.html")
    if not dest.parent.is_dir():
        raise ReportError(f"Cannot write {dest}: folder {dest.parent} does not exist")


def write_text_atomically(dest: Path, text: str) -> int:
    """Write to a temporary file beside `dest`, then rename: never half a report."""
    _check_destination(dest)
    data = text.encode("utf-8")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    except OSError as exc:
        raise ReportError(f"Cannot write {dest}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, dest)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ReportError(f"Cannot write {dest}: {exc.strerror or exc}") from exc
    return len(data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_report(out_dir: Path | str, dest: Path | str) -> ReportStats:
    """Read OUT_DIR (single-file or partitioned tables) and write its review report to
    `dest`. Raises `OutputError` for a folder that is not a run's output and
    `ReportError` when `dest` cannot be written."""
    started = time.perf_counter()
    dest = Path(dest)
    _check_destination(dest)  # before reading a large output
    tables = load(out_dir)
    data, texts = build_data(tables, str(out_dir))
    size = write_text_atomically(dest, render_html(data, texts))
    return ReportStats(dest, data["n_docs"], data["n_records"], size,
                       time.perf_counter() - started)


# -- `reportmine report` ---------------------------------------------------------------


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def report_command(
    out_dir: Annotated[Path, typer.Argument(help="The -o folder of `reportmine run`.")],
    output: Annotated[Path, typer.Option("-o", "--output",
                                         help="The HTML file to write.")] = Path("report.html"),
) -> None:
    """Write a run's output as one self-contained HTML page for review: a page per council
    (inspections timeline, caseloads, agency rates, vacancies and money over time) and
    every document's records with their quotes in context, filters and a search box."""
    from rich.console import Console

    from reportmine.output.cli import one_line_errors

    with one_line_errors("report"):
        try:
            stats = write_report(out_dir, output)
        except (OutputError, OSError, pa.ArrowException):
            raise
        except Exception as exc:  # noqa: BLE001 - never exit non-zero without saying why
            raise ReportError(f"{type(exc).__name__}: {exc}") from exc
    Console(stderr=True).print(
        f"wrote {stats.path} ({stats.documents:,} documents, {stats.records:,} records, "
        f"{_size(stats.bytes)}, {stats.seconds:.1f} s)", markup=False, highlight=False,
        soft_wrap=True)
