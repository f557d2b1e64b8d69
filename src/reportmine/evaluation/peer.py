"""Comparing reportmine's inspections with a peer scraper's CSV (peer_extraction.csv).

The peer CSV is another tool's output, not gold: it is converted to inspection fields in
reportmine's vocabulary, corrected by `corpus/gold/overrides/peer_overrides.csv` where a
reading of the PDF showed it wrong (each correction with its reason), and then compared
field by field with the run. Agreement counts only fields where the (corrected) peer has
a value. Where the peer itself has none, we count how many fields reportmine fills
("recovered"), and how many of those an override confirms.

Conversion: dates dd/mm/yyyy -> ISO; inspector_name -> lead_inspector; framework
short/standard -> ilacs_short/ilacs_standard; grades lower-cased, spaces -> underscores
("requires improvement" -> requires_improvement); blank, `data_unreadable` and
`inspection_pre_dates_judgement` mean no value. `not_reported_post_reform` says the report
states no such grade (the post-April-2026 format has no overall effectiveness): there
reportmine agrees only by giving none. `publication_date` is the date in the file name, not
a published date, so it is ignored.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportmine.evaluation.matching import as_iso, as_text, field_agrees
from reportmine.evaluation.pathmatch import find_source, index_by_suffix, strip_ext
from reportmine.evaluation.run_output import RunOutput

PEER_COLUMNS = {
    "inspection_type": "inspection_framework",
    "start_date": "inspection_start_date",
    "end_date": "inspection_end_date",
    "lead_inspector": "inspector_name",
    "judgement": "overall_effectiveness_grade",
    "judgement_leaders": "impact_of_leaders_grade",
    "judgement_help_protection": "help_and_protection_grade",
    "judgement_in_care": "in_care_grade",
    "judgement_care_leavers": "care_leavers_grade",
}
FIELDS = tuple(PEER_COLUMNS)
NO_VALUE = {"", "data_unreadable", "inspection_pre_dates_judgement", "n/a", "na", "none"}
# The peer's word for "the report has no such grade": compared, and right only when blank.
STATED_ABSENT = {"not_reported_post_reform"}
FRAMEWORKS = {"short": "ilacs_short", "standard": "ilacs_standard"}
OVERRIDE_COLUMNS = ("pdf_path", "field", "value", "reason")
_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*$")


class PeerError(ValueError):
    """A peer CSV or overrides file that cannot be used as it stands."""


def _blank(raw: str | None) -> bool:
    return raw is None or raw.strip().lower() in NO_VALUE


def convert_date(raw: str | None) -> str | None:
    """dd/mm/yyyy (or dd/mm/yy) -> ISO date text; blank -> None."""
    if _blank(raw):
        return None
    m = _DATE.match(raw)
    if not m:
        raise PeerError(f"Unreadable peer date {raw!r}: expected dd/mm/yyyy")
    day, month, year = (int(g) for g in m.groups())
    if year < 100:
        year += 2000
    return date(year, month, day).isoformat()


def convert_grade(raw: str | None) -> str | None:
    if _blank(raw):
        return None
    return re.sub(r"\s+", "_", raw.strip().lower())


def convert_framework(raw: str | None) -> str | None:
    if _blank(raw):
        return None
    key = raw.strip().lower()
    return FRAMEWORKS.get(key, key)


def convert_row(row: dict[str, str]) -> dict[str, str | None]:
    """One CSV row as inspection fields in reportmine's vocabulary (None = no value)."""
    out: dict[str, str | None] = {}
    for name, column in PEER_COLUMNS.items():
        raw = row.get(column)
        if name == "inspection_type":
            out[name] = convert_framework(raw)
        elif name in ("start_date", "end_date"):
            out[name] = convert_date(raw)
        elif name == "lead_inspector":
            out[name] = None if _blank(raw) else re.sub(r"\s+", " ", raw.strip())
        else:
            out[name] = convert_grade(raw)
    return out


