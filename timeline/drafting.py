"""Drafting: turning one sentence's triggers into draft events with their own date, count and places.

Items of a list with their own numbers or dates become one draft each, two types in one sentence
one draft each, and two happenings of the same people share a date only at one moment.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from timeline.counts import QUALIFIERS, Count, find_amounts, find_counts, parse_number
from timeline.figures import _dates, _figure_draft, _figures, _times_left
from timeline.intervals import Interval
from timeline.lexicon import Lexicon
from timeline.temporal import TimeExpr
from timeline.triggers import _refers_to_clause, _states_happening, _triggers
from timeline.views import (
    _DIGITS_RE,
    _SINCE,
    PREVIOUS_EVENT,
    _clause_of,
    _Draft,
    _shift_amount,
    _shift_count,
    _Trigger,
    _trimmed,
    _View,
)

if TYPE_CHECKING:
    from geodata.match import PlaceMention


# Precisions that name a window in which a rise happens ("every winter", "in January").
WINDOWS = frozenset({"recurring", "season", "day", "week", "month"})


def _sentence_drafts(view: _View, text: str, lex: Lexicon) -> list[_Draft]:
    """The events one sentence states, with what the sentence itself says of them."""
    if not lex.any_trigger.search(view.sentence.text):
        return []
    every = _triggers(view, text, lex)
    triggers = [t for t in every if _states_happening(t, view, text, lex)]
    if not triggers:
        return []
    drafts = [_draft(t, view, text, lex) for t in triggers]
    found = [_shift_count(c, view.sentence.start) for c in find_counts(view.sentence.text, lex)]
    found = [
        c
        for c in found
        if not _object_of_other_verb(c, every, view, text)
        and not _SPECTATORS.match(text, c.end)
        and not any(t.start <= c.start < t.end and not _refers_to_clause(t) for t in view.times)
    ]
    _assign(view, drafts, found, text, lex)
    drafts = [d for d in drafts if _keeps(d, view, text, lex)]
    if not drafts:
        return []
    for d in drafts:  # what a dropped trigger held goes to the nearest one that stays
        d.own, d.destinations = [], []
    _assign(view, drafts, found, text, lex)
    drafts = _group_same_type(drafts, view, text)
    _share_within_sentence(drafts, view, text)
    drafts = _split_figures(drafts, view, text, lex)
    _apply_lead_time(drafts, view, text)
    return drafts


# "hundreds of villagers were made to attend the trial": an audience, not the people it happened to
_SPECTATORS = re.compile(
    r"\s+(?:(?:were|was|had been|have been)\s+)?(?:\w+\s+)?(?:(?:mobili[sz]ed|forced|made|gathered|summoned|"
    r"assembled|brought|ordered|called)\s+to\s+(?:watch|attend|witness|see|observe)|watched|witnessed|attended|looked on)\b",
    re.I,
)
_PAST_VERB = re.compile(
    r"\b(?:[a-z]{3,}ed|shot|hit|beat|struck|hurt|met|found|saw|told|took|gave|left|led)\s+"
    r"(?:(?:about|some|at least|more than|nearly)\s+)?$"
)


def _object_of_other_verb(c: Count, triggers: list[_Trigger], view: _View, text: str) -> bool:
    """ "crossed the river and killed four villagers": the people of a later verb, not of the event."""
    a, _ = _clause_of(view, c.start)
    verb = _PAST_VERB.search(text, max(a, c.start - 40), c.start)
    if verb is None or any(t.start <= verb.start() < t.end for t in triggers):
        return False
    return any(t.end <= verb.start() for t in triggers)  # not "recorded 196 defectors who arrived"


def _stood_at(view: _View, d: _Draft, text: str) -> Count | None:
    a, b = _clause_of(view, d.trigger[0])
    m = _STOOD_AT.search(text, d.trigger[1], b)
    if m is None:
        return None
    qualifier = QUALIFIERS.get((m.group("qual") or "").lower())
    return Count(
        m.start("num"), m.end("num"), m.group("num"), parse_number(m.group("num")), qualifier=qualifier
    )


def _bare_subject(view: _View, d: _Draft, text: str) -> Count | None:
    """ "Of those, 37 were handed over": a bare number as the subject of a passive trigger counts people."""
    m = _BARE_SUBJECT.search(text, max(view.body_start, d.trigger[0] - 40), d.trigger[0])
    if m is None:
        return None
    qualifier = QUALIFIERS.get((m.group("qual") or "").lower())
    return Count(
        m.start("num"), m.end("num"), m.group("num"), parse_number(m.group("num")), qualifier=qualifier
    )


_BARE_SUBJECT = re.compile(
    rf"(?:^|[,;:]\s+|\b(?:and|but|while)\s+)(?:(?P<qual>about|around|some|nearly|more than|over|at least)\s+)?"
    rf"(?P<num>{_DIGITS_RE})\s+(?:were|had been|have been|are being|was)\s+(?:\w+\s+)?$",
    re.I | re.M,
)


def _apply_lead_time(drafts: list[_Draft], view: _View, text: str) -> None:
    """ "Every winter, police run checks ... and more people are arrested": a time that opens the
    sentence holds for all of it."""
    first = min(d.trigger[0] for d in drafts)
    lead = next(
        (t for t in view.times if t.end <= first and re.match(r"\s*,", text[t.end : t.end + 3])), None
    )
    if lead is None or text[view.body_start : lead.start].strip(" “\"'‘"):
        return
    for d in drafts:
        if d.time is None and d.kind != "item":
            d.time = lead


_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|their|his|her|its)\s+(?:[\w-]+\s+)?$", re.I)
_THOSE = re.compile(r"\b(?:those|the ones|the people|the (?:\w+ )?(?:defectors|women|men))\s+$", re.I)
_NUMBER_OF = re.compile(r"\b(?:number|numbers|rate|share) of (?:[\w’'-]+ ){0,8}$", re.I)


def _draft(t: _Trigger, view: _View, text: str, lex: Lexicon) -> _Draft:
    statistic = t.kind == "statistic" or bool(_NUMBER_OF.search(text[max(0, t.start - 50) : t.start]))
    kind = "measure" if t.type.measure else ("trend" if statistic else "happening")
    before = text[max(0, t.start - 25) : t.start]
    participle = text[t.start : t.end].endswith("ed")
    introduces = re.match(r"\s+of\b", text[t.end : t.end + 4])  # "the arrest of a pastor": someone new
    definite = (
        bool(_THOSE.search(before)) if participle else bool(_DEFINITE.search(before)) and not introduces
    )
    span = (view.body_start, view.sentence.end)
    distinct = bool(lex.cue("distinct").search(text[slice(*_clause_of(view, t.start))]))
    return _Draft(
        t.type, view.index, (t.start, t.end), span, t.rule, kind, definite=definite, distinct=distinct
    )


def _gap(span: tuple[int, int], start: int, end: int) -> int:
    return max(span[0] - end, start - span[1], 0)


def _assign(view: _View, drafts: list[_Draft], found: list[Count], text: str, lex: Lexicon) -> None:
    """Each count goes to the nearest trigger; each time and place to the trigger whose phrase it
    follows in the same clause ("who crossed the Yalu in November were sent back last week"),
    else to the nearest one."""

    def nearest(start: int, end: int) -> _Draft:
        clause = _clause_of(view, start)
        return min(
            drafts,
            key=lambda d: (
                _clause_of(view, d.trigger[0]) != clause,
                _gap(d.trigger, start, end),
                d.trigger[0] < start,
            ),
        )

    def governing(start: int, end: int) -> _Draft:
        within = [d for d in drafts if d.trigger[0] <= start < d.trigger[1]]
        if within:  # "the border was sealed": the name is part of the trigger's own words
            return within[0]
        clause = _clause_of(view, start)
        before = [d for d in drafts if d.trigger[1] <= start and _clause_of(view, d.trigger[0]) == clause]
        return max(before, key=lambda d: d.trigger[1]) if before else nearest(start, end)

    times: dict[int, list[TimeExpr]] = {}
    lead = min(d.trigger[0] for d in drafts)
    for t in view.times:
        head = view.sentence.text[view.body_start - view.sentence.start : t.start - view.sentence.start]
        opens = t.start < lead and len(head.split()) <= 2
        if not opens and not any(_clause_of(view, d.trigger[0]) == _clause_of(view, t.start) for d in drafts):
            continue  # "the route, used in the mid-2000s, became less popular as China stepped up patrols"
        times.setdefault(id(governing(t.start, t.end)), []).append(t)
    counts: dict[int, list[Count]] = {}
    body, offset = view.sentence.text, view.sentence.start
    for c in found:
        counts.setdefault(id(nearest(c.start, c.end)), []).append(c)
    for m in view.places:
        if _dates_only(m, view, drafts, text, lex):
            continue
        d = governing(m.start, m.end)
        d.own.append(m)
        if id(m) in view.destinations:
            d.destinations.append(m)
    for d in drafts:
        d.time = _best_time(_outside_since(times.get(id(d), []), d, text), d)
        d.count = _best_count(counts.get(id(d), []), d)
        if d.count is None and d.etype.series:
            d.count = _stood_at(view, d, text)
        if d.count is None:
            d.count = _bare_subject(view, d, text)
        if d.etype.amount:
            amounts = [_shift_amount(a, offset) for a in find_amounts(body, lex)]
            d.amount = min(amounts, key=lambda a: _gap(d.trigger, a.start, a.end), default=None)


_TIME_CONJUNCTION = re.compile(r"[\s,;:—–-]*(?:\w+\s+)?(?:after|before|since|until)\b", re.I)


def _dates_only(m: PlaceMention, view: _View, drafts: list[_Draft], text: str, lex: Lexicon) -> bool:
    """A place in a phrase that only dates the happening ("shortly after the North reopened its border
    with China, ...") or in a main clause that a time clause ties the happening to ("Arrivals in
    South Korea fell after the border was sealed"): not where the happening was."""
    s, e = view.body_start, view.sentence.end
    cut = max(text.rfind(c, s, m.start) for c in ",;:")
    end = min((i for i in (text.find(c, m.end, e) for c in ",;") if i >= 0), default=e)
    phrase = (max(cut, s), end)
    if _TIME_CONJUNCTION.match(text, *phrase) and not any(
        phrase[0] <= d.trigger[0] < phrase[1] for d in drafts
    ):
        return True
    clause = _clause_of(view, m.start)
    if any(clause[0] <= d.trigger[0] < clause[1] for d in drafts) or not lex.cue("trend").search(
        text, *clause
    ):
        return False
    return all(_TIME_CONJUNCTION.match(text, *_clause_of(view, d.trigger[0])) for d in drafts)


def _outside_since(found: list[TimeExpr], d: _Draft, text: str) -> list[TimeExpr]:
    """ "Since the crossing opened again in May 2019, monitors have counted ...": May dates the
    opening, not the main clause, which takes the span since then."""
    return [
        x
        for x in found
        if not any(
            _refers_to_clause(t)
            and t.end <= x.start
            and not re.search(r"[,;:]", text[t.end : x.start])
            and not t.start <= d.trigger[0] < x.end
            for t in found
        )
    ]


def _best_time(found: list[TimeExpr], d: _Draft) -> TimeExpr | None:
    """The narrowest of nested expressions ("this year ... on January 1"), else the nearest; a
    window of the whole year ("each year") only when nothing says more."""
    if not found:
        return None
    found = [t for t in found if not _all_year(t.interval)] or found
    nested = [t for t in found if any(o is not t and _within(t.interval, o.interval) for o in found)]
    if nested:
        return min(nested, key=_width)
    return min(found, key=lambda t: _gap(d.trigger, t.start, t.end))


def _all_year(iv: Interval) -> bool:
    return iv.precision == "recurring" and (iv.from_month, iv.to_month) == (1, 12)


def _within(inner: Interval, outer: Interval) -> bool:
    if None in (inner.start, inner.end, outer.start, outer.end):
        return False
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (inner.start, inner.end) != (outer.start, outer.end)
    )


