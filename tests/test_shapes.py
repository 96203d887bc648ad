"""The map overlay of the shipped gazetteer: which places it draws, and that its simplified shapes are
valid, RFC 7946 GeoJSON (ring orientation, bbox, no crs), close to the gazetteer's own and small."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import Point, shape

from geodata import shapes
from geodata.gazetteer import Gazetteer, default_gazetteer

MAX_BYTES = 300_000  # the page fetches the overlay on every visit


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture(scope="module")
def collection(gaz: Gazetteer) -> dict:
    return shapes.feature_collection(shapes.overlay_frame(gaz))


@pytest.fixture(scope="module")
def by_name(collection: dict) -> dict[str, dict]:
    return {f["properties"]["name"]: f for f in collection["features"]}


def test_overlay_draws_the_border_region(gaz: Gazetteer) -> None:
    places = shapes.overlay_places(gaz)
    names = {p.name for p in places}
    assert {"Liaoning Province", "Jilin Province", "Heilongjiang Province"} <= names
    assert {
        "Ryanggang Province",
        "Jagang Province",
        "North Hamgyong Province",
        "North Pyongan Province",
    } <= names
    assert {p.id for p in places if p.kind == "province" and p.country == "KP"} == {
        p.id for p in gaz.places() if p.kind == "province" and p.country == "KP"
    }
    assert {"Yalu River", "Tumen River", "China–North Korea border", "Northeast China"} <= names
    # only the northeast of China, and only the rivers that border follows
    assert {p.country for p in places if p.kind == "province"} == {"CN", "KP"}
    assert len([p for p in places if p.kind == "province" and p.country == "CN"]) == 3
    assert {p.name for p in places if p.kind == "river"} == {"Yalu River", "Tumen River"}
    assert len({p.id for p in places}) == len(places)


def test_overlay_is_drawn_bottom_up(gaz: Gazetteer) -> None:
    kinds = [p.kind for p in shapes.overlay_places(gaz)]
    assert kinds[0] == "region" and kinds[-1] == "border"
    assert kinds == sorted(kinds, key=["region", "province", "river", "border"].index)


def test_frame_has_the_contract_columns(gaz: Gazetteer) -> None:
    frame = shapes.overlay_frame(gaz)
    assert list(frame.columns) == ["id", "name", "kind", "derived", "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert list(frame["id"]) == [p.id for p in shapes.overlay_places(gaz)]


def test_shapes_are_valid_and_in_wgs84(gaz: Gazetteer) -> None:
    frame = shapes.overlay_frame(gaz)
    assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any()
    minx, miny, maxx, maxy = frame.total_bounds
    assert 110 < minx < maxx < 140 and 35 < miny < maxy < 55  # lon/lat of northeast Asia, not swapped


def test_simplified_shapes_stay_close_to_the_gazetteer(gaz: Gazetteer) -> None:
    frame = shapes.overlay_frame(gaz).set_index("id")
    for place in shapes.overlay_places(gaz):
        simple = frame.loc[place.id, "geometry"]
        assert shapely.get_num_coordinates(simple) <= shapely.get_num_coordinates(place.geometry)
        # Douglas–Peucker moves no point further than the tolerance, snapping adds half a grid cell
        assert shapely.hausdorff_distance(simple, place.geometry) <= shapes.TOLERANCE_DEG + shapes.GRID_DEG
    assert shapely.get_num_coordinates(frame.geometry.values).sum() < sum(
        shapely.get_num_coordinates(p.geometry) for p in shapes.overlay_places(gaz)
    )


def test_harder_simplification_is_smaller_and_still_valid(gaz: Gazetteer) -> None:
    coarse = shapes.overlay_frame(gaz, tolerance=0.1)
    fine = shapes.overlay_frame(gaz)
    assert coarse.geometry.is_valid.all() and len(coarse) == len(fine)
    assert shapely.get_num_coordinates(coarse.geometry.values).sum() < (
        shapely.get_num_coordinates(fine.geometry.values).sum() / 2
    )


def test_rings_follow_the_right_hand_rule(collection: dict) -> None:
    """RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. The gazetteer's own
    rings run clockwise, so this fails without the orientation step."""
    rings = 0
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        for polygon in getattr(geometry, "geoms", [geometry]):
            if polygon.geom_type != "Polygon":
                continue
            assert polygon.exterior.is_ccw, feature["properties"]["name"]
            assert not any(ring.is_ccw for ring in polygon.interiors), feature["properties"]["name"]
            rings += 1
    assert rings >= 14


def test_collection_is_rfc7946(collection: dict) -> None:
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    west, south, east, north = collection["bbox"]
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["id"] == feature["properties"]["id"]
        assert set(feature["properties"]) == {"id", "name", "kind", "derived"}
        minx, miny, maxx, maxy = shape(feature["geometry"]).bounds
        assert west <= minx and south <= miny and maxx <= east and maxy <= north


@pytest.mark.parametrize(
    ("name", "types", "derived"),
    [
        ("Ryanggang Province", {"Polygon", "MultiPolygon"}, False),
        ("Jilin Province", {"Polygon", "MultiPolygon"}, False),
        ("Yalu River", {"LineString", "MultiLineString"}, True),
        ("Tumen River", {"LineString", "MultiLineString"}, True),
        ("China–North Korea border", {"LineString", "MultiLineString"}, True),
        ("Northeast China", {"Polygon", "MultiPolygon"}, True),
    ],
)
def test_each_kind_keeps_its_geometry_and_derived_flag(
    by_name: dict[str, dict], name: str, types: set[str], derived: bool
) -> None:
    feature = by_name[name]
    assert feature["geometry"]["type"] in types
    assert feature["properties"]["derived"] is derived


def test_towns_fall_where_they_should_on_the_simplified_map(by_name: dict[str, dict], gaz: Gazetteer) -> None:
    yanji = gaz.lookup("Yanji")[0].point
    assert shape(by_name["Jilin Province"]["geometry"]).contains(yanji)
    hyesan = gaz.lookup("Hyesan")[0].point
    # generalised outlines put border towns a little off (DESIGN.md: within 5 km of their province)
    assert shape(by_name["Ryanggang Province"]["geometry"]).distance(hyesan) < 0.05
    assert shape(by_name["Yalu River"]["geometry"]).distance(hyesan) < 0.05  # Hyesan lies on the Yalu
    assert shape(by_name["Tumen River"]["geometry"]).distance(Point(129.75, 42.44)) < 0.1  # Hoeryong


def test_overlay_text_is_built_once_small_and_compact(collection: dict) -> None:
    text = shapes.overlay_geojson()
    assert shapes.overlay_geojson() is text  # cached for the process
    assert len(text.encode()) < MAX_BYTES
    assert json.loads(text) == collection
    assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))  # compact
    assert "Ryanggang Province" in text and "China–North Korea border" in text  # not \\u-escaped
