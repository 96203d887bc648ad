"""What a matched grammar rule means: a handler per rule turns the match into an `Interval` against
the reference (publication) date, following DESIGN.md's "What statements mean".

It exists apart from the grammar (what the words look like) and from clause composition (how
neighbouring expressions change each other) because this is where the calendar rules live: relative
days, weeks and months, windows and seasons, quarters, sub-periods ("early February", "the first
couple weeks of January"), holidays and "previous-event" offsets ("two days later"). `dateparser` is
called only here, on candidate spans it parses well (numeric and foreign-language dates), cached.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from timeline import calendars
from timeline.grammar import _DIGITS, _SINCE_BEFORE, _fold, _grammar
from timeline.intervals import Interval
from timeline.reckoning import (
    _day,
    _day_on_or_before,
    _iso_week,
    _last_day,
    _minus_years,
    _month,
    _none,
    _range,
    _recurring,
    _safe,
    _shift_month,
    _year,
    _year_of_month,
)
from timeline.tense import _is_past, _sentence_span, _sentence_starts


@dataclass(frozen=True)
class _Ctx:
    reference: date | None
    inferred: bool

    @property
    def since_end(self) -> date | None:
        """A range up to publication closes only on a given publication date."""
        return None if self.inferred else self.reference


@dataclass(frozen=True)
class _Hit:
    """A rule's reading of a span, before clause-level composition."""

    interval: Interval
    year: int | None = None  # the year this expression lends others in its clause
    reanchor: Callable[[int], Interval | None] | None = None  # the reading under a year given elsewhere
    refers_to: str | None = None
    habitual: bool = False
    month: int | None = None  # month a habitual clause turns into a recurring window
    month_to: int | None = None  # its last month, when not the same ("around Chuseok": 9 to 10)
    skip: bool = False  # consumed (so no other rule misreads it) but not a time expression
    offset_days: int = 0  # for refers_to="previous-event": the offset from that happening
    offset_months: int = 0
    day_of_month: int | None = None  # "on the 15th": a day of the month the context names
    unit: str | None = None  # for refers_to="previous-event": the calendar week/month of the moved time


_PREVIOUS_EVENT = "previous-event"


# --- reading the pieces of a match ---------------------------------------------------------------


def _month_of(token: str | None) -> int | None:
    if not token:
        return None
    return _grammar().months.get(token.lower().rstrip("."))


def _month_ok(token: str, has_context: bool) -> bool:
    """News capitalises months; "may", "march" and "august" are words too, unless a day, a year or a
    preposition says otherwise."""
    if not token[:1].isupper():
        return False
    return has_context or token.lower() not in _grammar().ambiguous_months


def _int(token: str | None) -> int | None:
    if not token:
        return None
    digits = _DIGITS.match(token)
    return int(digits.group()) if digits else _grammar().numbers.get(_fold(token))


def _holiday_key(token: str) -> str | None:
    return _grammar().holidays.get(_fold(token))


@dataclass(frozen=True)
class _Point:
    """One end of a window ("December", "the end of the year", "the Lunar New Year", "winter")."""

    first_month: int
    last_month: int
    year: int | None
    start: Callable[[int], date | None]
    end: Callable[[int], date | None]
    exact: bool = False  # a calendar day ("January 3"): a window between two is an event, not a habit


def _part_point(part: str, month: int, year: int | None) -> _Point:
    """One end of a window that is a part of a month ("mid-February", "the end of the year")."""
    return _Point(
        month,
        month,
        year,
        lambda y: _part_days(part, y, month)[0],
        lambda y: _part_days(part, y, month)[1],
    )


def _part_days(part: str, year: int, month: int) -> tuple[date, date]:
    lo, hi = _grammar().month_parts[part]
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(lo, last)), date(year, month, min(hi, last))


