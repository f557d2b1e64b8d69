"""Metrics: every quantity an analyst would chart, normalised, with what it is about.

Rules are data: a pattern that finds a value (and maybe a previous value or an upper
bound), a fixed or context-chosen metric label, and an optional validation hook. One
pass labels, one pass resolves overlaps, one pass attaches subject, period and target.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from reportmine.core.document import Document
from reportmine.core.metric_labels import METRIC_LABELS
from reportmine.core.models import MetricRecord
from reportmine.extractors.base import evidence
from reportmine.parsing.dates import DATE_RANGE_RE, DATE_RE, MONTH_RE, MONTHS
from reportmine.parsing.money import MONEY_RE, MULTIPLIERS, money_from_match
from reportmine.parsing.numbers import NUMBER_WORDS_RE, parse_number
from reportmine.text.analysis import AnalysedDocument, analysed
from reportmine.text.figures import NUMBER_WORDS, may_hold_figure
from reportmine.text.scan import Pattern, Span, finditer_at, fold
from reportmine.text.segment import Sentence

# Digits as councils write them: "12", "3,400", "4.5".
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUM = rf"{DIGITS}|{NUMBER_WORDS_RE}"
# NUM that never gives back a digit it has read: every shorter reading of DIGITS ends just
# before a digit, "," or ".", so where what follows cannot begin with one of those (not
# before a look-ahead) it finds the same matches, without retrying each shorter reading.
NUM_WHOLE = rf"(?>{DIGITS})|{NUMBER_WORDS_RE}"
PCT = r"\s*(?:%|per\s?cent\b|percent\b)"
# When the first figure of a change was so: "from 1539 in April 2018 to 1899".
_WHEN = (
    rf"(?:\s+(?:in|at|as\s+at)\s+(?:\d{{1,2}}\s+)?(?:{MONTH_RE}\s+)?"
    r"(?:19|20)\d\d(?:[/\u2013-]\d\d)?)?"
)
# Between the ends of a range: "to" or a dash; a bare hyphen only right after a digit or
# "%", as in number words it joins one number ("twenty-five") and before a figure it is
# that figure's minus sign ("50.9 -1.2", "+4.4% -0.1%": columns of a budget table).
_RANGE_MARK = r"(?:(?<=[\d%])-\s*|\s+-\s+|\s*\u2013\s*|\s*to\s*)"

# What each label's records say, as the rules read it (`core.metric_labels`), in the
# labels' order of preference.
# Nouns that make a bare number a count worth charting, by metric.
COUNT_NOUNS: dict[str, str] = {
    lab.count_nouns: lab.name for lab in METRIC_LABELS if lab.count_nouns
}

# Words that end a noun phrase: "four pathways for young people" counts pathways.
_LINK_WORDS = r"(?:for|of|in|to|with|at|on|from|by|and|or|who|which|that)\b"
# Context words that label a percentage or a change: first matching label wins.
PERCENT_CONTEXT: list[tuple[str, str]] = [
    (lab.name, lab.percent_words) for lab in METRIC_LABELS if lab.percent_words
]
# A bare count in a sentence holding the word is a figure of the label ("caseload").
_SENTENCE_WORDS = [(lab.sentence_word, lab.name) for lab in METRIC_LABELS if lab.sentence_word]
_FRACTIONAL = frozenset(lab.name for lab in METRIC_LABELS if lab.fractional)
_COUNT_UNIT = {lab.name: lab.count_unit for lab in METRIC_LABELS if lab.count_unit}
CHANGE_WORDS = (
    r"(?:reduc(?:ed|tion)|decreas(?:ed|e)|fall(?:en)?|fell|dropped|drop|declin(?:ed|e)|"
    r"increas(?:ed|e)|ris(?:en|e)|rose|grown|growth|went\s+(?:up|down)|gone\s+(?:up|down)|"
    r"(?:up|down))"
)
TARGET_WORDS = re.compile(
    r"\b(?:aspir\w*|aim\w*|target\w*|ambition\w*|benchmark\w*|goal|threshold|"
    r"no more than|maximum of|up to a maximum|should (?:be|have)|would like|want to|"
    r"limit|cap|ceiling|minimum(?: of)?|at least|no fewer than|"
    r"(?:good|outstanding) (?:or (?:good|outstanding) )?(?:local )?authorities|"
    r"national average|statistical neighbours?|england average)\b",
    re.IGNORECASE,
)
MONEY_KINDS: list[tuple[str, str]] = [
    ("overspend", r"over\s?spen[dt]\w*|over-spen[dt]\w*"),
    ("saving", r"\bsavings?\b|\bsave\b|\bunderspen[dt]\w*|\bunder-spen[dt]\w*"),
    ("pressure", r"\bpressures?\b|\bshortfall\b|\bgap\b"),
    ("investment", r"\binvest\w*"),
    ("funding", r"\bfund(?:ed|ing|s)?\b|\bgrants?\b|\ballocat\w*|\bestimate\b"),
    ("budget", r"\bbudget\w*"),
    ("cost", r"\bcosts?\b|\bcosting\b|\bprice\b|\bfees?\b"),
    ("spend", r"\bspen[dt]\w*|\bexpenditure\b|\boutturn\b"),
]
PERIOD = re.compile(
    r"\b(?:(?:FY\s?)?20\d\d\s?[/-]\s?(?:20)?\d\d|Q[1-4]\s+20\d\d|Quarter\s+[1-4]|"
    r"(?:at\s+)?Month\s+\d{1,2}|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+20\d\d)\b",
    re.IGNORECASE,
)
# Numbers that are never metrics: ages, durations, item numbers, phone numbers, clock times.
NOT_A_METRIC = re.compile(
    rf"\b(?:aged?|age of|ages)\s+(?:{NUM_WHOLE})(?:\s*(?:-|to|and)\s*(?:{NUM_WHOLE}))?"
    rf"|(?:{NUM_WHOLE})(?:\s*(?:-|to)\s*(?:{NUM_WHOLE}))?[\s-]+(?:years?|yrs?)[\s-]+old"
    rf"|(?:{NUM_WHOLE})[\s-]+(?:working\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|"
    r"times?)\b"
    r"|\b(?:Item|Appendix|Annex|Section|page|para(?:graph)?|Minute|Table|Figure|Room|"
    r"Level|Stage|Tier|Phase|Year|Key Stage|KS|Step|Priority|Recommendation|No\.?)\s+\d+"
    rf"|\bper\s+(?:{NUM_WHOLE})"
    r"|\(?0\d{3,4}\)?\s?\d{3}\s?\d{3,4}|\b\d{1,2}[.:]\d{2}\s?(?:am|pm)\b|\b[A-Z]{1,2}\d{1,2}\s?\d[A-Z]{2}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MetricRule:
    """One pattern for one kind of figure.

    `metric` fixes the label; None lets the sentence's context words choose it.
    Hooks: `validate` can veto a match (e.g. a year read as a count); `read` turns a match
    into its value fields (value, value_max, previous_value, money_kind), None to drop it;
    `previous_from_earlier`: a figure stated as where something ended ("reduced to 12")
    takes the sentence's earlier figure as its previous value.

    The engine runs `pattern` with the prefilters its source implies (`Pattern`): writing
    a rule needs no knowledge of speed.
    """

    name: str
    pattern: re.Pattern[str]
    unit: str
    metric: str | None = None
    priority: int = 0
    validate: Callable[[re.Match[str], str], bool] | None = None
    read: Callable[[re.Match[str], Span], dict | None] = field(
        default=lambda m, text: _read_number(m)
    )
    previous_from_earlier: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    matcher: Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "matcher", Pattern(self.pattern))


def _not_a_year(m: re.Match[str], sentence: str) -> bool:
    """A bare 19xx/20xx is a year, unless written as a lower bound ("2000+ care leavers")."""
    value = m.group("value")
    if sentence[m.end("value") : m.end("value") + 1] == "+":
        return True
    return not (value.isdigit() and len(value) == 4 and value.startswith(("19", "20")))


def _rising(m: re.Match[str], sentence: str) -> bool:
    """A range runs upwards: "2023-24 budget plans" names a year, not 2023 to 24 plans."""
    low = m.group("low")
    try:
        return not low or parse_number(low) <= parse_number(m.group("value"))
    except ValueError:
        return False


def _whole_count(m: re.Match[str], sentence: str) -> bool:
    """Only staff come in fractions (full-time equivalents): "3,841.5 Children's Social
    Care" is a column of a budget table, not a count of children."""
    if "." not in m.group("value") and "." not in (m.group("low") or ""):
        return True
    return _noun_label(m.group("noun")) in _FRACTIONAL