@dataclass
class PeerRow:
    pdf_path: str
    values: dict[str, str | None]  # after overrides
    peer_values: dict[str, str | None]  # as the peer gave them
    reasons: dict[str, str] = field(default_factory=dict)  # field -> override reason


def load_peer(csv_path: Path) -> list[PeerRow]:
    """The peer CSV converted to inspection fields (the peer's "inspection gold")."""
    with Path(csv_path).open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = {"pdf_path", *PEER_COLUMNS.values()} - set(reader.fieldnames or ())
        if missing:
            raise PeerError(f"{csv_path} lacks columns {sorted(missing)}")
        rows = []
        for row in reader:
            values = convert_row(row)
            rows.append(PeerRow(row["pdf_path"].strip(), dict(values), dict(values)))
    return rows


@dataclass
class Override:
    pdf_path: str
    field: str
    value: str | None
    reason: str


def load_overrides(path: Path) -> list[Override]:
    """Corrections in reportmine's vocabulary (ISO dates, requires_improvement); an empty
    value means "the document states no value"."""
    with Path(path).open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != OVERRIDE_COLUMNS:
            raise PeerError(f"{path}: columns must be {', '.join(OVERRIDE_COLUMNS)}")
        out = []
        for n, row in enumerate(reader, start=2):
            name = row["field"].strip()
            if name not in FIELDS:
                raise PeerError(f"{path} line {n}: unknown field {name!r}; use one of {FIELDS}")
            if not row["reason"].strip():
                raise PeerError(f"{path} line {n}: every override needs a reason")
            value = row["value"].strip() or None
            if value and name in ("start_date", "end_date"):
                value = as_iso(value)
                try:
                    date.fromisoformat(value or "")
                except ValueError as exc:
                    raise PeerError(f"{path} line {n}: date must be YYYY-MM-DD") from exc
            out.append(Override(row["pdf_path"].strip(), name, value, row["reason"].strip()))
    return out


def apply_overrides(rows: list[PeerRow], overrides: list[Override]) -> list[str]:
    """Apply corrections in place; returns the pdf_paths an override names but the CSV lacks."""
    by_path = {r.pdf_path: r for r in rows}
    unknown = []
    for o in overrides:
        row = by_path.get(o.pdf_path)
        if row is None:
            unknown.append(o.pdf_path)
            continue
        row.values[o.field] = o.value
        row.reasons[o.field] = o.reason
    return unknown


# ---- comparison ---------------------------------------------------------------------

@dataclass
class PeerField:
    field: str
    compared: int = 0  # (corrected) peer has a value and the file is in the run
    agree: int = 0
    conflict: int = 0  # both give a value, and they differ
    ours_blank: int = 0  # the peer gives a value, reportmine none
    overridden: int = 0
    peer_blank: int = 0  # the peer itself gave no value (blank or unreadable)
    recovered: int = 0  # ...and reportmine gives one
    recovered_verified: int = 0  # ...which an override confirms

    @property
    def agreement(self) -> float | None:
        return self.agree / self.compared if self.compared else None

    def to_dict(self) -> dict:
        return {**self.__dict__, "agreement": self.agreement}


@dataclass
class PeerDisagreement:
    file: str
    field: str
    peer: str | None
    ours: str | None
    kind: str = "conflict"  # "conflict" | "ours_blank" | "recovered"
    overridden: bool = False
    reason: str = ""


@dataclass
class PeerReport:
    csv_path: str
    overrides_path: str | None
    n_rows: int = 0
    n_in_run: int = 0
    not_in_run: list[str] = field(default_factory=list)
    no_inspection: list[str] = field(default_factory=list)  # in the run, but no inspection row
    unknown_overrides: list[str] = field(default_factory=list)
    fields: dict[str, PeerField] = field(default_factory=dict)
    disagreements: list[PeerDisagreement] = field(default_factory=list)
    recovered: list[PeerDisagreement] = field(default_factory=list)


