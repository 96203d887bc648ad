"""/timeline.json: the assembled timeline, one entry per happening with every report of it, while
GeoJSON and CSV keep one record per stored event."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from geodata.gazetteer import default_gazetteer
from timeline.articles import Article, content_id
from timeline.events import Event
from timeline.intervals import Interval
from timeline.query import Query
from timeline.store import Store, StoredPlace
from web import create_app

NEW_YEAR = Interval(date(2018, 1, 1), date(2018, 1, 1), "day", "on January 1")


def year(y: int) -> Interval:
    return Interval(date(y, 1, 1), date(y, 12, 31), "year", f"in {y}")


def place(name: str):
    return default_gazetteer().lookup(name)[0]


def report(title: str, published: date, statements: list[tuple[str, dict]]) -> tuple[Article, list[Event]]:
    """An article whose body is its statements, one event each (facts in `fields`)."""
    text = " ".join(quote for quote, _ in statements)
    article = Article(
        id=content_id(title, text),
        title=title,
        text=text,
        source="Test Wire",
        url=f"https://news.example/{published.isoformat()}",
        published=published,
        published_source="given",
    )
    events = []
    for quote, fields in statements:
        start = text.index(quote)
        events.append(Event(quote=quote, span=(start, start + len(quote)), article_id=article.id, **fields))
    return article, events


def arrest(where: str, count: int, qualifier: str | None = None) -> dict:
    located = place(where)
    return {
        "type": "arrest",
        "interval": NEW_YEAR,
        "places": [located],
        "lon": located.point.x,
        "lat": located.point.y,
        "geoprecision": located.geoprecision,
        "count": count,
        "count_qualifier": qualifier,
        "rule": "arrest:test",
    }


def arrivals(y: int, count: int) -> dict:
    korea = place("South Korea")
    return {
        "type": "arrival_statistic",
        "interval": year(y),
        "places": [korea],
        "lon": korea.point.x,
        "lat": korea.point.y,
        "geoprecision": 4,
        "count": count,
        "rule": "arrival:test",
    }


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    """Two outlets report the same New Year arrests; two reports give the 2017 arrivals."""
    reports = [
        report(
            "Guards hold twenty on New Year's Day",
            date(2018, 1, 8),
            [
                ("Guards in Hyesan held about 20 people on January 1.", arrest("Hyesan", 20, "about")),
                ("Arrivals in the South were 1,418 in 2016.", arrivals(2016, 1418)),
            ],
        ),
        report(
            "Ryanggang arrests",
            date(2018, 1, 10),
            [("Twenty people were arrested in Ryanggang Province on January 1.", arrest("Ryanggang", 20))],
        ),
        report(
            "Arrivals hit a low",
            date(2018, 1, 15),
            [("In 2017, 1,127 people arrived in the South.", arrivals(2017, 1127))],
        ),
        report(
            "A year of arrivals",
            date(2018, 2, 1),
            [
                ("The ministry counted 1,127 arrivals in 2017.", arrivals(2017, 1127)),
                ("Guards in Yanji held 3 people on January 1.", arrest("Yanji", 3)),
            ],
        ),
    ]
    path = tmp_path / "timeline.db"
    with Store(path) as store:
        for article, events in reports:
            store.add_article(article, events, "test-1")
    return create_app({"DATABASE": str(path), "TESTING": True}).test_client()


def test_one_entry_per_happening_with_all_its_sources(client: FlaskClient) -> None:
    response = client.get("/timeline.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    entries = response.get_json()["entries"]
    assert len(entries) == 4  # 6 stored events: the arrest and the 2017 figure are each reported twice
    arrests = [e for e in entries if e["type"] == "arrest"]
    (twenty,) = [e for e in arrests if e["count"] == 20]
    assert [s["article_title"] for s in twenty["sources"]] == [
        "Guards hold twenty on New Year's Day",
        "Ryanggang arrests",
    ]
    assert [s["quote"] for s in twenty["sources"]] == [
        "Guards in Hyesan held about 20 people on January 1.",
        "Twenty people were arrested in Ryanggang Province on January 1.",
    ]
    assert {p["name"] for p in twenty["places"]} == {"Hyesan", "Ryanggang Province"}
    assert twenty["geoprecision"] == 1  # the town, the most precise report's point
    assert (twenty["start"], twenty["end"], twenty["when"]) == ("2018-01-01", "2018-01-01", "1 January 2018")
    assert twenty["count_label"] == "about 20"
    assert twenty["id"] == twenty["event_ids"][0] == twenty["sources"][0]["event_id"]
    assert twenty["sources"][1]["article_url"] == "https://news.example/2018-01-10"
    (yanji,) = [e for e in arrests if e["count"] == 3]  # same day, another town: another happening
    assert len(yanji["sources"]) == 1


def test_raw_records_stay_one_per_stored_event(client: FlaskClient) -> None:
    features = client.get("/events.geojson").get_json(force=True)["features"]
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv").get_data(as_text=True))))
    assert len(features) == len(rows) == 6
    entries = client.get("/timeline.json").get_json()["entries"]
    assert sorted(i for e in entries for i in e["event_ids"]) == sorted(f["id"] for f in features)


def test_yearly_figures_form_a_series(client: FlaskClient) -> None:
    body = client.get("/timeline.json?type=arrival_statistic").get_json()
    (line,) = body["series"]
    assert (line["type"], line["places"], line["precision"]) == ("arrival_statistic", ["South Korea"], "year")
    assert [(p["start"][:4], p["count"]) for p in line["points"]] == [("2016", 1418), ("2017", 1127)]
    by_id = {e["id"]: e for e in body["entries"]}
    assert len(by_id[line["points"][1]["entry"]]["sources"]) == 2


def test_filters_apply_before_assembly(client: FlaskClient) -> None:
    entries = client.get("/timeline.json?place=Yanggang").get_json()["entries"]
    (entry,) = entries  # the Hyesan report lies in Ryanggang too, so both sources come with it
    assert len(entry["sources"]) == 2
    assert client.get("/timeline.json?datetime=2019").get_json() == {"entries": [], "series": []}


@pytest.mark.parametrize("query", ["place=Atlantis", "bbox=1,2,3", "x=1"])
def test_bad_filters_are_400(client: FlaskClient, query: str) -> None:
    response = client.get(f"/timeline.json?{query}")
    assert response.status_code == 400 and response.get_json()["status"] == 400


def test_map_page_links_the_timeline_with_its_filters(client: FlaskClient) -> None:
    html = client.get("/?type=arrest").get_data(as_text=True)
    assert '"timeline": "/timeline.json?type=arrest"' in html
    assert 'href="/timeline.json?type=arrest"' in html


def test_stored_event_back_to_an_event(client: FlaskClient, tmp_path: Path) -> None:
    with Store(tmp_path / "timeline.db") as store:
        stored = store.events(Query(types=("arrest",), place="Hyesan"))[0]
    event = stored.to_event(default_gazetteer())
    assert event.places == [place("Hyesan")] and event.places[0].parent == place("Ryanggang").id
    assert (event.article_id, event.quote, event.span, event.count) == (
        stored.article_id,
        stored.quote,
        stored.span,
        stored.count,
    )
    lost = StoredPlace("old:id", "Old Town", "city", "KP").to_place(default_gazetteer())
    assert (lost.id, lost.name, lost.kind, lost.country, lost.parent) == (
        "old:id",
        "Old Town",
        "city",
        "KP",
        None,
    )
