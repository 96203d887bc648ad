"""Calendar reckoning: the `Interval` of a day, ISO week, month, year, range or recurring window, and
moving through months and years without falling off a month's end.

It exists so that rule handlers, clause composition, article-level references and `shift` build
intervals the same way (a range never ends before it starts; 29 February falls back to a leap year).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from timeline.intervals import Interval


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + month - 1 + by
    return n // 12, n % 12 + 1


def _month(year: int, month: int, text: str) -> Interval:
    return Interval(date(year, month, 1), _last_day(year, month), "month", text)


def _year(year: int, text: str) -> Interval:
    return Interval(date(year, 1, 1), date(year, 12, 31), "year", text)


def _day(d: date, text: str) -> Interval:
    return Interval(d, d, "day", text)


def _range(start: date, end: date | None, text: str) -> Interval:
    return Interval(start, end if end is None or end >= start else None, "range", text)


def _recurring(from_month: int | None, to_month: int | None, text: str) -> Interval:
    return Interval(None, None, "recurring", text, from_month, to_month)


def _none(text: str) -> Interval:
    return Interval(None, None, "none", text)


def _iso_week(d: date, text: str) -> Interval:
    monday = d - timedelta(days=d.weekday())
    return Interval(monday, monday + timedelta(days=6), "week", text)


def _day_on_or_before(ref: date, month: int, day: int) -> date | None:
    """The last (month, day) on or before ref; 29 February goes back to a leap year."""
    for year in range(ref.year, ref.year - 9, -1):
        d = _safe(year, month, day)
        if d and d <= ref:
            return d
    return None


def _year_of_month(ref: date, month: int, how: str) -> int:
    """Year of a month named without one: `started` on or before ref, `ended` before it, `this`, `next`."""
    if how == "ended":
        return ref.year if _last_day(ref.year, month) < ref else ref.year - 1
    if how == "this":
        return ref.year
    if how == "next":
        return ref.year if month > ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def _minus_years(d: date, years: int) -> date:
    return _safe(d.year - years, d.month, d.day) or date(d.year - years, d.month, 28)
