"""The path a user takes, end to end, on the bundled sample reports of `examples/`.

The real `eventatlas ingest` command stores them in a fresh SQLite file; the store answers queries
by time, box, type and place with facts the samples state; a live server gives the same answers as
RFC 7946 GeoJSON over real HTTP; and headless Chromium shows them on the map without reaching any
other host. The screenshot is saved to look at (/tmp/eventatlas-examples.png).
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from click.testing import CliRunner
from conftest import CHROMIUM, chromium_page, serving
from test_geojson import check_rfc7946

from timeline.query import BadQuery, Query
from timeline.store import Store, StoredEvent
from web import assets, create_app
from web.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCREENSHOT = Path("/tmp/eventatlas-examples.png")
NEAR_HYESAN = "127.5,40.8,128.8,41.9"  # Hyesan and the Ryanggang–Jagang stretch of the Yalu
# Yearly arrivals of North Koreans in South Korea that the samples state (Ministry of Unification).
ARRIVALS = {
    2011: 2706,
    2012: 1502,
    2013: 1514,
    2014: 1397,
    2015: 1275,
    2016: 1418,
    2017: 1127,
    2019: 1047,
    2020: 229,
    2021: 63,
    2022: 67,
    2023: 196,
}
# Filters a user would try; over HTTP each must give what the store gives.
FILTERS = [
    {},
    {"datetime": "2017"},
    {"datetime": "2018-01"},
    {"datetime": "2019-01-15"},  # only the recurring winter windows
    {"datetime": "2023-10/.."},
    {"bbox": NEAR_HYESAN},
    {"bbox": NEAR_HYESAN, "type": "arrest", "datetime": "2017-12-31/2018-01-31"},
    {"type": "arrival_statistic"},
    {"type": "crackdown,fine"},
    {"place": "South Korea", "datetime": "2017"},
    {"place": "Ryanggang"},
    {"place": "Yenji"},
    {"place": "Tuman River"},
    {"place": "Heilongjiang"},
    {"place": "Northeast China"},
    {"limit": "3"},
]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("e2e") / "examples.db"
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--database", str(path)])
    assert result.exit_code == 0, result.output
    reports = len(list(EXAMPLES.glob("*.txt")))
    assert f"{reports} stored, 0 skipped (already stored), 0 failed" in result.output
    return path


@pytest.fixture(scope="module")
def server(database: Path) -> Iterator[str]:
    with serving(create_app({"DATABASE": str(database), "TILES": "none"})) as url:
        yield url


def events(database: Path, **filters: str) -> list[StoredEvent]:
    with Store(database) as store:
        return store.events(Query.from_args(filters))


def get_json(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["Content-Type"], json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers["Content-Type"], json.load(error)


def test_ingest_again_stores_nothing_new(database: Path) -> None:
    with Store(database) as store:
        before = store.count()
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--database", str(database)])
    reports = len(list(EXAMPLES.glob("*.txt")))
    assert result.exit_code == 0 and f"\n0 stored, {reports} skipped" in result.output
    with Store(database) as store:
        assert store.count() == before and before["articles"] == len(list(EXAMPLES.glob("*.txt")))


def test_arrivals_in_2017(database: Path) -> None:
    (arrivals,) = events(database, type="arrival_statistic", datetime="2017")
    assert arrivals.count == 1127
    assert (arrivals.interval.start, arrivals.interval.end) == (date(2017, 1, 1), date(2017, 12, 31))
    assert "South Korea" in [p.name for p in arrivals.places]
    assert arrivals.geoprecision == 4  # a country only
    assert "1,127" in arrivals.quote and arrivals.article_source.startswith("Event Atlas sample")
    assert [e.id for e in events(database, place="South Korea", datetime="2017")] == [arrivals.id]


def test_yearly_arrivals_2011_to_2023(database: Path) -> None:
    found = {
        e.interval.start.year: e.count
        for e in events(database, type="arrival_statistic", place="South Korea")
        if e.interval.precision == "year"
    }
    assert found == ARRIVALS


def test_arrests_near_hyesan_in_january_2018(database: Path) -> None:
    found = events(database, bbox=NEAR_HYESAN, type="arrest", datetime="2018-01")
    assert found and all(e.type == "arrest" for e in found)
    # "In Ryanggang Province alone, 20 people were arrested on January 1"
    twenty = [e for e in found if e.count == 20]
    assert len(twenty) == 1
    assert twenty[0].interval.start == twenty[0].interval.end == date(2018, 1, 1)
    assert "Ryanggang Province" in [p.name for p in twenty[0].places]
    # the family from Hyesan, held on New Year's Eve, is found by its province's name
    new_years_eve = events(database, place="Ryanggang", type="arrest", datetime="2017-12-31")
    assert any("Hyesan" in [p.name for p in e.places] for e in new_years_eve)
    assert events(database, bbox="120,30,125,35", type="arrest", datetime="2018-01") == []


def test_winter_special_investigation_recurs_every_year(database: Path) -> None:
    (window,) = [e for e in events(database, type="crackdown") if e.interval.precision == "recurring"]
    interval = window.interval
    assert (interval.precision, interval.from_month, interval.to_month) == ("recurring", 12, 2)
    assert interval.start is None and interval.end is None  # no year: it recurs
    names = [p.name for p in window.places]
    assert {"Liaoning Province", "Jilin Province", "Heilongjiang Province"} <= set(names)
    for winter_day in ("2015-12-20", "2019-01-15", "2031-02-03"):
        assert window.id in [e.id for e in events(database, datetime=winter_day)]
    assert window.id not in [e.id for e in events(database, datetime="2019-07")]
    for province in ("Liaoning", "Jilin", "Heilongjiang", "Northeast China"):
        assert window.id in [e.id for e in events(database, place=province)]


def test_places_by_other_names(database: Path) -> None:
    yanji = events(database, place="Yenji")
    assert yanji and all("Yanji" in [p.name for p in e.places] for e in yanji)
    assert [e.id for e in events(database, place="延吉")] == [e.id for e in yanji]
    for event in events(database, place="Tuman River"):
        assert "Tumen River" in [p.name for p in event.places]
    with pytest.raises(BadQuery, match="unknown place 'Atlantis'"):
        events(database, place="Atlantis")


def test_mass_repatriation_of_october_2023(database: Path) -> None:
    (returned,) = events(database, type="repatriation", datetime="2023-10-09")
    assert returned.count == 500 and returned.interval.precision == "day"
    assert returned.published == date(2023, 10, 13)


def test_geojson_over_http_is_rfc7946_with_sources(server: str, database: Path) -> None:
    status, content_type, collection = get_json(server + "/events.geojson")
    assert status == 200 and content_type == "application/geo+json"
    check_rfc7946(collection)
    features = collection["features"]
    with Store(database) as store:
        assert len(features) == store.count()["events"]
    for item in features:
        properties = item["properties"]
        assert properties["quote"] and properties["article_id"] and properties["article_title"]
        assert properties["article_source"].startswith("Event Atlas sample")
        assert properties["article_url"].startswith("https://")
        if item["geometry"]:
            lon, lat = item["geometry"]["coordinates"]
            assert 115 < lon < 135 and 33 < lat < 50, item  # the Korean peninsula and northeast China
            assert (round(properties["lon"], 6), round(properties["lat"], 6)) == (lon, lat)


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: urlencode(f) or "all")
def test_http_filters_match_the_store(server: str, database: Path, filters: dict) -> None:
    status, _, collection = get_json(f"{server}/events.geojson?{urlencode(filters)}")
    assert status == 200, collection
    check_rfc7946(collection)
    assert [f["id"] for f in collection["features"]] == [e.id for e in events(database, **filters)]


def test_timeline_over_http_has_the_yearly_arrivals(server: str, database: Path) -> None:
    status, content_type, body = get_json(server + "/timeline.json?place=South%20Korea")
    assert (status, content_type) == (200, "application/json")
    (line,) = [s for s in body["series"] if s["type"] == "arrival_statistic" and s["precision"] == "year"]
    assert {int(p["start"][:4]): p["count"] for p in line["points"]} == ARRIVALS
    stored = {e.id for e in events(database, place="South Korea")}
    assert {i for entry in body["entries"] for i in entry["event_ids"]} == stored
    for entry in body["entries"]:
        assert entry["sources"] and all(s["quote"] and s["article_title"] for s in entry["sources"])


def test_http_unknown_place_is_400(server: str) -> None:
    status, content_type, body = get_json(server + "/events.geojson?place=Atlantis")
    assert (status, content_type) == (400, "application/json")
    assert body["error"].startswith("unknown place 'Atlantis'")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (/usr/bin/chromium)")
@pytest.mark.skipif(bool(assets.missing()), reason="front-end assets missing: run `make assets`")
def test_map_of_the_examples_in_chromium(server: str, database: Path, tmp_path: Path) -> None:
    located = [e for e in events(database) if e.lon is not None]
    with chromium_page() as page:
        page.goto(server + "/")
        page.wait_for_selector("path.ea-marker")
        page.wait_for_function("document.getElementById('ea-status').textContent.includes('events')")
        page.wait_for_load_state("networkidle")
        assert _events_shown(page) == len(located)
        assert f"Arrival statistic ({len(ARRIVALS)})" in page.locator(".ea-legend").inner_text()
        assert page.locator(".leaflet-bar-timecontrol").count() == 1
        status = page.locator("#ea-status").inner_text()
        assert status.startswith(f"{len(events(database))} events")
        shot = tmp_path / "examples.png"
        page.screenshot(path=str(shot))
        shutil.copyfile(shot, SCREENSHOT)
        hosts = {urlsplit(url).netloc for url in page.requests if not url.startswith("data:")}
        assert hosts == {urlsplit(server).netloc}, page.requests
        assert page.errors == []
    assert shot.stat().st_size > 10_000


def _events_shown(page) -> int:
    """Markers plus the events inside groups, read once the zoom and grouping animations are over
    (while they run, the old and the new group icons are both in the page)."""
    page.wait_for_function("() => !document.querySelector('.leaflet-cluster-anim, .leaflet-zoom-anim')")
    return page.evaluate(
        """() => document.querySelectorAll('path.ea-marker').length +
        [...document.querySelectorAll('.ea-cluster')].reduce((n, el) => n + parseInt(el.textContent, 10), 0)"""
    )
