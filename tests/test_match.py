"""Place matching in news text: names, borders, demonyms, lists, relations, modifiers, the seeds."""

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.gazetteer import default_gazetteer
from geodata.match import match

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def found(text, gaz):
    return [(m.text, m.place.name) for m in match(text, gaz)]


CASES = [  # my own sentences: text -> [(span, canonical name)]
    ("Police in Hyesan detained a trader.", [("Hyesan", "Hyesan")]),
    ("She came from Yenji City last spring.", [("Yenji City", "Yanji")]),
    ("A broker in Jilin City was fined.", [("Jilin City", "Jilin City")]),
    (
        "Checks rose in Liaoning, Jilin and Heilongjiang.",
        [
            ("Liaoning", "Liaoning Province"),
            ("Jilin", "Jilin Province"),
            ("Heilongjiang", "Heilongjiang Province"),
        ],
    ),
    (
        "Raids hit Yanji, Jilin and Changchun.",
        [("Yanji", "Yanji"), ("Jilin", "Jilin City"), ("Changchun", "Changchun")],
    ),
    (
        "Families fled Ryanggang and Jagang Provinces.",
        [("Ryanggang", "Ryanggang Province"), ("Jagang Provinces", "Jagang Province")],
    ),
    ("Police in Yanji, Jilin said so.", [("Yanji", "Yanji"), ("Jilin", "Jilin Province")]),
    (
        "A trader from Hyesan, Ryanggang was fined.",
        [("Hyesan", "Hyesan"), ("Ryanggang", "Ryanggang Province")],
    ),
    (
        "They came from Musan County, near Hoeryong.",
        [("Musan County", "Musan County"), ("Hoeryong", "Hoeryong")],
    ),
    ("The Tuman River freezes in winter.", [("Tuman River", "Tumen River")]),
    (
        "The train stopped in Tumen before the Tumen River bridge.",
        [("Tumen", "Tumen"), ("Tumen River", "Tumen River")],
    ),
    ("They waded across the Amnok (Yalu) River at night.", [("Amnok (Yalu) River", "Yalu River")]),
    ("They waded across the Yalu River (Amnok) at night.", [("Yalu River (Amnok)", "Yalu River")]),
    (
        "China's police and South Korea's embassy disagreed.",
        [("China", "China"), ("South Korea", "South Korea")],
    ),
    ("Security tightened across Northeast China.", [("Northeast China", "Northeast China")]),
    (
        "Hoeryŏng and Manp’o and Musan-ŭp",
        [("Hoeryŏng", "Hoeryong"), ("Manp’o", "Manpo"), ("Musan-ŭp", "Musan")],
    ),
    ("在延吉市被抓，后来送回혜산。", [("延吉市", "Yanji"), ("혜산", "Hyesan")]),
    (
        "Officials in North Hamgyong Province said so.",
        [("North Hamgyong Province", "North Hamgyong Province")],
    ),
    ("She was sent back to the North.", [("the North", "North Korea")]),
    ("He reached the South in May.", [("the South", "South Korea")]),
    ("He escaped the North's labour camps.", [("the North", "North Korea")]),
    ("She lives in SEOUL now.", [("SEOUL", "Seoul")]),
    ("The group passed through Laos and Thailand.", [("Laos", "Laos"), ("Thailand", "Thailand")]),
    ("Envoys flew from Hanoi to Ulaanbaatar.", [("Hanoi", "Hanoi"), ("Ulaanbaatar", "Ulaanbaatar")]),
    (
        "They reached Bangkok via Laos and Kunming.",
        [("Bangkok", "Bangkok"), ("Laos", "Laos"), ("Kunming", "Kunming")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_places_found(gaz, text, expected):
    assert found(text, gaz) == expected


BORDERS = [  # text -> the border it names
    ("Arrests rose at the Chinese border.", "China–North Korea border"),
    ("They crossed the North Korean border with China.", "China–North Korea border"),
    ("the border between China and North Korea", "China–North Korea border"),
    ("the Sino-North Korean border", "China–North Korea border"),
    ("the China–North Korea border", "China–North Korea border"),
    ("the North Korea-China border", "China–North Korea border"),
    ("along the China-DPRK border", "China–North Korea border"),
    ("Trade across the land border fell.", "China–North Korea border"),
    ("They tried to cross the border twice.", "China–North Korea border"),
    ("Patrols increased along the border.", "China–North Korea border"),
    ("the North's border with China", "China–North Korea border"),
    ("Smugglers use the Russian border.", "North Korea–Russia border"),
    ("He walked to the Mongolian border.", "China–Mongolia border"),
    ("the border between China and Mongolia", "China–Mongolia border"),
    ("the China-Russia border", "China–Russia border"),
    ("the border between North and South Korea", "North Korea–South Korea border"),
    ("the border between the North and the South", "North Korea–South Korea border"),
]


@pytest.mark.parametrize(("text", "border"), BORDERS)
def test_borders_fold_to_their_canonical_name(gaz, text, border):
    ms = match(text, gaz)
    assert [m.place.name for m in ms] == [border]
    assert ms[0].place.kind == "border" and not ms[0].modifier


def test_where_a_country_meets_provinces(gaz):
    ms = match(
        "Two families were caught close to where China meets the borders of Ryanggang and Jagang Provinces.",
        gaz,
    )
    assert [m.place.name for m in ms] == ["China–North Korea border", "Ryanggang Province", "Jagang Province"]
    assert "China" not in [m.place.name for m in ms]
    assert {m.relation for m in ms} == {"near"}


@pytest.mark.parametrize(
    "text",
    [
        "North Korean border guards fired shots.",
        "The border authorities were busy.",
        "Critics blamed the border crackdown.",
        "border security forces",
    ],
)
def test_border_modifiers(gaz, text):
    ms = match(text, gaz)
    assert len(ms) == 1 and ms[0].place.kind == "border" and ms[0].modifier


@pytest.mark.parametrize(
    "text",
    [
        "Chinese police arrested them.",
        "North Korean women were sold.",
        "South Korean society is wealthy.",
        "He spoke to the North Korean side.",
        "The South Korean government protested.",
        "the Chinese New Year holidays",
        "Kim Jong Un came to power.",
        "Lim Sun Hwa and Kang Mi Jin testified.",
        "Korea is divided.",
        "South of the river the road ends.",
        "a fine china teapot",
        "reported by Daily NK",
        "They went north.",
        "the river near common spots",
        "cross-border movement",
        "the frontier of research",
        "Dan and Lee met at noon.",
    ],
)
def test_not_places(gaz, text):
    assert found(text, gaz) == []


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("arrested near Hyesan", "near"),
        ("a farm village close to Tuman River", "near"),
        ("a house across the river from Hyesan", "across the river from"),
        ("traders moving between Hyesan and Changbai", "between"),
        ("a camp north of Chongjin", "north of"),
    ],
)
def test_relations(gaz, text, relation):
    assert {m.relation for m in match(text, gaz)} == {relation}


def test_spans_are_exact_and_ordered(gaz):
    text = "From Hyesan (혜산) they crossed the Yalu into Changbai, then reached China's Jilin Province."
    ms = match(text, gaz)
    assert [m.text for m in ms] == ["Hyesan (혜산)", "Yalu", "Changbai", "China", "Jilin Province"]
    for m in ms:
        assert text[m.start : m.end] == m.text
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:], strict=False))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("abcHYNSK -'’(),.\n혜산延吉")
            + ["Hyesan", "North", "the ", "border", "Korea", "China", "Jilin", "(", " River", "Provinces"]
        ),
        max_size=30,
    ).map("".join)
)
def test_any_text_gives_exact_non_overlapping_spans(text):
    ms = match(text, default_gazetteer())
    for m in ms:
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:], strict=False))


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    return score


