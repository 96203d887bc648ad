"""Timeline assembly: one entry per happening across reports, series of yearly figures."""

from datetime import date

import pytest

from geodata.gazetteer import default_gazetteer
from timeline.assembly import assemble, same_happening, series
from timeline.events import Event
from timeline.intervals import Interval


def place(name: str):
    return default_gazetteer().lookup(name)[0]


def day(y: int, m: int, d: int) -> Interval:
    return Interval(date(y, m, d), date(y, m, d), "day")


def year(y: int) -> Interval:
    return Interval(date(y, 1, 1), date(y, 12, 31), "year")


NEW_YEAR = day(2018, 1, 1)


def event(
    article: str,
    type_: str = "arrest",
    interval: Interval = NEW_YEAR,
    places=("Hyesan",),
    count: int | None = None,
    **extra,
) -> Event:
    return Event(
        type=type_,
        quote=f"quote of {article}",
        span=(0, 10),
        article_id=article,
        interval=interval,
        places=[place(p) for p in places],
        count=count,
        rule=f"{type_}:test",
        **extra,
    )


def test_the_same_arrest_in_two_reports_is_one_entry_with_two_sources() -> None:
    entries = assemble([event("a", count=20), event("b", count=20, places=("Ryanggang Province",))])
    (entry,) = entries
    assert entry.articles == ["a", "b"] and entry.count == 20
    assert [s.quote for s in entry.sources] == ["quote of a", "quote of b"]


def test_a_precise_report_sets_the_entry_time() -> None:
    early_january = Interval(date(2018, 1, 1), date(2018, 1, 10), "range")
    (entry,) = assemble([event("a", interval=early_january), event("b", interval=day(2018, 1, 3))])
    assert entry.interval == day(2018, 1, 3)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (event("a", count=20), event("b", count=45)),  # incompatible counts
        (event("a"), event("b", type_="crossing_attempt")),  # other type
        (event("a"), event("b", interval=day(2018, 2, 1))),  # other day
        (event("a"), event("b", places=("Yanji",))),  # other place
        (event("a"), event("b", interval=year(2018))),  # a day is not a whole year
        (event("a"), event("a", count=3)),  # one report: extraction already printed each happening once
        (event("a", interval=Interval()), event("b", interval=Interval())),  # no time: no evidence
    ],
)
def test_different_happenings_stay_apart(a: Event, b: Event) -> None:
    assert not same_happening(a, b)
    assert len(assemble([a, b])) == 2


def test_approximate_counts_are_compatible() -> None:
    a = event("a", type_="repatriation", count=500, count_qualifier="about")
    b = event("b", type_="repatriation", count=600, count_qualifier="up to")
    assert same_happening(a, b)


def test_ranges_overlap() -> None:
    a = event("a", count=None, count_min=30, count_max=40)
    assert same_happening(a, event("b", count=35))
    assert not same_happening(a, event("b", count=50))


def test_recurring_windows_merge_by_month() -> None:
    winter = Interval(precision="recurring", from_month=12, to_month=2)
    january = Interval(precision="recurring", from_month=1, to_month=1)
    summer = Interval(precision="recurring", from_month=6, to_month=8)
    assert same_happening(event("a", interval=winter), event("b", interval=january))
    assert not same_happening(event("a", interval=winter), event("b", interval=summer))


def test_yearly_arrivals_form_a_series() -> None:
    figures = {2011: 2706, 2012: 1502, 2013: 1514}
    events = [event(f"r{y}", "arrival_statistic", year(y), ("South Korea",), n) for y, n in figures.items()]
    events.append(event("again", "arrival_statistic", year(2012), ("South Korea",), 1502))
    events.append(event("x", "arrest", day(2018, 1, 1), ("Hyesan",), 20))
    entries = assemble(events)
    assert len(entries) == 4  # the 2012 figure reported twice is one entry
    (line,) = series(entries)
    assert (line.type, line.places, line.precision) == ("arrival_statistic", ("South Korea",), "year")
    assert [(p.interval.start.year, p.count) for p in line.points] == sorted(figures.items())
    assert len(line.points[1].entry.sources) == 2


def test_entries_are_in_time_order() -> None:
    entries = assemble(
        [
            event("a", interval=day(2018, 3, 1)),
            event("b", interval=day(2017, 3, 1)),
            event("c", interval=Interval()),
        ]
    )
    assert [e.events[0].article_id for e in entries] == ["b", "a", "c"]
