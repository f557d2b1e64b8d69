"""Findings: evaluative statements about the service, as strengths or weaknesses.

Two sources: the "What needs to improve" lists of Ofsted reports (always weaknesses,
`is_recommendation`), and evaluative sentences anywhere else, scored here by a cue
lexicon kept as data.
"""

from __future__ import annotations

import re
from typing import ClassVar

from reportmine.document import Document
from reportmine.extractors.base import evidence
from reportmine.extractors.document_fields import looks_like_inspection_report
from reportmine.extractors.themes import theme_of
from reportmine.models import FindingRecord
from reportmine.text.segment import Block, blocks_cached, sentence_spans

# Headings of the lists of what an inspected authority must improve.
RECOMMENDATION_HEADING = re.compile(
    r"^(?:what\s+needs\s+to\s+improve|what\s+does\s+the\s+local\s+authority\s+need\s+to\s+"
    r"improve|recommendations|areas?\s+for\s+priority\s+action|areas?\s+for\s+improvement)",
    re.IGNORECASE,
)
# Sections whose sentences are boilerplate, procedure or decisions, never findings.
SKIP_SECTIONS = re.compile(
    r"equalit|statement\s+of\s+compliance|declaration|legal\s+(?:implications|appraisal)|"
    r"financial|budget|background\s+(?:papers|documents)|consultation|risk\s+management|"
    r"human\s+rights|sustainab|greenhouse|ward\s+implications|trade\s+union|privacy|appendi|"
    r"options|contact|recommendation|reasons?\s+for|council\s+priority|resource|"
    r"not\s+for\s+publication|portfolio|that\s+the\s+",
    re.IGNORECASE,
)
STRENGTH_CUES = re.compile(
    r"\b(?:good|well|effective(?:ly)?|timely|strong(?:er)?|strength\w*|positive(?:ly)?|"
    r"appropriate(?:ly)?|consistent(?:ly)?|robust|thorough|comprehensive|high[\s-]quality|"
    r"improv(?:ed|ing|ement)|better|swift(?:ly)?|prompt(?:ly)?|sensitive(?:ly)?|knowledgeable|"
    r"skilled|confident|committed|proportionate|clear(?:ly)?|embedded|stable|secure|"
    r"outstanding|child[\s-]centred|purposeful|meaningful|benefit\w*|uncompromising)\b",
    re.IGNORECASE,
)
WEAKNESS_CUES = re.compile(
    r"\b(?:not|no|too\s+(?:high|long|many|slow|much|few|complex)|poor(?:ly)?|inadequate|weak\w*|"
    r"delay\w*|lack\w*|insufficient(?:ly)?|inconsistent(?:ly)?|variab\w*|limited|"
    r"over[\s-]emphasis|missed\s+opportunit\w*|concern\w*|fail\w*|deteriorat\w*|little|"
    r"yet\s+to|requires?\s+improvement|shortfall|difficult\w*|challeng\w*|gaps?|drift|"
    r"unable|ineffective|inappropriate(?:ly)?|unclear|vulnerab\w*|risks?|never|without|"
    r"(?:do|does|did|are|is|was|were|has|have)n't|cannot)\b",
    re.IGNORECASE,
)
NOT_A_FINDING = re.compile(
    r"^(?:Action\s*:|ACTION\b)|\b(?:will\s+be|will\b|is\s+planned|are\s+planned|plan\s+to|"
    r"asked\s+to|is\s+being|are\s+being|was\s+announced|report\s+sets\s+out|this\s+report|"
    r"purpose\s+of|in\s+response\s+to\s+a\s+(?:query|question))\b",
    re.IGNORECASE,
)
MIN_WORDS = 5


def _recommendation_blocks(blocks: tuple[Block, ...]) -> list[Block]:
    """List items directly under a "What needs to improve" heading, until the list ends."""
    items: list[Block] = []
    in_list = False
    for block in blocks:
        if block.kind == "heading":
            in_list = bool(block.section and RECOMMENDATION_HEADING.match(block.section))
            continue
        if not in_list:
            continue
        if block.kind in ("bullet", "numbered"):
            items.append(block)
        elif items or not block.section or not RECOMMENDATION_HEADING.match(block.section):
            in_list = False
    return items


def score_polarity(sentence: str) -> tuple[str | None, float]:
    """Polarity from cue counts; None when the sentence evaluates nothing."""
    strengths = len(STRENGTH_CUES.findall(sentence))
    weaknesses = len(WEAKNESS_CUES.findall(sentence))
    if strengths == 0 and weaknesses == 0:
        return None, 0.0
    if weaknesses >= strengths:
        return "weakness", min(0.9, 0.5 + 0.1 * (weaknesses - strengths + 1))
    return "strength", min(0.9, 0.5 + 0.1 * (strengths - weaknesses))


class FindingExtractor:
    name: ClassVar[str] = "findings.rules"
    table: ClassVar[str] = "findings"

    def __init__(self, min_confidence: float = 0.5) -> None:
        self.min_confidence = min_confidence

    def extract(self, doc: Document) -> list[FindingRecord]:
        text = doc.text
        blocks = blocks_cached(text)
        out: list[FindingRecord] = []
        recommendation_starts: set[int] = set()
        if looks_like_inspection_report(text):
            for block in _recommendation_blocks(blocks):
                recommendation_starts.add(block.start)
                item = text[block.body_start : block.end]
                out.append(
                    FindingRecord(
                        text=item,
                        polarity="weakness",
                        theme=theme_of(item),
                        section=block.section,
                        is_recommendation=True,
                        **evidence(doc, block.body_start, block.end, f"{self.name}:list", 0.95),
                    )
                )
        for block in blocks:
            if block.kind == "heading" or block.start in recommendation_starts:
                continue
            if block.section and SKIP_SECTIONS.search(block.section):
                continue
            for start, end in sentence_spans(text, block.body_start, block.end):
                sentence = text[start:end]
                if len(sentence.split()) < MIN_WORDS or NOT_A_FINDING.search(sentence):
                    continue
                polarity, confidence = score_polarity(sentence)
                if polarity is None or confidence < self.min_confidence:
                    continue
                out.append(
                    FindingRecord(
                        text=sentence,
                        polarity=polarity,
                        theme=theme_of(sentence),
                        section=block.section,
                        is_recommendation=False,
                        **evidence(doc, start, end, f"{self.name}:lexicon", confidence),
                    )
                )
        return out