def _point(text: str) -> _Point | None:
    t = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    year_match = re.search(r"\b(1[89]\d\d|20\d\d)\b", t)
    year = int(year_match.group(1)) if year_match else None
    of = re.match(r"(?:very\s+)?(end|beginning|start|middle|turn|close)\s+of\s+(?:the\s+)?(\S+)", t, re.I)
    if of:
        part, target = of.group(1).lower(), of.group(2)
        month = _month_of(target)
        if month is None:  # the year
            month = 12 if part in ("end", "close", "turn") else (1 if part in ("beginning", "start") else 6)
        return _part_point(part, month, year)
    sub = re.match(r"(early|mid|late)[-\s]?(\S+)", t, re.I)
    if sub and _month_of(sub.group(2)):
        return _part_point(sub.group(1).lower(), _month_of(sub.group(2)), year)
    first_word = t.split()[0].lower().rstrip(",") if t.split() else ""
    month = _month_of(first_word)
    if month:
        day_match = re.match(r"\S+\s+(\d{1,2})(?!\d)", t)
        day = int(day_match.group(1)) if day_match else None
        return _Point(
            month,
            month,
            year,
            lambda y, m=month, d=day: _safe(y, m, d) if d else date(y, m, 1),
            lambda y, m=month, d=day: _safe(y, m, d) if d else _last_day(y, m),
            exact=day is not None,
        )
    core = re.sub(r"\s+(?:holidays?|day|festival|period|season)$", "", t, flags=re.I)
    key = _holiday_key(core) or _holiday_key(t)
    if key is not None:
        return _holiday_point(key, t, core, year)
    season = first_word if first_word in calendars.SEASONS else None
    if season:
        first, last = calendars.SEASONS[season]
        return _Point(
            first,
            last,
            year,
            lambda y, s=season: calendars.season_window(s, y)[0],
            lambda y, s=season: calendars.season_window(s, y - 1 if first > last else y)[1],
        )
    return None


def _holiday_point(key: str, t: str, core: str, year: int | None) -> _Point:
    long = t != core and not t.lower().endswith("day")
    return _Point(
        calendars.HOLIDAYS[key].month,
        calendars.HOLIDAYS[key].month,
        year,
        lambda y, k=key, lg=long: _lunar_safe(
            lambda: calendars.holiday_period(k, y)[0] if lg else calendars.holiday(k, y)
        ),
        lambda y, k=key, lg=long: _lunar_safe(
            lambda: calendars.holiday_period(k, y)[1] if lg else calendars.holiday(k, y)
        ),
    )


def _lunar_safe(fn: Callable[[], date]) -> date | None:
    try:
        return fn()
    except ValueError:
        return None


# --- rule handlers: (match, context) -> _Hit | None (None: the rule does not apply here) ----------


