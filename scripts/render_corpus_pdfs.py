"""Render seed papers as multi-page PDFs so the PDF path is tested without ../shared.

The PDFs (with footer page numbers and wrapped lines, as real papers have) and a copy of
each seed's gold go to corpus/papers/pdf/ and corpus/gold/pdf/. Run from the repo root:
    python scripts/render_corpus_pdfs.py
"""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

from reportmine.loaders.text import decode_text
from reportmine.text.normalise import clean_text

SEEDS = ["000_8a4e7b8bd713e448", "003_a34c8c92c159d15d"]
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
ROOT = Path(__file__).resolve().parents[1]


class _Paper(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("body", size=9)
        self.cell(0, 10, str(self.page_no()), align="C")


def render(text: str, target: Path) -> None:
    pdf = _Paper(format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))  # reproducible bytes
    pdf.add_font("body", fname=str(FONT))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("body", size=11)
    for paragraph in text.split("\n"):
        pdf.multi_cell(0, 6, paragraph or " ", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(target))


def main() -> None:
    out_pdf = ROOT / "corpus/papers/pdf"
    out_gold = ROOT / "corpus/gold/pdf"
    out_pdf.mkdir(parents=True, exist_ok=True)
    out_gold.mkdir(parents=True, exist_ok=True)
    for stem in SEEDS:
        raw = (ROOT / "corpus/papers/seeds" / f"{stem}.txt").read_bytes()
        render(clean_text(decode_text(raw)), out_pdf / f"{stem}.pdf")
        shutil.copy(ROOT / "corpus/gold/seeds" / f"{stem}.json", out_gold / f"{stem}.json")
        print(f"wrote {out_pdf / stem}.pdf")


if __name__ == "__main__":
    main()
