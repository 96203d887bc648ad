"""The Flask app through its test client: settings, the map page, CSV, errors and security headers."""

from __future__ import annotations

import base64
import csv
import doctest
import hashlib
import io
import re
from datetime import date
from pathlib import Path

import folium
import pytest
from flask import Flask

from timeline.articles import Article, content_id
from timeline.events import Event
from timeline.intervals import Interval
from timeline.store import Store
from web import assets, config, create_app, csvtable, labels, security
from web.app import error_response

LOCAL_URL = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


def test_settings_layer_defaults_env_and_mapping(monkeypatch, tmp_path: Path) -> None:
    assert create_app().config["DATABASE"] == "eventatlas.db"
    monkeypatch.setenv("EVENTATLAS_DATABASE", str(tmp_path / "env.db"))
    monkeypatch.setenv("EVENTATLAS_FRAME_ANCESTORS", "https://news.example")
    app = create_app()
    assert app.config["DATABASE"] == str(tmp_path / "env.db")
    assert app.config["FRAME_ANCESTORS"] == "https://news.example"
    assert create_app({"DATABASE": "given.db"}).config["DATABASE"] == "given.db"


def test_every_setting_has_help_and_env_name() -> None:
    for setting in config.SETTINGS:
        assert setting.help and setting.env == f"EVENTATLAS_{setting.name}"
    assert {s.name for s in config.SETTINGS} >= {"DATABASE", "TILES", "FRAME_ANCESTORS", "BASE_URL"}


def test_no_app_or_store_at_import(tmp_path: Path) -> None:
    """Creating an app touches no database; the first request creates it."""
    path = tmp_path / "later.db"
    client = create_app({"DATABASE": str(path)}).test_client()
    assert not path.exists()
    assert client.get("/events.geojson").status_code == 200
    assert path.exists()