def _not_an_article(m: re.Match[str], sentence: str) -> bool:
    """ "One social worker said ..." names a person; it does not count anything."""
    return m.group("value").lower() not in ("one", "a")


def _read_number(m: re.Match[str]) -> dict | None:
    """A figure's value fields from the groups its rule names: `value`, and `mult`
    ("2.5 million"), `low` (a range's start), `prev` ("from 21 to 18") or `delta` with
    `fall` ("decreased by 80 to 475": 555 before) where the rule has them."""
    groups = m.re.groupindex
    try:
        fields: dict = {"value": parse_number(m.group("value"))}
        if "mult" in groups and m.group("mult"):
            fields["value"] *= MULTIPLIERS[m.group("mult").lower()]
        if "low" in groups and m.group("low"):
            fields["value"], fields["value_max"] = parse_number(m.group("low")), fields["value"]
        if "prev" in groups and m.group("prev"):
            fields["previous_value"] = parse_number(m.group("prev"))
        if "delta" in groups and m.group("delta"):
            change = parse_number(m.group("delta"))
            fields["previous_value"] = fields["value"] + (change if m.group("fall") else -change)
    except ValueError:
        return None
    return fields


def _read_money(m: re.Match[str], text: Span) -> dict:
    """An amount's value fields and the kind of money the words nearest it name."""
    money = money_from_match(m)
    fields: dict = {"value": money.value, "value_max": money.value_max}
    if money.value_max is not None and money.value_max < money.value:
        # Amounts that fall are a change ("from £227m to £96.6m"), never a range.
        fields.update(previous_value=money.value, value=money.value_max, value_max=None)
    fields["money_kind"] = _money_kind(text, m.start(), m.end())
    if money.negative and fields["money_kind"] == "other":
        fields["money_kind"] = "saving"
    return fields


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