def _width(t: TimeExpr) -> int:
    iv = t.interval
    return (iv.end - iv.start).days if iv.start and iv.end else 10**6


def _best_count(found: list[Count], d: _Draft) -> Count | None:
    """A stated total wins over its parts; a number wins over a group of unknown size and over one
    person named by a singular noun."""
    if not found:
        return None
    return min(found, key=lambda c: (not c.total, not c.known, c.single, _gap(d.trigger, c.start, c.end)))


def _keeps(d: _Draft, view: _View, text: str, lex: Lexicon) -> bool:
    """A rise or fall in numbers is a trend unless it names a window; a rise in a measure is not."""
    etype = d.etype
    clause = text[slice(*_clause_of(view, d.trigger[0]))]
    trending = d.kind == "trend" or (etype.trend and bool(lex.cue("trend").search(clause)))
    if not trending:
        return True
    d.kind = "trend"
    if not lex.cue("trend").search(clause):  # "crossings at Hunchun": a number of happenings, no rise
        return d.time is not None and (
            d.time.interval.precision in ("recurring", "season")
            or d.time.habitual
            or _stated_figure(d, clause)
        )
    if d.time is not None and (d.time.interval.precision in WINDOWS or d.time.habitual):
        return True
    if etype.series and _figures(view, lex):  # "rose to 196 in 2023 from 67 in 2022": figures by year
        return True
    return bool(d.count and d.count.known and d.time is not None and d.time.interval.precision == "year")


