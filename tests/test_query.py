"""Query.from_args: the one parser of the URL filters that every view shares."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.query import BadQuery, Query


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, Query()),
        ({"bbox": "124.5,40,131,43.25"}, Query(bbox=(124.5, 40.0, 131.0, 43.25))),
        ({"bbox": " 124 , 40 , 131 , 43 "}, Query(bbox=(124.0, 40.0, 131.0, 43.0))),
        ({"bbox": "179,-10,-179,10"}, Query(bbox=(179.0, -10.0, -179.0, 10.0))),  # across the antimeridian
        ({"datetime": "2018-01-07"}, Query(start=date(2018, 1, 7), end=date(2018, 1, 7))),
        ({"datetime": "2018-01-07T09:30:00Z"}, Query(start=date(2018, 1, 7), end=date(2018, 1, 7))),
        ({"datetime": "2018-01"}, Query(start=date(2018, 1, 1), end=date(2018, 1, 31))),
        ({"datetime": "2016-02"}, Query(start=date(2016, 2, 1), end=date(2016, 2, 29))),
        ({"datetime": "2017"}, Query(start=date(2017, 1, 1), end=date(2017, 12, 31))),
        ({"datetime": "2017-12-01/2018-02-28"}, Query(start=date(2017, 12, 1), end=date(2018, 2, 28))),
        ({"datetime": "2017/2018"}, Query(start=date(2017, 1, 1), end=date(2018, 12, 31))),
        ({"datetime": "../2018-02-28"}, Query(end=date(2018, 2, 28))),
        ({"datetime": "2017-12-01/.."}, Query(start=date(2017, 12, 1))),
        ({"datetime": "2017-12-01/"}, Query(start=date(2017, 12, 1))),
        ({"datetime": "2017-12-01T00:00:00+09:00/.."}, Query(start=date(2017, 12, 1))),
        ({"type": "arrest"}, Query(types=("arrest",))),
        ({"type": "arrest, repatriation,arrest"}, Query(types=("arrest", "repatriation"))),
        ({"place": " Hyesan "}, Query(place="Hyesan")),
        ({"place": "혜산"}, Query(place="혜산")),
        ({"limit": "25"}, Query(limit=25)),
        ({"bbox": "", "datetime": "", "type": "", "place": "", "limit": ""}, Query()),  # an empty form
    ],
)
def test_parses(args: dict, expected: Query) -> None:
    assert Query.from_args(args) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"bbox": "1,2,3"}, "bbox needs 4 numbers"),
        ({"bbox": "1,2,3,4,5,6"}, "bbox needs 4 numbers"),
        ({"bbox": "a,b,c,d"}, "must be numbers"),
        ({"bbox": "124,200,131,43"}, "latitude 200 is outside"),
        ({"bbox": "40,124,43,131"}, "latitude 124 is outside"),  # lat/lon swapped
        ({"bbox": "-190,40,131,43"}, "longitude -190 is outside"),
        ({"bbox": "124,43,131,40"}, "minLat 43 is greater than maxLat 40"),
        ({"datetime": "yesterday"}, "is not a date"),
        ({"datetime": "07/01/2018"}, "more than one '/'"),
        ({"datetime": "2018-02-30"}, "not a valid date"),
        ({"datetime": "2018-13"}, "not a valid date"),
        ({"datetime": "../.."}, "at least one end"),
        ({"datetime": "2018-03-01/2018-01-01"}, "starts after it ends"),
        ({"type": "Arrest"}, "not a type name"),
        ({"type": "arrest;drop table"}, "not a type name"),
        ({"place": "x" * 201}, "longer than 200"),
        ({"limit": "ten"}, "whole number"),
        ({"limit": "0"}, "at least 1"),
        ({"time": "2017"}, "unknown parameter 'time'"),
        ({"bbox": "1,2,3,4", "f": "json"}, "unknown parameter 'f'"),
    ],
)
def test_bad_input_is_a_bad_query(args: dict, message: str) -> None:
    with pytest.raises(BadQuery, match=message):
        Query.from_args(args)


def test_bad_query_is_a_value_error() -> None:
    assert issubclass(BadQuery, ValueError)


def test_caller_may_accept_extra_parameters() -> None:
    assert Query.from_args({"f": "json", "type": "fine"}, extra=("f",)) == Query(types=("fine",))


def test_reads_the_first_of_repeated_parameters() -> None:
    from werkzeug.datastructures import MultiDict

    assert Query.from_args(MultiDict([("type", "fine"), ("type", "arrest")])).types == ("fine",)


@pytest.mark.parametrize(
    ("query", "description"),
    [
        (Query(), "All events"),
        (Query(types=("crossing_attempt",)), "Events: type crossing attempt"),
        (
            Query(types=("arrest", "fine"), start=date(2017, 1, 1), end=date(2017, 12, 31)),
            "Events: type arrest or fine; between 2017-01-01 and 2017-12-31",
        ),
        (Query(start=date(2017, 12, 1)), "Events: from 2017-12-01 on"),
        (Query(end=date(2017, 12, 1), limit=5), "Events: up to 2017-12-01 (first 5)"),
        (Query(start=date(2018, 1, 7), end=date(2018, 1, 7)), "Events: on 2018-01-07"),
        (
            Query(place="Hyesan", bbox=(124.0, 40.0, 131.0, 43.5)),
            "Events: at Hyesan; within lon 124 to 131, lat 40 to 43.5",
        ),
    ],
)
def test_describe(query: Query, description: str) -> None:
    assert query.describe() == description


@pytest.mark.parametrize(
    "args",
    [
        {},
        {"bbox": "124.5,40,131,43.25", "type": "arrest,fine", "place": "Hyesan", "limit": "3"},
        {"datetime": "2018-01"},
        {"datetime": "../2018-02-28"},
        {"datetime": "2017-12-01/.."},
        {"datetime": "2018-01-07"},
    ],
)
def test_to_args_round_trips(args: dict) -> None:
    query = Query.from_args(args)
    assert Query.from_args(query.to_args()) == query


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
)
def test_any_ordered_interval_parses_back(first: date, second: date) -> None:
    start, end = min(first, second), max(first, second)
    query = Query.from_args({"datetime": f"{start}/{end}"})
    assert (query.start, query.end) == (start, end)
    assert Query.from_args(query.to_args()) == query


@pytest.mark.parametrize(
    ("bbox", "inside", "outside"),
    [
        ((124.0, 40.0, 131.0, 43.0), (128.18, 41.4), (127.0, 37.5)),
        ((179.0, -10.0, -179.0, 10.0), (-179.5, 0.0), (0.0, 0.0)),
    ],
)
def test_covers_point(bbox, inside, outside) -> None:
    query = Query(bbox=bbox)
    assert query.covers_point(*inside)
    assert not query.covers_point(*outside)
    assert not query.covers_point(None, None)
    assert Query().covers_point(None, None)


@pytest.mark.parametrize(
    ("place", "matches"),
    [
        ("test:hoeryong", True),
        ("Hoeryŏng", True),
        ("hoeryong", True),
        ("HOERYONG", True),
        ("Musan", False),
        ("test:hoeryong2", False),
    ],
)
def test_names_place(place: str, matches: bool) -> None:
    assert Query(place=place).names_place(["test:hoeryong"], ["Hoeryŏng"]) is matches
    assert Query().names_place([], [])


def test_names_place_folds_apostrophes_and_hyphens() -> None:
    assert Query(place="Manpo").names_place([], ["Manp’o"])
    assert Query(place="musan up").names_place([], ["Musan-ŭp"])
