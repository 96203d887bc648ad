"""Event extraction, one table per rule of the annotation guide; texts written for these tests."""

from datetime import date
from pathlib import Path

import pytest

from timeline.articles import Article, content_id
from timeline.events import extract_events
from timeline.lexicon import LexiconError, load_lexicon
from timeline.pipeline import extract
from timeline.sentences import split_sentences

PUBLISHED = date(2018, 1, 8)


def _article(text: str, published: date | None = PUBLISHED, title: str = "") -> Article:
    return Article(
        id=content_id(title, text),
        title=title,
        text=text,
        published=published,
        published_source="given" if published else "unknown",
    )


def events(text: str, published: date | None = PUBLISHED, title: str = "") -> list:
    return extract(_article(text, published, title)).events


def kinds(text: str, published: date | None = PUBLISHED) -> list[str]:
    return [e.type for e in events(text, published)]


def names(event) -> set[str]:
    return {p.name for p in event.places}


# --- triggers of each type -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese police arrested four North Koreans in Yanji on Tuesday.", ["arrest"]),
        ("Three women were apprehended near Hoeryong last week.", ["arrest"]),
        ("Police arrested during the night raid five people in Hunchun.", ["arrest"]),
        ("Security agents rounded up a group of traders in Hyesan on Monday.", ["arrest"]),
        ("Plainclothes officers took away two North Korean women in Yanji on Sunday.", ["arrest"]),
        ("Two soldiers defected across the Tumen River last month.", ["crossing_attempt"]),
        ("A mother and her son fled North Korea in early January.", ["crossing_attempt"]),
        ("Twelve North Koreans were repatriated from Dandong on Friday.", ["repatriation"]),
        ("The detainees were handed over to North Korean guards at Tumen last week.", ["repatriation"]),
        ("Police in Jilin Province launched a crackdown on undocumented migrants last month.", ["crackdown"]),
        ("The border guards stepped up patrols along the Yalu River this month.", ["crackdown"]),
        ("Each helper was fined 20,000 yuan last week.", ["fine"]),
        ("A total of 1,418 North Koreans arrived in South Korea in 2016.", ["arrival_statistic"]),
        ("Brokers sold the two women to farmers in Heilongjiang Province last year.", ["trafficking"]),
        ("A smuggler was executed in Hyesan last month.", ["execution_or_punishment"]),
        ("The couple was sent to a prison camp last year.", ["execution_or_punishment"]),
    ],
)
def test_trigger_types(text, expected) -> None:
    assert kinds(text) == expected


# --- denied, doubted, generic and trend statements ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police did not arrest the two men.",
        "The family was never caught.",
        "They will likely be sent back to North Korea.",
        "If they are caught, they may be repatriated.",
        "Officials fear the women could be sold to brokers.",
        "Police regularly arrest defectors in Yanji.",
        "Every station has a quota of arrests to meet.",
        "Arrests of defectors are on the rise.",
        "There has been a 40% rise in arrests in Ryanggang Province.",
        "Crossings have fallen sharply since 2020.",
        "The police want to arrest the broker.",
        "He managed to escape arrest.",
        "Reports say six people were executed in Hyesan, but this could not be verified.",
        "Anyone found with a Chinese phone is taken away.",
    ],
)
def test_no_event(text) -> None:
    assert kinds(text) == []


def test_a_failed_attempt_is_still_an_attempt() -> None:
    (e,) = events("They tried to cross the Tumen River on Friday, but were not successful.")
    assert e.type == "crossing_attempt"
    assert (e.interval.start, e.interval.precision) == (date(2018, 1, 5), "day")


def test_a_rise_in_a_security_measure_is_a_crackdown() -> None:
    (e,) = events("House searches in Hyesan are reportedly on the rise.")
    assert e.type == "crackdown" and names(e) == {"Hyesan"}


def test_a_seasonal_rise_with_a_window_is_an_event() -> None:
    (e,) = events("Every winter, arrests of defectors increase sharply in Yanji.", published=None)
    assert e.type == "arrest"
    assert (e.interval.precision, e.interval.from_month, e.interval.to_month) == ("recurring", 12, 2)


def test_a_rise_with_no_window_is_a_trend() -> None:
    assert kinds("The number of defectors caught in China has increased over the last year.") == []


# --- one event per happening ----------------------------------------------------------------


def test_two_types_in_one_sentence() -> None:
    found = events("Chinese police arrested three women who had crossed the Tumen River on Friday.")
    assert sorted(e.type for e in found) == ["arrest", "crossing_attempt"]


def test_each_part_keeps_its_own_date() -> None:
    text = "Three sisters who crossed the Yalu River in November were sent back to North Korea last week."
    crossing, repatriation = events(text)
    assert (crossing.type, crossing.interval.start, names(crossing)) == (
        "crossing_attempt",
        date(2017, 11, 1),
        {"Yalu River"},
    )
    assert (repatriation.type, repatriation.interval.start) == ("repatriation", date(2018, 1, 1))
    assert crossing.count == repatriation.count == 3


def test_list_items_with_their_own_numbers_and_dates() -> None:
    found = events("In March, 30 people were arrested in Musan, but in April, 45 people were arrested there.")
    assert [(e.type, e.count, e.interval.start) for e in found] == [
        ("arrest", 30, date(2017, 3, 1)),
        ("arrest", 45, date(2017, 4, 1)),
    ]
    assert all(len(e.quote) < 60 for e in found)


def test_one_action_at_several_places_stays_one_event() -> None:
    (e,) = events("Police raided safe houses in Yanji and Helong and arrested five people on Monday.")
    assert names(e) >= {"Yanji", "Helong"} and e.count == 5


