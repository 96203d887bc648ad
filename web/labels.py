"""Short human labels for an event's date and count, as popups, tables and embeds show them.

An undated event shows when it was *reported*, never as if it happened that day; a habitual window
shows its months ("every Dec–Feb"), not a year it does not have.
"""

from __future__ import annotations

from datetime import date

from timeline.intervals import Interval

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def when_label(interval: Interval, published: date | None) -> str:
    """
    >>> when_label(Interval(precision="recurring", from_month=12, to_month=2), None)
    'every Dec–Feb'
    >>> when_label(Interval(precision="recurring", from_month=10), None)
    'every year from Oct'
    >>> when_label(Interval(), date(2018, 1, 8))
    'reported on 8 January 2018'
    >>> when_label(Interval(date(2017, 1, 1), date(2017, 1, 31), "month"), None)
    'January 2017'
    """
    if interval.precision == "recurring":
        return _recurring(interval.from_month, interval.to_month)
    start, end = interval.start, interval.end
    if start is None and end is None:
        return f"reported on {_day(published)}" if published else "date unknown"
    if start is None:
        return f"until {_day(end)}"
    if end is None:
        return f"since {_day(start)}"
    if interval.precision == "year" or (start == date(start.year, 1, 1) and end == date(start.year, 12, 31)):
        return str(start.year)
    if interval.precision == "month":
        return f"{_MONTH[start.month - 1]} {start.year}"
    return _span(start, end)


def count_label(count: int | None, low: int | None, high: int | None, qualifier: str | None) -> str:
    """
    >>> count_label(35, None, None, "about")
    'about 35'
    >>> count_label(None, 30, 40, None)
    '30–40'
    """
    if count is not None:
        text = f"{count:,}"
    elif low is not None and high is not None:
        text = f"{low:,}–{high:,}"
    elif low is not None:
        text = f"at least {low:,}"
    elif high is not None:
        text = f"up to {high:,}"
    else:
        return ""
    return f"{qualifier} {text}" if qualifier else text


def _recurring(first: int | None, last: int | None) -> str:
    if first is None:
        return "every year"
    if last is None:
        return f"every year from {_MONTH_ABBR[first - 1]}"
    if last == first:
        return f"every {_MONTH_ABBR[first - 1]}"
    return f"every {_MONTH_ABBR[first - 1]}–{_MONTH_ABBR[last - 1]}"


def _day(day: date) -> str:
    return f"{day.day} {_MONTH[day.month - 1]} {day.year}"


def _span(start: date, end: date) -> str:
    if start == end:
        return _day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {_MONTH[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {_MONTH[start.month - 1]} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"
