"""Actions: minuted ACTION points, resolutions, recommendations put to a committee, and
the service's planned or ongoing improvement actions."""

from __future__ import annotations

import re
from typing import ClassVar, NamedTuple

from reportmine.core.document import Document
from reportmine.core.models import ActionRecord
from reportmine.extractors.base import evidence
from reportmine.parsing.dates import DATE_RE, date_from_match
from reportmine.text.analysis import AnalysedDocument, analysed
from reportmine.text.scan import Pattern, Span
from reportmine.text.segment import Block

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


# Each pattern runs with the prefilters its source implies (`Pattern`).
_PLANNED_AT = Pattern(PLANNED)
_IN_PROGRESS_AT = Pattern(IN_PROGRESS)
_COMPLETED_AT = Pattern(COMPLETED)
_ACTION_WORDS_AT = Pattern(ACTION_WORDS)
_DUE_AT = Pattern(DUE_TEXT)
# The statuses, in the order they are tried: the first whose verb form is used wins.
STATUS_RULES: list[tuple[Pattern, str]] = [
    (_COMPLETED_AT, "completed"),
    (_IN_PROGRESS_AT, "in_progress"),
    (_PLANNED_AT, "planned"),
]


def status_of(sentence: str) -> str | None:
    """The first status whose verb form the sentence uses."""
    found = status_match(sentence)
    return found[0] if found else None


def status_match(sentence: str) -> tuple[str, int] | None:
    """The first status whose verb form the sentence uses, and where that verb stands."""
    sentence = Span.of(sentence)
    for pattern, label in STATUS_RULES:
        if (m := pattern.search(sentence)) is not None:
            return label, m.start()
    return None


def due_of(sentence: str) -> tuple[str | None, object]:
    """The stated deadline and its date."""
    m = _DUE_AT.search(sentence)
    if not m:
        return None, None
    d = DATE_RE.search(m.group(0))
    if d:
        try:
            return m.group(0), date_from_match(d)
        except ValueError:
            pass
    return m.group(0), None


# ---- decision lists: "RESOLVED:" / "RECOMMENDED that the Cabinet Member:" / "Decision:"
# followed by items, or "RESOLVED - (a) That ..., and (b) That ..." on one line. Each item
# is its own action; the marker line is none.

