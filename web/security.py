"""Security headers: a Content-Security-Policy that lets a page load only this site's own files.

folium writes its map set-up as inline `<script>` and `<style>` blocks, so HTML pages allow exactly
those blocks by their SHA-256 hash instead of allowing inline code in general. Map tiles, when
configured, are the one other host a page may load images from. Who may frame a page is the
`FRAME_ANCESTORS` setting; API responses may not be framed and load nothing.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

_INLINE = re.compile(r"<(script|style)(\s[^>]*)?>(.*?)</\1\s*>", re.S | re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
API_POLICY = "default-src 'none'; frame-ancestors 'none'"


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """CSP hash sources of the inline scripts and styles of a page."""
    scripts: list[str] = []
    styles: list[str] = []
    for tag, attributes, body in _INLINE.findall(html):
        if tag.lower() == "script" and _SRC.search(attributes or ""):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        (scripts if tag.lower() == "script" else styles).append(f"'sha256-{digest}'")
    return list(dict.fromkeys(scripts)), list(dict.fromkeys(styles))


def tile_origin(template: str) -> str | None:
    """The origin a tile URL template loads from ({s} subdomains become a wildcard)."""
    if not template or template.lower() == "none":
        return None
    parts = urlsplit(template.replace("{s}", "*"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def page_policy(html: str, tiles: str, frame_ancestors: str) -> str:
    scripts, styles = inline_hashes(html)
    origin = tile_origin(tiles)
    images = ["'self'", "data:"] + ([origin] if origin else [])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src " + " ".join(["'self'", *scripts]),
            "style-src " + " ".join(["'self'", *styles]),
            "img-src " + " ".join(images),
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )
