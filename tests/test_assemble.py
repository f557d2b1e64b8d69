"""Assembling the tables: every entry's rows, in input order, whatever order they were
stored in, with copies of a file repeated and rows not in the store put in their place."""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.batch.assemble import assemble
from reportmine.batch.inputs import InputFile
from reportmine.output.outcome import DocOutcome
from reportmine.output.store import keyed_table
from reportmine.output.writer import TABLES, columns_to_table


def _outcomes(corpus_results) -> list[DocOutcome]:
    return [DocOutcome.from_result(r) for r in corpus_results.values()]


def _entry(index: int, path: str, source_path: str, outcome: DocOutcome) -> InputFile:
    """The entry the scan makes for a file whose processing gives `outcome`."""
    fmt = outcome.columns["documents"]["source_format"][0]
    return InputFile(index, Path(path), source_path, outcome.doc_id, fmt=fmt)


def _expected(entries, outcomes_by_id, fresh, table: str) -> pa.Table:
    """The plain reading of the contract: entry by entry, its own rows, its own path."""
    parts = []
    for entry in entries:
        outcome = fresh.get(entry.index) or outcomes_by_id[entry.doc_id]
        if table in outcome.columns:
            columns = dict(outcome.columns[table])
            if "source_path" in columns:
                columns["source_path"] = [entry.source_path] * outcome.n_rows(table)
            parts.append(columns)
    return columns_to_table(table, parts)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_rows_come_in_input_order_with_copies_and_fresh_rows(corpus_results, data) -> None:
    outcomes = _outcomes(corpus_results)
    by_id = {o.doc_id: o for o in outcomes}
    picks = data.draw(st.lists(st.sampled_from(sorted(by_id)), min_size=1, max_size=12))
    fresh_at = data.draw(st.sets(st.integers(0, len(picks) - 1)))
    entries = [
        _entry(i, f"in/{i}.txt", f"folder {i}/paper {i}.txt", by_id[doc_id])
        for i, doc_id in enumerate(picks)
    ]
    fresh = {
        i: DocOutcome(entries[i].source_path, None, "failed", by_id[picks[i]].columns, False)
        for i in fresh_at
    }
    # The store holds each listed document once, in segments of any order and size.
    stored_ids = sorted({e.doc_id for e in entries if e.index not in fresh})
    random.Random(data.draw(st.integers(0, 2**16))).shuffle(stored_ids)
    cut = data.draw(st.integers(0, len(stored_ids)))
    segments = [stored_ids[:cut], stored_ids[cut:]]
    stored = {
        t: pa.concat_tables([keyed_table(t, [by_id[d] for d in s]) for s in segments])
        for t in TABLES
    }
    n_parts = data.draw(st.integers(1, 4))
    tables = assemble(entries, stored, fresh, n_parts)
    for t in TABLES:
        got = pa.concat_tables(tables[t])
        assert got.equals(_expected(entries, by_id, fresh, t)), t
        per_part = -(-len(entries) // min(n_parts, len(entries)))
        assert len(tables[t]) == len(range(0, len(entries), per_part))


def test_parts_split_at_document_boundaries(corpus_results) -> None:
    outcomes = [o for o in _outcomes(corpus_results) if o.n_rows("findings")]
    entries = [_entry(i, f"{i}.txt", f"{i}.txt", o) for i, o in enumerate(outcomes)]
    stored = {t: keyed_table(t, outcomes) for t in TABLES}
    parts = assemble(entries, stored, {}, n_parts=2)["findings"]
    per_part = -(-len(entries) // 2)
    first_ids = {o.doc_id for o in outcomes[:per_part]}
    assert set(parts[0].column("doc_id").to_pylist()) == first_ids
    assert not first_ids & set(parts[1].column("doc_id").to_pylist())