RULES: list[MetricRule] = [
    MetricRule(
        "caseload_change",
        _rx(
            rf"\bfrom\s+(?:an?\s+average\s+(?:caseload\s+)?of\s+|around\s+|approximately\s+)?"
            rf"(?P<prev>{NUM_WHOLE})(?:\s+cases)?{_WHEN}\s+(?:to|down to|up to)\s+"
            r"(?:an?\s+average\s+of\s+)?"
            # Not the "1" of "to 12%" nor the "12" of "to 12.5%": the whole figure is read.
            rf"(?P<value>{NUM})(?![\d.,]*\s*(?:%|per\s?cent))"
        ),
        unit="count",
        priority=3,
        validate=_not_a_year,
    ),
    MetricRule(
        "percent_change_from_to",
        # "from 10 to 12%": the first figure's "%" may be left to the second's.
        _rx(
            rf"\bfrom\s+(?P<prev>{NUM_WHOLE})(?:{PCT})?{_WHEN}\s+to\s+(?P<value>{NUM_WHOLE}){PCT}"
        ),
        unit="percent",
        priority=3,
    ),
    MetricRule(
        "percent_change_by",
        _rx(
            rf"\b{CHANGE_WORDS}\s+(?:by\s+|of\s+)(?:around\s+|approximately\s+|almost\s+|over\s+)?"
            rf"(?P<value>{NUM_WHOLE}){PCT}"
        ),
        unit="percent",
        metric="percent_change",
        priority=2,
    ),
    MetricRule(
        "count_change_by",
        _rx(
            rf"\b{CHANGE_WORDS}\s+by\s+(?:around\s+|approximately\s+|about\s+|almost\s+|over\s+|"
            rf"nearly\s+)?(?P<value>{NUM})(?!\s*(?:%|per\s?cent|\.\d|,\d))"
        ),
        unit="count",
        priority=1,
        validate=_not_a_year,
    ),
    MetricRule(
        "caseload_for_role",
        _rx(
            rf"(?<![£\d.,])(?P<value>{NUM_WHOLE})\s+(?:cases\s+)?for\s+(?:a|an|each|every)?\s*"
            r"(?:[\w-]+\s+){0,3}?(?:social\s+workers?|practitioners?|workers?|ASYE|NQSWs?|"
            r"qualified|staff)\b"
        ),
        unit="cases_per_worker",
        metric="caseload",
        priority=1,
        validate=lambda m, sentence: "caseload" in sentence.lower(),
    ),
    MetricRule(
        "cases_per_worker",
        _rx(
            rf"(?P<value>{NUM_WHOLE})\s+(?:cases|children)\s+(?:per|for each|each|a)\s+"
            r"(?:(?:newly\s+qualified\s+|experienced\s+)?social\s+worker|worker|practitioner)"
        ),
        unit="cases_per_worker",
        metric="caseload",
        priority=2,
    ),
    MetricRule(
        "average_caseload",
        _rx(
            rf"\b(?:average\s+)?caseloads?\s+(?:\w+\s+){{0,4}}?(?:of|is|are|was|were|at|to)\s+"
            rf"(?:an?\s+average\s+of\s+)?(?:around\s+|approximately\s+|about\s+|between\s+)?"
            rf"(?P<value>{NUM})(?!\s*(?:%|per\s?cent|to\s+\d))"
        ),
        unit="cases_per_worker",
        metric="caseload",
        priority=1,
        validate=_not_a_year,
    ),
    MetricRule(
        "money",
        MONEY_RE,
        unit="gbp",
        metric="money",
        priority=4,
        read=_read_money,
    ),
    MetricRule(
        "percent",
        _rx(
            # A percentage range starts below 1000: "in 2022 to 17%" is no range.
            rf"(?:(?<![\d\u2013/.-])(?P<low>\d{{1,3}}(?:\.\d+)?)(?![\d,])(?:{PCT})?"
            rf"{_RANGE_MARK})?"
            rf"(?P<value>(?>{DIGITS})){PCT}"
        ),
        unit="percent",
        priority=1,
    ),
    MetricRule(
        "count_noun",
        _rx(
            rf"(?<![£\d.,-])(?:(?P<low>{NUM_WHOLE}){_RANGE_MARK})?(?P<value>{NUM_WHOLE})\+?"
            rf"(?:\s+plus)?\s+(?:(?!{_LINK_WORDS})\w++\s++){{0,2}}?(?P<noun>"
            + "|".join(f"(?:{p})" for p in COUNT_NOUNS)
            # "five children's homes" counts homes, not children
            + r")\b(?!['\u2019]s\b)"
        ),
        unit="count",
        priority=0,
        validate=lambda m, sentence: (
            _not_a_year(m, sentence)
            and _not_an_article(m, sentence)
            and _rising(m, sentence)
            and _whole_count(m, sentence)
        ),
    ),
    MetricRule(
        "population_of",
        _rx(
            rf"\bpopulation\s+(?:limits?\s+)?(?:of\s+|below\s+|above\s+|over\s+)?(?:around\s+|"
            rf"circa\s+|approximately\s+|about\s+|over\s+|just\s+over\s+)?(?P<value>{NUM_WHOLE})"
            r"(?:\s?(?P<mult>m|million)\b)?"
        ),
        unit="count",
        metric="other",
        priority=1,
    ),
    MetricRule(
        "n_population",
        _rx(rf"(?P<value>{NUM_WHOLE})(?:\s?(?P<mult>m|million)\b)?\s+(?:resident\s+)?population\b"),
        unit="count",
        metric="other",
        priority=1,
    ),
    MetricRule(
        "changed_by_to",  # "decreased by 80 to 475": 475, previously 555
        _rx(
            r"\b(?:(?P<fall>reduced|decreased|fallen|fell|dropped|declined)|"
            r"(?P<rise>increased|risen|rose|grown|grew))\s+by\s+"
            rf"(?P<delta>{NUM})\s+to\s+(?P<value>{NUM})(?!\s*(?:%|per\s?cent|\d))"
        ),
        unit="count",
        priority=1,
        validate=_not_a_year,
    ),
    MetricRule(
        "reduced_to",  # "reduced to 12": the earlier figure is the previous value
        _rx(
            rf"\b(?:reduced|fallen|dropped|decreased|increased|risen|grown|down|up)\s+to\s+"
            rf"(?P<value>{NUM})(?!\s*(?:%|per\s?cent|\d))"
        ),
        unit="count",
        priority=0,
        validate=_not_a_year,
        previous_from_earlier=True,
    ),
]


