from reportmine.core.document import Document, doc_id_for_bytes


def test_doc_id_is_content_addressed():
    assert doc_id_for_bytes(b"abc") == doc_id_for_bytes(b"abc")
    assert len(doc_id_for_bytes(b"abc")) == 16
    assert doc_id_for_bytes(b"abc") != doc_id_for_bytes(b"abd")


def test_page_of_maps_offsets_to_pages():
    doc = Document("d", "x.pdf", "pdf", "aaa\n\nbbb\n\nccc", page_starts=[0, 5, 10])
    assert [doc.page_of(i) for i in (0, 4, 5, 9, 10, 12)] == [1, 1, 2, 2, 3, 3]
    assert doc.page_text(2) == "bbb\n\n"
    assert Document("d", "x.txt", "txt", "abc").page_of(1) is None
