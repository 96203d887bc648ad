"""Time expressions in news text, found with exact spans and resolved to `Interval`s.

A tagger of our own finds the expressions (grammar and word lists in `timeline/data/temporal.toml`;
rules are tried only at words that can start them, near words every expression contains) and
decides what they mean against the reference (publication) date, following DESIGN.md's "What
statements mean". `dateparser` is used only on candidate spans it parses well (numeric dates, dates
in other languages), lazily and cached: it is far slower than the tagger and turns counts into
dates ("January, 30-40" as 1940-01-30) when left to search.

Examples
--------
>>> from datetime import date
>>> [(e.text, e.interval.start, e.interval.precision) for e in tag("Police arrested 20 people on January 1.",
...                                                                  date(2018, 1, 8))]
[('on January 1', datetime.date(2018, 1, 1), 'day')]
>>> e, = tag("Arrests rise from December until the Lunar New Year.", date(2018, 1, 8))
>>> (e.interval.precision, e.interval.from_month, e.interval.to_month)
('recurring', 12, 2)
"""

from __future__ import annotations

import bisect
import calendar
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from timeline import calendars
from timeline.intervals import Interval


@dataclass(frozen=True)
class TimeExpr:
    """One time expression: its span in the tagged text and what it means.

    `role` is "event" (when something happened), "report" (when someone spoke or published: "told
    reporters on Tuesday") or "deadline" (a time set as a limit or purpose: "ordered units to stop
    defections before the Lunar New Year", "must finish by the end of the month"): only "event" dates
    an event. `refers_to` says the meaning comes from elsewhere in the article: a clause ("the
    governor took office"), "period", "year" ("during the year", resolved by `tag_article` to the most
    recent year named before it; "the following year" one later, `offset_months` 12), an occasion the
    article dates elsewhere ("the eve of the party congress"), or "previous-event": the time of another
    happening ("the following morning", "two days later", "the same day", "at the same trial", "within
    hours"), with interval none and the offset from that happening in `offset_days` / `offset_months`;
    `unit` ("week", "month") says the result is the whole calendar week or month the moved time falls
    in ("the previous week", "earlier that month"); `shift` applies it. `point` is, for a "since" range,
    the time of the thing it counts from ("since last year": last year; "since police began checks in
    October": October): the clause that tells that thing takes it, the rest of the sentence the range.
    """

    start: int
    end: int
    text: str
    interval: Interval
    role: str = "event"
    refers_to: str | None = None
    habitual: bool = False
    offset_days: int = 0
    offset_months: int = 0
    unit: str | None = None
    point: Interval | None = None


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


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    rule: str
    hit: _Hit
    since: bool = False
    role: str | None = None  # decided by the clause ("deadline"); None: decided by the words around


@dataclass(frozen=True)
class _Grammar:
    first: dict[str, tuple[int, ...]]  # word -> rules a match can start with it, in priority order
    digit_first: dict[str, tuple[int, ...]]  # number shape ("day", "year") -> rules that can start with it
    triggers: frozenset[str]
    rules: tuple[tuple[str, re.Pattern[str]], ...]
    requires: tuple[frozenset[str] | None, ...]  # per rule: words one of which each of its matches contains
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    holidays: dict[str, str]
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    ordinals: dict[str, int]
    count_after: re.Pattern[str]
    label_before: re.Pattern[str]
    rate_before: re.Pattern[str]
    habitual: re.Pattern[str]
    clause_break: re.Pattern[str]
    report_before: re.Pattern[str]
    report_after: re.Pattern[str]
    deadline_lead: re.Pattern[str]
    directive: re.Pattern[str]
    future: re.Pattern[str]
    past: re.Pattern[str]
    not_past: frozenset[str]
    present_aux: re.Pattern[str]


