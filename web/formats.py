"""The download formats of the stored events, shared by the HTTP views and `eventatlas export`."""

from __future__ import annotations

import json
from collections.abc import Sequence

from geodata.gazetteer import default_gazetteer
from timeline.store import StoredEvent
from web import csvtable, geojson, timelinejson

MEDIA_TYPES = {
    "geojson": geojson.MEDIA_TYPE,
    "csv": csvtable.MEDIA_TYPE,
    "timeline": "application/json",
}


def render(fmt: str, events: Sequence[StoredEvent]) -> str:
    """`events` (already filtered) as GeoJSON, CSV or the assembled timeline."""
    if fmt == "geojson":
        return json.dumps(geojson.feature_collection(events), ensure_ascii=False)
    if fmt == "csv":
        return csvtable.csv_text(events)
    if fmt == "timeline":
        return json.dumps(timelinejson.timeline(events, default_gazetteer()), ensure_ascii=False)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(MEDIA_TYPES)}")
