"""The Flask application factory: settings, blueprints, errors as JSON and security headers.

No app exists at import time; `create_app` layers the settings table's defaults, then
`EVENTATLAS_*` environment variables, then the given mapping (after Flask's tutorial factory).
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, Response, current_app, jsonify
from werkzeug.exceptions import HTTPException, InternalServerError

from timeline.query import BadQuery
from timeline.store import NotFound
from web import api, db, pages, security
from web.config import ENV_PREFIX, defaults


def create_app(config: Mapping | None = None) -> Flask:
    """A new app; `config` (e.g. {"DATABASE": path}) wins over the environment and the defaults."""
    app = Flask(__name__)
    app.config.from_mapping(defaults())
    app.config.from_prefixed_env(ENV_PREFIX)
    if config:
        app.config.from_mapping(config)
    _check_tiles(str(app.config["TILES"]))
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    db.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_error_handler(BadQuery, _bad_query)
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _server_error)
    app.after_request(_security_headers)
    return app


def _check_tiles(tiles: str) -> None:
    if tiles.lower() not in ("", "none") and security.tile_origin(tiles) is None:
        raise ValueError(
            f"TILES must be 'none' or an http(s) tile URL template such as "
            f"https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png, not {tiles!r}"
        )


def error_response(message: str, status: int) -> Response:
    """The one error shape of every endpoint: {"error": message, "status": code}."""
    response = jsonify(error=message, status=status)
    response.status_code = status
    return response


def _bad_query(error: BadQuery) -> Response:
    return error_response(str(error), 400)


def _not_found(error: NotFound) -> Response:
    return error_response(str(error.args[0]) if error.args else "not found", 404)


def _http_error(error: HTTPException) -> Response:
    response = error_response(error.description or error.name, error.code or 500)
    if error.code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _server_error(error: Exception) -> Response:
    current_app.logger.exception("unhandled error", exc_info=error)
    return error_response(InternalServerError.description, 500)


def _security_headers(response: Response) -> Response:
    response.headers["X-Content-Type-Options"] = "nosniff"
    if response.mimetype == "text/html" and not response.direct_passthrough:
        response.headers["Content-Security-Policy"] = security.page_policy(
            response.get_data(as_text=True),
            tiles=current_app.config["TILES"],
            frame_ancestors=current_app.config["FRAME_ANCESTORS"],
        )
    elif "Content-Security-Policy" not in response.headers:
        response.headers["Content-Security-Policy"] = security.API_POLICY
    return response
