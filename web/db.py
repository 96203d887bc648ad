"""The store of the current request: opened on first use, closed when the request ends.

One SQLite connection per request (after Flask's tutorial `db.py`) keeps threads apart and leaves
no connection open between requests.
"""

from __future__ import annotations

from flask import Flask, current_app, g

from timeline.store import Store


def get_store() -> Store:
    if "store" not in g:
        g.store = Store(current_app.config["DATABASE"])
    return g.store


def close_store(error: BaseException | None = None) -> None:
    store = g.pop("store", None)
    if store is not None:
        store.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_store)
