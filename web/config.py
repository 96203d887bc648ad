"""The settings of the web app, in one table: name, default and what it does.

Each setting is read as `app.config[NAME]`; it is set by the environment as `EVENTATLAS_<NAME>` or by
the mapping given to `create_app`, which wins (after Datasette's `SETTINGS`).
"""

from __future__ import annotations

from dataclasses import dataclass

ENV_PREFIX = "EVENTATLAS"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return f"{ENV_PREFIX}_{self.name}"


SETTINGS = (
    Setting("DATABASE", "eventatlas.db", "Path of the SQLite file that holds articles and events."),
    Setting(
        "TILES",
        "none",
        "Map tile URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png, or 'none' for a map "
        "with no tiles (country outlines only), which needs no network.",
    ),
    Setting(
        "TILES_ATTRIBUTION",
        "",
        "Attribution (HTML) that the tile provider requires; shown on the map when TILES is set.",
    ),
    Setting(
        "FRAME_ANCESTORS",
        "*",
        "Who may show the map pages in a frame: a CSP frame-ancestors source list ('*', 'self', "
        "https://news.example).",
    ),
    Setting(
        "BASE_URL", "", "Public base URL of the site, for absolute links (empty: taken from the request)."
    ),
)


def defaults() -> dict[str, str]:
    return {s.name: s.default for s in SETTINGS}
