"""Actions: minuted ACTION points, resolutions, recommendations put to a committee, and
the service's planned or ongoing improvement actions."""

from __future__ import annotations

import re
from typing import ClassVar

from reportmine.document import Document
from reportmine.extractors.base import evidence
from reportmine.extractors.document_fields import looks_like_inspection_report
from reportmine.models import ActionRecord
from reportmine.parsing.dates import DATE_RE, date_from_match
from reportmine.text.scan import Anchored, folded, folded_cached, has_words
from reportmine.text.segment import blocks_cached, split_sentences

ACTION_MARKER = re.compile(r"\bACTION\b\s*(?:[-\u2013\u2014:]|\bPOINT\b)", re.UNICODE)
RESOLVED = re.compile(r"\bRESOLVED\b|\bResolved\s*(?:[-\u2013:]|that)|\bDECISION\s*:", re.UNICODE)
RECOMMENDATION_SECTION = re.compile(
    r"recommendations?\b|^that\s+the\s+|decisions?\s+required|\b(?:is|are)\s+(?:asked|"
    r"recommended|invited|requested)\s+to\b",
    re.IGNORECASE,
)
# "a) NOTE the forecast ...", "B. DELEGATE authority to ...": a decision put to members.
CAPITAL_ASK = re.compile(
    r"^(?:NOTE|NOTES|AGREE|AGREES|APPROVE|APPROVES|ENDORSE|ENDORSES|DELEGATE|DELEGATES|CONSIDER|"
    r"COMMENT|RECOMMEND|ADOPT|AUTHORISE|REQUEST|RECEIVE)\b"
)
ASK_VERBS = re.compile(
    r"^(?:\(?[a-z]\)\s*)?(?:To\s+)?(?:note|notes|noting|agree|agrees|approve|approves|"
    r"endorse|endorses|delegate|delegates|give|gives|consider|considers|comment|recommend|"
    r"recommends|identify|continue|support|supports|request|requests|receive|accept|adopt|"
    r"authorise|authorises|ask|asks|instruct)\b"
    r"|\b(?:is|are)\s+(?:asked|recommended|invited|requested)\s+to\b",
    re.IGNORECASE,
)
# Stated improvement actions and their status, by verb form.
PLANNED = re.compile(
    r"\b(?:will\s+(?:be\s+)?\w+|would\s+(?:be\s+)?\w+|is\s+planned|are\s+planned|was\s+planned|"
    r"plans?\s+to|planned\s+to|to\s+be\s+launched|about\s+to\s+be|intend(?:s|ed)?\s+to|"
    r"aims?\s+to|next\s+steps?|(?:was|were|is|are)\s+(?:due|scheduled|expected)\s+to|"
    r"committed\s+to)\b",
    re.IGNORECASE,
)
IN_PROGRESS = re.compile(
    r"\b(?:is|are|was|were)\s+being\s+\w+|\b(?:is|are|was|were)\s+(?:now\s+)?(?:underway|"
    r"ongoing|in\s+progress|taking\s+place|developing|working|continuing|piloting|tracking|"
    r"reviewing|supporting|considering|collaborating)\b|\bcontinu(?:e|es|ed|ing)\s+to\b|"
    r"\bremains?\s+in\s+place\b|\bwork\s+(?:is|was)\s+ongoing\b|\bthere\s+is\s+(?:also\s+)?work\b",
    re.IGNORECASE,
)
COMPLETED = re.compile(
    r"\b(?:has|have)\s+been\s+(?:launched|established|created|introduced|appointed|"
    r"implemented|initiated|developed|delivered|set\s+up|put\s+in\s+place|completed|"
    r"reconfigured|recruited|stepped\s+down|replaced|reviewed|agreed|undertaken|scrutinised|"
    r"strengthened|commissioned|approved|held|published|extended)\b|"
    r"\b(?:we|council|service|authority|board|team)\s+(?:has|have)\s+(?:developed|established|"
    r"launched|introduced|appointed|undertaken|reviewed|delivered|implemented|commissioned|"
    r"created|worked)\b",
    re.IGNORECASE,
)
ACTION_WORDS = re.compile(
    r"\b(?:plan|training|review|audit|strategy|recruit\w*|implement\w*|develop\w*|launch\w*|"
    r"establish\w*|introduc\w*|improve\w*|board|forum|team|panel|programme|framework|"
    r"workshop|toolkit|service|approach|group|meet\w*|track\w*|consultation|work|savings?|"
    r"controls?|action|actions|project|scheme|campaign|support\w*|reviewed|assessment)\b",
    re.IGNORECASE,
)
# The service speaking of its own work: "We will ...", "Work is ongoing ...".
FIRST_PERSON = re.compile(r"^(?:We|Work|Officers|The\s+(?:service|council|team))\b")
DUE_TEXT = re.compile(
    r"\b(?:by|before|from|during|in|at|until|within)\s+(?:the\s+)?(?:end\s+of\s+)?"
    r"(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)(?:\s+20\d\d)?|(?:next|this|the\s+next)\s+"
    r"(?:quarter|month|year|financial\s+year)|20\d\d(?:/\d\d)?|Q[1-4])\b",
    re.IGNORECASE,
)
SKIP_SECTIONS = re.compile(
    r"equalit|statement\s+of\s+compliance|declaration|background\s+(?:papers|documents)|"
    r"human\s+rights|sustainab|greenhouse|ward\s+implications|trade\s+union|privacy|contact",
    re.IGNORECASE,
)
_OWNER = re.compile(r"^That\s+(?:the\s+)?(?P<o>[A-Z][\w' ]{2,60}?)\s*:?\s*$")