_FLAGS = re.IGNORECASE | re.VERBOSE
_PLACEHOLDER = re.compile(r"\{([A-Z_]+)\}")
_SINCE_BEFORE = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+)?$", re.IGNORECASE)
_SINCE_RULES = frozenset(
    {"iso", "cjk", "numeric", "mdy", "dmy", "foreign_date", "subperiod", "month_year", "season", "holiday"}
    | {"month", "year", "decade", "relative", "weekday"}
)
_STOP = frozenset({"the", "this", "that", "of", "a", "an", "during", "in", "over", "same"})


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _surface(phrase: str) -> str:
    """A phrase as a pattern: any run of spaces, apostrophe straight, curly or absent."""
    parts = [re.escape(w).replace("'", "['’]?").replace(r"\-", "[-\\s]?") for w in phrase.split()]
    return r"\s+".join(parts)


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("'", "").replace("-", " ").split())


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """Compile the grammar data once; the result is immutable."""
    data = tomllib.loads(resources.files("timeline").joinpath("data/temporal.toml").read_text("utf-8"))
    w = data["words"]
    months = {name: i + 1 for i, name in enumerate(w["months"])}
    abbreviations = {a: i + 1 for i, abbrs in enumerate(w["month_abbreviations"]) for a in abbrs}
    numbers = {k: int(v) for k, v in w["numbers"].items()}
    fragments: dict[str, str] = {
        "MONTH": rf"(?:(?:{_alternation(list(months))})\b|(?:{_alternation(list(abbreviations))})\.)",
        "MON": rf"(?:(?:{_alternation(list(months))})\b|(?:{_alternation(list(abbreviations))})\b\.?)",
        "WEEKDAY": rf"(?:{_alternation(w['weekdays'])})\b",
        "SEASON": rf"(?:{_alternation(w['seasons'])})",
        "NUM": rf"(?:{_alternation([_surface(n) for n in numbers])})",
        "HOLIDAY": rf"(?:{_alternation([_surface(h) for h in data['holidays']])})",
    }
    fragments.update(data["fragments"])

    def expand(pattern: str, depth: int = 0) -> str:
        if depth > 5:
            raise ValueError("placeholders nest too deeply")
        return _PLACEHOLDER.sub(lambda m: "(?:" + expand(fragments[m.group(1)], depth + 1) + ")", pattern)

    rules = tuple((r["name"], re.compile(expand(r["pattern"]), _FLAGS)) for r in data["rule"])
    unknown = {name for name, _ in rules} ^ set(_HANDLERS)
    if unknown:
        raise ValueError(f"grammar rules and handlers differ: {sorted(unknown)}")
    first, digit_first = _first_words(rules)
    word_lists = {
        "@months": w["months"] + list(abbreviations),
        "@weekdays": w["weekdays"],
        "@holidays": sorted({word for h in data["holidays"] for word in _first_tokens(h)}),
    }
    requires = tuple(
        frozenset(x for r in rule["requires"] for x in word_lists.get(r, [r])) if "requires" in rule else None
        for rule in data["rule"]
    )
    counts = _alternation([_surface(n) for n in w["count_nouns"]])
    triggers = frozenset(w["triggers"] + w["months"] + list(abbreviations) + w["weekdays"] + w["seasons"])
    return _Grammar(
        first=first,
        digit_first=digit_first,
        triggers=triggers,
        rules=rules,
        requires=requires,
        months={**months, **abbreviations},
        ambiguous_months=frozenset(w["ambiguous_months"]),
        weekdays={name: i for i, name in enumerate(w["weekdays"])},
        numbers={_fold(k): v for k, v in numbers.items()},
        holidays={_fold(k): v for k, v in data["holidays"].items()},
        month_parts={k: tuple(v) for k, v in w["month_parts"].items()},
        year_parts={k: tuple(v) for k, v in w["year_parts"].items()},
        ordinals=dict(w["ordinals"]),
        label_before=re.compile(rf"\b(?:{_alternation(w['number_labels'])})\.?\s*#?\s*$", re.IGNORECASE),
        count_after=re.compile(rf"['’]?s?\s*(?:{counts})\b", re.IGNORECASE),
        rate_before=re.compile(
            rf"(?:\d|\b(?:{_alternation(w['rate_words'])}))(?:\s+[^\W\d_]+)?\s*,?\s*$", re.IGNORECASE
        ),
        habitual=re.compile(rf"\b(?:{_alternation([_surface(c) for c in w['habitual_cues']])})\b", re.I),
        clause_break=re.compile(
            r"[.!?;]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+|[,;]?\s+\b(?:"
            + _alternation(w["clause_breaks"])
            + r")\b",
        ),
        report_before=re.compile(
            rf"\b(?:{_alternation(w['report_verbs'])})(?:\s+(?:{_alternation(w['report_fillers'])}"
            r"|[A-Z][\w.'’-]*)){0,4}\s*,?\s*(?:on\s+)?$"
        ),
        report_after=re.compile(
            rf"\s*(?:{_alternation([_surface(n) for n in w['report_nouns']])})\b", re.IGNORECASE
        ),
        deadline_lead=re.compile(
            rf"\b(?P<lead>{_alternation([_surface(n) for n in w['deadline_leads']])})\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        directive=re.compile(rf"\b(?:{_alternation([_surface(c) for c in w['directive_cues']])})\b", re.I),
        future=re.compile(rf"\b(?:{_alternation([_surface(c) for c in w['future_cues']])})\b", re.I),
        past=re.compile(rf"\b(?:(?:{_alternation(w['past_verbs'])})|[a-z]{{2,}}ed)\b", re.IGNORECASE),
        not_past=frozenset(w["not_past"]),
        present_aux=re.compile(
            rf"\b(?:{_alternation(w['present_auxiliaries'])})\s+(?:(?:not|never|also|often|now|then|\w+ly)\s+)?$",
            re.IGNORECASE,
        ),
    )


def _first_tokens(phrase: str) -> set[str]:
    """The token a phrase starts with, as `_TOKEN` splits text, with its hyphen or apostrophe written or not
    ("Mid-Autumn": "mid" or "midautumn")."""
    words = phrase.lower().split()
    first = words[0]
    joined = re.sub(r"['’-]", "", first)
    return {re.split(r"['’-]", first)[0], joined}


def _first_words(
    rules: tuple[tuple[str, re.Pattern[str]], ...],
) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """Which words (and shapes of number) can begin a match of each rule, found by partial matching
    (the `regex` package, a dependency of dateparser): the scanner then tries at a word only the rules
    that can start there."""
    import regex

    vocabulary = {w.lower() for _, p in rules for w in re.findall(r"[A-Za-z]+\d?", p.pattern)}
    first: dict[str, list[int]] = {}
    digit_first: dict[str, list[int]] = {shape: [] for shape in _DIGIT_SAMPLES}
    for i, (_, pattern) in enumerate(rules):
        partial = regex.compile(pattern.pattern, regex.IGNORECASE | regex.VERBOSE | regex.VERSION0)
        for word in vocabulary:
            if partial.match(word + " ", partial=True):
                first.setdefault(word, []).append(i)
        for shape, samples in _DIGIT_SAMPLES.items():
            if any(partial.match(sample, partial=True) for sample in samples):
                digit_first[shape].append(i)
    return {w: tuple(ix) for w, ix in first.items()}, {k: tuple(v) for k, v in digit_first.items()}


_DIGIT_SAMPLES = {
    "day": ("1 ", "12 ", "1st ", "12/", "3 a.m. ", "10:30 ", "1.", "7 de ", "7年"),
    "year": ("2017 ", "2017-", "2017/", "2017年", "2017.", "1990s", "1990's"),
    "number": ("100 ", "250 ", "1000 ", "12345 "),
}


def _digit_shape(token: str) -> str:
    """The shape of the digits a token starts with: days/months/hours (1-2 digits), years, other numbers
    ("100 days ago")."""
    if len(token) <= 2:
        return "day"
    if len(token) == 4 and token[:2] in ("18", "19", "20"):
        return "year"
    return "number"


# --- calendar arithmetic -------------------------------------------------------------------------


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
        return _Point(
            month,
            month,
            year,
            lambda y, p=part, m=month: _part_days(p, y, m)[0],
            lambda y, p=part, m=month: _part_days(p, y, m)[1],
        )
    sub = re.match(r"(early|mid|late)[-\s]?(\S+)", t, re.I)
    if sub and _month_of(sub.group(2)):
        part, month = sub.group(1).lower(), _month_of(sub.group(2))
        return _Point(
            month,
            month,
            year,
            lambda y, p=part, m=month: _part_days(p, y, m)[0],
            lambda y, p=part, m=month: _part_days(p, y, m)[1],
        )
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


# --- scanning and composition --------------------------------------------------------------------


_BACK = 40  # how far before its trigger word an expression may start ("between the very end of the year")
_TOKEN = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")


def _scan(text: str, ctx: _Ctx, *, exhaustive: bool = False) -> list[_Found]:
    """Try, at each word that a trigger word follows closely, the rules that can start with that word,
    in priority order; the first that matches and accepts wins, and scanning resumes after it.
    `exhaustive` tries every rule at every word: the same result, slowly (tests check they agree)."""
    g = _grammar()
    lowered = text.lower()
    same = len(lowered) == len(text)
    tokens = [(t.start(), t.group()) for t in _TOKEN.finditer(lowered if same else text)]
    if not same:
        tokens = [(at, word.lower()) for at, word in tokens]
    triggers = [at for at, word in tokens if word[0].isdecimal() or word in g.triggers]
    if not triggers and not exhaustive:
        return []
    present = {word for _, word in tokens}
    off = (
        ()
        if exhaustive
        else {i for i, req in enumerate(g.requires) if req is not None and req.isdisjoint(present)}
    )
    every_rule = tuple(range(len(g.rules)))
    found: list[_Found] = []
    pos = 0
    for at, word in tokens:
        if at < pos:
            continue
        if exhaustive:
            candidates = every_rule
        else:
            k = bisect.bisect_left(triggers, at)
            if k == len(triggers) or triggers[k] - at > _BACK:
                continue
            if word[0].isdecimal():
                candidates = g.digit_first.get(_digit_shape(_DIGITS.match(word).group()))
            else:
                candidates = g.first.get(word)
            if not candidates:
                continue
        for index in candidates:
            if index in off:
                continue
            name, pattern = g.rules[index]
            rm = pattern.match(text, at)
            hit = _apply(name, rm, ctx) if rm and rm.end() > at else None
            if hit:
                since = name in _SINCE_RULES and bool(_SINCE_BEFORE.search(text, max(0, at - 16), at))
                if not hit.skip:
                    found.append(_Found(at, rm.end(), name, hit, since))
                pos = rm.end()
                break
    return found


def _clauses(text: str) -> list[int]:
    """Start offsets of clauses: sentence ends, semicolons, line breaks and contrastive conjunctions."""
    return [0] + [m.end() for m in _grammar().clause_break.finditer(text)]


def _anchor(found: list[_Found], index: int, clause_ids: list[int], text: str) -> _Found | None:
    """The nearest expression in the same clause that gives a year: the preceding one, else a following
    one with no comma in between ("on January 1 this year")."""
    me, clause = found[index], clause_ids[index]
    before = [
        f for i, f in enumerate(found[:index]) if clause_ids[i] == clause and f.hit.year and not f.since
    ]
    if before:
        return before[-1]
    after = [
        f for i, f in enumerate(found) if i > index and clause_ids[i] == clause and f.hit.year and not f.since
    ]
    if after and "," not in text[me.end : after[0].start]:
        return after[0]
    return None


def _compose(found: list[_Found], text: str, ctx: _Ctx) -> list[_Found]:
    """Clause-level meaning: a sub-period or month-day takes the year of an anchor in its clause
    ("last January ... the first couple weeks of the New Year"); in a clause that describes a habit
    ("usually", "every"), a month or holiday without a year becomes a recurring window; a window told
    in the past about one happening is dated; a time after "before"/"by" in an order is a deadline,
    and one after "until"/"by" in future wording is the next such time."""
    if not found:
        return found
    g = _grammar()
    starts = _clauses(text)
    clause_ids = [bisect.bisect_right(starts, f.start) for f in found]
    sentence_starts = _sentence_starts(text)
    out: list[_Found] = []
    for i, f in enumerate(found):
        hit = f.hit
        if hit.reanchor and hit.year is None and _role(f, text) == "event":
            anchor = _anchor(found, i, clause_ids, text)
            if anchor:
                hit = _reanchored(hit, anchor.hit.year, f, anchor, text)
        clause_start = starts[clause_ids[i] - 1]
        clause_end = starts[clause_ids[i]] if clause_ids[i] < len(starts) else len(text)
        sentence = _sentence_span(sentence_starts, f.start, len(text))
        habitual_clause = hit.reanchor and hit.month and hit.interval.precision != "recurring"
        if habitual_clause and g.habitual.search(text, clause_start, clause_end):
            last = hit.month_to or hit.month
            hit = replace(hit, interval=_recurring(hit.month, last, hit.interval.text), habitual=True)
        if f.rule == "window" and hit.interval.precision == "recurring" and hit.reanchor:
            hit = _narrative_window(hit, text, sentence, ctx)
        # a season told in the past is dated only against a publication date; with none it stays a habit
        told = f.rule == "season" and ctx.reference and not _DEICTIC_OR_HABIT.search(text, f.start, f.end)
        if told and hit.interval.precision == "recurring" and hit.reanchor:  # "over the summer, guards shot"
            hit = _narrative_window(hit, text, sentence, ctx, ongoing=True)
        if hit.day_of_month:
            hit = _day_in_context(hit, f, out, sentence, text)
        role = None
        lead = _deadline_lead(f, text)
        if lead:
            before = text[sentence[0] : f.start]
            if lead not in ("until", "till") and g.directive.search(before):
                role = "deadline"
            if _forward(lead, text[sentence[0] : sentence[1]], hit):
                hit = _next_occurrence(hit, ctx)
        out.append(f if hit is f.hit and role is None else replace(f, hit=hit, role=role))
    return out


def _reanchored(hit: _Hit, year: int, f: _Found, anchor: _Found, text: str) -> _Hit:
    """The hit read in a year given elsewhere; its text says where the year came from."""
    interval = hit.reanchor(year) if hit.reanchor else None
    if interval is None:
        return hit
    own, other = text[f.start : f.end], text[anchor.start : anchor.end]
    joined = f"{other} ... {own}" if anchor.start < f.start else f"{own} ... {other}"
    return replace(hit, interval=interval.with_text(joined), year=year, reanchor=None)


_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _sentence_span(starts: list[int], pos: int, length: int) -> tuple[int, int]:
    k = bisect.bisect_right(starts, pos)
    return starts[k - 1], starts[k] if k < len(starts) else length


_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:(?:not|never|also|\w+ly)\s+)?been\s+(?:\w+ly\s+)?$", re.I)


