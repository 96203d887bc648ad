"""Figures: yearly and quarterly statistics, table rows and series continuations as events.

Statistics are written differently from happenings (a label and a number per year or quarter),
so they have rules of their own instead of bending the trigger rules to fit them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from timeline.counts import NUMBER, QUALIFIERS, Count, YearlyFigure, find_yearly_figures, parse_number
from timeline.lexicon import EventType, Lexicon
from timeline.temporal import TimeExpr
from timeline.views import _DIGITS_RE, _LABEL_ROW, _clause_of, _Draft, _in_time, _shift_count, _View

if TYPE_CHECKING:
    from geodata.match import PlaceMention


def _dates(t: TimeExpr, f: YearlyFigure) -> bool:
    return t.start <= f.year_start < t.end


def _times_left(view: _View, d: _Draft, figures: list[YearlyFigure]) -> list[TimeExpr]:
    """The times of a happening's own clause, or that open the sentence, which no figure took."""
    clause = _clause_of(view, d.trigger[0])
    return [
        t
        for t in view.times
        if not any(_dates(t, f) for f in figures)
        and (t.start < d.trigger[0] or _clause_of(view, t.start) == clause)
    ]


# "310 last year", "25 the winter before", "18 in the first two months": a number right before a time
_TIMED = re.compile(
    rf"(?<![\w$.,])(?P<num>{NUMBER})(?:\s+(?P<noun>[a-z-]+))?\s+(?:(?:in|during|over)\s+)?$", re.I
)


def _figures(view: _View, lex: Lexicon) -> list[YearlyFigure]:
    """Figures by year or quarter ("1,514 in 2013"), and a number set against any other time
    ("climbing back to 310 last year", "against some 25 the winter before")."""
    offset = view.sentence.start
    found = [
        replace(f, start=f.start + offset, end=f.end + offset, count=_shift_count(f.count, offset))
        for f in find_yearly_figures(view.sentence.text, lex)
    ]
    for t in view.times:
        if t.interval.start is None or any(f.start <= t.start < f.end for f in found):
            continue
        m = _TIMED.search(view.sentence.text, max(0, t.start - offset - 40), t.start - offset)
        noun = m and m.group("noun")
        if m is None or (noun and not lex.people.fullmatch(noun)) or _in_time(view, m.start() + offset):
            continue
        value = parse_number(m.group("num"))
        if value is None or 1900 <= value <= 2100:
            continue
        count = Count(m.start() + offset, m.end("num") + offset, m.group().strip(), value)
        found.append(YearlyFigure(count.start, t.end, count, t.interval.start.year, t.start))
    return sorted(found, key=lambda f: f.start)


def _figure_draft(
    etype: EventType, rule: str, view: _View, figure: YearlyFigure, places: list[PlaceMention]
) -> _Draft:
    time = next((t for t in view.times if t.start <= figure.year_start < t.end), None)
    span = (figure.start, figure.end)
    d = _Draft(etype, view.index, span, span, f"{rule}:figure", "item")
    d.count = figure.count
    d.time = time
    d.year = None if time else figure.year
    d.quarter = None if time else figure.quarter
    d.linked = list(places)
    return d


def _series_continuations(views: list[_View], drafts: list[_Draft], text: str, lex: Lexicon) -> list[_Draft]:
    """A sentence of figures by year right after a series event ("The number fell from 2,706 in
    2011 to 1,502 in 2012") continues that series."""
    out: list[_Draft] = []
    by_sentence: dict[int, list[_Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence, []).append(d)
    last: _Draft | None = None
    gap = 0
    for view in views:
        if view.skipped:
            continue
        series = [d for d in by_sentence.get(view.index, []) if d.etype.series]
        if series:
            last, gap = series[-1], 0
            continue
        gap += 1
        figures = _figures(view, lex)
        if last is not None and gap <= 2 and figures:
            made = [_figure_draft(last.etype, last.rule, view, f, last.own or last.linked) for f in figures]
            for d in made:
                d.rule = f"{last.type}:series"
            out.extend(made)
            last, gap = made[-1], 0
    return out


_ROW = re.compile(rf"^(?P<label>[^:\n]{{1,60}}?)\s*[:–—-]\s*(?P<num>{_DIGITS_RE})\s*$")
_QUARTER_LABEL = re.compile(
    r"^(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b|^Q(?P<q>[1-4])\b", re.I
)
_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])")
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_HEAD_NOUN = re.compile(r"[a-z]{4,}", re.I)