def _stated_figure(d: _Draft, clause: str) -> bool:
    """ "The number of escapees who reached the South in 2015 stood at 1,275": a figure for a dated period (not
    a running total "since the 1990s", not a cumulative one)."""
    t = d.time
    return (
        d.etype.series
        and d.count is not None
        and d.count.known
        and t is not None
        and t.interval.is_dated
        and not _SINCE.match(t.text)
        and not _RUNNING_TOTAL.search(clause)
    )


_RUNNING_TOTAL = re.compile(r"\b(?:cumulative|in total|so far|to date|all-time|since)\b", re.I)
# "stood at 1,275", "totalled 880": the number a statistic's sentence gives, with no noun of its own
_STOOD_AT = re.compile(
    rf"\b(?:stood|stands|stand|totall?ed|totals|amounted|came|numbered|reached|was|were)\s+(?:at\s+|to\s+)?"
    rf"(?:(?P<qual>about|around|some|nearly|more than|over|at least|just)\s+)?(?P<num>{_DIGITS_RE})(?![\w%-]|[.,]\d)",
    re.I,
)


def _group_same_type(drafts: list[_Draft], view: _View, text: str) -> list[_Draft]:
    """Triggers of one type in one sentence are one happening unless each has its own number or
    date (a list): then each is an event quoted by its own clause."""
    out: list[_Draft] = []
    for d in drafts:
        same = next((o for o in out if o.type == d.type), None)
        if same is None or _distinct(same, d):
            out.append(d)
        else:
            _absorb(same, d)
    by_type: dict[str, list[_Draft]] = {}
    for d in out:
        by_type.setdefault(d.type, []).append(d)
    for group in by_type.values():
        if len(group) > 1:
            for d in group:
                d.quote = _clause_quote(d, view, text)
    return out


