"""The filter every view of the timeline shares: pages, GeoJSON, CSV, and later OGC items and embeds.

URL parameters are parsed once, here, into a frozen `Query`, so that every endpoint accepts the
same filters with the same meaning and rejects the same mistakes (after Datasette's `Filters` and
OGC API Features' `bbox`/`datetime`). A parameter that is not understood is an error, never
silently ignored: a map that quietly shows everything for `?time=2017` lies.

`place=` is resolved through the gazetteer (`PlaceFilter`): any alias or romanisation of a place
finds its events ("Yenji" finds Yanji's), and a place finds the events of the places inside it (a
province finds its cities' events), by the gazetteer's parent chain.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from geodata.names import fold_name

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geodata.gazetteer import Gazetteer
    from geodata.places import Place

PARAMETERS = ("bbox", "datetime", "type", "place", "limit")
_TYPE = re.compile(r"^[a-z][a-z0-9_]*$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$")
_OPEN = ("", "..")
_MAX_PLACE = 200
_REGION_MEMBERS = ("province", "country")  # what a region of the gazetteer is made of


class BadQuery(ValueError):
    """A filter parameter that cannot be understood; the message says what is wrong and what is expected."""


@dataclass(frozen=True)
class Query:
    """Filters on events; `None` or empty means "no constraint".

    `start`/`end` are inclusive dates, either may be open. `bbox` is (minLon, minLat, maxLon, maxLat)
    in WGS 84; a minLon greater than maxLon crosses the antimeridian, as in OGC API.
    """

    bbox: tuple[float, float, float, float] | None = None
    start: date | None = None
    end: date | None = None
    types: tuple[str, ...] = ()
    place: str | None = None
    limit: int | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str], extra: Collection[str] = ()) -> Query:
        """Parse URL parameters; `extra` names parameters the caller handles itself (e.g. `f`)."""
        unknown = sorted(set(args) - set(PARAMETERS) - set(extra))
        if unknown:
            raise BadQuery(
                f"unknown parameter {', '.join(repr(u) for u in unknown)}; known: {', '.join(PARAMETERS)}"
            )
        start, end = _parse_datetime(args.get("datetime", ""))
        return cls(
            bbox=_parse_bbox(args.get("bbox", "")),
            start=start,
            end=end,
            types=_parse_types(args.get("type", "")),
            place=_parse_place(args.get("place", "")),
            limit=_parse_limit(args.get("limit", "")),
        )

    def to_args(self) -> dict[str, str]:
        """The URL parameters that parse back into this query (for links between views)."""
        args: dict[str, str] = {}
        if self.bbox:
            args["bbox"] = ",".join(f"{v:g}" for v in self.bbox)
        if self.start or self.end:
            args["datetime"] = _format_interval(self.start, self.end)
        if self.types:
            args["type"] = ",".join(self.types)
        if self.place:
            args["place"] = self.place
        if self.limit is not None:
            args["limit"] = str(self.limit)
        return args

    @property
    def has_time(self) -> bool:
        return self.start is not None or self.end is not None

    def describe(self) -> str:
        """A one-line human description of the filters, for the pages that apply them."""
        parts = []
        if self.types:
            parts.append("type " + " or ".join(t.replace("_", " ") for t in self.types))
        if self.has_time:
            parts.append(_describe_time(self.start, self.end))
        if self.place:
            parts.append(f"at {self.place}")
        if self.bbox:
            parts.append("within lon {:g} to {:g}, lat {:g} to {:g}".format(*_bbox_order(self.bbox)))
        text = "All events" if not parts else "Events: " + "; ".join(parts)
        if self.limit is not None:
            text += f" (first {self.limit})"
        return text

    def covers_point(self, lon: float | None, lat: float | None) -> bool:
        if self.bbox is None:
            return True
        if lon is None or lat is None:
            return False
        min_lon, min_lat, max_lon, max_lat = self.bbox
        if not min_lat <= lat <= max_lat:
            return False
        if min_lon <= max_lon:
            return min_lon <= lon <= max_lon
        return lon >= min_lon or lon <= max_lon


@dataclass(frozen=True)
class PlaceFilter:
    """The places a `place=` value stands for: gazetteer ids and folded names.

    An event matches when one of its places is one of them (by id or folded name) or lies inside
    one: its gazetteer parent chain reaches one (for a town the gazetteer gives no province, the
    province of the event's point stands in), or a province or country of that chain lies in a
    region made of members ("northeast China" holds Liaoning, Jilin and Heilongjiang).
    """

    text: str
    ids: frozenset[str]
    names: frozenset[tuple[str, ...]]
    regions: tuple[BaseGeometry, ...]
    gazetteer: Gazetteer

    @classmethod
    def resolve(cls, text: str, gazetteer: Gazetteer, stored: Iterable[tuple[str, str]] = ()) -> PlaceFilter:
        """The filter for `text`, a place id or a name in any spelling the gazetteer knows.

        `stored` gives the (id, name) pairs of the places events hold, so a place that only the
        store knows still filters. A value that names no place at all is a `BadQuery`: an empty map
        would not tell a typo from a place with no events.
        """
        folded = fold_name(text)
        by_id = gazetteer.get(text)
        found: list[Place] = [by_id] if by_id else gazetteer.lookup(text)
        if not found and not any(text == pid or folded == fold_name(name) for pid, name in stored):
            raise BadQuery(
                f"unknown place {text!r}: neither the gazetteer nor any stored event has a place of that "
                "name or id"
            )
        return cls(
            text,
            frozenset({text} | {p.id for p in found}),
            frozenset({folded} | {fold_name(p.name) for p in found}),
            tuple(p.geometry for p in found if p.kind == "region" and p.geometry.geom_type != "Point"),
            gazetteer,
        )

    def matches(self, places: Iterable[tuple[str, str, str]], lon: float | None, lat: float | None) -> bool:
        """Does an event with these (id, name, kind) places and this point lie in the wanted place?"""
        for place_id, name, kind in places:
            if fold_name(name) in self.names:
                return True
            chain = self._chain(place_id, kind, lon, lat)
            if not self.ids.isdisjoint(chain) or self._in_region(chain):
                return True
        return False

    def _chain(self, place_id: str, kind: str, lon: float | None, lat: float | None) -> list[str]:
        """The place and every place it lies in, by the gazetteer's parents."""
        chain = [place_id]
        place = self.gazetteer.get(place_id)
        while place is not None and place.parent and place.parent not in chain:
            chain.append(place.parent)
            place = self.gazetteer.get(place.parent)
        if kind == "city" and lon is not None and lat is not None and not self._has_province(chain):
            province = self.gazetteer.province_of(lon, lat)
            if province is not None:
                chain += self._chain(province.id, province.kind, None, None)
        return chain

    def _has_province(self, ids: list[str]) -> bool:
        return any((p := self.gazetteer.get(i)) is not None and p.kind == "province" for i in ids)

    def _in_region(self, chain: list[str]) -> bool:
        if not self.regions:
            return False
        areas = [p for i in chain if (p := self.gazetteer.get(i)) is not None and p.kind in _REGION_MEMBERS]
        return any(region.covers(area.point) for region in self.regions for area in areas)


def _parse_bbox(text: str) -> tuple[float, float, float, float] | None:
    if not text.strip():
        return None
    parts = text.split(",")
    if len(parts) != 4:
        raise BadQuery(f"bbox needs 4 numbers minLon,minLat,maxLon,maxLat; got {len(parts)} in {text!r}")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise BadQuery(f"bbox values must be numbers: {text!r}") from None
    for lon in (min_lon, max_lon):
        if not -180 <= lon <= 180:
            raise BadQuery(
                f"bbox longitude {lon:g} is outside -180..180 (order is minLon,minLat,maxLon,maxLat)"
            )
    for lat in (min_lat, max_lat):
        if not -90 <= lat <= 90:
            raise BadQuery(f"bbox latitude {lat:g} is outside -90..90 (order is minLon,minLat,maxLon,maxLat)")
    if min_lat > max_lat:
        raise BadQuery(f"bbox minLat {min_lat:g} is greater than maxLat {max_lat:g}")
    return (min_lon, min_lat, max_lon, max_lat)


def _parse_datetime(text: str) -> tuple[date | None, date | None]:
    text = text.strip()
    if not text:
        return None, None
    if "/" not in text:
        return _parse_date(text, "datetime", last=False), _parse_date(text, "datetime", last=True)
    if text.count("/") > 1:
        raise BadQuery(f"datetime interval has more than one '/': {text!r}")
    first, second = (p.strip() for p in text.split("/"))
    if first in _OPEN and second in _OPEN:
        raise BadQuery("datetime interval needs at least one end; '../..' is not a filter")
    start = None if first in _OPEN else _parse_date(first, "datetime start", last=False)
    end = None if second in _OPEN else _parse_date(second, "datetime end", last=True)
    if start and end and start > end:
        raise BadQuery(f"datetime interval starts after it ends: {start} > {end}")
    return start, end


def _parse_date(text: str, what: str, last: bool) -> date:
    """A date, a month or a year (its first or last day), or an RFC 3339 date-time (its date)."""
    moment = _DATETIME.match(text)
    if moment:
        text = moment.group(1)
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise BadQuery(
            f"{what} {text!r} is not a date: use YYYY-MM-DD, YYYY-MM, YYYY or an RFC 3339 date-time, "
            "and '..' for an open end"
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 12, 31) if last else date(year, 1, 1)
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
        return date(year, month, day)
    except ValueError as error:
        raise BadQuery(f"{what} {text!r} is not a valid date: {error}") from None


def _parse_types(text: str) -> tuple[str, ...]:
    types = tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
    for t in types:
        if not _TYPE.match(t):
            raise BadQuery(f"event type {t!r} is not a type name (lowercase letters, digits and '_')")
    return types


def _parse_place(text: str) -> str | None:
    place = text.strip()
    if len(place) > _MAX_PLACE:
        raise BadQuery(f"place is longer than {_MAX_PLACE} characters")
    return place or None


def _parse_limit(text: str) -> int | None:
    if not text.strip():
        return None
    try:
        limit = int(text)
    except ValueError:
        raise BadQuery(f"limit must be a whole number: {text!r}") from None
    if limit < 1:
        raise BadQuery(f"limit must be at least 1: {limit}")
    return limit


def _format_interval(start: date | None, end: date | None) -> str:
    if start and start == end:
        return start.isoformat()
    return f"{start.isoformat() if start else '..'}/{end.isoformat() if end else '..'}"


def _describe_time(start: date | None, end: date | None) -> str:
    if start and end:
        return f"on {start}" if start == end else f"between {start} and {end}"
    return f"from {start} on" if start else f"up to {end}"


def _bbox_order(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    min_lon, min_lat, max_lon, max_lat = bbox
    return min_lon, max_lon, min_lat, max_lat