def test_yearly_figures_are_one_event_each() -> None:
    text = (
        "A total of 2,914 North Koreans arrived in South Korea in 2009. The number then fell, "
        "with 2,402 people in 2010 and 2,706 people in 2011."
    )
    found = events(text, published=date(2012, 1, 20))
    assert [(e.count, e.interval.start.year) for e in found] == [(2914, 2009), (2402, 2010), (2706, 2011)]
    assert [e.quote for e in found[1:]] == ["2,402 people in 2010", "2,706 people in 2011"]
    assert all(names(e) == {"South Korea"} for e in found)


def test_figures_inside_a_trend_are_events() -> None:
    found = events(
        "Arrivals in South Korea of North Korean defectors rose to 196 in 2023 from 67 in 2022.",
        published=date(2024, 1, 20),
    )
    assert sorted((e.interval.start.year, e.count) for e in found) == [(2022, 67), (2023, 196)]


def test_a_running_total_is_not_a_yearly_figure() -> None:
    assert kinds("A total of 33,900 North Koreans have resettled in South Korea since the 1990s.") == []


def test_a_restatement_is_printed_once() -> None:
    text = (
        "Some 1,047 defectors entered South Korea in 2019, the ministry said. "
        "Of the 1,047 North Koreans who came to the South in 2019, most were women."
    )
    found = events(text, published=date(2020, 1, 10))
    assert [(e.type, e.count) for e in found] == [("arrival_statistic", 1047)]


# --- linking across sentences ---------------------------------------------------------------


def test_a_date_carries_over_within_one_happening() -> None:
    text = (
        "Two families were arrested near Hyesan. They had tried to cross the Yalu River at dawn on January 3."
    )
    arrest, crossing = events(text)
    assert arrest.type == "arrest" and arrest.interval.start == date(2018, 1, 3)
    assert "next sentence" in arrest.interval.text
    assert crossing.type == "crossing_attempt" and names(crossing) >= {"Hyesan", "Yalu River"}


def test_a_later_trial_keeps_its_own_date_and_the_people_count() -> None:
    text = "Three traders were arrested near Hyesan in early March. They were tried in front of about 400 residents on 2 January."
    arrest, trial = events(text)
    assert (arrest.type, arrest.interval.start, arrest.interval.end) == (
        "arrest",
        date(2017, 3, 1),
        date(2017, 3, 10),
    )
    assert (trial.type, trial.interval.start, trial.count) == ("execution_or_punishment", date(2018, 1, 2), 3)


def test_a_date_never_passes_to_a_different_happening() -> None:
    text = "A broker was arrested in Hyesan. On 2 January his wife was fined 5,000 yuan."
    arrest, fine = events(text)
    assert arrest.interval.precision == "none"
    assert fine.interval.start == date(2018, 1, 2) and fine.amount == "5,000 yuan"


def test_an_arrest_does_not_take_the_destination() -> None:
    text = "Five defectors were caught in Yanji on Sunday. They had tried to flee to South Korea."
    arrest, crossing = events(text)
    assert names(arrest) == {"Yanji"}
    assert "South Korea" in names(crossing) and crossing.count == 5


def test_the_family_introduced_before() -> None:
    text = (
        "Neighbours said a family from Musan left home before trying to cross the border on "
        "New Year's Eve. The family was arrested while crossing the Tumen River."
    )
    found = {e.type: e for e in events(text)}
    assert names(found["arrest"]) >= {"Musan", "Tumen River"}
    assert found["arrest"].interval.start == date(2017, 12, 31)


def test_a_following_sentence_about_the_same_people_adds_places() -> None:
    text = (
        "Chinese police returned about 80 North Koreans to the North on Monday. "
        "The detainees had been held in Tumen and Longjing."
    )
    (e,) = events(text)
    assert names(e) >= {"Tumen", "Longjing"} and e.count == 80


def test_a_time_that_opens_the_sentence_holds_for_all_of_it() -> None:
    text = (
        "Every winter, police in Jilin Province tighten security checks, and more defectors are "
        "arrested in Yanji."
    )
    found = {e.type: e for e in events(text, published=None)}
    assert set(found) == {"crackdown", "arrest"}
    assert all(e.interval.precision == "recurring" for e in found.values())


def test_place_of_the_source_as_a_fallback() -> None:
    text = "“Police searches of homes have intensified,” a source in Ryanggang Province said."
    (e,) = events(text)
    assert names(e) == {"Ryanggang Province"} and e.place_basis == "source"
    assert e.geoprecision == 4  # a province (3), one step less precise as the source's place


def test_the_source_is_not_a_place_when_the_text_gives_one() -> None:
    (e,) = events("Police arrested six people in Hyesan on Monday, a source in Yanji said.")
    assert names(e) == {"Hyesan"}


def test_where_the_people_quoted_are_is_not_an_event_place() -> None:
    (e,) = events("According to activists in Seoul, police detained 12 people in Dandong last month.")
    assert names(e) == {"Dandong"}


def test_nearest_preceding_sentence_that_names_a_place() -> None:
    text = (
        "Police in Liaoning Province set up checkpoints on the roads to Dandong last month.\n"
        "Anyone caught helping defectors is fined 30,000 yuan."
    )
    fine = next(e for e in events(text) if e.type == "fine")
    assert names(fine) == {"Liaoning Province", "Dandong"} and fine.place_basis == "preceding"


def test_a_country_that_only_locates_a_border_is_not_listed() -> None:
    (e,) = events("Four people were arrested on the stretch where Jagang Province borders China on Friday.")
    assert names(e) == {"Jagang Province", "China–North Korea border"}
    (e,) = events("Four people crossed the border into China on Friday.")
    assert "China" in names(e)  # a destination is a place of the crossing