def _table_rows(views: list[_View], lex: Lexicon) -> list[_Draft]:
    """Figures laid out as a table: a heading that ends in a colon ("Yearly arrivals in South Korea:",
    "By quarter, 2023:") and one "LABEL: NUMBER" line per year or quarter. Each row is one event of the
    type the heading states (or the previous table's, when the heading repeats its noun), in the
    heading's place, quoted by the row itself."""
    out: list[_Draft] = []
    previous: tuple[EventType, list[PlaceMention], set[str]] | None = None
    for i, view in enumerate(views):
        heading = view.sentence.text.rstrip()
        if not heading.endswith(":") or i + 1 >= len(views) or not _ROW.match(views[i + 1].sentence.text):
            continue
        nouns = {w.lower() for w in _HEAD_NOUN.findall(heading)}
        etype = _heading_type(heading, lex)
        places = list(view.places)
        if etype is None and previous is not None and nouns & previous[2]:
            etype, places = previous[0], places or previous[1]
        if etype is None:
            continue
        places = places or (previous[1] if previous and previous[0] is etype else [])
        previous = (etype, places, nouns)
        year = _YEAR.search(heading)
        for row in views[i + 1 :]:
            if row.sentence.paragraph != view.sentence.paragraph + (row.index - view.index):
                break
            m = _ROW.match(row.sentence.text)
            if m is None:
                break
            draft = _row_draft(etype, row, m, int(year.group()) if year else None, places)
            if draft is not None:
                out.append(draft)
    return out


def _list_years(views: list[_View], drafts: list[_Draft]) -> None:
    """Items of a list under a heading with a year ("Key findings for 2023:") happened in that year,
    unless the item gives its own time."""
    for d in drafts:
        view = views[d.sentence]
        if d.time is not None or d.year is not None or not _LABEL_ROW.match(view.sentence.text.strip()):
            continue
        if d.count is None:
            d.count = _label_count(view)
        for prev in reversed(views[: d.sentence]):
            head = prev.sentence.text.rstrip()
            if head.endswith(":"):
                year = _YEAR.search(head)
                d.year = int(year.group()) if year else None
                break
            if not _LABEL_ROW.match(prev.sentence.text.strip()):
                break


def _label_count(view: _View) -> Count | None:
    """ "Women sold into forced marriage: 41": the bare number after the label counts the people it names."""
    m = _LABEL_VALUE.search(view.sentence.text)
    if m is None:
        return None
    value = parse_number(m.group("num"))
    qualifier = QUALIFIERS.get((m.group("qual") or "").lower())
    start = view.sentence.start
    return Count(start + m.start("num"), start + m.end("num"), m.group("num"), value, qualifier=qualifier)


_LABEL_VALUE = re.compile(
    rf":\s+(?:(?P<qual>about|around|some|nearly|more than|over|at least|up to)\s+)?(?P<num>{_DIGITS_RE})"
    r"(?=\s*(?:[,;.)]|$|people\b|persons\b))",
    re.I,
)


def _heading_type(heading: str, lex: Lexicon) -> EventType | None:
    """The type whose words the heading uses; a type of yearly figures first."""
    found = [t for t in lex.types for p in (t.triggers, t.statistics) if p is not None and p.search(heading)]
    return min(found, key=lambda t: not t.series, default=None)


def _row_draft(
    etype: EventType, row: _View, m: re.Match[str], year: int | None, places: list[PlaceMention]
) -> _Draft | None:
    label = m.group("label").strip()
    quarter_m = _QUARTER_LABEL.match(label)
    own_year = _YEAR.search(label)
    quarter = None
    if quarter_m:
        quarter = (
            int(quarter_m.group("q")) if quarter_m.group("q") else _QUARTERS[quarter_m.group("ord").lower()]
        )
    elif not (own_year and own_year.group() == label.strip()):
        return None  # a row labelled by something other than its year or quarter
    value = parse_number(m.group("num"))
    when = int(own_year.group()) if own_year else year
    if value is None or when is None:
        return None
    span = (row.sentence.start, row.sentence.end)
    d = _Draft(etype, row.index, span, span, f"{etype.name}:table", "item")
    d.count = Count(
        row.sentence.start + m.start("num"), row.sentence.start + m.end("num"), m.group("num"), value
    )
    d.year, d.quarter = when, quarter
    d.linked = list(places)
    return d
