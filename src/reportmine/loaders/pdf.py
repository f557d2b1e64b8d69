"""PDF papers: pypdfium2 for text (fast), pdfplumber only where layout matters."""

from __future__ import annotations

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
        if b"%%EOF" not in data[-2048:]:
            raise LoadError(
                "broken_pdf",
                f"The PDF is truncated: it has no end-of-file marker ({exc}). "
                "Download or copy it again.",
            ) from exc
        raise LoadError(
            "broken_pdf",
            f"The PDF could not be opened ({exc}); it may be damaged or not a PDF.",
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


def _has_images(data: bytes, max_pages: int = 50) -> bool:
    """Whether any of the first pages holds an image (a scan) rather than nothing."""
    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(min(len(pdf), max_pages)):
            page = pdf[index]
            found = any(True for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]))
            page.close()
            if found:
                return True
        return False
    finally:
        pdf.close()


def load_pdf(data: bytes) -> list[str]:
    """Cleaned text per page; refuses PDFs with no text layer at all."""
    pages = clean_pdf_pages(read_pdf_pages(data))
    if not any(p.strip() for p in pages):
        if _has_images(data):
            message = (
                f"None of the PDF's {len(pages)} pages has a text layer: they are images "
                "(a scan). Run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) and "
                "process the OCR'd copy."
            )
        else:
            message = (
                f"All {len(pages)} pages of the PDF are blank (no text, no images); check "
                "that the right file was saved or exported."
            )
        raise LoadError("no_text_layer", message)
    return pages

