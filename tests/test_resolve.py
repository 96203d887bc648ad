"""One event's place mentions -> representative point and geoprecision."""

import pytest
from shapely.geometry import Point

from geodata.gazetteer import default_gazetteer
from geodata.match import match
from geodata.resolve import facing_town, km, locate


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def where(text, gaz):
    return locate(match(text, gaz), gaz)


def test_town_wins_over_its_province(gaz):
    loc = where("Police in Hyesan, Ryanggang Province arrested a family.", gaz)
    assert loc.geoprecision == 1
    assert km(Point(loc.lon, loc.lat), Point(128.18, 41.40)) < 2


def test_near_a_town_is_its_point_at_precision_2(gaz):
    loc = where("She was caught near Hyesan.", gaz)
    assert loc.geoprecision == 2
    assert km(Point(loc.lon, loc.lat), Point(128.18, 41.40)) < 2


def test_across_the_river_from_hyesan_is_changbai(gaz):
    loc = where("He hid in a house across the river from Hyesan.", gaz)
    changbai = gaz.lookup("Changbai")[0]
    assert (loc.lon, loc.lat) == (round(changbai.point.x, 5), round(changbai.point.y, 5))
    assert loc.geoprecision == 2
    assert facing_town(gaz.lookup("Hyesan")[0], gaz) == changbai


def test_between_two_towns_is_their_midpoint(gaz):
    loc = where("Goods move between Sinuiju and Dandong.", gaz)
    a, b = gaz.lookup("Sinuiju")[0].point, gaz.lookup("Dandong")[0].point
    assert loc.geoprecision == 2
    assert km(Point(loc.lon, loc.lat), Point((a.x + b.x) / 2, (a.y + b.y) / 2)) < 1


def test_border_between_two_provinces_is_their_junction_on_it(gaz):
    loc = where(
        "They were caught close to where China meets the borders of Ryanggang and Jagang Provinces.", gaz
    )
    border = gaz.get("ea:china-north-korea-border").geometry
    ryanggang, jagang = gaz.get("ne1:KN13").geometry, gaz.get("ne1:KN01").geometry
    point = Point(loc.lon, loc.lat)
    assert loc.geoprecision == 2
    assert border.distance(point) < 0.001
    assert ryanggang.distance(point) < 0.1 and jagang.distance(point) < 0.1
    assert loc.geometry.length < border.length / 2  # a stretch, not the whole border


def test_river_in_a_province_is_its_stretch_there(gaz):
    loc = where("They crossed the Yalu River in North Pyongan Province.", gaz)
    assert loc.geoprecision == 2
    assert gaz.get("ne1:KN11").geometry.distance(Point(loc.lon, loc.lat)) < 0.06


def test_a_border_alone_is_a_point_on_it(gaz):
    loc = where("Defections across the land border fell.", gaz)
    assert loc.geoprecision == 2
    assert gaz.get("ea:china-north-korea-border").geometry.distance(Point(loc.lon, loc.lat)) < 0.001


def test_province_and_region(gaz):
    assert where("Searches rose in Ryanggang Province.", gaz).geoprecision == 3
    loc = where("Checks were intensified in Northeast China.", gaz)
    assert loc.geoprecision == 3
    assert gaz.get("ea:northeast-china").geometry.contains(Point(loc.lon, loc.lat))


def test_county_level_prefecture(gaz):
    assert where("Arrests rose in Yanbian.", gaz).geoprecision == 2


def test_a_country_only_is_precision_4(gaz):
    loc = where("Arrests rose in China.", gaz)
    assert loc.geoprecision == 4
    assert gaz.get("ne0:CN").geometry.contains(Point(loc.lon, loc.lat))


def test_border_beats_the_country_that_locates_it(gaz):
    assert where("They fled across the North Korean border with China.", gaz).geoprecision == 2


def test_modifiers_and_nothing_give_no_place(gaz):
    for text in ("Border guards were bribed.", "Nothing is named here.", ""):
        loc = where(text, gaz)
        assert (loc.lon, loc.lat, loc.geoprecision, loc.geometry) == (None, None, None, None)


def test_a_county_is_its_seat_at_precision_2(gaz):
    loc = where("Arrests rose in Musan County.", gaz)
    musan = gaz.lookup("Musan")[0]
    assert musan.kind == "city"
    assert loc.geoprecision == 2
    assert km(Point(loc.lon, loc.lat), musan.point) < 1


def test_several_distant_towns_take_the_first_not_a_midpoint(gaz):
    loc = where("They were handed back through the crossings at Hunchun, Tumen, Changbai and Dandong.", gaz)
    hunchun = gaz.lookup("Hunchun")[0]
    assert loc.geoprecision == 1
    assert km(Point(loc.lon, loc.lat), hunchun.point) < 1
    assert loc.geometry.geom_type == "MultiPoint" and len(loc.geometry.geoms) == 4


def test_twin_towns_across_the_river_take_their_centroid(gaz):
    loc = where("Traders were caught in Hyesan and Changbai.", gaz)
    hyesan, changbai = gaz.lookup("Hyesan")[0].point, gaz.lookup("Changbai")[0].point
    assert loc.geoprecision == 2
    assert km(Point(loc.lon, loc.lat), hyesan) < 5 and km(Point(loc.lon, loc.lat), changbai) < 5


def test_several_provinces_are_their_union_at_precision_3(gaz):
    loc = where("Raids were carried out across Liaoning, Jilin and Heilongjiang.", gaz)
    point = Point(loc.lon, loc.lat)
    assert loc.geoprecision == 3
    assert gaz.get("ea:northeast-china").geometry.buffer(0.01).contains(point)
    assert loc.geometry.area > gaz.get("ne1:CH05").geometry.area  # the three, not one of them


def test_a_capital_standing_for_its_government_locates_nothing(gaz):
    assert where("Pyongyang ordered the units to shoot.", gaz).geoprecision is None
    loc = where("Beijing denied that police in Yanji had detained them.", gaz)
    assert km(Point(loc.lon, loc.lat), gaz.lookup("Yanji")[0].point) < 1