# Lower-case words one of which each pattern needs: a sentence without them cannot match.
_PLANNED_WORDS = (
    "will",
    "would",
    "plan",
    "launched",
    "about",
    "intend",
    "aim",
    "next",
    "due",
    "scheduled",
    "expected",
    "committed",
)
_IN_PROGRESS_WORDS = (
    "being",
    "underway",
    "ongoing",
    "progress",
    "taking",
    "developing",
    "working",
    "continu",
    "piloting",
    "tracking",
    "reviewing",
    "supporting",
    "considering",
    "collaborating",
    "remain",
    "there",
)
_COMPLETED_WORDS = (
    "been",
    "developed",
    "established",
    "launched",
    "introduced",
    "appointed",
    "undertaken",
    "reviewed",
    "delivered",
    "implemented",
    "commissioned",
    "created",
    "worked",
)

STATUS_RULES: list[tuple[re.Pattern[str], str]] = [
    (COMPLETED, "completed"),
    (IN_PROGRESS, "in_progress"),
    (PLANNED, "planned"),
]


# The words every match of each pattern begins with (lower-case; IGNORECASE patterns
# whose alternatives all start with these literals after a \b): the pattern is tried only
# where one of them occurs. Listed most frequent first, so `Anchored.found` can stop early.
_PLANNED_AT = Anchored(
    PLANNED,
    ("will", "would", "is", "are", "was", "were", "plan", "to", "about", "intend", "aim")
    + ("next", "committed"),
)
_IN_PROGRESS_AT = Anchored(
    IN_PROGRESS, ("is", "are", "was", "were", "continu", "remain", "work", "there")
)
_COMPLETED_AT = Anchored(
    COMPLETED, ("has", "have", "we", "council", "service", "authority", "board", "team")
)
_ACTION_WORDS_AT = Anchored(
    ACTION_WORDS,
    ("service", "work", "plan", "support", "team", "review", "develop", "improve", "action")
    + ("training", "audit", "strategy", "recruit", "implement", "launch", "establish")
    + ("introduc", "board", "forum", "panel", "programme", "framework", "workshop", "toolkit")
    + ("approach", "group", "meet", "track", "consultation", "saving", "control", "project")
    + ("scheme", "campaign", "assessment"),
)
_DUE_AT = Anchored(DUE_TEXT, ("by", "before", "from", "during", "in", "at", "until", "within"))


_ANCHORED = {a.pattern: a for a in (_COMPLETED_AT, _IN_PROGRESS_AT, _PLANNED_AT)}
STATUS_AT: list[tuple[Anchored, str]] = [(_ANCHORED[rx], label) for rx, label in STATUS_RULES]


def status_of(sentence: str, low: str | None = None) -> str | None:
    """The first status whose verb form the sentence uses; `low` is `folded(sentence)`."""
    low = folded(sentence) if low is None else low
    for anchored, label in STATUS_AT:
        if anchored.found(sentence, low):
            return label
    return None


# Every DUE_TEXT match holds one of these: a month, "quarter", "month", "year", a year
# ("20\d\d") or a quarter ("Q[1-4]").
_DUE_WORDS = (
    ("january", "february", "march", "april", "may", "june", "july", "august", "september")
    + ("october", "november", "december", "quarter", "month", "year", "20", "q1", "q2")
    + ("q3", "q4")
)