def _is_past(text: str, start: int, end: int) -> bool:
    """Does the stretch state something in the past ("were detained", "crossed", "fled"), as opposed to
    a present practice ("are detained", "run", "is banned")?"""
    g = _grammar()
    for m in g.past.finditer(text, start, end):
        word = m.group().lower()
        if word in g.not_past:
            continue
        if word.endswith("ed"):
            before = text[max(start, m.start() - 40) : m.start()]
            if g.present_aux.search(before) and not _PERFECT.search(before):
                continue
        return True
    return False


_DEICTIC_OR_HABIT = re.compile(r"\b(?:this|next|coming|every|each)\b", re.IGNORECASE)


def _narrative_window(
    hit: _Hit, text: str, sentence: tuple[int, int], ctx: _Ctx, *, ongoing: bool = False
) -> _Hit:
    """ "were detained between October and early December": one happening, in the most recent such window
    that ended by the reference (failing that, began by it; a season, "has worsened over the winter", the
    last one begun: `ongoing`). Habitual wording keeps it recurring; with no reference it stays a window of
    months, but not a habit (an explicit year in the article may date it)."""
    if _grammar().habitual.search(text, *sentence) or not _is_past(text, *sentence):
        return hit
    ref = ctx.reference
    if ref is None or hit.reanchor is None:
        return replace(hit, habitual=False)
    runs = [
        r for r in (hit.reanchor(y) for y in range(ref.year, ref.year - 3, -1)) if r and r.start and r.end
    ]
    ended = next((r for r in runs if r.end <= ref), None)
    begun = next((r for r in runs if r.start <= ref), None)
    chosen = (begun or ended) if ongoing else (ended or begun)
    return replace(hit, interval=chosen or hit.interval, habitual=False)