def test_map_page(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert 'class="folium-map"' in html
    assert "EventAtlas.show(" in html
    assert '"/events.geojson"' in html  # data is fetched ...
    assert "Police in Hyesan" not in html  # ... never inlined
    assert "All events" in html
    assert "GeoNames" in html and "CC BY 4.0" in html and "Natural Earth" in html


def test_page_loads_only_local_files(client) -> None:
    html = client.get("/").get_data(as_text=True)
    urls = LOCAL_URL.findall(html)
    scripts = [u for u in urls if u.endswith(".js")]
    assert "/static/vendor/leaflet/leaflet.js" in scripts
    assert "/static/vendor/leaflet-timedimension/leaflet.timedimension.min.js" in scripts
    for url in urls:
        if url.startswith("http"):
            assert url in ("https://www.geonames.org/", "https://www.naturalearthdata.com/"), url
            continue
        assert url.startswith("/"), url
        if url.startswith("/static/vendor/") and assets.missing():
            continue
        assert client.get(url).status_code == 200, url
    for dropped in ("jquery", "bootstrap", "awesome", "cdn."):
        assert dropped not in html.lower()


@pytest.mark.skipif(bool(assets.missing()), reason="front-end assets missing: run `make assets`")
def test_static_assets_are_served(client) -> None:
    for asset in assets.ASSETS:
        if not asset.target.endswith("images"):
            response = client.get("/static/" + asset.static_path)
            assert response.status_code == 200, asset.target
            response.close()
    assert client.get("/static/eventatlas-map.js").status_code == 200


def test_assets_install_from_node_modules(tmp_path: Path) -> None:
    node_modules, vendor = tmp_path / "node_modules", tmp_path / "vendor"
    for asset in assets.ASSETS:
        source = node_modules / asset.package / asset.source
        if asset.target.endswith("images"):
            source.mkdir(parents=True, exist_ok=True)
            (source / "layers.png").write_bytes(b"png")
        else:
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_text(asset.target)
    assert len(assets.missing(vendor)) == len(assets.ASSETS)
    assert assets.main(["--node-modules", str(node_modules), "--vendor", str(vendor)]) == 0
    assert assets.missing(vendor) == []
    assert (vendor / "leaflet/leaflet.js").read_text() == "leaflet/leaflet.js"
    assert (vendor / "leaflet/images/layers.png").exists()


def test_assets_need_npm_first(tmp_path: Path, capsys) -> None:
    assert assets.main(["--node-modules", str(tmp_path / "none"), "--vendor", str(tmp_path / "v")]) == 1
    assert "run `npm ci` first" in capsys.readouterr().err


def test_page_says_when_assets_are_missing(client, monkeypatch) -> None:
    monkeypatch.setattr(assets, "VENDOR", Path("/nonexistent"))
    assert "run `make assets`" in client.get("/").get_data(as_text=True)


def test_folium_class_defaults_stay_untouched(client) -> None:
    before = list(folium.Map.default_js), list(folium.Map.default_css)
    client.get("/")
    assert (folium.Map.default_js, folium.Map.default_css) == before
    assert any("cdn" in url for _, url in folium.Map.default_js)  # ours are per map


def test_description_is_escaped(client) -> None:
    html = client.get("/", query_string={"place": "<script>x</script>", "type": "arrest"}).get_data(
        as_text=True
    )
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Events: type arrest; at &lt;script&gt;" in html


def test_page_links_data_with_the_same_filters(client) -> None:
    html = client.get("/?type=arrest&datetime=2018-01&place=Hyesan").get_data(as_text=True)
    geojson = re.search(r'"geojson": "([^"]+)"', html).group(1)
    assert "type=arrest" in geojson and "place=Hyesan" in geojson and "datetime=2018-01-01" in geojson


def test_places_overlay_is_geojson_fetched_not_inlined(client) -> None:
    html = client.get("/").get_data(as_text=True)
    assert '"places": "/places.geojson"' in html
    response = client.get("/places.geojson")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    assert len(response.data) < 300_000  # fetched on every visit: it must stay light
    body = response.get_json(force=True)
    assert body["type"] == "FeatureCollection" and "crs" not in body and len(body["bbox"]) == 4
    names = {f["properties"]["name"] for f in body["features"]}
    assert {"Ryanggang Province", "Jilin Province", "Yalu River", "China–North Korea border"} <= names
    for feature in body["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["coordinates"]
        assert feature["properties"]["name"] not in html  # the page carries no shape data
    assert response.headers["Content-Security-Policy"] == security.API_POLICY


def test_places_overlay_is_revalidated_by_etag(client) -> None:
    first = client.get("/places.geojson")
    assert "no-cache" in first.headers["Cache-Control"] and first.headers["ETag"]
    again = client.get("/places.geojson", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_places_overlay_refuses_filters_and_other_methods(client) -> None:
    response = client.get("/places.geojson?bbox=120,38,130,44")
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "unknown parameter 'bbox'; /places.geojson takes none",
        "status": 400,
    }
    wrong = client.post("/places.geojson")
    assert wrong.status_code == 405 and wrong.get_json()["status"] == 405


def test_map_page_bad_filter_is_400_json(client) -> None:
    response = client.get("/?bbox=1,2,3")
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "bbox needs 4 numbers minLon,minLat,maxLon,maxLat; got 3 in '1,2,3'",
        "status": 400,
    }


@pytest.mark.parametrize("path", ["/", "/events.geojson", "/events.csv", "/places.geojson"])
@pytest.mark.parametrize(
    "query",
    [
        "bbox=1,2,3",
        "bbox=0,100,1,101",
        "datetime=yesterday",
        "datetime=2018-03-01/2018-01-01",
        "limit=0",
        "x=1",
    ],
)
def test_bad_filters_are_400_json_everywhere(client, path: str, query: str) -> None:
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error", "status"} and body["status"] == 400 and body["error"]
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/events.geojson", "/events.csv"])
def test_unknown_place_is_400_naming_it(client, path: str) -> None:
    response = client.get(path, query_string={"place": "Hyesann"})
    assert response.status_code == 400
    body = response.get_json()
    assert body["status"] == 400 and body["error"].startswith("unknown place 'Hyesann'")


def test_place_alias_over_http(client) -> None:
    features = client.get("/events.geojson?place=Yenji").get_json(force=True)["features"]
    assert [f["properties"]["type"] for f in features] == ["repatriation"]


def test_unknown_route_and_method_are_json(client) -> None:
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and missing.get_json()["status"] == 404
    wrong = client.post("/events.geojson")
    assert wrong.status_code == 405 and wrong.get_json()["status"] == 405
    assert "GET" in wrong.headers["Allow"]


def test_unexpected_error_is_500_json_without_traceback(tmp_path: Path) -> None:
    directory = tmp_path / "a-directory.db"
    directory.mkdir()  # SQLite cannot open a directory
    app = create_app({"DATABASE": str(directory)})
    response = app.test_client().get("/events.geojson")
    assert response.status_code == 500
    assert response.get_json() == {"error": response.get_json()["error"], "status": 500}
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "sqlite3" not in text


def test_error_shape(app: Flask) -> None:
    with app.app_context():
        response = error_response("nope", 418)
    assert response.status_code == 418 and response.get_json() == {"error": "nope", "status": 418}


def test_csv_has_same_events_and_filters(client) -> None:
    response = client.get("/events.csv?type=arrest")
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["type"] for r in rows] == ["arrest", "arrest"]
    assert rows[0]["places"] == "Hoeryŏng" and rows[0]["count_label"] == "30–40"
    assert rows[1]["places"] == "Hyesan; Ryanggang Province"
    assert rows[1]["place_ids"] == "test:hyesan; test:ryanggang"
    assert rows[1]["quote"].startswith("Police in Hyesan (혜산)")
    all_rows = list(csv.DictReader(io.StringIO(client.get("/events.csv").get_data(as_text=True))))
    assert len(all_rows) == len(client.get("/events.geojson").get_json(force=True)["features"]) == 7


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_a_formula(db_path: Path, start: str) -> None:
    """OWASP's CSV injection guard: text a spreadsheet would run as a formula gets a leading apostrophe."""
    formula = f'{start}HYPERLINK("https://evil.example","click")'
    text = f"{formula} Guards held two people near the river."
    article = Article(
        id=content_id(formula, text), title=formula, text=text, source=formula, url="", published=None
    )
    event = Event(type="arrest", quote=text, span=(0, len(text)), article_id=article.id, lon=-179.5, lat=-1.5)
    with Store(db_path) as store:
        store.add_article(article, [event], "test-1")
    app = create_app({"DATABASE": str(db_path)})
    body = app.test_client().get("/events.csv?bbox=-180,-2,-179,0").get_data(as_text=True)
    (row,) = csv.DictReader(io.StringIO(body))
    for column in ("quote", "article_title", "article_source"):
        assert row[column].startswith("'" + start), column
        assert row[column][1:].startswith(formula), column  # the text itself is kept whole
    assert (row["lon"], row["lat"]) == ("-179.5", "-1.5")  # numbers stay numbers