_MAIN_TYPES = ("ilacs_standard", "ilacs_short", "ilacs", "sif")


def main_inspection(rows: list[dict]) -> dict | None:
    """The inspection a report is about: among full-inspection rows (ILACS/SIF, else any),
    the one stating the most compared fields, then the earliest in the text. Chosen
    without looking at the peer, so the comparison cannot pick our best-agreeing row."""
    if not rows:
        return None
    pool = [r for r in rows if r.get("inspection_type") in _MAIN_TYPES] or list(rows)

    def rank(r: dict) -> tuple:
        filled = sum(r.get(f) is not None for f in FIELDS)
        return (-filled, r.get("char_start") or 0)

    return sorted(pool, key=rank)[0]


def _ours(row: dict | None, name: str) -> str | None:
    if row is None:
        return None
    value = row.get(name)
    return as_iso(value) if name.endswith("_date") else as_text(value)


def compare_peer(
    rows: list[PeerRow], run: RunOutput, csv_path: Path, overrides_path: Path | None = None
) -> PeerReport:
    report = PeerReport(str(csv_path), str(overrides_path) if overrides_path else None)
    report.n_rows = len(rows)
    report.fields = {f: PeerField(f) for f in FIELDS}
    docs = run.documents_by_path()
    index = index_by_suffix(docs)
    for prow in rows:
        hits = find_source(strip_ext(prow.pdf_path), index)
        if not hits:
            report.not_in_run.append(prow.pdf_path)
            continue
        report.n_in_run += 1
        doc = docs[hits[0]]
        ours_row = main_inspection(run.rows("inspections", doc["doc_id"]))
        if ours_row is None:
            report.no_inspection.append(prow.pdf_path)
        for name in FIELDS:
            stat = report.fields[name]
            ref, ours = prow.values.get(name), _ours(ours_row, name)
            overridden = name in prow.reasons
            stat.overridden += int(overridden)
            reason = prow.reasons.get(name, "")
            if prow.peer_values.get(name) is None:
                stat.peer_blank += 1
                if ours is not None:
                    stat.recovered += 1
                    stat.recovered_verified += ref is not None and field_agrees(name, ref, ours)
                    report.recovered.append(
                        PeerDisagreement(prow.pdf_path, name, ref, ours, "recovered",
                                         overridden, reason)
                    )
            if ref is None:
                continue
            stat.compared += 1
            if (ours is None) if ref in STATED_ABSENT else field_agrees(name, ref, ours):
                stat.agree += 1
                continue
            kind = "ours_blank" if ours is None else "conflict"
            stat.ours_blank += kind == "ours_blank"
            stat.conflict += kind == "conflict"
            report.disagreements.append(
                PeerDisagreement(prow.pdf_path, name, ref, ours, kind, overridden, reason)
            )
    return report


def find_peer_csv(gold_dirs: list[Path]) -> Path | None:
    """`<root>/ofsted-reports/peer_extraction.csv` for a gold root, or the CSV beside an
    `ofsted-reports/gold` folder."""
    for g in gold_dirs:
        name = "peer_extraction.csv"
        candidates = (g / "ofsted-reports" / name, g.parent / name)
        for candidate in candidates:
            if candidate.is_file():
                return candidate
    return None


def find_overrides(gold_dirs: list[Path]) -> Path | None:
    """The project's `corpus/gold/overrides/peer_overrides.csv`: beside a given gold folder,
    under the working directory, or in the source checkout this package runs from."""
    rel = Path("corpus") / "gold" / "overrides" / "peer_overrides.csv"
    candidates = [g / "overrides" / "peer_overrides.csv" for g in gold_dirs]
    candidates += [Path.cwd() / rel, Path(__file__).resolve().parents[3] / rel]
    return next((c for c in candidates if c.is_file()), None)
