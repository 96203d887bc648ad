"""Holidays and seasons as dates: the calendar facts a time expression leans on.

Reports date things by festivals ("over the Lunar New Year", "on Kim Il Sung's birthday") and
seasons ("every winter"). Lunar dates come from `korean-lunar-calendar` (MIT), which covers lunar
years 1000-2050; the Korean and Chinese lunar calendars agree on the New Year in that span except
for rare time-zone edge cases. Everything else is a table below, so adding a holiday is a data edit.

>>> lunar_new_year(2018)
datetime.date(2018, 2, 16)
>>> holiday("new_years_eve", 2017)
datetime.date(2017, 12, 31)
>>> season_window("winter", 2017)
(datetime.date(2017, 12, 1), datetime.date(2018, 2, 28))
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

from korean_lunar_calendar import KoreanLunarCalendar


@dataclass(frozen=True)
class Holiday:
    """A holiday by its rule: a fixed solar (month, day), or a lunar (month, day) plus an offset in days.

    `month` is the solar month it usually falls in, used when a window names the holiday without a
    year ("from December until the Lunar New Year" is 12→2). `days` is the length of its public
    holiday, starting `holiday_offset` days from the day itself ("the Chinese New Year holidays").
    """

    name: str
    month: int
    solar: tuple[int, int] | None = None
    lunar: tuple[int, int] | None = None
    offset: int = 0
    days: int = 1
    holiday_offset: int = 0


HOLIDAYS: dict[str, Holiday] = {
    h.name: h
    for h in (
        Holiday("new_years_day", 1, solar=(1, 1), days=2),
        Holiday("new_years_eve", 12, solar=(12, 31)),
        Holiday("christmas", 12, solar=(12, 25)),
        Holiday("christmas_eve", 12, solar=(12, 24)),
        Holiday("kim_jong_il_birthday", 2, solar=(2, 16)),  # Day of the Shining Star
        Holiday("kim_il_sung_birthday", 4, solar=(4, 15)),  # Day of the Sun
        Holiday("kim_jong_un_birthday", 1, solar=(1, 8)),
        Holiday("womens_day", 3, solar=(3, 8)),
        Holiday("may_day", 5, solar=(5, 1)),
        Holiday("victory_day", 7, solar=(7, 27)),  # armistice of the Korean War, as the DPRK names it
        Holiday("liberation_day", 8, solar=(8, 15)),
        Holiday("dprk_foundation_day", 9, solar=(9, 9)),
        Holiday("china_national_day", 10, solar=(10, 1), days=7),
        Holiday("party_foundation_day", 10, solar=(10, 10)),
        Holiday("lunar_new_year", 2, lunar=(1, 1), days=7, holiday_offset=-1),
        Holiday("lunar_new_years_eve", 2, lunar=(1, 1), offset=-1),
        Holiday("lantern_festival", 2, lunar=(1, 15)),
        Holiday("dano", 6, lunar=(5, 5)),
        Holiday("chuseok", 9, lunar=(8, 15), days=3, holiday_offset=-1),
    )
}

# Meteorological seasons of the northern hemisphere: (first month, last month).
SEASONS: dict[str, tuple[int, int]] = {
    "winter": (12, 2),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
}


@lru_cache(maxsize=1024)
def lunar_to_solar(year: int, month: int, day: int) -> date:
    """The solar date of a lunar date (non-leap month); ValueError outside the package's range."""
    known = _lunar_holidays(year // 10).get((year, month, day))
    if known is not None:
        return known
    return _convert(KoreanLunarCalendar(), year, month, day)


def _convert(cal: KoreanLunarCalendar, year: int, month: int, day: int) -> date:
    if not cal.setLunarDate(year, month, day, False):
        raise ValueError(f"lunar date {year}-{month}-{day} is outside the supported calendar")
    return date(cal.solarYear, cal.solarMonth, cal.solarDay)


@lru_cache(maxsize=64)
def _lunar_holidays(decade: int) -> Mapping[tuple[int, int, int], date]:
    """Solar dates of the lunar holidays of `HOLIDAYS` in the ten years from decade * 10 (read-only).

    One converter walks the years in order and reuses its running day count, so a decade costs about
    what a single conversion from scratch does (the package counts lunar years from 1000 each time).
    """
    cal = KoreanLunarCalendar()
    days = sorted({h.lunar for h in HOLIDAYS.values() if h.lunar})
    years = [y for y in range(decade * 10, decade * 10 + 10) if 1000 <= y <= 2050]
    return MappingProxyType({(y, m, d): _convert(cal, y, m, d) for y in years for m, d in days})


def lunar_new_year(year: int) -> date:
    """Lunar (Chinese) New Year, Spring Festival, Seollal, Tet: first day of the first lunar month."""
    return lunar_to_solar(year, 1, 1)


def lantern_festival(year: int) -> date:
    """Fifteenth day of the first lunar month, which closes the New Year season."""
    return lunar_to_solar(year, 1, 15)


def chuseok(year: int) -> date:
    """Chuseok / Mid-Autumn Festival: fifteenth day of the eighth lunar month."""
    return lunar_to_solar(year, 8, 15)


def holiday(name: str, year: int) -> date:
    """The day of a holiday in a solar year (KeyError for an unknown name)."""
    rule = HOLIDAYS[name]
    if rule.solar:
        return date(year, *rule.solar)
    assert rule.lunar is not None
    return lunar_to_solar(year, *rule.lunar) + timedelta(days=rule.offset)


def holiday_period(name: str, year: int) -> tuple[date, date]:
    """The public holiday around a holiday ("the Chinese New Year holidays"), inclusive."""
    rule = HOLIDAYS[name]
    first = holiday(name, year) + timedelta(days=rule.holiday_offset)
    return first, first + timedelta(days=rule.days - 1)


@lru_cache(maxsize=64)
def months_spanned(name: str) -> tuple[int, int]:
    """The first and last solar month a holiday falls in over the years 1990-2049: a habit "around
    Chuseok" runs September to October, "around the Lunar New Year" January to February; a solar
    holiday keeps its one month."""
    h = HOLIDAYS[name]
    if h.lunar is None:
        return h.month, h.month
    months = sorted({holiday(name, year).month for year in range(1990, 2050)})
    late = [m for m in months if m > 6]
    if late and len(late) < len(months) and months[-1] - months[0] > 6:  # wraps past December
        return late[0], max(m for m in months if m <= 6)
    return months[0], months[-1]


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def season_window(name: str, year: int) -> tuple[date, date]:
    """The season that starts in `year`: winter 2017 runs from December 2017 to February 2018."""
    first, last = SEASONS[name]
    end_year = year + 1 if last < first else year
    return date(year, first, 1), last_day(end_year, last)
