"""Plain-text and Markdown papers: decode robustly, then clean the markup."""

from __future__ import annotations

import codecs
import re

from reportmine.loaders.base import LoadError
from reportmine.text.normalise import clean_text

# Control characters not allowed in text (tab, line feed, form feed and return are).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# Byte-order marks that say which Unicode encoding a file is in (UTF-32 before UTF-16:
# the UTF-32 little-endian mark begins with the UTF-16 one).
_BOMS = (
    ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"),
    ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16"),
)


def decode_text(data: bytes) -> str:
    """Decode as the byte-order mark says (UTF-16 or UTF-32), else UTF-8, else
    Windows-1252 (common in council exports), else Latin-1.

    Rejects binary data: a NUL character anywhere, or more than 2% control characters
    in the first 64 K characters.
    """
    if not data.strip():
        raise LoadError("empty_file", "The file is empty or holds only whitespace.")
    text = _decode(data)
    sample = text[:65536] if text is not None else ""
    control = len(_CONTROL.findall(sample))
    if text is None or "\x00" in text or control > 0.02 * len(sample):
        raise LoadError(
            "binary_content",
            "The file looks like binary data, not text; check that it is really a text paper.",
        )
    return text


def _decode(data: bytes) -> str | None:
    """The text, or None when the bytes cannot be text: a byte-order mark promised an
    encoding they are not in, or there is a NUL byte (looked for before decoding)."""
    for boms, encoding in _BOMS:
        if data.startswith(boms):
            try:
                return data.decode(encoding)  # the codec reads and drops the mark
            except UnicodeDecodeError:
                return None
    if b"\x00" in data:
        return None
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
