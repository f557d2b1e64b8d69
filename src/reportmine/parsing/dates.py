"""Dates and date ranges in the forms council papers and Ofsted letters use."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_RE = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
_DAY = rf"(?:[0-3]?\d){_ORD}"
_YEAR = r"(?:19|20)\d\d"
# One day: "9 July 2020", "9th June 2022", "Thursday, 9 July 2020", "July 9, 2020".
DATE_RE = re.compile(
    rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{MONTH_RE}),?\s+(?P<y>{_YEAR})\b"
    rf"|\b(?P<m2>{MONTH_RE})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})\b"
    r"|\b(?P<nd>[0-3]?\d)/(?P<nm>[01]?\d)/(?P<ny>(?:19|20)?\d\d)\b",
    re.IGNORECASE,
)
_SEP = r"\s*(?:-|\u2013|\u2014|to|and|until|till)\s*"
# A range: "19-20 February 2020", "6th and 7 March 2019", "17th to 28th September 2018",
# "28 January–5 February 2014", "24 January 2022 and 4 February 2022".
DATE_RANGE_RE = re.compile(
    rf"\b(?P<d1>{_DAY})(?:\s+(?P<m1>{MONTH_RE}))?(?:,?\s+(?P<y1>{_YEAR}))?{_SEP}"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{MONTH_RE}),?\s+(?P<y2>{_YEAR})\b",
    re.IGNORECASE,
)


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def parse_date(text: str) -> date:
    """Parse one date ('9th June 2022', '09/01/2020' day first). Raises ValueError."""
    m = DATE_RE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"not a date: {text!r}")
    return date_from_match(m)


def date_from_match(m: re.Match[str]) -> date:
    if m.group("d"):
        return date(int(m.group("y")), _month(m.group("m")), _day(m.group("d")))
    if m.group("d2"):
        return date(int(m.group("y2")), _month(m.group("m2")), _day(m.group("d2")))
    year = int(m.group("ny"))
    year = year + 2000 if year < 100 else year
    return date(year, int(m.group("nm")), int(m.group("nd")))


def parse_date_range(text: str) -> tuple[date, date]:
    """Parse a fieldwork range; a single date gives (d, d). Raises ValueError."""
    m = DATE_RANGE_RE.fullmatch(text.strip())
    if m:
        return range_from_match(m)
    single = parse_date(text)
    return single, single


def range_from_match(m: re.Match[str]) -> tuple[date, date]:
    end = date(int(m.group("y2")), _month(m.group("m2")), _day(m.group("d2")))
    start_month = _month(m.group("m1")) if m.group("m1") else end.month
    start_year = int(m.group("y1")) if m.group("y1") else end.year
    start = date(start_year, start_month, _day(m.group("d1")))
    if start > end and not m.group("y1"):
        start = start.replace(year=end.year - 1)  # "28 December to 3 January 2020"
    if start > end:
        raise ValueError(f"range ends before it starts: {m.group(0)!r}")
    return start, end


# A date in a folder or file name: "2025-01-29", "29-01-2025", "df08-09-2014".
_PATH_DATE = re.compile(
    r"(?<!\d)(?:(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)|"
    r"(?P<d2>\d\d)-(?P<m2>\d\d)-(?P<y2>(?:19|20)\d\d))(?!\d)"
)


def date_in_path(source_path: str) -> date | None:
    """The date a dated folder or file name gives (the innermost), for papers whose text
    states no meeting date: archives file each meeting's papers under its date."""
    for part in reversed(re.split(r"[\\/]", source_path)):
        for m in reversed(list(_PATH_DATE.finditer(part))):
            y, mo, d = (m.group("y", "m", "d") if m.group("y") else m.group("y2", "m2", "d2"))
            try:
                return date(int(y), int(mo), int(d))
            except ValueError:
                continue
    return None


# A deadline stated without a whole date: "by the end of June", "in September 2023",
# "by March 2024", "next month", "by the end of the year", "in 2024/25", "by 2025".
_DEADLINE = re.compile(
    rf"\b(?:(?P<d>{_DAY})\s+)?(?P<m>{MONTH_RE})(?:,?\s+(?P<y>{_YEAR}))?\b"
    r"|\b(?P<fy1>(?:19|20)\d\d)\s*/\s*(?P<fy2>\d\d)\b"
    rf"|\b(?P<year>{_YEAR})\b"
    r"|\b(?P<rel>next|this|the\s+next|the\s+current|the)\s+(?P<unit>month|year|financial\s+year)\b",
    re.IGNORECASE,
)


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def resolve_deadline(due_text: str, meeting: date) -> date | None:
    """The date a stated deadline means at a meeting on `meeting`: the last day of the
    month, year or financial year it names ("by the end of June" at a June 2022 meeting is
    2022-06-30; "September" at a November meeting is next September), a whole date as it
    stands, None where the text names no resolvable time ("Q3", "shortly")."""
    m = _DEADLINE.search(due_text)
    if m is None:
        return None
    if m.group("m"):
        month = _month(m.group("m"))
        if m.group("y"):
            year = int(m.group("y"))
        else:  # the next such month, from the meeting on
            year = meeting.year + (1 if month < meeting.month else 0)
        if m.group("d"):
            try:
                return date(year, month, _day(m.group("d")))
            except ValueError:
                return None
        return _month_end(year, month)
    if m.group("fy1"):  # "2024/25": the financial year ends on 31 March 2025
        return date(int(m.group("fy1")) + 1, 3, 31)
    if m.group("year"):
        return date(int(m.group("year")), 12, 31)
    unit, ahead = m.group("unit").lower(), m.group("rel").lower().endswith("next")
    if unit == "month":
        month = meeting.month + (1 if ahead else 0)
        return _month_end(meeting.year + (month - 1) // 12, (month - 1) % 12 + 1)
    if unit == "year":
        return date(meeting.year + (1 if ahead else 0), 12, 31)
    # the financial year (April to March) the meeting falls in, or the next one
    ends = meeting.year + (1 if meeting.month >= 4 else 0) + (1 if ahead else 0)
    return date(ends, 3, 31)
