"""The one list of extractors the pipeline runs: adding one touches this file only."""

from __future__ import annotations

from reportmine.core.config import DEFAULT_CONFIG, PipelineConfig
from reportmine.extractors.actions import ActionExtractor
from reportmine.extractors.base import Extractor
from reportmine.extractors.document_fields import DocumentFieldsExtractor
from reportmine.extractors.findings import FindingExtractor
from reportmine.extractors.inspections import InspectionExtractor
from reportmine.extractors.metrics import MetricExtractor


def default_extractors(config: PipelineConfig = DEFAULT_CONFIG) -> list[Extractor]:
    """Fresh instances of every registered extractor, in run order, set up as `config`
    says."""
    return [
        DocumentFieldsExtractor(),
        InspectionExtractor(),
        FindingExtractor(threshold=config.findings_threshold, model_path=config.findings_model),
        MetricExtractor(),
        ActionExtractor(),
    ]