def _day_in_context(
    hit: _Hit, f: _Found, earlier: list[_Found], sentence: tuple[int, int], text: str
) -> _Hit:
    """ "in March 2016 ... on the 15th": the day in the month named before it in its sentence."""
    for other in reversed(earlier):
        if other.start < sentence[0]:
            break
        iv = other.hit.interval
        if (
            iv.is_dated
            and iv.start
            and iv.end
            and (iv.start.year, iv.start.month) == (iv.end.year, iv.end.month)
        ):
            day = _safe(iv.start.year, iv.start.month, hit.day_of_month or 0)
            if day:
                text_ = f"{text[other.start : other.end]} ... {text[f.start : f.end]}"
                return replace(hit, interval=_day(day, text_), year=day.year)
    return hit


_LEAD_INSIDE = re.compile(r"(by|before|until|till)\s", re.IGNORECASE)
_QUOTE_OR_STOP = re.compile(r"[.;!?\"“”]")


def _deadline_lead(f: _Found, text: str) -> str | None:
    """The word that sets a limit before the expression ("before", "by", "ahead of", "until"), if any."""
    g = _grammar()
    span = text[f.start : f.end]
    inside = _LEAD_INSIDE.match(span)
    if inside:
        return inside.group(1).lower()
    m = g.deadline_lead.search(text, max(0, f.start - 25), f.start)
    return " ".join(m["lead"].lower().split()) if m else None


