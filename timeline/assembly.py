"""Timeline assembly: the events of many reports as one timeline.

Several outlets report the same happening, and one outlet reports it again a week later. An
entry of the timeline is one happening with every report of it: events of different articles
merge when they have the same type, overlapping times of a comparable precision, the same or
nested places, and compatible counts. Figures that recur by year (arrivals in South Korea) are
also kept as a `Series` that charts can draw. Plain functions over `Event` lists: the store and
the web layer call them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from geodata.places import Place
from timeline.events import Event
from timeline.intervals import Interval

# How much wider one interval may be than the other and still state the same happening
# ("on January 1" and "in early January" do; "on January 1" and "in 2018" do not).
MAX_WIDTH_RATIO = 12
# Relative slack around an approximate count ("about 500" and "600" may be one happening).
APPROXIMATE = 0.2
SERIES_PRECISIONS = frozenset({"year", "range", "month"})


@dataclass(frozen=True)
class Source:
    """One report of an entry: which article, what it said, and why it was extracted."""

    article_id: str
    quote: str
    span: tuple[int, int]
    rule: str


@dataclass(frozen=True)
class TimelineEntry:
    """One happening on the timeline, with the reports that state it (most precise first)."""

    type: str
    interval: Interval
    places: tuple[Place, ...]
    count: int | None
    count_min: int | None
    count_max: int | None
    lat: float | None
    lon: float | None
    geoprecision: int | None
    events: tuple[Event, ...]

    @property
    def sources(self) -> list[Source]:
        return [Source(e.article_id, e.quote, e.span, e.rule) for e in self.events]

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(e.article_id for e in self.events))


@dataclass(frozen=True)
class SeriesPoint:
    interval: Interval
    count: int
    entry: TimelineEntry


@dataclass(frozen=True)
class Series:
    """Figures of one type at one place over successive periods (yearly arrivals, say)."""

    type: str
    places: tuple[str, ...]
    precision: str
    points: tuple[SeriesPoint, ...]


def assemble(events: Iterable[Event]) -> list[TimelineEntry]:
    """Merge the events of many reports into timeline entries, in time order."""
    groups: list[list[Event]] = []
    for event in events:
        home = next((g for g in groups if all(_same_happening(e, event) for e in g)), None)
        if home is None:
            groups.append([event])
        else:
            home.append(event)
    entries = [_entry(g) for g in groups]
    return sorted(entries, key=_entry_order)


def same_happening(a: Event, b: Event) -> bool:
    """Do two events of different reports state one happening?"""
    return _same_happening(a, b)


def series(entries: Iterable[TimelineEntry], *, min_points: int = 2) -> list[Series]:
    """Counted entries of one type and place at one precision, as chartable series."""
    buckets: dict[tuple[str, tuple[str, ...], str], list[TimelineEntry]] = {}
    for entry in entries:
        iv = entry.interval
        if entry.count is None or iv.precision not in SERIES_PRECISIONS or iv.start is None:
            continue
        key = (entry.type, tuple(sorted(p.name for p in entry.places)), iv.precision)
        buckets.setdefault(key, []).append(entry)
    out = []
    for (type_, places, precision), members in buckets.items():
        points = sorted(
            (SeriesPoint(e.interval, e.count, e) for e in members), key=lambda p: p.interval.start
        )
        if len(points) >= min_points:
            out.append(Series(type_, places, precision, tuple(points)))
    return sorted(out, key=lambda s: (s.type, s.places, s.precision))


def _same_happening(a: Event, b: Event) -> bool:
    if a.type != b.type or (a.article_id and a.article_id == b.article_id):
        return False  # within one report, extraction already printed each happening once
    return _times_match(a.interval, b.interval) and _places_match(a.places, b.places) and _counts_match(a, b)


def _times_match(a: Interval, b: Interval) -> bool:
    if a.precision == "recurring" or b.precision == "recurring":
        return a.precision == b.precision and bool(a.months() & b.months())
    if not (a.is_dated and b.is_dated and a.start and b.start):
        return False
    if not a.overlaps(b.start, b.end):
        return False
    wa, wb = _days(a), _days(b)
    return max(wa, wb) <= MAX_WIDTH_RATIO * min(wa, wb)


def _days(iv: Interval) -> int:
    if iv.start is None or iv.end is None:
        return 10**5  # open-ended: as wide as it gets
    return max(1, (iv.end - iv.start).days + 1)


def _places_match(a: list[Place], b: list[Place]) -> bool:
    if not a or not b:
        return not a and not b
    ids_a = {p.id for p in a} | {p.parent for p in a if p.parent}
    ids_b = {p.id for p in b} | {p.parent for p in b if p.parent}
    return bool({p.id for p in a} & ids_b or {p.id for p in b} & ids_a)


def _counts_match(a: Event, b: Event) -> bool:
    ra, rb = _bounds(a), _bounds(b)
    if ra is None or rb is None:
        return True
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _bounds(e: Event) -> tuple[float, float] | None:
    if e.count_min is not None and e.count_max is not None:
        return float(e.count_min), float(e.count_max)
    if e.count is None:
        return None
    v = float(e.count)
    return {
        "about": (v * (1 - APPROXIMATE), v * (1 + APPROXIMATE)),
        "nearly": (v * (1 - APPROXIMATE), v),
        "more than": (v, float("inf")),
        "at least": (v, float("inf")),
        "up to": (0.0, v),
        "fewer than": (0.0, v),
    }.get(e.count_qualifier or "", (v, v))


def _entry(group: list[Event]) -> TimelineEntry:
    ranked = sorted(group, key=_precision_rank)
    best = ranked[0]
    counted = next((e for e in ranked if e.count is not None or e.count_min is not None), best)
    located = min(ranked, key=lambda e: e.geoprecision if e.geoprecision is not None else 99)
    places: list[Place] = []
    for e in ranked:
        places += [p for p in e.places if p not in places]
    return TimelineEntry(
        type=best.type,
        interval=best.interval,
        places=tuple(places),
        count=counted.count,
        count_min=counted.count_min,
        count_max=counted.count_max,
        lat=located.lat,
        lon=located.lon,
        geoprecision=located.geoprecision,
        events=tuple(ranked),
    )


def _precision_rank(e: Event) -> tuple:
    iv = e.interval
    return (not iv.is_dated, _days(iv), e.geoprecision or 99)


def _entry_order(entry: TimelineEntry) -> tuple:
    iv = entry.interval
    return (iv.start is None, iv.start or date.max, iv.from_month or 0, entry.type)
