"""The map page in headless Chromium (Debian's), against a live local server and a small store.

It checks what a person would: the map and its markers appear, popups show the report's text as
written (markup, apostrophes, Hangul, Hanzi), the region's provinces, rivers and border lie under
the markers and name themselves on hover, nothing is requested from any host but the local server,
and the console stays free of errors. It saves a screenshot to look at.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from conftest import CHROMIUM, EXTRACTOR, HOSTILE, YANJI, chromium_page

from timeline.articles import Article, content_id
from timeline.events import Event
from timeline.intervals import Interval
from timeline.store import Store
from web import assets

SCREENSHOT = Path("/tmp/eventatlas-map.png")

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (/usr/bin/chromium)"),
    pytest.mark.skipif(bool(assets.missing()), reason="front-end assets missing: run `make assets`"),
]


@pytest.fixture
def page(live_server: str):
    with chromium_page() as page:
        yield page


def test_map_page_shows_events_offline(page, live_server: str, tmp_path: Path) -> None:
    page.goto(live_server + "/")
    page.wait_for_selector("path.ea-marker")
    page.wait_for_function("document.getElementById('ea-status').textContent.includes('events')")
    page.wait_for_load_state("networkidle")

    assert page.locator(".folium-map.leaflet-container").count() == 1
    # six of the seven events have a point; the three around Hyesan would hide each other at this
    # zoom and are grouped; the slider starts at the last month, so all six are on the map
    assert _events_on_map(page) == 6
    assert page.locator(".ea-cluster").inner_text() == "3"
    assert page.locator("path.ea-marker-arrest").count() == 1
    assert "7 events (1 without a location" in page.locator("#ea-status").inner_text()
    assert page.locator(".ea-legend").inner_text().count("(") == 7 - 1  # six types present
    assert "GeoNames" in page.locator(".leaflet-control-attribution").inner_text()
    assert "Natural Earth" in page.locator(".leaflet-control-attribution").inner_text()
    assert page.locator(".leaflet-bar-timecontrol").count() == 1
    _save(page, tmp_path)
    hosts = {urlsplit(url).netloc for url in page.requests if not url.startswith("data:")}
    assert hosts == {urlsplit(live_server).netloc}, page.requests
    assert any(url.split("?")[0].endswith("/events.geojson") for url in page.requests)
    assert page.errors == []


def test_popup_shows_hostile_text_as_text(page, live_server: str, tmp_path: Path) -> None:
    page.goto(live_server + "/?type=crossing_attempt")
    page.wait_for_selector("path.ea-marker-crossing_attempt")
    page.locator("path.ea-marker-crossing_attempt").click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert HOSTILE in text  # shown literally ...
    assert popup.locator("script").count() == 0  # ... never parsed as markup
    assert "Border guards' night raid" in text
    assert "reported on 8 January 2018" in text
    assert "Ryanggang Province" in text
    assert page.dialogs == []  # the quoted alert() never ran
    page.locator(".leaflet-tooltip").wait_for(state="detached")  # the popup replaces the hover label
    assert "type crossing attempt" in page.locator(".ea-filter").inner_text()
    page.screenshot(path=str(tmp_path / "popup.png"), animations="disabled")
    assert page.errors == []


def test_popup_keeps_hangul_and_hanzi(page, live_server: str) -> None:
    page.goto(live_server + "/?type=repatriation")
    page.wait_for_selector("path.ea-marker-repatriation")
    page.locator("path.ea-marker-repatriation").click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Yanji (延吉)" in text and "about 35 people" in text and "March 2017" in text
    link = popup.locator("a")
    assert link.count() == 0  # the article has no URL: no link is made up
    page.goto(live_server + "/?type=arrest&bbox=128,41,129,42")
    page.wait_for_selector("path.ea-marker-arrest")
    page.locator("path.ea-marker-arrest").click(force=True)
    popup.wait_for()
    assert "Hyesan (혜산)" in popup.inner_text()
    assert popup.locator("a").get_attribute("href") == "https://news.example/raid"
    assert page.errors == []


def test_group_opens_on_click(page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.wait_for_selector(".ea-cluster")
    assert page.locator("path.ea-marker-crackdown").count() == 0
    page.locator(".ea-cluster").click()
    page.wait_for_selector("path.ea-marker-crackdown")
    page.wait_for_function("document.querySelectorAll('path.ea-marker-crossing_attempt').length === 1")
    assert page.errors == []


def test_popup_names_other_reports_of_the_same_happening(
    page, live_server: str, db_path: Path, tmp_path: Path
) -> None:
    text = "Some 35 people detained in Yanji were returned across the river in March 2017."
    second = Article(
        id=content_id("Another outlet on the returns", text),
        title="Another outlet on the returns",
        text=text,
        url="https://other.example/returns",
        published=date(2017, 4, 5),
    )
    again = Event(
        type="repatriation",
        quote=text,
        span=(0, len(text)),
        interval=Interval(date(2017, 3, 1), date(2017, 3, 31), "month", "in March 2017"),
        places=[YANJI],
        lon=129.51,
        lat=42.89,
        geoprecision=1,
        count=35,
    )
    with Store(db_path) as store:
        store.add_article(second, [again], EXTRACTOR)
    page.goto(live_server + "/?type=repatriation")
    page.wait_for_selector(".ea-cluster")  # both reports sit at Yanji
    page.locator(".ea-cluster").click()
    page.wait_for_function("document.querySelectorAll('path.ea-marker-repatriation').length === 2")
    page.locator("path.ea-marker-repatriation").first.click(force=True)
    reports = page.locator(".leaflet-popup-content .ea-popup-reports")
    reports.wait_for()
    text = reports.inner_text()
    assert "Reported by 2 sources" in text
    title = page.locator(".leaflet-popup-content .ea-popup-source").inner_text()
    other = "Returns from Yanji" if "Another outlet" in title else "Another outlet on the returns"
    assert other in text and title.split(" — ")[0] not in text  # the popup's own source is not repeated
    page.screenshot(path=str(tmp_path / "sources.png"), animations="disabled")
    assert page.errors == []


def test_unknown_place_is_told_on_the_map(page, live_server: str) -> None:
    page.goto(live_server + "/?place=Atlantis")
    page.locator("#ea-status", has_text="Could not load events").wait_for()
    assert "unknown place 'Atlantis'" in page.locator("#ea-status").inner_text()
    assert page.locator("path.ea-marker").count() == 0
    assert all("400" in e or "Bad Request" in e for e in page.errors), page.errors  # only the 400 itself


def test_slider_hides_later_events(page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.wait_for_selector(".leaflet-bar-timecontrol")
    page.wait_for_selector(".ea-cluster")
    page.locator(".timecontrol-backward").click()
    # the 5 January 2018 arrest goes; the undated and the recurring events stay
    page.wait_for_function("document.querySelector('.ea-cluster').textContent === '2'")
    assert _events_on_map(page) == 5
    assert "Dec 2017" in page.locator(".timecontrol-date").inner_text()
    assert page.errors == []


def test_overlay_lies_under_the_markers(page, live_server: str) -> None:
    with urlopen(live_server + "/places.geojson") as response:
        overlay = json.load(response)
    kinds = [f["properties"]["kind"] for f in overlay["features"]]
    page.goto(live_server + "/?type=arrest")
    page.wait_for_selector("path.ea-marker-arrest")
    page.wait_for_selector("path.ea-place-border")
    page.wait_for_load_state("networkidle")
    for kind in ("region", "province", "river", "border"):
        drawn = page.locator(f".leaflet-ea-places-pane path.ea-place-{kind}")
        assert drawn.count() == kinds.count(kind), kind
    assert page.locator("path.ea-place-border").get_attribute("stroke-dasharray") == "5 6"
    assert page.locator("path.ea-place-province").first.get_attribute("fill-opacity") == "0"
    # Hyesan's arrest sits on the Yalu and Hoeryong's on the Tumen: the markers are on top there
    markers = page.locator("path.ea-marker-arrest")
    assert markers.count() == 2
    for i in range(2):
        box = markers.nth(i).bounding_box()
        top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).getAttribute('class')",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert "ea-marker-arrest" in top
    assert "Provinces, rivers" in page.locator(".leaflet-control-layers").inner_text()
    assert any(url.endswith("/places.geojson") for url in page.requests)
    hosts = {urlsplit(url).netloc for url in page.requests if not url.startswith("data:")}
    assert hosts == {urlsplit(live_server).netloc}, page.requests
    assert page.errors == []


def test_province_names_itself_on_hover(page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.wait_for_selector("path.ea-place-province")
    page.mouse.move(*_page_point(page, 43.3, 126.0))  # west of Jilin City, no marker near
    tooltip = page.locator(".ea-place-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text() == "Jilin Province"
    page.mouse.move(*_page_point(page, 30.0, 100.0))  # far outside the overlay
    tooltip.wait_for(state="detached")
    assert page.errors == []


def test_place_names_are_shown_as_text(page, live_server: str) -> None:
    """Whatever a gazetteer name holds, the tooltip shows it literally and never runs it."""
    name = f"{HOSTILE} <img src=x onerror=alert(1)> 혜산 惠山"
    square = [[[126, 43], [127, 43], [127, 44], [126, 44], [126, 43]]]
    overlay = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "test:square",
                "geometry": {"type": "Polygon", "coordinates": square},
                "properties": {"id": "test:square", "name": name, "kind": "province", "derived": False},
            }
        ],
    }
    page.route(
        "**/places.geojson",
        lambda route: route.fulfill(content_type="application/geo+json", body=json.dumps(overlay)),
    )
    page.goto(live_server + "/")
    page.wait_for_selector("path.ea-place-province")
    page.mouse.move(*_page_point(page, 43.5, 126.5))
    tooltip = page.locator(".ea-place-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text() == name
    assert tooltip.locator("script, img").count() == 0
    assert page.dialogs == [] and page.errors == []


def test_layer_control_hides_and_shows_the_overlay(page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.wait_for_selector("path.ea-place-river")
    box = page.locator(".leaflet-control-layers input[type=checkbox]")
    assert box.is_checked()
    box.uncheck()
    assert page.locator("path.ea-place-province, path.ea-place-river, path.ea-place-border").count() == 0
    assert _events_on_map(page) == 6  # the events stay
    box.check()
    page.wait_for_selector("path.ea-place-border")
    assert page.locator("path.ea-place-river").count() == 2
    assert page.errors == []


def _page_point(page, lat: float, lon: float) -> tuple[float, float]:
    """Where a longitude/latitude is on the page, through the folium map's own Leaflet object."""
    return tuple(
        page.evaluate(
            """([lat, lon]) => {
                const map = window[Object.keys(window).find((k) => k.startsWith("map_"))];
                const point = map.latLngToContainerPoint([lat, lon]);
                const box = map.getContainer().getBoundingClientRect();
                return [box.left + point.x, box.top + point.y];
            }""",
            [lat, lon],
        )
    )


def _events_on_map(page) -> int:
    """Markers drawn plus the events inside each numbered group."""
    grouped = sum(int(text) for text in page.locator(".ea-cluster").all_inner_texts())
    return page.locator("path.ea-marker").count() + grouped


def _save(page, tmp_path: Path) -> None:
    shot = tmp_path / "map.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    shutil.copyfile(shot, SCREENSHOT)