def _window(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    a, b = _point(m["a"]), _point(m["b"])
    if a is None or b is None:
        return None
    text = m.group()
    to_month = b.last_month
    end_of = b.end
    if m["bsub"]:
        bsub = _point(m["bsub"])
        if bsub:
            to_month, end_of = bsub.last_month, bsub.end

    def dated(year: int) -> Interval | None:
        start = a.start(year)
        end_year = year + 1 if to_month < a.first_month else year
        end = end_of(end_year)
        if start is None or end is None or end < start:
            return None
        return _range(start, end, text)

    year = a.year if a.year else (b.year - (1 if to_month < a.first_month else 0) if b.year else None)
    if year:
        interval = dated(year)
        return _Hit(interval, year=year) if interval else None
    if a.exact and b.exact and not m["bsub"]:  # "from January 3 to January 9": the last such run of days
        ref = ctx.reference
        runs = [dated(y) for y in (ref.year, ref.year - 1)] if ref else []
        interval = next((r for r in runs if r and r.start and r.start <= ref), None)
        return _Hit(interval or _none(text), reanchor=dated)
    return _Hit(_recurring(a.first_month, to_month, text), reanchor=dated, habitual=True)


def _open_window(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    a = _point(m["a"] or m["a2"])
    if a is None:
        return None
    text = m.group()

    def dated(year: int) -> Interval | None:
        start = a.start(year)
        end = ctx.since_end
        return _range(start, end if end and end >= start else None, text) if start else None

    if a.year:
        interval = dated(a.year)
        return _Hit(interval, year=a.year) if interval else None
    return _Hit(_recurring(a.first_month, None, text), reanchor=dated, habitual=True)


def _since_clause(m: re.Match[str], ctx: _Ctx) -> _Hit:
    text, clause = m.group(), " ".join((m["clause"] or m["clause2"]).split())
    if m["when"]:
        point = _point(m["when"])
        when = m["when"].strip()
        start = (
            date(int(when), 1, 1)
            if when.isdigit()
            else point.start(point.year)
            if point and point.year
            else None
        )
        if start:
            end = ctx.since_end
            return _Hit(_range(start, end if end and end >= start else None, text), refers_to=clause)
    return _Hit(_none(text), refers_to=clause)


def _decade(m: re.Match[str], ctx: _Ctx) -> _Hit:
    if m["dec"]:
        first = int(m["dec"])
    else:
        tens = int(m["dec2"])
        first = (1900 if tens >= 30 else 2000) + tens
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get((m["mod"] or "").lower(), (0, 9))
    return _Hit(_range(date(first + lo, 1, 1), date(first + hi, 12, 31), m.group()))


def _year_range(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    y1 = int(m["y1"] or m["y3"])
    raw = m["y2"] or m["y4"]
    y2 = int(raw) if len(raw) == 4 else y1 // 100 * 100 + int(raw)
    if not y1 < y2 <= y1 + 50:
        return None
    return _Hit(_range(date(y1, 1, 1), date(y2, 12, 31), m.group()))


def _past_window(m: re.Match[str], ctx: _Ctx) -> _Hit:
    text, ref = m.group(), ctx.reference
    n = _int(m["n"]) if m["n"] else 1
    vague = m["n"] is not None and _fold(m["n"]) in ("few", "a few", "several")
    if ref is None or n is None or vague:
        return _Hit(_none(text))
    unit = m["unit"].lower().rstrip("s")
    if unit in ("year", "decade"):
        start = _minus_years(ref, n * (10 if unit == "decade" else 1)) + timedelta(days=1)
    elif unit == "month":
        y, mo = _shift_month(ref.year, ref.month, -n)
        start = date(y, mo, min(ref.day, calendar.monthrange(y, mo)[1])) + timedelta(days=1)
    else:
        start = ref - timedelta(days=n * (7 if unit == "week" else 1)) + timedelta(days=1)
    return _Hit(_range(start, ctx.since_end, text))


def _same_period(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """ "the same period last year": last year; "this time last year": the reference's month a year ago."""
    ref = ctx.reference
    if ref is None:
        return _Hit(_none(m.group()))
    if m["thistime"]:
        return _Hit(_month(ref.year - 1, ref.month, m.group()))
    return _Hit(_year(ref.year - 1, m.group()))


def _ago(m: re.Match[str], ctx: _Ctx) -> _Hit:
    text, ref, n = m.group(), ctx.reference, _int(m["n"])
    if ref is None or n is None or _fold(m["n"]) in ("few", "a few", "several"):
        return _Hit(_none(text))
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        return _Hit(_day(ref - timedelta(days=n), text))
    if unit == "week":
        return _Hit(_iso_week(ref - timedelta(days=7 * n), text))
    if unit == "month":
        return _Hit(_month(*_shift_month(ref.year, ref.month, -n), text))
    return _Hit(_year(ref.year - n * (10 if unit == "decade" else 1), text))


def _full_date(y: int, mon: int, d: int | None, text: str) -> _Hit | None:
    if d is None:
        return _Hit(_month(y, mon, text), year=y)
    day = _safe(y, mon, d)
    return _Hit(_day(day, text), year=y) if day else None


def _iso(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _full_date(int(m["y"]), int(m["m"]), int(m["d"]), m.group())


def _cjk(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _full_date(int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None, m.group())


@lru_cache(maxsize=4096)
def _dateparser_date(text: str, order: str | None) -> date | None:
    """dateparser on one candidate span; imported on first use, results cached."""
    import dateparser

    settings: dict[str, Any] = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    if order:
        settings["DATE_ORDER"] = order
    try:
        parsed = dateparser.parse(text, settings=settings)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed else None


def _numeric(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    parts = [int(p) for p in re.split(r"[/.]", m["num"])]
    order = "DMY" if parts[0] > 12 or "." in m["num"] else "MDY"
    d = _dateparser_date(m["num"], order)
    return _Hit(_day(d, m.group()), year=d.year) if d else None


def _foreign_date(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    word = m["w"].lower()
    if word in _grammar().months or _grammar().count_after.match(" " + word):
        return None
    d = _dateparser_date(m.group(), None)
    return _Hit(_day(d, m.group()), year=d.year) if d else None


def _month_day(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """ "January 7", "7 January 2018", "Jan. 1-3": a day or a run of days, dated by its year, an
    anchor in its clause, or the last such day on or before the reference."""
    mon = _month_of(m["mon"])
    if mon is None or not _month_ok(m["mon"], True):
        return None
    d1, d2 = _int(m["d1"]), _int(m["d2"])
    text = m.group()

    def dated(year: int) -> Interval | None:
        first = _safe(year, mon, d1)
        if first is None:
            return None
        if d2 is None:
            return _day(first, text)
        last = _safe(year, mon, d2)
        return _range(first, last, text) if last and last > first else None

    if d2 is not None and d2 <= d1:
        return None
    if m["y"]:
        interval = dated(int(m["y"]))
        return _Hit(interval, year=int(m["y"])) if interval else None
    if _safe(2000, mon, d1) is None:
        return None
    if ctx.reference is None:
        return _Hit(_none(text), reanchor=dated, month=mon)
    first = _day_on_or_before(ctx.reference, mon, d1)
    interval = dated(first.year) if first else None
    return _Hit(interval or _none(text), reanchor=dated, month=mon)


def _year_part(mod: str, ordinal: str | None, part: str | None, n: int | None, unit: str | None):
    """The (start month, start day, end month, end day) of a sub-period of a year, or None."""
    g = _grammar()
    if mod in ("end", "close", "turn"):
        return 12, 21, 12, 31
    if mod in ("beginning", "start"):
        return 1, 1, 1, 10
    if mod in g.year_parts:
        lo, hi = g.year_parts[mod]
        return lo, 1, hi, 31
    if part:
        k = g.ordinals[ordinal]
        size = {"half": 6, "quarter": 3, "month": 1}.get(part)
        if size is None:  # a week of the year
            return (1, 1, 1, 7) if k == 1 else (12, 25, 12, 31) if k == -1 else None
        count = 12 // size
        k = count if k == -1 else k
        if not 1 <= k <= count:
            return None
        return (k - 1) * size + 1, 1, k * size, 31
    if unit == "months" and n:
        return 1, 1, min(n, 12), 31
    if unit in ("weeks", "days") and n:
        days = n * (7 if unit == "weeks" else 1)
        end = date(2001, 1, 1) + timedelta(days=days - 1)
        return (1, 1, end.month, end.day) if days <= 365 else None
    return None


def _month_part(mod: str, ordinal: str | None, part: str | None, n: int | None, unit: str | None):
    """The (first day, last day) of a sub-period of a month (31 clipped later), or None."""
    g = _grammar()
    key = {"middle": "mid"}.get(mod, mod)
    if key in g.month_parts:
        return g.month_parts[key]
    if part == "week":
        k = g.ordinals[ordinal]
        return (25, 31) if k == -1 else ((k - 1) * 7 + 1, k * 7) if k <= 4 else None
    if part == "half":
        k = g.ordinals[ordinal]
        return (1, 15) if k == 1 else (16, 31) if k in (2, -1) else None
    if unit in ("weeks", "days") and n:
        days = n * (7 if unit == "weeks" else 1)
        return (1, days) if days <= 31 else None
    return None


def _subperiod(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """ "mid-February", "early 2015", "the end of the year", "the first couple weeks of the New Year"."""
    text, ref = m.group(), ctx.reference
    mod = re.sub(r"^very\s+|\s+of$", "", m["mod"].lower()).split()[0]
    mod = "mid" if mod == "middle" and not m["part"] else mod
    ordinal = m["ord"].lower() if m["ord"] else None
    part = m["part"].lower() if m["part"] else None
    unit = m["unit"].lower() if m["unit"] else None
    n = (_int(m["n"]) if m["n"] else 2 if "couple" in m["mod"].lower() else 3) if unit else None
    mon = _month_of(m["mon"]) if m["mon"] else None
    if m["mon"] and (mon is None or not _month_ok(m["mon"], True)):
        return None
    if mon or m["monthword"] or (m["tunit"] or "").lower() == "month":
        days = _month_part(mod, ordinal, part, n, unit)
        if days is None:
            return None

        def in_month(year: int, month: int) -> Interval:
            last = calendar.monthrange(year, month)[1]
            return _range(date(year, month, min(days[0], last)), date(year, month, min(days[1], last)), text)

        if mon:
            if m["y"]:
                return _Hit(in_month(int(m["y"]), mon), year=int(m["y"]))
            reanchor = lambda y: in_month(y, mon)  # noqa: E731
            if ref is None:
                return _Hit(_none(text), reanchor=reanchor, month=mon)
            return _Hit(in_month(_year_of_month(ref, mon, "started"), mon), reanchor=reanchor, month=mon)
        if ref is None:
            return _Hit(_none(text))
        deic = (m["deic"] or "this").lower()
        shift = -1 if deic in ("last", "the previous") else 1 if deic == "next" else 0
        return _Hit(in_month(*_shift_month(ref.year, ref.month, shift)))
    span = _year_part(mod, ordinal, part, n, unit)
    if span is None:
        return None
    m1, d1, m2, d2 = span

    def in_year(year: int) -> Interval:
        return _range(date(year, m1, d1), date(year, m2, min(d2, calendar.monthrange(year, m2)[1])), text)

    if m["y2"]:
        return _Hit(in_year(int(m["y2"])), year=int(m["y2"]))
    if m["deic"]:
        if ref is None:
            return _Hit(_none(text))
        deic = m["deic"].lower()
        year = (
            ref.year - 1 if deic in ("last", "the previous") else ref.year + 1 if deic == "next" else ref.year
        )
        return _Hit(in_year(year), year=year)
    if ref is None:
        return _Hit(_none(text), reanchor=in_year, month=m1)
    year = ref.year if date(ref.year, m1, d1) <= ref else ref.year - 1
    return _Hit(in_year(year), reanchor=in_year, month=m1)


def _month_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    mon = _month_of(m["mon"])
    if mon is None or not _month_ok(m["mon"], True):
        return None
    return _Hit(_month(int(m["y"]), mon, m.group()), year=int(m["y"]))


def _coldest(m: re.Match[str], ctx: _Ctx) -> _Hit:
    first, last = calendars.SEASONS["winter"]
    return _Hit(_recurring(first, last, m.group()), habitual=True)


def _fall_is_season(m: re.Match[str], det: str, year: int | None) -> bool:
    """ "the fall in defections" is a drop; "last fall", "in the fall" are the season."""
    if year or det in ("this", "last", "next", "past", "previous", "coming", "every", "each"):
        return True
    return bool(m["prep"]) and det == "the" and not re.match(r"\s+(?:of|in)\b", m.string[m.end() :])


def _season(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    text, ref = m.group(), ctx.reference
    name = m["season"].lower()
    det = (m["det2"] or m["det"] or "").lower()
    year = int(m["y1"] or m["y2"]) if (m["y1"] or m["y2"]) else None
    if not (m["prep"] or det or year) or (name == "fall" and not _fall_is_season(m, det, year)):
        return None
    if m["season"][0].isupper() and re.match(r"\s+[A-Z]", m.string[m.end() : m.end() + 3]):
        return None  # a name: "the Winter Olympics", "the Summer Palace"
    first, last = calendars.SEASONS[name]

    def window(y: int) -> Interval:
        start, end = calendars.season_window(name, y)
        return Interval(start, end, "season", text)

    if year:
        return _Hit(window(year), year=year)
    if ref and det in ("last", "past", "previous"):
        y = ref.year
        while calendars.season_window(name, y)[1] >= ref:
            y -= 1
        return _Hit(window(y), year=y)
    if ref and det == "this":  # in progress, or just ended and told in the past ("This winter, 12 were held")
        begun = max(y for y in (ref.year - 1, ref.year) if calendars.season_window(name, y)[0] <= ref)
        sentence = _sentence_span(_sentence_starts(m.string), m.start(), len(m.string))
        if calendars.season_window(name, begun)[1] >= ref or _is_past(m.string, *sentence):
            return _Hit(window(begun), year=begun)
    if ref and det in ("this", "next", "coming"):
        y = ref.year - 1 if first > last and ref.month <= last else ref.year
        if det != "this" or calendars.season_window(name, y)[1] < ref:
            while calendars.season_window(name, y)[0] <= ref:
                y += 1
        return _Hit(window(y), year=y)
    return _Hit(_recurring(first, last, text), reanchor=window, habitual=True)


def _every(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    text = m.group()
    if m["mon"]:
        mon = _month_of(m["mon"])
        if mon is None or not _month_ok(m["mon"], True):
            return None
        return _Hit(_recurring(mon, mon, text), habitual=True)
    if m["adv"] or (m["unit"] or "").lower() == "year":
        return _Hit(_recurring(1, 12, text), habitual=True)
    return _Hit(_none(text), skip=True)


def _rate(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """ "per year" always, "a year" after a number ("sixty a year"): a rate over the whole year."""
    before = m.string[max(0, m.start() - 30) : m.start()]
    if m["art"].lower() != "per" and not _grammar().rate_before.search(before):
        return None
    return _Hit(_recurring(1, 12, m.group()))


def _relative(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """ "last year", "this month", "yesterday": counted from the reference. "The previous/following year"
    also counts from the year named before it, when there is one (`tag_article`)."""
    text, ref = m.group(), ctx.reference
    det_words = (m["det"] or "").lower().split()
    if (
        det_words[:1] == ["the"]
        and det_words[-1] in ("previous", "following")
        and m["unit"].lower() == "year"
    ):
        back = {"year": -1 if det_words[-1] == "previous" else 1}
        if ref is None:
            return _Hit(_none(text), refers_to="year", offset_months=12 * back["year"])
        year = ref.year + back["year"]
        return _Hit(_year(year, text), year=year, refers_to="year", offset_months=12 * back["year"])
    if ref is None:
        return _Hit(_none(text))
    if m["word"]:
        word = " ".join(m["word"].lower().split())
        if word == "the weekend":
            return _Hit(_weekend(ref, -1 if ref.weekday() < 5 else 0, text))
        back = {"yesterday": 1, "last night": 1, "the day before yesterday": 2}.get(word, 0)
        return _Hit(_day(ref - timedelta(days=back), text))
    det = m["det"].lower().split()[-1]
    shift = -1 if det in ("last", "previous") else 1 if det in ("next", "following") else 0
    unit = m["unit"].lower()
    if unit == "year":
        return _Hit(_year(ref.year + shift, text), year=ref.year + shift)
    if unit == "month":
        return _Hit(_month(*_shift_month(ref.year, ref.month, shift), text))
    if unit == "weekend":
        past = m["det"].lower().startswith("this past")
        return _Hit(_weekend(ref, -1 if past and ref.weekday() < 5 else shift, text))
    return _Hit(_iso_week(ref + timedelta(days=7 * shift), text))


def _weekend(ref: date, weeks: int, text: str) -> Interval:
    """Saturday and Sunday of the ISO week `weeks` away from the reference's."""
    saturday = ref - timedelta(days=ref.weekday()) + timedelta(days=5 + 7 * weeks)
    return Interval(saturday, saturday + timedelta(days=1), "range", text)


def _weekday(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if not m["wd"][:1].isupper():
        return None
    text, ref = m.group(), ctx.reference
    if ref is None:
        return _Hit(_none(text))
    wd = _grammar().weekdays[m["wd"].lower()]
    det = " ".join((m["det"] or "on").lower().split())
    if det == "next":
        return _Hit(_day(ref + timedelta(days=(wd - ref.weekday() - 1) % 7 + 1), text))
    back = (ref.weekday() - wd) % 7
    if det == "last" and back == 0:
        back = 7
    return _Hit(_day(ref - timedelta(days=back), text))


def _holiday(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    key = _holiday_key(m["hol"])
    if key is None or not m["hol"][:1].isupper():
        return None
    text, ref = m.group(), ctx.reference
    period = bool(m["suffix"]) and m["suffix"].strip().lower() != "day"

    def on(year: int) -> Interval | None:
        try:
            if period:
                return _range(*calendars.holiday_period(key, year), text)
            return _day(calendars.holiday(key, year), text)
        except ValueError:
            return None

    given = _given_date(m["given"])
    if given is not None:  # "the Lunar New Year on February 5": the date the text gives wins

        def on(year: int) -> Interval | None:
            first, last = given.start(year), given.end(year)
            if first is None or last is None:
                return None
            return _day(first, text) if first == last else _range(first, last, text)

    first, last = calendars.months_spanned(key) if given is None else (given.first_month,) * 2
    year = int(m["y1"] or m["y2"]) if (m["y1"] or m["y2"]) else None
    if year:
        interval = on(year)
        return _Hit(interval, year=year) if interval else None
    if ref is None:
        return _Hit(_none(text), reanchor=on, month=first, month_to=last)
    for y in (ref.year, ref.year - 1):
        interval = on(y)
        if interval and interval.start and interval.start <= ref:
            return _Hit(interval, reanchor=on, month=first, month_to=last)
    return _Hit(_none(text), reanchor=on, month=first, month_to=last)


def _given_date(text: str | None) -> _Point | None:
    """A date written next to a holiday's name: "February 5", "5 February", "mid-February"."""
    if not text:
        return None
    words = text.split()
    if words[0][0].isdigit():
        text = " ".join(words[1:] + words[:1])
    return _point(text)


def _eve(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """ "on the eve of the Lunar New Year" (the day before), "in the run-up to Chuseok", "ahead of the
    congress" (the time up to the day before: a range with an open start). An occasion that is not a
    holiday or date refers to where the article dates it (`tag_article`)."""
    text, what = m.group(), " ".join(m["what"].split())
    lead = " ".join(m["lead"].lower().split())
    point = _point(what)
    if point is None:
        return _Hit(_none(text), refers_to=f"{lead} {what}")

    def before(year: int) -> Interval | None:
        first = point.start(year)
        return _before(first - timedelta(days=1), lead, text) if first else None

    if point.year:
        interval = before(point.year)
        return _Hit(interval, year=point.year) if interval else None
    ref = ctx.reference
    if ref is None:
        return _Hit(_none(text), reanchor=before, month=point.first_month)
    for y in (ref.year, ref.year - 1):
        interval = before(y)
        if interval and interval.end and interval.end <= ref:
            return _Hit(interval, reanchor=before, month=point.first_month)
    return _Hit(_none(text), reanchor=before, month=point.first_month)


def _before(day: date, lead: str, text: str) -> Interval:
    """The day before an occasion ("the eve of"), or the time up to it ("ahead of", "the run-up to")."""
    return _day(day, text) if lead.endswith("eve of") else Interval(None, day, "range", text)


def _bare_month(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    mon = _month_of(m["mon"])
    since = bool(_SINCE_BEFORE.search(m.string, max(0, m.start() - 16), m.start()))
    if mon is None or not _month_ok(m["mon"], bool(m["prep"]) or since):
        return None
    text, ref = m.group(), ctx.reference
    prep = (m["prep"] or "").lower()
    how = {"last": "ended", "past": "ended", "this": "this", "next": "next"}.get(prep)
    reanchor = None if how else (lambda y: _month(y, mon, text))
    if ref is None:
        return _Hit(_none(text), reanchor=reanchor, month=mon)
    year = _year_of_month(ref, mon, how or "started")
    return _Hit(_month(year, mon, text), year=year if how else None, reanchor=reanchor, month=mon)


def _bare_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """A four-digit number is a year unless a count noun follows or a label precedes it; a year far
    beyond the reference is a number too ("Resolution 2094" in a report of 2016)."""
    g = _grammar()
    before, after = m.string[max(0, m.start() - 20) : m.start()], m.string[m.end() : m.end() + 30]
    y = int(m["y"])
    if g.count_after.match(after) or g.label_before.search(before):
        return None
    if ctx.reference and y > ctx.reference.year + 30:
        return None
    return _Hit(_year(y, m.group()), year=y)


def _vague(m: re.Match[str], ctx: _Ctx) -> _Hit:
    return _Hit(_none(m.group()))


def _period_ref(m: re.Match[str], ctx: _Ctx) -> _Hit:
    noun = m["noun"].lower() + (" " + " ".join(m["of"].split()) if m["of"] else "")
    return _Hit(_none(m.group()), refers_to=noun)


_UNIT_DAYS = {
    "minute": 0,
    "hour": 0,
    "morning": 1,
    "afternoon": 1,
    "evening": 1,
    "night": 1,
    "day": 1,
    "week": 7,
}


def _anchored(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """ "the following morning", "two days later", "the same day", "at the same trial": a time counted
    from another happening's; no interval of its own (see `shift`)."""
    text = m.group()
    if m["occasion"] or m["soon"]:
        return _Hit(_none(text), refers_to=_PREVIOUS_EVENT)
    if m["u5"] or m["u4"]:
        unit = (m["u5"] or m["u4"]).lower()
        calendar_unit = unit if unit in ("week", "month") else None
        return _Hit(_none(text), refers_to=_PREVIOUS_EVENT, unit=calendar_unit)
    if m["u1"] or m["u2"]:
        unit = (m["u1"] or m["u2"]).lower()
        back = (m["rel"] or "").lower() in ("previous", "preceding") or (m["dir2"] or "").lower() == "before"
        sign = -1 if back else 1
        if unit == "month":
            return _Hit(_none(text), refers_to=_PREVIOUS_EVENT, offset_months=sign, unit="month")
        calendar_unit = "week" if unit == "week" else None
        return _Hit(
            _none(text), refers_to=_PREVIOUS_EVENT, offset_days=sign * _UNIT_DAYS[unit], unit=calendar_unit
        )
    n = _int(m["n"])
    if n is None:
        return _Hit(_none(text), refers_to=_PREVIOUS_EVENT)
    sign = -1 if m["dir3"].lower() == "earlier" else 1
    unit = m["u3"].lower().rstrip("s")
    if unit in ("month", "year"):
        return _Hit(
            _none(text), refers_to=_PREVIOUS_EVENT, offset_months=sign * n * (12 if unit == "year" else 1)
        )
    return _Hit(_none(text), refers_to=_PREVIOUS_EVENT, offset_days=sign * n * _UNIT_DAYS[unit])


_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """ "Q3 2016", "2016 Q3", "the third quarter, 2016", or "Q3" / "Third quarter (July–September)" alone:
    the last such quarter begun by the reference (a year stated just before may date it: `tag_article`)."""
    if m["m1"]:  # "the April-June quarter"
        first, last = _month_of(m["m1"]), _month_of(m["m2"])
        if first is None or last != first + 2 or first % 3 != 1:
            return None
        q = last // 3
    else:
        q = _QUARTER_WORDS[m["ord"].lower()] if m["ord"] else int((m["q"] or m["q2"] or m["q3"])[1])
    text = m.group()

    def in_year(year: int) -> Interval:
        return _range(date(year, 3 * q - 2, 1), _last_day(year, 3 * q), text)

    year = m["y"] or m["y2"] or m["y3"]
    if year:
        return _Hit(in_year(int(year)), year=int(year))
    if ctx.reference is None:
        return _Hit(_none(text), reanchor=in_year)
    ref = ctx.reference
    return _Hit(in_year(ref.year if date(ref.year, 3 * q - 2, 1) <= ref else ref.year - 1), reanchor=in_year)


def _year_ref(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """ "during the year", "that year", "later that year", "in the same year": the year named before,
    resolved across the article by `tag_article` (precision none on its own)."""
    det = " ".join(m["det"].lower().split())
    if det == "the" and not (m["prep"] or m["phase"]):
        return None
    return _Hit(_none(m.group()), refers_to="year")


_ORDINAL_DAY_AFTER = re.compile(
    r"\s*(?:[,.;:!?)\"”’]|$|(?:and|or|when|after|before|at|in|as|but|while|he|she|they|it|police|guards)\b)",
    re.IGNORECASE,
)


def _ordinal_day(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """ "on the 15th": that day of the month the sentence names, else of the reference's month (the last
    15th on or before it); never "the 15th century" or "the 3rd floor"."""
    text, d = m.group(), int(m["d"])
    if not text.lower().endswith("month") and not _ORDINAL_DAY_AFTER.match(m.string, m.end()):
        return None
    ref = ctx.reference
    if ref is None:
        return _Hit(_none(text), day_of_month=d)
    year, month = ref.year, ref.month
    if d > ref.day and not text.lower().endswith("month"):
        year, month = _shift_month(ref.year, ref.month, -1)
    day = _safe(year, month, d)
    return _Hit(_day(day, text) if day else _none(text), day_of_month=d)


_HANDLERS: dict[str, Callable[[re.Match[str], _Ctx], _Hit | None]] = {
    "anchored": _anchored,
    "eve": _eve,
    "quarter": _quarter,
    "year_ref": _year_ref,
    "ordinal_day": _ordinal_day,
    "window": _window,
    "open_window": _open_window,
    "since_clause": _since_clause,
    "decade": _decade,
    "year_range": _year_range,
    "past_window": _past_window,
    "same_period": _same_period,
    "ago": _ago,
    "iso": _iso,
    "cjk": _cjk,
    "numeric": _numeric,
    "mdy": _month_day,
    "dmy": _month_day,
    "foreign_date": _foreign_date,
    "subperiod": _subperiod,
    "month_year": _month_year,
    "coldest": _coldest,
    "season": _season,
    "every": _every,
    "rate": _rate,
    "relative": _relative,
    "weekday": _weekday,
    "holiday": _holiday,
    "month": _bare_month,
    "year": _bare_year,
    "vague": _vague,
    "period_ref": _period_ref,
}


def _apply(name: str, m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """The rule's reading, or None; dates beyond the calendar's range (year 1 or 9999) have none."""
    try:
        return _HANDLERS[name](m, ctx)
    except (ValueError, OverflowError):
        return None
