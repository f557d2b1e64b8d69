"""The durable per-document store behind incremental runs, under OUT_DIR/.reportmine/.

Layout::

    OUT_DIR/.reportmine/
        lock                                  held (flock) while a run writes to OUT_DIR
        state.json                            what the published tables were built from
        tmp/                                  scratch; emptied at the start of every run
        store/p<pipeline_version>-s<schema_version>-k<STORE_FORMAT>/
            seg-<ns>-<pid>-<n>/<table>.parquet    one segment: every table for a few documents

A segment is written in full under tmp/ and then renamed into the store, so it is either
wholly there or not there at all: killing a run at any moment loses at most the
documents of the segment being written, which the next run processes again. A document
is keyed by everything that decides its rows, `outcome.cache_key`: its doc_id (the hash of
its bytes) and the format it was read as (which its name decides when its bytes do not);
every stored row carries its document's key in the column `KEY`. When a document is in
several segments the newest wins. A store of another pipeline, schema or store format
version is ignored and removed.

The segments a run writes are also kept in memory (up to `MEMORY_BYTES`), so assembling
the tables at the end of the run does not read them back from disk.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from reportmine.core.version import PIPELINE_VERSION, SCHEMA_VERSION
from reportmine.output.outcome import DocOutcome
from reportmine.output.writer import TABLES, TMP_SUFFIX, columns_to_table

STATE_DIR = ".reportmine"
STORE_FORMAT = 2  # 2: rows keyed by `KEY` (1 keyed them by doc_id alone)
KEY = "__cache_key"  # a column of every stored table, never of a published one
MEMORY_BYTES = 256 * 2**20  # this run's segments kept in memory, at most
# A kill loses at most the documents of the last few seconds. Each commit costs the
# parent ~25 ms whatever its size (six Parquet files), time the workers' cores lose.
FLUSH_EVERY_S = 3.0


def version_key(pipeline_version: str) -> str:
    """The store's folder for results of this pipeline version and schema."""
    return f"p{pipeline_version}-s{SCHEMA_VERSION}-k{STORE_FORMAT}"


class RunLockedError(RuntimeError):
    """Another run is writing to the same OUT_DIR."""


