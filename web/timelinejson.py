"""The assembled timeline as JSON: one entry per happening, with every report that states it.

GeoJSON and CSV keep one record per stored event, each with its own source; this view runs
`timeline.assembly` over the same filtered events, so the same arrest reported by two outlets is
one entry with two sources, and figures that recur by year (arrivals in South Korea) also come as
series that a chart can draw.
"""

from __future__ import annotations

from collections.abc import Sequence

from geodata.gazetteer import Gazetteer
from timeline.assembly import Series, TimelineEntry, assemble, series
from timeline.store import StoredEvent
from web.labels import count_label, when_label


def timeline(events: Sequence[StoredEvent], gazetteer: Gazetteer) -> dict:
    """`{"entries": [...], "series": [...]}` of the given (already filtered) events."""
    as_events = [e.to_event(gazetteer) for e in events]
    stored = {id(event): original for event, original in zip(as_events, events, strict=True)}
    entries = assemble(as_events)
    ids = {id(entry): stored[id(entry.events[0])].id for entry in entries}
    return {
        "entries": [_entry(entry, [stored[id(e)] for e in entry.events]) for entry in entries],
        "series": [_series(line, ids) for line in series(entries)],
    }


def _entry(entry: TimelineEntry, reports: list[StoredEvent]) -> dict:
    """The entry's facts (those of its most precise report) and its sources, most precise first."""
    counted = next(
        (
            r
            for r in reports
            if (r.count, r.count_min, r.count_max) == (entry.count, entry.count_min, entry.count_max)
        ),
        reports[0],
    )
    return {
        "id": reports[0].id,
        "type": entry.type,
        "when": when_label(entry.interval, reports[0].published),
        **entry.interval.to_json(),
        "places": [{"id": p.id, "name": p.name, "kind": p.kind, "country": p.country} for p in entry.places],
        "count": entry.count,
        "count_min": entry.count_min,
        "count_max": entry.count_max,
        "count_label": count_label(entry.count, entry.count_min, entry.count_max, counted.count_qualifier),
        "lon": entry.lon,
        "lat": entry.lat,
        "geoprecision": entry.geoprecision,
        "event_ids": [r.id for r in reports],
        "sources": [_source(r) for r in reports],
    }


def _source(report: StoredEvent) -> dict:
    return {
        "event_id": report.id,
        "quote": report.quote,
        "rule": report.rule,
        "article_id": report.article_id,
        "article_title": report.article_title,
        "article_source": report.article_source,
        "article_url": report.article_url,
        "published": report.published.isoformat() if report.published else None,
    }


def _series(line: Series, ids: dict[int, str]) -> dict:
    return {
        "type": line.type,
        "places": list(line.places),
        "precision": line.precision,
        "points": [
            {**point.interval.to_json(), "count": point.count, "entry": ids[id(point.entry)]}
            for point in line.points
        ],
    }
