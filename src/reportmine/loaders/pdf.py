"""PDF papers: pypdfium2 for text (fast), pdfplumber only where layout matters."""

from __future__ import annotations

import io

import pypdfium2 as pdfium

from reportmine.loaders.base import LoadError
from reportmine.text.normalise import (
    dehyphenate,
    drop_page_number_lines,
    normalise_bullets,
    normalise_chars,
    reflow_lines,
    repeated_margin_lines,
    tidy_whitespace,
)

_PAGE_BREAK = "\x00"  # a separator no text contains, so the whole file is dehyphenated at once


def read_pdf_pages(data: bytes) -> list[str]:
    """Raw text of every page, as pypdfium2 gives it."""
    if not data:
        raise LoadError("empty_file", "The PDF file is empty (0 bytes).")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise LoadError(
                "encrypted_pdf", "The PDF is password-protected; supply an unlocked copy."
            ) from exc
        raise LoadError(
            "broken_pdf",
            f"The PDF could not be opened ({exc}); it may be truncated or not a PDF.",
        ) from exc
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def clean_pdf_pages(raw_pages: list[str]) -> list[str]:
    """Normalise raw page texts: hyphens, page numbers, running headers, wrapped lines."""
    joined = dehyphenate(_PAGE_BREAK.join(normalise_chars(p) for p in raw_pages))
    pages = [p.split("\n") for p in joined.split(_PAGE_BREAK)]
    pages = [drop_page_number_lines(lines, i + 1) for i, lines in enumerate(pages)]
    margins = repeated_margin_lines(pages)
    cleaned = []
    for lines in pages:
        kept = [ln for ln in lines if ln.strip() not in margins] if margins else lines
        kept = normalise_bullets("\n".join(kept)).split("\n")
        cleaned.append(tidy_whitespace(reflow_lines(kept)))
    return cleaned


def load_pdf(data: bytes) -> list[str]:
    """Cleaned text per page; refuses PDFs with no text layer at all."""
    pages = clean_pdf_pages(read_pdf_pages(data))
    if not any(p.strip() for p in pages):
        raise LoadError(
            "no_text_layer",
            f"None of the PDF's {len(pages)} pages has a text layer (a scanned image?); "
            "run OCR on it first.",
        )
    return pages


def layout_page_text(data: bytes, page_numbers: list[int]) -> dict[int, str]:
    """pdfplumber's layout-preserving text for a few 1-based pages (tables, grids).

    Slow (about 50x pypdfium2), so callers ask only for the pages where layout matters.
    """
    import pdfplumber

    out: dict[int, str] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in page_numbers:
            if 1 <= number <= len(pdf.pages):
                out[number] = pdf.pages[number - 1].extract_text(layout=True) or ""
    return out
