"""Data endpoints: the stored events as GeoJSON and CSV, under the same filters as the pages."""

from __future__ import annotations

from flask import Blueprint, Response, json, request

from timeline.query import Query
from web import csvtable, geojson
from web.db import get_store

bp = Blueprint("api", __name__)


@bp.get("/events.geojson")
def events_geojson() -> Response:
    events = get_store().events(Query.from_args(request.args))
    body = json.dumps(geojson.feature_collection(events), ensure_ascii=False)
    return Response(body, mimetype=geojson.MEDIA_TYPE)


@bp.get("/events.csv")
def events_csv() -> Response:
    events = get_store().events(Query.from_args(request.args))
    return Response(
        csvtable.csv_text(events),
        content_type=csvtable.MEDIA_TYPE,
        headers={"Content-Disposition": 'inline; filename="events.csv"'},
    )


@bp.after_request
def allow_cross_origin(response: Response) -> Response:
    """The data is public and read-only: any site's script may read it."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
