"""The shipped gazetteer: names, disambiguation, geometries, province membership, sources."""

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point

from geodata.gazetteer import DATA_DIR, Gazetteer, default_gazetteer
from geodata.resolve import km


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


ALIASES = [  # name as written -> canonical name, kind, country
    ("Yanji", "Yanji", "city", "CN"),
    ("Yenji", "Yanji", "city", "CN"),
    ("Yenji City", "Yanji", "city", "CN"),
    ("延吉", "Yanji", "city", "CN"),
    ("연길", "Yanji", "city", "CN"),
    ("Yen-chi", "Yanji", "city", "CN"),
    ("Hyesan", "Hyesan", "city", "KP"),
    ("HYESAN", "Hyesan", "city", "KP"),
    ("Hyesan-si", "Hyesan", "city", "KP"),
    ("혜산", "Hyesan", "city", "KP"),
    ("惠山", "Hyesan", "city", "KP"),
    ("Hoeryŏng", "Hoeryong", "city", "KP"),
    ("Hoeryeong", "Hoeryong", "city", "KP"),
    ("Manp'o", "Manpo", "city", "KP"),
    ("Manp’o", "Manpo", "city", "KP"),
    ("Musan-ŭp", "Musan", "city", "KP"),
    ("Musan", "Musan", "city", "KP"),
    ("Onsong", "Onsong", "city", "KP"),
    ("Sinŭiju", "Sinuiju", "city", "KP"),
    ("Shinuiju", "Sinuiju", "city", "KP"),
    ("Samjiyon", "Samjiyon", "city", "KP"),
    ("Chongjin", "Chongjin", "city", "KP"),
    ("Pyongyang", "Pyongyang", "city", "KP"),
    ("Seoul", "Seoul", "city", "KR"),
    ("Tumen", "Tumen", "city", "CN"),
    ("Hunchun", "Hunchun", "city", "CN"),
    ("Longjing", "Longjing", "city", "CN"),
    ("Helong", "Helong", "city", "CN"),
    ("Dandong", "Dandong", "city", "CN"),
    ("Changbai", "Changbai", "city", "CN"),
    ("Shenyang", "Shenyang", "city", "CN"),
    ("Changchun", "Changchun", "city", "CN"),
    ("Harbin", "Harbin", "city", "CN"),
    ("Jilin City", "Jilin City", "city", "CN"),
    ("Jilin", "Jilin Province", "province", "CN"),
    ("Jilin Province", "Jilin Province", "province", "CN"),
    ("吉林省", "Jilin Province", "province", "CN"),
    ("Liaoning", "Liaoning Province", "province", "CN"),
    ("Heilongjiang", "Heilongjiang Province", "province", "CN"),
    ("Ryanggang", "Ryanggang Province", "province", "KP"),
    ("Yanggang-do", "Ryanggang Province", "province", "KP"),
    ("Yanggang", "Ryanggang Province", "province", "KP"),
    ("양강도", "Ryanggang Province", "province", "KP"),
    ("Chagang", "Jagang Province", "province", "KP"),
    ("Jagang Provinces", "Jagang Province", "province", "KP"),
    ("North Hamgyong", "North Hamgyong Province", "province", "KP"),
    ("North Hamgyeong Province", "North Hamgyong Province", "province", "KP"),
    ("Hamgyŏng-bukto", "North Hamgyong Province", "province", "KP"),
    ("Yanbian", "Yanbian Korean Autonomous Prefecture", "prefecture", "CN"),
    ("Northeast China", "Northeast China", "region", "CN"),
    ("the three northeast provinces", "Northeast China", "region", "CN"),
    ("Tumen River", "Tumen River", "river", None),
    ("Tuman River", "Tumen River", "river", None),
    ("Duman River", "Tumen River", "river", None),
    ("두만강", "Tumen River", "river", None),
    ("Yalu River", "Yalu River", "river", None),
    ("Amnok River", "Yalu River", "river", None),
    ("鸭绿江", "Yalu River", "river", None),
    ("China", "China", "country", "CN"),
    ("PRC", "China", "country", "CN"),
    ("North Korea", "North Korea", "country", "KP"),
    ("DPRK", "North Korea", "country", "KP"),
    ("South Korea", "South Korea", "country", "KR"),
    ("Republic of Korea", "South Korea", "country", "KR"),
    ("Mongolia", "Mongolia", "country", "MN"),
    ("Laos", "Laos", "country", "LA"),
    ("Thailand", "Thailand", "country", "TH"),
    ("Burma", "Myanmar", "country", "MM"),
    ("Kunming", "Kunming", "city", "CN"),
    ("Vladivostok", "Vladivostok", "city", "RU"),
    ("Yunnan", "Yunnan Province", "province", "CN"),
]