def _distinct(a: _Draft, b: _Draft) -> bool:
    def key_time(d: _Draft) -> tuple | None:
        return (d.time.interval.start, d.time.interval.end, d.time.interval.precision) if d.time else None

    counts = a.count and b.count and a.count.known and b.count.known and a.count != b.count
    times = key_time(a) and key_time(b) and key_time(a) != key_time(b)
    if times and (_within(a.time.interval, b.time.interval) or _within(b.time.interval, a.time.interval)):
        times = False  # "this year the campaign began ...: a team arrived earlier this month": one campaign
    return bool(counts or times)


def _absorb(into: _Draft, other: _Draft) -> None:
    if into.time and other.time and _within(other.time.interval, into.time.interval):
        into.time = other.time  # the narrower statement of one happening's time
    into.time = into.time or other.time
    into.count = into.count if into.count and into.count.known else (other.count or into.count)
    into.amount = into.amount or other.amount
    into.own += [m for m in other.own if m not in into.own]
    into.destinations += [m for m in other.destinations if m not in into.destinations]
    if into.kind == "trend" and other.kind != "trend":
        into.kind = other.kind


def _clause_quote(d: _Draft, view: _View, text: str) -> tuple[int, int]:
    a, b = _clause_of(view, d.trigger[0])
    for span in [(x.start, x.end) for x in ([d.time] if d.time else []) + ([d.count] if d.count else [])]:
        a, b = min(a, span[0]), max(b, span[1])
    return _trimmed(text, a, b)