def _forward(lead: str, sentence: str, hit: _Hit) -> bool:
    """A limit in future wording ("will stay closed until the end of March"), or an "until" in a present
    statement (the window is still open), points to the next such time, not the last one."""
    if not hit.reanchor or hit.year is not None or hit.habitual or hit.interval.precision == "recurring":
        return False
    g = _grammar()
    if g.future.search(sentence):
        return True
    return lead in ("until", "till") and not _is_past(sentence, 0, len(sentence))


def _next_occurrence(hit: _Hit, ctx: _Ctx) -> _Hit:
    ref = ctx.reference
    if ref is None or hit.reanchor is None:
        return hit
    for y in (ref.year - 1, ref.year, ref.year + 1):
        interval = hit.reanchor(y)
        if interval and interval.end and interval.end >= ref:
            return replace(hit, interval=interval)
    return hit


def _since(f: _Found, text: str, ctx: _Ctx) -> TimeExpr:
    """ "since October", "since 2012": from the start of the thing to the publication date."""
    start = f.start - len(_SINCE_BEFORE.search(text, max(0, f.start - 16), f.start).group())
    span = text[start : f.end]
    first = f.hit.interval.start if f.hit.interval.is_dated else None
    if first is None and f.hit.reanchor and ctx.reference:  # "since the summer": the last one begun
        begun = [iv for y in (ctx.reference.year, ctx.reference.year - 1) if (iv := f.hit.reanchor(y))]
        first = next((iv.start for iv in begun if iv.start and iv.start <= ctx.reference), None)
    end = ctx.since_end
    interval = _range(first, end if end and end >= first else None, span) if first else _none(span)
    point = f.hit.interval if f.hit.interval.is_dated else None
    if point is None and first is not None and f.hit.reanchor:
        point = f.hit.reanchor(first.year)
    return TimeExpr(start, f.end, span, interval, point=point)


def _role(f: _Found, text: str) -> str:
    if f.hit.interval.precision not in ("day", "none") or f.rule in ("vague", "period_ref", "since_clause"):
        return "event"
    before = text[max(0, f.start - 60) : f.start]
    before = _QUOTE_OR_STOP.split(before)[-1]
    g = _grammar()
    if g.report_before.search(before) or g.report_after.match(text, f.end):
        return "report"
    return "event"