def test_a_back_reference_is_not_a_second_happening() -> None:
    text = (
        "Police detained 14 people in Yanji on Tuesday. Seoul protested the arrests. "
        "Those arrested included a couple who had crossed the Tumen River in December."
    )
    found = events(text, published=date(2019, 1, 10))
    assert [(e.type, e.interval.start) for e in found] == [
        ("arrest", date(2019, 1, 8)),
        ("crossing_attempt", date(2018, 12, 1)),
    ]


def test_a_further_happening_of_the_same_kind_is_not_merged() -> None:
    text = "Police arrested two brokers in Yanji. They also detained five defectors in Tumen."
    assert [(e.count, names(e)) for e in events(text)] == [(2, {"Yanji"}), (5, {"Tumen"})]


def test_the_arrest_of_someone_new_is_a_new_happening() -> None:
    text = "Police arrested five people in Yanji on Monday. Separately, activists reported the arrest of a pastor in Hunchun."
    assert [names(e) for e in events(text)] == [{"Yanji"}, {"Hunchun"}]


def test_a_participle_naming_a_class_of_people_is_not_an_event() -> None:
    assert kinds("In earlier years, repatriated defectors faced long prison terms.") == []


def test_an_official_is_a_source_only_when_speaking() -> None:
    (e,) = events("An official in Yanji said police detained two brokers in Helong on Monday.")
    assert names(e) == {"Helong"}
    (e,) = events("Authorities executed a senior official in Pyongyang last month.")
    assert names(e) == {"Pyongyang"}


def test_a_dateline_is_neither_the_date_nor_the_place_of_the_event() -> None:
    (e,) = events("SEOUL, Jan. 7 (Yonhap) -- Two soldiers defected to South Korea on Friday, officials said.")
    assert e.interval.start == date(2018, 1, 5) and names(e) == {"South Korea"}
    assert e.quote.startswith("Two soldiers")
    (e,) = events("HUNCHUN, China – Police in this border city detained six North Koreans on Sunday.")
    assert "Hunchun" in names(e)  # the filing place stands in when the sentence names none


# --- what is not report text ----------------------------------------------------------------


def test_headlines_and_bios_state_no_event() -> None:
    text = (
        "Arrests rise at the Chinese border\n"
        "Police arrested three defectors in Yanji on Monday.\n"
        "Kim Ok is a journalist who fled North Korea in 2010."
    )
    found = events(text, title="Arrests rise at the Chinese border")
    assert [(e.type, e.count) for e in found] == [("arrest", 3)]


def test_markup_residue_is_not_quoted() -> None:
    (e,) = events("Intro line.\n[imText2]Police arrested two men in Yanji on Monday.")
    assert e.quote == "Police arrested two men in Yanji on Monday."


def test_no_time_is_precision_none() -> None:
    (e,) = events("Police arrested a broker in Hyesan.")
    assert e.interval.precision == "none" and e.interval.start is None


def test_provenance() -> None:
    article = _article("Police arrested a broker in Hyesan on Monday.")
    (e,) = extract(article).events
    assert e.article_id == article.id
    assert article.text[e.span[0] : e.span[1]] == e.quote
    assert e.rule.startswith("arrest:")


# --- the lexicon is data ----------------------------------------------------------------------


def test_a_user_lexicon_adds_a_type(tmp_path: Path) -> None:
    default = load_lexicon().types
    assert "protest" not in [t.name for t in default]
    source = (Path(__file__).resolve().parents[1] / "timeline" / "data" / "lexicon.toml").read_text()
    extended = source.replace("[cues]", "[types.protest]\ntriggers = ['protested', 'rallied']\n\n[cues]")
    path = tmp_path / "lexicon.toml"
    path.write_text(extended, encoding="utf-8")
    lexicon = load_lexicon(path)
    text = "Hundreds of residents protested in Seoul on Saturday."
    found = extract_events(_article(text), split_sentences(text), [], [], lexicon=lexicon)
    assert [e.type for e in found] == ["protest"]


def test_a_broken_lexicon_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text("[types.arrest]\ntriggers = ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="lexicon.toml"):
        load_lexicon(path)


# --- rules that carry to other outlets' phrasing (added with the held-out dev set) ------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Guards picked up a group of nine defectors near Hunchun on Sunday.", ["arrest"]),
        ("Two men slipped across the Yalu River near Manpo last week.", ["crossing_attempt"]),
        (
            "A woman was caught crossing from North Korea near Sambong on Monday.",
            ["arrest", "crossing_attempt"],
        ),
        ("Beijing expelled 12 foreign missionaries from Yanbian last month.", ["repatriation"]),
        ("Chinese police handed the three women back to the North on Friday.", ["repatriation"]),
        ("China returned some 150 defectors last year.", ["repatriation"]),
        ("North Korea sealed its border with China in March.", ["crackdown"]),
        ("Security remains tight along the Tumen River.", ["crackdown"]),
        ("The bureau doubled the number of guard patrols along the Yalu this month.", ["crackdown"]),
        ("Police began checking the identity papers of bus passengers in Yanji in May.", ["crackdown"]),
        ("The pastor was placed under house arrest in Yanji last week.", ["execution_or_punishment"]),
        ("His brother received a ten-year sentence in a labour camp.", ["execution_or_punishment"]),
        ("A trafficker sold her to a farmer in Jilin Province.", ["trafficking"]),
        ("South Korea received 43 defectors in the first half of 2022.", ["arrival_statistic"]),
    ],
)
def test_more_wordings_of_each_type(text, expected) -> None:
    assert sorted(kinds(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Those handed over can expect months of questioning before being sent to a labour camp.",
        "Many who are caught near the river are sent home, but this family was not returned.",
        "Before 2020, China sent back about 1,500 people a year.",
        "The fee for crossing the river near Hyesan has doubled to 40,000 yuan.",
        "Activists hold candles near Gwanghwamun to oppose deportations of escapees, June 5, 2020. (Agency Photo)",
        "Commanders ordered soldiers to prevent any defection attempts before the party congress.",
        "Kim, who fled North Korea in 2015, said life in Seoul was hard.",
    ],
)
def test_more_statements_that_are_no_event(text) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "etype", "count"),
    [
        ("Police arrested a 45-year-old trader in Hyesan on Monday.", "arrest", 1),
        ("The driver, a man in his fifties, was detained in Yanji on Friday.", "arrest", 1),
        ("He swam across the Yalu with three other soldiers on Sunday.", "crossing_attempt", 4),
        ("The smuggler sold her and two of the other girls to farmers last year.", "trafficking", 3),
        (
            "A deserter waded across the Yalu and robbed two traders in Changbai on Monday.",
            "crossing_attempt",
            1,
        ),
        ("Police detained nine escapees and their driver, a pastor said.", "arrest", 10),
        ("The couple and their two sons were arrested on Friday.", "arrest", 4),
        ("Four accomplices were jailed last week.", "execution_or_punishment", 4),
        ("A family was caught near Musan on Monday.", "arrest", None),
    ],
)
def test_counts_of_the_people_it_happened_to(text, etype, count) -> None:
    (e,) = [e for e in events(text) if e.type == etype]
    assert e.count == count


