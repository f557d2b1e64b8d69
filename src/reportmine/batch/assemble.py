"""Build the output tables from the store and this run's extra rows, in input order.

The tables list the documents in the order `iter_input_files` yields them, each
document's rows in the order its extractors produced them, whichever worker or engine
processed it and whether it was processed now or in an earlier run. So the output of
any number of workers, of a Dask cluster, or of a re-run, is the output of one clean
one-worker run. Stored rows are keyed by content and format (`outcome.cache_key`); the
`source_path` of the `documents` and `errors` rows is the entry's current path, so a
renamed or copied file read in the same format needs no new processing.
"""

from __future__ import annotations

import math

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from reportmine.batch.inputs import InputFile
from reportmine.output.outcome import DocOutcome
from reportmine.output.store import KEY
from reportmine.output.writer import TABLES, columns_to_table


def _spans(
    entries: list[InputFile], base: pa.Table, fresh_rows: dict[int, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each entry's rows are: `order` lists the base rows grouped by document (the
    documents in the order entries first name them, each one's rows in stored order),
    then the fresh rows; entry k's rows are order[starts[k] : starts[k] + lengths[k]].
    Index arithmetic in numpy and Arrow, as a Python list of row numbers cost the
    parent's serial tail time in proportion to the rows."""
    keys = list(dict.fromkeys(e.key for e in entries if e.index not in fresh_rows))
    position = pc.index_in(base.column(KEY), value_set=pa.array(keys, pa.string()))
    # Rows of documents no entry lists (none, as the store loads only listed ones) go last.
    doc_of_row = position.fill_null(len(keys)).to_numpy()
    order = np.argsort(doc_of_row, kind="stable")
    counts = np.bincount(doc_of_row, minlength=len(keys) + 1)[: len(keys)]
    doc_starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    slot = {key: k for k, key in enumerate(keys)}
    starts = np.empty(len(entries), np.int64)
    lengths = np.empty(len(entries), np.int64)
    extra_at = base.num_rows
    for k, entry in enumerate(entries):
        if entry.index in fresh_rows:
            starts[k], lengths[k] = extra_at, fresh_rows[entry.index]
            extra_at += lengths[k]
        else:
            d = slot[entry.key]
            starts[k], lengths[k] = doc_starts[d], counts[d]
    order = np.concatenate((order, np.arange(base.num_rows, extra_at, dtype=np.int64)))
    return order, starts, lengths


def _expand(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The concatenation of range(s, s + n) for each (s, n), without a Python loop."""
    total = int(lengths.sum())
    ends = np.cumsum(lengths)
    return np.arange(total, dtype=np.int64) + np.repeat(starts - (ends - lengths), lengths)


def assemble(
    entries: list[InputFile],
    stored: dict[str, pa.Table],
    fresh: dict[int, DocOutcome],
    n_parts: int = 1,
) -> dict[str, list[pa.Table]]:
    """Each table as `n_parts` consecutive parts, split at document boundaries.

    `fresh` maps an entry's index to rows that are not in the store (unreadable files,
    documents stopped by a limit); every other entry's rows come from `stored` (as
    `Store.load` gives them, with the column KEY) by its key.
    """
    n_parts = max(1, min(n_parts, len(entries)))
    per_part = math.ceil(len(entries) / n_parts) if entries else 1
    fresh_order = [e.index for e in entries if e.index in fresh]
    source_paths = pa.array([e.source_path for e in entries], pa.string())
    out: dict[str, list[pa.Table]] = {}
    for table in TABLES:
        base = stored[table]
        extra = columns_to_table(
            table, (fresh[i].columns[table] for i in fresh_order if table in fresh[i].columns)
        )
        fresh_rows = {i: fresh[i].n_rows(table) for i in fresh_order}
        order, starts, lengths = _spans(entries, base, fresh_rows)
        combined = pa.concat_tables([base.drop_columns([KEY]), extra])
        result = combined.take(pa.array(order[_expand(starts, lengths)]))
        if "source_path" in result.schema.names:
            column = result.schema.get_field_index("source_path")
            field = result.schema.field(column)
            entry_of_row = np.repeat(np.arange(len(entries)), lengths)
            paths = source_paths.take(pa.array(entry_of_row)).cast(field.type)
            result = result.set_column(column, field, paths)
        result = result.combine_chunks()
        ends = np.cumsum(lengths)
        cuts = [int(ends[k - 1]) for k in range(per_part, len(entries), per_part)]
        bounds = [0, *cuts, result.num_rows] if entries else [0]
        out[table] = [result.slice(a, b - a) for a, b in zip(bounds, bounds[1:], strict=False)]
        if not out[table]:
            out[table] = [result]
    return out
