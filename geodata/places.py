"""The place value: one named location of the gazetteer with its geometry.

Geometries are shapely objects in WGS 84 longitude/latitude. A place knows its kind (city,
county, province, river, border, region, country), which sets how precisely an event located
there is placed (ACLED's geoprecision codes, see `geoprecision`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

KINDS = ("city", "county", "prefecture", "province", "river", "border", "region", "country")

# ACLED's geoprecision, extended: 1 town, 2 near a town / county / river or border segment,
# 3 province or region, 4 country only.
GEOPRECISION = {
    "city": 1,
    "village": 1,
    "county": 2,
    "prefecture": 2,
    "river": 2,
    "border": 2,
    "province": 3,
    "region": 3,
    "country": 4,
}


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str
    country: str | None
    geometry: BaseGeometry = field(compare=False, repr=False)
    parent: str | None = None
    aliases: tuple[str, ...] = field(default=(), compare=False, repr=False)
    derived: bool = False
    source: str = ""
    population: int = field(default=0, compare=False)
    code: str | None = field(default=None, compare=False)  # province FIPS code, border "CN-KP"
    capital: bool = field(default=False, compare=False)  # a country's capital ("Seoul protested")

    @property
    def point(self) -> Point:
        """A point inside the place (its own point for towns), for markers and the scorer's
        coordinates: the centre of an area when it lies inside it, else a point surely inside."""
        return central_point(self.geometry)

    @property
    def geoprecision(self) -> int:
        return GEOPRECISION.get(self.kind, 3)


def central_point(geometry: BaseGeometry) -> Point:
    """The centroid of a shape when it lies inside it (the middle of Northeast China, not its
    northern edge), else shapely's representative point, which always does (a crescent, a line)."""
    if isinstance(geometry, Point):
        return geometry
    centre = geometry.centroid
    return centre if geometry.contains(centre) else geometry.representative_point()
