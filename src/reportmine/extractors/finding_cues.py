"""Cue families for findings, kept as data: what the classifier reads besides the words.

Each family is a set of words (a pattern matched against single lower-case words, so
each distinct word is looked up once per process) and a few phrases (a pattern searched
in the lower-cased sentence); a match becomes a feature word (`zzpos_quality`,
`zzneg_deficit`, ...) appended to the sentence the classifier sees. The families say
what kind of statement a sentence is (evaluation, plan, completed action, procedure,
question, bare figure) and where it stands (section kind, how evaluative its section
is), so a small bag-of-words model can weigh them from a few hundred labelled sentences
and still generalise to papers it has not seen. Weights are learned; these lists only
name the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from reportmine.text.regex_forms import literal_led, top_level_alternatives
from reportmine.text.scan import ascii_bytes, keep_table, word_count


@dataclass(frozen=True)
class Family:
    """One kind of cue: single words (matched whole) and phrases (searched only in
    sentences that hold one of the phrases' anchor words, which every phrase needs).

    Every phrase begins with a letter, so `phrases` is compiled as `\\W(?:...)\\b` and
    searched in the sentence with a space in front: the same matches as with a leading
    `\\b`, each starting at the phrase's offset in the sentence, and `re` skips in C to
    the next non-word character instead of trying the phrases at every character.
    """

    name: str
    words: re.Pattern[str] | None
    phrases: re.Pattern[str] | None
    anchors: frozenset[str]
    # The phrases after a space and after another mark, in a sentence's `marked` bytes
    # (None when a phrase holds a character `marked` would change: see `phrase_starts`).
    after_space: re.Pattern[bytes] | None = None
    after_mark: re.Pattern[bytes] | None = None


def _family(
    name: str, words: str | None = None, phrases: str | None = None, anchors: str = ""
) -> Family:
    led = _letter_led(phrases) if phrases else None
    markable = led is not None and _MARKABLE.fullmatch(led.replace("\\s", "").replace("\\w", ""))
    return Family(
        name,
        re.compile(words) if words else None,
        re.compile(rf"\W(?:{led})\b") if led else None,
        frozenset(anchors.split()),
        re.compile(rf" (?:{led})\b".encode("ascii")) if markable else None,
        re.compile(rf"\x01(?:{led})\b".encode("ascii")) if markable else None,
    )


# ---- phrases searched in bytes where every non-word character is one of two marks -------
#
# `\W(...)` makes `re` stop at every space and mark of the sentence and try each phrase
# there. In `marked(text)`, an ASCII text as bytes with every space character replaced by
# " " and every other non-word character by \x01, letters, digits and "_" kept, the
# phrases can be searched after " " and after \x01 separately, each a plain byte that
# `re` finds at C speed. A phrase sees the same text there as in the sentence: its
# letters, `\s`, `\w` and `\b` do not tell the replaced characters from the originals.
# Its matches are found by the two searches together; when one of them finds none,
# the other's are all of them; when both find some (rare), the phrases are searched the
# plain way, since which of two overlapping matches counts depends on both.

# Phrase text a mark cannot change: letters, digits and pattern syntax (after `\s` and
# `\w` are taken out); a literal "-" or "'" would stop matching its replaced character.
_MARKABLE = re.compile(r"[a-z0-9()?:|+*{},]*")
_MARKS = bytes(
    b if chr(b).isalnum() or b == 95 else 32 if chr(b).isspace() else 1 for b in range(256)
)


def marked(spaced: str) -> bytes | None:
    """`spaced` as bytes with its space characters " " and its other non-word characters
    \x01, or None when it is not ASCII."""
    return ascii_bytes(spaced, _MARKS) if spaced.isascii() else None


def phrase_starts(family: Family, spaced: str, marks: bytes | None) -> list[int]:
    """Where `family`'s phrases match in `spaced` (" " + the sentence); `marks` is
    `marked(spaced)`."""
    if marks is not None and family.after_space and family.after_mark:
        after_space = [m.start() for m in family.after_space.finditer(marks)]
        if not after_space:
            return [m.start() for m in family.after_mark.finditer(marks)]
        if family.after_mark.search(marks) is None:
            return after_space
    assert family.phrases is not None  # not ASCII, not markable, or both searches found some
    return [m.start() for m in family.phrases.finditer(spaced)]


def _letter_led(phrases: str) -> str:
    """`literal_led(phrases)`, checked: the leading `\\W` of `Family` needs every
    branch to begin with a letter that is not optional."""
    led = literal_led(phrases)
    for branch in top_level_alternatives(led):
        if not (branch[:1].isalpha() and branch[1:2] not in ("?", "*", "{")):
            raise ValueError(f"a cue phrase must begin with a letter: {branch!r}")
    return led


# Evaluation, good: qualities of the service and changes for the better.
_POS_QUALITY = (
    r"good|well|effective(?:ly)?|timely|strong(?:er|ly)?|robust(?:ly)?|thorough(?:ly)?|"
    r"comprehensive|high-quality|appropriate(?:ly)?|proportionate(?:ly)?|purposeful|"
    r"meaningful|child-(?:centred|focused)|outstanding|excellent|exceptional(?:ly)?|"
    r"skilled|knowledgeable|experienced|confident|confidence|committed|enthusiastic|engaged|"
    r"sensitive(?:ly)?|swift(?:ly)?|prompt(?:ly)?|clear(?:ly)?|stable|secure|embedded|"
    r"consistent(?:ly)?|uncompromising|impressive|creative|innovative|aspirational|"
    r"ambitious|tenacious|respectful|accurate(?:ly)?|detailed|rigorous(?:ly)?|safe(?:ly)?|"
    r"manageable|positive(?:ly)?|helpful|valued|proud"
)
_POS_CHANGE = (
    r"improv(?:ed|es|ing|ement|ements)|better|strengthen(?:ed|ing|s)|progress(?:ed|ing)?|"
    r"success(?:ful|fully|es)?|achiev(?:ed|ement|ements|ing)|risen|rose|reduc(?:ed|tion)|"
    r"decreas(?:ed|e)|fallen|increas(?:ed|ingly)|grow(?:ing|n|th)|benefit(?:s|ed|ing)?|"
    r"sustained|transform(?:ed|ational)|uplift|investment|invested"
)
FAMILIES: tuple[Family, ...] = (
    _family(
        "pos_quality", _POS_QUALITY, r"high\s+quality|child\s+(?:centred|focused)", "high child"
    ),
    _family("pos_change", _POS_CHANGE, r"on\s+track", "track"),
    _family(
        "pos_presence",
        r"supported|acknowledged|recognis(?:ed|es|ing)|recognition|praised|welcomed|"
        r"commended|testament|highlighted|embrac(?:e|es|ed|ing)|enabl(?:ed|es|ing)|"
        r"ensur(?:es|ed|ing)|demonstrat(?:es|ed|ing)|evident|thank(?:ed|s)?",
        r"in\s+place|evidence\s+of|there\s+(?:is|are)\s+(?:good|clear|strong|regular|effective)|"
        r"(?:is|are)\s+(?:seen|visited|heard|listened)|well\s+(?:attended|supported|received|"
        r"understood|managed|used)|used\s+well|working\s+well|feel\s+(?:well\s+)?supported|"
        r"know\s+(?:their|the)\s+\w+\s+well|(?:is|are)\s+becoming\s+(?:more|better)|"
        r"(?:positive|good|significant)\s+(?:changes?|impact|progress|improvements?)|"
        r"hard\s+work|fully\s+supportive",
        "place evidence there seen visited heard listened well feel know becoming "
        "changes change impact progress improvement improvements hard supportive",
    ),
    # Evaluation, bad: deficits, failings, risks to the service.
    _family(
        "neg_deficit",
        r"not|no|never|nor|without|cannot|(?:do|does|did|are|is|was|were|has|have)n't|"
        r"lack(?:s|ing|ed)?|insufficient(?:ly)?|inadequate(?:ly)?|poor(?:ly|er)?|"
        r"weak(?:er|ness|nesses)?|limited|little|few|inconsistent(?:ly)?|"
        r"inconsistenc(?:y|ies)|variab(?:le|ility)|delay(?:s|ed)?|drift|gaps?|shortfalls?|"
        r"fail(?:s|ed|ing|ure|ures)?|missed|unable|ineffective|inappropriate(?:ly)?|unclear|"
        r"unsuitable|unsafe|unsustainable|over-emphasis|below|deteriorat(?:ed|ing|ion)|"
        r"disruption|negative(?:ly)?|compromised|constraints?|churn|turnover|"
        r"overspend(?:s|ing)?|deficits?|pressures?|disparity|backlog|vacanc(?:y|ies)|"
        r"reliance|worse|worsen(?:ed|ing)?|exceed(?:s|ing)?|difficult(?:y|ies)?|"
        r"struggl(?:e|es|ed|ing)|still",
        r"too\s+(?:high|long|many|slow|much|few|complex|variable|often|late|large)|yet\s+to|"
        r"over\s+emphasis|remains?\s+(?:high|a\s+(?:key\s+)?(?:challenge|concern|risk)|much|"
        r"too|significant)",
        "too yet emphasis remain remains",
    ),
    _family(
        "neg_need",
        r"necessary|must|should|disappoint(?:ed|ing|ment)|rebuilt|conceal(?:s|ed)?",
        r"(?:more|further)\s+(?:work|progress|improvement|development)\s+(?:is\s+)?"
        r"(?:needed|required|necessary)|needs?\s+to\s+(?:be\s+)?\w+|needed\s+to|would\s+benefit|"
        r"requires?\s+improvement|need\s+for|areas?\s+(?:of|for)\s+(?:improvement|development|"
        r"concern)|significant\s+(?:concern|challenge|risk|pressure)|(?:key|national|major)\s+"
        r"(?:issue|challenge|concern)|issues?\s+(?:experienced|with|around)|very\s+(?:large|"
        r"high)|(?:much|far)\s+higher|high\s+(?:numbers?|levels?|caseloads?)",
        "needed required necessary need needs benefit improvement area areas "
        "significant issue issues challenge concern very higher high",
    ),
    # Not findings: what will happen, what was done, how the meeting went.
    _family(
        "plan",
        r"will|shall|intend(?:s|ed)?|aspir(?:e|es|ation)|propos(?:e|es|ed|al)",
        r"going\s+to|plan(?:s|ned)?\s+to|(?:is|are)\s+planned|aim(?:s|ed)?\s+to|next\s+steps?|"
        r"would\s+like|to\s+be\s+(?:developed|launched|implemented|reviewed|delivered)",
        "going plan plans planned aim aims aimed next like developed launched "
        "implemented reviewed delivered",
    ),
    _family(
        "done",
        None,
        r"(?:has|have|had)\s+been\s+(?:developed|created|established|delivered|launched|"
        r"introduced|appointed|set\s+up|held|undertaken|commissioned|implemented|agreed|"
        r"completed|produced|recruited|reviewed|put\s+in\s+place|stepped\s+down|replaced)|"
        r"we\s+have\s+(?:developed|created|established|introduced|launched|appointed|"
        r"commissioned|implemented|put)|work\s+is\s+(?:ongoing|underway)|"
        r"(?:is|are)\s+being\s+(?:developed|reviewed|implemented|undertaken|updated|introduced)|"
        r"(?:is|are)\s+(?:ongoing|underway)|continue(?:s|d)?\s+to\s+(?:meet|work|develop|review)",
        "been we ongoing underway being continue continues continued",
    ),
    _family(
        "procedure",
        r"presented|circulated|resolved|moved|seconded|declared|minutes?|agenda|appendix|"
        r"attached|e-?mail|telephone",
        r"the\s+(?:committee|board|cabinet|council|panel|executive)\s+(?:was|were|is|noted|"
        r"agreed|resolved|received|considered|discussed)|report\s+sets\s+out|this\s+report|"
        r"purpose\s+of|focus\s+of\s+the|inspectors\s+(?:reviewed|looked|met|spoke|considered)|"
        r"the\s+(?:visit|inspection)\s+(?:looked|took|was\s+carried)|(?:is|are)\s+asked\s+to|"
        r"(?:a|the)\s+copy|available\s+from|contact\s+officer",
        "committee board cabinet council panel executive sets report purpose focus "
        "inspectors visit inspection asked copy available officer",
    ),
    # How minutes report what was said: it frames findings as often as procedure.
    _family(
        "reported",
        None,
        r"(?:was|were)\s+(?:advised|informed|told|reassured|made\s+aware)|it\s+was\s+"
        r"(?:noted|explained|reported|confirmed|acknowledged)|in\s+response\s+to|(?:noted|"
        r"reported|explained|confirmed|acknowledged|stressed|highlighted)\s+that|members?\s+"
        r"(?:commented|asked|raised|noted)",
        "advised informed told reassured aware noted explained reported confirmed "
        "acknowledged response stressed highlighted member members",
    ),
    # Topics of risk: a sentence about risk or concern may praise how it is handled.
    _family("risk_topic", r"risks?|concerns?|concerning|challeng(?:e|es|ing)|vulnerab\w*|harm"),
    _family(
        "service",
        r"children|child|families|family|staff|workforce|practice|practitioners|"
        r"assessments?|plans?|planning|caseloads?|managers?|leaders?|leadership|partners?|"
        r"partnership|mash|supervision|oversight|quality|decisions?|decision-making|audits?|"
        r"services?|placements?",
        r"young\s+people|social\s+workers?|front\s+door|decision\s+making|care\s+leavers?",
        "people social door making leaver leavers",
    ),
)
POSITIVE = ("pos_quality", "pos_change", "pos_presence")
NEGATIVE = ("neg_deficit", "neg_need")
# Contrast: the clause after it usually carries the sentence's polarity.
CONTRAST_WORDS = frozenset(
    ["but", "however", "although", "though", "while", "whilst", "despite", "yet"]
)
IMPERATIVE_WORDS = frozenset(
    [
        "provide",
        "use",
        "roll",
        "ensure",
        "develop",
        "continue",
        "implement",
        "review",
        "consider",
        "improve",
        "establish",
        "note",
        "agree",
        "approve",
        "create",
        "deliver",
        "embed",
        "strengthen",
        "support",
        "increase",
        "reduce",
        "undertake",
        "work",
        "build",
        "maintain",
        "monitor",
        "extend",
        "introduce",
        "complete",
        "explore",
        "identify",
        "recruit",
        "launch",
        "set",
        "make",
        "take",
        "focus",
        "promote",
        "seek",
        "enable",
        "add",
        "receive",
        "endorse",
        "delegate",
        "give",
        "comment",
        "request",
        "accept",
        "adopt",
        "authorise",
        "instruct",
    ]
)
# A good word under a negation ("do not receive a good service", "not always clearly
# recorded") counts against the service, not for it.
NEGATION_WORDS = frozenset(["not", "no", "never", "nor", "without", "lack", "too"])
NEGATED = re.compile(
    r"\b(?:not|no|never|nor|without|(?:do|does|did|are|is|was|were|has|have)n't|lack\s+of|"
    rf"too\s+few)\s+(?:[\w'-]+\s+){{0,3}}?(?:{_POS_QUALITY}|{_POS_CHANGE}|supported|evident|"
    r"in\s+place|seen)\b"
)
FINDING_SECTION = re.compile(
    r"finding|strength|weak|improv|issue|risk|progress|summary|conclusion|overview|include|"
    r"outcome|feedback|headline|key|areas?|concern|challenge|practice|inspection|ofsted|"
    r"visit|judgement|what|good|well|worr|learning|impact|performance|update|position"
)
PROCEDURE_SECTION = re.compile(
    r"recommend|decision|reason|option|financ|legal|equalit|consult|paper|contact|appendi|"
    r"purpose|implication|resource|compliance|declaration|portfolio|ward|date|subject|"
    r"report\s+of|that\s+the|budget|priorit|introduction|background\s+paper|attendance|"
    r"apolog|present|agenda|minutes\s+of|glossary|signature|governance\s+issues"
)
# "people's" -> "people", "don't". Possessive: every part after the first is optional, so
# backtracking never finds another match, and without it `re` does less bookkeeping.
_WORD = re.compile(r"[a-z0-9]++(?:-[a-z0-9]++)*+(?:'t)?+")
# Every byte but those `_WORD` matches becomes a space; non-ASCII characters, which it
# never matches, are encoded as "?".
_TO_SPACE = keep_table(b"abcdefghijklmnopqrstuvwxyz0123456789-'")


def cue_words(low: str) -> list[str]:
    """`_WORD.findall(low)`, about twice as fast.

    `_WORD` matches only the characters `_TO_SPACE` keeps and looks at nothing outside its
    match, so its matches in `low` are its matches in each run of those characters; a
    run of letters and digits alone is one match, the run itself. Runs are cut in C
    (translate, split), and only runs with "-" or "'" go through the pattern.
    """
    runs = ascii_bytes(low, _TO_SPACE).decode("ascii").split()
    if "-" not in low and "'" not in low:
        return runs
    words: list[str] = []
    for run in runs:
        if "-" in run or "'" in run:
            words += _WORD.findall(run)
        else:
            words.append(run)
    return words


_MONEY = re.compile(r"£\s?\d|\d\s?%|\bper\s?cent\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d")


def has_digit(sentence: str) -> bool:
    """`_DIGITS.search(sentence) is not None`. In ASCII `\\d` is 0-9, and deleting
    those bytes in C is many times cheaper than `re` trying `\\d` at every character."""
    if sentence.isascii():
        data = sentence.encode("ascii")
        return len(data.translate(None, b"0123456789")) != len(data)
    return _DIGITS.search(sentence) is not None


def _may_hold_money(sentence: str) -> bool:
    """False only where `_MONEY` cannot match: each of its forms needs "£", "%" or "per"
    (in any case; no other character folds to p, e or r), and it has no literal
    prefix, so `re` would otherwise try it at every character of every candidate."""
    return "£" in sentence or "%" in sentence or "per" in sentence.lower()


_WORD_FAMILIES: dict[str, tuple[int, ...]] = {}  # word -> indexes of the families it is in
_WORD_CACHE_LIMIT = 200_000


def _families_of(word: str) -> tuple[int, ...]:
    found = _WORD_FAMILIES.get(word)
    if found is None:
        _learn_families({word})
        found = _WORD_FAMILIES[word]
    return found


def _learn_families(words: set[str]) -> None:
    """Put each of `words` in `_WORD_FAMILIES` (emptied first when they would not fit)."""
    new = words.difference(_WORD_FAMILIES)
    if not new:
        return
    if len(_WORD_FAMILIES) + len(new) > _WORD_CACHE_LIMIT:
        _WORD_FAMILIES.clear()
    for word in new:
        _WORD_FAMILIES[word] = tuple(
            i for i, f in enumerate(FAMILIES) if f.words is not None and f.words.fullmatch(word)
        )


def _bucket(value: float, edges: Sequence[float], name: str) -> str:
    for i, edge in enumerate(edges):
        if value < edge:
            return f"zz{name}{i}"
    return f"zz{name}{len(edges)}"


class Analysis(NamedTuple):
    """What the cue families find in one sentence (computed once, cached)."""

    counts: tuple[tuple[str, int], ...]
    lean: str  # pos, neg, mixed or flat
    negated: bool
    contrast: bool
    imperative: bool

    evaluative: bool  # some evaluation and no sign of a plan or procedure


_POLARITY = tuple(1 if f.name in POSITIVE else -1 if f.name in NEGATIVE else 0 for f in FAMILIES)
_NAMES = tuple(f.name for f in FAMILIES)
_GOOD = tuple(i for i, p in enumerate(_POLARITY) if p > 0)
_BAD = tuple(i for i, p in enumerate(_POLARITY) if p < 0)
_PLAN, _PROCEDURE = _NAMES.index("plan"), _NAMES.index("procedure")
_PHRASED = tuple((i, f.anchors, f) for i, f in enumerate(FAMILIES) if f.phrases is not None)
_CONTRAST = re.compile(rf"\b(?:{'|'.join(sorted(CONTRAST_WORDS))})\b")
_NEGATION_FORMS = NEGATION_WORDS | {
    f"{w}n't" for w in ("do", "does", "did", "are", "is", "was", "were", "has", "have")
}


def analyse(sentence: str) -> Analysis:
    """Every family's cues in the sentence and which way it leans (finding candidates,
    feature words and lean all ask: the findings extractor asks the analysed document's
    `memo`, so a sentence is analysed once)."""
    low = sentence.lower()
    words = cue_words(low)
    present = set(words)
    counts = [0] * len(FAMILIES)
    _learn_families(present)
    # Most words are in no family: the loop runs over family hits only.
    for i in chain.from_iterable(map(_WORD_FAMILIES.__getitem__, words)):
        counts[i] += 1
    phrases: list[tuple[int, int]] = []  # (position, family)
    spaced = " " + low  # see `Family`: a match's start is the phrase's offset in `low`
    marks: bytes | None = b""  # made when first needed
    for i, anchors, family in _PHRASED:
        if not anchors.isdisjoint(present):
            if marks == b"":
                marks = marked(spaced)
            for start in phrase_starts(family, spaced, marks):
                counts[i] += 1
                phrases.append((start, i))
    negated: list[int] = []
    if not _NEGATION_FORMS.isdisjoint(present):
        negated = [m.start() for m in NEGATED.finditer(low)]
    pos = sum([counts[i] for i in _GOOD])
    neg = sum([counts[i] for i in _BAD])
    evaluative = pos + neg > 0 and not (counts[_PLAN] or counts[_PROCEDURE])
    pos = max(0, pos - len(negated))  # a negated good cue is no good cue (its "not" is bad)
    direction = "pos" if pos > neg else "neg" if neg > pos else "mixed" if pos else "flat"
    contrast = not CONTRAST_WORDS.isdisjoint(present)
    if contrast:
        after = max(m.end() for m in _CONTRAST.finditer(low))
        tail = cue_words(low[after:])
        if len(tail) >= 3:  # after "but": the later clause decides
            late = [(at, i) for at, i in phrases if at >= after]
            tail_negated = sum(1 for at in negated if at >= after)
            good = sum(1 for w in tail for i in _families_of(w) if _POLARITY[i] > 0)
            good += sum(1 for _, i in late if _POLARITY[i] > 0)
            bad = sum(1 for w in tail for i in _families_of(w) if _POLARITY[i] < 0)
            bad += sum(1 for _, i in late if _POLARITY[i] < 0)
            good = max(0, good - tail_negated)
            if good != bad:
                direction = "pos" if good > bad else "neg"
    imperative = bool(words) and (
        words[0] in IMPERATIVE_WORDS
        or (words[0] == "to" and len(words) > 1 and words[1] in IMPERATIVE_WORDS)
    )
    return Analysis(
        counts=tuple(zip(_NAMES, counts, strict=True)),
        lean=direction,
        negated=bool(negated),
        contrast=contrast,
        imperative=imperative,
        evaluative=evaluative,
    )


def cue_counts(sentence: str) -> dict[str, int]:
    return dict(analyse(sentence).counts)


def polarity_counts(sentence: str) -> tuple[int, int]:
    """(good, bad) cue counts, a negated good cue counted as bad."""
    counts = cue_counts(sentence)
    negated = len(NEGATED.findall(sentence.lower()))
    pos = sum(counts[n] for n in POSITIVE) - negated
    return max(0, pos), sum(counts[n] for n in NEGATIVE)


def lean(sentence: str) -> str:
    """Which way the sentence leans by its cues: pos, neg, mixed or flat. After a contrast
    word ("..., but ...") the later clause decides."""
    return analyse(sentence).lean


def is_evaluative(sentence: str) -> bool:
    """A sentence with some evaluation and no sign of being a plan or procedure."""
    return analyse(sentence).evaluative


def _section_kinds(section: str | None) -> tuple[str, ...]:
    if not section:
        return ("zznosection",)
    section = section.lower()
    kinds = []
    if FINDING_SECTION.search(section):
        kinds.append("zzsecfinding")
    if PROCEDURE_SECTION.search(section):
        kinds.append("zzsecprocedure")
    return tuple(kinds)


def sentence_features(
    sentence: str, section: str | None, kind: str, analysis: Analysis | None = None
) -> list[str]:
    """Feature words for one sentence on its own, and its section's kind; `analysis` is
    `analyse(sentence)` when the caller has it.

    Context words are joined with the sentence's lean ("zzsecfinding_neg"), so what the
    context says about being a finding does not leak into which way it points.
    """
    analysis = analysis or analyse(sentence)
    direction = analysis.lean
    feats = [f"zzlean{direction}", f"zzkind{kind}_{direction}"]
    for name, n in analysis.counts:
        if n:
            feats.append(f"zz{name}")
            if n > 1:
                feats.append(f"zz{name}2")
    if analysis.negated:
        feats.append("zznegated")
    if analysis.contrast:
        feats.append("zzcontrast")
    if analysis.imperative:
        feats.append("zzimperative")
    if sentence.rstrip().endswith("?"):
        feats.append("zzquestion")
    if _may_hold_money(sentence) and _MONEY.search(sentence):
        feats.append("zzmoney")
    elif has_digit(sentence):
        feats.append("zzdigits")
    feats.append(_bucket(word_count(sentence), (6, 12, 25, 45), "len"))
    feats += [f"{k}_{direction}" for k in _section_kinds(section)]
    return feats


def section_features(evaluative_share: float, size: int) -> list[str]:
    """Feature words for the sentence's section: how evaluative it is and how long."""
    return [
        _bucket(evaluative_share, (0.25, 0.5, 0.75), "secshare"),
        _bucket(size, (3, 8), "secsize"),
    ]


def context_features(context: Sequence[str], direction: str) -> list[str]:
    """Section features joined with the sentence's lean (`Analysis.lean`)."""
    return [f"{c}_{direction}" for c in context]
