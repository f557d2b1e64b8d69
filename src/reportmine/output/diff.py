"""What changed between an accepted run's output and a new one, record by record.

Identical rows are paired first (as many times as each occurs), so only what differs
is listed. The rest are paired by where they come from: a record by its document and
quote span, a document or error row by its document and path. A pair is a record that
changed (with the fields that did); an unpaired new row appeared, an unpaired old one
disappeared. The versions stamped on every documents row are not compared.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reportmine.core.models import TABLE_MODELS, TABLES, EvidenceRow
from reportmine.output.frames import check_output_dir, read_arrow

IGNORED_COLUMNS = frozenset({"pipeline_version", "schema_version"})
ChangeKind = Literal["appeared", "disappeared", "changed"]
MARKS: dict[str, str] = {"appeared": "+", "disappeared": "-", "changed": "~"}


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def compared(row: dict) -> tuple:
    """A row's compared values, hashable."""
    return tuple((k, _hashable(v)) for k, v in row.items() if k not in IGNORED_COLUMNS)


def identity(table: str, row: dict) -> tuple:
    """Where a row comes from: what pairs an old row with its changed new one."""
    if issubclass(TABLE_MODELS[table], EvidenceRow):
        return row.get("doc_id"), row.get("char_start"), row.get("char_end")
    return row.get("doc_id"), row.get("source_path")


def _short(value: Any, width: int = 60) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _shown(value: Any) -> bool:
    """Whether a field says something (not null, empty or a false flag)."""
    return value is not None and value is not False and value != [] and value != ""


@dataclass(frozen=True)
class RecordChange:
    table: str
    kind: ChangeKind
    source_path: str
    old: dict | None = None
    new: dict | None = None

    def changed_fields(self) -> dict[str, tuple[Any, Any]]:
        """Field -> (old, new) for the fields that differ (empty unless `changed`)."""
        if self.old is None or self.new is None:
            return {}
        names = [n for n in dict.fromkeys([*self.old, *self.new]) if n not in IGNORED_COLUMNS]
        return {n: (self.old.get(n), self.new.get(n)) for n in names
                if _hashable(self.old.get(n)) != _hashable(self.new.get(n))}

    def line(self) -> str:
        """One line: `~ metrics seeds/x.txt p.3: value 18.0 -> 19.0 "quote"`."""
        row = self.new if self.new is not None else self.old
        assert row is not None
        where = self.source_path + (f" p.{row['page']}" if row.get("page") else "")
        if self.kind == "changed":
            what = "; ".join(f"{n} {_short(a, 40)} -> {_short(b, 40)}"
                             for n, (a, b) in self.changed_fields().items())
        else:
            own = [n for n in TABLE_MODELS[self.table].model_fields
                   if n not in EvidenceRow.model_fields and n not in IGNORED_COLUMNS]
            what = " ".join(f"{n}={_short(row[n], 40)}" for n in own if _shown(row.get(n)))
        quote = f' "{_short(row["quote"], 80)}"' if row.get("quote") else ""
        return f"{MARKS[self.kind]} {self.table} {where}: {what}{quote}"


@dataclass
class RunDiff:
    baseline: str
    current: str
    changes: list[RecordChange] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found = Counter(c.kind for c in self.changes)
        return {kind: found.get(kind, 0) for kind in MARKS}

    def summary(self) -> str:
        counts = ", ".join(f"{n} {kind}" for kind, n in self.counts().items())
        return f"since {self.baseline}: {counts}"

    def lines(self) -> list[str]:
        return [self.summary(), *(c.line() for c in self.changes)]


def _unpaired(rows: list[dict], paired: Counter) -> list[dict]:
    """The rows left once `paired` (how many of each row have an identical twin) is used up."""
    budget = Counter(paired)
    left = []
    for row in rows:
        key = compared(row)
        if budget[key] > 0:
            budget[key] -= 1
        else:
            left.append(row)
    return left


def diff_rows(table: str, old_rows: list[dict], new_rows: list[dict],
              paths: dict[str, str]) -> list[RecordChange]:
    """The changes in one table; `paths` gives a doc_id's source path for the lines."""
    identical = Counter(map(compared, old_rows)) & Counter(map(compared, new_rows))
    old_left, new_left = _unpaired(old_rows, identical), _unpaired(new_rows, identical)
    waiting: dict[tuple, deque] = defaultdict(deque)
    for row in old_left:
        waiting[identity(table, row)].append(row)

    def path_of(row: dict) -> str:
        return row.get("source_path") or paths.get(row.get("doc_id") or "", row.get("doc_id"))

    changes = []
    for row in new_left:
        same_place = waiting.get(identity(table, row))
        if same_place:
            changes.append(RecordChange(table, "changed", path_of(row), same_place.popleft(), row))
        else:
            changes.append(RecordChange(table, "appeared", path_of(row), None, row))
    for rows in waiting.values():
        changes += [RecordChange(table, "disappeared", path_of(r), r, None) for r in rows]
    return changes


def diff_runs(baseline_dir: Path | str, out_dir: Path | str) -> RunDiff:
    """Every record that appeared, disappeared or changed from BASELINE to OUT_DIR."""
    baseline, current = check_output_dir(Path(baseline_dir)), check_output_dir(Path(out_dir))
    old = {t: read_arrow(baseline, t).to_pylist() for t in TABLES}
    new = {t: read_arrow(current, t).to_pylist() for t in TABLES}
    paths = {d["doc_id"]: d["source_path"] for d in [*old["documents"], *new["documents"]]}
    result = RunDiff(str(baseline), str(current))
    for table in TABLES:
        result.changes += diff_rows(table, old[table], new[table], paths)
    return result