def test_a_later_sentence_keeps_its_own_date_in_one_sentence() -> None:
    found = events(
        "A smuggler from Manpo was detained in 2016; months later his wife learned he had been jailed."
    )
    arrest = next(e for e in found if e.type == "arrest")
    jail = next(e for e in found if e.type == "execution_or_punishment")
    assert arrest.interval.start == date(2016, 1, 1) and jail.interval.precision == "none"
    assert names(jail) == {"Manpo"}  # the same man: his place, not his date


def test_an_earlier_happening_in_a_subordinate_clause_keeps_no_date() -> None:
    found = events(
        "Three families in Onsong were exiled to a mining village last year after a cousin was arrested in Yanji."
    )
    arrest = next(e for e in found if e.type == "arrest")
    assert arrest.interval.precision == "none" and names(arrest) == {"Yanji"} and arrest.count == 1


def test_a_time_counted_from_the_happening_before() -> None:
    found = events(
        "Guards caught a family near Hoeryong on 4 March. The broker was arrested in Onsong two days later."
    )
    second = found[-1]
    assert (second.interval.start, second.interval.precision) == (date(2017, 3, 6), "day")
    assert names(second) == {"Onsong"}


def test_at_the_same_trial_takes_the_trial_and_its_place() -> None:
    found = events(
        "A smuggler was executed in Hyesan last week. He had been caught in May. "
        "Two helpers were sentenced at the same trial to ten years."
    )
    helpers = found[-1]
    assert helpers.interval.start == date(2018, 1, 1) and helpers.interval.precision == "week"
    assert names(helpers) == {"Hyesan"} and helpers.count == 2


def test_also_detained_joins_the_raid_told_before() -> None:
    found = events(
        "Police raided a church in Yanji on Sunday and detained six people. "
        "A missionary was detained as well."
    )
    assert [(e.type, e.count) for e in found] == [("arrest", 6), ("arrest", 1)]
    assert found[1].interval.start == date(2018, 1, 7) and names(found[1]) == {"Yanji"}


def test_the_same_night_is_part_of_the_happening() -> None:
    found = events(
        "Chinese police repatriated about 200 North Koreans through Dandong on Tuesday. "
        "Some were put on trucks and handed over at Hunchun the same night."
    )
    (e,) = found
    assert e.type == "repatriation" and {"Dandong", "Hunchun"} <= names(e)


def test_a_figure_compared_with_another_year_is_an_event() -> None:
    found = events(
        "Police in Tumen detained 25 people trying to cross the river this year, against 60 in 2019."
    )
    older = [e for e in found if e.interval.start == date(2019, 1, 1)]
    assert sorted(e.type for e in older) == ["arrest", "crossing_attempt"]
    assert {e.count for e in older} == {60}


def test_quarterly_figures_with_the_year_left_out() -> None:
    found = events(
        "In the fourth quarter of 2022, 40 defectors arrived in South Korea. "
        "Quarterly data put arrivals at 12 in the first quarter of 2022, then 9 in the second and 15 in the third.",
        published=date(2023, 1, 20),
    )
    got = {(e.count, e.interval.start, e.interval.end) for e in found if e.type == "arrival_statistic"}
    assert {(9, date(2022, 4, 1), date(2022, 6, 30)), (15, date(2022, 7, 1), date(2022, 9, 30))} <= got


def test_a_time_in_another_clause_is_not_the_event_time() -> None:
    (e,) = events(
        "Night markets on the bank, common in the 1990s, have gone as the guards intensified inspections."
    )
    assert e.type == "crackdown" and e.interval.precision == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police detained a woman in Hyesan on Monday for calling relatives in South Korea.", {"Hyesan"}),
        (
            "A court in Onsong jailed a trader on Friday for selling radios across the Tumen River.",
            {"Onsong"},
        ),
        (
            "Officials from Pyongyang came to Manpo this month and tightened checks on traders.",
            {"Manpo"},
        ),
    ],
)
def test_places_of_a_motive_or_of_who_the_people_are_are_not_event_places(text, expected) -> None:
    (e,) = events(text)
    assert names(e) == expected


def test_a_repatriation_starts_where_the_arrest_was() -> None:
    found = events("Both men were arrested in Dandong and deported to North Korea in June.")
    arrest = next(e for e in found if e.type == "arrest")
    back = next(e for e in found if e.type == "repatriation")
    assert names(arrest) == {"Dandong"} and names(back) == {"Dandong", "North Korea"}