# What may follow a marker's word: "RESOLVED unanimously that:", "Recommended -".
_MARKER_TAIL = r"(?:\s+(?:unanimously|to|that|as\s+follows))*\s*(?:[:\-\u2013\u2014]\s*)?"
# A marker in capitals anywhere in its line ("Cabinet considered the report and RESOLVED
# to:") ...
DECISION_MARKER = re.compile(
    r"(?P<word>\bRESOLVED\b|\bRECOMMENDED\b|\bAGREED\b|(?<!KEY )\bDECISIONS?\b(?=\s*:))"
    + _MARKER_TAIL
)
# ... or one that opens its line ("Resolved -", "Decision:", "It was agreed that").
MARKER_OPENING = re.compile(
    r"(?P<word>(?:Resolved|Recommended|Agreed)\b|Decisions?(?=\s*:)|"
    r"[Ii]t\s+was\s+(?:resolved|agreed)\b)" + _MARKER_TAIL
)
# What a marker line may hold after the marker when the items follow on their own lines:
# nothing, or the body the items are addressed to ("that the Cabinet Member:").
LIST_INTRODUCTION = re.compile(
    r"^(?:(?:that\s+)?(?:the\s+)?(?P<owner>[A-Z][\w'&,\- ]{2,60}?)\s*(?:is\s+)?:)?\s*$"
)
# "(a) ", "(ii) ", "(3) ": an item within a marker's line.
INLINE_ITEM = re.compile(r"(?:[,;]\s*)?(?:\band\s+)?\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+")
# A numbered "That ... be noted" item is a resolution even where its marker is not in the
# text (a page excerpt that starts below it).
RESOLUTION_ITEM = re.compile(r"^That\b[^.]*?\bbe\s+\w+(?:ed|en)\b")
# How a decision item opens when it has no list marker.
DECISION_OPENING = re.compile(
    r"^(?:That|that|To\s+\w+|(?:The\s+)?(?:Cabinet|Committee|Panel|Board|Executive|Council|"
    r"Sub-Committee|Cabinet\s+Member)\s+(?:noted|agreed|approved|resolved|endorsed|"
    r"requested|asked|supported)|(?:Approved|Agreed|Noted|Endorsed|Requested|Delegated|"
    r"Notes|Agrees|Approves|Endorses|Requests|Delegates)\b)"
)
# A line naming who decides or acts: "Cabinet:", "Action: Interim Director".
BODY_LINE = re.compile(r"^(?:The\s+)?(?P<o>[A-Z][\w'& ]{2,50}?)\s*:$")
ACTION_OWNER = re.compile(r"^Action\s*:\s*(?P<o>[A-Z][^.\n]{2,120}?)\s*$")
# Lines within a decision list that belong to no item: a contact ("(Di Drury - 01274 437077)").
CONTACT_LINE = re.compile(r"^\(?[A-Z][\w' .]{1,40}\s*[-\u2013]\s*[\d ]{6,}\)?$")
# Headings that end a decision list.
AFTER_DECISIONS = re.compile(
    r"^(?:reasons?|alternative|options|background|minutes|details|wards?|contact|report|"
    r"publication|implementation|date|call|reason)\b",
    re.IGNORECASE,
)
MIN_DECISION_WORDS = 3
_ITEM_TAIL = re.compile(r"[\s;,]*(?:\band\b|\bor\b)?[\s;,]*$")
DECISION_KINDS = {"RECOMMENDED": "recommendation", "Recommended": "recommendation"}


class DecisionItem(NamedTuple):
    start: int
    end: int
    kind: str  # "resolution" or "recommendation"
    owner: str | None


def _trim_item(text: str, start: int, end: int) -> tuple[int, int]:
    """An item's span without surrounding space and a trailing "; and" or ","."""
    while start < end and text[start].isspace():
        start += 1
    tail = _ITEM_TAIL.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return start, end


def _inline_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A marker line's own items: "(a) That X, and (b) That Y" gives two; plain text one."""
    cuts = list(INLINE_ITEM.finditer(text, start, end))
    if not cuts:
        items = [_trim_item(text, start, end)]
    else:
        items = [_trim_item(text, start, cuts[0].start())]  # words before "(a)", if any
        ends = [cut.start() for cut in cuts[1:]] + [end]
        items += [_trim_item(text, cut.end(), stop) for cut, stop in zip(cuts, ends, strict=True)]
    # A decision says something: "KEY DECISION: N" or "YES / NO" holds none.
    return [(a, b) for a, b in items if _word_count(text[a:b]) >= MIN_DECISION_WORDS]


def _word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalpha() for c in w))


def _opens_decision(body: str) -> bool:
    """Whether a line reads as a decision: "That ...", "Notes ...", "To approve ...",
    "Agreed in principle ...", "NOTE the forecast"."""
    return bool(DECISION_OPENING.match(body) or ASK_VERBS.match(body) or CAPITAL_ASK.match(body))