def _body(text: str) -> str:
    """A report's body: after the header lines, or after the title line when there are none."""
    if text.startswith("title:"):
        return text.split("\n\n", 1)[1]
    return text.split("\n", 1)[1]


def _seed_prediction(article: str, gaz) -> dict:
    places = {}
    for m in match(_body(article), gaz):
        if m.modifier:
            continue
        p = m.place
        town = p.kind in ("city", "village")
        places.setdefault(
            p.name,
            {
                "mention": m.text,
                "name": p.name,
                "kind": p.kind,
                "country": p.country,
                "lat": round(p.point.y, 4) if town else None,
                "lon": round(p.point.x, 4) if town else None,
            },
        )
    return {"events": [], "places": list(places.values())}


@pytest.mark.skipif(not (SHARED / "eval" / "gold").is_dir(), reason="shared/ is not beside the repository")
def test_seed_places_score_perfectly(gaz):
    score = _scorer()
    golds = sorted((SHARED / "eval" / "gold").glob("*.json"))
    assert golds
    for gold_file in golds:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        article = (SHARED / "seeds" / gold["article"]).read_text(encoding="utf-8")
        pred = _seed_prediction(article, gaz)
        want = {score.norm_place(p["canonical"]) for p in gold["places"]}
        got = {score.norm_place(p["name"]) for p in pred["places"]}
        assert got == want, gold["article"]
        result = score.score_article(gold, pred, article)
        tp, fp, fn = result["places"]
        assert (fp, fn) == (0, 0) and tp == len(want)
        assert result["coords"][0] == result["coords"][1], gold["article"]


@pytest.mark.parametrize(
    ("text", "metonymy"),
    [
        ("Seoul protested the decision.", True),
        ("Pyongyang has denied the report.", True),
        ("Beijing's government said nothing.", True),
        ("Defectors settle in Seoul.", False),
        ("Activists in Seoul said the group was safe.", False),
        ("Hyesan said goodbye to winter.", False),  # not a capital
    ],
)
def test_capital_standing_for_its_government(gaz, text, metonymy):
    assert [m.metonymy for m in match(text, gaz)] == [metonymy]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("They swam across the Tumen at night.", "Tumen River"),
        ("Guards patrol the Yalu in winter.", "Yalu River"),
        ("A train left Tumen for Yanji.", "Tumen"),
        ("Officers of the Tumen city police came.", "Tumen"),
    ],
)
def test_the_river_or_the_town(gaz, text, name):
    assert match(text, gaz)[0].place.name == name


def test_lower_case_multi_word_names_and_hand_written_phrases(gaz):
    text = "arrests across the three northeast provinces and along the tumen river"
    assert found(text, gaz) == [
        ("the three northeast provinces", "Northeast China"),
        ("tumen river", "Tumen River"),
    ]