# A staff count in a sentence about vacancies or leavers is that, not a headcount.
COUNT_CONTEXT: list[tuple[str, re.Pattern[str], str]] = [
    (lab.recounts[0], re.compile(lab.recounts[1], re.IGNORECASE), lab.name)
    for lab in METRIC_LABELS
    if lab.recounts
]


def _label_count(sentence: str, noun: str | None, before: str | None = None) -> str:
    """The label of a count: its noun's, else the sentence's or subject's before it."""
    label = _label_count_noun(sentence, noun, before)
    for source, context, target in COUNT_CONTEXT:
        if label == source and context.search(sentence):
            return target
    return label


# re.fullmatch(pattern, noun, re.IGNORECASE) for each of COUNT_NOUNS, compiled once.
_COUNT_NOUN_RX = [
    (re.compile(pattern, re.IGNORECASE), label) for pattern, label in COUNT_NOUNS.items()
]


def _noun_label(noun: str) -> str | None:
    """The metric a counted noun names (COUNT_NOUNS), or None."""
    for rx, label in _COUNT_NOUN_RX:
        if rx.fullmatch(noun):
            return label
    return None


def _label_count_noun(sentence: str, noun: str | None, before: str | None) -> str:
    if noun and (label := _noun_label(noun)):
        return label
    lowered = fold(sentence) or sentence.lower()
    for word, label in _SENTENCE_WORDS:
        if word in lowered:
            return label
    # The subject nearest before the figure says what it counts.
    subject = before if before is not None else Span.of(sentence)
    nearest = [
        (m.end(), label) for label, pattern in COUNT_SUBJECTS for m in pattern.finditer(subject)
    ]
    return max(nearest)[1] if nearest else "other"


