"""Shared fixtures: a small timeline written for the tests, a store holding it, the web app over that
store, a test client, a live server on a free loopback port and a headless Chromium page.

The reports below are written for the tests in our own words. Their texts carry the characters
that break naive pages: markup, apostrophes, Hangul and Hanzi.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from shapely.geometry import Point
from werkzeug.serving import make_server

from geodata.places import Place
from timeline.articles import Article, content_id
from timeline.events import Event
from timeline.intervals import Interval
from timeline.store import Store
from web import create_app

EXTRACTOR = "test-1"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's; `make test` installs it
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = "<script>alert('x')</script>"

HYESAN = Place("test:hyesan", "Hyesan", "city", "KP", Point(128.18, 41.40), aliases=("혜산", "惠山"))
RYANGGANG = Place("test:ryanggang", "Ryanggang Province", "province", "KP", Point(128.3, 41.3))
YANJI = Place("test:yanji", "Yanji", "city", "CN", Point(129.51, 42.89), aliases=("延吉",))
JILIN = Place("test:jilin", "Jilin Province", "province", "CN", Point(126.5, 43.5))
HOERYONG = Place("test:hoeryong", "Hoeryŏng", "city", "KP", Point(129.75, 42.44))
SEOUL = Place("test:seoul", "South Korea", "country", "KR", Point(127.0, 37.5))


def _article(title: str, text: str, published: date | None, url: str = "") -> Article:
    return Article(
        id=content_id(title, text),
        title=title,
        text=text,
        source="Test Wire",
        url=url,
        published=published,
        published_source="given" if published else "unknown",
    )


def _event(article: Article, quote: str, **fields) -> Event:
    start = article.text.index(quote)
    return Event(quote=quote, span=(start, start + len(quote)), article_id=article.id, rule="test", **fields)


def make_reports() -> list[tuple[Article, list[Event]]]:
    """Three reports, seven events: every precision the map labels, located and unlocated events."""
    first = _article(
        f"Border guards' night raid {HOSTILE}",
        "Police in Hyesan (혜산) detained ten people on 5 January by the river. "
        f"A resident quoted the slogan {HOSTILE} painted near the post. "
        "Every winter, from December until the Lunar New Year, patrols double along the river.",
        date(2018, 1, 8),
        url="https://news.example/raid",
    )
    second = _article(
        "Returns from Yanji",
        "About 35 people held in Yanji (延吉) were sent back in March 2017. "
        "Between 30 and 40 more were caught near Hoeryŏng in late 2016. "
        "Brokers were fined 20,000 yuan.",
        date(2017, 4, 2),
    )
    third = _article(
        "Arrivals counted",
        "Arrivals in South Korea numbered 1,127 in 2017. Officials also spoke of crossings.",
        None,
    )
    return [
        (
            first,
            [
                _event(
                    first,
                    "Police in Hyesan (혜산) detained ten people on 5 January by the river.",
                    type="arrest",
                    interval=Interval(date(2018, 1, 5), date(2018, 1, 5), "day", "on 5 January"),
                    places=[HYESAN, RYANGGANG],
                    lon=128.18,
                    lat=41.40,
                    geoprecision=1,
                    count=10,
                ),
                _event(
                    first,
                    f"A resident quoted the slogan {HOSTILE} painted near the post.",
                    type="crossing_attempt",
                    places=[RYANGGANG],
                    lon=128.3,
                    lat=41.3,
                    geoprecision=3,
                ),
                _event(
                    first,
                    "Every winter, from December until the Lunar New Year, patrols double along the river.",
                    type="crackdown",
                    interval=Interval(precision="recurring", text="Every winter", from_month=12, to_month=2),
                    places=[RYANGGANG],
                    lon=128.25,
                    lat=41.2,
                    geoprecision=3,
                ),
            ],
        ),
        (
            second,
            [
                _event(
                    second,
                    "About 35 people held in Yanji (延吉) were sent back in March 2017.",
                    type="repatriation",
                    interval=Interval(date(2017, 3, 1), date(2017, 3, 31), "month", "in March 2017"),
                    places=[YANJI, JILIN],
                    lon=129.51,
                    lat=42.89,
                    geoprecision=1,
                    count=35,
                    count_qualifier="about",
                ),
                _event(
                    second,
                    "Between 30 and 40 more were caught near Hoeryŏng in late 2016.",
                    type="arrest",
                    interval=Interval(date(2016, 9, 1), date(2016, 12, 31), "range", "in late 2016"),
                    places=[HOERYONG],
                    lon=129.75,
                    lat=42.44,
                    geoprecision=2,
                    count_min=30,
                    count_max=40,
                ),
                _event(second, "Brokers were fined 20,000 yuan.", type="fine", amount="20,000 yuan"),
            ],
        ),
        (
            third,
            [
                _event(
                    third,
                    "Arrivals in South Korea numbered 1,127 in 2017.",
                    type="arrival_statistic",
                    interval=Interval(date(2017, 1, 1), date(2017, 12, 31), "year", "in 2017"),
                    places=[SEOUL],
                    lon=127.0,
                    lat=37.5,
                    geoprecision=4,
                    count=1127,
                ),
            ],
        ),
    ]


@pytest.fixture(autouse=True)
def _no_eventatlas_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see only the settings they give: none leak in from the shell's EVENTATLAS_* variables."""
    for name in [n for n in os.environ if n.startswith("EVENTATLAS_")]:
        monkeypatch.delenv(name)


@pytest.fixture
def reports() -> list[tuple[Article, list[Event]]]:
    return make_reports()


@pytest.fixture
def db_path(tmp_path: Path, reports: list[tuple[Article, list[Event]]]) -> Path:
    path = tmp_path / "atlas.db"
    with Store(path) as store:
        for article, events in reports:
            store.add_article(article, events, EXTRACTOR)
    return path


@pytest.fixture
def app(db_path: Path) -> Flask:
    return create_app({"DATABASE": str(db_path), "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """The app served on 127.0.0.1 at a free port, in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    with serving(app) as url:
        yield url


@contextmanager
def chromium_page() -> Iterator:
    """A headless Chromium page that records every request URL (`page.requests`), console error and
    page error (`page.errors`) and dismisses and records dialogs (`page.dialogs`)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.requests = []
            page.errors = []
            page.dialogs = []
            page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
            page.on("request", lambda request: page.requests.append(request.url))
            page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
            page.on("pageerror", lambda error: page.errors.append(str(error)))
            yield page
        finally:
            browser.close()