def test_a_source_background_keeps_its_date_and_place_to_itself() -> None:
    (e,) = events(
        "A defector who fled in 2015 told reporters that police arrested two women in Yanji last week."
    )
    assert e.type == "arrest" and e.interval.start == date(2018, 1, 1) and names(e) == {"Yanji"}


def test_a_border_named_in_the_trigger_words_is_its_place() -> None:
    (e,) = events("Trade dried up after the border was shut in March 2020.", published=date(2021, 1, 4))
    assert e.type == "crackdown" and names(e) == {"China–North Korea border"}
    assert e.interval.start == date(2020, 3, 1)


def test_the_group_counted_in_an_earlier_sentence() -> None:
    found = events(
        "She and four other women crossed into China on Friday. Police arrested the group near Yanji the next day."
    )
    assert [(e.type, e.count) for e in found] == [("crossing_attempt", 5), ("arrest", 5)]
    assert found[1].interval.start == date(2018, 1, 6) and names(found[1]) == {"Yanji"}


def test_caught_on_a_day_and_during_a_crossing_share_the_moment() -> None:
    found = events("Two women were caught on Friday while trying to cross the Yalu near Hyesan.")
    assert sorted(e.type for e in found) == ["arrest", "crossing_attempt"]
    assert {e.interval.start for e in found} == {date(2018, 1, 5)}
    assert all(names(e) == {"Yalu River", "Hyesan"} and e.count == 2 for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "The soldier who defected last month was sent to a prison camp, officials said.",
        "Police jailed a woman who had crossed the river last month.",
    ],
)
def test_a_happening_in_a_relative_clause_keeps_its_date_to_itself(text) -> None:
    found = events(text)
    crossing = next(e for e in found if e.type == "crossing_attempt")
    other = next(e for e in found if e.type != "crossing_attempt")
    assert crossing.interval.start == date(2017, 12, 1) and other.interval.precision == "none"


def test_those_named_by_a_past_happening_are_still_reported() -> None:
    (e,) = events("Those arrested on Monday were taken to a detention centre in Tumen.")
    assert e.type == "arrest" and e.interval.start == date(2018, 1, 8)


# --- rules added with reports 101–106 (texts written for these tests) ---------------------------


def test_figures_laid_out_as_a_table_are_one_event_a_row() -> None:
    text = (
        "The agency released its numbers.\n\n"
        "Yearly arrivals in South Korea (agency data):\n2017: 1,127\n2018: 1,137\n\n"
        "Most were women.\n\n"
        "Arrivals by quarter, 2018:\nFirst quarter (January–March): 270\nQ2: 290\n\n"
        "Figures are provisional."
    )
    found = [e for e in events(text, published=date(2019, 2, 1)) if e.rule.endswith(":table")]
    got = [(e.quote, e.count, e.interval.start, e.interval.end, names(e)) for e in found]
    korea = {"South Korea"}
    assert got == [
        ("2017: 1,127", 1127, date(2017, 1, 1), date(2017, 12, 31), korea),
        ("2018: 1,137", 1137, date(2018, 1, 1), date(2018, 12, 31), korea),
        ("First quarter (January–March): 270", 270, date(2018, 1, 1), date(2018, 3, 31), korea),
        ("Q2: 290", 290, date(2018, 4, 1), date(2018, 6, 30), korea),
    ]
    assert all(e.type == "arrival_statistic" for e in found)


def test_rows_under_a_heading_of_no_type_are_no_events() -> None:
    assert events("Prices of rice in Hyesan (won per kilo):\n2019: 5,000\n2020: 6,100\n") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Guards locked down three border villages near Musan last week.", ["crackdown"]),
        ("The regime sealed the country's northern border in March.", ["crackdown"]),
        (
            "Since 2019, Liaoning police have paid rewards of up to 3,000 yuan for tips on migrants.",
            ["crackdown"],
        ),
        (
            "Six fishermen sailed across the sea border in May and were found near Goseong.",
            ["crossing_attempt"],
        ),
        ("After a raid in March she was taken to a detention centre in Yanji.", ["arrest"]),
        ("On Monday the women were handed to North Korean security agents at the bridge.", ["repatriation"]),
        ("The smuggler was shot by a firing squad near Hyesan last week.", ["execution_or_punishment"]),
        (
            "A squad of auditors from the capital was sent to Sinuiju this week to inspect the guard posts.",
            ["crackdown"],
        ),
        ("He spent two years in a labour camp near Chongjin.", ["execution_or_punishment"]),
        ("Patrols comb the riverbank villages every year from November to March.", ["crackdown"]),
        ("Defections traditionally climbed each year between January and March.", ["crossing_attempt"]),
    ],
)
def test_wordings_of_reports_from_other_outlets(text, expected) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The pair gave up and turned back as soon as a patrol appeared.",
        "Buses took the detainees to crossings at Hunchun on Monday.",
        "The cumulative number of defectors who have settled in the South passed 30,000 in 2016.",
        "At least 50 of those sent back had worked in restaurants in Dandong.",
    ],
)
def test_statements_from_other_outlets_that_are_no_event(text) -> None:
    assert [e.type for e in events(text) if e.type not in ("other",)] == []


def test_those_caught_are_the_people_of_the_arrest_before() -> None:
    text = (
        "Local officials in Hyesan said police had detained at least 12 traders this month. "
        "Those detained were later fined 300,000 won apiece."
    )
    arrest, fine = events(text)
    assert (arrest.type, fine.type) == ("arrest", "fine")
    assert fine.count == 12 and names(fine) == {"Hyesan"}


def test_a_past_perfect_time_counts_from_the_story_present() -> None:
    text = (
        "Police detained two women in Yanji on Tuesday. They had crossed the river in early December. "
        "Officers had arrested their broker in Longjing the previous week."
    )
    broker = events(text)[-1]
    assert broker.type == "arrest" and names(broker) == {"Longjing"}
    assert (broker.interval.start, broker.interval.end) == (date(2017, 12, 25), date(2017, 12, 31))