COUNT_SUBJECTS: list[tuple[str, Pattern]] = [
    (lab.name, Pattern(lab.subject_words, re.IGNORECASE))
    for lab in METRIC_LABELS
    if lab.subject_words
]

# "500,000 or more", "1.5 million or above": a threshold, not a count.
THRESHOLD_AFTER = re.compile(
    r"\s*(?:m|million)?\s+or\s+(?:more|above|over|greater|higher|less|fewer|below|under)\b", re.I
)
_CONTRAST = re.compile(r"\b(?:but|however|whereas|currently|actual|now|although)\b", re.I)
_TARGET_AT = Pattern(TARGET_WORDS)


def _is_target(before: str) -> bool:
    """An aim or benchmark word earlier in the sentence, with no turn back to actuals since."""
    hits = _TARGET_AT.finditer(before)
    return bool(hits) and not _CONTRAST.search(before, hits[-1].end())


_PERCENT_CONTEXT_RX = [(label, Pattern(p, re.IGNORECASE)) for label, p in PERCENT_CONTEXT]


def _label_percent(sentence: str, local: str) -> str:
    """The label the words nearest a percentage give it, else the sentence's words."""
    for label, pattern in _PERCENT_CONTEXT_RX:
        if pattern.found(local):
            return label
    for label, pattern in _PERCENT_CONTEXT_RX:
        if pattern.found(sentence):
            return label
    return "other"


_MONEY_KIND_RX = [(kind, Pattern(p, re.IGNORECASE)) for kind, p in MONEY_KINDS]


def _money_kind(text: str, value_start: int, value_end: int) -> str:
    """The money word nearest the figure decides its kind."""
    best, best_distance = "other", 10**9
    for kind, pattern in _MONEY_KIND_RX:
        for m in pattern.finditer(text):
            distance = value_start - m.end() if m.end() <= value_start else m.start() - value_end
            if m.end() <= value_start:
                distance = distance * 0.8  # words before the figure usually name it
            if 0 <= distance < best_distance:
                best, best_distance = kind, distance
    return best if best_distance < 120 else "other"


_PERIOD_AT = Pattern(PERIOD)
_AT_PREFIX = re.compile(r"^at\s+", re.IGNORECASE)


def _periods(text: str) -> list[tuple[int, str]]:
    """Every stated period of a sentence: its start and text."""
    return [(m.start(), m.group(0)) for m in _PERIOD_AT.finditer(text)]


def _period(text: str, pos: int, periods: list[tuple[int, str]] | None = None) -> str | None:
    """The stated period nearest the figure ("2022/23", "Month 4", "November 2019");
    `periods` is `_periods(text)` when the caller has it."""
    if periods is None:
        periods = _periods(text)
    found = [(abs(start - pos), period) for start, period in periods]
    if not found:
        return None
    return _AT_PREFIX.sub("", min(found)[1])


