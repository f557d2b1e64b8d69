"""Build the output tables from the store and this run's extra rows, in input order.

The tables list the documents in the order `iter_input_files` yields them, each
document's rows in the order its extractors produced them, whichever worker or engine
processed it and whether it was processed now or in an earlier run. So the output of
any number of workers, of a Dask cluster, or of a re-run, is the output of one clean
one-worker run. Stored rows are keyed by content (doc_id); the `source_path` of the
`documents` and `errors` rows is the entry's current path, so a renamed or copied file
needs no new processing.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pyarrow as pa

from reportmine.inputs import InputFile
from reportmine.outcome import DocOutcome
from reportmine.writer import TABLES, columns_to_table


def _rows_by_doc(data: pa.Table) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = defaultdict(list)
    for row, doc_id in enumerate(data.column("doc_id").to_pylist()):
        positions[doc_id].append(row)
    return positions


def assemble(
    entries: list[InputFile],
    stored: dict[str, pa.Table],
    fresh: dict[int, DocOutcome],
    n_parts: int = 1,
) -> dict[str, list[pa.Table]]:
    """Each table as `n_parts` consecutive parts, split at document boundaries.

    `fresh` maps an entry's index to rows that are not in the store (unreadable files,
    documents stopped by a limit); every other entry's rows come from `stored` by doc_id.
    """
    n_parts = max(1, min(n_parts, len(entries)))
    per_part = math.ceil(len(entries) / n_parts) if entries else 1
    fresh_order = [e.index for e in entries if e.index in fresh]
    out: dict[str, list[pa.Table]] = {}
    for table in TABLES:
        base = stored[table]
        extra = columns_to_table(
            table, (fresh[i].columns[table] for i in fresh_order if table in fresh[i].columns)
        )
        extra_ranges: dict[int, range] = {}
        start = base.num_rows
        for index in fresh_order:
            extra_ranges[index] = range(start, start + fresh[index].n_rows(table))
            start = extra_ranges[index].stop
        combined = pa.concat_tables([base, extra])
        by_doc = _rows_by_doc(base)
        take: list[int] = []
        paths: list[str] = []
        bounds = [0]
        for position, entry in enumerate(entries):
            if entry.index in extra_ranges:
                rows = extra_ranges[entry.index]
            else:
                rows = by_doc.get(entry.doc_id, [])
            take.extend(rows)
            paths.extend([entry.source_path] * len(rows))
            if (position + 1) % per_part == 0 or position == len(entries) - 1:
                bounds.append(len(take))
        result = combined.take(pa.array(take, pa.int64()))
        if "source_path" in result.schema.names:
            column = result.schema.get_field_index("source_path")
            field = result.schema.field(column)
            result = result.set_column(column, field, pa.array(paths, field.type))
        result = result.combine_chunks()
        out[table] = [result.slice(a, b - a) for a, b in zip(bounds, bounds[1:], strict=False)]
        if not out[table]:
            out[table] = [result]
    return out
