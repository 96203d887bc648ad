from datetime import date

import pytest

from timeline import calendars


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2017, date(2017, 1, 28)),
        (2018, date(2018, 2, 16)),
        (2019, date(2019, 2, 5)),
        (2020, date(2020, 1, 25)),
        (2024, date(2024, 2, 10)),
    ],
)
def test_lunar_new_year(year, expected):
    assert calendars.lunar_new_year(year) == expected


def test_chuseok_and_lantern_festival():
    assert calendars.chuseok(2017) == date(2017, 10, 4)
    assert calendars.chuseok(2018) == date(2018, 9, 24)
    assert calendars.lantern_festival(2018) == date(2018, 3, 2)


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("new_years_day", 2018, date(2018, 1, 1)),
        ("new_years_eve", 2017, date(2017, 12, 31)),
        ("kim_il_sung_birthday", 2018, date(2018, 4, 15)),
        ("kim_jong_il_birthday", 2018, date(2018, 2, 16)),
        ("christmas", 2016, date(2016, 12, 25)),
        ("lunar_new_years_eve", 2018, date(2018, 2, 15)),
        ("lantern_festival", 2019, date(2019, 2, 19)),
    ],
)
def test_holiday(name, year, expected):
    assert calendars.holiday(name, year) == expected


def test_holiday_period_spans_the_public_holiday():
    assert calendars.holiday_period("lunar_new_year", 2018) == (date(2018, 2, 15), date(2018, 2, 21))
    assert calendars.holiday_period("kim_il_sung_birthday", 2018) == (date(2018, 4, 15), date(2018, 4, 15))


def test_every_holiday_resolves_and_has_its_usual_month():
    for name, rule in calendars.HOLIDAYS.items():
        day = calendars.holiday(name, 2018)
        assert abs(day.month - rule.month) <= 1 or {day.month, rule.month} == {1, 12}, name


def test_unknown_holiday_and_unsupported_year_fail_loudly():
    with pytest.raises(KeyError):
        calendars.holiday("no_such_day", 2018)
    with pytest.raises(ValueError):
        calendars.lunar_new_year(2200)


def test_seasons_winter_crosses_the_year_and_knows_leap_years():
    assert calendars.SEASONS["winter"] == (12, 2)
    assert calendars.season_window("winter", 2017) == (date(2017, 12, 1), date(2018, 2, 28))
    assert calendars.season_window("winter", 2019) == (date(2019, 12, 1), date(2020, 2, 29))
    assert calendars.season_window("summer", 2016) == (date(2016, 6, 1), date(2016, 8, 31))
    assert calendars.season_window("fall", 2016) == calendars.season_window("autumn", 2016)


def test_decade_table_agrees_with_converting_each_date_alone():
    from korean_lunar_calendar import KoreanLunarCalendar

    table = calendars._lunar_holidays(201)
    assert len(table) == 10 * len({h.lunar for h in calendars.HOLIDAYS.values() if h.lunar})
    for (y, m, d), solar in table.items():
        assert solar == calendars._convert(KoreanLunarCalendar(), y, m, d)


def test_lunar_dates_outside_the_calendar_are_errors():
    with pytest.raises(ValueError):
        calendars.lunar_new_year(2051)


@pytest.mark.parametrize(
    ("name", "months"),
    [("chuseok", (9, 10)), ("lunar_new_year", (1, 2)), ("dano", (5, 6)), ("kim_il_sung_birthday", (4, 4))],
)
def test_months_a_holiday_can_fall_in(name, months):
    assert calendars.months_spanned(name) == months
