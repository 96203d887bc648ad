"""Data endpoints: the stored events as GeoJSON and CSV (one record per stored event, with its
source) and the assembled timeline as JSON (one entry per happening, with all its sources), all
under the same filters as the pages."""

from __future__ import annotations

from flask import Blueprint, Response, request

from timeline.query import Query
from web import formats
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


def _download(fmt: str) -> Response:
    events = get_store().events(Query.from_args(request.args))
    return Response(formats.render(fmt, events), content_type=formats.MEDIA_TYPES[fmt])


@bp.after_request
def allow_cross_origin(response: Response) -> Response:
    """The data is public and read-only: any site's script may read it."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
