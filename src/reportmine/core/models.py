"""Pydantic models for every output table: the single source of the schema.

The Arrow schemas used by the writer and the JSON Schema in `schemas/` are both derived
from these classes, so a column is added or changed here and nowhere else.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from reportmine.core.metric_labels import METRIC_NAMES

SourceFormat = Literal["pdf", "txt", "md", "html", "unknown"]
DocStatus = Literal["ok", "partial", "failed"]
DocKind = Literal["report", "minutes", "decision", "agenda_item", "inspection_report", "other"]
InspectionType = Literal[
    "ilacs_standard",
    "ilacs_short",
    "ilacs",
    "focused_visit",
    "monitoring_visit",
    "jtai",
    "send_area",
    "sif",
    "other",
]
Grade = Literal["outstanding", "good", "requires_improvement", "inadequate"]
# The outcome of an area SEND inspection under the 2023 framework (it has no grades).
SendOutcome = Literal["positive", "inconsistent", "widespread_failings"]
# Where a document field was read: the text, or the file's path when the text never says.
FieldSource = Literal["text", "path"]
Polarity = Literal["strength", "weakness"]
Theme = Literal[
    "front_door",
    "child_protection",
    "children_in_care",
    "care_leavers",
    "workforce",
    "caseloads",
    "leadership",
    "quality_assurance",
    "partnership",
    "neglect",
    "homelessness",
    "exploitation",
    "placements",
    "voice_of_child",
    "management_oversight",
    "recording",
    "finance",
    "other",
]
# The metric labels, one record each in `core.metric_labels`.
MetricName = Literal[METRIC_NAMES]  # type: ignore[valid-type]
Unit = Literal["cases_per_worker", "percent", "gbp", "count"]
MoneyKind = Literal[
    "budget", "spend", "overspend", "investment", "cost", "funding", "saving", "pressure", "other"
]
ActionKind = Literal["action_point", "resolution", "recommendation", "planned_action"]
ActionStatus = Literal["planned", "in_progress", "completed"]
Stage = Literal["load", "normalise", "extract", "write"]


class Row(BaseModel):
    """Base of every table row; `table` names the Parquet file it goes to."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    table: ClassVar[str] = ""

    doc_id: str = Field(description="First 16 hex chars of the sha256 of the file's bytes.")


class EvidenceRow(Row):
    """A record extracted from text: carries where it came from and who produced it."""

    quote: str = Field(description="Exact source text: text[char_start:char_end].")
    char_start: int = Field(ge=0, description="Offset into the document's normalised text.")
    char_end: int = Field(ge=0)
    page: int | None = Field(default=None, ge=1, description="1-based page; null if unpaginated.")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    extractor: str = Field(default="rules", description="Component and rule that produced it.")


class DocumentFields(BaseModel):
    """The fields of a `documents` row that are read from the text."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    council: str | None = None
    council_code: str | None = None
    council_source: FieldSource | None = Field(
        default=None,
        description="Where `council` was read: `text`, or `path` (a folder or file name "
        "naming the council or its web host) when the text never names it.",
    )
    doc_kind: DocKind | None = None
    committee: str | None = None
    meeting_date: date | None = None
    meeting_date_source: FieldSource | None = Field(
        default=None,
        description="Where `meeting_date` was read: `text`, or `path` (a dated folder or "
        "file name) when the text gives no meeting date.",
    )
    title: str | None = None


class DocumentSource(Row):
    """Where a `documents` row came from and whether it was read."""

    source_path: str
    source_format: str
    status: DocStatus = "ok"


class DocumentRecord(DocumentFields, DocumentSource):
    table: ClassVar[str] = "documents"

    n_pages: int = 0
    n_chars: int = 0
    pipeline_version: str
    schema_version: str


class InspectionRecord(EvidenceRow):
    table: ClassVar[str] = "inspections"

    inspection_type: InspectionType
    start_date: date | None = None
    end_date: date | None = None
    published_date: date | None = None
    judgement: Grade | None = None
    judgement_leaders: Grade | None = None
    judgement_help_protection: Grade | None = None
    judgement_in_care: Grade | None = None
    judgement_care_leavers: Grade | None = None
    lead_inspector: str | None = None
    inspectors: list[str] = Field(default_factory=list)
    focus: str | None = None
    outcome: SendOutcome | None = Field(
        default=None,
        description="Area SEND inspections from 2023: the partnership's arrangements "
        "`positive` (typically lead to positive experiences and outcomes), `inconsistent`, "
        "or `widespread_failings` (widespread and/or systemic failings).",
    )


class FindingRecord(EvidenceRow):
    table: ClassVar[str] = "findings"

    text: str
    polarity: Polarity
    theme: Theme | None = None
    section: str | None = None
    is_recommendation: bool = False


class MetricRecord(EvidenceRow):
    table: ClassVar[str] = "metrics"

    metric: MetricName
    value: float
    unit: Unit
    value_max: float | None = None
    previous_value: float | None = None
    is_target: bool = False
    subject: str | None = None
    money_kind: MoneyKind | None = None
    period: str | None = None


class ActionRecord(EvidenceRow):
    table: ClassVar[str] = "actions"

    text: str
    kind: ActionKind
    owner: str | None = None
    due_date: date | None = None
    due_text: str | None = None
    status: ActionStatus | None = None


class ErrorRecord(Row):
    table: ClassVar[str] = "errors"

    doc_id: str | None = None  # type: ignore[assignment]  # unreadable files may have no id
    source_path: str
    stage: Stage
    error_type: str
    message: str


RECORD_MODELS: tuple[type[EvidenceRow], ...] = (
    InspectionRecord,
    FindingRecord,
    MetricRecord,
    ActionRecord,
)
TABLE_MODELS: dict[str, type[Row]] = {
    m.table: m for m in (DocumentRecord, *RECORD_MODELS, ErrorRecord)
}
TABLES = tuple(TABLE_MODELS)  # the output tables, in the order they are written
RECORD_TABLES = tuple(m.table for m in RECORD_MODELS)  # the tables extractors fill