def _expr(f: _Found, text: str, ctx: _Ctx) -> TimeExpr:
    if f.since:
        return _since(f, text, ctx)
    return TimeExpr(
        f.start,
        f.end,
        text[f.start : f.end],
        f.hit.interval,
        role=f.role or _role(f, text),
        refers_to=f.hit.refers_to,
        habitual=f.hit.habitual,
        offset_days=f.hit.offset_days,
        offset_months=f.hit.offset_months,
        unit=f.hit.unit,
    )


def tag(text: str, reference: date | None, *, reference_inferred: bool = False) -> list[TimeExpr]:
    """All time expressions of one sentence or paragraph, in order, non-overlapping, resolved against
    the reference (publication) date.

    Parameters
    ----------
    text : str
        The text; spans are offsets into it.
    reference : date or None
        Publication date. Without one, only explicitly dated expressions get dates.
    reference_inferred : bool
        The reference was inferred from the text: it anchors explicit dates ("January 7") but never
        closes a "since" range.

    Examples
    --------
    >>> [e.interval.to_json()["start"] for e in tag("Only 1,127 people arrived in 2017.", None)]
    ['2017-01-01']
    >>> tag("He told reporters on Tuesday that 20 people fled.", date(2016, 7, 6))[0].role
    'report'
    """
    ctx = _Ctx(reference, reference_inferred and reference is not None)
    found = _compose(_scan(text, ctx), text, ctx)
    return [_expr(f, text, ctx) for f in found]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP}


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start))
    right = min([p for p in (text.find(".", end), text.find("\n", end)) if p >= 0] or [len(text)])
    return text[left + 1 : right]


def _resolve_period(e: TimeExpr, text: str, earlier: list[TimeExpr]) -> TimeExpr:
    """ "during this period (of X)": the latest window defined before, preferring one whose sentence
    shares X's words."""
    windows = [
        c for c in earlier if c.role == "event" and c.interval.precision in ("range", "recurring", "season")
    ]
    if not windows:
        return e
    wanted = _words(e.refers_to or "") | {"period"}
    best = max(
        enumerate(windows),
        key=lambda p: (len(wanted & _words(_sentence_around(text, p[1].start, p[1].end))), p[0]),
    )[1]
    return replace(e, interval=replace(best.interval, text=e.text), habitual=best.habitual)


def _resolve_clause(e: TimeExpr, text: str, exprs: list[TimeExpr], ctx: _Ctx) -> TimeExpr:
    """ "since X came to power": the date the article gives "X came to power" anywhere."""
    words = (e.refers_to or "").replace("’", "'").split()
    pattern = re.compile(r"\s+".join(re.escape(w).replace("'", "['’]") for w in words), re.IGNORECASE)
    for occurrence in pattern.finditer(text):
        if e.start <= occurrence.start() < e.end:
            continue
        for other in exprs:
            if other is e or not other.interval.is_dated or other.interval.start is None:
                continue
            inside = other.start <= occurrence.start() and occurrence.end() <= other.end
            after = 0 <= other.start - occurrence.end() <= 4
            before = 0 <= occurrence.start() - other.end <= 3
            if inside or after or before:
                first = other.interval.start
                end = ctx.since_end
                interval = _range(first, end if end and end >= first else None, e.text)
                return replace(e, interval=interval, point=other.interval)
    own = _own_time(e, text, exprs)
    if own is not None and own.interval.start is not None:
        first, end = own.interval.start, ctx.since_end
        interval = _range(first, end if end and end >= first else None, f"{e.text} ... {own.text}")
        return replace(e, interval=interval, point=own.interval)
    return e


_OCCASION_LEADS = re.compile(
    r"^(?:(?:very\s+)?eve\s+of|run[-\s]up\s+to|lead[-\s]up\s+to|(?:days|weeks)\s+(?:before|ahead\s+of|leading\s+up\s+to)"
    r"|ahead\s+of)\s+",
    re.IGNORECASE,
)


def _resolve_occasion(e: TimeExpr, text: str, exprs: list[TimeExpr]) -> TimeExpr:
    """ "on the eve of the party congress": the day before the date the article gives the congress (in a
    sentence that names it: the nearest before, else after); "ahead of the congress": up to that day."""
    lead = _OCCASION_LEADS.match(e.refers_to or "")
    if lead is None:
        return e
    head = re.sub(r"['’]s$", "", (e.refers_to or "").split()[-1])
    names = re.compile(rf"\b{re.escape(head)}\b", re.IGNORECASE)
    dated = [
        o
        for o in exprs
        if o is not e
        and o.role == "event"
        and o.interval.is_dated
        and o.interval.start is not None
        and names.search(_sentence_around(text, o.start, o.end))
        and not (o.start <= e.start < o.end)
    ]
    if not dated:
        return e
    before = [o for o in dated if o.start < e.start]
    other = before[-1] if before else dated[0]
    interval = _before(other.interval.start - timedelta(days=1), lead.group().strip().lower(), e.text)
    return replace(e, interval=interval.with_text(f"{e.text} ... {other.text}"))