_SUBJECT_FOR = re.compile(
    r"^\s*(?:cases\s+)?(?:for|of|in|at|within|across)\s+(?:the\s+)?"
    r"([A-Za-z][\w'()\- ]{2,80}?)(?=\s*(?:[,.;:]|\band\b|\bfrom\b|$))"
)
_SUBJECT_NOUN = re.compile(
    r"\b(front door|MASH|ASYE|newly qualified social workers?|"
    r"experienced social workers?|children's social care|"
    r"social workers?|care leavers|children in care|looked after children|"
    r"young people|foster carers|the workforce|team managers?)\b",
    re.IGNORECASE,
)
_SUBJECT_NOUN_AT = Pattern(_SUBJECT_NOUN)
_SPACES = re.compile(r"\s+")


# A change stated by its verb ("decreased by 80 to 475", "have risen to 125") is the change
# of what the clause before the verb names.
_CHANGE_VERB = re.compile(
    r"(?:reduced|decreased|fallen|fell|dropped|declined|increased|risen|rose|grown|grew)\b",
    re.IGNORECASE,
)
_CHANGE_VERB_BEFORE = re.compile(rf"{_CHANGE_VERB.pattern}\s+(?:from\s+)?$", re.IGNORECASE)
_CHANGED = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|but|while|whereas)\s+)(?:the\s+number\s+of\s+|the\s+)?"
    r"(?P<what>[A-Za-z][\w'\u2019-]*(?:\s+[\w'\u2019-]+){0,6}?)"
    r"(?:\s+(?:has|have|had|was|were|is|are))?\s+$",
    re.IGNORECASE,
)


def changed_subject(sentence: str, start: int) -> str | None:
    """What changed, for a figure stated as a change: "UASC in care decreased by 80 to
    475", "Caseloads have reduced from 21 to 18" (the figure's match starts at `start`)."""
    before = sentence[:start]
    verb_before = _CHANGE_VERB_BEFORE.search(before)
    if verb_before is not None:
        before = before[: verb_before.start()]
    elif not _CHANGE_VERB.match(sentence, start):
        return None
    changed = _CHANGED.search(before)
    return changed.group("what") if changed else None


def _subject(sentence: str, start: int, end: int, noun: str | None) -> str | None:
    """What a figure measures: its noun, the thing that changed, or the nearest subject."""
    if noun:
        return _SPACES.sub(" ", noun)
    if (changed := changed_subject(sentence, start)) is not None:
        return changed
    after = _SUBJECT_FOR.match(sentence[end:])
    if after:
        return after.group(1).strip()
    window = Span.of(sentence).slice(max(0, start - 120), end + 60)
    nouns = _SUBJECT_NOUN_AT.finditer(window)
    return nouns[-1].group(1) if nouns else None


_MONTH_WORDS = frozenset(MONTHS)
_WORD = re.compile(r"[a-z]+")
# The words NOT_A_METRIC's worded alternatives begin with ("aged 12", "Item 4", "per 10").
_NOT_A_METRIC_WORDS = frozenset(
    ("age", "aged", "ages", "item", "appendix", "annex", "section", "page", "para")
    + ("paragraph", "minute", "table", "figure", "room", "level", "stage", "tier", "phase")
    + ("year", "key", "ks", "step", "priority", "recommendation", "no", "per")
)


_DIGIT = re.compile(r"\d")


def _rule_matches(rules: list[MetricRule], text: str) -> list[tuple[MetricRule, re.Match[str]]]:
    """Every rule's matches in one sentence, rule by rule, each as `finditer` gives them.

    Each rule runs with its pattern's prefilters (`Pattern`); rules whose matches begin
    at the same places share one search for those places. Text `folded` refuses has every
    pattern run the plain way."""
    lowered = fold(text)
    if lowered is None:
        return [(rule, m) for rule in rules for m in rule.pattern.finditer(text)]
    matches: list[tuple[MetricRule, re.Match[str]]] = []
    places: dict[tuple, list[int] | None] = {}
    for rule in rules:
        matcher = rule.matcher
        if not matcher.may_match(lowered):
            continue
        key = (matcher.anchors, matcher.at_digits)
        if key not in places:
            places[key] = matcher.starts(lowered)
        starts = places[key]
        found = rule.pattern.finditer(text) if starts is None else finditer_at(
            rule.pattern, text, starts
        )
        matches.extend([(rule, m) for m in found])
    return matches


_NOT_METRIC_RUNS = NUMBER_WORDS | _NOT_A_METRIC_WORDS


def _is_word_char(c: str) -> bool:
    """`re.match(r"\\w", c)` for one character, as `\\b` tests it."""
    return c.isalnum() or c == "_"


