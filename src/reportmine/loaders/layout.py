"""Tables of a PDF page from pdfplumber's layout, read only when an extractor asks."""

from __future__ import annotations

import io


class PdfTables:
    """Callable page -> tables (rows of cell texts); cached, and free until first called.

    pdfplumber is about 50x slower than pypdfium2, so it runs only for the pages where
    the fast text is not enough (a judgement grid whose rows came out scrambled).
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pages: dict[int, list[list[list[str]]]] = {}

    def __call__(self, page: int) -> list[list[list[str]]]:
        if page not in self._pages:
            import pdfplumber

            with pdfplumber.open(io.BytesIO(self._data)) as pdf:
                tables = pdf.pages[page - 1].extract_tables() if page <= len(pdf.pages) else []
            self._pages[page] = [
                [[" ".join((cell or "").split()) for cell in row] for row in table]
                for table in tables
            ]
        return self._pages[page]
