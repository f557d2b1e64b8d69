"""reportmine: council committee papers about children's services inspections -> tables.

The library API (`process_file`, `run_batch`) is what the CLI wraps; a notebook can call it.
For analysis, `reportmine.load(OUT_DIR)`, `reportmine.extract(path_or_text)`,
`reportmine.query(OUT_DIR, sql)` and the others in `reportmine.api` are imported on first
use, so worker processes that import this package load neither pandas nor pyarrow.
"""

from reportmine.core.version import PIPELINE_VERSION, RELEASE, SCHEMA_VERSION

__version__ = RELEASE

API_NAMES = ("council_summary", "extract", "load", "query", "tables")

__all__ = ["PIPELINE_VERSION", "SCHEMA_VERSION", "__version__", *API_NAMES]


def __getattr__(name: str):
    if name in API_NAMES:
        from reportmine import api

        return getattr(api, name)
    raise AttributeError(f"module 'reportmine' has no attribute {name!r}")