_CLAUSE_STOP = re.compile(r"[,;:!?()\"“”]|\.\s")


def _own_time(e: TimeExpr, text: str, exprs: list[TimeExpr]) -> TimeExpr | None:
    """The date a "since" clause gives itself further on, before any comma ("since a soldier crossed the
    river and killed four villagers in late December 2014")."""
    for other in exprs:
        if other.start < e.end or other.start - e.end > 150:
            continue
        if _CLAUSE_STOP.search(text, e.end, other.start):
            return None
        if other.role == "event" and other.interval.is_dated:
            return other
    return None


def tag_article(text: str, reference: date | None, *, reference_inferred: bool = False) -> list[TimeExpr]:
    """tag() over a whole body, then what only the whole article tells:

    - back-references: "since Kim Jong Un came to power" takes the year the article gives that clause
      anywhere ("... came to power in 2012"); "during this period (of X)" takes the most recent
      preceding window/range the article defined; a "since" clause that dates itself ("since police began
      checks in October") runs from that date, which it also keeps as `point` (the clause's own date
      stays a separate expression too: the clause's happening takes it, the main clause the range);
    - occasions: "on the eve of the party congress" is the day before the date the article gives the
      congress; "ahead of / in the run-up to the congress" is the time up to that day;
    - a quarter without a year in a list under a year ("2023:" then "First quarter: 34") is in it;
    - "during the year", "that year", "later that year", "in the same year" take the most recent year
      named before them ("in 2023", "last year's figures");
    - with no publication date, or one inferred from the text, a month-day, month or window without a
      year ("On the night of June 14", "on 9 March", "were held between October and December") takes the
      nearest explicit year stated before it in the article ("In mid-2015", "2015-06-14"); habitual
      windows stay recurring and no year is ever invented.

    Unresolvable references keep precision none; "previous-event" ones always do (see `shift`).
    """
    ctx = _Ctx(reference, reference_inferred and reference is not None)
    found = _listed_quarters(_compose(_scan(text, ctx), text, ctx), text)
    if reference is None or reference_inferred:
        found = _carry_years(found, text)
    exprs = [_expr(f, text, ctx) for f in found]
    out: list[TimeExpr] = []
    for e in exprs:
        if e.refers_to == "year":
            e = _resolve_year(e, out)
        elif e.refers_to and e.refers_to != _PREVIOUS_EVENT and e.interval.precision == "none":
            if re.match(r"(?:period|window|phase)\b", e.refers_to):
                e = _resolve_period(e, text, out)
            elif _OCCASION_LEADS.match(e.refers_to):
                e = _resolve_occasion(e, text, exprs)
            else:
                e = _resolve_clause(e, text, exprs, ctx)
        out.append(e)
    return out


_EXPLICIT_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")
_NAMES_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)|\byears?\b", re.IGNORECASE)


_SENTENCE_STOP = re.compile(r"[.!?]\s")


def _listed_quarters(found: list[_Found], text: str) -> list[_Found]:
    """A quarter without a year in a list under a year ("Arrivals, 2023:" then "First quarter: 34" line by
    line) is in that year: the latest explicit year before it with no sentence end in between."""
    out: list[_Found] = []
    last: _Found | None = None
    for f in found:
        listed = f.rule == "quarter" and f.hit.reanchor and f.hit.year is None and last is not None
        if listed and f.start - last.end < 400 and not _SENTENCE_STOP.search(text, last.end, f.start):
            f = replace(f, hit=_reanchored(f.hit, last.hit.year, f, last, text))
        if f.rule != "quarter" and f.hit.year and _EXPLICIT_YEAR.search(text, f.start, f.end):
            last = f
        out.append(f)
    return out


def _carry_years(found: list[_Found], text: str) -> list[_Found]:
    """Month-days and windows without a year take the nearest explicit year stated before them."""
    out: list[_Found] = []
    last: _Found | None = None
    for f in found:
        hit = f.hit
        open_year = hit.reanchor and hit.year is None and not hit.habitual and not f.since and f.role is None
        if open_year and last is not None and _role(f, text) == "event":
            hit = _reanchored(hit, last.hit.year, f, last, text)
        f = replace(f, hit=hit)
        if f.hit.year and not f.since and _EXPLICIT_YEAR.search(text, f.start, f.end):
            last = f
        out.append(f)
    return out


def _resolve_year(e: TimeExpr, earlier: list[TimeExpr]) -> TimeExpr:
    """ "during the year": the year of the latest expression before it that names one ("the following
    year": the one after it)."""
    for other in reversed(earlier):
        iv = other.interval
        if (
            other.role != "event"
            or not iv.is_dated
            or not iv.start
            or not iv.end
            or iv.start.year != iv.end.year
        ):
            continue
        if _NAMES_YEAR.search(other.text):
            year = iv.start.year + e.offset_months // 12
            return replace(e, interval=_year(year, f"{other.text} ... {e.text}"))
    return e


