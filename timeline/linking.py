"""Linking: carrying dates, places and counts across sentences within one happening.

Facts pass only between statements of the same happening (a sentence that continues the people
of the one before, a time counted from the happening told before), and the same happening stated
twice is merged into one draft.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from timeline.articles import Article
from timeline.counts import NUMBER, Count, find_counts, parse_number
from timeline.drafting import _absorb, _may_take, _same_time, _weaker
from timeline.lexicon import Lexicon
from timeline.temporal import shift, tag
from timeline.triggers import _refers_to_clause
from timeline.views import _SINCE, PREVIOUS_EVENT, _clause_of, _Draft, _View

if TYPE_CHECKING:
    from geodata.match import PlaceMention


# "at the same trial", "at the same rally": names the happening it counts from (not "the same day")
_NAMES_A_THING = re.compile(
    r"\bsame\s+(?!(?:day|night|morning|afternoon|evening|week|month|year|time)\b)", re.I
)
_WHEN_AFTER = re.compile(r"\s*,\s*when\b", re.I)


def _since_when(drafts: list[_Draft], text: str, article: Article) -> None:
    """ "had lived there since last year, when a broker sold her": the happening of the "when" clause
    is at the time named after "since", not over the whole span since then."""
    for d in drafts:
        t = d.time
        if t is None or not _SINCE.match(t.text) or not _WHEN_AFTER.match(text, t.end):
            continue
        if d.trigger[0] < t.end:
            continue
        point = _SINCE.match(t.text)
        inner = tag(
            t.text[point.end() :],
            article.published,
            reference_inferred=article.published_source == "inferred",
        )
        if inner and inner[0].interval.is_dated:
            d.time = replace(t, interval=inner[0].interval, text=inner[0].text)


def _clause_times(views: list[_View], drafts: list[_Draft], text: str, article: Article) -> None:
    """ "fell sharply since the border was closed in January": the closing is dated by the time its
    own clause names (January), not by the span since then; with none named it stays undated."""
    for d in drafts:
        view = views[d.sentence]
        t = next((t for t in view.times if t.start <= d.trigger[0] < t.end), None)
        if t is None or not _refers_to_clause(t):
            continue
        clause = _clause_of(view, d.trigger[0])
        named = [
            x
            for x in view.times
            if x is not t and d.trigger[1] <= x.start < clause[1] and x.interval.is_dated and not x.refers_to
        ]
        if not named:  # the expression may hold the clause's own time ("since X was sealed in 2020")
            inferred = article.published_source == "inferred"
            inner = tag(text[d.trigger[1] : t.end], article.published, reference_inferred=inferred)
            named = [
                replace(t, interval=x.interval, text=x.text, refers_to=None)
                for x in inner
                if x.interval.is_dated
            ]
        d.time = named[0] if named else None


def _resolve_relative_times(drafts: list[_Draft], text: str) -> None:
    """ "the following morning", "two days later", "the same day" count from the happening the text
    told just before; "at the same trial" from the last one of its own kind; "had arrested ... the
    previous week" from the last one the story tells in the simple past (its present moment)."""
    ordered = sorted(drafts, key=lambda d: d.trigger[0])
    for d in ordered:
        if d.time is None or d.time.refers_to != PREVIOUS_EVENT:
            continue
        before = [
            o
            for o in ordered
            if o.trigger[0] < d.trigger[0] and o.time is not None and o.time.interval.is_dated
        ]
        if _NAMES_A_THING.search(d.time.text):
            before = [o for o in before if o.type == d.type] or before
        if _pluperfect(d, text):
            before = [o for o in before if not _pluperfect(o, text)] or before
        if before:
            anchor = before[-1]
            d.time = replace(d.time, interval=shift(d.time, anchor.time.interval))
            d.time_note = f"{d.time.text} ({anchor.time.text})"
            if not d.own and (d.time.offset_days, d.time.offset_months) == (0, 0):
                d.linked += [m for m in anchor.own + anchor.linked if _may_take(d, anchor, m)]
            same_people = not (d.count and d.count.known and anchor.count and d.count != anchor.count)
            moment = not _NAMES_A_THING.search(d.time.text)  # "the same night", not "at the same trial"
            if (
                anchor.type == d.type
                and moment
                and (d.time.offset_days, d.time.offset_months) == (0, 0)
                and same_people
            ):
                d.part_of = anchor  # "handed over the same night": part of that happening


