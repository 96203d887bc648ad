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
        "He was jailed for organising illegal border crossings.",
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


@pytest.mark.parametrize(
    ("text", "kept"),
    [  # organisations whose names hold a place word: the words inside are not places
        ("A report by Border Rights Watch came out in May.", []),
        ("The Korea Institute for National Unification counted them.", []),
        ("China Daily ran the story on Monday.", []),
        ("He worked for the Tumen River Bridge Company for years.", []),
        ("She spoke to Voice of America last week.", []),
        ("A Seoul Citizens Alliance volunteer met them.", []),
        ("Human Rights Watch said arrests rose in Yanji.", ["Yanji"]),
        ("China's Ministry of State Security denied it.", ["China"]),
        ("The Dandong Public Security Bureau held them.", ["Dandong"]),  # an office locates the event
        ("In Hyesan the Watch patrol passed by.", ["Hyesan"]),
    ],
)
def test_organisation_names_are_not_places(gaz, text, kept):
    assert [name for _, name in found(text, gaz)] == kept


@pytest.mark.parametrize(
    "text",
    [
        "Lao police stopped the bus.",
        "Thai immigration officers took them in.",
        "Mongolian officials met the group.",
        "Vietnamese traders sold them rice.",
        "Burmese and Cambodian workers were there too.",
        "Russian guards saw nothing.",
        "A Han official was named.",
    ],
)
def test_demonyms_of_other_countries_are_not_places(gaz, text):
    assert found(text, gaz) == []


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Vientiane", "city", "LA"),
        ("Ulaanbaatar", "city", "MN"),
        ("ULAANBAATAR", "city", "MN"),
        ("Phnom Penh", "city", "KH"),
        ("Bangkok", "city", "TH"),
        ("Hanoi", "city", "VN"),
        ("Beijing", "city", "CN"),
        ("Pyongyang", "city", "KP"),
        ("Chiang Rai", "city", "TH"),
        ("Ho Chi Minh City", "city", "VN"),
        ("Erenhot", "city", "CN"),
        ("Erlian", "city", "CN"),
        ("Luang Namtha", "city", "LA"),
        ("Boten", "city", "LA"),
        ("Mohan", "city", "CN"),
        ("Zamyn-Uud", "city", "MN"),
        ("Mae Sai", "city", "TH"),
        ("Chiang Saen", "city", "TH"),
        ("Khasan", "city", "RU"),
        ("Kimchaek", "city", "KP"),
        ("Tanchon", "city", "KP"),
        ("Huichon", "city", "KP"),
        ("Junggang", "city", "KP"),
        ("Saebyol", "city", "KP"),
        ("Gobi Desert", "region", None),
    ],
)
def test_capitals_and_escape_route_towns(gaz, name, kind, country):
    ms = match(f"The group was seen in {name} last year.", gaz)
    assert [(m.text, m.place.kind, m.place.country) for m in ms] == [(name, kind, country)]


BORDERS_IN_CONTEXT = [  # a bare or one-sided border takes the other side its context names
    ("Eleven people walked across the Chinese border into Mongolia.", "China–Mongolia border"),
    ("At night they crossed the frontier into Mongolia.", "China–Mongolia border"),
    ("The smugglers slipped over the Chinese border into Laos.", "China–Laos border"),
    ("He left China for Russia across the border near the lake.", "China–Russia border"),
    ("They reached Mongolia in May. They had crossed the frontier on foot.", "China–Mongolia border"),
    ("She waded across the border into China.", "China–North Korea border"),
    ("She crossed the border into China. Years later she reached Laos.", "China–North Korea border"),
    ("The town lies on the Inner Mongolian side of the frontier.", "China–Mongolia border"),
    ("Patrols increased along the frontier.", "China–North Korea border"),
]


@pytest.mark.parametrize(("text", "border"), BORDERS_IN_CONTEXT)
def test_border_sides_from_context(gaz, text, border):
    assert [m.place.name for m in match(text, gaz) if m.place.kind == "border"] == [border]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Arrests rose after the Beijing Olympics.", "Beijing"),
        ("The transfer came a day after the Hangzhou Asian Games closed.", "Hangzhou"),
        ("Nothing changed after the Pyongyang summit.", "Pyongyang"),
        ("Hopes rose before the Singapore summit.", "Singapore"),
        ("Prices fell after the 2008 Beijing Olympic Games.", "Beijing"),
    ],
)
def test_a_place_that_only_names_an_event_is_a_modifier(gaz, text, place):
    ms = match(text, gaz)
    assert [(m.place.name, m.modifier) for m in ms] == [(place, True)]


