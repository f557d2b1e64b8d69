"""Pure text clean-up shared by every loader.

Extractors see only the output of these functions, so offsets and quotes are stable
whatever the input format was.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median
from typing import Any

BULLET = "\u2022"  # the one bullet glyph extractors look for

_CHAR_MAP = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\u00ad": "",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2026": "...",
        "\t": " ",
        "\r": "",
        "\f": "\n",
        "\u2212": "-",
    }
)

# Bullet glyphs seen in council papers and Ofsted PDFs (Wingdings private-use glyphs too).
_BULLET_LINE = (
    r"[ ]*(?:[\u2022\u25aa\u25a0\u25fc\u25cf\u25e6\u2023\u2043\u2219\u00b7\u25ba\u27a2\u2713\u2714"
    r"\uf0a7\uf0b7\uf06e\uf0d8\uf0fc\uf076\uf0a8\uf02d\u25c6\u25c7\u25a1o*]|-(?!-))[ ]+(?=\S)"
)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_SUP = re.compile(r"(\d)\s*<sup>\s*(st|nd|rd|th)\s*</sup>", re.IGNORECASE)
_MD_HEADING = r"[ ]*#{1,6}[ ]*"
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_STRAY_BOLD = re.compile(r"\*\*")
_TABLE_RULE = re.compile(r"^[ ]*[|+]?[ ]*:?-{3,}:?(?:[ |+]+:?-{3,}:?)*[ ]*[|+]?[ ]*(?:\n|$)", re.M)
_TABLE_PIPES = re.compile(r"^[ ]*\|(.*)\|[ ]*$", re.MULTILINE)
_ENTITY = re.compile(r"&(nbsp|amp|lt|gt|quot|#39|pound);")
_ENTITIES = {"nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": '"', "#39": "'", "pound": "£"}


_CHAR_PAIRS = tuple((chr(code), plain) for code, plain in _CHAR_MAP.items())


class AtLineStarts:
    """`re.compile("^" + body, re.MULTILINE)`, with the same matches and substitutions,
    for a body whose matches are never empty, never hold a newline and never look behind
    their start.

    The pattern is led by the newline before each line instead: re then skips from
    newline to newline in C, where a `^` pattern is tried at every character. A newline
    is put before the text so that its first line has one too. No match holds a newline,
    so none can use up the newline that leads the next one.
    """

    def __init__(self, body: str) -> None:
        self.led = re.compile("\n(?:" + body + ")", re.MULTILINE)

    def sub(self, repl: str, text: str) -> str:
        """`pattern.sub(repl, text)` for a literal `repl` (no group references)."""
        return self.led.sub("\n" + repl.replace("\\", "\\\\"), "\n" + text)[1:]


def normalise_chars(text: str) -> str:
    """Map typographic variants (nbsp, smart quotes, zero-width marks) to plain forms.

    A `str.replace` for each variant the text holds is ~30x faster than `str.translate`
    with a dict; no replacement yields another variant, so the result is the same.
    """
    for char, plain in _CHAR_PAIRS:
        if char in text:
            text = text.replace(char, plain)
    return text


def _pipes_to_spaces(m: re.Match[str]) -> str:
    return "  ".join(c.strip() for c in m.group(1).split("|"))


# (pattern, replacement, strings one of which the pattern needs), applied in order; a text
# without any of the strings is left as it is without running the pattern.
_MARKUP_RULES: list[tuple[re.Pattern[str] | AtLineStarts, Any, tuple[str, ...]]] = [
    (_SUP, r"\1\2", ("<",)),
    (_HTML_TAG, "", ("<",)),
    (_ENTITY, lambda m: _ENTITIES[m.group(1)], ("&",)),
    (_TABLE_RULE, "", ("---",)),
    (_TABLE_PIPES, _pipes_to_spaces, ("|",)),
    (AtLineStarts(_MD_HEADING), "", ("#",)),
    (_MD_EMPHASIS, r"\2", ("**", "__")),
    (_MD_STRAY_BOLD, "", ("**",)),
]


def _apply(
    rules: list[tuple[re.Pattern[str] | AtLineStarts, Any, tuple[str, ...]]], text: str
) -> str:
    for pattern, replacement, needs in rules:
        if any(needed in text for needed in needs):
            text = pattern.sub(replacement, text)
    return text


def strip_markup(text: str) -> str:
    """Remove stray HTML and Markdown left by earlier conversions, keeping the words."""
    return _apply(_MARKUP_RULES, text)


_BULLET_LINES = AtLineStarts(_BULLET_LINE)


def normalise_bullets(text: str) -> str:
    """Give every bullet item the same glyph at the start of its own line."""
    return _BULLET_LINES.sub(BULLET + " ", text)


def tidy_whitespace(text: str) -> str:
    """Single spaces, no trailing blanks, at most one blank line between blocks.

    Plain `str.replace` passes, many times cheaper than regex substitutions: each pass
    halves every run of spaces (or shortens every run of three or more newlines) until
    none is left; once spaces are single, a blank at a line's end or start is one space
    whose removal cannot make another. Blanks at either end of the text go with `strip`.
    """
    while "  " in text:
        text = text.replace("  ", " ")
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n ")


def clean_text(text: str) -> str:
    """The full clean-up for text-like input (plain text, Markdown, converted HTML)."""
    text = normalise_chars(text)
    text = strip_markup(text)
    text = normalise_bullets(text)
    return tidy_whitespace(text)


# `\b` first: the same matches (a match starts a word), without trying every letter. The
# first word is possessive (`\w++`): neither U+FFFE nor "-" is a word character, so giving
# letters back could never let the match go on; it only cost time.
_SOFT_HYPHEN_JOIN = re.compile(r"\b(\w++)\ufffe\s*(\w+)")
_HARD_HYPHEN_BREAK = re.compile(r"\b(\w++)-[ ]*\n[ ]*(\w+)")
_HYPHEN_AT_LINE_END = re.compile(r"-[ ]*\n")  # what every hard break holds
_WORD = re.compile(r"\w+")


def dehyphenate(text: str) -> str:
    """Rejoin words split at a line end.

    pypdfium2 marks the split with U+FFFE, pdfplumber keeps "-" and a newline. Most such
    hyphens in these papers are real ("decision-making", "multi-agency"), so the hyphen is
    kept unless the joined word also occurs unhyphenated elsewhere in the text.
    """
    words: set[str] | None = None

    def join(m: re.Match[str]) -> str:
        nonlocal words
        if words is None:  # only texts with a split word pay for the word list
            words = set(_WORD.findall(text.replace("\ufffe", " ").lower()))
        left, right = m.group(1), m.group(2)
        glued = left + right
        return glued if glued.lower() in words else f"{left}-{right}"

    if "\ufffe" in text:
        text = _SOFT_HYPHEN_JOIN.sub(join, text)
    if _HYPHEN_AT_LINE_END.search(text):
        text = _HARD_HYPHEN_BREAK.sub(join, text)
    return text.replace("\ufffe", "-")


_BARE_NUMBER = re.compile(r"^\s*(?:page\s+)?(\d{1,4})(?:\s+of\s+\d{1,4})?\s*$", re.IGNORECASE)
_LIST_START = re.compile(
    r"^(?:\u2022|\(?\d{1,2}[.)](?:\s|(?=[A-Z]))|\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\.?\s"
    r"|\(?[a-z]{1,3}\)\s)"
)
_ENDS_SENTENCE = re.compile(r"[.:;?!]['\")]?$")


def drop_page_number_lines(lines: list[str], page_no: int) -> list[str]:
    """Drop a bare page number at the top or bottom of a page (pdfium puts footers first)."""

    def is_page_number(line: str) -> bool:
        m = _BARE_NUMBER.match(line)
        return bool(m) and abs(int(m.group(1)) - page_no) <= 1

    while lines and is_page_number(lines[0]):
        lines = lines[1:]
    while lines and is_page_number(lines[-1]):
        lines = lines[:-1]
    return lines


def repeated_margin_lines(pages: list[list[str]], min_share: float = 0.5) -> set[str]:
    """Lines that open or close most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        margin = {ln.strip() for ln in lines[:2] + lines[-2:] if ln.strip()}
        counts.update(margin)
    threshold = max(2, int(min_share * len(pages)))
    return {ln for ln, n in counts.items() if n >= threshold and not _BARE_NUMBER.match(ln)}


def reflow_lines(lines: list[str]) -> str:
    """Join visual lines of a PDF page into paragraphs, one paragraph per line.

    A line ends its paragraph when it is short compared with the page's full lines (a
    last line or a heading), a blank line follows, or the next line starts a list item.
    Otherwise the line break is only wrapping and becomes a space.
    """
    lines = [ln.strip() for ln in lines]
    lengths = sorted(len(ln) for ln in lines if len(ln) > 20)
    full = median(lengths[len(lengths) // 2 :]) if lengths else 80
    out: list[str] = []
    pending = ""
    for line in lines:
        if not line:
            pending = "\n" if out else ""
            continue
        if out:
            starts_block = _LIST_START.match(line) or (
                len(line) < 0.7 * full and line[:1].isupper() and _ENDS_SENTENCE.search(out[-1])
            )
            out.append(pending or ("\n" if starts_block else " "))
        out.append(line)
        short = len(line) < 0.7 * full and not line.endswith(",")
        pending = "\n" if short else ""
    return "".join(out)
