"""Versions recorded in every output row, so a table always says what produced it."""

PIPELINE_VERSION = "0.1.0"
SCHEMA_VERSION = "1.0"
