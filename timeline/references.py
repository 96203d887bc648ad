"""What only the whole article tells: expressions that point elsewhere in it.

"since X came to power" takes the date the article gives that clause; "during this period" the latest
window defined before; "on the eve of the congress" the day before the congress's date; "during the
year" the latest year named; a quarter listed under a year is in it; with no given publication date, a
month-day without a year takes the nearest explicit year before it. It exists apart from sentence-level
tagging because these readings need every expression of the article first.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from timeline.clauses import _reanchored, _role
from timeline.reckoning import _range, _year
from timeline.resolution import _before, _Ctx
from timeline.scanning import _Found

if TYPE_CHECKING:
    from timeline.temporal import TimeExpr

_STOP = frozenset({"the", "this", "that", "of", "a", "an", "during", "in", "over", "same"})


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
