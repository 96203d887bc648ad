from datetime import date

import pytest

from timeline.intervals import Interval

D = date


def test_start_after_end_is_refused() -> None:
    with pytest.raises(ValueError, match="starts after"):
        Interval(D(2018, 2, 1), D(2018, 1, 1), "range")


def test_unknown_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="precision"):
        Interval(precision="fortnight")


@pytest.mark.parametrize(
    ("interval", "start", "end", "expected"),
    [
        (Interval(D(2018, 1, 1), D(2018, 1, 1), "day"), D(2018, 1, 1), D(2018, 1, 31), True),
        (Interval(D(2018, 1, 1), D(2018, 1, 1), "day"), D(2018, 1, 2), None, False),
        (Interval(D(2017, 1, 1), D(2017, 12, 31), "year"), None, D(2017, 6, 1), True),
        (Interval(D(2017, 1, 1), D(2017, 12, 31), "year"), D(2018, 1, 1), D(2018, 12, 31), False),
        (Interval(D(2015, 3, 1), None, "range"), D(2020, 1, 1), D(2020, 1, 2), True),
        (Interval(precision="none"), D(2018, 1, 1), D(2018, 12, 31), False),
        (Interval(precision="none"), None, None, True),
        # a recurring December–February window matches in every year, in those months only
        (Interval(precision="recurring", from_month=12, to_month=2), D(2019, 1, 10), D(2019, 1, 12), True),
        (Interval(precision="recurring", from_month=12, to_month=2), D(2005, 12, 30), D(2005, 12, 31), True),
        (Interval(precision="recurring", from_month=12, to_month=2), D(2019, 6, 1), D(2019, 8, 31), False),
        (Interval(precision="recurring", from_month=12, to_month=2), D(2019, 6, 1), D(2020, 6, 1), True),
        (Interval(precision="recurring", from_month=10, to_month=None), D(2019, 11, 1), D(2019, 11, 2), True),
        (Interval(precision="recurring", from_month=10, to_month=None), D(2019, 7, 1), D(2019, 7, 2), False),
    ],
)
def test_overlaps(interval: Interval, start, end, expected: bool) -> None:
    assert interval.overlaps(start, end) is expected


def test_months_of_a_window_across_the_new_year() -> None:
    assert Interval(precision="recurring", from_month=12, to_month=2).months() == {12, 1, 2}
    assert Interval(precision="recurring", from_month=3, to_month=5).months() == {3, 4, 5}


def test_json_round_trip() -> None:
    interval = Interval(D(2017, 1, 1), D(2017, 1, 14), "range", "the first couple weeks of last January")
    assert Interval.from_json(interval.to_json()) == interval
