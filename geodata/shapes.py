"""Shapes of the border region for the map: its provinces, rivers and border, light enough to fetch.

The web map draws these under the events so that a reader sees where Ryanggang ends and which
river a marker sits on. They are the gazetteer's own geometries (see `Gazetteer.to_geodataframe`),
simplified for display, kept valid, snapped to the gazetteer's grid and written as RFC 7946
GeoJSON: longitude/latitude, exterior rings counter-clockwise and holes clockwise
(`shapely.orient_polygons`), a `bbox`. Which places are drawn is set by the constants below, not
by place ids, so a rebuilt gazetteer keeps its overlay.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING

import shapely

from geodata.gazetteer import Gazetteer, default_gazetteer
from geodata.places import Place

if TYPE_CHECKING:
    import geopandas

REGION = "Northeast China"  # drawn with the provinces that lie in it
COUNTRIES = ("KP",)  # every province of these countries is drawn
BORDERS = (("CN", "KP"),)
RIVER_DEG = 0.01  # a river this close to a drawn border is the river that border follows
TOLERANCE_DEG = 0.01  # about 1 km: a pixel or less at the zooms the map opens at
GRID_DEG = 0.001  # the gazetteer's own grid: no coordinate gets false precision
_POLYGONS = ("Polygon", "MultiPolygon")
# Drawing order, bottom first: the region's tint, province outlines, rivers, then the border on top.
_ORDER = {"region": 0, "province": 1, "river": 2, "border": 3}


def overlay_places(gazetteer: Gazetteer) -> list[Place]:
    """The places of the overlay, bottom layer first: the region (when it has a polygon), its
    provinces and those of `COUNTRIES`, the rivers that the `BORDERS` follow, and those borders.
    Rivers elsewhere in the area (the Amur, the Ussuri) belong to other borders' overlays."""
    region = next((p for p in gazetteer.lookup(REGION) if p.geometry.geom_type in _POLYGONS), None)
    provinces = [
        p
        for p in gazetteer.places()
        if p.kind == "province"
        and (p.country in COUNTRIES or (region is not None and region.geometry.contains(p.point)))
    ]
    borders = [b for pair in BORDERS if (b := gazetteer.border_between(*pair)) is not None]
    border_lines = shapely.union_all([b.geometry for b in borders])
    rivers = [
        p
        for p in gazetteer.places()
        if p.kind == "river" and not border_lines.is_empty and p.geometry.distance(border_lines) < RIVER_DEG
    ]
    chosen = ([region] if region is not None else []) + provinces + rivers + borders
    return sorted(chosen, key=lambda p: _ORDER[p.kind])  # a stable sort keeps each kind's order


def overlay_frame(gazetteer: Gazetteer, tolerance: float = TOLERANCE_DEG) -> geopandas.GeoDataFrame:
    """The overlay places as a GeoDataFrame (id, name, kind, derived, geometry), simplified for
    display: valid, on the gazetteer's grid, with RFC 7946 ring orientation."""
    ids = [p.id for p in overlay_places(gazetteer)]
    frame = gazetteer.to_geodataframe().set_index("id").loc[ids, ["name", "kind", "derived", "geometry"]]
    simplified = frame.geometry.simplify(tolerance, preserve_topology=True)
    snapped = shapely.set_precision(simplified.values, GRID_DEG)  # repairs what snapping would break
    frame = frame.set_geometry(shapely.orient_polygons(snapped, exterior_cw=False), crs=frame.crs)
    return frame[~frame.geometry.is_empty].reset_index()


def feature_collection(frame: geopandas.GeoDataFrame) -> dict:
    """An RFC 7946 FeatureCollection of an overlay frame, with its `bbox`; each feature's `id` is
    the place id, and its properties say what it is and whether its line was derived."""
    features = [
        {
            "type": "Feature",
            "id": row.id,
            "geometry": json.loads(shapely.to_geojson(row.geometry)),
            "properties": {"id": row.id, "name": row.name, "kind": row.kind, "derived": bool(row.derived)},
        }
        for row in frame.itertuples(index=False)
    ]
    collection: dict = {"type": "FeatureCollection"}
    if features:
        collection["bbox"] = [round(float(c), 3) for c in frame.total_bounds]
    collection["features"] = features
    return collection


@functools.cache
def overlay_geojson() -> str:
    """The shipped gazetteer's overlay as compact GeoJSON text, built once per process (a few
    tens of KB; the text is immutable, so it is safe to share)."""
    collection = feature_collection(overlay_frame(default_gazetteer()))
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