def _pluperfect(d: _Draft, text: str) -> bool:
    return bool(_HAD.search(text, max(0, d.trigger[0] - 25), d.trigger[0]))


_HAD = re.compile(r"\b(?:had|'d)\s+(?:been\s+)?(?:\w+\s+)?$", re.I)


def _link_chains(views: list[_View], drafts: list[_Draft], lex: Lexicon) -> None:
    """A sentence that continues the people of the one before ("They tried to cross ...", "The
    family was arrested ...") is the same happening: each side fills what it lacks from the other."""
    by_sentence: dict[int, list[_Draft]] = {}
    for d in drafts:
        if d.kind == "happening" and d.etype.group:
            by_sentence.setdefault(d.sentence, []).append(d)
    readable = [v for v in views if not v.skipped]
    for prev, view in zip(readable, readable[1:], strict=False):
        if not view.anaphoric:
            continue
        first, second = by_sentence.get(prev.index, []), by_sentence.get(view.index, [])
        if not lex.any_trigger.search(view.sentence.text):  # "The detainees had been held in Jilin ..."
            journey = [d for d in first if d.etype.attempt] or first  # the route belongs to the crossing
            for d in journey:
                d.linked += [m for m in _route(view, lex) if m not in d.own and m not in d.linked]
            continue
        story = next((d.story for d in first if d.story is not None), prev.index)
        for d in first + second:
            d.story = story
        for d in first + second:
            others = second if d in first else first
            where = "next sentence" if d in first else "previous sentence"
            for o in sorted(others, key=lambda o: o.type != d.type):
                later = o if d in first else d
                if o.type == d.type and later.distinct:
                    continue  # "They also detained five more": another happening
                one = d.count is not None and d.count.single  # "She spent ...": one of the group, not all
                if _weaker(d.count, o.count) and (o.count.known or d.count is None) and not one:
                    d.count, d.count_note = o.count, f"{o.count.text} ({where})"  # the same people
                # an arrest made during a crossing is the same moment and place; a later trial is not
                if not (o.type == d.type or o.etype.attempt or d.etype.attempt) or not _same_time(d, o):
                    continue  # "... on 4 March. The broker was arrested two days later": another moment
                if d.time is None and o.time is not None:
                    d.time, d.time_note = o.time, f"{o.time.text} ({where})"
                d.linked += [
                    m for m in o.own + o.linked if m not in d.own and m not in d.linked and _may_take(d, o, m)
                ]


def _route(view: _View, lex: Lexicon) -> list[PlaceMention]:
    """The places of a sentence that tells what came before the happening ("They had travelled from
    Yanji to Erenhot", "had been held in Jilin"), not a later leg ("She then travelled to Kunming")
    nor a plan ("were about to leave for Shenyang")."""
    if not _HAD_DONE.search(view.sentence.text):
        return []
    hypothetical = lex.cue("hypothetical")
    return [
        m
        for m in view.places
        if not hypothetical.search(
            view.sentence.text,
            _clause_of(view, m.start)[0] - view.sentence.start,
            m.start - view.sentence.start,
        )
    ]


_HAD_DONE = re.compile(r"\b(?:had|'d)\s+(?:been\s+)?[a-z]+(?:ed|en|wn|ght|lt|ne)\b", re.I)


