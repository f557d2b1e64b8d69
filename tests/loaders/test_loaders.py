"""Loaders on made-up inputs: every format, and every way a file can be bad."""

from __future__ import annotations

import pytest

from reportmine.loaders import LoadError, load_document, sniff_format
from tests.conftest import CORPUS


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_text_file_is_cleaned_and_unpaginated(tmp_path):
    path = _write(tmp_path, "a.txt", b"<b>DATE:</b>\t9 <sup>th</sup> June 2022\n")
    doc = load_document(path, tmp_path)
    assert doc.text == "DATE: 9th June 2022"
    assert doc.page_of(0) is None and doc.source_path == "a.txt" and doc.source_format == "txt"


def test_windows_1252_text_is_decoded_not_rejected(tmp_path):
    path = _write(tmp_path, "w.txt", "Cost \u00a3923k \u2013 the \u2018plan\u2019".encode("cp1252"))
    assert load_document(path).text == "Cost \u00a3923k \u2013 the 'plan'"


def test_html_drops_scripts_and_styles(tmp_path):
    html = (
        b"<html><head><style>p{color:red}</style><title>t</title></head><body>"
        b"<script>var x = 1;</script><h1>Report</h1><p>Caseloads are high.</p>"
        b"<ul><li>one</li><li>two</li></ul></body></html>"
    )
    doc = load_document(_write(tmp_path, "p.html", html))
    assert doc.text == "Report\n\nCaseloads are high.\n\n\u2022 one\n\u2022 two"


def test_html_saved_as_pdf_is_read_as_html(tmp_path):
    path = _write(
        tmp_path, "fake.pdf", b"<!DOCTYPE html><html><body><p>Not a PDF</p></body></html>"
    )
    assert sniff_format(path, path.read_bytes()) == "html"
    assert load_document(path).text == "Not a PDF"


@pytest.mark.parametrize(
    ("name", "data", "error_type"),
    [
        ("empty.txt", b"", "empty_file"),
        ("blank.txt", b"   \n\n ", "empty_file"),
        ("zero.pdf", b"", "empty_file"),
        ("garbage.txt", bytes(range(256)) * 20, "binary_content"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "broken_pdf"),
        ("notes.docx", b"PK\x03\x04 zipped", "unsupported_format"),
        ("image.png", b"\x89PNG\r\n\x1a\n", "unsupported_format"),
    ],
)
def test_bad_inputs_raise_load_error(tmp_path, name, data, error_type):
    with pytest.raises(LoadError) as info:
        load_document(_write(tmp_path, name, data))
    assert info.value.error_type == error_type
    assert info.value.message


def test_pdf_without_text_layer_is_flagged(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    for _ in range(3):
        pdf.add_page()
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(LoadError) as info:
        load_document(path)
    assert info.value.error_type == "no_text_layer"


def test_corpus_pdf_has_pages_and_no_page_number_lines():
    path = CORPUS / "pdf" / "000_8a4e7b8bd713e448.pdf"
    doc = load_document(path, CORPUS)
    assert doc.n_pages > 1
    assert doc.page_of(0) == 1 and doc.page_of(len(doc.text) - 1) == doc.n_pages
    lines = doc.text.split("\n")
    assert not any(line.strip().isdigit() for line in lines)
    assert "Report of the Ofsted Focused Visit 19-20 February 2020" in doc.text


PAPER = "Caseloads average 18 per social worker. The overspend is \u00a3923k.\n"


def test_a_pdf_saved_as_txt_is_recognised_by_its_bytes(tmp_path):
    """Issue 18: the sniff compared b"%pdf-" with bytes not lower-cased, so a real PDF
    was known by its name only, and one saved as .txt was called binary."""
    pdf = (CORPUS / "pdf" / "000_8a4e7b8bd713e448.pdf").read_bytes()
    path = _write(tmp_path, "saved as.txt", pdf)
    assert sniff_format(path, pdf[:2048]) == "pdf"
    doc = load_document(path)
    assert doc.source_format == "pdf" and doc.n_pages > 0


def test_a_text_paper_that_mentions_the_pdf_header_is_read_as_text(tmp_path):
    """Issue 18: lower-case "%pdf-" anywhere in the first KB made a text paper a broken PDF."""
    data = f"Attachments: scan.%pdf-1.4 format\n{PAPER}".encode()
    doc = load_document(_write(tmp_path, "paper.txt", data))
    assert doc.source_format == "txt" and "Caseloads average 18" in doc.text


def test_text_that_mentions_html_is_not_read_as_html(tmp_path):
    data = f"Saved from the council's <html> page\n{PAPER}".encode()
    assert load_document(_write(tmp_path, "paper.txt", data)).source_format == "txt"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_text_with_a_byte_order_mark_is_decoded_not_called_binary(
    tmp_path, encoding
):
    """Issue 18: UTF-16 text is full of NUL bytes; its byte-order mark says what it is."""
    data = ("\ufeff" if encoding == "utf-16-be" else "") + PAPER
    doc = load_document(_write(tmp_path, "paper.txt", data.encode(encoding)))
    assert doc.text == PAPER.strip()


def test_a_nul_byte_past_the_first_64kb_rejects_the_file_too(tmp_path):
    """Issue 18: only the first 64 KB were looked at for NUL bytes."""
    data = PAPER.encode() * 2000 + b"\x00binary tail"
    assert len(data) > 65536
    with pytest.raises(LoadError) as info:
        load_document(_write(tmp_path, "paper.txt", data))
    assert info.value.error_type == "binary_content"
