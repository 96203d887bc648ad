"""Query.from_args: the one parser of the URL filters that every view shares."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geodata.gazetteer import default_gazetteer
from timeline.query import BadQuery, PlaceFilter, Query


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


def _filter(text: str) -> PlaceFilter:
    return PlaceFilter.resolve(text, default_gazetteer())


@pytest.mark.parametrize(
    ("place", "matches"),
    [
        ("test:hoeryong", True),
        ("Hoeryŏng", True),
        ("hoeryong", True),
        ("HOERYONG", True),
        ("Musan", False),
    ],
)
def test_place_by_stored_id_or_folded_name(place: str, matches: bool) -> None:
    stored = [("test:hoeryong", "Hoeryŏng")]
    found = PlaceFilter.resolve(place, default_gazetteer(), stored)
    assert found.matches([("test:hoeryong", "Hoeryŏng", "city")], None, None) is matches


def test_place_folds_apostrophes_and_hyphens() -> None:
    assert _filter("Manpo").matches([("x", "Manp’o", "city")], None, None)
    assert _filter("musan up").matches([("x", "Musan-ŭp", "city")], None, None)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("Yenji", ("geonames:2033467", "Yanji", "city")),  # romanisation
        ("延吉", ("geonames:2033467", "Yanji", "city")),  # native script
        ("Tuman River", ("ea:tumen-river", "Tumen River", "river")),
        ("Amnok River", ("ea:yalu-river", "Yalu River", "river")),
        ("Yanggang", ("ne1:KN13", "Ryanggang Province", "province")),
        ("ne1:KN13", ("ne1:KN13", "Ryanggang Province", "province")),  # a gazetteer id
        ("Ryanggang", ("geonames:2043837", "Hyesan", "city")),  # a province finds its cities
        ("Jilin", ("geonames:2033467", "Yanji", "city")),
        ("Northeast China", ("geonames:2033467", "Yanji", "city")),  # region → its provinces → city
        ("Northeast China", ("ne1:CH19", "Liaoning Province", "province")),
        ("China", ("geonames:2033467", "Yanji", "city")),  # country → province → city
    ],
)
def test_place_resolves_through_the_gazetteer(text: str, stored: tuple[str, str, str]) -> None:
    assert _filter(text).matches([stored], None, None)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("Hyesan", ("ne1:KN13", "Ryanggang Province", "province")),  # a city is not its province
        ("Jilin", ("geonames:2043837", "Hyesan", "city")),
        ("Tumen River", ("ea:yalu-river", "Yalu River", "river")),
        ("Liaoning", ("geonames:2033467", "Yanji", "city")),
        ("Northeast China", ("geonames:2043837", "Hyesan", "city")),
        ("Northeast China", ("ne0:CN", "China", "country")),  # a region does not hold all of China
    ],
)
def test_place_does_not_reach_other_places(text: str, stored: tuple[str, str, str]) -> None:
    assert not _filter(text).matches([stored], None, None)


def test_town_without_a_parent_takes_the_province_of_its_point() -> None:
    """A town the gazetteer lacks lies in the province of the event's point (Hyesan's, here)."""
    town = [("local:somewhere", "Somewhere", "city")]
    assert _filter("Ryanggang").matches(town, 128.1778, 41.4017)
    assert not _filter("Jilin").matches(town, 128.1778, 41.4017)
    assert not _filter("Ryanggang").matches(town, None, None)
    # only a town: a river's point says nothing about which province it belongs to
    assert not _filter("Ryanggang").matches([("local:r", "Some River", "river")], 128.1778, 41.4017)


@pytest.mark.parametrize("text", ["Nowhere", "Hyesann", "ne1:XX99"])
def test_unknown_place_names_itself(text: str) -> None:
    with pytest.raises(BadQuery, match=f"unknown place {text!r}"):
        PlaceFilter.resolve(text, default_gazetteer(), [("test:hyesan", "Hyesan")])
