from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportmine.parsing.dates import parse_date, parse_date_range, resolve_deadline

D = date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("19-20 February 2020", D(2020, 2, 19), D(2020, 2, 20)),
        ("6th and 7 March 2019", D(2019, 3, 6), D(2019, 3, 7)),
        ("17th to 28th September 2018", D(2018, 9, 17), D(2018, 9, 28)),
        ("24 January 2022 and 4 February 2022", D(2022, 1, 24), D(2022, 2, 4)),
        ("3 to 14 October 2022", D(2022, 10, 3), D(2022, 10, 14)),
        ("28 January\u20135 February 2014", D(2014, 1, 28), D(2014, 2, 5)),
        ("17 September to 28 September 2018", D(2018, 9, 17), D(2018, 9, 28)),
        ("28 December to 3 January 2020", D(2019, 12, 28), D(2020, 1, 3)),
        ("9 July 2020", D(2020, 7, 9), D(2020, 7, 9)),
    ],
)
def test_parse_date_range(text, start, end):
    assert parse_date_range(text) == (start, end)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("9th June 2022", D(2022, 6, 9)),
        (["Thursday", "9 July 2020"][1], D(2020, 7, 9)),
        ("09/01/2020", D(2020, 1, 9)),
        ("July 9, 2020", D(2020, 7, 9)),
        ("1st Sept 2021", D(2021, 9, 1)),
    ],
)
def test_parse_date(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize("text", ["31 February 2020", "June 2022", "2022", "next week"])
def test_parse_date_rejects(text):
    with pytest.raises(ValueError):
        parse_date(text)


@given(
    st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)),
    st.sampled_from(["%d %B %Y", "%d %b %Y", "%B %d, %Y", "%d/%m/%Y"]),
)
def test_format_then_parse_round_trips(day, fmt):
    assert parse_date(day.strftime(fmt)) == day


@pytest.mark.parametrize(
    ("due_text", "meeting", "expected"),
    [
        ("by the end of June", date(2022, 6, 15), date(2022, 6, 30)),
        ("in September", date(2022, 6, 15), date(2022, 9, 30)),
        ("in September", date(2022, 11, 1), date(2023, 9, 30)),  # the next September
        ("by March 2024", date(2022, 6, 15), date(2024, 3, 31)),
        ("by 12 July", date(2022, 6, 15), date(2022, 7, 12)),
        ("next month", date(2022, 12, 5), date(2023, 1, 31)),
        ("by the end of the year", date(2022, 6, 15), date(2022, 12, 31)),
        ("within the next financial year", date(2023, 2, 1), date(2024, 3, 31)),
        ("in 2024/25", date(2022, 6, 15), date(2025, 3, 31)),
        ("by 2025", date(2022, 6, 15), date(2025, 12, 31)),
        ("by February", date(2024, 1, 10), date(2024, 2, 29)),  # a leap year's February
        ("by Q3", date(2022, 6, 15), None),
    ],
)
def test_resolve_deadline(due_text, meeting, expected):
    assert resolve_deadline(due_text, meeting) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
       st.sampled_from(["by the end of June", "next month", "in December", "by next year"]))
def test_a_deadline_without_a_year_is_never_before_its_meetings_month(meeting, due_text):
    due = resolve_deadline(due_text, meeting)
    assert due is not None and (due.year, due.month) >= (meeting.year, meeting.month)
