"""The map page: a folium map whose script fetches the events of its filters from `/events.geojson`.

folium writes the Leaflet map and its set-up; each map gets its own lists of scripts and stylesheets
pointing at `/static/vendor` (folium's class-level defaults point at CDNs, with jQuery and Bootstrap
that this page does not use). The events are not inlined: `static/eventatlas-map.js` fetches them,
so a large timeline does not bloat the page, and it writes every text with `textContent`. It also
fetches the assembled timeline, so a popup can say that other reports state the same happening,
and the region's provinces, rivers and border (`/places.geojson`), drawn under the markers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import folium
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template
from markupsafe import Markup, escape

from web import assets

# Okabe–Ito colours (told apart with common colour blindness); other types are grey.
TYPE_COLOURS = {
    "arrest": "#D55E00",
    "crossing_attempt": "#0072B2",
    "repatriation": "#CC79A7",
    "crackdown": "#E69F00",
    "fine": "#F0E442",
    "arrival_statistic": "#009E73",
    "trafficking": "#56B4E9",
    "execution_or_punishment": "#000000",
}
OTHER_COLOUR = "#999999"
DATA_ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0); '
    'borders: <a href="https://www.naturalearthdata.com/">Natural Earth</a>'
)
MAX_ZOOM = 6
CLUSTER_RADIUS = 24  # pixels: only markers and groups that would hide each other are grouped
_LEAFLET = ("leaflet/leaflet.js", "leaflet/leaflet.css")
_PLUGIN_SCRIPTS = (
    "iso8601-js-period/iso8601.js",
    "leaflet-timedimension/leaflet.timedimension.min.js",
    "leaflet.markercluster/leaflet.markercluster.js",
    "topojson-client/topojson-client.min.js",
)
_PLUGIN_STYLES = ("leaflet.markercluster/MarkerCluster.css",)
_BASEMAP = "world-atlas/countries-50m.json"


@dataclass(frozen=True)
class MapPage:
    """What the map page needs from the request: where its data and files are, and what it shows."""

    geojson_url: str
    csv_url: str
    timeline_url: str
    description: str
    places_url: str = ""  # the overlay of provinces, rivers and border; none when empty
    tiles: str = "none"
    tiles_attribution: str = ""


class EventLayer(JSCSSMixin, MacroElement):
    """Hands the map to `EventAtlas.show`, which fetches and draws the events."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            EventAtlas.show({{ this._parent.get_name() }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, options: dict, js: list[tuple[str, str]], css: list[tuple[str, str]]) -> None:
        super().__init__()
        self._name = "EventLayer"
        self.options = options
        self.default_js = js
        self.default_css = css


def render(page: MapPage, static: Callable[[str], str]) -> str:
    """The page's HTML; `static(path)` gives the URL of a file under web/static."""
    tiles = None if page.tiles.lower() in ("", "none") else page.tiles
    fmap = folium.Map(
        location=None,
        tiles=tiles,
        attr=page.tiles_attribution or _host_attribution(page.tiles),
        max_zoom=18,
        control_scale=True,
    )
    fmap.default_js = [("leaflet", static(assets.url(_LEAFLET[0])))]
    fmap.default_css = [("leaflet_css", static(assets.url(_LEAFLET[1])))]
    options = {
        "geojson": page.geojson_url,
        "timeline": page.timeline_url,
        "places": page.places_url or None,
        "basemap": None if tiles else static(assets.url(_BASEMAP)),
        "colours": TYPE_COLOURS,
        "other_colour": OTHER_COLOUR,
        "attribution": DATA_ATTRIBUTION,
        "max_zoom": MAX_ZOOM,
        "cluster_radius": CLUSTER_RADIUS,
        "deepest_zoom": 18 if tiles else 10,  # country outlines are too coarse to zoom further
    }
    EventLayer(
        options,
        js=[(path, static(assets.url(path))) for path in _PLUGIN_SCRIPTS]
        + [("eventatlas", static("eventatlas-map.js"))],
        css=[(path, static(assets.url(path))) for path in _PLUGIN_STYLES]
        + [("eventatlas_css", static("eventatlas.css"))],
    ).add_to(fmap)
    figure = fmap.get_root()
    figure.title = "Event Atlas"
    figure.header.add_child(
        Element(f'<link rel="icon" type="image/svg+xml" href="{escape(static("favicon.svg"))}"/>'),
        name="icon",
    )
    figure.html.add_child(Element(_panel(page)), name="ea_panel", index=0)
    return figure.render()


def _panel(page: MapPage) -> str:
    status = "Loading events…"
    if assets.missing():
        status = "The map's script files are not installed: run `make assets`."
    return Markup(
        '<header class="ea-panel"><h1>Event Atlas</h1>'
        '<p class="ea-filter">{description}</p>'
        '<p class="ea-status" id="ea-status">{status}</p>'
        '<p class="ea-links">Download: <a href="{geojson}">GeoJSON</a> · <a href="{csv}">CSV</a> · '
        '<a href="{timeline}" title="one entry per happening, with every report of it">timeline</a></p>'
        "</header>"
    ).format(
        description=page.description,
        status=status,
        geojson=page.geojson_url,
        csv=page.csv_url,
        timeline=page.timeline_url,
    )


def _host_attribution(tiles: str) -> str:
    return f"Tiles: {escape(tiles.split('/')[2])}" if tiles.count("/") >= 2 else ""
