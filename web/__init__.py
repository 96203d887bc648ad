"""Event Atlas on the web: map pages and data endpoints over the store (see `create_app`)."""

from web.app import create_app

__all__ = ["create_app"]
