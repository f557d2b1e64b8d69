"""Metric rules on made-up sentences: forms, labels, changes, targets and exclusions."""

from __future__ import annotations

import pytest

from reportmine.document import Document
from reportmine.extractors.metrics import MetricExtractor


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
        ("Births peaked at just over 18,000 in 2012 and dropped to 15,000 by 2023.", 15_000,
         18_000),
    ],
)
def test_previous_value_stated_beside_the_figure(text, value, previous):
    [m] = MetricExtractor().extract(Document("d", "x.txt", "txt", text))
    assert (m.value, m.previous_value) == (value, previous)


def test_bracketed_amount_that_is_a_part_stays_a_figure():
    found = metrics("Costs of £5m (£2m capital) were agreed.")
    assert [(v, p) for _, v, _, p, _, _ in found] == [(5_000_000, None), (2_000_000, None)]
