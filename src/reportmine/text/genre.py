"""Which genre a document is: Ofsted's own letters and reports, or a council's paper.

Every extractor reads papers of the two genres differently; the analysed document asks
once (`AnalysedDocument.is_inspection_report`).
"""

from __future__ import annotations

import re

from reportmine.text.scan import Pattern

HEAD_CHARS = 3000  # the opening a genre and a paper's header fields are read from
# Ofsted's own letters and reports, recognised from their opening page.
OFSTED_REPORT = Pattern(
    r"\bInspection\s+of\s+[A-Z][\w ,'&-]{2,60}?\s+local\s+authority\s+children'?s\s+services"
    r"|\bThis\s+letter\s+summarises\s+the\s+(?:findings|outcome)"
    r"|\b(?:His|Her)\s+Majesty'?s\s+Inspectors?\s+for\s+this\s+(?:visit|inspection)"
    r"|\bInspection\s+dates?\s*:"
    r"|\bLead\s+inspector\s*:"
    r"|\bJoint\s+area\s+SEND\s+inspection\s+in\b|\barea\s+SEND\s+inspection\s+in\b"
    r"|\bOfsted\s+(?:Piccadilly|Agora|Clive\s+House)\b",
    re.IGNORECASE,
)
# What a council officer's report to a meeting has in its heading.
COUNCIL_REPORT = re.compile(
    r"\bReport\s+to\s*:|\bReport\s+of\s+the\b|\bReport\s+of\s*:|\bREPORT\s+OF\s*:|"
    r"\bRelevant\s+Officer\b|\bDate\s+of\s+Meeting\b|\bSummary\s+statement\b|"
    r"\bPurpose\s+of\s+(?:the\s+)?report\b|\bReport\s+Author\b|\bRecommendations?\s*:|"
    r"^\s*From\s*:[^\n]*\n(?:[^\n]*\n){0,8}?\s*To\s*:",
    re.IGNORECASE | re.MULTILINE,
)


def looks_like_inspection_report(text: str) -> bool:
    """True for Ofsted's own letters and reports, judged from their first page; a council
    report that quotes one in its heading is the council's."""
    head = text[:HEAD_CHARS]
    return OFSTED_REPORT.found(head) and not COUNCIL_REPORT.search(head[:600])