def test_csv_cell_guard_leaves_plain_values() -> None:
    assert csvtable.cell("Police in Hyesan") == "Police in Hyesan"
    assert csvtable.cell("'=already quoted") == "'=already quoted"
    assert csvtable.cell(-3.5) == -3.5 and csvtable.cell(None) == ""


def test_api_is_open_to_other_sites(client) -> None:
    for path in ("/events.geojson", "/events.csv", "/places.geojson"):
        assert client.get(path).headers["Access-Control-Allow-Origin"] == "*"


def test_page_csp_allows_only_self_and_its_inline_code(client) -> None:
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "*"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    scripts, styles = security.inline_hashes(response.get_data(as_text=True))
    assert scripts and styles
    assert directives["script-src"].split() == ["'self'", *scripts]
    assert directives["style-src"].split() == ["'self'", *styles]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_api_csp_loads_nothing(client) -> None:
    policy = client.get("/events.geojson").headers["Content-Security-Policy"]
    assert policy == "default-src 'none'; frame-ancestors 'none'"


def test_tiles_and_frame_ancestors_from_config(db_path: Path) -> None:
    app = create_app(
        {
            "DATABASE": str(db_path),
            "TILES": "https://{s}.tiles.example/{z}/{x}/{y}.png",
            "TILES_ATTRIBUTION": "© Example Tiles",
            "FRAME_ANCESTORS": "https://news.example",
        }
    )
    response = app.test_client().get("/")
    html = response.get_data(as_text=True)
    assert (
        "https://{s}.tiles.example/{z}/{x}/{y}.png" in html
        and '"attribution": "\\u00a9 Example Tiles"' in html
    )
    assert "GeoNames" in html  # the data credit stays with tiles on
    assert '"basemap": null' in html  # no outlines over real tiles
    policy = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://*.tiles.example;" in policy
    assert policy.endswith("frame-ancestors https://news.example")


