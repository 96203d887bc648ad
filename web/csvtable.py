"""Events as a CSV table: one row per event, the GeoJSON properties as columns.

Places become one cell of names joined by "; " (their ids in `place_ids`), so the table opens in a
spreadsheet without nested values. Quotes and titles come from reports anyone may write, so a text
cell that a spreadsheet would read as a formula gets a leading apostrophe (OWASP's advice against CSV
injection); numbers stay numbers, so a negative longitude is still -179.5.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from timeline.store import StoredEvent
from web.labels import count_label, when_label

MEDIA_TYPE = "text/csv; charset=utf-8"
# The characters a spreadsheet takes as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (
    "id",
    "type",
    "when",
    "start",
    "end",
    "precision",
    "from_month",
    "to_month",
    "time_text",
    "places",
    "place_ids",
    "lon",
    "lat",
    "geoprecision",
    "count",
    "count_min",
    "count_max",
    "count_qualifier",
    "count_label",
    "count_text",
    "amount",
    "quote",
    "article_id",
    "article_title",
    "article_source",
    "article_url",
    "published",
    "published_source",
    "rule",
    "extractor_version",
)


def row(event: StoredEvent) -> dict:
    values = event.to_json()
    values["places"] = "; ".join(p.name for p in event.places)
    values["place_ids"] = "; ".join(p.id for p in event.places)
    values["when"] = when_label(event.interval, event.published)
    values["count_label"] = count_label(event.count, event.count_min, event.count_max, event.count_qualifier)
    return {column: cell(values[column]) for column in COLUMNS}


def cell(value: object) -> object:
    """A value as a spreadsheet may safely read it: text never starts a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(events: Iterable[StoredEvent]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(row(e) for e in events)
    return out.getvalue()
