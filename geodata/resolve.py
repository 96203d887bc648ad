"""From one event's place mentions to its representative point and geoprecision (DESIGN.md codes).

The most specific place wins: a town (1) over a county, river or border stretch (2) over a province or
region (3) over a country (4). Relations move the point rather than invent a place: "near Hyesan" is
Hyesan's point at precision 2, "across the river from Hyesan" is the town facing it (Changbai),
"between A and B" the midpoint, and a border or river named with provinces ("where China meets the
borders of Ryanggang and Jagang Provinces") is the stretch of that line along them, at precision 2.
Several towns are their centroid at precision 2 when they are twins a few km apart (Hyesan and
Changbai), else the first named at its own precision; several provinces or regions are their union's
representative point at precision 3 ("across Liaoning, Jilin and Heilongjiang"), never a country's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from geodata.gazetteer import Gazetteer
from geodata.match import PlaceMention
from geodata.places import GEOPRECISION, Place, central_point

ACROSS = ("across the river from", "across the border from")
ACROSS_KM = 15  # how far the town facing another across a border river may be
ALONG_DEG = 0.05  # a line runs along a province within ~5 km of its (generalised) outline
CLUSTER_KM = 15  # towns all this close to their centroid (twin border towns) are one place: their centroid
LINES = ("border", "river")
AREAS = ("county", "prefecture")


@dataclass(frozen=True)
class Location:
    lon: float | None
    lat: float | None
    geoprecision: int | None
    geometry: BaseGeometry | None


NOWHERE = Location(None, None, None, None)


def locate(mentions: Sequence[PlaceMention], gazetteer: Gazetteer) -> Location:
    """One event's place mentions -> its point and geoprecision; no place -> all None. A place
    named in passing (`modifier`) or a capital standing for its government (`metonymy`: "Pyongyang
    ordered …") does not locate anything."""
    ms = [m for m in mentions if not m.modifier and not m.metonymy]
    if not ms:
        return NOWHERE
    cities = [m for m in ms if m.place.kind in ("city", "village")]
    if cities:
        return _at_town(cities, gazetteer)
    lines = [m.place for m in ms if m.place.kind in LINES]
    if lines:
        provinces = [m.place for m in ms if m.place.kind in ("province", "prefecture", "county")]
        return _along(lines[0], provinces)
    for kinds in (AREAS, ("province", "region"), ("country",)):
        found = list(dict.fromkeys(m.place for m in ms if m.place.kind in kinds))
        if len(found) > 1 and kinds != ("country",):  # 'in Liaoning, Jilin and Heilongjiang'
            area = shapely.union_all([p.geometry for p in found])
            return _at(central_point(area), max(p.geoprecision for p in found), area)
        if found:
            return _at(found[0].point, found[0].geoprecision, found[0].geometry)
    return _at(ms[0].place.point, ms[0].place.geoprecision, ms[0].place.geometry)


def _at(point: Point, precision: int, geometry: BaseGeometry) -> Location:
    return Location(round(point.x, 5), round(point.y, 5), precision, geometry)


def _at_town(cities: Sequence[PlaceMention], gazetteer: Gazetteer) -> Location:
    near = GEOPRECISION["county"]
    first = cities[0]
    if first.relation in ACROSS:
        facing = facing_town(first.place, gazetteer)
        if facing is not None:
            return _at(facing.point, near, facing.geometry)
    between = [m.place for m in cities if m.relation == "between"]
    if len(between) >= 2:
        line = LineString([between[0].point, between[1].point])
        return _at(line.interpolate(0.5, normalized=True), near, line)
    towns = list(dict.fromkeys(m.place for m in cities if m.relation is None))
    if first.relation is None and len(towns) > 1:
        return _several(towns)
    precision = first.place.geoprecision if first.relation is None else near
    return _at(first.place.point, precision, first.place.geometry)


def _several(towns: Sequence[Place]) -> Location:
    """One happening at several towns ('through the crossings at Hunchun, Tumen and Dandong'): their
    centroid at precision 2 when they lie close together (one area, none of them exactly), else
    the first named, at its own precision, the group's points as the geometry."""
    group = shapely.MultiPoint([t.point for t in towns])
    centre = group.centroid
    if all(km(t.point, centre) <= CLUSTER_KM for t in towns):
        return _at(centre, GEOPRECISION["county"], group)
    return _at(towns[0].point, towns[0].geoprecision, group)


def _along(line: Place, provinces: Sequence[Place]) -> Location:
    """A border or river, or its stretch along the named provinces; where the named provinces meet
    on it, the short stretch between them."""
    geom = line.geometry
    near = GEOPRECISION["border"]
    if not provinces:
        return _at(geom.representative_point(), near, geom)
    zones = [p.geometry.buffer(ALONG_DEG) for p in provinces]
    stretch = geom.intersection(shapely.union_all(zones))
    if stretch.is_empty:
        return _at(geom.representative_point(), near, geom)
    junction = geom.intersection(shapely.intersection_all(zones)) if len(zones) > 1 else stretch
    anchor = junction if not junction.is_empty else stretch
    point = geom.interpolate(geom.project(anchor.centroid))
    return _at(point, near, anchor)


def facing_town(town: Place, gazetteer: Gazetteer) -> Place | None:
    """The largest town of another country within ACROSS_KM: Hyesan -> Changbai."""
    best = None
    for p in gazetteer.places():
        if p.kind != "city" or p.country == town.country:
            continue
        if km(town.point, p.point) <= ACROSS_KM and (best is None or p.population > best.population):
            best = p
    return best


def km(a: Point, b: Point) -> float:
    """Great-circle distance in kilometres."""
    la1, la2 = math.radians(a.y), math.radians(b.y)
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin(math.radians(b.x - a.x) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))