def decision_items(
    text: str, blocks: tuple[Block, ...] | list[Block]
) -> tuple[list[DecisionItem], set[int]]:
    """The items of every decision list, and the starts of the blocks they consumed (the
    markers' and the items'), whose sentences are not read again as actions."""
    items: list[DecisionItem] = []
    consumed: set[int] = set()
    i = 0
    while i < len(blocks):
        block = blocks[i]
        line = text[block.body_start : block.end]
        marker = MARKER_OPENING.match(line) or DECISION_MARKER.search(line)
        if marker is not None:
            word = marker.group("word").split()[-1]
            kind = DECISION_KINDS.get(word, "resolution")
            rest_at = block.body_start + marker.end()
            intro = LIST_INTRODUCTION.match(text[rest_at : block.end])
            consumed.add(block.start)
            if intro is None:  # "RESOLVED - That the report be noted."
                inline = _inline_items(text, rest_at, block.end)
                items += [DecisionItem(a, b, kind, None) for a, b in inline]
                i += 1
                continue
            owner, j = intro.group("owner"), i + 1
        elif block.kind in ("numbered", "bullet") and RESOLUTION_ITEM.match(line):
            kind, owner, j = "resolution", None, i  # a list of resolutions, marker unseen
        else:
            i += 1
            continue
        first = len(items)
        while j < len(blocks):
            nxt = blocks[j]
            body = text[nxt.body_start : nxt.end]
            if m := ACTION_OWNER.match(body):
                for k in range(first, len(items)):
                    if items[k].owner is None:
                        items[k] = items[k]._replace(owner=m.group("o").strip())
                consumed.add(nxt.start)
                j += 1
                break
            if CONTACT_LINE.match(body):
                j += 1
                continue
            body_line = BODY_LINE.match(body) if nxt.kind == "heading" else None
            if body_line and nxt.label is None and not AFTER_DECISIONS.match(body):
                owner = body_line.group("o")  # "Cabinet:" before its decisions
                consumed.add(nxt.start)
                j += 1
                continue
            if not _opens_decision(body):
                break  # the list has ended: prose, a heading or the report's own paragraphs
            a, b = _trim_item(text, nxt.body_start, nxt.end)
            items.append(DecisionItem(a, b, kind, owner))
            consumed.add(nxt.start)
            j += 1
        i = j
    return items, consumed


# ---- who does a planned action: the subject of its verb, or the speaker who reported it.

# Where a clause begins, looking back from the verb: its subject follows the last of these.
_CLAUSE_WORDS = r"that|how|which|where|while|whereby|whilst|because|so|through|whether"
_CLAUSE_START = re.compile(
    rf"(?:^|[,;:]|\b(?:{_CLAUSE_WORDS})\b)\s*(?!.*(?:[,;:]|\b(?:{_CLAUSE_WORDS})\b))",
    re.DOTALL,
)
# Head nouns of a subject that names who acts, when it is not a name or a title.
ROLE_WORDS = frozenset(
    (
        "officers", "officer", "council", "department", "service", "services", "team", "teams",
        "board", "partners", "partnership", "managers", "manager", "leads", "lead", "leaders",
        "staff", "workers", "members", "provider", "providers", "authority", "directorate",
        "chair", "director", "committee", "panel", "group", "management",
    )
)
_DETERMINERS = re.compile(r"^(?:(?:the|our|its|their|designated|senior|relevant)\s+)+", re.I)
_NOT_AGENT = re.compile(
    r"^(?:It|This|That|These|Those|There|Here|He|She|They|We|I|Members?|Work)\b"
)
_HAS_VERB = re.compile(
    r"\b(?:is|are|was|were|had|has|have|would|will|could|should|be|been|being|did|does|do)\b"
)
# "Nigel Chapman (Director ...) advised that more detail would be provided": the speaker.
_REPORTED_BY = re.compile(
    r"^(?:(?:In\s+response\s+to|Following|Further\s+to)\b[^,]{0,160},\s*)?"
    r"(?P<who>[^,]{3,120}?(?:\([^)]{0,100}\))?)\s+(?:had\s+)?(?:advised|explained|reported|"
    r"said|confirmed|stated|informed|outlined|indicated|committed|assured|undertook|agreed)\b"
)
MAX_AGENT_WORDS = 12


def _as_agent(phrase: str) -> str | None:
    """The phrase when it names who acts: a role ("the department", "officers") or a name
    or title in capitals ("Councillor Scott", "The Improvement Board")."""
    phrase = phrase.strip(" ,;:'\"")
    if (
        not phrase
        or len(phrase.split()) > MAX_AGENT_WORDS
        or _NOT_AGENT.match(phrase)
        or _HAS_VERB.search(re.sub(r"\([^)]*\)", "", phrase))
    ):
        return None
    core = re.sub(r"\([^)]*\)", "", _DETERMINERS.sub("", phrase)).split()
    if not core:
        return None
    if core[-1].lower().strip(".,'\u2019") in ROLE_WORDS:
        return phrase
    words = [w for w in core if len(w) > 3] or core  # "and", "of" may stay lower-case
    return phrase if all(w[:1].isupper() for w in words) else None


