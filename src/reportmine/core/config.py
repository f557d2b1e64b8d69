"""The pipeline's configuration: built by the CLI or the API, sent to every worker, and
part of the pipeline version, so a changed setting re-processes the documents it affects
without `--force` and without environment variables."""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from reportmine.core.version import PIPELINE_VERSION


class PipelineConfig(BaseModel):
    """What a run may change about extraction. The defaults are the shipped pipeline."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    findings_model: Path | None = Field(
        default=None,
        description="Folder of a findings model trained by `reportmine train` (default: "
        "the model shipped in models/findings_textcat).",
    )
    findings_threshold: float | None = Field(
        default=None, ge=0.0, le=1.0,
        description="Least classifier probability a finding needs (default: the threshold "
        "stored with the model).",
    )

    @cached_property
    def pipeline_version(self) -> str:
        """PIPELINE_VERSION for the defaults; with anything else, a digest of the settings
        (and of a chosen model's files) appended, so their results are kept apart."""
        if self == DEFAULT_CONFIG:
            return PIPELINE_VERSION
        digest = hashlib.sha256(self.model_dump_json().encode())
        if self.findings_model is not None and self.findings_model.is_dir():
            for path in sorted(self.findings_model.rglob("*")):
                if path.is_file():
                    digest.update(path.relative_to(self.findings_model).as_posix().encode())
                    digest.update(path.read_bytes())
        return f"{PIPELINE_VERSION}.config-{digest.hexdigest()[:8]}"


DEFAULT_CONFIG = PipelineConfig()
