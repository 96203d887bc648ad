"""Front-end files from npm packages, copied into `web/static/vendor/` so pages load nothing from a CDN.

`npm ci` installs the packages pinned in package-lock.json; `scripts/assets.py` (or `python -m
web.assets`) then copies the files the pages use (and each package's licence) out of node_modules.
This module uses the standard library only, so it runs before the project is installed. The copies
are build output, never committed. The map page names its scripts and stylesheets through `url()`
here, so a page can only refer to a file this table installs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"


@dataclass(frozen=True)
class Asset:
    package: str
    source: str  # path inside the package; a directory is copied whole

    @property
    def target(self) -> str:
        """Path under static/vendor/: the package's name, then the file's."""
        return f"{self.package}/{Path(self.source).name}"

    @property
    def static_path(self) -> str:
        return f"vendor/{self.target}"


ASSETS = (
    Asset("leaflet", "dist/leaflet.js"),
    Asset("leaflet", "dist/leaflet.css"),
    Asset("leaflet", "dist/images"),
    Asset("leaflet", "LICENSE"),
    Asset("iso8601-js-period", "iso8601.js"),
    Asset("iso8601-js-period", "README.md"),
    Asset("leaflet-timedimension", "dist/leaflet.timedimension.min.js"),
    Asset("leaflet-timedimension", "LICENSE"),
    Asset("leaflet.markercluster", "dist/leaflet.markercluster.js"),
    Asset("leaflet.markercluster", "dist/MarkerCluster.css"),
    Asset("leaflet.markercluster", "MIT-LICENCE.txt"),
    Asset("topojson-client", "dist/topojson-client.min.js"),
    Asset("topojson-client", "LICENSE"),
    Asset("world-atlas", "countries-50m.json"),
    Asset("world-atlas", "LICENSE"),
)
_BY_TARGET = {a.target: a for a in ASSETS}


def url(target: str) -> str:
    """Static path (for `url_for('static', filename=...)`) of an installed asset."""
    return _BY_TARGET[target].static_path


def missing(vendor: Path | None = None) -> list[str]:
    vendor = vendor or VENDOR
    return [a.target for a in ASSETS if not (vendor / a.target).exists()]


def install(node_modules: Path, vendor: Path = VENDOR) -> list[Path]:
    """Copy every asset; raise FileNotFoundError naming the first one npm did not install."""
    copied = []
    for asset in ASSETS:
        source = node_modules / asset.package / asset.source
        if not source.exists():
            raise FileNotFoundError(f"{source} is missing: run `npm ci` first")
        target = vendor / asset.target
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target)
        copied.append(target)
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/assets.py",
        description="Copy front-end files from node_modules into web/static/vendor.",
    )
    parser.add_argument(
        "--node-modules", type=Path, default=ROOT / "node_modules", help=f"default: {ROOT / 'node_modules'}"
    )
    parser.add_argument("--vendor", type=Path, default=VENDOR, help=f"default: {VENDOR}")
    args = parser.parse_args(argv)
    try:
        copied = install(args.node_modules, args.vendor)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"copied {len(copied)} front-end files into {args.vendor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