@pytest.mark.parametrize("tiles", ["OpenStreetMap", "ftp://tiles.example/{z}/{x}/{y}.png", "tiles/{z}.png"])
def test_tiles_must_be_none_or_a_url_template(tiles: str) -> None:
    with pytest.raises(ValueError, match="TILES must be 'none' or an http"):
        create_app({"TILES": tiles})


@pytest.mark.parametrize(
    ("template", "origin"),
    [
        ("none", None),
        ("NONE", None),
        ("", None),
        ("https://tile.example.org/{z}/{x}/{y}.png", "https://tile.example.org"),
        ("https://{s}.tile.example.org:8443/{z}/{x}/{y}.png?key=k", "https://*.tile.example.org:8443"),
        ("javascript:alert(1)", None),
    ],
)
def test_tile_origin(template: str, origin: str | None) -> None:
    assert security.tile_origin(template) == origin


def test_inline_hashes_skip_external_scripts() -> None:
    html = '<script src="/a.js"></script><script>var a = 1;</script><STYLE media="all">p{}</STYLE>'
    scripts, styles = security.inline_hashes(html)
    assert scripts == [f"'sha256-{_sha256('var a = 1;')}'"]
    assert styles == [f"'sha256-{_sha256('p{}')}'"]


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_label_doctests() -> None:
    assert doctest.testmod(labels).failed == 0


@pytest.mark.parametrize(
    ("interval", "published", "label"),
    [
        (Interval(date(2018, 1, 5), date(2018, 1, 5), "day"), None, "5 January 2018"),
        (Interval(date(2018, 1, 1), date(2018, 1, 7), "week"), None, "1–7 January 2018"),
        (
            Interval(date(2017, 12, 1), date(2018, 2, 28), "season"),
            None,
            "1 December 2017 – 28 February 2018",
        ),
        (Interval(date(2015, 1, 1), date(2015, 4, 30), "range"), None, "1 January – 30 April 2015"),
        (Interval(date(2017, 1, 1), date(2017, 12, 31), "year"), None, "2017"),
        (Interval(date(2017, 10, 1), None, "range"), None, "since 1 October 2017"),
        (Interval(None, date(2017, 10, 1), "range"), None, "until 1 October 2017"),
        (Interval(precision="recurring", from_month=12, to_month=2), date(2018, 1, 8), "every Dec–Feb"),
        (Interval(precision="recurring", from_month=3, to_month=3), None, "every Mar"),
        (Interval(), date(2018, 1, 8), "reported on 8 January 2018"),
        (Interval(), None, "date unknown"),
    ],
)
def test_when_label(interval: Interval, published: date | None, label: str) -> None:
    assert labels.when_label(interval, published) == label


@pytest.mark.parametrize(
    ("args", "label"),
    [
        ((10, None, None, None), "10"),
        ((1127, None, None, None), "1,127"),
        ((35, None, None, "about"), "about 35"),
        ((None, 30, 40, None), "30–40"),
        ((None, 100, None, None), "at least 100"),
        ((None, None, 20, None), "up to 20"),
        ((None, None, None, None), ""),
    ],
)
def test_count_label(args, label: str) -> None:
    assert labels.count_label(*args) == label
