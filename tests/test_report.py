"""`reportmine report`: one self-contained HTML page for reviewing a run's output.

The builder is tested on the corpus output, a partitioned and an empty output; the page
itself in headless Chromium (Debian's package, driven over the DevTools pipe): load it,
click a filter, open a document, take a screenshot and find the highlighted evidence on
screen. The browser tests skip, saying why, only when no Chromium can be found.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import reportmine as rm
from reportmine.cli import app
from reportmine.output.report import (
    CHUNK,
    build_data,
    build_report,
    merge_spans,
    quote_from,
    run_lengths,
    sparse,
    write_report,
)
from tests.conftest import CORPUS
from tests.report_helpers import Chromium, find_chromium, replicate_output

runner = CliRunner()
RECORD_TABLES = ("inspections", "findings", "metrics", "actions")
# What the search box reads besides the quote (the page script's SEARCH_FIELDS).
SEARCHED = {"inspections": ("focus", "lead_inspector"), "findings": ("text", "section"),
            "metrics": ("subject", "period"), "actions": ("text", "owner", "due_text")}


# -- decoding the page's data as its script does -------------------------------------------


def decode(column, n: int) -> list:
    """A column of the page's data as a list of values (the script's `Columns.col`)."""
    if column is None:
        return [None] * n
    if isinstance(column, list):
        return column
    if "rle" in column:
        pairs = column["rle"]
        return [v for v, count in zip(pairs[::2], pairs[1::2], strict=True)
                for _ in range(count)]
    if "i" in column:
        out = [None] * n
        for row, value in zip(column["i"], column["x"], strict=True):
            out[row] = column["v"][value] if "v" in column else value
        return out
    return [None if c < 0 else column["v"][c] for c in column["c"]]


def page_data(html: str) -> tuple[dict, list]:
    """The `rm-data` index and the per-document text chunks embedded in a report."""
    data = json.loads(re.search(r'<script type="application/json" id="rm-data">(.*?)</script>',
                                html, re.S)[1])
    chunks = re.findall(r'<script type="application/json" id="rm-text-(\d+)">(.*?)</script>',
                        html, re.S)
    texts = [doc for _, body in sorted(chunks, key=lambda c: int(c[0]))
             for doc in json.loads(body)]
    return data, texts


def shown_quotes(data: dict, texts: list, table: str) -> list[tuple[int, str]]:
    """(document row, quote) for every record as the page shows it."""
    cols, n = data["records"][table]["cols"], data["records"][table]["n"]
    docs, starts, ends = (decode(cols[c], n) for c in ("doc", "char_start", "char_end"))
    own = decode(cols["own_quote"], n)
    return [(d, own[i] if own[i] is not None else quote_from(texts[d], starts[i], ends[i]))
            for i, d in enumerate(docs)]


@pytest.fixture(scope="module")
def corpus_report(corpus_out, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    write_report(corpus_out, path)
    return path


# -- the builder ----------------------------------------------------------------------------


def test_quotes_are_merged_by_offset_where_they_agree():
    text = "Caseloads fell to 18. Agency use is 22%. Vacancies remain."
    spans = [(0, 21, text[0:21]), (18, 21, text[18:21]), (22, 40, text[22:40]),
             (21, 22, " "), (46, 56, "XXXXXXXXXX"), (45, 58, text[45:58]), (3, 9, "bad")]
    fragments = merge_spans(spans)
    # 0-21, the space and 22-40 join; 45-58 stands alone (a gap before it); the quote
    # whose length is not its span is left out.
    assert fragments == [[0, text[0:40]], [45, text[45:58]]]
    assert quote_from(fragments, 18, 21) == "18."
    assert quote_from(fragments, 46, 56) == text[46:56]  # the disagreeing quote is not held
    assert quote_from(fragments, 40, 46) is None  # nothing invented for the gap


def test_columns_are_stored_compactly():
    assert run_lengths([0, 0, 0, 2, 2, 5]) == {"rle": [0, 3, 2, 2, 5, 1]}
    assert sparse([None] * 5) is None
    assert sparse([None, None, 3, None, None, None, None]) == {"i": [2], "x": [3]}
    assert sparse([1, 2, None]) == [1, 2, None]
    assert sparse({"v": ["a", "b"], "c": [-1, -1, -1, 1, -1, -1, -1]}) == \
        {"i": [3], "x": [1], "v": ["a", "b"]}


def test_every_record_is_in_the_page_with_its_exact_quote(corpus_out, corpus_report):
    data, texts = page_data(corpus_report.read_text("utf-8"))
    t = rm.load(corpus_out)
    assert data["n_docs"] == len(t.documents) == len(texts)
    doc_ids = decode(data["docs"]["doc_id"], data["n_docs"])
    assert doc_ids == t.documents["doc_id"].tolist()
    for table in RECORD_TABLES:
        expected = sorted(zip(t[table]["doc_id"], t[table]["quote"], strict=True))
        shown = sorted((doc_ids[d], q) for d, q in shown_quotes(data, texts, table))
        assert shown == expected, table
    # Each document's text is only what its records quote: nothing else is embedded.
    for row, fragments in enumerate(texts):
        quotes = [q for table in RECORD_TABLES
                  for q in t[table].loc[t[table]["doc_id"] == doc_ids[row], "quote"]]
        covered = sum(len(text) for _, text in fragments)
        assert covered <= sum(len(q) for q in quotes)
        for _, text in fragments:
            assert any(q in text for q in quotes)


def test_vocabularies_dates_and_fields_round_trip(corpus_out):
    t = rm.load(corpus_out)
    data, _ = build_data(t)
    metrics = data["records"]["metrics"]
    n = metrics["n"]
    assert sorted(decode(metrics["cols"]["value"], n)) == sorted(t.metrics["value"].tolist())
    assert metrics["cols"]["metric"]["v"] == list(t.metrics["metric"].cat.categories)
    dates = decode(data["docs"]["meeting_date"], data["n_docs"])
    assert "2022-06-09" in dates and None in dates
    councils = decode(data["councils"]["cols"]["council"], data["councils"]["n"])
    assert councils == rm.council_summary(t)["council"].tolist()


def test_the_page_is_self_contained(corpus_report):
    html = corpus_report.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    # Nothing is fetched: no external scripts, styles, fonts, images or frames. (The
    # embedded data is left out of the search: a quote may name a web site.)
    code = _page_code(html)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", code, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", code, re.I)
    assert not re.search(r"<link\b|<iframe\b|<img\b|@import|url\(|fetch\(|XMLHttpRequest",
                         code, re.I)
    assert "http://" not in code and "https://" not in code
    # The data is embedded once and inert: every script element is one the page made.
    n_scripts = 1 + 1 + -(-7 // CHUNK)  # rm-data, the code, the text chunks
    assert html.count("<script") == html.count("</script>") == n_scripts


def _page_code(html: str) -> str:
    """The page without its data (quotes may name web sites; the page fetches none)."""
    return re.sub(r'<script type="application/json".*?</script>', "", html, flags=re.S)


def test_text_that_looks_like_markup_stays_data(corpus_out, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for part in corpus_out.glob("*.parquet"):
        (out / part.name).write_bytes(part.read_bytes())
    docs = pq.read_table(out / "documents.parquet")
    evil = "</script><script>alert(1)</script> {{JS}} <!-- \u2028"
    titles = [evil] + docs.column("title").to_pylist()[1:]
    docs = docs.set_column(docs.schema.get_field_index("title"), "title",
                           pa.array(titles, pa.string()))
    pq.write_table(docs, out / "documents.parquet")
    html = build_report(rm.load(out), str(out))
    assert html.count("</script>") == 1 + 1 + 1
    data, _ = page_data(html)
    assert decode(data["docs"]["title"], data["n_docs"])[0] == evil


def test_partitioned_output_gives_the_same_page_data(corpus_out, partitioned_out):
    single, single_texts = build_data(rm.load(corpus_out))
    parts, parts_texts = build_data(rm.load(partitioned_out))
    for data in (single, parts):
        data.pop("generated")
    assert single == parts and single_texts == parts_texts


def test_an_empty_output_gives_a_page(empty_out, tmp_path):
    stats = write_report(empty_out, tmp_path / "empty.html")
    assert stats.documents == 0 and stats.records == 0
    data, texts = page_data((tmp_path / "empty.html").read_text("utf-8"))
    assert data["n_docs"] == 0 and texts == []


@pytest.fixture(scope="module")
def failing_out(tmp_path_factory) -> Path:
    """A run over one good paper, an empty file and binary garbage."""
    root = tmp_path_factory.mktemp("failing")
    papers = root / "papers"
    papers.mkdir()
    shutil.copy(CORPUS / "seeds" / "002_e530111136602889.txt", papers)
    (papers / "empty.txt").write_bytes(b"")
    (papers / "garbage.txt").write_bytes(b"abc\0\0\0def")
    result = runner.invoke(app, ["run", str(papers), "-o", str(root / "out"), "-q", "-j", "0"])
    assert result.exit_code == 0, result.output
    return root / "out"


def test_errors_belong_to_their_failed_papers(failing_out):
    data, _ = build_data(rm.load(failing_out))
    n, errors = data["errors"]["n"], data["errors"]["cols"]
    paths = decode(data["docs"]["source_path"], data["n_docs"])
    statuses = decode(data["docs"]["status"], data["n_docs"])
    assert n == 2
    for doc, path in zip(errors["doc"], decode(errors["source_path"], n), strict=True):
        assert paths[doc] == path and statuses[doc] == "failed"


def test_size_grows_linearly_with_the_documents(corpus_out, empty_out, tmp_path):
    base = len(build_report(rm.load(empty_out)).encode())
    sizes = {}
    for n in (100, 200):
        out = replicate_output(corpus_out, tmp_path / f"out-{n}", n)
        sizes[n] = len(build_report(rm.load(out)).encode()) - base
    assert 1.85 < sizes[200] / sizes[100] < 2.15, sizes


# -- the command ----------------------------------------------------------------------------


def test_report_command_writes_the_page(corpus_out, tmp_path):
    dest = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(corpus_out), "-o", str(dest)])
    assert result.exit_code == 0, result.output
    assert f"wrote {dest} (7 documents" in result.stderr
    assert dest.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".report.html.*"))  # no temporary file left


@pytest.mark.parametrize("case", ["missing", "not_output", "no_folder", "is_folder"])
def test_report_command_fails_with_one_line(case, corpus_out, tmp_path):
    out, dest = corpus_out, tmp_path / "r.html"
    reason = {"missing": "Output folder not found", "not_output": "has no documents table",
              "no_folder": "does not exist", "is_folder": "is a folder"}[case]
    if case == "missing":
        out = tmp_path / "nope"
    elif case == "not_output":
        out = tmp_path / "plain"
        out.mkdir()
    elif case == "no_folder":
        dest = tmp_path / "no" / "such" / "r.html"
    else:
        dest = tmp_path
    result = runner.invoke(app, ["report", str(out), "-o", str(dest)])
    assert result.exit_code == 1
    assert result.stderr.startswith("report failed: ") and reason in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write anywhere: a folder's mode stops nothing")
def test_report_command_says_when_it_may_not_write(corpus_out, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = runner.invoke(app, ["report", str(corpus_out), "-o", str(locked / "r.html")])
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 1
    assert "report failed: Cannot write" in result.stderr and "ermission denied" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# -- the page in headless Chromium -----------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set $CHROMIUM): the "
                    "report's browser tests need one")
    with Chromium(executable) as chromium:
        yield chromium


@pytest.fixture
def browser(chromium):
    """The browser, for one test; the page must throw no exception during it."""
    yield chromium
    assert chromium.exceptions() == []


def open_page(browser: Chromium, path: Path, fragment: str = "") -> None:
    browser.navigate(path.resolve().as_uri() + fragment)
    browser.wait_for("document.body.dataset.ready === '1' && document.readyState === 'complete'")


def visible_marks(browser: Chromium, selector: str = "mark") -> list[dict]:
    """The marks the user can see: inside the viewport, with a size, and on top (the
    element at the middle of their first line is the mark itself, not a bar drawn over
    it)."""
    return browser.evaluate(f"""(() => Array.from(document.querySelectorAll({json.dumps(selector)}))
      .map(m => {{ const box = m.getBoundingClientRect(), line = m.getClientRects()[0];
        const top = line && document.elementFromPoint(line.left + line.width / 2,
                                                      line.top + line.height / 2);
        return {{text: m.textContent, w: box.width, h: box.height, top: box.top,
                bottom: box.bottom, onTop: !!top && (top === m || m.contains(top))}}; }})
      .filter(m => m.w > 0 && m.h > 0 && m.top >= 0 && m.bottom <= innerHeight && m.onTop))()""")


def doc_count(browser: Chromium) -> int:
    return browser.evaluate("document.querySelectorAll('#rm-main .doc').length")


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_filter_open_a_document_and_see_the_evidence(browser, corpus_out, corpus_report,
                                                     tmp_path):
    t = rm.load(corpus_out)
    metrics = t.joined("metrics")
    caseloads = metrics[metrics["metric"] == "caseload"]
    open_page(browser, corpus_report)
    assert doc_count(browser) == len(t.documents)
    timing = browser.evaluate("performance.getEntriesByName('rm-first-render')[0].startTime")
    assert timing > 0

    # Click the "Metrics" filter with the mouse: only papers with metrics are listed.
    browser.click_selector('#rm-filters button[data-table="metrics"]')
    browser.wait_for("document.body.dataset.rendered === '#table=metrics'")
    assert doc_count(browser) == metrics["doc_id"].nunique()
    # Choose a metric, as picking from the list does.
    browser.evaluate("""(() => { const s = document.querySelector('select[name=metric]');
        s.value = 'caseload'; s.dispatchEvent(new Event('change', {bubbles: true})); })()""")
    browser.wait_for("document.body.dataset.rendered === '#table=metrics&metric=caseload'")
    assert doc_count(browser) == caseloads["doc_id"].nunique()

    # Open the first paper listed with a mouse click on its heading.
    first = browser.evaluate("document.querySelector('#rm-main .doc').id.slice(4)")
    browser.click_selector("#rm-main .doc .doc-head")
    browser.wait_for("!!document.querySelector('#rm-main .doc .doc-body:not([hidden]) mark')")
    screenshot = browser.screenshot(tmp_path / "report-caseload.png")
    assert png_size(screenshot) == (1280, 900)
    (tmp_path / "report-caseload.dom.html").write_text(
        browser.evaluate("document.documentElement.outerHTML"), "utf-8")

    expected = set(caseloads.loc[caseloads["doc_id"] == first, "quote"])
    shown = visible_marks(browser, "#rm-main .doc-body mark")
    assert shown, f"no highlighted evidence visible; see {screenshot}"
    assert {m["text"] for m in shown} <= expected
    # Only the caseload records of the paper are listed, each with its page or none.
    records = browser.evaluate("document.querySelectorAll('#rm-main .doc-body .rec').length")
    assert records == len(caseloads[caseloads["doc_id"] == first])
    pages = caseloads.loc[caseloads["doc_id"] == first, "page"]
    where = browser.evaluate("document.querySelector('#rm-main .rec .where').textContent")
    assert where.startswith("unpaginated" if pages.isna().all() else f"page {pages.iloc[0]}")


def test_a_record_address_opens_its_document_at_the_record(browser, corpus_out,
                                                           corpus_report, tmp_path):
    data, texts = page_data(corpus_report.read_text("utf-8"))
    quotes = shown_quotes(data, texts, "metrics")
    row = max(range(len(quotes)), key=lambda i: quotes[i][0])  # a record far down a page
    doc_id = decode(data["docs"]["doc_id"], data["n_docs"])[quotes[row][0]]
    open_page(browser, corpus_report, f"#doc={doc_id}&rec=metrics:{row}")
    browser.wait_for(f"!!document.getElementById('rec-metrics-{row}')")
    marks = visible_marks(browser, f"#rec-metrics-{row} mark")
    browser.screenshot(tmp_path / "report-record.png")
    assert [m["text"] for m in marks] == [quotes[row][1]]


def test_search_box_finds_quotes(browser, corpus_out, corpus_report):
    open_page(browser, corpus_report)
    browser.click_selector("#rm-filters input[name=q]")
    browser.send("Input.insertText", {"text": "agency"}, session=True)
    browser.wait_for("document.body.dataset.rendered === '#q=agency'")
    t = rm.load(corpus_out)
    hits = set()
    for table, fields in SEARCHED.items():
        frame = t[table]
        for column in ("quote", *fields):
            found = frame[column].astype("string").str.lower().str.contains("agency")
            hits |= set(frame.loc[found.fillna(False).astype(bool), "doc_id"])
    docs = t.documents
    for column in ("title", "source_path", "council", "committee"):
        found = docs[column].astype("string").str.lower().str.contains("agency")
        hits |= set(docs.loc[found.fillna(False).astype(bool), "doc_id"])
    assert hits and doc_count(browser) == len(hits)
    browser.click_selector("#rm-main .doc .doc-head")
    marks = browser.evaluate("Array.from(document.querySelectorAll('#rm-main mark'))"
                             ".map(m => m.textContent)")
    assert marks and all("agency" in m.lower() for m in marks)


def test_a_council_page_charts_its_figures(browser, corpus_out, corpus_report, tmp_path):
    metrics = rm.load(corpus_out).joined("metrics")
    council = "Blackburn with Darwen"
    dated = metrics[(metrics["council"] == council) & metrics["meeting_date"].notna()]
    open_page(browser, corpus_report, "#council=" + council.replace(" ", "+"))
    browser.screenshot(tmp_path / "report-council.png")
    points = browser.evaluate("""Object.fromEntries(Array.from(
        document.querySelectorAll('.chart[data-metric]')).map(c =>
        [c.dataset.metric, c.querySelectorAll('circle').length]))""")
    for metric in ("caseload", "money"):
        assert points.get(metric, 0) == (dated["metric"] == metric).sum(), metric
    assert browser.evaluate("document.querySelectorAll('.timeline circle').length") >= 1
    rows = browser.evaluate("document.querySelectorAll('#rm-inspections tbody tr').length")
    assert rows >= 1


def test_empty_and_partitioned_outputs_open(browser, empty_out, partitioned_out, tmp_path):
    write_report(empty_out, tmp_path / "empty.html")
    open_page(browser, tmp_path / "empty.html")
    assert "holds no documents" in browser.evaluate("document.getElementById('rm-main')"
                                                    ".textContent")
    write_report(partitioned_out, tmp_path / "parts.html")
    open_page(browser, tmp_path / "parts.html")
    assert doc_count(browser) == 7


def test_errors_are_listed_and_shown_with_their_paper(browser, failing_out, tmp_path):
    write_report(failing_out, tmp_path / "failing.html")
    open_page(browser, tmp_path / "failing.html", "#view=errors")
    assert browser.evaluate("document.querySelectorAll('#rm-main tbody tr').length") == 2
    assert browser.evaluate("document.querySelector('#rm-nav [data-view=errors]')"
                            ".textContent") == "Errors (2)"
    browser.click_selector("#rm-main tbody a")  # a failed paper, from its error
    browser.wait_for("document.body.dataset.rendered.startsWith('#doc=')")
    body = browser.evaluate("document.querySelector('#rm-main .doc-body').textContent")
    assert "load / " in body and "No records were extracted" in body


@pytest.mark.slow
def test_a_thousand_documents_are_paged(browser, corpus_out, tmp_path):
    out = replicate_output(corpus_out, tmp_path / "out", 1000)
    write_report(out, tmp_path / "many.html")
    open_page(browser, tmp_path / "many.html")
    assert doc_count(browser) == 50
    status = browser.evaluate("document.getElementById('rm-status').textContent")
    assert status.startswith("1,000 documents")
    browser.click_selector(".pager button[data-page='2']")
    browser.wait_for("document.body.dataset.rendered === '#page=2'")
    assert doc_count(browser) == 50
    browser.click_selector("#rm-main .doc .doc-head")
    assert visible_marks(browser, "#rm-main .doc-body mark")
