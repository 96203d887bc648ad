"""The store: articles with their full text and the events derived from them, in one SQLite file.

Articles are keyed by their content hash (`Article.id`), so ingesting the same report twice stores
it once. Each article keeps its text and each event the version of the extractor that derived it,
so `reprocess` can re-derive events after a rule or gazetteer change without re-ingesting. Every
write is one transaction: a failure leaves what was stored before untouched. The schema carries
its version in SQLite's `user_version` and is brought up to date by the `MIGRATIONS` list on open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from shapely.geometry import GeometryCollection

from geodata.places import Place
from timeline.articles import Article
from timeline.events import Event
from timeline.intervals import Interval
from timeline.query import BadQuery, PlaceFilter, Query

if TYPE_CHECKING:
    from geodata.gazetteer import Gazetteer

__all__ = ["BadQuery", "NotFound", "SCHEMA_VERSION", "Store", "StoredEvent", "StoredPlace"]

# One entry per schema version; entry i migrates version i to i + 1. Never edit a released entry:
# append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            published TEXT,
            published_source TEXT NOT NULL DEFAULT 'unknown',
            path TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            quote TEXT NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            start_date TEXT,
            end_date TEXT,
            precision TEXT NOT NULL,
            from_month INTEGER,
            to_month INTEGER,
            time_text TEXT NOT NULL DEFAULT '',
            lat REAL,
            lon REAL,
            geoprecision INTEGER,
            count INTEGER,
            count_min INTEGER,
            count_max INTEGER,
            count_qualifier TEXT,
            count_text TEXT,
            amount TEXT,
            rule TEXT NOT NULL DEFAULT '',
            extractor_version TEXT NOT NULL,
            UNIQUE (article_id, seq)
        )""",
        """CREATE TABLE event_places (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            place_id TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            country TEXT,
            PRIMARY KEY (event_id, seq)
        )""",
        "CREATE INDEX events_type ON events(type)",
        "CREATE INDEX events_time ON events(start_date, end_date)",
        "CREATE INDEX events_point ON events(lon, lat)",
        "CREATE INDEX event_places_place ON event_places(place_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
_NO_GEOMETRY = GeometryCollection()  # of a stored place the gazetteer no longer has

_EVENT_COLUMNS = (
    "article_id, seq, type, quote, span_start, span_end, start_date, end_date, precision, from_month, "
    "to_month, time_text, lat, lon, geoprecision, count, count_min, count_max, count_qualifier, count_text, "
    "amount, rule, extractor_version"
)
_SELECT_EVENTS = f"""
    SELECT e.id AS rowid_, e.{_EVENT_COLUMNS.replace(", ", ", e.")},
           a.title AS article_title, a.source AS article_source, a.url AS article_url,
           a.published AS published, a.published_source AS published_source
    FROM events e JOIN articles a ON a.id = e.article_id
"""


class NotFound(LookupError):
    """No stored item has the id asked for."""


class SchemaTooNew(RuntimeError):
    """The database was written by a newer Event Atlas; opening it would risk damaging it."""


@dataclass(frozen=True)
class StoredPlace:
    """A place as an event row remembers it: enough to show and filter without the gazetteer."""

    id: str
    name: str
    kind: str
    country: str | None

    def to_place(self, gazetteer: Gazetteer) -> Place:
        """The gazetteer's place of this id (with its parents and geometry), or, for a place the
        gazetteer no longer has, one made of what the store kept."""
        known = gazetteer.get(self.id)
        return (
            known if known is not None else Place(self.id, self.name, self.kind, self.country, _NO_GEOMETRY)
        )


@dataclass(frozen=True)
class StoredEvent:
    """One event as the store gives it back, with the article facts every view shows beside it."""

    id: str
    type: str
    quote: str
    span: tuple[int, int]
    article_id: str
    interval: Interval
    places: tuple[StoredPlace, ...]
    lat: float | None
    lon: float | None
    geoprecision: int | None
    count: int | None
    count_min: int | None
    count_max: int | None
    count_qualifier: str | None
    count_text: str | None
    amount: str | None
    rule: str
    extractor_version: str
    article_title: str
    article_source: str
    article_url: str
    published: date | None
    published_source: str

    def to_json(self) -> dict:
        """Flat JSON properties (the GeoJSON feature properties and the CSV columns)."""
        return {
            "id": self.id,
            "type": self.type,
            "quote": self.quote,
            "span": list(self.span),
            **self.interval.to_json(),
            "places": [
                {"id": p.id, "name": p.name, "kind": p.kind, "country": p.country} for p in self.places
            ],
            "lat": self.lat,
            "lon": self.lon,
            "geoprecision": self.geoprecision,
            "count": self.count,
            "count_min": self.count_min,
            "count_max": self.count_max,
            "count_qualifier": self.count_qualifier,
            "count_text": self.count_text,
            "amount": self.amount,
            "rule": self.rule,
            "extractor_version": self.extractor_version,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "article_source": self.article_source,
            "article_url": self.article_url,
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
        }

    def to_event(self, gazetteer: Gazetteer) -> Event:
        """The event as extraction gave it, with the gazetteer's places, for timeline assembly (whose
        place test needs their parents: Hyesan lies in Ryanggang Province)."""
        return Event(
            type=self.type,
            quote=self.quote,
            span=self.span,
            article_id=self.article_id,
            interval=self.interval,
            places=[p.to_place(gazetteer) for p in self.places],
            lat=self.lat,
            lon=self.lon,
            geoprecision=self.geoprecision,
            count=self.count,
            count_min=self.count_min,
            count_max=self.count_max,
            count_qualifier=self.count_qualifier,
            count_text=self.count_text,
            amount=self.amount,
            rule=self.rule,
        )