def test_one_person_of_a_group_keeps_the_count_one() -> None:
    text = (
        "In March she and about 15 other women were handed over to North Korean guards at Namyang. "
        "She spent a year in prison in Hamhung."
    )
    back, camp = events(text, published=date(2019, 6, 1))
    assert (back.type, back.count) == ("repatriation", 16)
    assert (camp.type, camp.count) == ("execution_or_punishment", 1)


def test_a_return_after_an_arrest_starts_where_the_arrest_was() -> None:
    (cross, arrest, back) = events(
        "Last month a man who waded across the Tumen near Hunchun was caught within hours and "
        "sent back to Onsong on December 20."
    )
    assert back.type == "repatriation" and {"Hunchun", "Onsong"} <= names(back)
    assert arrest.interval.precision == "month"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In April, days after Mongolia reopened its border with China, police returned some 40 "
            "escapees from Erenhot.",
            {"Erenhot"},
        ),
        (
            "Crossings into South Korea slumped after the regime sealed its border with China in 2020.",
            {"China–North Korea border"},
        ),
    ],
)
def test_a_place_that_only_dates_the_happening_is_not_its_place(text, expected) -> None:
    (e,) = [e for e in events(text, published=date(2021, 6, 1)) if e.type in ("repatriation", "crackdown")]
    assert names(e) == expected


def test_a_later_leg_or_a_plan_is_not_the_route_of_the_crossing() -> None:
    text = (
        "The two men crossed the Yalu River near Sinuiju in March. They then travelled by bus to Kunming. "
        "A woman crossed the Tumen near Musan in April. She had been hiding in Yanji and was about to leave "
        "for Beijing."
    )
    first, second = [e for e in events(text, published=date(2021, 6, 1)) if e.type == "crossing_attempt"]
    assert "Kunming" not in names(first) and "Beijing" not in names(second) and "Yanji" in names(second)


def test_the_women_are_the_women_of_a_mixed_group_before() -> None:
    text = (
        "Police detained a bus driver and the four women travelling with him near Yanji on Monday. "
        "The women had waded across the Tumen River a few days before."
    )
    arrest, crossing = events(text)
    assert (arrest.type, arrest.count) == ("arrest", 5)
    assert (crossing.type, crossing.count) == ("crossing_attempt", 4)


def test_since_a_time_when_dates_the_when_clause_at_that_time() -> None:
    (e,) = events(
        "Her cousin has worked on a pig farm near Yanji since last year, when traffickers sold her to its owner.",
        published=date(2023, 5, 2),
    )
    assert e.type == "trafficking"
    assert (e.interval.start, e.interval.end, e.interval.precision) == (
        date(2022, 1, 1),
        date(2022, 12, 31),
        "year",
    )


def test_a_happening_in_a_since_clause_takes_the_time_its_clause_names() -> None:
    found = events(
        "Trade has dwindled since the frontier was sealed in March 2020.", published=date(2021, 5, 3)
    )
    (e,) = [e for e in found if e.type == "crackdown"]
    assert (e.interval.start, e.interval.end, e.interval.precision) == (
        date(2020, 3, 1),
        date(2020, 3, 31),
        "month",
    )


# --- round 3: families of wording that unseen reports use --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese border guards intercepted six North Koreans near Tumen on Sunday.", ["arrest"]),
        ("Police seized eight defectors at a checkpoint in Helong on Friday.", ["arrest"]),
        ("The two women were held by police in Dandong for a week.", ["arrest"]),
        ("A trader was hauled off to a holding centre in Hyesan on Wednesday.", ["arrest"]),
        ("Officers picked up a middleman, named only as Pak, in Yanji last week.", ["arrest"]),
        ("A fisherman ferried the three women across the river at night in May.", ["crossing_attempt"]),
        ("The group made the crossing near Musan in January.", ["crossing_attempt"]),
        ("They entered China illegally in 2016.", ["crossing_attempt"]),
        ("About 40 detainees were returned from Tumen to Namyang on Thursday.", ["repatriation"]),
        ("A rights group has recorded the return of 300 people from China since June.", ["repatriation"]),
        ("Fifteen escapees were transferred to North Korean authorities at Sinuiju.", ["repatriation"]),
        (
            "The guard was expelled from the Workers' Party and sent to hard labour in May.",
            ["execution_or_punishment"],
        ),
        ("She was handed a five-year sentence in March.", ["execution_or_punishment"]),
        ("He was given 12 years in a labour camp last month.", ["execution_or_punishment"]),
        ("The driver was ordered to pay 3,000 yuan on Monday.", ["fine"]),
        ("Last month a 5,000-yuan fine was imposed on a bus driver.", ["fine"]),
        ("A new rule says anyone who rents a room to a migrant faces a fine of 8,000 yuan.", ["fine"]),
        ("Guards finished a new stretch of fencing along the Yalu in early 2021.", ["crackdown"]),
        (
            "Since the spring, the county has added floodlights and cameras on the dyke in Changbai.",
            ["crackdown"],
        ),
        ("Since early May, officers have been checking ID cards on ferries out of Hunchun.", ["crackdown"]),
        (
            "Households in Sambong were ordered to register all guests with the police last month.",
            ["crackdown"],
        ),
        ("Soldiers were mobilized to patrol the riverbank near Hyesan in March.", ["crackdown"]),
        ("The authorities have beefed up security along the Tumen this month.", ["crackdown"]),
        ("A clampdown on smugglers began in Sinuiju in April.", ["crackdown"]),
        ("The regime placed Hyesan under a strict lockdown in August.", ["crackdown"]),
        ("In the past week, police arrested 20 people in Yanji.", ["arrest"]),
        ("Fearing arrest, the family fled to China in March.", ["crossing_attempt"]),
        ("They risked their lives crossing the Tumen River last winter.", ["crossing_attempt"]),
        ("The escapees were caught by police in Yanji on Friday.", ["arrest"]),
        ("Brokers lured the two girls to China with promises of factory work in 2016.", ["trafficking"]),
        ("A farmer bought her for 20,000 yuan in Heilongjiang last year.", ["trafficking"]),
        ("Three women were forced into prostitution in Shandong last year.", ["trafficking"]),
        ("The detainees were escorted back to the border by Chinese police on Friday.", ["repatriation"]),
        (
            "A total of 88 defectors reached South Korea in the first half of 2017, up from a year earlier.",
            ["arrival_statistic"],
        ),
    ],
)
def test_wordings_of_unseen_outlets(text, expected) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He escaped arrest in Yanji.",
        "Police plan to increase patrols along the river.",
        "Two women repatriated in June were later sentenced to prison terms.",
        "The returned goods were sold in Hyesan.",
        "More than 30 people attended a meeting about security.",
        "Security was lax that night, the official added.",
        "The two girls were returned to their families.",
    ],
)
def test_more_wordings_that_are_no_event(text) -> None:
    assert [e.type for e in events(text) if e.type != "execution_or_punishment"] == []


