"""Versions recorded in every output row, so a table always says what produced it.

PIPELINE_VERSION is the release plus a digest of the code, rules, reference data and
shipped model. Incremental runs skip a document only when this matches, so a change to
any extractor re-processes everything without the user having to remember --force.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

RELEASE = "0.1.0"
SCHEMA_VERSION = "1.1"

_PACKAGE = Path(__file__).resolve().parents[1]
_MODELS = _PACKAGE.parents[1] / "models"  # beside src/ in a checkout


def code_digest() -> str:
    """sha256 over the package's code and data files and the shipped models' files."""
    digest = hashlib.sha256()
    roots = [_PACKAGE, _MODELS] if _MODELS.is_dir() else [_PACKAGE]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix not in (".pyc",) and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


PIPELINE_VERSION = f"{RELEASE}+{code_digest()}"