def _merge_restatements(drafts: list[_Draft], lede: int) -> list[_Draft]:
    """The same happening stated twice in one report is printed once, quoting its most detailed
    mention: a chain's repeated type, one seasonal pattern stated in several places, or the same
    figure for the same time."""
    out: list[_Draft] = []
    for d in drafts:
        whole = next((o for o in out if o is d.part_of), None)
        if whole is not None:  # its places are more of that happening's crossing points
            whole.linked += [m for m in d.own + d.linked if m not in whole.own and m not in whole.linked]
            continue
        if d.definite and d.time is None and not (d.count and d.count.known):
            earlier = next((o for o in reversed(out) if o.type == d.type), None)
            if earlier is not None:
                continue  # "Seoul protested the repatriation": a back-reference, not a new happening
        same = next((o for o in out if _same_happening(o, d) or _lede_and_detail(o, d, lede)), None)
        if same is None:
            out.append(d)
            continue
        keep, drop = (d, same) if d.info() > same.info() else (same, d)
        _absorb(keep, drop)
        keep.linked += [  # where the other mention says it happened, never only where they were heading
            m
            for m in drop.own + drop.linked
            if m not in keep.linked and m not in keep.own and _may_take(keep, drop, m)
        ]
        if keep is d:
            out[out.index(same)] = d
    return out


def _same_happening(a: _Draft, b: _Draft) -> bool:
    if a.type != b.type:
        return False
    if a.story is not None and a.story == b.story and _same_time(a, b) and not b.distinct:
        return not (
            a.count and b.count and a.count.known and b.count.known and _size(a.count) != _size(b.count)
        )
    if a.kind in ("trend", "measure") and b.kind in ("trend", "measure") and _same_window(a, b):
        return True
    return (
        a.count is not None
        and b.count is not None
        and a.count.known
        and (a.count.value, a.count.low, a.count.high) == (b.count.value, b.count.low, b.count.high)
        and a.time is not None
        and b.time is not None
        and (a.time.interval.start, a.time.interval.end) == (b.time.interval.start, b.time.interval.end)
        and a.time.interval.is_dated
    )


def _lede_and_detail(a: _Draft, b: _Draft, lede: int) -> bool:
    """A report opens with a summary ("Police have detained a group of migrants") and tells the same
    happening in detail in the next sentence: one happening, unless the second is another one."""
    return (
        a.sentence == lede
        and b.sentence == lede + 1
        and a.type == b.type
        and a.kind == b.kind == "happening"
        and a.time is None
        and not b.distinct
        and not (a.count and b.count and a.count.known and b.count.known and _size(a.count) != _size(b.count))
    )


def _size(c: Count) -> tuple[int | None, int | None, int | None]:
    return c.value, c.low, c.high


def _same_window(a: _Draft, b: _Draft) -> bool:
    """One seasonal pattern stated twice: measures with the same window, trends whose windows meet."""
    if a.time is None or b.time is None:
        return False
    ia, ib = a.time.interval, b.time.interval
    if ia.precision != "recurring" or ib.precision != "recurring":
        return False
    if (ia.from_month, ia.to_month) == (ib.from_month, ib.to_month):
        return True
    return a.kind == b.kind == "trend" and bool(ia.months() & ib.months())


_THOSE_TAKEN = re.compile(
    r"[“\"]?(?:those|the ones|the people)\s+(?:who\s+were\s+)?[a-z]+(?:ed|ght|ken|eld)\b", re.I
)
_ANTECEDENT = re.compile(r"\b(?:the|these|those)\s+(?P<noun>[a-z]+)\b", re.I)


def _counts_from_antecedents(views: list[_View], drafts: list[_Draft], text: str, lex: Lexicon) -> None:
    """ "The women said they had crossed ...", "police arrested the group": people counted a few
    sentences before ("eight women", "a group of five", "she and four others")."""
    for i, d in enumerate(drafts):
        linked = d.count_note.endswith("sentence)")  # a chain's count yields to the people named
        if d.kind != "happening" or (d.count and d.count.known and not d.count.single and not linked):
            continue
        a, b = _clause_of(views[d.sentence], d.trigger[0])
        those = _THOSE_TAKEN.match(text, views[d.sentence].body_start)
        told = [o for o in drafts[:i] if o.sentence >= d.sentence - 2 and o.count and o.count.known]
        if those and told:  # "Those caught were fined ...": the people of the happening told just before
            d.count, d.count_note = told[-1].count, f"{told[-1].count.text} ({those.group()})"
            continue
        for m in _ANTECEDENT.finditer(text, a, b):
            noun = m.group("noun").lower()
            if not (lex.people.fullmatch(noun) or lex.groups.fullmatch(noun)) or not noun.endswith(
                ("s", "up", "en")
            ):
                continue
            found = _earlier_count(views, d.sentence, noun, lex)
            if found is not None:
                d.count, d.count_note = found, f"{found.text} ({m.group()})"
                break


