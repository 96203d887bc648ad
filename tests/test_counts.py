"""Counts of people and amounts of money, one row per rule of the annotation guide."""

import pytest

from timeline.counts import find_amounts, find_counts, find_yearly_figures, parse_number


def _best(text: str):
    """The count an event would take: a stated total, else the first number of people, else one
    person named by a singular noun."""
    found = find_counts(text)
    return min(found, key=lambda c: (not c.total, not c.known, c.single, c.start)) if found else None


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [
        ("ten people were detained", 10, None, None, None),
        ("Three households – 14 people in all – were caught", 14, None, None, None),
        ("Police held 40-50 people overnight", None, 40, 50, None),
        ("between 30 and 40 people were detained", None, 30, 40, None),
        ("2,084 North Koreans reached the South", 2084, None, None, None),
        ("112 males and 903 females arrived", 1015, None, None, None),
        ("six defectors and their three guides were caught", 9, None, None, None),
        ("four defectors and their guide were arrested", 5, None, None, None),
        ("some 45 people were rounded up", 45, None, None, "about"),
        ("about 12 women were sent back", 12, None, None, "about"),
        ("more than 70 escapees were caught", 70, None, None, "more than"),
        ("at least 25 people were repatriated", 25, None, None, "at least"),
        ("as many as 600 North Koreans were returned", 600, None, None, "up to"),
        ("twenty-three North Koreans were detained", 23, None, None, None),
        ("Two of the brokers were fined", 2, None, None, None),
        ("a total of 31 defectors", 31, None, None, None),
        ("At least 15 people, including three children, were held", 15, None, None, "at least"),
        ("a family of four was caught", 4, None, None, None),
        ("a couple and their infant were detained", 3, None, None, None),
        ("a woman and her baby were sent back", 2, None, None, None),
        ("a young mother from Onsong and her two daughters were held", 3, None, None, None),
        ("the father and his teenage son had waded across", 2, None, None, None),
        ("a Chinese taxi driver and the two North Korean men he carried were stopped", 3, None, None, None),
        ("a larger group of about 45 was handed over", 45, None, None, "about"),
        ("at least 30 of those deported had worked in restaurants", 30, None, None, "at least"),
        ("she was held in a camp for a year", 1, None, None, None),
    ],
)
def test_counts_of_people(text, value, low, high, qualifier) -> None:
    count = _best(text)
    assert count is not None
    assert (count.value, count.low, count.high, count.qualifier) == (value, low, high, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "an entire family from Musan was caught",
        "dozens of defectors were sent back",
        "several women were arrested",
        "many activists were detained",
        "two households were caught",
    ],
)
def test_sizes_the_words_do_not_tell(text) -> None:
    count = _best(text)
    assert count is not None and not count.known
    assert count.value is None and count.low is None


@pytest.mark.parametrize(
    "text",
    [
        "a 150% rise in arrests",
        "arrests rose 40 percent",
        "they were fined 20,000 yuan",
        "sold for 12,000 yuan to farmers in the north",
        "at 3 a.m. on January 1",
        "in 2017 the figure fell",
        "the number of arrests per office is about five a month",
        "291 people fewer than the year before",
    ],
)
def test_not_people(text) -> None:
    assert [c for c in find_counts(text) if c.known] == []


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("are fined between 10,000 to 50,000 yuan", "10,000 to 50,000 yuan", "yuan"),
        ("fined 500,000 won each", "500,000 won", "won"),
        ("paid $3,000 to a broker", "$3,000", "$"),
    ],
)
def test_amounts(text, amount, currency) -> None:
    found = find_amounts(text)
    assert [(a.text, a.currency) for a in found] == [(amount, currency)]


def test_amount_bounds() -> None:
    (a,) = find_amounts("fined 10,000 to 50,000 yuan")
    assert (a.low, a.high) == (10000, 50000)


def test_no_amount_without_a_currency() -> None:
    assert find_amounts("20 people were arrested in 2017") == []


def test_yearly_figures() -> None:
    text = "from 2,706 people in 2011 to just 1,502 people in 2012, then 63 in 2021"
    figures = find_yearly_figures(text)
    assert [(f.count.value, f.year, text[f.start : f.end]) for f in figures] == [
        (2706, 2011, "2,706 people in 2011"),
        (1502, 2012, "1,502 people in 2012"),
        (63, 2021, "63 in 2021"),
    ]


def test_no_figure_from_a_bare_year() -> None:
    assert find_yearly_figures("since he came to power in 2012") == []


@pytest.mark.parametrize(
    ("word", "value"),
    [("1,127", 1127), ("seven", 7), ("forty-two", 42), ("a dozen", 12), ("3 thousand", 3000), ("blue", None)],
)
def test_parse_number(word, value) -> None:
    assert parse_number(word) == value


def test_a_subset_or_the_onlookers_are_not_counted() -> None:
    assert [c.value for c in find_counts("At least 15 people, including three children, were held")] == [15]
    assert [c.value for c in find_counts("They were tried in front of about 400 residents")] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a 62-year-old teacher was detained", 1),
        ("the broker, a woman in her forties, was held", 1),
        ("his wife was fined", 1),
        ("she waded over with two other girls and a guide", 4),
        ("he fled with three other soldiers", 4),
        ("a trafficker sold him and one of the other boys", 2),
        ("she and four other women crossed", 5),
        ("the parents and their four sons were caught", 6),
        ("nine escapees and their driver, a pastor said", 10),
        ("six men, three teenagers and a guide", 10),
        ("Three accomplices were jailed", 3),
    ],
)
def test_people_named_one_by_one(text, value) -> None:
    count = _best(text)
    assert count is not None and count.value == value


@pytest.mark.parametrize(
    "text",
    [
        "the border guard command issued an order",
        "the activist said on Monday",
        "according to the pastor",
        "the broker's fee was paid",
    ],
)
def test_a_singular_noun_that_names_nobody_it_happened_to(text) -> None:
    assert [c for c in find_counts(text) if c.known] == []


def test_quarterly_figures() -> None:
    found = find_yearly_figures(
        "showed 30 arrivals in the first quarter of 2021, 41 in the second and 12 in the third"
    )
    assert [(f.count.value, f.year, f.quarter) for f in found] == [
        (30, 2021, 1),
        (41, 2021, 2),
        (12, 2021, 3),
    ]
    assert find_yearly_figures("63 in the first round") == []