def _blocked_starts(
    text: str, lowered: str, digits: list[int], until: int
) -> tuple[list[int], list[int], list[int]]:
    """Where DATE_RANGE_RE, DATE_RE and NOT_A_METRIC matches beginning at or before `until`
    can begin (`digits` are the digits' places). Each date begins at a word boundary: at a
    digit with no word character before it, or at a month name. NOT_A_METRIC begins at any
    digit or at a worded alternative's first word, less the runs of one or two letters that
    no digit follows: of its alternatives only the postcode ("AB1 2CD": a word boundary, one
    or two letters, a digit) begins with such a run that is not one of its words, and the
    run is then followed by a digit."""
    digits = digits[: bisect_right(digits, until)]
    days = [at for at in digits if not at or not _is_word_char(text[at - 1])]
    months: list[int] = []
    words: list[int] = []
    for m in _WORD.finditer(lowered):
        at, word = m.start(), m.group()
        if at > until:
            break
        if word in _MONTH_WORDS:
            months.append(at)
        if word in _NOT_METRIC_RUNS or (len(word) <= 2 and _DIGIT.match(lowered, m.end())):
            words.append(at)
    at = lowered.find("(", 0, until + 1)
    while at >= 0:
        words.append(at)
        at = lowered.find("(", at + 1, until + 1)
    dates = sorted(days + months) if months else days
    return days, dates, sorted(digits + words)


def _blocked(
    text: str, digits: list[int] | None = None, until: int | None = None
) -> list[tuple[int, int]]:
    """Spans of dates and of numbers that are never metrics (ages, item numbers, times)
    that begin at or before `until` (None: anywhere); a figure is blocked only by a span
    that begins at or before it, and the spans up to a place are the same whatever follows.

    Text `folded` refuses has every pattern run the plain way; `digits` are the places of
    its digits when known."""
    lowered = fold(text)
    if until is None:
        until = len(text)
    if lowered is None:
        return [
            (m.start(), m.end())
            for rx in (DATE_RANGE_RE, DATE_RE, NOT_A_METRIC)
            for m in rx.finditer(text)
            if m.start() <= until
        ]
    if digits is None:
        digits = [m.start() for m in _DIGIT.finditer(lowered)]
    days, dates, not_metric = _blocked_starts(text, lowered, digits, until)
    return [
        (m.start(), m.end())
        for rx, starts in ((DATE_RANGE_RE, days), (DATE_RE, dates), (NOT_A_METRIC, not_metric))
        for m in finditer_at(rx, text, starts)
    ]


@dataclass
class _Candidate:
    rule: MetricRule
    start: int  # absolute offsets of the figure's match
    end: int
    record: dict


