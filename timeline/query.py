"""The filter every view of the timeline shares: pages, GeoJSON, CSV, and later OGC items and embeds.

URL parameters are parsed once, here, into a frozen `Query`, so that every endpoint accepts the
same filters with the same meaning and rejects the same mistakes (after Datasette's `Filters` and
OGC API Features' `bbox`/`datetime`). A parameter that is not understood is an error, never
silently ignored: a map that quietly shows everything for `?time=2017` lies.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from geodata.names import fold_name

PARAMETERS = ("bbox", "datetime", "type", "place", "limit")
_TYPE = re.compile(r"^[a-z][a-z0-9_]*$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$")
_OPEN = ("", "..")
_MAX_PLACE = 200


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

    def names_place(self, ids: Collection[str], names: Collection[str]) -> bool:
        if not self.place:
            return True
        wanted = fold_name(self.place)
        return self.place in ids or any(fold_name(n) == wanted for n in names)


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
