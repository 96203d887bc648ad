"""HTML pages: the map of stored events (the OGC landing page will share `/`)."""

from __future__ import annotations

from flask import Blueprint, current_app, request, url_for

from timeline.query import Query
from web import eventmap

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    query = Query.from_args(request.args)
    args = query.to_args()
    page = eventmap.MapPage(
        geojson_url=url_for("api.events_geojson", **args),
        csv_url=url_for("api.events_csv", **args),
        timeline_url=url_for("api.timeline_json", **args),
        description=query.describe(),
        places_url=url_for("api.places_geojson"),
        tiles=current_app.config["TILES"],
        tiles_attribution=current_app.config["TILES_ATTRIBUTION"],
    )
    html = eventmap.render(page, lambda path: url_for("static", filename=path))
    return html, 200, {"Content-Type": "text/html; charset=utf-8"}