class MetricExtractor:
    name: ClassVar[str] = "metrics.rules"
    table: ClassVar[str] = "metrics"

    def __init__(self, rules: list[MetricRule] | None = None) -> None:
        self.rules = rules if rules is not None else RULES

    def extract(self, doc: Document | AnalysedDocument) -> list[MetricRecord]:
        doc = analysed(doc)
        records: list[MetricRecord] = []
        figures = doc.figures
        for sentence in doc.sentences:
            start, end = sentence.start, sentence.end
            if figures is None or figures.crosses(start, end):
                if not may_hold_figure(doc.text[start:end]):
                    continue
                text, digits = Span.of(doc.text[start:end]), None
            elif figures.may_hold(start, end):
                text, digits = doc.span(start, end), figures.digits(start, end)
            else:
                continue  # most sentences state no quantity: skip the rule patterns
            for cand in self._sentence_candidates(doc, sentence, text, digits):
                records.append(MetricRecord(**cand.record))
        return records

    def _sentence_candidates(
        self,
        doc: Document,
        sentence: Sentence,
        text: Span,
        digits: list[int] | None,
    ) -> list[_Candidate]:
        """The figures of a sentence that may hold one; `text` is the sentence, `digits`
        the places of its digits when known."""
        matches = _rule_matches(self.rules, text)
        if not matches:
            return []
        values = [m.start("value" if "value" in m.re.groupindex else "a") for _, m in matches]
        blocked = _blocked(text, digits, max(values))
        periods: dict[str, list[tuple[int, str]]] = {}  # the sentence's, once needed
        candidates: list[_Candidate] = []
        for (rule, m), value in zip(matches, values, strict=True):
            if any(s <= value < e for s, e in blocked):
                continue
            if rule.validate and not rule.validate(m, text):
                continue
            record = self._record(doc, sentence, text, rule, m, periods)
            if record is not None:
                candidates.append(_Candidate(rule, m.start(), m.end(), record))
        return _link_changes(_resolve_overlaps(candidates), text)

    def _record(
        self,
        doc: Document,
        sentence: Sentence,
        text: Span,
        rule: MetricRule,
        m: re.Match[str],
        periods: dict[str, list[tuple[int, str]]] | None = None,
    ) -> dict | None:
        """One figure's record; `periods` caches `_periods(text)`."""
        fields: dict = {"unit": rule.unit, "metric": rule.metric}
        values = rule.read(m, text)
        if values is None:
            return None
        fields.update(values)
        noun = m.group("noun") if "noun" in m.re.groupindex else None
        local = text.slice(max(0, m.start() - 60), m.end() + 40)
        before = text.slice(0, m.start())
        if fields["metric"] is None:
            if rule.unit == "percent":
                fields["metric"] = _label_percent(text, local)
            else:
                fields["metric"] = _label_count(text, noun, before)
            if rule.unit == "count" and fields["metric"] in _COUNT_UNIT:
                fields["unit"] = _COUNT_UNIT[fields["metric"]]
        if rule.unit == "count" and fields["metric"] == "other" and not (noun or rule.metric):
            return None  # a bare number with nothing to say what it counts
        fields["is_target"] = _is_target(before) or bool(
            THRESHOLD_AFTER.match(text, m.end())
        )
        fields["subject"] = _subject(text, m.start(), m.end(), noun)
        if periods is None:
            periods = {}
        if "all" not in periods:
            periods["all"] = _periods(text)
        fields["period"] = _period(text, m.start(), periods["all"])
        if fields["unit"] != "gbp":
            fields.pop("money_kind", None)
        start = sentence.start
        confidence = 0.9 if rule.priority >= 2 else 0.75
        fields.update(evidence(doc, start, sentence.end, f"{self.name}:{rule.name}", confidence))
        return fields


_EARLIER_FIGURE = re.compile(
    r"(?<![\d.,£])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d.,]*\s*(?:%|per\s?cent))"
)
# "(£3.1m in Quarter 2)", "(previously £12m)": the same figure at an earlier point.
_EARLIER_MONEY = re.compile(
    r"\(\s*(?:(?:previously|was|from|down\s+from|up\s+from)\s*£[^)]{1,12}?"
    r"|£[\d.,]+\s*(?:m|k|bn|million)?\s+(?:in|at|as\s+at|for)\s+(?:Quarter|Q\d|Month|the\s+"
    r"previous|last)\b[^)]{0,25})\)",
    re.IGNORECASE,
)


_YEAR = re.compile(r"(?:19|20)\d\d")


def _link_changes(candidates: list[_Candidate], text: str) -> list[_Candidate]:
    """Attach previous values stated beside a figure.

    "14 young people ... now reduced to one" and "peaked at 18,000 ... dropped to 15,000":
    the earlier figure is the previous value. "£9.9m underspend (£3.1m in Quarter 2)":
    the bracketed amount is the previous value, not a figure of its own.
    """
    for i, cand in enumerate(candidates):
        if not cand.rule.previous_from_earlier or cand.record.get("previous_value") is not None:
            continue
        earlier = [
            c
            for c in candidates[:i]
            if c.record["metric"] == cand.record["metric"]
            and c.record["unit"] == cand.record["unit"]
        ]
        if earlier:
            cand.record["previous_value"] = earlier[-1].record["value"]
            continue
        figures = [
            f
            for f in _EARLIER_FIGURE.finditer(text, 0, cand.start)
            if not _YEAR.fullmatch(f.group(0))
        ]
        if figures:
            cand.record["previous_value"] = float(figures[-1].group(1).replace(",", ""))
    kept: list[_Candidate] = []
    for cand in candidates:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and cand.rule is prev.rule
            and cand.rule.unit == "gbp"  # two amounts of money
            and _EARLIER_MONEY.match(text, cand.start)
            and prev.record.get("previous_value") is None
        ):
            prev.record["previous_value"] = cand.record["value"]
            continue
        kept.append(cand)
    return kept


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep one reading per stretch of text: higher priority, then longer, wins."""
    ranked = sorted(candidates, key=lambda c: (-c.rule.priority, -(c.end - c.start), c.start))
    kept: list[_Candidate] = []
    for cand in ranked:
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)