def _earlier_count(views: list[_View], index: int, noun: str, lex: Lexicon) -> Count | None:
    """The latest count of these people in the three sentences before: the same noun, or any group
    of two or more for "the group"."""
    group = bool(lex.groups.fullmatch(noun))
    for view in reversed(views[max(0, index - 3) : index]):
        for c in reversed(find_counts(view.sentence.text, lex)):
            if not c.known or c.single or re.search(r"\bof\s+(?:the|them|these|those)\b", c.text, re.I):
                continue  # "one of the women": a part of them
            if group and (c.value or 0) >= 2:
                return c
            if re.search(rf"\b{re.escape(noun)}\b", c.text, re.I):
                return _part_named(c, noun)
    return None


def _part_named(c: Count, noun: str) -> Count:
    """ "the women" after "a driver and the three women": the three, not all four."""
    part = re.search(rf"(?<![\w,])({NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{re.escape(noun)}\b", c.text, re.I)
    if part is None or part.group() == c.text or not re.search(r"\band\b|\bwith\b", c.text, re.I):
        return c
    value = parse_number(part.group(1))
    return c if value is None else replace(c, text=part.group(), value=value, low=None, high=None)


_ALSO = re.compile(r"\b(?:also|as well|too)\b", re.I)
_OTHER_OCCASION = re.compile(r"\b(?:another|separate(?:ly)?|second|other|again|earlier|later)\b", re.I)


def _join_also(views: list[_View], drafts: list[_Draft], text: str) -> None:
    """ "A pastor who ran the house was also detained": more people taken in the happening of that
    kind told before, so it shares its date and place when it names none of its own."""
    for i, d in enumerate(drafts):
        clause = text[slice(*_clause_of(views[d.sentence], d.trigger[0]))]
        if d.kind != "happening" or d.time is not None or d.own or not _ALSO.search(clause):
            continue
        if _OTHER_OCCASION.search(clause):
            continue
        same = (o for o in reversed(drafts[:i]) if o.type == d.type and o.kind == "happening" and o.time)
        earlier = next(same, None)
        if earlier is not None and earlier.time is not None:
            d.time, d.time_note = earlier.time, f"{earlier.time.text} (with the {d.type} told before)"
            d.linked += [m for m in earlier.own + earlier.linked if m not in d.linked]


def _fall_back_places(views: list[_View], drafts: list[_Draft]) -> None:
    """An event whose statement names no place takes its source's place, else the places of the
    nearest preceding sentence that names one."""
    for d in drafts:
        if d.own or d.linked:
            d.basis = "own" if d.own else "linked"
            continue
        source = _source_places(views, d.sentence)
        if source:
            d.fallback, d.basis = source, "source"
            continue
        for view in reversed(views[: d.sentence]):
            told = [m for o in drafts if o.sentence == view.index and o is not d for m in _places_of(o)]
            if (told or view.places) and not view.skipped:  # a place its events took counts as named
                d.fallback, d.basis = _unique(told or list(view.places)), "preceding"
                break


def _places_of(d: _Draft) -> list[PlaceMention]:
    return d.own + d.linked if d.own or d.linked else d.fallback


def _source_places(views: list[_View], index: int) -> list[PlaceMention]:
    """The place of the source quoted for a statement: in its sentence, in the attribution that
    closes its paragraph, or, for "the source" / "he added", where that source was introduced."""
    here = views[index]
    if here.sources:
        return list(here.sources)
    paragraph = [v for v in views if v.sentence.paragraph == here.sentence.paragraph]
    after = [v for v in paragraph if v.index > index and v.sources]
    if after:
        return list(after[0].sources)
    if here.source_reference:
        for view in reversed(views[:index]):
            if view.sources:
                return list(view.sources)
    return []


def _unique(mentions: list[PlaceMention]) -> list[PlaceMention]:
    seen: set[int] = set()
    out = []
    for m in mentions:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out
