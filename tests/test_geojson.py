"""GeoJSON output follows RFC 7946: every Feature typed, Points in longitude/latitude, no `crs`."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import pytest

from timeline.query import Query
from timeline.store import Store
from web.geojson import MEDIA_TYPE, feature, feature_collection

FEATURE_KEYS = {"type", "id", "geometry", "properties"}
PROPERTIES = {
    "type",
    "quote",
    "start",
    "end",
    "precision",
    "from_month",
    "to_month",
    "time_text",
    "when",
    "places",
    "count",
    "count_min",
    "count_max",
    "count_qualifier",
    "count_label",
    "geoprecision",
    "article_id",
    "article_title",
    "article_source",
    "article_url",
    "published",
    "rule",
    "extractor_version",
}


def check_rfc7946(collection: dict) -> None:
    """The checks of a validating reader, for the members this project writes."""
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection  # RFC 7946 §4
    assert isinstance(collection["features"], list)
    points = []
    for item in collection["features"]:
        assert item["type"] == "Feature"
        assert set(item) == FEATURE_KEYS
        assert isinstance(item["id"], str | int)  # §3.2
        assert "crs" not in item
        geometry = item["geometry"]
        if geometry is not None:
            assert geometry["type"] == "Point"
            assert set(geometry) == {"type", "coordinates"}
            lon, lat = geometry["coordinates"]
            assert all(isinstance(v, float | int) and math.isfinite(v) for v in (lon, lat))
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            points.append((lon, lat))
        assert isinstance(item["properties"], dict)
    if points:  # §5: bbox is [west, south, east, north] of all geometries
        west, south, east, north = collection["bbox"]
        assert (west, south) == (min(p[0] for p in points), min(p[1] for p in points))
        assert (east, north) == (max(p[0] for p in points), max(p[1] for p in points))
    json.dumps(collection, allow_nan=False)


def test_endpoint_is_valid_geojson(client) -> None:
    response = client.get("/events.geojson")
    assert response.status_code == 200
    assert response.mimetype == MEDIA_TYPE
    collection = response.get_json(force=True)
    check_rfc7946(collection)
    assert len(collection["features"]) == 7
    ids = [f["id"] for f in collection["features"]]
    assert len(set(ids)) == len(ids)
    for item in collection["features"]:
        assert set(item["properties"]) >= PROPERTIES


def test_points_are_longitude_then_latitude(client) -> None:
    collection = client.get("/events.geojson?place=Yanji").get_json(force=True)
    (item,) = collection["features"]
    assert item["geometry"]["coordinates"] == [129.51, 42.89]  # Yanji: east of 129°E, north of 42°N
    assert (item["properties"]["lon"], item["properties"]["lat"]) == (129.51, 42.89)
    assert collection["bbox"] == [129.51, 42.89, 129.51, 42.89]


def test_feature_carries_event_and_source(client) -> None:
    collection = client.get("/events.geojson?type=repatriation").get_json(force=True)
    properties = collection["features"][0]["properties"]
    assert properties["quote"] == "About 35 people held in Yanji (延吉) were sent back in March 2017."
    assert (properties["start"], properties["end"], properties["precision"]) == (
        "2017-03-01",
        "2017-03-31",
        "month",
    )
    assert properties["when"] == "March 2017"
    assert (properties["count"], properties["count_qualifier"], properties["count_label"]) == (
        35,
        "about",
        "about 35",
    )
    assert [p["name"] for p in properties["places"]] == ["Yanji", "Jilin Province"]
    assert properties["places"][0] == {"id": "test:yanji", "name": "Yanji", "kind": "city", "country": "CN"}
    assert (properties["article_title"], properties["published"]) == ("Returns from Yanji", "2017-04-02")
    assert properties["extractor_version"] == "test-1"
    assert properties["rule"] == "test"


def test_recurring_and_undated_events(client) -> None:
    features = client.get("/events.geojson").get_json(force=True)["features"]
    by_type = {f["properties"]["type"]: f["properties"] for f in features}
    crackdown = by_type["crackdown"]
    assert (crackdown["precision"], crackdown["from_month"], crackdown["to_month"]) == ("recurring", 12, 2)
    assert (crackdown["start"], crackdown["end"], crackdown["when"]) == (None, None, "every Dec–Feb")
    assert by_type["crossing_attempt"]["when"] == "reported on 8 January 2018"
    fine = next(f for f in features if f["properties"]["type"] == "fine")
    assert fine["geometry"] is None and fine["properties"]["geoprecision"] is None
    assert fine["properties"]["amount"] == "20,000 yuan"


def test_no_match_is_an_empty_collection(client) -> None:
    collection = client.get("/events.geojson?type=trafficking").get_json(force=True)
    assert collection == {"type": "FeatureCollection", "features": []}
    check_rfc7946(collection)


def test_non_ascii_is_written_as_utf8(client) -> None:
    body = client.get("/events.geojson?type=arrest").get_data()
    assert "혜산".encode() in body and b"\\u" not in body


@pytest.mark.parametrize("digits", [1e-9, 0.123456789])
def test_coordinates_are_rounded(db_path: Path, digits: float) -> None:
    with Store(db_path) as store:
        event = store.events(Query(place="Yanji"))[0]
    moved = dataclasses.replace(event, lon=event.lon + digits)
    lon = feature(moved)["geometry"]["coordinates"][0]
    assert lon == round(event.lon + digits, 6)


def test_collection_from_store_matches_endpoint(client, db_path: Path) -> None:
    with Store(db_path) as store:
        direct = feature_collection(store.events(Query(types=("arrest",))))
    assert client.get("/events.geojson?type=arrest").get_json(force=True) == direct