class Store:
    """Articles and events in an SQLite file; one instance per thread (e.g. per web request)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def add_article(self, article: Article, events: list[Event], extractor_version: str) -> bool:
        """Store an article and its events; False (and nothing written) if it is already stored."""
        _check_events(article.id, events)
        with self._transaction():
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO articles (id, title, text, source, url, published, published_source, "
                "path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.title,
                    article.text,
                    article.source,
                    article.url,
                    article.published.isoformat() if article.published else None,
                    article.published_source,
                    article.path,
                ),
            )
            if cursor.rowcount == 0:
                return False
            self._insert_events(article.id, events, extractor_version)
        return True

    def replace_events(self, article_id: str, events: list[Event], extractor_version: str) -> None:
        """Swap an article's events for freshly derived ones (reprocess), all or nothing."""
        _check_events(article_id, events)
        with self._transaction():
            if not self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                raise NotFound(f"no article {article_id!r}")
            self._db.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
            self._insert_events(article_id, events, extractor_version)

    def articles(self) -> Iterator[Article]:
        """Every stored article, oldest publication first; safe to write to the store while iterating."""
        ids = [
            row[0]
            for row in self._db.execute("SELECT id FROM articles ORDER BY published IS NULL, published, id")
        ]
        for article_id in ids:
            yield self.article(article_id)

    def article(self, article_id: str) -> Article:
        row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article {article_id!r}")
        return Article(
            id=row["id"],
            title=row["title"],
            text=row["text"],
            source=row["source"],
            url=row["url"],
            published=_date(row["published"]),
            published_source=row["published_source"],
            path=row["path"],
        )

    def events(self, query: Query, gazetteer: Gazetteer | None = None) -> list[StoredEvent]:
        """Events matching every filter of `query`, in time order (undated and recurring last).

        SQL narrows by type, box and dates; the exact tests (interval overlap with recurring windows,
        a box across the antimeridian, a place by any of its names or inside it) are the `Query`'s,
        `Interval`'s and `PlaceFilter`'s own. `place=` is read with `gazetteer` (default: the shipped
        one); a place that neither it nor any stored event knows raises `BadQuery`.
        """
        place = self._place_filter(query.place, gazetteer) if query.place else None
        where, params = _prefilter(query)
        sql = (
            _SELECT_EVENTS
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY e.start_date IS NULL, e.start_date, e.end_date, a.published, e.article_id, e.seq"
        )
        rows = self._db.execute(sql, params).fetchall()
        places = self._places([row["rowid_"] for row in rows])
        found = []
        for row in rows:
            event = _stored_event(row, places.get(row["rowid_"], ()))
            if _matches(query, place, event):
                found.append(event)
                if query.limit is not None and len(found) >= query.limit:
                    break
        return found

    def count(self) -> dict:
        return {
            "articles": self._db.execute("SELECT count(*) FROM articles").fetchone()[0],
            "events": self._db.execute("SELECT count(*) FROM events").fetchone()[0],
        }

    def _place_filter(self, text: str, gazetteer: Gazetteer | None) -> PlaceFilter:
        if gazetteer is None:
            from geodata.gazetteer import default_gazetteer  # loaded only when a place is asked for

            gazetteer = default_gazetteer()
        stored = (tuple(row) for row in self._db.execute("SELECT DISTINCT place_id, name FROM event_places"))
        return PlaceFilter.resolve(text, gazetteer, stored)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _migrate(self) -> None:
        if self.schema_version == SCHEMA_VERSION:
            return
        with self._transaction():
            version = self.schema_version  # another process may have migrated meanwhile
            if version > SCHEMA_VERSION:
                raise SchemaTooNew(
                    f"{self.path} has schema version {version}; this Event Atlas knows up to {SCHEMA_VERSION}"
                )
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _insert_events(self, article_id: str, events: Iterable[Event], extractor_version: str) -> None:
        marks = ", ".join("?" * len(_EVENT_COLUMNS.split(", ")))
        for seq, event in enumerate(events):
            interval = event.interval
            cursor = self._db.execute(
                f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES ({marks})",
                (
                    article_id,
                    seq,
                    event.type,
                    event.quote,
                    event.span[0],
                    event.span[1],
                    interval.start.isoformat() if interval.start else None,
                    interval.end.isoformat() if interval.end else None,
                    interval.precision,
                    interval.from_month,
                    interval.to_month,
                    interval.text,
                    event.lat,
                    event.lon,
                    event.geoprecision,
                    event.count,
                    event.count_min,
                    event.count_max,
                    event.count_qualifier,
                    event.count_text,
                    event.amount,
                    event.rule,
                    extractor_version,
                ),
            )
            self._db.executemany(
                "INSERT INTO event_places (event_id, seq, place_id, name, kind, country) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(cursor.lastrowid, i, p.id, p.name, p.kind, p.country) for i, p in enumerate(event.places)],
            )

    def _places(self, event_ids: list[int]) -> dict[int, tuple[StoredPlace, ...]]:
        found: dict[int, list[StoredPlace]] = {}
        # Chunked to stay under SQLite's bound-parameter limit.
        for i in range(0, len(event_ids), 500):
            chunk = event_ids[i : i + 500]
            rows = self._db.execute(
                f"SELECT * FROM event_places WHERE event_id IN ({', '.join('?' * len(chunk))}) "
                "ORDER BY event_id, seq",
                chunk,
            )
            for row in rows:
                found.setdefault(row["event_id"], []).append(
                    StoredPlace(row["place_id"], row["name"], row["kind"], row["country"])
                )
        return {k: tuple(v) for k, v in found.items()}