def due_of(sentence: str, low: str | None = None) -> tuple[str | None, object]:
    """The stated deadline and its date; `low` is `folded(sentence)` when known."""
    low = folded(sentence) if low is None else low
    if not has_words(low, _DUE_WORDS):
        return None, None
    m = _DUE_AT.search(sentence, low)
    if not m:
        return None, None
    d = DATE_RE.search(m.group(0))
    if d:
        try:
            return m.group(0), date_from_match(d)
        except ValueError:
            pass
    return m.group(0), None


class ActionExtractor:
    name: ClassVar[str] = "actions.rules"
    table: ClassVar[str] = "actions"

    def extract(self, doc: Document) -> list[ActionRecord]:
        text = doc.text
        if looks_like_inspection_report(text):
            return []  # Ofsted's recommendations are findings, not the council's actions
        out: list[ActionRecord] = []
        owner: str | None = None
        whole = folded_cached(text)
        sections: dict[str, tuple[bool, bool]] = {}  # section -> (skipped, recommendations)
        # The sentences of each block, by the block's start: split_sentences runs
        # sentence_spans over the same blocks, once per document for all extractors.
        spans_of: dict[int, list[tuple[int, int]]] = {}
        for s in split_sentences(text):
            spans_of.setdefault(s.block.start, []).append((s.start, s.end))
        for block in blocks_cached(text):
            if block.kind == "heading":
                m = _OWNER.match(text[block.start : block.end])
                owner = m.group("o") if m else (None if block.label else owner)
                continue
            skip, in_recs = False, False
            if block.section:
                if block.section not in sections:
                    sections[block.section] = (
                        bool(SKIP_SECTIONS.search(block.section)),
                        bool(RECOMMENDATION_SECTION.search(block.section)),
                    )
                skip, in_recs = sections[block.section]
            if skip:
                continue
            spans = spans_of.get(block.start, ())
            for i, (start, end) in enumerate(spans):
                sentence = text[start:end]
                low = whole[start:end] if whole is not None else None
                kind, conf = self._classify(sentence, in_recs, low)
                if kind is None:
                    continue
                if kind == "action_point" and i > 0 and ACTION_MARKER.match(sentence):
                    start = spans[i - 1][0]  # the marker closes the sentence it is about
                    sentence = text[start:end]
                    low = whole[start:end] if whole is not None else None
                due_text, due_date = due_of(sentence, low)
                out.append(
                    ActionRecord(
                        text=sentence,
                        kind=kind,
                        owner=owner if kind in ("recommendation", "resolution") else None,
                        due_text=due_text,
                        due_date=due_date,
                        status=status_of(sentence, low) if kind == "planned_action" else None,
                        **evidence(doc, start, end, f"{self.name}:{kind}", conf),
                    )
                )
        return out

    @staticmethod
    def _classify(sentence: str, in_recs: bool, low: str | None = None) -> tuple[str | None, float]:
        """The sentence's kind and confidence; `low` is `folded(sentence)` when known.

        Each pattern is run only when the sentence holds a word it needs (the capitals of
        the marker patterns, or a lower-case word of the verb forms).
        """
        if "ACTION" in sentence and ACTION_MARKER.search(sentence):
            return "action_point", 0.95
        if ("RESOLVED" in sentence or "Resolved" in sentence or "DECISION" in sentence) and (
            RESOLVED.search(sentence)
        ):
            return "resolution", 0.9
        if (in_recs and ASK_VERBS.search(sentence)) or CAPITAL_ASK.match(sentence):
            return "recommendation", 0.85
        # Fewer than five words: split(None, 4) makes at most four cuts, so it has five
        # parts exactly when split() has five or more.
        if len(sentence.split(None, 4)) < 5:
            return None, 0.0
        if (
            (has_words(low, _PLANNED_WORDS) and _PLANNED_AT.found(sentence, low))
            or (has_words(low, _IN_PROGRESS_WORDS) and _IN_PROGRESS_AT.found(sentence, low))
        ) and (_ACTION_WORDS_AT.found(sentence, low) or FIRST_PERSON.search(sentence)):
            return "planned_action", 0.6
        if (
            has_words(low, _COMPLETED_WORDS)
            and _COMPLETED_AT.found(sentence, low)
            and _ACTION_WORDS_AT.found(sentence, low)
        ):
            return "planned_action", 0.5
        return None, 0.0