def actor_of(sentence: str, verb_at: int) -> str | None:
    """Who a planned or ongoing action is for: the named subject of the clause whose verb
    starts at `verb_at` ("the Council and partners will work ..."), else the speaker who
    reported it ("The Director advised that a report would be brought ...")."""
    verbs = [verb_at]
    if (auxiliary := _HAS_VERB.search(sentence)) is not None and auxiliary.start() < verb_at:
        verbs.append(auxiliary.start())  # "The department were gathering ... and would ..."
    for at in verbs:
        before = sentence[:at]
        clause = _CLAUSE_START.search(before)
        if (agent := _as_agent(before[clause.end() :] if clause else before)) is not None:
            return agent
    if (reported := _REPORTED_BY.match(sentence)) is not None:
        return _as_agent(reported.group("who"))
    return None


class ActionExtractor:
    name: ClassVar[str] = "actions.rules"
    table: ClassVar[str] = "actions"

    def extract(self, doc: Document | AnalysedDocument) -> list[ActionRecord]:
        doc = analysed(doc)
        text = doc.text
        if doc.is_inspection_report:
            return []  # Ofsted's recommendations are findings, not the council's actions
        out: list[ActionRecord] = []
        owner: str | None = None
        sections: dict[str, tuple[bool, bool]] = {}  # section -> (skipped, recommendations)
        # The sentences of each block, by the block's start.
        spans_of: dict[int, list[tuple[int, int]]] = {}
        for s in doc.sentences:
            spans_of.setdefault(s.block.start, []).append((s.start, s.end))
        blocks = doc.blocks
        decisions, consumed = decision_items(text, blocks)
        for item in decisions:
            quote = text[item.start : item.end]
            out.append(
                ActionRecord(
                    text=quote,
                    kind=item.kind,
                    owner=item.owner,
                    **evidence(doc, item.start, item.end, f"{self.name}:{item.kind}", 0.9),
                )
            )
        for block in blocks:
            if block.start in consumed:
                continue
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
                sentence = doc.span(start, end)
                kind, conf = self._classify(sentence, in_recs)
                if kind is None:
                    continue
                if kind == "action_point" and i > 0 and ACTION_MARKER.match(sentence):
                    start = spans[i - 1][0]  # the marker closes the sentence it is about
                    sentence = doc.span(start, end)
                due_text, due_date = due_of(sentence)
                status, actor = None, owner if kind in ("recommendation", "resolution") else None
                if kind == "planned_action" and (found := status_match(sentence)):
                    status, actor = found[0], actor_of(sentence, found[1])
                out.append(
                    ActionRecord(
                        text=str(sentence),
                        kind=kind,
                        owner=actor,
                        due_text=due_text,
                        due_date=due_date,
                        status=status,
                        **evidence(doc, start, end, f"{self.name}:{kind}", conf),
                    )
                )
        return out

    @staticmethod
    def _classify(sentence: str, in_recs: bool) -> tuple[str | None, float]:
        """The sentence's kind and confidence; `sentence` is best a `Span`.

        The marker patterns run only when the sentence holds their capitals.
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
        sentence = Span.of(sentence)
        if (_PLANNED_AT.found(sentence) or _IN_PROGRESS_AT.found(sentence)) and (
            _ACTION_WORDS_AT.found(sentence) or FIRST_PERSON.search(sentence)
        ):
            return "planned_action", 0.6
        if _COMPLETED_AT.found(sentence) and _ACTION_WORDS_AT.found(sentence):
            return "planned_action", 0.5
        return None, 0.0