@pytest.mark.parametrize(("name", "canonical", "kind", "country"), ALIASES)
def test_alias_resolves_to_canonical_place(gaz, name, canonical, kind, country):
    best = gaz.lookup(name)[0]
    assert (best.name, best.kind, best.country) == (canonical, kind, country)


@pytest.mark.parametrize(
    "word", ["Korea", "Kim", "South", "North", "New Year", "Chinese", "North Korean", "NK"]
)
def test_words_that_are_not_places(gaz, word):
    assert gaz.lookup(word) == []


def test_yanji_is_the_jilin_city_not_its_namesakes(gaz):
    yanji = gaz.lookup("Yenji")[0]
    assert yanji.id == "geonames:2033467" and yanji.parent == "ne1:CH05"


def test_jilin_city_and_province_are_different_places(gaz):
    city, province = gaz.lookup("Jilin City")[0], gaz.lookup("Jilin Province")[0]
    assert city.kind == "city" and province.kind == "province"
    assert city.parent == province.id
    assert [p.kind for p in gaz.lookup("Jilin")][:2] == ["province", "city"]


def test_tumen_city_and_tumen_river_are_different_places(gaz):
    assert gaz.lookup("Tumen")[0].kind == "city"
    assert all(p.kind != "river" for p in gaz.lookup("Tumen"))
    assert gaz.lookup("Tumen River")[0].id == "ea:tumen-river"


def test_ids_are_stable_and_unique(gaz):
    ids = [p.id for p in gaz.places()]
    assert len(ids) == len(set(ids))
    assert gaz.get("geonames:2044757").name == "Chongjin"
    assert gaz.get("ne1:KN13").name == "Ryanggang Province"
    assert gaz.get("ea:china-north-korea-border").name == "China–North Korea border"
    assert gaz.get("ne0:KP").name == "North Korea"
    assert gaz.get("nowhere:0") is None


def test_places_returns_a_copy(gaz):
    places = gaz.places()
    places.clear()
    assert gaz.places()


def test_province_coverage(gaz):
    provinces = [p for p in gaz.places() if p.kind == "province"]
    by_country = {cc: [p for p in provinces if p.country == cc] for cc in ("KP", "KR", "CN")}
    assert len(by_country["KP"]) == 11
    assert len(by_country["KR"]) == 17
    assert len(by_country["CN"]) >= 31
    for p in provinces:
        assert p.geometry.geom_type in ("Polygon", "MultiPolygon")


def test_geometries_are_valid_wgs84(gaz):
    for p in gaz.places():
        minx, miny, maxx, maxy = p.geometry.bounds
        assert p.geometry.is_valid, p.id
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90, p.id


def test_polygons_orient_to_rfc7946_right_hand_rule(gaz):
    for p in gaz.places():
        if p.geometry.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        oriented = shapely.orient_polygons(p.geometry)
        polys = getattr(oriented, "geoms", [oriented])
        assert all(poly.exterior.is_ccw for poly in polys), p.id
        assert all(not ring.is_ccw for poly in polys for ring in poly.interiors), p.id


def region_towns(gaz):
    northeast = {"ne1:CH05", "ne1:CH08", "ne1:CH19"}
    return [
        p for p in gaz.places() if p.kind == "city" and (p.country in ("KP", "KR") or p.parent in northeast)
    ]


def test_towns_lie_in_their_geonames_province(gaz):
    towns = region_towns(gaz)
    codes = {p.code for p in gaz.places() if p.kind == "province"}
    assert len(towns) > 1000
    for town in towns:
        province = gaz.get(town.parent)
        assert province is not None and province.kind == "province", town.id
        assert province.code == town.code or town.code not in codes, town.id
        nearest = shapely.shortest_line(town.geometry, province.geometry).interpolate(1, normalized=True)
        assert km(town.point, nearest) <= 5, (town.id, town.name)


