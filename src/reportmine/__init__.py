"""reportmine: council committee papers about children's services inspections -> tables.

The library API (`process_file`, `run_batch`) is what the CLI wraps; a notebook can call it.
"""

from reportmine.version import PIPELINE_VERSION, RELEASE, SCHEMA_VERSION

__version__ = RELEASE

__all__ = ["PIPELINE_VERSION", "SCHEMA_VERSION", "__version__"]
