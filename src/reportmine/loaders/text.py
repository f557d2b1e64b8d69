"""Plain-text and Markdown papers: decode robustly, then clean the markup."""

from __future__ import annotations

from reportmine.loaders.base import LoadError
from reportmine.text.normalise import clean_text

_CONTROL_OK = {9, 10, 12, 13}
_CONTROL = bytes(b for b in range(32) if b not in _CONTROL_OK)


def decode_text(data: bytes) -> str:
    """Decode as UTF-8, else Windows-1252 (common in council exports), else Latin-1.

    Rejects binary data: any NUL byte or more than 2% control characters.
    """
    if not data.strip():
        raise LoadError("empty_file", "The file is empty or holds only whitespace.")
    sample = data[:65536]
    control = len(sample) - len(sample.translate(None, _CONTROL))  # bytes < 32 not allowed
    if b"\x00" in sample or control > 0.02 * len(sample):
        raise LoadError(
            "binary_content",
            "The file looks like binary data, not text; check that it is really a text paper.",
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def load_text(data: bytes) -> list[str]:
    """One unpaginated 'page' of cleaned text."""
    text = clean_text(decode_text(data))
    if not text:
        raise LoadError("empty_file", "The file holds no readable text after clean-up.")
    return [text]