class Store:
    """Open with `with Store(out_dir) as store:`; see the module docstring."""

    def __init__(
        self,
        out_dir: Path,
        flush_every_s: float = FLUSH_EVERY_S,
        flush_docs: int = 500,
        pipeline_version: str = PIPELINE_VERSION,
    ) -> None:
        self.out_dir = Path(out_dir)
        self.root = self.out_dir / STATE_DIR
        self.dir = self.root / "store" / version_key(pipeline_version)
        self.tmp = self.root / "tmp"
        self.flush_every_s = flush_every_s
        self.flush_docs = flush_docs
        self._buffer: list[DocOutcome] = []
        self._last_flush = time.monotonic()
        self._seq = 0
        self._lock_fd: int | None = None
        self._owners_cache: dict[str, Path] | None = None
        self._written: dict[Path, dict[str, pa.Table]] = {}  # segment -> tables, this run
        self._written_bytes = 0

    # -- opening and closing -------------------------------------------------------------
    def __enter__(self) -> Store:
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock_fd = os.open(self.root / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(self._lock_fd)
            self._lock_fd = None
            raise RunLockedError(
                f"Another reportmine run is writing to {self.out_dir}; wait for it to finish "
                "or choose another output folder."
            ) from exc
        self._clean_leftovers()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def _clean_leftovers(self) -> None:
        """Remove what a killed run left half-done: scratch, temp files, old versions."""
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        for stale in self.out_dir.glob(f".*{TMP_SUFFIX}"):
            stale.unlink(missing_ok=True)
        for other in (self.root / "store").iterdir():
            if other != self.dir:
                shutil.rmtree(other, ignore_errors=True)

    # -- reading -------------------------------------------------------------------------
    def segments(self) -> list[Path]:
        """Committed segments, oldest first."""
        return sorted(p for p in self.dir.iterdir() if p.name.startswith("seg-"))

    def _owners(self) -> dict[str, Path]:
        """key -> the newest segment holding it."""
        if self._owners_cache is None:
            owners: dict[str, Path] = {}
            for segment in self.segments():
                keys = pq.read_table(segment / "documents.parquet", columns=[KEY])
                for key in keys.column(KEY).to_pylist():
                    owners[key] = segment
            self._owners_cache = owners
        return self._owners_cache

    def keys(self) -> set[str]:
        """The keys (`outcome.cache_key`) of the documents stored."""
        return set(self._owners())

    def load(self, keys: set[str]) -> dict[str, pa.Table]:
        """Every table's stored rows for `keys`, each document from its newest segment,
        with the column KEY."""
        by_segment: dict[Path, list[str]] = {}
        for key, segment in self._owners().items():
            if key in keys:
                by_segment.setdefault(segment, []).append(key)
        pieces: dict[str, list[pa.Table]] = {t: [keyed_table(t, [])] for t in TABLES}
        for segment, ids in sorted(by_segment.items()):
            wanted = pa.array(ids, pa.string())
            tables = self._written.get(segment) or {
                t: pq.read_table(segment / f"{t}.parquet") for t in TABLES
            }
            # A segment has one `documents` row per document: when every one is wanted,
            # so is every row of every table.
            whole = tables["documents"].num_rows == len(ids)
            for table in TABLES:
                data = tables[table]
                if not whole:
                    data = data.filter(pc.is_in(data.column(KEY), value_set=wanted))
                pieces[table].append(data.replace_schema_metadata(None))
        return {t: pa.concat_tables(p) for t, p in pieces.items()}

    # -- writing -------------------------------------------------------------------------
    def add(self, outcome: DocOutcome) -> None:
        """Buffer one document, to be stored under its `cache_key`; the buffer is
        committed every few seconds."""
        self._buffer.append(outcome)
        if (
            len(self._buffer) >= self.flush_docs
            or time.monotonic() - self._last_flush >= self.flush_every_s
        ):
            self.flush()

    def flush(self) -> None:
        """Commit the buffered documents as one segment."""
        self._last_flush = time.monotonic()
        if not self._buffer:
            return
        tables = {t: keyed_table(t, self._buffer) for t in TABLES}
        self._buffer = []
        self._write_segment(tables)

    def _write_segment(self, tables: dict[str, pa.Table]) -> Path:
        self._seq += 1
        name = f"seg-{time.time_ns():020d}-{os.getpid()}-{self._seq:06d}"
        staging = self.tmp / name
        staging.mkdir()
        for table, data in tables.items():
            pq.write_table(data, staging / f"{table}.parquet")
        segment = self.dir / name
        os.replace(staging, segment)
        self._remember(segment, tables)
        return segment

    def _remember(self, segment: Path, tables: dict[str, pa.Table]) -> None:
        """Keep a segment just written in memory, and note which documents it now holds."""
        size = sum(t.nbytes for t in tables.values())
        if self._written_bytes + size <= MEMORY_BYTES:
            self._written[segment] = tables
            self._written_bytes += size
        if self._owners_cache is not None:
            for key in tables["documents"].column(KEY).to_pylist():
                owner = self._owners_cache.get(key)
                if owner is None or owner.name < segment.name:  # the newest segment wins
                    self._owners_cache[key] = segment

    def compact(self, keys: set[str], loaded: dict[str, pa.Table] | None = None) -> None:
        """Rewrite the store as one segment holding only `keys`, then drop the others.

        `loaded` is `self.load(keys)` when the caller has it already.
        """
        old = self.segments()
        if len(old) <= 1 and self._owners().keys() <= keys:
            return
        self._write_segment(loaded if loaded is not None else self.load(keys))
        for segment in old:
            shutil.rmtree(segment)
            if segment in self._written:
                self._written_bytes -= sum(t.nbytes for t in self._written.pop(segment).values())
        self._owners_cache = None

    # -- what the published tables were built from -----------------------------------------
    def read_state(self) -> dict:
        try:
            return json.loads((self.root / "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write_state(self, state: dict) -> None:
        tmp = self.tmp / "state.json"
        tmp.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.root / "state.json")

    def clear_state(self) -> None:
        (self.root / "state.json").unlink(missing_ok=True)


def keyed_table(table: str, outcomes: list[DocOutcome]) -> pa.Table:
    """`table`'s rows of `outcomes`, each with its document's key in the column KEY, as
    the store holds them."""
    data = columns_to_table(table, (o.columns[table] for o in outcomes if table in o.columns))
    keys = [o.cache_key for o in outcomes for _ in range(o.n_rows(table))]
    return data.append_column(KEY, pa.array(keys, pa.string()))
