/* reportmine review report: the page's own script (no libraries, nothing fetched).
 *
 * The data is in JSON script elements: `rm-data` (documents, record
 * fields, errors, council summary; columns of values or {v: values, c: codes}) and
 * `rm-text-K` (for each document, the stretches of its text its records quote:
 * [[start, text], ...]), parsed only when needed. Pages are drawn from the URL's hash
 * (#council=..&table=..&metric=..&theme=..&polarity=..&q=..&page=..&doc=..&rec=..), so
 * every view has an address and the back button works.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 50;
  var ERROR_PAGE_SIZE = 100;
  var CONTEXT = 220; // characters of held text shown on each side of a quote
  var TABLES = ["inspections", "findings", "metrics", "actions"];
  var NO_COUNCIL = "~";
  var DAY = 86400000;
  var CHART_METRICS = [
    ["caseload", "Caseloads"], ["agency_rate", "Agency staff"],
    ["vacancies", "Vacancies"], ["money", "Money"]
  ];
  var TYPE_LABELS = {
    ilacs_standard: "ILACS standard", ilacs_short: "ILACS short", ilacs: "ILACS",
    focused_visit: "Focused visit", monitoring_visit: "Monitoring visit", jtai: "JTAI",
    send_area: "Area SEND", sif: "SIF", other: "Other inspection"
  };
  var TYPE_SHORT = {
    ilacs_standard: "ILACS", ilacs_short: "ILACS", ilacs: "ILACS", focused_visit: "FV",
    monitoring_visit: "MV", jtai: "JTAI", send_area: "SEND", sif: "SIF", other: "other"
  };
  var GRADE_FIELDS = [
    ["judgement", "Overall"], ["judgement_leaders", "Leaders"],
    ["judgement_help_protection", "Help and protection"], ["judgement_in_care", "In care"],
    ["judgement_care_leavers", "Care leavers"], ["outcome", "SEND outcome"]
  ];
  var UNIT_LABELS = { cases_per_worker: "cases per worker", percent: "%", gbp: "£", count: "" };
  var PALETTE = ["#1f5fa8", "#d1495b", "#2e933c", "#edae49", "#7d5ba6", "#00798c",
                 "#8c564b", "#e377c2", "#5d6773", "#bcbd22"];

  // -- data ------------------------------------------------------------------------------

  function mark(name) { if (window.performance && performance.mark) performance.mark(name); }
  mark("rm-script");
  var D = JSON.parse(document.getElementById("rm-data").textContent);
  mark("rm-parsed");

  // A column is stored as: null (all null); an array of values; {v: values, c: codes}
  // (codes into v, -1 for null); {i: rows, x: values} or {i: rows, x: codes, v: values}
  // (the non-null rows only); or {rle: [value, count, value, count, ...]}.
  function Columns(raw, n) {
    this.n = n;
    this.raw = raw || {};
    this.cache = {};
    this.codeCache = {};
  }
  Columns.prototype.col = function (name) {
    if (!(name in this.cache)) {
      var c = this.raw[name], n = this.n, out, i, k;
      if (c == null) {
        out = new Array(n).fill(null);
      } else if (Array.isArray(c)) {
        out = c;
      } else if (c.rle) {
        out = new Array(n);
        for (i = 0, k = 0; i < c.rle.length; i += 2) {
          for (var j = 0; j < c.rle[i + 1]; j++) out[k++] = c.rle[i];
        }
      } else if (c.i) {
        out = new Array(n).fill(null);
        for (i = 0; i < c.i.length; i++) out[c.i[i]] = c.v ? c.v[c.x[i]] : c.x[i];
      } else {
        var codes = this.codes(name);
        out = new Array(n);
        for (i = 0; i < n; i++) out[i] = codes[i] < 0 ? null : c.v[codes[i]];
      }
      this.cache[name] = out;
    }
    return this.cache[name];
  };
  Columns.prototype.vocab = function (name) {
    var c = this.raw[name];
    return c && c.v ? c.v : null;
  };
  // The codes of a vocabulary column (-1 for null), for filtering without strings.
  Columns.prototype.codes = function (name) {
    if (!(name in this.codeCache)) {
      var c = this.raw[name], out;
      if (c && c.c) out = c.c;
      else {
        out = new Int32Array(this.n).fill(-1);
        if (c && c.i) for (var i = 0; i < c.i.length; i++) out[c.i[i]] = c.x[i];
      }
      this.codeCache[name] = out;
    }
    return this.codeCache[name];
  };

  var docs = new Columns(D.docs, D.n_docs);
  var N = D.n_docs;
  var recs = {};
  TABLES.forEach(function (t) {
    var r = D.records[t] || { n: 0, cols: {} };
    recs[t] = new Columns(r.cols, r.n);
  });
  var errs = new Columns(D.errors.cols, D.errors.n);
  var councilRows = new Columns(D.councils.cols, D.councils.n);

  // Each table's records grouped by document: order[start[d] .. start[d+1]) are doc d's.
  var byDoc = {};
  TABLES.forEach(function (t) {
    var docCol = recs[t].col("doc"), n = recs[t].n;
    var start = new Int32Array(N + 1), order = new Int32Array(n), fill;
    for (var i = 0; i < n; i++) start[docCol[i] + 1]++;
    for (var d = 0; d < N; d++) start[d + 1] += start[d];
    fill = start.slice(0, N);
    for (var j = 0; j < n; j++) order[fill[docCol[j]]++] = j;
    byDoc[t] = { start: start, order: order };
  });
  function docRecords(t, d) {
    var g = byDoc[t];
    return g.order.subarray(g.start[d], g.start[d + 1]);
  }
  var errorsByDoc = {};
  errs.col("doc").forEach(function (d, i) {
    if (d >= 0) (errorsByDoc[d] = errorsByDoc[d] || []).push(i);
  });

  var docId = docs.col("doc_id"), docCouncil = docs.col("council"),
      docDate = docs.col("meeting_date"), docTitle = docs.col("title"),
      docPath = docs.col("source_path"), docSameAs = docs.col("same_as");
  var docIndex = {};
  for (var di = N - 1; di >= 0; di--) docIndex[docId[di]] = di;

  // Documents per council, by meeting date (undated last), then output order.
  var councilDocs = {};
  for (var cd = 0; cd < N; cd++) {
    var key = docCouncil[cd] == null ? NO_COUNCIL : docCouncil[cd];
    (councilDocs[key] = councilDocs[key] || []).push(cd);
  }
  Object.keys(councilDocs).forEach(function (k) {
    councilDocs[k].sort(function (a, b) {
      var x = docDate[a], y = docDate[b];
      if (x === y) return a - b;
      if (x == null) return 1;
      if (y == null) return -1;
      return x < y ? -1 : 1;
    });
  });
  var allDocs = [];
  for (var ad = 0; ad < N; ad++) allDocs.push(ad);
  mark("rm-indexed");

  // -- text chunks -------------------------------------------------------------------------

  // The text comes after this script in the file: the first view is drawn while the
  // browser is still reading it, and what needs it waits for the whole page.
  function textReady() { return document.readyState !== "loading"; }
  function whenTextReady(then) {
    if (textReady()) then();
    else document.addEventListener("DOMContentLoaded", then, { once: true });
  }
  var chunks = {};
  function chunk(k) {
    if (!(k in chunks)) {
      var el = document.getElementById("rm-text-" + k);
      if (!el && !textReady()) return [];
      chunks[k] = el ? JSON.parse(el.textContent) : [];
    }
    return chunks[k];
  }
  function fragments(d) {
    return chunk(Math.floor(d / D.chunk))[d % D.chunk] || [];
  }
  function quoteOf(t, r) {
    var own = recs[t].col("own_quote")[r];
    if (own != null) return own;
    var s = recs[t].col("char_start")[r], e = recs[t].col("char_end")[r];
    var f = fragmentAt(fragments(recs[t].col("doc")[r]), s, e);
    return f ? f[1].slice(s - f[0], e - f[0]) : "";
  }
  function fragmentAt(frags, s, e) {
    for (var i = 0; i < frags.length; i++) {
      if (frags[i][0] <= s && e <= frags[i][0] + frags[i][1].length) return frags[i];
    }
    return null;
  }
  // For the search box: each document's held text, lower-cased, built once.
  var blobs = null;
  function textBlobs() {
    if (blobs) return blobs;
    blobs = new Array(N);
    for (var d = 0; d < N; d++) {
      blobs[d] = fragments(d).map(function (f) { return f[1]; }).join("\n").toLowerCase();
    }
    TABLES.forEach(function (t) {
      var own = recs[t].col("own_quote"), dc = recs[t].col("doc");
      for (var r = 0; r < own.length; r++) {
        if (own[r] != null) blobs[dc[r]] += "\n" + own[r].toLowerCase();
      }
    });
    return blobs;
  }

  // -- helpers -----------------------------------------------------------------------------

  function esc(s) {
    return String(s == null ? "" : s).replace(/&/g, "&amp;").replace(/</g, "&lt;")
      .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function words(s) { return s == null ? "" : String(s).replace(/_/g, " "); }
  function plural(n, one, many) { return n.toLocaleString("en-GB") + " " + (n === 1 ? one : (many || one + "s")); }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function fmtDate(iso) {
    if (!iso) return "";
    var p = iso.split("-");
    return +p[2] + " " + MONTHS[+p[1] - 1] + " " + p[0];
  }
  function dateMs(iso) { return iso ? Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) : null; }
  function num(v) {
    return v == null ? "" : v.toLocaleString("en-GB", { maximumFractionDigits: 2 });
  }
  function fmtValue(v, unit) {
    if (v == null) return "";
    if (unit === "gbp") return "£" + num(v);
    if (unit === "percent") return num(v) + "%";
    if (unit === "cases_per_worker") return num(v) + " per worker";
    return num(v);
  }
  function shortValue(v, unit) {
    if (unit === "gbp") {
      var a = Math.abs(v);
      if (a >= 1e9) return "£" + +(v / 1e9).toFixed(1) + "bn";
      if (a >= 1e6) return "£" + +(v / 1e6).toFixed(1) + "m";
      if (a >= 1e3) return "£" + +(v / 1e3).toFixed(0) + "k";
      return "£" + v;
    }
    if (unit === "percent") return +v.toFixed(1) + "%";
    return String(+v.toFixed(1));
  }
  function gradeBadge(g) {
    return g ? '<span class="grade ' + esc(g) + '">' + esc(words(g)) + "</span>" : '<span class="muted">–</span>';
  }
  function field(label, value) {
    return value == null || value === "" ? "" : ' <span class="k">' + esc(label) + ":</span> " + esc(value);
  }
  function docLabel(d) { return docTitle[d] || docPath[d] || docId[d]; }
  function councilKey(c) { return c == null ? NO_COUNCIL : c; }
  function councilName(k) { return k === NO_COUNCIL ? "Council not identified" : k; }

  // -- state (the URL hash) ----------------------------------------------------------------

  var KEYS = ["view", "council", "table", "metric", "theme", "polarity", "q", "page", "doc", "rec"];
  function readState() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var st = {};
    KEYS.forEach(function (k) { st[k] = p.get(k) || ""; });
    st.page = Math.max(1, parseInt(st.page, 10) || 1);
    if (st.metric) st.table = "metrics";
    else if (st.theme || st.polarity) st.table = "findings";
    if (TABLES.indexOf(st.table) < 0) st.table = "";
    return st;
  }
  function hashOf(st) {
    var p = new URLSearchParams();
    KEYS.forEach(function (k) {
      var v = st[k];
      if (k === "page" && v === 1) return;
      if (v) p.set(k, v);
    });
    var s = p.toString();
    return s ? "#" + s : "#";
  }
  function go(patch) {
    var st = readState();
    Object.keys(patch).forEach(function (k) { st[k] = patch[k]; });
    var h = hashOf(st);
    if (h === (location.hash || "#")) render();
    else location.hash = h;
  }

  // -- filtering ---------------------------------------------------------------------------

  var SEARCH_FIELDS = {
    inspections: ["focus", "lead_inspector"], findings: ["text", "section"],
    metrics: ["subject", "period"], actions: ["text", "owner", "due_text"]
  };
  function makeFilter(st) {
    var q = st.q.trim().toLowerCase();
    var f = {
      q: q, tables: st.table ? [st.table] : TABLES,
      narrowed: !!(st.table || st.metric || st.theme || st.polarity),
      metric: codeOf("metrics", "metric", st.metric), theme: codeOf("findings", "theme", st.theme),
      polarity: codeOf("findings", "polarity", st.polarity)
    };
    f.active = f.narrowed || !!q;
    if (q) f.blobs = textBlobs();
    return f;
  }
  function codeOf(t, name, value) {
    if (!value) return null;
    var v = recs[t].vocab(name);
    var i = v ? v.indexOf(value) : -1;
    return i; // -1: a value the output does not hold matches nothing
  }
  function docMatchesQuery(d, q) {
    return [docTitle[d], docPath[d], docCouncil[d], docs.col("committee")[d], docId[d]]
      .some(function (s) { return s != null && String(s).toLowerCase().indexOf(q) >= 0; });
  }
  function recordPasses(t, r, f, docHit, textHit) {
    if (t === "metrics" && f.metric !== null && recs.metrics.codes("metric")[r] !== f.metric) return false;
    if (t === "findings") {
      if (f.theme !== null && recs.findings.codes("theme")[r] !== f.theme) return false;
      if (f.polarity !== null && recs.findings.codes("polarity")[r] !== f.polarity) return false;
    }
    if (!f.q || docHit) return true;
    if (textHit && quoteOf(t, r).toLowerCase().indexOf(f.q) >= 0) return true;
    return SEARCH_FIELDS[t].some(function (name) {
      var v = recs[t].col(name)[r];
      return v != null && String(v).toLowerCase().indexOf(f.q) >= 0;
    });
  }
  // Which of `scope`'s documents the filter keeps, with their matching records per table.
  function filterDocs(scope, f) {
    var out = [];
    for (var i = 0; i < scope.length; i++) {
      var d = scope[i];
      var docHit = !!f.q && docMatchesQuery(d, f.q);
      var textHit = !!f.q && f.blobs[d].indexOf(f.q) >= 0;
      var hits = {}, total = 0;
      for (var k = 0; k < f.tables.length; k++) {
        var t = f.tables[k], rs = docRecords(t, d), list = [];
        for (var j = 0; j < rs.length; j++) {
          if (!f.active || recordPasses(t, rs[j], f, docHit, textHit)) list.push(rs[j]);
        }
        hits[t] = list;
        total += list.length;
      }
      if (!f.active || total > 0 || (docHit && !f.narrowed)) out.push({ d: d, hits: hits, total: total });
    }
    return out;
  }

  // -- rendering: shell, side bar, filter bar ----------------------------------------------

  var main = document.getElementById("rm-main");
  var side = document.getElementById("rm-side");
  var openDocs = {};
  var sideFilter = "";

  function renderSide(st) {
    var keys = Object.keys(councilDocs).sort(function (a, b) {
      if (a === NO_COUNCIL) return 1;
      if (b === NO_COUNCIL) return -1;
      return a.localeCompare(b, "en", { numeric: true });
    });
    var q = sideFilter.toLowerCase();
    var html = '<h2>Councils (' + keys.filter(function (k) { return k !== NO_COUNCIL; }).length + ')</h2>' +
      '<input type="search" id="rm-side-filter" placeholder="Find a council" value="' + esc(sideFilter) + '">';
    keys.forEach(function (k) {
      if (q && councilName(k).toLowerCase().indexOf(q) < 0) return;
      html += '<a href="' + esc(hashOf({ council: k, page: 1 })) + '"' + (st.council === k ? ' class="on"' : "") +
        ">" + esc(councilName(k)) + " <span>" + councilDocs[k].length + "</span></a>";
    });
    side.innerHTML = html;
    var input = document.getElementById("rm-side-filter");
    input.addEventListener("input", function () {
      sideFilter = input.value;
      renderSide(readState());
      var again = document.getElementById("rm-side-filter");
      again.focus();
      again.setSelectionRange(again.value.length, again.value.length);
    });
  }

  function options(values, selected, allLabel) {
    var html = '<option value="">' + esc(allLabel) + "</option>";
    (values || []).forEach(function (v) {
      html += '<option value="' + esc(v) + '"' + (v === selected ? " selected" : "") + ">" + esc(words(v)) + "</option>";
    });
    return html;
  }
  function filterBar(st) {
    var seg = '<span class="seg" role="group" aria-label="Table">' +
      ["", "inspections", "findings", "metrics", "actions"].map(function (t) {
        return '<button type="button" data-table="' + t + '"' + (st.table === t ? ' class="on" aria-pressed="true"' : ' aria-pressed="false"') +
          ">" + (t ? t[0].toUpperCase() + t.slice(1) : "All records") + "</button>";
      }).join("") + "</span>";
    return '<form class="filters" id="rm-filters" onsubmit="return false">' + seg +
      '<label>Metric <select name="metric">' + options(recs.metrics.vocab("metric"), st.metric, "any") + "</select></label>" +
      '<label>Theme <select name="theme">' + options(recs.findings.vocab("theme"), st.theme, "any") + "</select></label>" +
      '<label>Polarity <select name="polarity">' + options(recs.findings.vocab("polarity"), st.polarity, "any") + "</select></label>" +
      '<input type="search" name="q" placeholder="Search quotes, titles, councils…" aria-label="Search" value="' + esc(st.q) + '">' +
      (st.table || st.metric || st.theme || st.polarity || st.q ? '<button type="button" data-clear="1">Clear</button>' : "") +
      "</form>";
  }
  var refocusSearch = false;
  function wireFilters() {
    var form = document.getElementById("rm-filters");
    if (!form) return;
    form.addEventListener("click", function (ev) {
      var b = ev.target.closest("button");
      if (!b) return;
      if (b.hasAttribute("data-clear")) {
        go({ table: "", metric: "", theme: "", polarity: "", q: "", page: 1 });
      } else if (b.hasAttribute("data-table")) {
        var t = b.getAttribute("data-table"), st = readState();
        go({ table: t, metric: t === "metrics" ? st.metric : "", theme: t === "findings" ? st.theme : "",
             polarity: t === "findings" ? st.polarity : "", page: 1 });
      }
    });
    form.addEventListener("change", function (ev) {
      var el = ev.target, patch = { page: 1 };
      if (el.name === "metric") { patch.metric = el.value; if (el.value) { patch.table = "metrics"; patch.theme = ""; patch.polarity = ""; } }
      else if (el.name === "theme" || el.name === "polarity") {
        patch[el.name] = el.value;
        if (el.value) { patch.table = "findings"; patch.metric = ""; }
      } else return;
      go(patch);
    });
    var q = form.querySelector("input[name=q]"), timer = null;
    if (refocusSearch) { // typing goes on in the redrawn box
      refocusSearch = false;
      q.focus();
      q.setSelectionRange(q.value.length, q.value.length);
    }
    function search() {
      clearTimeout(timer);
      if (q.value === readState().q) return;
      refocusSearch = document.activeElement === q;
      var value = q.value;
      if (value.trim() && !blobs) { // the first search reads every document's text once
        var status = document.getElementById("rm-status");
        if (status) status.textContent = "Searching the text of " + plural(N, "document") + "…";
        setTimeout(function () { go({ q: value, page: 1 }); }, 30);
      } else {
        go({ q: value, page: 1 });
      }
    }
    q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 350); });
    q.addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(); });
  }

  // -- rendering: documents -------------------------------------------------------------------

  function badges(d, hits, f) {
    var html = "";
    TABLES.forEach(function (t) {
      var n = f.active ? (hits[t] ? hits[t].length : 0) : docRecords(t, d).length;
      if (n) html += '<span class="badge">' + plural(n, t.replace(/s$/, ""), t) + "</span>";
    });
    var status = docs.col("status")[d];
    if (status && status !== "ok") html += '<span class="badge ' + esc(status) + '">' + esc(status) + "</span>";
    var e = errorsByDoc[d];
    if (e) html += '<span class="badge error">' + plural(e.length, "error") + "</span>";
    if (docSameAs[d] != null) html += '<span class="badge">same file as ' + esc(docPath[docSameAs[d]]) + "</span>";
    return html;
  }
  function docMeta(d) {
    var parts = [councilName(councilKey(docCouncil[d])), docs.col("committee")[d],
                 docDate[d] ? fmtDate(docDate[d]) : "no meeting date", words(docs.col("doc_kind")[d]), docPath[d]];
    return parts.filter(function (p) { return p; }).map(esc).join(" · ");
  }
  function docCard(item, f, open) {
    var d = item.d;
    return '<section class="doc" id="doc-' + esc(docId[d]) + '" data-doc="' + d + '">' +
      '<button type="button" class="doc-head" aria-expanded="' + (open ? "true" : "false") + '">' +
      '<div class="doc-title">' + esc(docLabel(d)) + "</div>" +
      '<div class="doc-meta">' + docMeta(d) + "</div><div>" + badges(d, item.hits, f) + "</div></button>" +
      '<div class="doc-body"' + (open ? "" : " hidden") + ">" + (open ? docBody(item, f) : "") + "</div></section>";
  }
  function docBody(item, f) {
    var d = item.d, html = '<div class="facts">';
    var pages = docs.col("n_pages")[d];
    html += "<b>" + esc(docId[d]) + "</b> · " + esc(docs.col("source_format")[d] || "") + " · " +
      (pages ? plural(pages, "page") : "unpaginated") + " · " + plural(docs.col("n_chars")[d] || 0, "character") +
      (docs.col("council_source")[d] === "path" ? " · council read from the file's path" : "") +
      (docs.col("meeting_date_source")[d] === "path" ? " · meeting date read from the file's path" : "") +
      (docs.col("pipeline_version")[d] ? " · pipeline " + esc(docs.col("pipeline_version")[d]) : "") +
      ' · <a href="' + esc(hashOf({ doc: docId[d] })) + '">link to this document</a></div>';
    (errorsByDoc[d] || []).forEach(function (i) {
      html += '<div class="rec weakness"><span class="pol weakness">' + esc(errs.col("stage")[i]) + " / " +
        esc(errs.col("error_type")[i]) + "</span> " + esc(errs.col("message")[i]) + "</div>";
    });
    if (docSameAs[d] != null) {
      var first = docSameAs[d];
      html += '<p class="muted">The same file as <a href="' + esc(hashOf({ doc: docId[first] })) + '">' +
        esc(docPath[first]) + "</a>: its records are listed there.</p>";
    }
    var shown = 0;
    TABLES.forEach(function (t) {
      var all = docRecords(t, d);
      var list = f.active ? (item.hits[t] || []) : Array.prototype.slice.call(all);
      if (!list.length) return;
      shown += list.length;
      html += "<h3>" + esc(t[0].toUpperCase() + t.slice(1)) + ' <span class="muted small">' +
        (list.length === all.length ? list.length : list.length + " of " + all.length + " (filtered)") + "</span></h3>";
      for (var i = 0; i < list.length; i++) html += record(t, list[i], d);
    });
    if (!shown && docSameAs[d] == null) {
      html += '<p class="muted">' + (f.active ? "No record of this document matches the filters." : "No records were extracted from this document.") + "</p>";
    }
    if (shown) {
      html += '<p class="muted small">Quotes are shown in the text that this document\'s records quote; ' +
        "the output holds no other text, so the rest is marked as a gap.</p>";
    }
    return html;
  }
  function recordFields(t, r) {
    var c = recs[t];
    function v(n) { return c.col(n)[r]; }
    if (t === "inspections") {
      var dates = [v("start_date"), v("end_date")].filter(Boolean).map(fmtDate);
      var html = "<b>" + esc(TYPE_LABELS[v("inspection_type")] || words(v("inspection_type"))) + "</b> " +
        (dates.length ? esc(dates[0] === dates[1] ? dates[0] : dates.join(" – ")) : "");
      GRADE_FIELDS.forEach(function (g) { if (v(g[0])) html += ' <span class="k">' + g[1] + ":</span> " + gradeBadge(v(g[0])); });
      var insp = v("inspectors");
      return html + field("published", fmtDate(v("published_date"))) + field("lead inspector", v("lead_inspector")) +
        field("inspectors", Array.isArray(insp) && insp.length ? insp.join(", ") : null) + field("focus", v("focus"));
    }
    if (t === "findings") {
      return '<span class="pol ' + esc(v("polarity")) + '">' + esc(v("polarity")) + "</span>" +
        field("theme", words(v("theme"))) + field("section", v("section")) +
        (v("is_recommendation") ? ' <span class="badge">Ofsted recommendation</span>' : "");
    }
    if (t === "metrics") {
      var unit = v("unit"), val = fmtValue(v("value"), unit);
      if (v("value_max") != null) val += " – " + fmtValue(v("value_max"), unit);
      return "<b>" + esc(words(v("metric"))) + "</b> " + esc(val) +
        (v("previous_value") != null ? ' <span class="k">from</span> ' + esc(fmtValue(v("previous_value"), unit)) : "") +
        (v("is_target") ? ' <span class="badge">target</span>' : "") +
        field("unit", words(unit)) + field("subject", v("subject")) + field("money", words(v("money_kind"))) +
        field("period", v("period"));
    }
    return "<b>" + esc(words(v("kind"))) + "</b>" + field("owner", v("owner")) +
      field("due", v("due_date") ? fmtDate(v("due_date")) : v("due_text")) + field("status", words(v("status")));
  }
  function record(t, r, d) {
    var c = recs[t], page = c.col("page")[r], conf = c.col("confidence")[r];
    var pol = t === "findings" ? " " + esc(c.col("polarity")[r] || "") : "";
    var text = t === "findings" || t === "actions" ? c.col("text")[r] : null;
    return '<article class="rec' + pol + '" id="rec-' + t + "-" + r + '" data-rec="' + t + ":" + r + '">' +
      '<div class="rec-fields">' + recordFields(t, r) + "</div>" +
      (text ? '<div class="rec-text"><span class="k muted">as extracted:</span> ' + esc(text) + "</div>" : "") +
      '<div class="where">' + (page ? "page " + page : "unpaginated") + " · characters " + c.col("char_start")[r] +
      "–" + c.col("char_end")[r] + " · " + esc(c.col("extractor")[r] || "") +
      (conf != null ? " (" + conf + ")" : "") + "</div>" + context(t, r, d) + "</article>";
  }
  var CROSS_GAP = 40; // context runs on into the next held stretch across a gap this small
  function gap(n) {
    var title = plural(n, "character") + " of the document that the output does not hold";
    if (n <= 3) return '<span class="gap-s" title="' + esc(title) + '"></span>';
    return '<span class="gap" title="' + esc(title) + '">[' + plural(n, "character") + " not in the output]</span>";
  }
  function fragEnd(f) { return f[0] + f[1].length; }
  // Up to CONTEXT characters of held text before (dir -1) or after (dir 1) position `at`
  // of fragment `idx`, running on across small gaps, with the gaps marked.
  function around(frags, idx, at, dir, nChars) {
    var html = "", budget = CONTEXT, k = idx, local = at;
    for (;;) {
      var text = frags[k][1], cut, piece;
      if (dir < 0) {
        cut = Math.max(0, local - budget);
        if (cut > 0) { var sp = text.indexOf(" ", cut); if (sp >= 0 && sp < local) cut = sp + 1; }
        piece = esc(text.slice(cut, local));
        if (cut > 0) return "… " + piece + html;
        html = piece + html;
        budget -= local;
        var prevEnd = k > 0 ? fragEnd(frags[k - 1]) : 0, before = frags[k][0] - prevEnd;
        if (before > 0) html = gap(before) + html;
        if (k === 0 || budget <= 0 || before > CROSS_GAP) return html;
        k--; local = frags[k][1].length;
      } else {
        cut = Math.min(text.length, local + budget);
        if (cut < text.length) { var sp2 = text.lastIndexOf(" ", cut); if (sp2 > local) cut = sp2; }
        piece = esc(text.slice(local, cut));
        if (cut < text.length) return html + piece + " …";
        html += piece;
        budget -= text.length - local;
        var nextStart = k + 1 < frags.length ? frags[k + 1][0] : Math.max(nChars, fragEnd(frags[k]));
        var after = nextStart - fragEnd(frags[k]);
        if (after > 0) html += gap(after);
        if (k + 1 >= frags.length || budget <= 0 || after > CROSS_GAP) return html;
        k++; local = 0;
      }
    }
  }
  function context(t, r, d) {
    var c = recs[t], s = c.col("char_start")[r], e = c.col("char_end")[r], own = c.col("own_quote")[r];
    if (own != null) {
      return '<blockquote class="ctx"><span class="gap">[its offsets do not match the other quotes: ' +
        "shown on its own]</span> <mark>" + esc(own) + "</mark></blockquote>";
    }
    var frags = fragments(d), idx = -1;
    for (var i = 0; i < frags.length; i++) {
      if (frags[i][0] <= s && e <= fragEnd(frags[i])) { idx = i; break; }
    }
    if (idx < 0) return '<blockquote class="ctx"><span class="gap">[quote not in the output]</span></blockquote>';
    var fs = frags[idx][0], text = frags[idx][1], nChars = docs.col("n_chars")[d] || 0;
    return '<blockquote class="ctx">' + around(frags, idx, s - fs, -1, nChars) + "<mark>" +
      esc(text.slice(s - fs, e - fs)) + "</mark>" + around(frags, idx, e - fs, 1, nChars) + "</blockquote>";
  }

  function pager(total, page, size) {
    var pages = Math.max(1, Math.ceil(total / size));
    if (pages <= 1) return "";
    return '<div class="pager"><button type="button" data-page="' + (page - 1) + '"' + (page <= 1 ? " disabled" : "") +
      '>‹ Previous</button> <span>page ' + page + " of " + pages + '</span> <button type="button" data-page="' +
      (page + 1) + '"' + (page >= pages ? " disabled" : "") + ">Next ›</button></div>";
  }

  function docList(scope, st, heading) {
    var f = makeFilter(st);
    var items = filterDocs(scope, f);
    var pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    var page = Math.min(st.page, pages);
    var shown = items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    var nRec = 0;
    items.forEach(function (it) { nRec += it.total; });
    var html = heading + filterBar(st) + '<div class="status-line" id="rm-status">' +
      (f.active ? plural(items.length, "document") + " of " + scope.length.toLocaleString("en-GB") + " with " +
        plural(nRec, "matching record") : plural(scope.length, "document")) +
      (items.length > PAGE_SIZE ? " · " + PAGE_SIZE + " a page" : "") + "</div>" + pager(items.length, page, PAGE_SIZE);
    if (!items.length) {
      html += '<div class="empty">' + (scope.length ? "No document matches these filters." : "This output holds no documents.") + "</div>";
    }
    shown.forEach(function (it) { html += docCard(it, f, !!openDocs[it.d]); });
    html += pager(items.length, page, PAGE_SIZE);
    return { html: html, items: shown, filter: f };
  }

  var current = { items: [], filter: null };
  function wireDocs() {
    main.querySelectorAll(".pager button").forEach(function (b) {
      b.addEventListener("click", function () {
        go({ page: +b.getAttribute("data-page") });
        window.scrollTo(0, 0);
      });
    });
    main.querySelectorAll(".doc-head").forEach(function (head) {
      head.addEventListener("click", function () {
        var sec = head.parentNode, d = +sec.getAttribute("data-doc"), body = sec.querySelector(".doc-body");
        var opening = body.hidden;
        if (opening && !textReady()) {
          body.innerHTML = '<p class="muted">Loading the text…</p>';
          body.hidden = false;
          whenTextReady(function () { body.hidden = true; head.click(); });
          return;
        }
        if (opening) {
          var item = current.items.filter(function (it) { return it.d === d; })[0] || { d: d, hits: {} };
          body.innerHTML = docBody(item, current.filter);
          openDocs[d] = true;
        } else {
          delete openDocs[d];
        }
        body.hidden = !opening;
        head.setAttribute("aria-expanded", opening ? "true" : "false");
        if (opening) sec.scrollIntoView({ block: "start" });
      });
    });
  }

  // -- rendering: one council ------------------------------------------------------------------

  function svgAxisX(x0, x1, X, top, bottom) {
    var html = "", y0 = new Date(x0).getUTCFullYear(), y1 = new Date(x1).getUTCFullYear();
    var stepYears = Math.max(1, Math.ceil((y1 - y0 + 1) / 10));
    for (var y = y0; y <= y1 + 1; y += stepYears) {
      var t = Date.UTC(y, 0, 1);
      if (t < x0 || t > x1) continue;
      html += '<line class="gridline" x1="' + X(t) + '" x2="' + X(t) + '" y1="' + top + '" y2="' + bottom + '"/>' +
        '<text x="' + X(t) + '" y="' + (bottom + 14) + '" text-anchor="middle">' + y + "</text>";
    }
    if (y1 - y0 < 2) { // a short span: mark the months too
      for (var m = Date.UTC(y0, 0, 1); m <= x1; m = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + 3, 1)) {
        if (m < x0 || new Date(m).getUTCMonth() === 0) continue;
        html += '<text x="' + X(m) + '" y="' + (bottom + 14) + '" text-anchor="middle" opacity="0.6">' + MONTHS[new Date(m).getUTCMonth()] +
          (y1 === y0 ? " " + y0 : "") + "</text>";
      }
    }
    return html;
  }
  function xDomain(times) {
    var x0 = Math.min.apply(null, times), x1 = Math.max.apply(null, times);
    var pad = Math.max(60 * DAY, (x1 - x0) * 0.04);
    return [x0 - pad, x1 + pad];
  }
  function niceStep(range) {
    if (range <= 0) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(range))), m = range / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
  }
  function scatter(points, unit, colorOf, dom) {
    var W = 600, H = 230, L = 60, R = 14, T = 10, B = 30;
    var ys = points.map(function (p) { return p.y; });
    var lo = Math.min(0, Math.min.apply(null, ys)), hi = Math.max(0, Math.max.apply(null, ys));
    var step = niceStep((hi - lo) / 4 || 1);
    var yMin = Math.floor(lo / step) * step, yMax = Math.max(yMin + step, Math.ceil(hi / step) * step);
    function X(t) { return +(L + (t - dom[0]) / (dom[1] - dom[0]) * (W - L - R)).toFixed(1); }
    function Y(v) { return +(H - B - (v - yMin) / (yMax - yMin) * (H - T - B)).toFixed(1); }
    var html = '<svg viewBox="0 0 ' + W + " " + H + '" role="img">';
    for (var v = yMin; v <= yMax + step / 2; v += step) {
      html += '<line class="gridline" x1="' + L + '" x2="' + (W - R) + '" y1="' + Y(v) + '" y2="' + Y(v) + '"/>' +
        '<text x="' + (L - 6) + '" y="' + (Y(v) + 4) + '" text-anchor="end">' + esc(shortValue(v, unit)) + "</text>";
    }
    html += svgAxisX(dom[0], dom[1], X, T, H - B) +
      '<line class="axis" x1="' + L + '" x2="' + (W - R) + '" y1="' + (H - B) + '" y2="' + (H - B) + '"/>';
    points.forEach(function (p) {
      var color = colorOf(p);
      html += '<a href="' + esc(hashOf({ doc: docId[p.d], rec: "metrics:" + p.r })) + '"><circle class="pt" cx="' + X(p.t) +
        '" cy="' + Y(p.y) + '" r="5" fill="' + (p.target ? "#fff" : color) + '" stroke="' + color + '" stroke-width="1.5">' +
        "<title>" + esc(fmtDate(p.date) + ": " + fmtValue(p.y, unit) + (p.target ? " (target)" : "") +
        (p.kind ? " " + words(p.kind) : "") + (p.subject ? " – " + p.subject : "") + "\n" + docLabel(p.d)) +
        "</title></circle></a>";
    });
    return html + "</svg>";
  }
  function metricCharts(list) {
    var m = recs.metrics, metric = m.col("metric"), unit = m.col("unit"), value = m.col("value");
    var target = m.col("is_target"), kind = m.col("money_kind"), subject = m.col("subject");
    var html = "", undated = 0;
    // One time axis for all of a council's charts (its dated papers), so they line up.
    var dom = xDomain(list.filter(function (d) { return docDate[d]; }).map(function (d) { return dateMs(docDate[d]); }));
    CHART_METRICS.forEach(function (cm) {
      var series = {};
      list.forEach(function (d) {
        var rs = docRecords("metrics", d);
        for (var i = 0; i < rs.length; i++) {
          var r = rs[i];
          if (metric[r] !== cm[0] || value[r] == null) continue;
          if (!docDate[d]) { undated++; continue; }
          (series[unit[r]] = series[unit[r]] || []).push({
            t: dateMs(docDate[d]), date: docDate[d], y: value[r], d: d, r: r, target: !!target[r],
            kind: kind[r], subject: subject[r]
          });
        }
      });
      var units = Object.keys(series);
      if (!units.length) {
        html += '<div class="chart"><h4>' + esc(cm[1]) + '</h4><p class="note">No ' + esc(words(cm[0])) +
          " figures in this council's dated papers.</p></div>";
      }
      units.forEach(function (u) {
        var pts = series[u], kinds = [], legend = "";
        if (cm[0] === "money") {
          pts.forEach(function (p) { var k = p.kind || "other"; if (kinds.indexOf(k) < 0) kinds.push(k); });
          legend = '<div class="legend">' + kinds.map(function (k, i) {
            return '<i style="background:' + PALETTE[i % PALETTE.length] + '"></i>' + esc(words(k));
          }).join("") + "</div>";
        }
        var colorOf = cm[0] === "money" ? function (p) { return PALETTE[kinds.indexOf(p.kind || "other") % PALETTE.length]; }
          : function () { return PALETTE[0]; };
        html += '<div class="chart" data-metric="' + esc(cm[0]) + '"><h4>' + esc(cm[1]) +
          (units.length > 1 || u === "count" ? " (" + esc(words(u === "gbp" ? "£" : u)) + ")" : "") +
          ' <span class="muted small">' + plural(pts.length, "figure") + "</span></h4>" +
          scatter(pts, u, colorOf, dom) + legend +
          '<p class="note">By meeting date of the paper stating it; hollow points are targets. Click a point for its evidence.</p></div>';
      });
    });
    return '<div class="charts">' + html + "</div>" + (undated ? '<p class="muted small">' +
      plural(undated, "figure") + " from papers without a meeting date are not charted.</p>" : "");
  }
  function inspectionEvents(list) {
    var c = recs.inspections, events = {}, order = [];
    list.forEach(function (d) {
      var rs = docRecords("inspections", d);
      for (var i = 0; i < rs.length; i++) {
        var r = rs[i], type = c.col("inspection_type")[r];
        var date = c.col("start_date")[r] || c.col("published_date")[r] || c.col("end_date")[r];
        // Undated mentions of one type with the same grades are one row: whether they
        // are one inspection the output cannot say, so the row says "not stated".
        var key = type + "|" + (date || "undated|" + GRADE_FIELDS.map(function (g) { return c.col(g[0])[r] || ""; }).join("|"));
        var ev = events[key];
        if (!ev) {
          ev = events[key] = { type: type, date: date, end: c.col("end_date")[r], grades: {}, reports: [] };
          order.push(key);
        }
        GRADE_FIELDS.forEach(function (g) { if (!ev.grades[g[0]] && c.col(g[0])[r]) ev.grades[g[0]] = c.col(g[0])[r]; });
        if (!ev.end && c.col("end_date")[r]) ev.end = c.col("end_date")[r];
        ev.reports.push({ d: d, r: r });
      }
    });
    return order.map(function (k) { return events[k]; }).sort(function (a, b) {
      var x = a.date || (docDate[a.reports[0].d] || "9999"), y = b.date || (docDate[b.reports[0].d] || "9999");
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  function timeline(events, list) {
    var dated = events.filter(function (e) { return e.date; });
    var papers = list.filter(function (d) { return docDate[d]; });
    var times = dated.map(function (e) { return dateMs(e.date); }).concat(papers.map(function (d) { return dateMs(docDate[d]); }));
    if (!times.length) return "";
    var W = 600, H = 110, L = 20, R = 20, axisY = 66;
    var dom = xDomain(times);
    function X(t) { return +(L + (t - dom[0]) / (dom[1] - dom[0]) * (W - L - R)).toFixed(1); }
    var html = '<svg viewBox="0 0 ' + W + " " + H + '" role="img" aria-label="Inspections and papers over time">' +
      svgAxisX(dom[0], dom[1], X, 8, axisY + 14) +
      '<line class="axis" x1="' + L + '" x2="' + (W - R) + '" y1="' + axisY + '" y2="' + axisY + '"/>';
    papers.forEach(function (d) {
      html += '<a href="' + esc(hashOf({ doc: docId[d] })) + '"><rect class="pt" x="' + (X(dateMs(docDate[d])) - 1.5) + '" y="' + (axisY + 2) +
        '" width="3" height="9" fill="#8b95a1"><title>' + esc(fmtDate(docDate[d]) + ": " + docLabel(d)) + "</title></rect></a>";
    });
    dated.forEach(function (e, i) {
      var x = X(dateMs(e.date)), g = e.grades.judgement || e.grades.outcome;
      var color = { outstanding: "#1e7b45", good: "#3d9a6a", requires_improvement: "#d18b00", inadequate: "#b3261e",
                    positive: "#3d9a6a", inconsistent: "#d18b00", widespread_failings: "#b3261e" }[g] || "#8b95a1";
      var ly = i % 2 ? 14 : 28;
      html += '<a href="' + esc(hashOf({ doc: docId[e.reports[0].d], rec: "inspections:" + e.reports[0].r })) + '">' +
        '<line x1="' + x + '" x2="' + x + '" y1="' + (ly + 4) + '" y2="' + (axisY - 8) + '" stroke="#c3cad2"/>' +
        '<circle class="pt" cx="' + x + '" cy="' + axisY + '" r="7" fill="' + color + '" stroke="#fff" stroke-width="1.5">' +
        "<title>" + esc(fmtDate(e.date) + ": " + (TYPE_LABELS[e.type] || e.type) + (g ? " – " + words(g) : "")) + "</title></circle>" +
        '<text x="' + x + '" y="' + ly + '" text-anchor="middle">' + esc(TYPE_SHORT[e.type] || e.type) + "</text></a>";
    });
    return html + "</svg>";
  }
  function councilView(st) {
    var key = st.council, list = councilDocs[key] || [];
    var head = "<h2>" + esc(councilName(key)) + "</h2>";
    if (!list.length) return { html: head + '<div class="empty">No document of this output names this council.</div>', items: [], filter: null };
    var code = docs.col("council_code")[list[0]];
    var dates = list.map(function (d) { return docDate[d]; }).filter(Boolean);
    head += '<p class="muted">' + (code ? esc(code) + " · " : "") + plural(list.length, "paper") +
      (dates.length ? ", meetings from " + fmtDate(dates[0]) + " to " + fmtDate(dates[dates.length - 1]) : "") + "</p>";
    var events = inspectionEvents(list);
    head += "<h3>Inspections</h3>";
    if (events.length) {
      var line = timeline(events, list);
      head += (line ? '<div class="timeline">' + line +
        '<p class="legend">Circles: inspections by fieldwork date, coloured by overall grade (grey: not stated); ticks below the line: papers by meeting date.</p></div>'
        : '<p class="muted">Neither these inspections nor the papers reporting them are dated.</p>') +
        '<table class="grid" id="rm-inspections"><thead><tr><th>Fieldwork</th><th>Type</th>' +
        GRADE_FIELDS.map(function (g) { return "<th>" + esc(g[1]) + "</th>"; }).join("") + "<th>Reported in</th></tr></thead><tbody>";
      events.forEach(function (e) {
        head += "<tr><td>" + (e.date ? esc(fmtDate(e.date) + (e.end && e.end !== e.date ? " – " + fmtDate(e.end) : "")) : '<span class="muted">not stated</span>') +
          "</td><td>" + esc(TYPE_LABELS[e.type] || e.type) + "</td>" +
          GRADE_FIELDS.map(function (g) { return "<td>" + gradeBadge(e.grades[g[0]]) + "</td>"; }).join("") + "<td>" +
          e.reports.map(function (x) {
            return '<a href="' + esc(hashOf({ doc: docId[x.d], rec: "inspections:" + x.r })) + '">' +
              esc(docDate[x.d] ? fmtDate(docDate[x.d]) : docPath[x.d]) + "</a>";
          }).join(", ") + "</td></tr>";
      });
      head += "</tbody></table>";
    } else {
      head += '<p class="muted">No inspection is reported in this council\'s papers.</p>';
    }
    head += "<h3>Figures over time</h3>" + metricCharts(list) + "<h3>Papers</h3>";
    return docList(list, st, head);
  }

  // -- rendering: councils overview, errors, one document ---------------------------------------

  function councilsView() {
    var c = councilRows, n = c.n;
    var html = "<h2>Councils</h2>";
    if (!n) return html + '<div class="empty">No document of this output names a council.</div>';
    html += '<table class="grid"><thead><tr><th>Council</th><th>Code</th><th>Papers</th><th>Latest meeting</th>' +
      "<th>Latest inspection</th><th>Overall</th><th>Caseload</th><th>Agency rate</th></tr></thead><tbody>";
    for (var i = 0; i < n; i++) {
      var name = c.col("council")[i];
      html += '<tr><td><a href="' + esc(hashOf({ council: name })) + '">' + esc(name) + "</a></td><td>" +
        esc(c.col("council_code")[i]) + '</td><td class="num">' + esc(c.col("documents")[i]) + "</td><td>" +
        esc(fmtDate(c.col("latest_meeting_date")[i])) + "</td><td>" +
        esc((TYPE_LABELS[c.col("inspection_type")[i]] || "") + (c.col("inspection_date")[i] ? " " + fmtDate(c.col("inspection_date")[i]) : "")) +
        "</td><td>" + gradeBadge(c.col("judgement")[i]) + '</td><td class="num">' +
        esc(c.col("caseload")[i] == null ? "" : num(c.col("caseload")[i]) + " (" + fmtDate(c.col("caseload_date")[i]) + ")") +
        '</td><td class="num">' +
        esc(c.col("agency_rate")[i] == null ? "" : num(c.col("agency_rate")[i]) + "% (" + fmtDate(c.col("agency_rate_date")[i]) + ")") +
        "</td></tr>";
    }
    return html + "</tbody></table>";
  }
  function errorsView(st) {
    var n = errs.n, html = "<h2>Errors</h2>";
    if (!n) return html + '<div class="empty">No errors: every input was read.</div>';
    var page = Math.min(st.page, Math.max(1, Math.ceil(n / ERROR_PAGE_SIZE)));
    html += '<p class="muted">' + plural(n, "problem") + " met while reading the inputs.</p>" + pager(n, page, ERROR_PAGE_SIZE) +
      '<table class="grid"><thead><tr><th>File</th><th>Stage</th><th>Type</th><th>Message</th></tr></thead><tbody>';
    for (var i = (page - 1) * ERROR_PAGE_SIZE; i < Math.min(n, page * ERROR_PAGE_SIZE); i++) {
      var d = errs.col("doc")[i], path = errs.col("source_path")[i];
      html += "<tr><td>" + (d >= 0 ? '<a href="' + esc(hashOf({ doc: docId[d] })) + '">' + esc(path) + "</a>" : esc(path)) +
        "</td><td>" + esc(errs.col("stage")[i]) + "</td><td>" + esc(errs.col("error_type")[i]) + "</td><td>" +
        esc(errs.col("message")[i]) + "</td></tr>";
    }
    return html + "</tbody></table>" + pager(n, page, ERROR_PAGE_SIZE);
  }
  function docView(st) {
    var d = docIndex[st.doc];
    if (d === undefined) return { html: '<div class="empty">No document ' + esc(st.doc) + " in this output.</div>", items: [], filter: null };
    var f = makeFilter(st);
    var item = filterDocs([d], f)[0] || { d: d, hits: {}, total: 0 };
    openDocs[d] = true;
    var back = '<p><a href="' + esc(hashOf({ council: docCouncil[d] == null ? NO_COUNCIL : docCouncil[d] })) + '">‹ ' +
      esc(councilName(councilKey(docCouncil[d]))) + '</a> · <a href="#">all documents</a></p>';
    return { html: back + filterBar(st) + docCard(item, f, true), items: [item], filter: f };
  }

  // -- the router ------------------------------------------------------------------------------------

  var firstRender = true;
  function render() {
    var st = readState(), view;
    if (!textReady() && (st.q || st.doc || Object.keys(openDocs).length)) {
      main.innerHTML = '<p id="rm-loading">Loading the text…</p>';
      whenTextReady(render);
      return;
    }
    var loading = document.getElementById("rm-loading");
    if (loading) loading.remove();
    var active = st.doc ? "docs" : st.view === "councils" || st.view === "errors" ? st.view : st.council ? "councils" : "docs";
    document.querySelectorAll("#rm-nav a").forEach(function (a) {
      a.classList.toggle("on", a.getAttribute("data-view") === active);
    });
    var errorLink = document.querySelector('#rm-nav a[data-view="errors"]');
    errorLink.textContent = "Errors (" + errs.n.toLocaleString("en-GB") + ")";
    renderSide(st);
    if (st.doc) view = docView(st);
    else if (st.view === "councils") view = { html: councilsView(), items: [], filter: null };
    else if (st.view === "errors") view = { html: errorsView(st), items: [], filter: null };
    else if (st.council) view = councilView(st);
    else view = docList(allDocs, st, "<h2>Documents</h2>");
    main.innerHTML = view.html;
    current = view;
    wireFilters();
    wireDocs();
    if (st.rec) {
      var el = document.getElementById("rec-" + st.rec.replace(":", "-"));
      if (el) { el.classList.add("focus"); el.scrollIntoView({ block: "center" }); }
    } else if (st.doc) {
      window.scrollTo(0, 0);
    }
    document.body.setAttribute("data-rendered", hashOf(st)); // what is drawn (for tests)
    if (firstRender) {
      firstRender = false;
      mark("rm-first-render");
      requestAnimationFrame(function () { requestAnimationFrame(function () { mark("rm-first-frame"); }); });
      document.body.setAttribute("data-ready", "1");
    }
  }
  window.addEventListener("hashchange", render);
  window.reportmine = { data: D, render: render, go: go, quoteOf: quoteOf };
  render();
})();
