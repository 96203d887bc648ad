"""Events: what happened, to how many people, when and where, with the quote that proves it.

`extract_events` reads one article that earlier steps have cut into sentences, time expressions
and place mentions, and decides which statements report a happening. This module holds the
value others rely on and the order of the steps; the steps live in modules named after them
(`views`, `triggers`, `drafting`, `figures`, `linking`). The words come from the lexicon
(`timeline/lexicon.py`); the rules are about news language in general:

- a trigger word states an event unless its clause denies it ("were not arrested"), speculates
  ("will likely be sent back", "if ..."), describes a practice ("regularly", quotas) or a trend
  (a rise in arrests with no window); a rise in a security measure is a crackdown;
- one event per happening: items of a list with their own numbers or dates are one event each,
  quoted by their own phrase; two types in one sentence are one event of each; the same happening
  stated twice in one report is printed once;
- facts pass between sentences only within one happening: a sentence that continues the people
  of the one before ("They ...", "The family ...") shares its date, count and places; a place of
  arrest never takes the destination of the crossing; failing a place, the source's place
  ("a source in Ryanggang Province said") with a lower geoprecision, then the nearest preceding
  sentence that names one;
- within a sentence, two happenings of the same people share a date only at one moment (an arrest
  during a crossing) or in one clause of one tense ("was arrested in 2017; he was later
  sentenced" keeps them apart); a time counted from another happening ("two days later", "the
  same night", "at the same trial") is resolved from the one told before, and one that is a limit
  in an order (temporal's `deadline` role) dates nothing;
- places in a phrase about a motive or about who the people are ("for calling relatives in South
  Korea", "a team from Pyongyang") and capitals standing for their governments are not event places.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from geodata.places import Place
from timeline.articles import Article
from timeline.drafting import _sentence_drafts
from timeline.figures import _list_years, _series_continuations, _table_rows
from timeline.intervals import NO_TIME, Interval
from timeline.lexicon import Lexicon, load_lexicon
from timeline.linking import (
    _clause_times,
    _counts_from_antecedents,
    _fall_back_places,
    _join_also,
    _link_chains,
    _merge_restatements,
    _resolve_relative_times,
    _since_when,
    _unique,
)
from timeline.sentences import Sentence
from timeline.temporal import TimeExpr
from timeline.triggers import _without_background
from timeline.views import _MARKUP, _captions_skipped, _Draft, _trimmed, _view

if TYPE_CHECKING:
    from geodata.match import PlaceMention


EVENT_TYPES = (
    "arrest",
    "crossing_attempt",
    "repatriation",
    "crackdown",
    "fine",
    "arrival_statistic",
    "trafficking",
    "execution_or_punishment",
)
DATED_YEAR = frozenset({"year", "range", "month", "season", "week", "day"})


@dataclass
class Event:
    """One happening stated in one article.

    `span` is the character span of `quote` in the article body; `rule` names the lexicon rule
    that fired, so a reader can see why it was extracted. `place_basis` says where the places came
    from: `own` (the statement), `linked` (the same happening in a neighbouring sentence),
    `source` (where the quoted source is), `preceding` (the nearest earlier sentence naming one).
    """

    type: str
    quote: str
    span: tuple[int, int]
    article_id: str = ""
    interval: Interval = NO_TIME
    places: list[Place] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    geoprecision: int | None = None
    count: int | None = None
    count_min: int | None = None
    count_max: int | None = None
    count_qualifier: str | None = None
    count_text: str | None = None
    amount: str | None = None
    rule: str = ""
    place_basis: str = ""


class Located(Protocol):
    lon: float
    lat: float
    geoprecision: int | None


Locate = Callable[[list["PlaceMention"]], "Located | None"]


def extract_events(
    article: Article,
    sentences: Sequence[Sentence],
    times: Sequence[TimeExpr],
    mentions: Sequence[PlaceMention],
    *,
    lexicon: Lexicon | None = None,
    locate: Locate | None = None,
) -> list[Event]:
    """The events an article states, in the order of their quotes."""
    lex = lexicon or load_lexicon()
    text = article.text
    views = [_view(i, s, text, article, times, mentions, lex) for i, s in enumerate(sentences)]
    views = [_without_background(v, text, lex) for v in _captions_skipped(views, lex)]
    drafts: list[_Draft] = []
    for view in views:
        if not view.skipped:
            drafts.extend(_sentence_drafts(view, text, lex))
    drafts.extend(_series_continuations(views, drafts, text, lex))
    drafts.extend(_table_rows(views, lex))
    _list_years(views, drafts)
    drafts.sort(key=lambda d: (d.quote[0], d.quote[1]))
    _since_when(drafts, text, article)
    _clause_times(views, drafts, text, article)
    _resolve_relative_times(drafts, text)
    _link_chains(views, drafts, lex)
    lede = next((v.index for v in views if not v.skipped), -1)
    drafts = _merge_restatements(drafts, lede)
    _counts_from_antecedents(views, drafts, text, lex)
    _join_also(views, drafts, text)
    _fall_back_places(views, drafts)
    return [_event(d, text, article, locate) for d in drafts if _complete(d)]


def _complete(d: _Draft) -> bool:
    """An event that needs a number of people or a dated time has them."""
    requires = d.etype.requires
    if "count" in requires and not (d.count and d.count.known):
        return False
    if "year" in requires:
        period = d.time is not None and d.time.interval.precision in DATED_YEAR and not _open(d.time)
        return period or d.year is not None
    return True


def _event(d: _Draft, text: str, article: Article, locate: Locate | None) -> Event:
    mentions = _unique(d.own + d.linked) if d.basis in ("own", "linked") else _unique(d.fallback)
    places = _unique_places(mentions)
    interval = _interval(d)
    located = locate(mentions) if (locate and mentions) else None
    geoprecision = located.geoprecision if located else None
    if located and d.basis == "source" and geoprecision is not None:
        geoprecision = min(4, geoprecision + 1)
    count = d.count
    start, end = _trimmed(text, *d.quote)
    if markup := _MARKUP.match(text, start, end):
        start = markup.end()
    return Event(
        type=d.type,
        quote=text[start:end],
        span=(start, end),
        article_id=article.id,
        interval=interval,
        places=places,
        lat=located.lat if located else None,
        lon=located.lon if located else None,
        geoprecision=geoprecision,
        count=count.value if count else None,
        count_min=count.low if count else None,
        count_max=count.high if count else None,
        count_qualifier=count.qualifier if count else None,
        count_text=(d.count_note or count.text) if count else None,
        amount=d.amount.text if d.amount else None,
        rule=d.rule,
        place_basis=d.basis if places else "",
    )


def _open(t: TimeExpr) -> bool:
    """ "since the 1990s", "so far": a running total, not a figure for a period."""
    return t.text.lower().startswith(("since", "so far", "to date", "over the"))


def _interval(d: _Draft) -> Interval:
    if d.time is not None:
        return d.time.interval.with_text(d.time_note or d.time.text)
    if d.year is not None and d.quarter is not None:
        last = date(d.year, 3 * d.quarter, 1) + timedelta(days=31)
        end = last - timedelta(days=last.day)
        return Interval(date(d.year, 3 * d.quarter - 2, 1), end, "range", f"quarter {d.quarter} of {d.year}")
    if d.year is not None:
        return Interval(date(d.year, 1, 1), date(d.year, 12, 31), "year", f"in {d.year}")
    return NO_TIME


def _unique_places(mentions: list[PlaceMention]) -> list[Place]:
    out: list[Place] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if m.place not in out:
            out.append(m.place)
    return out