def _split_figures(drafts: list[_Draft], view: _View, text: str, lex: Lexicon) -> list[_Draft]:
    """'1,047 reached the South in 2019, 229 in 2020 and 63 in 2021' under a series type: one event
    a year, each quoted by its own figure; any happening with a number of people compared with the
    figure of another year ("caught 40 this year, compared with 100 in 2012") is one more event."""
    out: list[_Draft] = []
    for d in drafts:
        if d.etype.series:
            figures = _figures(view, lex)
        elif d.kind == "happening" and d.count and d.count.known:
            every = _figures(view, lex)
            listed = len(every) >= 2 and any(f.start <= d.count.start < f.end for f in every)
            # "detained 41 in the first quarter, 37 in the second ...", "..., compared with 100 in 2012"
            figures = [f for f in every if listed or _COMPARED.search(text, max(0, f.start - 30), f.start)]
        else:
            figures = []
        own = d.count is not None and any(f.start <= d.count.start < f.end for f in figures)
        if not own:
            out.append(d)
            if d.time is not None and any(_dates(d.time, f) for f in figures):
                d.time = _best_time(_times_left(view, d, figures), d)  # "30 in May, up from 12 in April"
        for f in figures:
            item = _figure_draft(d.etype, d.rule, view, f, d.own + d.linked)
            if compared := _COMPARED.search(text, max(0, f.start - 30), f.start):
                qualifier = QUALIFIERS.get((compared.group("qual") or "").lower())
                item.quote = (compared.start(), item.quote[1])
                item.count = replace(f.count, qualifier=qualifier or f.count.qualifier)
            out.append(item)
    return out


_COMPARED = re.compile(
    r"\b(?:compared (?:with|to)|compares? (?:with|to)|against|(?:up|down) from|from)\s+"
    r"(?:(?P<qual>about|around|some|nearly|almost|roughly|approximately|more than|over|at least|up to|as many as)\s+)?$",
    re.I,
)


def _share_within_sentence(drafts: list[_Draft], view: _View, text: str) -> None:
    """An arrest made during a crossing and the crossing share date, count and places (an arrest
    never takes the destination); a repatriation takes the place of the arrest before it; other
    happenings of the same people share a date only within one clause ("was arrested in 2017; he was
    later sentenced ..." keeps them apart) and take the others' places only when they name none; figures and trends keep what is next to them."""
    people = [d for d in drafts if d.kind == "happening" and d.etype.group]
    if len(people) < 2:
        return
    for d in people:
        for o in people:
            if o is d or d.definite:
                continue
            if _weaker(d.count, o.count):
                d.count = o.count  # the same people, whenever each part happened
            if o.type in d.etype.follows:  # "caught ... and sent back": it starts where they were caught
                d.linked += [m for m in o.own + o.linked if m not in d.own + d.linked and _may_take(d, o, m)]
            if not _same_time(d, o):
                continue
            tense = _earlier(d, text) == _earlier(o, text)
            # "caught while trying to cross": one moment, one place
            moment = tense and ((d.etype.attempt and o.etype.during) or (o.etype.attempt and d.etype.during))
            one_clause = _clause_of(view, d.trigger[0]) == _clause_of(view, o.trigger[0])
            if moment or (one_clause and tense):
                d.time = d.time or o.time
            if not (moment or not d.own):
                continue
            d.linked += [m for m in o.own if m not in d.own and m not in d.linked and _may_take(d, o, m)]


def _earlier(d: _Draft, text: str) -> bool:
    """ "who had been sent back", "the soldier who defected ... was jailed": the past perfect or a
    relative clause on the people tells a happening before the one in the main verb."""
    return bool(_PERFECT.search(text, max(0, d.trigger[0] - 25), d.trigger[0]))


_PERFECT = re.compile(r"\b(?:(?:had|'d)\s+(?:been\s+)?|who\s+)(?:\w+\s+)?$", re.I)


def _weaker(mine: Count | None, other: Count | None) -> bool:
    """Another statement's count says more: a number against none, an unknown size or one person."""
    if other is None:
        return False
    if mine is None or not mine.known:
        return True
    return mine.single and other.known and not other.single


def _may_take(d: _Draft, o: _Draft, m: PlaceMention) -> bool:
    return not (d.etype.stays and m in o.destinations)


def _same_time(a: _Draft, b: _Draft) -> bool:
    if a.time is None or b.time is None or _unresolved(a.time) or _unresolved(b.time):
        return True  # "caught within hours": counted from the other, not yet dated
    return (a.time.interval.start, a.time.interval.end) == (b.time.interval.start, b.time.interval.end)


def _unresolved(t: TimeExpr) -> bool:
    return t.refers_to == PREVIOUS_EVENT and not t.interval.is_dated