def shift(expr: TimeExpr, anchor: Interval) -> Interval:
    """The interval of a time counted from another happening ("the following morning", "two days later",
    "the same day", "at the same trial": `refers_to == "previous-event"`).

    Parameters
    ----------
    expr : TimeExpr
        The expression; any other kind is returned as its own interval.
    anchor : Interval
        The interval of the happening it follows (the event the text tells just before, or the one
        it names). Undated or recurring anchors give precision none.

    Returns
    -------
    Interval
        The anchor moved by `expr.offset_months` then `expr.offset_days`: a day stays a day ("two days
        later" than 9 March is 11 March), a month or year moved by whole months or years keeps its
        precision, anything else becomes a `range` (a week or late December moved by a day); an offset
        of zero ("the same day") is the anchor itself. The text says where it came from.

    Examples
    --------
    >>> e, = tag("Police arrested them two days later.", None)
    >>> shift(e, Interval(date(2018, 3, 9), date(2018, 3, 9), "day", "on 9 March")).start
    datetime.date(2018, 3, 11)
    """
    if expr.refers_to != _PREVIOUS_EVENT:
        return expr.interval
    if not anchor.is_dated or anchor.start is None or anchor.end is None:
        return _none(expr.text)
    text = f"{anchor.text} ... {expr.text}" if anchor.text else expr.text
    days, months = expr.offset_days, expr.offset_months
    if expr.unit and _fits_in(anchor, expr.unit):
        y, m = _shift_month(anchor.start.year, anchor.start.month, months)
        moved = date(y, m, min(anchor.start.day, _last_day(y, m).day)) + timedelta(days=days)
        if expr.unit == "week":
            return _iso_week(moved, text)
        return _month(moved.year, moved.month, text)
    if not (days or months):
        return anchor.with_text(text)

    def move(d: date, last: bool) -> date:
        y, m = _shift_month(d.year, d.month, months)
        day = (
            _last_day(y, m).day
            if last and d == _last_day(d.year, d.month)
            else min(d.day, _last_day(y, m).day)
        )
        return date(y, m, day) + timedelta(days=days)

    start, end = move(anchor.start, False), move(anchor.end, True)
    whole_months = not days and anchor.precision in ("month", "year")
    if anchor.precision == "day" or (anchor.precision == "year" and whole_months and months % 12 == 0):
        precision = anchor.precision
    elif whole_months:
        precision = "month" if anchor.precision == "month" else "range"
    else:
        precision = "range"
    return Interval(start, end, precision, text)


def _fits_in(anchor: Interval, unit: str) -> bool:
    """Is the anchor no wider than one calendar week / month (so "that week" of it is one week)?"""
    start, end = anchor.start, anchor.end
    if start is None or end is None:
        return False
    if unit == "week":
        return start.isocalendar()[:2] == end.isocalendar()[:2]
    return (start.year, start.month) == (end.year, end.month)


def most_specific(exprs: list[TimeExpr]) -> TimeExpr | None:
    """The expression that dates a statement best: event dates over report dates, dated over
    recurring over none, and the narrowest dated span (a day over the year it falls in)."""

    def key(e: TimeExpr) -> tuple[int, int, int]:
        iv = e.interval
        rank = 0 if iv.is_dated else 1 if iv.precision == "recurring" else 2
        width = (iv.end - iv.start).days if iv.start and iv.end else 10**6
        return (e.role != "event", rank, width)

    return min(exprs, key=key, default=None)


def infer_published(text: str) -> date | None:
    """Publication date inferred from the text when no header/metadata gives one (e.g. latest explicit
    full date, or a month-day named with 'this year' plus a named year...). Conservative: None when unsure.

    The latest fully dated day wins. Failing that, a report that names finished years (the latest Y)
    and speaks of "this year" with dates early in the year is taken to be from Y+1 (annual figures
    come out in January), dated by its latest month-day; anything else is None.
    """
    ctx = _Ctx(None, True)
    found = _scan(text, ctx)
    full = [f.hit.interval.end for f in found if f.hit.interval.precision == "day" and f.hit.year]
    if full:
        return max(full)
    month_days = [f for f in found if f.rule in ("mdy", "dmy") and f.hit.reanchor and f.hit.year is None]
    years = [f.hit.year for f in found if f.rule in ("year", "month_year", "year_range") and f.hit.year]
    this_year = re.search(r"\bthis\s+year\b", text, re.IGNORECASE)
    if not (month_days and years and this_year):
        return None
    year = max(years) + 1
    dates = [f.hit.reanchor(year) for f in month_days]
    dated = [d.end for d in dates if d and d.end]
    if not dated or any(d.month > 3 for d in dated):
        return None
    return max(dated)
