"""Events as an RFC 7946 GeoJSON FeatureCollection.

WGS 84 longitude/latitude, no `crs` member, a `bbox` of the located features; an event with no
point keeps its feature with a null geometry (RFC 7946 §3.2), so the download lists every event the
filters matched. Each feature carries the event, its quote and its source article, plus the labels
the map shows, so any client can render the same popup.
"""

from __future__ import annotations

from collections.abc import Iterable

from timeline.store import StoredEvent
from web.labels import count_label, when_label

MEDIA_TYPE = "application/geo+json"
_DIGITS = 6  # about 0.1 m; RFC 7946 §11.2 advises against false precision


def feature(event: StoredEvent) -> dict:
    properties = event.to_json()
    properties["when"] = when_label(event.interval, event.published)
    properties["count_label"] = count_label(
        event.count, event.count_min, event.count_max, event.count_qualifier
    )
    geometry = None
    if event.lon is not None and event.lat is not None:
        geometry = {"type": "Point", "coordinates": [round(event.lon, _DIGITS), round(event.lat, _DIGITS)]}
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties}


def feature_collection(events: Iterable[StoredEvent]) -> dict:
    features = [feature(e) for e in events]
    collection: dict = {"type": "FeatureCollection"}
    points = [f["geometry"]["coordinates"] for f in features if f["geometry"]]
    if points:
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        collection["bbox"] = [min(lons), min(lats), max(lons), max(lats)]
    collection["features"] = features
    return collection
