"""HTML pages (including files saved as .pdf that are really web pages)."""

from __future__ import annotations

from html.parser import HTMLParser

from reportmine.loaders.base import LoadError
from reportmine.loaders.text import decode_text
from reportmine.text.normalise import BULLET, clean_text

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer"}
_BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "header",
    "main",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
}


class _TextCollector(HTMLParser):
    """Collects visible text, with a line break at every block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self._skip_depth += 1
        elif tag == "li":
            self.parts.append(f"\n{BULLET} ")
        elif tag in ("td", "th"):
            self.parts.append("  ")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return clean_text("".join(collector.parts))


def load_html(data: bytes) -> list[str]:
    text = html_to_text(decode_text(data))
    if not text:
        raise LoadError("no_text", "The HTML page has no visible text.")
    return [text]
