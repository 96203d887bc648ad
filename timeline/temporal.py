"""Time expressions in news text, found with exact spans and resolved to `Interval`s.

A tagger of our own finds the expressions (grammar and word lists in `timeline/data/temporal.toml`;
rules are tried only at words that can start them, near words every expression contains) and
decides what they mean against the reference (publication) date, following DESIGN.md's "What
statements mean". `dateparser` is used only on candidate spans it parses well (numeric dates, dates
in other languages), lazily and cached: it is far slower than the tagger and turns counts into
dates ("January, 30-40" as 1940-01-30) when left to search.

This module is the tagger's public face: `TimeExpr`, `tag`, `tag_article`, `shift`, `most_specific`
and `infer_published`, and the order in which the parts run. The parts live in modules of their own,
lowest first: `grammar` (the data file compiled, trigger index), `reckoning` (building intervals),
`tense` (past or present practice), `resolution` (what each rule's match means), `scanning` (finding
matches), `clauses` (how expressions in one clause change each other) and `references` (what needs
the whole article: "since X came to power", "during this period", carried-over years).

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

import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.clauses import _compose, _role
from timeline.grammar import _SINCE_BEFORE
from timeline.intervals import Interval
from timeline.reckoning import _iso_week, _last_day, _month, _none, _range, _shift_month
from timeline.references import (
    _OCCASION_LEADS,
    _carry_years,
    _listed_quarters,
    _resolve_clause,
    _resolve_occasion,
    _resolve_period,
    _resolve_year,
)
from timeline.resolution import _PREVIOUS_EVENT, _Ctx
from timeline.scanning import _Found, _scan


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