def test_few_towns_have_an_admin1_without_an_outline(gaz):
    codes = {p.code for p in gaz.places() if p.kind == "province"}
    orphans = [t.name for t in region_towns(gaz) if t.code not in codes]
    assert len(orphans) <= 20, orphans  # Namp'o and Kaesong: special cities Natural Earth merges


def test_hyesan_lies_on_the_yalu(gaz):
    hyesan, yalu = gaz.lookup("Hyesan")[0], gaz.get("ea:yalu-river")
    nearest = shapely.shortest_line(yalu.geometry, hyesan.geometry).interpolate(0)
    assert km(nearest, hyesan.point) < 3


def test_rivers_follow_the_border_from_paektu_to_the_sea(gaz):
    yalu, tumen = gaz.get("ea:yalu-river"), gaz.get("ea:tumen-river")
    assert yalu.derived and tumen.derived
    assert yalu.geometry.bounds[0] < 124.6  # the Yalu reaches the Yellow Sea near Dandong
    assert tumen.geometry.bounds[2] > 130.6  # the Tumen reaches the Sea of Japan past Russia
    paektu = Point(128.0775, 41.9936)
    assert yalu.geometry.distance(paektu) < 0.05 and tumen.geometry.distance(paektu) < 0.05
    onsong, sinuiju = gaz.lookup("Onsong")[0], gaz.lookup("Sinuiju")[0]
    assert tumen.geometry.distance(onsong.geometry) < yalu.geometry.distance(onsong.geometry)
    assert yalu.geometry.distance(sinuiju.geometry) < tumen.geometry.distance(sinuiju.geometry)


def test_border_between_either_order(gaz):
    assert gaz.border_between("KP", "CN") is gaz.border_between("CN", "KP")
    assert gaz.border_between("CN", "KP").id == "ea:china-north-korea-border"
    assert gaz.border_between("KP", "MN") is None


def test_province_of_points(gaz):
    assert gaz.province_of(128.1778, 41.4017).name == "Ryanggang Province"  # Hyesan
    assert gaz.province_of(129.5024, 42.8882).name == "Jilin Province"  # Yanji
    assert gaz.province_of(128.1962, 41.4177).name == "Jilin Province"  # Changbai, across the Yalu
    assert gaz.province_of(150.0, 30.0) is None  # the Pacific


def test_geodataframe_export(gaz):
    gdf = gaz.to_geodataframe()
    assert len(gdf) == len(gaz.places())
    assert gdf.crs.to_epsg() == 4326
    assert {"id", "name", "kind", "country", "geometry"} <= set(gdf.columns)
    assert gdf.set_index("id").loc["ne1:KN13", "name"] == "Ryanggang Province"


def test_sources_record_name_version_licence():
    sources = json.loads((DATA_DIR / "sources.json").read_text(encoding="utf-8"))["sources"]
    licences = {s["licence"] for s in sources}
    assert licences == {"public domain", "CC BY 4.0"}
    assert all(s["name"] and s["version"] for s in sources)


def test_every_hand_written_entry_cites_a_source():
    curated = json.loads((DATA_DIR / "curated.json").read_text(encoding="utf-8"))
    for entry in curated["places"] + curated["updates"]:
        assert entry["source"].startswith("https://"), entry["id"]


def test_shipped_data_is_compact():
    size = sum(f.stat().st_size for f in Path(DATA_DIR).iterdir())
    assert size < 4_000_000


def test_hand_written_updates_name_existing_places(gaz):
    curated = json.loads((DATA_DIR / "curated.json").read_text(encoding="utf-8"))
    for entry in curated["updates"]:
        place = gaz.get(entry["id"])
        assert place is not None, entry["id"]
        assert place.name == entry.get("name", place.name)


@pytest.mark.parametrize(
    ("river", "towns"),
    [
        ("Mekong River", ["Vientiane", "Chiang Saen", "Phnom Penh"]),
        ("Amur River", ["Heihe", "Khabarovsk"]),
        ("Ussuri River", ["Khabarovsk"]),
    ],
)
def test_hand_traced_rivers_pass_their_bank_towns(gaz, river, towns):
    line = gaz.lookup(river)[0]
    assert line.kind == "river" and line.derived and line.geometry.geom_type == "LineString"
    for name in towns:
        town = next(p for p in gaz.lookup(name) if p.kind == "city")
        nearest = line.geometry.interpolate(line.geometry.project(town.point))
        assert km(town.point, nearest) < 15, name
