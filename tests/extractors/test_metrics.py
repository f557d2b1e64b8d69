"""Metric rules on made-up sentences: forms, labels, changes, targets and exclusions."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.document import Document
from reportmine.extractors import metrics as M
from reportmine.extractors.metrics import MetricExtractor
from reportmine.text.scan import folded


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
]
_GLUE = st.sampled_from([" ", " ", ". ", ".\n", "\n", "\n\u2022 ", "\n1.2 ", "\n5a", ", ", ""])
_DOCS = st.lists(st.tuples(st.sampled_from(_PIECES), _GLUE), max_size=30).map(
    lambda parts: "".join(p + g for p, g in parts)
)


def test_lower_keeps_offsets_digits_and_signs_of_every_character() -> None:
    """What `_DocumentFigures` relies on: str.lower() maps one character to one (but for
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
        assert (low in M._ASCII_LOWER) == (c.isascii() and c.lower() in M._ASCII_LOWER)


@settings(max_examples=500, deadline=None)
@given(_DOCS)
def test_figure_starts_are_the_token_places(text: str) -> None:
    low = folded(text)
    if low is None:
        return
    places = M._places(low)
    assert M._figure_starts(low) == (places.digits, places.figures)


@settings(max_examples=500, deadline=None)
@given(_DOCS, st.data())
def test_document_figures_match_the_per_sentence_tests(text: str, data) -> None:
    whole = folded(text)
    if whole is None:
        return
    figures = M._DocumentFigures(text, whole)
    ranges = [(s.start, s.end) for s in M.split_sentences(text)]
    for _ in range(10):
        start = data.draw(st.integers(0, len(text)))
        ranges.append((start, data.draw(st.integers(start, len(text)))))
    for start, end in ranges:
        if figures.crosses(start, end):
            continue
        piece = text[start:end]
        assert figures.may_hold(start, end) == M.may_hold_figure(piece)
        low = folded(piece)
        assert low is not None
        assert figures.starts(start, end) == M._figure_starts(low)
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
    figures = M._DocumentFigures(text, folded(text))
    assert figures.crosses(start, len(text)) == crosses


def test_extract_is_the_same_for_a_document_with_a_letter_lower_cases_specially() -> None:
    """`folded_cached` refuses such a document: every sentence takes the plain path."""
    plain = "Caseloads fell from 24 to 22. There are 40 social workers."
    special = plain + " \u0130stanbul."
    assert metrics(special) == metrics(plain)