def test_a_number_set_against_any_other_time_is_one_more_figure() -> None:
    found = events(
        "Police detained 15 traders in Onsong this year, against roughly 30 in 2016.\n\n"
        "In the third quarter alone, 50 defectors arrived in South Korea, up from 41 in the first six months of 2017."
    )
    figures = sorted((e.type, e.count, e.interval.start) for e in found)
    assert ("arrest", 30, date(2016, 1, 1)) in figures
    assert ("arrival_statistic", 41, date(2017, 1, 1)) in figures
    fifty = next(e for e in found if e.count == 50)
    assert fifty.interval.start == date(2017, 7, 1)  # the third quarter, not the time of the 41


def test_a_figure_in_the_next_sentence_compared_with_the_last() -> None:
    found = events(
        "A total of 60 defectors reached South Korea in 2017.\n\nThe figure compares with 75 in 2016, "
        "officials said."
    )
    assert sorted(e.count for e in found if e.type == "arrival_statistic") == [60, 75]


def test_a_since_clause_dates_its_own_happening_not_the_main_clause() -> None:
    (e,) = events(
        "Since the crossing at Tumen opened again in May 2017, monitors have counted the return of 200 people."
    )
    assert e.type == "repatriation"
    assert (e.interval.start, e.interval.end) == (date(2017, 5, 1), PUBLISHED)


def test_an_audience_is_not_the_people_it_happened_to() -> None:
    (e,) = events(
        "On Monday, about 500 students were made to attend a mass trial in Hyesan, where two smugglers "
        "were sentenced to 10 years."
    )
    assert e.type == "execution_or_punishment" and e.count == 2


def test_a_couple_and_their_baby_are_three() -> None:
    (e,) = [
        e
        for e in events("Police caught a couple with their toddler near Musan on Monday.")
        if e.type == "arrest"
    ]
    assert e.count == 3


def test_a_trip_in_a_relative_clause_gives_no_place_to_the_arrest() -> None:
    (e,) = events("On Tuesday police in Dandong detained two women who had bought tickets for Shenyang.")
    assert names(e) == {"Dandong"}
    (e,) = events("Police in Hunchun detained four men last week, all of whom had meant to go on to Seoul.")
    assert "Seoul" not in names(e)


def test_the_lead_and_the_detail_of_one_happening_pool_their_places() -> None:
    found = events(
        "Police in Jilin Province have arrested a family.\n\nThe family was arrested in Yanji on Monday."
    )
    arrests = [e for e in found if e.type == "arrest"]
    assert len(arrests) == 1 and {"Yanji", "Jilin Province"} <= names(arrests[0])


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The number of defectors who entered South Korea in 2016 totalled 1,418.", 1418),
        (
            "The number of North Koreans who arrived in the South in the first quarter of 2017 stood at 43.",
            43,
        ),
        ("The cumulative number of defectors who have settled in the South reached 30,000 in 2016.", None),
        ("The number of defectors who have settled in the South since 1998 now stands at 31,000.", None),
    ],
)
def test_a_number_of_arrivals_for_a_dated_period_is_a_figure(text, count) -> None:
    assert [e.count for e in events(text) if e.type == "arrival_statistic"] == ([count] if count else [])


def test_vehicles_carrying_the_people_give_the_route_of_their_return() -> None:
    found = events(
        "On Friday, police sent back about 90 North Koreans held in Jilin Province.\n\n"
        "According to witnesses, trucks carrying the detainees crossed the bridge at Tumen."
    )
    (returned,) = [e for e in found if e.type == "repatriation"]
    assert {"Jilin Province", "Tumen"} <= names(returned)


def test_the_opening_summary_and_the_detail_after_it_are_one_happening() -> None:
    found = events(
        "Police in Jilin Province have arrested a family of defectors, a source said.\n\n"
        "A mother and her two sons were arrested in Yanji on Monday."
    )
    (arrest,) = [e for e in found if e.type == "arrest"]
    assert arrest.count == 3 and {"Yanji", "Jilin Province"} <= names(arrest)
    assert arrest.interval.start == date(2018, 1, 8)


def test_a_second_group_after_the_opening_summary_is_another_happening() -> None:
    found = events(
        "Police in Jilin Province arrested five defectors, a source said.\n\n"
        "Another two were arrested in Yanji on Monday."
    )
    assert len([e for e in found if e.type == "arrest"]) == 2


