"""Metric rules on made-up sentences: forms, labels, changes, targets and exclusions."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.core.document import Document
from reportmine.extractors import metrics as M
from reportmine.extractors.metrics import MetricExtractor
from reportmine.loaders import load_document
from reportmine.parsing import numbers as N
from reportmine.text import analysis, scan
from reportmine.text import figures as F
from reportmine.text.scan import Span, folded
from reportmine.text.segment import split_sentences


def metrics(text: str):
    doc = Document("d", "x.txt", "txt", text)
    return [
        (m.metric, m.value, m.unit, m.previous_value, m.value_max, m.is_target)
        for m in MetricExtractor().extract(doc)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Caseloads have reduced from an average of 21 to 18 for newly qualified workers.",
            [("caseload", 18, "cases_per_worker", 21, None, False)],
        ),
        (
            "The front door had 87% agency staff.",
            [("agency_rate", 87, "percent", None, None, False)],
        ),
        (
            "Use of agency staff has decreased a little - currently down to 22 per cent.",
            [("agency_rate", 22, "percent", None, None, False)],
        ),
        (
            "Referrals have reduced by 30% since March.",
            [("percent_change", 30, "percent", None, None, False)],
        ),
        (
            "We aspire to a caseload of 15 for a newly qualified social worker.",
            [("caseload", 15, "cases_per_worker", None, None, True)],
        ),
        (
            "Good authorities had approximately 15 cases per social worker.",
            [("caseload", 15, "cases_per_worker", None, None, True)],
        ),
        (
            "There were 14 young people in HMOs and that has now been reduced to one.",
            [
                ("children_count", 14, "count", None, None, False),
                ("children_count", 1, "count", 14, None, False),
            ],
        ),
        (
            "The Council welcomed two new Service Managers in October.",
            [("staff_count", 2, "count", None, None, False)],
        ),
        (
            "There are 31 vacancies in the structure.",
            [("vacancies", 31, "count", None, None, False)],
        ),
        (  # the subject before a change names what it counts
            "Vacancies have risen to 125 across the county.",
            [("vacancies", 125, "count", None, None, False)],
        ),
        (
            "The service will cost £1.2-1.5 million.",
            [("money", 1_200_000, "gbp", None, 1_500_000, False)],
        ),
        (
            "Forecasts predict a 3-7% reduction in pupils.",
            [("percent_change", 3, "percent", None, 7, False)],
        ),
        (
            "Open cases have reduced by approximately 400 compared to last year.",
            [("cases_count", 400, "count", None, None, False)],
        ),
        (
            "There are currently 2000+ care leavers in the county.",
            [("children_count", 2000, "count", None, None, False)],
        ),
        (
            "A combined population of 1.5 million or above.",
            [("other", 1_500_000, "count", None, None, True)],
        ),
    ],
)
def test_metric_forms_and_labels(text, expected):
    assert metrics(text) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The Council is forecast to overspend by £8,989k this year.", "overspend"),
        ("A supplementary revenue estimate of £906,000 to fund the plan.", "funding"),
        ("The estimated cost of delivering the plan is £923k.", "cost"),
        ("Savings of £2.5m are planned.", "saving"),
        ("The budget for 2023/24 is £4.3m.", "budget"),
    ],
)
def test_money_kind_from_nearest_word(text, kind):
    [m] = MetricExtractor().extract(Document("d", "x.txt", "txt", text))
    assert m.money_kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Homeless young people aged 16-17 years old do not receive a good service.",
        "The meeting was held on 9 January 2020 at 10.30 am.",
        "Phone: (01274) 431266 for details.",
        "See paragraph 5.2 and Item 47 of the agenda.",
        "The visit took place over 3 days, with feedback within 2 working days.",
        "One social worker said the training helped her.",
        "In 2019 the service was reorganised.",
        "The rate is 47 per 10,000 children.",
    ],
)
def test_numbers_that_are_not_metrics(text):
    found = metrics(text)
    assert all(value != 10_000 for _, value, *_ in found)
    if "47 per" not in text:
        assert found == []


def test_period_and_subject_are_attached():
    [m] = MetricExtractor().extract(
        Document("d", "x.txt", "txt", "The action plan will cost £906,000 in 2022/23.")
    )
    assert m.period == "2022/23"


def test_every_metric_quotes_its_offsets():
    text = "Intro.\n\u2022 Caseloads fell from 24 to 22.\n\u2022 The budget is £3m for 2024-25."
    doc = Document("d", "x.txt", "txt", text)
    for m in MetricExtractor().extract(doc):
        assert text[m.char_start : m.char_end] == m.quote


@pytest.mark.parametrize(
    ("text", "value", "previous"),
    [
        ("The £9.9m underspend in the directorate (£3.1m in Quarter 2).", 9_900_000, 3_100_000),
        (
            "Births peaked at just over 18,000 in 2012 and dropped to 15,000 by 2023.",
            15_000,
            18_000,
        ),
    ],
)
def test_previous_value_stated_beside_the_figure(text, value, previous):
    [m] = MetricExtractor().extract(Document("d", "x.txt", "txt", text))
    assert (m.value, m.previous_value) == (value, previous)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A hyphen inside a number written in words joins its parts; it is not a range.
        (
            "There were twenty-five staff vacancies in the team.",
            [("vacancies", 25, "count", None, None, False)],
        ),
        (
            "We have thirty-two social workers in the team.",
            [("staff_count", 32, "count", None, None, False)],
        ),
        # Ranges still read as ranges: digits joined by a hyphen, words by a dash or "to".
        (
            "There are 5-10 vacancies in the team.",
            [("vacancies", 5, "count", None, 10, False)],
        ),
        (
            "There are twenty to thirty vacancies in the team.",
            [("vacancies", 20, "count", None, 30, False)],
        ),
        (
            "There are twenty\u2013thirty vacancies in the team.",
            [("vacancies", 20, "count", None, 30, False)],
        ),
    ],
)
def test_number_words_joined_by_a_hyphen_are_one_number(text, expected):
    assert metrics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A minus sign is no range mark: columns of a budget table are no count.
        ("Looked After Children 52.1 50.9 -1.2 Vacancies 3.0 2.8 -0.2", []),
        ("The post-16 learners were surveyed.", []),
        # A financial year is no range of things counted.
        ("The 2023-24 budget plans were agreed.", []),
        # Nor before a percentage (a table's columns of changes).
        (
            "Net change +4.4% -0.1% on the year before.",
            [
                ("other", 4.4, "percent", None, None, False),
                ("other", 0.1, "percent", None, None, False),
            ],
        ),
        ("A 3%-7% reduction in pupils.", [("percent_change", 3, "percent", None, 7, False)]),
        # A year before "to" does not start a range of percentages: it dates the first.
        (
            "Poverty will be reduced from 18% in 2022 to 17%.",
            [("percent_change", 17, "percent", 18, None, False)],
        ),
        # Amounts that fall are a change, not a range.
        (
            "The deficit fell from \u00a3227m to \u00a396.6m this year.",
            [("money", 96_600_000, "gbp", 227_000_000, None, False)],
        ),
        # A minus sign before "£" starts the next amount, as in the columns of a table.
        (
            "Budget lines -\u00a31,290,972 -\u00a3213,723 \u00a31,077,249 for the area.",
            [
                ("money", 1_290_972, "gbp", None, None, False),
                ("money", 213_723, "gbp", None, None, False),
                ("money", 1_077_249, "gbp", None, None, False),
            ],
        ),
        # Children come whole; staff may come in full-time equivalents.
        ("Costs 3,250.3 3,841.5 Children's Social Care Core.", []),
        (
            "There were 12.5 FTE social workers.",
            [("staff_count", 12.5, "count", None, None, False)],
        ),
        # "children's homes" counts homes, not children.
        ("There are five children's homes in the county.", []),
        # Ranges that rise are still ranges.
        ("There are 5-10 vacancies.", [("vacancies", 5, "count", None, 10, False)]),
        (
            "The service will cost \u00a31.2 - \u00a31.5 million.",
            [("money", 1_200_000, "gbp", None, 1_500_000, False)],
        ),
        (
            "Forecasts predict a 3-7% reduction in pupils.",
            [("percent_change", 3, "percent", None, 7, False)],
        ),
    ],
)
def test_what_is_not_a_range(text, expected):
    assert metrics(text) == expected


def test_hyphenated_number_words_were_read_as_ranges_on_the_greenwich_2016_report(shared_dir):
    """Regression: sentences opening with a count such as "Thirty-two care leavers" gave a
    range 30-2; each is one number, read by `parse_number_words`."""
    [path] = (shared_dir / "ofsted-reports").glob("80495_greenwich/*05 august 2016.pdf")
    opening = re.compile(rf"({N.NUMBER_WORD})-({N.NUMBER_WORD})\b", re.IGNORECASE)
    read = [
        (m.value, m.value_max, N.parse_number_words(found.group()))
        for m in MetricExtractor().extract(load_document(path))
        if m.metric != "money" and (found := opening.match(m.quote))
    ]
    assert len(read) >= 2
    assert all(value == words and value_max is None for value, value_max, words in read)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The figure after "to" is read whole: 12%, never the 1 of "12" before a "%".
        (
            "Agency staff rose from 10 to 12% of the workforce.",
            [("agency_rate", 12, "percent", 10, None, False)],
        ),
        (
            "The vacancy rate fell from 18 to 9 per cent this year.",
            [("vacancies", 9, "percent", 18, None, False)],
        ),
        (
            "Caseloads fell from 22 to 18 per social worker.",
            [("caseload", 18, "cases_per_worker", 22, None, False)],
        ),
        # The first figure's date may stand between it and "to".
        (
            "Contacts are rising: from 1539 in April 2018 to 1899 in July 2018.",
            [("contacts_referrals", 1899, "count", 1539, None, False)],
        ),
        (
            "The rate fell from 79% in March 2013 to 74% in March 2014.",
            [("percent_change", 74, "percent", 79, None, False)],
        ),
        (
            "Referrals rose from 300 at 31 March 2014 to 350.",
            [("contacts_referrals", 350, "count", 300, None, False)],
        ),
    ],
)
def test_a_change_to_a_percentage_is_read_whole(text, expected):
    assert metrics(text) == expected


def test_bracketed_amount_that_is_a_part_stays_a_figure():
    found = metrics("Costs of £5m (£2m capital) were agreed.")
    assert [(v, p) for _, v, _, p, _, _ in found] == [(5_000_000, None), (2_000_000, None)]


# -- the fast paths give exactly what the plain definitions give ------------------------
# Pieces that make figures, near misses ("someone", "often", "weight"), signs, words that
# cross a sentence start ("1aFour"), a final sigma and the letters case-insensitive
# matching treats specially; joined with separators that end sentences and lines.
_PIECES = [
    "one",
    "One",
    "ONE",
    "someone",
    "two",
    "twenty-one",
    "Seventeen",
    "often",
    "ten",
    "hundred",
    "thousand",
    "million",
    "half",
    "third",
    "quarter",
    "quarters",
    "weight",
    "eight",
    "12",
    "3,400",
    "4.5",
    "2023",
    "\u0663",
    "\u00b2",
    "£5m",
    "£",
    "%",
    "per cent",
    "caseloads",
    "children",
    "staff",
    "social workers",
    "from",
    "to",
    "by",
    "reduced",
    "population",
    "March",
    "aged",
    "Item",
    "(",
    "ab1 2cd",
    "1aFour",
    "1aone",
    "\u03a3\u0391\u03a3",
    "\u0130",
    "\u0131",
    "\u017f",
    "\u212a",
    "caf\u00e9",
    "x",
    "?",
    "between",
    "fifty",
    "thirty-third",
    "billion",
    "twelve",
]
_GLUE = st.sampled_from([" ", " ", ". ", ".\n", "\n", "\n\u2022 ", "\n1.2 ", "\n5a", ", ", ""])
_DOCS = st.lists(st.tuples(st.sampled_from(_PIECES), _GLUE), max_size=30).map(
    lambda parts: "".join(p + g for p, g in parts)
)


def test_lower_keeps_offsets_digits_and_signs_of_every_character() -> None:
    """What `FigureIndex` relies on: str.lower() maps one character to one (but for
    U+0130, which `folded` refuses), adds or removes no digit, £ or %, and makes an ASCII
    letter only from an ASCII letter (or U+0130 and the kelvin sign, refused too)."""
    sign = re.compile(r"[\d£%]")
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        low = c.lower()
        if code in (0x130, 0x212A):
            assert folded(c) is None
            continue
        assert len(low) == 1
        assert bool(sign.match(c)) == bool(sign.match(low))
        assert (low in F._ASCII_LOWER) == (c.isascii() and c.lower() in F._ASCII_LOWER)


# The plain per-token scan the metrics extractor used before its document-level one: the
# places where each kind of pattern can begin, which the fast scans must reproduce.
_TOKEN = re.compile(r"(\d)|[a-z]+|\(")


@dataclass
class _Places:
    digits: list[int] = field(default_factory=list)
    figures: list[int] = field(default_factory=list)  # a digit or a number word
    dates: list[int] = field(default_factory=list)  # a digit or a month name
    not_metric: list[int] = field(default_factory=list)  # NOT_A_METRIC's first characters


def _places(lowered: str) -> _Places:
    places = _Places()
    for m in _TOKEN.finditer(lowered):
        at, word = m.start(), m.group(0)
        if m.group(1) is not None:
            places.digits.append(at)
            places.figures.append(at)
            places.dates.append(at)
            places.not_metric.append(at)
        elif word == "(":
            places.not_metric.append(at)
        else:
            number = word in F.NUMBER_WORDS
            if number:
                places.figures.append(at)
            if word in M._MONTH_WORDS:
                places.dates.append(at)
            if number or len(word) <= 2 or word in M._NOT_A_METRIC_WORDS:
                places.not_metric.append(at)
    return places


@settings(max_examples=500, deadline=None)
@given(_DOCS, st.data())
def test_document_figures_match_the_per_sentence_tests(text: str, data) -> None:
    whole = folded(text)
    if whole is None:
        return
    figures = F.FigureIndex(text, whole)
    ranges = [(s.start, s.end) for s in split_sentences(text)]
    for _ in range(10):
        start = data.draw(st.integers(0, len(text)))
        ranges.append((start, data.draw(st.integers(start, len(text)))))
    for start, end in ranges:
        if figures.crosses(start, end):
            continue
        piece = text[start:end]
        assert figures.may_hold(start, end) == F.may_hold_figure(piece)
        low = folded(piece)
        assert low is not None
        assert figures.digits(start, end) == [m.start() for m in re.finditer(r"\d", low)]
        ascii_at = [(i, a) for i, a in enumerate(low) if a.isascii()]
        assert ascii_at == [(i, a) for i, a in enumerate(whole[start:end]) if a.isascii()]


@pytest.mark.parametrize(
    ("text", "start", "crosses"),
    [
        ("1aFour cases", 2, True),  # a paragraph number glued to the word
        ("1.2 Four cases", 4, False),
        ("(a)Four cases", 3, False),
    ],
)
def test_a_word_crossing_a_sentence_start_is_tested_the_plain_way(text, start, crosses):
    figures = F.FigureIndex(text, folded(text))
    assert figures.crosses(start, len(text)) == crosses


def test_extract_is_the_same_for_a_document_with_a_letter_lower_cases_specially() -> None:
    """`folded` refuses such a document: every sentence takes the plain path."""
    plain = "Caseloads fell from 24 to 22. There are 40 social workers."
    special = plain + " \u0130stanbul."
    assert metrics(special) == metrics(plain)


# -- whole-extractor check: with every fast path off (as for a document `folded` refuses)
# the extractor gives the same records.
def _plain_records(text: str) -> list[dict]:
    none = lambda text: None  # noqa: E731
    with (
        patch.object(scan, "folded", none),
        patch.object(analysis, "folded", none),
    ):
        return _records(text)


def _records(text: str) -> list[dict]:
    doc = Document("d", "x.txt", "txt", text)
    return [m.model_dump() for m in MetricExtractor().extract(doc)]


_METRIC_PIECES = [
    *_PIECES,
    "caseloads",
    "average caseload of",
    "from 24 to 22",
    "from 10% to 12%",
    "by 5%",
    "per cent",
    "reduced to",
    "increased by",
    "rose by",
    "fell",
    "down to",
    "up to",
    "population of",
    "1.5 million",
    "£5m",
    "-£3k",
    "(£2m)",
    "\u2212£1.2bn",
    "£4.3m to £5m",
    "(£3.1m in Quarter 2)",
    "(previously £12m)",
    "cases per worker",
    "children for each",
    "social workers",
    "front door",
    "MASH",
    "young people",
    "the workforce",
    "team managers",
    "target",
    "aim",
    "no more than",
    "up to a maximum",
    "national average",
    "but",
    "currently",
    "agency",
    "vacancies",
    "turnover",
    "left the service",
    "referrals",
    "re-referral",
    "overspend",
    "savings",
    "under-spend",
    "pressure",
    "invest",
    "funding",
    "grant",
    "budget",
    "cost",
    "fees",
    "spend",
    "outturn",
    "2022/23",
    "Q1 2023",
    "Quarter 2",
    "at Month 4",
    "May 2022",
    "FY2023/24",
    "ſavings",
    "\u212aids",
    "or more",
    "aged 16",
    "Item 4",
    "average caseload of 18",
    "rose by 4%",
    "risen to 7",
    "gap",
    "plans",
    "assessments",
    "families",
    "contacts",
    "(01274) 431266",
    "M1 1AE",
    "b12",
    "12 years old",
    "3 working days",
    "No. 5",
    "per 10,000",
    "Key Stage 2",
    "19-20 February 2020",
    "Sept 9, 2021",
    "09/01/2020",
    "down by 3",
    "went up by 2%",
    "dropped to 4",
    "9 July 2020",
    "10.30 am",
    "AB1 2CD",
    "for",
    "in",
    "of",
    "the",
]
_METRIC_DOCS = st.lists(st.tuples(st.sampled_from(_METRIC_PIECES), _GLUE), max_size=40).map(
    lambda parts: "".join(p + g for p, g in parts)
)


def test_fast_paths_give_the_plain_records_on_the_corpus_papers() -> None:
    seeds = Path(__file__).resolve().parents[2] / "corpus" / "papers" / "seeds"
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]
    assert texts
    found = 0
    for text in texts:
        records = _records(text)
        found += len(records)
        assert records == _plain_records(text)
    assert found > 20


@settings(max_examples=400, deadline=None)
@given(_METRIC_DOCS)
def test_fast_paths_give_the_plain_records_on_random_papers(text: str) -> None:
    assert _records(text) == _plain_records(text)


# -- each shortcut of the record helpers, against the plain code it replaces -------------
_CASES = st.sampled_from([str, str.lower, str.upper, str.title, str.swapcase])
_SENTENCE = st.lists(
    st.tuples(_CASES, st.sampled_from(_METRIC_PIECES), st.sampled_from([" ", ", ", "-", ""])),
    max_size=16,
).map(lambda parts: "".join(case(p) + g for case, p, g in parts))

# Every prefiltered pattern of the metrics rules and helpers.
_ANCHORED = [
    M._TARGET_AT,
    M._PERIOD_AT,
    M._SUBJECT_NOUN_AT,
    *(rule.matcher for rule in M.RULES),
    *(p for _, p in M._MONEY_KIND_RX),
    *(p for _, p in M._PERCENT_CONTEXT_RX),
    *(p for _, p in M.COUNT_SUBJECTS),
]


def _plain_money_kind(text: str, value_start: int, value_end: int) -> str:
    best, best_distance = "other", 10**9
    for kind, pattern in M.MONEY_KINDS:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            distance = value_start - m.end() if m.end() <= value_start else m.start() - value_end
            if m.end() <= value_start:
                distance = distance * 0.8
            if 0 <= distance < best_distance:
                best, best_distance = kind, distance
    return best if best_distance < 120 else "other"


def _plain_period(text: str, pos: int) -> str | None:
    found = [(abs(m.start() - pos), m.group(0)) for m in M.PERIOD.finditer(text)]
    if not found:
        return None
    return re.sub(r"^at\s+", "", min(found)[1], flags=re.IGNORECASE)


def _plain_is_target(before: str) -> bool:
    hits = list(M.TARGET_WORDS.finditer(before))
    return bool(hits) and not M._CONTRAST.search(before, hits[-1].end())


def _plain_label_percent(sentence: str, local: str) -> str:
    for text in (local, sentence):
        for label, pattern in M.PERCENT_CONTEXT:
            if re.search(pattern, text, re.IGNORECASE):
                return label
    return "other"


def _plain_label_count(sentence: str, noun: str | None, before: str) -> str:
    label = None
    if noun:
        for pattern, name in M.COUNT_NOUNS.items():
            if re.fullmatch(pattern, noun, re.IGNORECASE):
                label = name
                break
    if label is None:
        if "caseload" in sentence.lower():
            label = "caseload"
        else:
            nearest = [
                (m.end(), name) for name, rx in M.COUNT_SUBJECTS for m in rx.regex.finditer(before)
            ]
            label = max(nearest)[1] if nearest else "other"
    for source, context, target in M.COUNT_CONTEXT:
        if label == source and context.search(sentence):
            return target
    return label


def _plain_subject(sentence: str, start: int, end: int, noun: str | None) -> str | None:
    if noun:
        return re.sub(r"\s+", " ", noun)
    if (changed := M.changed_subject(sentence, start)) is not None:
        return changed
    after = M._SUBJECT_FOR.match(sentence[end:])
    if after:
        return after.group(1).strip()
    nouns = list(M._SUBJECT_NOUN.finditer(sentence[max(0, start - 120) : end + 60]))
    return nouns[-1].group(1) if nouns else None


def _check_helpers(text: str, start: int, end: int, noun: str | None) -> None:
    low = folded(text)
    span = Span(text, low)
    for anchored in _ANCHORED:
        fast = [m.span() for m in anchored.finditer(span)]
        assert fast == [m.span() for m in anchored.regex.finditer(text)]
    if low is not None:
        digits = [m.start() for m in re.finditer(r"\d", low)]
        plain = M._blocked(Span(text, None))
        assert M._blocked(span, digits) == plain
        assert M._blocked(span) == plain
        for until in (0, start, end, len(text)):
            assert M._blocked(span, digits, until) == [s for s in plain if s[0] <= until]
        days = [at for at in digits if not re.match(r"\w", text[at - 1 : at])]
        dates = [at for at in _places(low).dates if at not in digits or at in days]
        assert M._blocked_starts(text, low, digits, len(text))[:2] == (days, dates)
    assert M._money_kind(span, start, end) == _plain_money_kind(text, start, end)
    assert M._period(text, start, M._periods(span)) == _plain_period(text, start)
    before = text[:start]
    assert M._is_target(span.slice(0, start)) == _plain_is_target(before)
    a, b = max(0, start - 60), end + 40
    assert M._label_percent(span, span.slice(a, b)) == _plain_label_percent(text, text[a:b])
    assert M._label_count(span, noun, span.slice(0, start)) == _plain_label_count(
        text, noun, before
    )
    assert M._subject(span, start, end, noun) == _plain_subject(text, start, end, noun)


@settings(max_examples=1500, deadline=None)
@given(_SENTENCE, st.data())
def test_record_helpers_match_the_plain_code_on_random_sentences(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    noun = data.draw(st.sampled_from([None, "", "social  workers", "Vacancies", "schools"]))
    _check_helpers(text, start, end, noun)


def test_record_helpers_match_the_plain_code_on_the_corpus_figures() -> None:
    seeds = Path(__file__).resolve().parents[2] / "corpus" / "papers" / "seeds"
    checked = 0
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s in split_sentences(text):
            sentence = text[s.start : s.end]
            for m in re.finditer(r"\d+", sentence):
                _check_helpers(sentence, m.start(), m.end(), None)
                checked += 1
    assert checked > 100


def test_every_figure_word_begins_with_exactly_one_prefix() -> None:
    words = F._NUMBER_BYTES | F._FRACTION_BYTES
    assert {w.decode() for w in words} == F._FIGURE_WORDS
    for word in words:
        assert sum(word.startswith(prefix) for prefix in F._FIGURE_PREFIXES) == 1
    for a in F._FIGURE_PREFIXES:
        assert not any(b != a and b.startswith(a) for b in F._FIGURE_PREFIXES)


def test_a_word_character_is_what_a_word_boundary_tests() -> None:
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert M._is_word_char(c) == bool(word.match(c))


# -- the patterns as written before their exact speed-ups (atomic digits, possessive
# runs, the number words' look-ahead) find what the patterns find now.
def _as_written(rx: re.Pattern[str]) -> re.Pattern[str]:
    words = rf"(?:\b(?:{N.NUMBER_WORD})\b(?:(?:[\s-]+|\s+and\s+)\b(?:{N.NUMBER_WORD})\b)*)"
    pattern = rx.pattern.replace(N.NUMBER_WORDS_RE, words)
    pattern = pattern.replace(f"(?>{M.DIGITS})", M.DIGITS).replace(r"\w++\s++", r"\w+\s+")
    assert "(?>" not in pattern and "++" not in pattern
    return re.compile(pattern, rx.flags)


_NUMBER_PIECES = [
    *_METRIC_PIECES,
    "twenty-five staff",
    "two hundred and fifty",
    "1,2345 days",
    "12,000.5",
    "5 - 10 staff",
    "10%-12%",
    "3.5 per cent",
    "1.2.3",
    "4,5,6",
    "from 12 to 14%",
    "aged 12 to fourteen",
    "seven hundred new social workers",
    "2000+ care leavers",
]
_NUMBER_SENTENCE = st.lists(
    st.tuples(
        _CASES, st.sampled_from(_NUMBER_PIECES), st.sampled_from([" ", ", ", "-", "", "."])
    ),
    max_size=12,
).map(lambda parts: "".join(case(p) + g for case, p, g in parts))
_WRITTEN = [(rx, _as_written(rx)) for rx in [*(r.pattern for r in M.RULES), M.NOT_A_METRIC]]


def _same_matches(text: str) -> None:
    for fast, written in _WRITTEN:
        for at in range(len(text) + 1):
            a, b = fast.match(text, at), written.match(text, at)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (at, text)


@settings(max_examples=300, deadline=None)
@given(_NUMBER_SENTENCE)
def test_patterns_find_what_they_found_as_written(text: str) -> None:
    _same_matches(text)


def test_patterns_find_what_they_found_as_written_on_the_corpus_papers() -> None:
    seeds = Path(__file__).resolve().parents[2] / "corpus" / "papers" / "seeds"
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s in split_sentences(text):
            if F.may_hold_figure(text[s.start : s.end]):
                _same_matches(text[s.start : s.end])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UASC in care decreased by 80 to 475 in the quarter.",
         ("children_count", 475, 555, "UASC in care")),
        ("The number of children in care increased by 12 to 410.",
         ("children_count", 410, 398, "children in care")),
        ("In the last year, agency staff numbers fell by 10 to 35.",
         ("staff_count", 35, 45, "agency staff numbers")),
        ("Caseloads have reduced from 21 to 18.", ("caseload", 18, 21, "Caseloads")),
        ("Vacancies have risen to 125.", ("vacancies", 125, None, "Vacancies")),
    ],
)
def test_a_change_gives_the_new_value_its_previous_value_and_what_changed(text, expected):
    """#21: "decreased by 80 to 475" gave 80 and no previous value; the subject of a change
    is what the clause before its verb names."""
    [m] = MetricExtractor().extract(Document("d", "x.txt", "txt", text))
    assert (m.metric, m.value, m.previous_value, m.subject) == expected
