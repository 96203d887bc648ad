"""The SQLite store: schema versioning, idempotent ingest, transactions, reprocess and queries."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from conftest import EXTRACTOR, HYESAN
from shapely.geometry import Point

from geodata.places import Place
from timeline.articles import Article, content_id
from timeline.events import Event
from timeline.intervals import Interval
from timeline.query import Query
from timeline.store import SCHEMA_VERSION, BadQuery, NotFound, SchemaTooNew, Store


def types_of(events) -> list[str]:
    return sorted(e.type for e in events)


def test_new_file_gets_current_schema_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.db"
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION >= 1
        assert store.count() == {"articles": 0, "events": 0}
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "events", "event_places"} <= tables


def test_reopening_keeps_data_and_version(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.count() == {"articles": 3, "events": 7}


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNew, match="schema version"):
        Store(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert raw.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_same_report_twice_is_stored_once(db_path: Path, reports) -> None:
    article, events = reports[0]
    with Store(db_path) as store:
        assert store.add_article(article, events, EXTRACTOR) is False
        assert store.count() == {"articles": 3, "events": 7}


def test_article_round_trips_with_its_full_text(db_path: Path, reports) -> None:
    article, _ = reports[0]
    with Store(db_path) as store:
        assert store.article(article.id) == article
        assert [a.published for a in store.articles()] == [date(2017, 4, 2), date(2018, 1, 8), None]
        with pytest.raises(NotFound):
            store.article("nope")


def test_event_fields_round_trip(db_path: Path, reports) -> None:
    article, events = reports[1]
    with Store(db_path) as store:
        stored = [e for e in store.events(Query()) if e.article_id == article.id]
    assert [e.quote for e in stored] == [
        e.quote for e in sorted(events, key=lambda e: e.interval.start or date.max)
    ]
    repatriation = next(e for e in stored if e.type == "repatriation")
    original = events[0]
    assert repatriation.interval == original.interval
    assert repatriation.span == original.span
    assert [(p.id, p.name, p.kind, p.country) for p in repatriation.places] == [
        (p.id, p.name, p.kind, p.country) for p in original.places
    ]
    assert (repatriation.lon, repatriation.lat, repatriation.geoprecision) == (129.51, 42.89, 1)
    assert (repatriation.count, repatriation.count_qualifier) == (35, "about")
    assert repatriation.extractor_version == EXTRACTOR
    assert (repatriation.article_title, repatriation.published) == ("Returns from Yanji", date(2017, 4, 2))
    assert repatriation.id == f"{article.id}-0"


def test_failed_write_rolls_back_and_keeps_earlier_data(db_path: Path) -> None:
    text = "A body long enough to quote."
    article = Article(id=content_id("Broken", text), title="Broken", text=text)
    good = Event(type="arrest", quote=text, span=(0, len(text)))
    bad = Event(type="arrest", quote=text, span=None)  # type: ignore[arg-type]
    with Store(db_path) as store:
        before = store.events(Query())
        with pytest.raises(TypeError):
            store.add_article(article, [good, bad], EXTRACTOR)
        assert store.count() == {"articles": 3, "events": 7}
        assert store.events(Query()) == before
        with pytest.raises(NotFound):
            store.article(article.id)
        # The failure left no transaction open: the same article now goes in cleanly.
        assert store.add_article(article, [good], EXTRACTOR) is True
        assert store.count() == {"articles": 4, "events": 8}


def test_event_of_another_article_is_refused(tmp_path: Path) -> None:
    article = Article(id="a1", title="t", text="x")
    with Store(tmp_path / "s.db") as store, pytest.raises(ValueError, match="article"):
        store.add_article(article, [Event(type="arrest", quote="x", span=(0, 1), article_id="b2")], EXTRACTOR)


def test_replace_events_swaps_them_with_new_version(db_path: Path, reports) -> None:
    article, events = reports[0]
    kept = dataclasses.replace(events[0], type="repatriation")
    with Store(db_path) as store:
        store.replace_events(article.id, [kept], "test-2")
        mine = [e for e in store.events(Query()) if e.article_id == article.id]
        assert [(e.type, e.extractor_version) for e in mine] == [("repatriation", "test-2")]
        assert store.count() == {"articles": 3, "events": 5}
        with pytest.raises(NotFound):
            store.replace_events("missing", [], "test-2")


def test_replace_events_failure_keeps_old_events(db_path: Path, reports) -> None:
    article, _ = reports[0]
    broken = Event(type="arrest", quote="q", span=None)  # type: ignore[arg-type]
    with Store(db_path) as store:
        with pytest.raises(TypeError):
            store.replace_events(article.id, [broken], "test-2")
        assert {e.extractor_version for e in store.events(Query())} == {EXTRACTOR}
        assert store.count()["events"] == 7


def test_reprocess_while_iterating_articles(db_path: Path) -> None:
    with Store(db_path) as store:
        for article in store.articles():
            store.replace_events(article.id, [], "test-2")
        assert store.count() == {"articles": 3, "events": 0}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            {},
            [
                "arrest",
                "arrest",
                "arrival_statistic",
                "crackdown",
                "crossing_attempt",
                "fine",
                "repatriation",
            ],
        ),
        # the January 2018 arrest, the recurring Dec-Feb crackdown; undated events never match time
        ({"datetime": "2018-01"}, ["arrest", "crackdown"]),
        # a summer month: the recurring winter window does not match
        ({"datetime": "2017-07-01/2017-07-31"}, ["arrival_statistic"]),
        ({"datetime": "2017-03-15"}, ["arrival_statistic", "repatriation"]),
        ({"datetime": "2016-12-24"}, ["arrest", "crackdown"]),
        ({"datetime": "../2016-10-01"}, ["arrest", "crackdown"]),
        ({"datetime": "2018-01-06/.."}, ["crackdown"]),
        ({"type": "arrest"}, ["arrest", "arrest"]),
        ({"type": "arrest,fine"}, ["arrest", "arrest", "fine"]),
        ({"bbox": "128,41,129,42"}, ["arrest", "crackdown", "crossing_attempt"]),
        ({"bbox": "128,41,129,42", "type": "arrest"}, ["arrest"]),
        ({"place": "test:yanji"}, ["repatriation"]),
        ({"place": "ryanggang province"}, ["arrest", "crackdown", "crossing_attempt"]),
        ({"place": "Hoeryong"}, ["arrest"]),  # folded: Hoeryŏng
        ({"place": "Yenji"}, ["repatriation"]),  # the gazetteer's romanisation of Yanji
        ({"place": "延吉"}, ["repatriation"]),
        ({"place": "Jilin"}, ["repatriation"]),  # the province's own event
        # the test towns are not in the gazetteer: their points put Hyesan and Hoeryŏng in North Korea
        ({"place": "North Korea"}, ["arrest", "arrest"]),
        ({"place": "Liaoning"}, []),  # a known place with no event in it
        ({"limit": "2"}, ["arrest", "arrival_statistic"]),  # the two earliest
    ],
)
def test_queries(db_path: Path, args: dict, expected: list[str]) -> None:
    with Store(db_path) as store:
        assert types_of(store.events(Query.from_args(args))) == expected


def test_events_come_in_time_order(db_path: Path) -> None:
    with Store(db_path) as store:
        starts = [e.interval.start for e in store.events(Query())]
    dated = [s for s in starts if s]
    assert dated == sorted(dated)
    assert starts[: len(dated)] == dated  # undated and recurring last


def test_bbox_across_antimeridian(tmp_path: Path) -> None:
    text = "Two reports, one each side of the date line."
    article = Article(id=content_id("Pacific", text), title="Pacific", text=text)
    east = Place("test:e", "East", "city", None, Point(179.5, 10))
    events = [
        Event(type="arrest", quote=text, span=(0, len(text)), places=[east], lon=179.5, lat=10),
        Event(type="fine", quote=text, span=(0, len(text)), lon=-179.5, lat=10),
        Event(type="crackdown", quote=text, span=(0, len(text)), lon=0, lat=10),
    ]
    with Store(tmp_path / "p.db") as store:
        store.add_article(article, events, EXTRACTOR)
        assert types_of(store.events(Query(bbox=(179.0, 0.0, -179.0, 20.0)))) == ["arrest", "fine"]


def test_place_by_alias_goes_through_the_gazetteer(db_path: Path) -> None:
    """Stored events keep id, name, kind and country; aliases come from the gazetteer."""
    with Store(db_path) as store:
        assert types_of(store.events(Query(place=HYESAN.aliases[0]))) == ["arrest"]  # 혜산
        assert types_of(store.events(Query(place=HYESAN.name))) == ["arrest"]


@pytest.mark.parametrize("place", ["Nowhere", "Hyesann", "ne1:XX99"])
def test_unknown_place_is_a_bad_query(db_path: Path, place: str) -> None:
    with Store(db_path) as store, pytest.raises(BadQuery, match=f"unknown place {place!r}"):
        store.events(Query(place=place))


def test_place_known_only_to_the_store_still_filters(tmp_path: Path) -> None:
    text = "Guards held a man at the village ford."
    article = Article(id=content_id("Ford", text), title="Ford", text=text)
    ford = Place("local:ford-1", "Old Ford Village", "city", "KP", Point(128.0, 41.0))
    with Store(tmp_path / "f.db") as store:
        store.add_article(article, [Event(type="arrest", quote=text, span=(0, 5), places=[ford])], "v")
        assert types_of(store.events(Query(place="old ford village"))) == ["arrest"]
        assert types_of(store.events(Query(place="local:ford-1"))) == ["arrest"]


def test_interval_dates_survive_precisions(tmp_path: Path) -> None:
    text = "Something happened since October."
    article = Article(id=content_id("Open", text), title="Open", text=text, published=date(2018, 1, 8))
    since = Interval(date(2017, 10, 1), None, "range", "since October")
    with Store(tmp_path / "o.db") as store:
        store.add_article(article, [Event(type="arrest", quote=text, span=(0, 5), interval=since)], "v")
        (stored,) = store.events(Query(start=date(2030, 1, 1)))
        assert stored.interval == since