# --- recall breadth: the wordings news writers use for each type ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # arrest: passives, phrasal verbs and idioms
        ("Officers took the two traders into custody at a bus station in Yanji on Monday.", ["arrest"]),
        ("Three of the smugglers were seized in March near Sinuiju.", ["arrest"]),
        ("About 20 residents have been hauled in for questioning in Musan this week.", ["arrest"]),
        ("Her brother was detained for questioning in Hunchun last month.", ["arrest"]),
        ("Agents hauled the pastor off to a police station in Dandong on Sunday.", ["arrest"]),
        ("Security agents came for him at his flat in Hyesan in early May.", ["arrest"]),
        ("The woman was nabbed at a checkpoint outside Longjing on Friday.", ["arrest"]),
        # crossing: transport verbs with "across", manner verbs, leaving the country
        ("A boatman tried to take four women across the Tumen River in June.", ["crossing_attempt"]),
        ("A fisherman helped the couple across the river near Musan in April.", ["crossing_attempt"]),
        ("The teenager dashed across the frozen Yalu near Hyesan in January.", ["crossing_attempt"]),
        ("Two soldiers crawled over the border fence near Onsong last week.", ["crossing_attempt"]),
        ("The young mother left North Korea in 2016 with her daughter.", ["crossing_attempt"]),
        # punishment: firing squads, camps by their Korean names, terms that contain "a year"
        ("A smuggler was put before a firing squad in Hyesan on Tuesday.", ["execution_or_punishment"]),
        ("Both men were sent to a kyohwaso in North Hamgyong last spring.", ["execution_or_punishment"]),
        ("She was sentenced in 2017 to a year in a labour camp.", ["execution_or_punishment"]),
        # repatriation
        ("Chinese police turned the six escapees over to the North Korean side on Monday.", ["repatriation"]),
        ("The detainees were transferred back across the bridge to Sinuiju in May.", ["repatriation"]),
        # crackdown: teams sent, surveillance grown since a date
        (
            "Since June, the provincial security bureau has been sending inspection teams into Hoeryong.",
            ["crackdown"],
        ),
        ("Surveillance along the Yalu has grown heavier since 2019.", ["crackdown"]),
        # fine: announced penalties with modal verbs, "without papers"
        ("Taxi drivers caught carrying migrants without papers face fines of 4,000 yuan.", ["fine"]),
        ("Shop owners who hire them can be made to pay 10,000 yuan.", ["fine"]),
        # trafficking
        ("She was sold to a farmer in Jilin in 2012.", ["trafficking"]),
        ("The two girls were later bought by a man in Heilongjiang in 2014.", ["trafficking"]),
        ("She was married off to a man in Jilin for 20,000 yuan in 2012.", ["trafficking"]),
        # nominalisations and other idioms
        ("The detention of three pastors in Yanji last month drew protests.", ["arrest"]),
        ("His escape across the Yalu in 2019 took all night.", ["crossing_attempt"]),
        ("Two guards received prison sentences in Onsong in May.", ["execution_or_punishment"]),
        ("The driver got eight years in a labour camp in 2016.", ["execution_or_punishment"]),
        ("A landlord in Tumen was penalised 6,000 yuan in March.", ["fine"]),
        ("Her parents had to pay 3 million won to the security bureau in 2021.", ["fine"]),
    ],
)
def test_wordings_of_breadth(text, expected) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Police regularly take suspects into custody near the border.",
        "Activists fear more people may be seized in the coming weeks.",
        "Brokers usually take clients across the river at night.",
        "Soldiers could be put before a firing squad if they take bribes.",
        "Rights groups called on Beijing to stop all forced returns.",
        "Customs officers seized smuggled goods at the bridge.",
        "Traders were taken in buses to the market in Hyesan.",
        "Crossings have grown rarer since 2020.",
        "Smugglers were accused of guiding goods across the river.",
        "Chinese trucks are driving coal across the bridge to Sinuiju.",
        "Customs officers seized 30 tonnes of copper at the bridge.",
        "The lorries were taken in for inspection at the border post.",
        "Traders carry goods across the bridge every day.",
        "Stallholders have to pay 400 yuan a month in rent.",
        "The fall in defections across the Tumen has continued.",
    ],
)
def test_breadth_keeps_out_practice_speculation_and_goods(text) -> None:
    assert kinds(text) == []


def test_a_labelled_list_under_a_dated_heading_gives_one_event_per_item() -> None:
    found = events(
        "Main figures for 2022:\n\n"
        "- Forced returns from China: 450 people\n\n"
        "- Women sold into forced marriage in Jilin: 27\n\n"
        "- Budget of the programme: 3 million dollars\n\n"
        "The group said the figures came from interviews."
    )
    assert [(e.type, e.count, e.interval.start.year if e.interval.start else None) for e in found] == [
        ("repatriation", 450, 2022),
        ("trafficking", 27, 2022),
    ]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("A guard was put before a firing squad in Hyesan in early October.", date(2017, 10, 1)),
        ("A soldier slipped across the Yalu into China before dawn on Monday.", date(2018, 1, 8)),
        (
            "Patrols on the Tumen have grown so dense since 2016 that guides charge far higher fees.",
            date(2016, 1, 1),
        ),
    ],
)
def test_before_a_noun_and_so_that_do_not_cut_the_clause(text, start) -> None:
    (found,) = events(text)
    assert found.interval.start == start


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Police held 50 women in Yanji in May. Of those, 12 were sent back to the North in June.", 12),
        ("Officials in Dandong detained a group of migrants in March; 9 were later deported.", 9),
    ],
)
def test_a_bare_number_subject_of_a_passive_counts_people(text, count) -> None:
    assert events(text)[-1].count == count


def test_a_bare_number_object_is_no_count() -> None:
    (found,) = events("Guards fired 12 shots as the soldier swam across the Tumen River in May.")
    assert found.type == "crossing_attempt" and found.count != 12