def test_a_place_before_other_nouns_is_a_place(gaz):
    assert [m.modifier for m in match("Police in Beijing detained a pastor at a summit hotel.", gaz)] == [
        False
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Police in Jilin, the province's second city, raided a flat.", "Jilin City"),
        ("He hid in Jilin, a city in the province of the same name.", "Jilin City"),
        ("They reached Tumen, a city on the river, at dawn.", "Tumen"),
        ("Arrests rose in Jilin, the province that borders Ryanggang.", "Jilin Province"),
        ("They lived in Jilin before moving.", "Jilin Province"),
    ],
)
def test_an_appositive_says_which_place(gaz, text, name):
    assert match(text, gaz)[0].place.name == name


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang ordered border units to stop all crossings.",
        "Beijing denies that it returns refugees.",
        "Seoul protested on Monday.",
        "Pyongyang claimed the group had been kidnapped.",
        "Beijing insisted they were migrants.",
        "Seoul lodged a protest.",
        "Pyongyang has also warned traders.",
        "Beijing rejected the request.",
        "The Pyongyang regime sealed the border.",
        "The Seoul government paid for the flights.",
        "Pyongyang's leadership was silent.",
    ],
)
def test_metonymy_for_a_broad_set_of_verbs_and_nouns(gaz, text):
    assert [m.metonymy for m in match(text, gaz) if m.place.kind == "city"] == [True]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Traders from North and South Hamgyong met there.",
            ["North Hamgyong Province", "South Hamgyong Province"],
        ),
        ("North and South Korea signed nothing.", ["North Korea", "South Korea"]),
        (
            "Families from North and South Pyongan Provinces fled.",
            ["North Pyongan Province", "South Pyongan Province"],
        ),
    ],
)
def test_a_shared_head_noun_names_both_places(gaz, text, names):
    assert [m.place.name for m in match(text, gaz)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [  # a one-word name of three letters or fewer needs a preposition before it
        ("Ha said the fine was paid.", []),
        ("Ann and Chu waited at the station.", []),
        ("The group took a bus to Hue.", ["Hue"]),
        ("Officials of the PRC and the ROK met.", ["China", "South Korea"]),
        ("Dandong Lang Trading Co. sent a truck.", ["Dandong"]),
    ],
)
def test_short_names_need_stronger_evidence(gaz, text, names):
    assert [name for _, name in found(text, gaz)] == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Two men waded through the frozen Tumen before dawn.", "Tumen River"),
        ("Smugglers use the shallow upper Yalu in summer.", "Yalu River"),
        ("Buses drove to the city of Tumen at night.", "Tumen"),
        ("Police stopped the van near Tumen at dawn.", "Tumen"),
        ("She was held in the Chinese town of Tumen.", "Tumen"),
        ("Traders crossed the frozen Amur near Heihe.", "Amur River"),
        ("Officials in Russia's Amur region said so.", "Amur Province"),
    ],
)
def test_the_river_after_describing_words(gaz, text, name):
    assert [m.place.name for m in match(text, gaz) if m.place.kind != "country"][0] == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The group took a boat down the Mekong into Thailand.", ["Mekong River", "Thailand"]),
        ("They swam the Mekong River at Chiang Saen.", ["Mekong River", "Chiang Saen"]),
        ("He slipped across the Ussuri River in winter.", ["Ussuri River"]),
        ("Women are sold to farmers in rural northeast China.", ["Northeast China"]),
        ("They hid in a village in northeast China for a year.", ["Northeast China"]),
        ("The hikers crossed the Gobi Desert on foot.", ["Gobi Desert"]),
        ("They crossed the Amrok River at night.", ["Yalu River"]),
    ],
)
def test_rivers_and_regions_named_in_news(gaz, text, expected):
    assert [m.place.name for m in match(text, gaz)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A fishing boat drifted over the maritime border with South Korea.", ["South Korea"]),
        ("The navy chased a skiff back across the sea border.", []),
        ("The two Koreas dispute their maritime border in the west.", []),
        ("They crossed the land border with China.", ["China–North Korea border"]),
    ],
)
def test_a_border_at_sea_is_not_the_land_border(gaz, text, expected):
    assert [m.place.name for m in match(text, gaz)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Handovers take place at the Sino-Korean Friendship Bridge each week.",
        "The Tumen Bridge Alliance published a statement.",
        "The North Korea Freedom Coalition held a rally.",
    ],
)
def test_names_of_bridges_and_groups_are_not_their_countries(gaz, text):
    names = [m.place.name for m in match(text, gaz)]
    assert not [n for n in names if n in ("China", "North Korea", "Tumen", "Tumen River")] and not any(
        "border" in n for n in names
    )


@pytest.mark.parametrize(
    "text",
    [
        "Rewards are paid for tips about illegal border crossers.",
        "Police detained two border jumpers.",
    ],
)
def test_people_who_cross_are_a_border_modifier(gaz, text):
    assert [m.modifier for m in match(text, gaz)] == [True]


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("A Seoul-based charity paid for the flights.", [("Seoul", True, False)]),
        ("The group urged Beijing to stop the returns.", [("Beijing", False, True)]),
        (
            "Seoul has repeatedly asked Beijing to free them.",
            [("Seoul", False, True), ("Beijing", False, True)],
        ),
        ("They flew from Beijing to Seoul.", [("Beijing", False, False), ("Seoul", False, False)]),
        ("A Beijing-Pyongyang deal was signed.", [("Beijing", False, False), ("Pyongyang", False, False)]),
    ],
)
def test_adjectival_and_addressed_capitals(gaz, text, flags):
    assert [(m.text, m.modifier, m.metonymy) for m in match(text, gaz)] == flags


def test_jian_on_the_yalu_is_the_border_town(gaz):
    (m, manpo) = match("A bus took them to the Ji'an crossing opposite Manpo.", gaz)
    assert m.place.name == "Ji'an" and m.place.parent == "ne1:CH05" and manpo.place.name == "Manpo"


@pytest.mark.parametrize(
    "text", ["Pyongyang sealed its border with China.", "Beijing reopened the crossings in August."]
)
def test_a_capital_that_closes_or_opens_borders_is_its_government(gaz, text):
    assert [m.metonymy for m in match(text, gaz) if m.place.kind == "city"] == [True]