def _check_events(article_id: str, events: list[Event]) -> None:
    for event in events:
        if event.article_id and event.article_id != article_id:
            raise ValueError(f"event of article {event.article_id!r} given for article {article_id!r}")


def _prefilter(query: Query) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if query.types:
        where.append(f"e.type IN ({', '.join('?' * len(query.types))})")
        params.extend(query.types)
    if query.bbox:
        min_lon, min_lat, max_lon, max_lat = query.bbox
        where.append("e.lat BETWEEN ? AND ?")
        params.extend([min_lat, max_lat])
        if min_lon <= max_lon:
            where.append("e.lon BETWEEN ? AND ?")
            params.extend([min_lon, max_lon])
        else:
            where.append("(e.lon >= ? OR e.lon <= ?)")
            params.extend([min_lon, max_lon])
    if query.has_time:
        dated = ["(e.start_date IS NOT NULL OR e.end_date IS NOT NULL)"]
        if query.end:
            dated.append("(e.start_date IS NULL OR e.start_date <= ?)")
            params.append(query.end.isoformat())
        if query.start:
            dated.append("(e.end_date IS NULL OR e.end_date >= ?)")
            params.append(query.start.isoformat())
        where.append(f"(e.precision = 'recurring' OR ({' AND '.join(dated)}))")
    return where, params


def _matches(query: Query, place: PlaceFilter | None, event: StoredEvent) -> bool:
    if query.has_time and (
        event.interval.precision == "none" or not event.interval.overlaps(query.start, query.end)
    ):
        return False
    if not query.covers_point(event.lon, event.lat):
        return False
    return place is None or place.matches(
        [(p.id, p.name, p.kind) for p in event.places], event.lon, event.lat
    )


def _stored_event(row: sqlite3.Row, places: tuple[StoredPlace, ...]) -> StoredEvent:
    return StoredEvent(
        id=f"{row['article_id']}-{row['seq']}",
        type=row["type"],
        quote=row["quote"],
        span=(row["span_start"], row["span_end"]),
        article_id=row["article_id"],
        interval=Interval(
            start=_date(row["start_date"]),
            end=_date(row["end_date"]),
            precision=row["precision"],
            text=row["time_text"],
            from_month=row["from_month"],
            to_month=row["to_month"],
        ),
        places=places,
        lat=row["lat"],
        lon=row["lon"],
        geoprecision=row["geoprecision"],
        count=row["count"],
        count_min=row["count_min"],
        count_max=row["count_max"],
        count_qualifier=row["count_qualifier"],
        count_text=row["count_text"],
        amount=row["amount"],
        rule=row["rule"],
        extractor_version=row["extractor_version"],
        article_title=row["article_title"],
        article_source=row["article_source"],
        article_url=row["article_url"],
        published=_date(row["published"]),
        published_source=row["published_source"],
    )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
