"""Data endpoints: the stored events as GeoJSON and CSV (one record per stored event, with its
source) and the assembled timeline as JSON (one entry per happening, with all its sources), all
under the same filters as the pages; and the region's provinces, rivers and border that the map
draws under the events (`/places.geojson`, the same for every request)."""

from __future__ import annotations

from flask import Blueprint, Response, request

from geodata.shapes import overlay_geojson
from timeline.query import BadQuery, Query
from web import formats, geojson
from web.db import get_store

bp = Blueprint("api", __name__)


@bp.get("/events.geojson")
def events_geojson() -> Response:
    return _download("geojson")


@bp.get("/events.csv")
def events_csv() -> Response:
    response = _download("csv")
    response.headers["Content-Disposition"] = 'inline; filename="events.csv"'
    return response


@bp.get("/timeline.json")
def timeline_json() -> Response:
    return _download("timeline")


@bp.get("/places.geojson")
def places_geojson() -> Response:
    """The overlay takes no filter: a parameter is refused rather than silently ignored. Browsers
    revalidate it on each page load (no-cache with an ETag): a 304 costs nothing, and a rebuilt
    gazetteer shows at once."""
    if request.args:
        names = ", ".join(repr(name) for name in sorted(request.args))
        raise BadQuery(f"unknown parameter {names}; /places.geojson takes none")
    response = Response(overlay_geojson(), content_type=geojson.MEDIA_TYPE)
    response.cache_control.public = True
    response.cache_control.no_cache = True
    response.add_etag()
    return response.make_conditional(request)


def _download(fmt: str) -> Response:
    events = get_store().events(Query.from_args(request.args))
    return Response(formats.render(fmt, events), content_type=formats.MEDIA_TYPES[fmt])


@bp.after_request
def allow_cross_origin(response: Response) -> Response:
    """The data is public and read-only: any site's script may read it."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
