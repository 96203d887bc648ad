"""Clause-level meaning: how expressions found in one clause or sentence change each other.

A month-day takes the year of an anchor in its clause, a month in a habitual clause becomes a recurring
window, a window told in the past about one happening is dated, "on the 15th" takes the month named
before it, a time after "before"/"by" in an order is a deadline, and report dates ("told reporters on
Tuesday") are told apart from event dates. It exists because none of this can be read from one match.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from timeline.grammar import _grammar
from timeline.reckoning import _day, _recurring, _safe
from timeline.resolution import _Ctx, _Hit
from timeline.scanning import _Found
from timeline.tense import _is_past, _sentence_span, _sentence_starts


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


def _role(f: _Found, text: str) -> str:
    if f.hit.interval.precision not in ("day", "none") or f.rule in ("vague", "period_ref", "since_clause"):
        return "event"
    before = text[max(0, f.start - 60) : f.start]
    before = _QUOTE_OR_STOP.split(before)[-1]
    g = _grammar()
    if g.report_before.search(before) or g.report_after.match(text, f.end):
        return "report"
    return "event"
