"""The temporal normaliser: a table of expressions of our own, properties, and the seed gold."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal import TimeExpr, infer_published, most_specific, tag, tag_article

SHARED = Path(__file__).resolve().parents[2] / "shared"

MON = date(2018, 1, 8)  # a Monday in the middle of a winter
WED = date(2016, 7, 6)
FRI = date(2016, 7, 8)
D = date

# (sentence, reference, expression as tagged, start, end, precision, from_month, to_month)
TABLE = [
    # month-days: the last such day on or before the reference; times of day are not dates
    (
        "Police arrested him on January 1.",
        MON,
        "on January 1",
        D(2018, 1, 1),
        D(2018, 1, 1),
        "day",
        None,
        None,
    ),
    (
        "They crossed at 3 a.m. on January 1.",
        MON,
        "at 3 a.m. on January 1",
        D(2018, 1, 1),
        D(2018, 1, 1),
        "day",
        None,
        None,
    ),
    (
        "The rule took effect on 7 January.",
        MON,
        "on 7 January",
        D(2018, 1, 7),
        D(2018, 1, 7),
        "day",
        None,
        None,
    ),
    (
        "A raid was carried out on December 20.",
        MON,
        "on December 20",
        D(2017, 12, 20),
        D(2017, 12, 20),
        "day",
        None,
        None,
    ),
    (
        "Raids took place on January 3-5.",
        MON,
        "on January 3-5",
        D(2018, 1, 3),
        D(2018, 1, 5),
        "range",
        None,
        None,
    ),
    (
        "He was seen on Jan. 2 near the river.",
        MON,
        "on Jan. 2",
        D(2018, 1, 2),
        D(2018, 1, 2),
        "day",
        None,
        None,
    ),
    ("She left on Feb 29.", D(2018, 3, 1), "on Feb 29", D(2016, 2, 29), D(2016, 2, 29), "day", None, None),
    # explicit dates, with or without a reference
    (
        "The rules changed on 2016-03-04.",
        None,
        "on 2016-03-04",
        D(2016, 3, 4),
        D(2016, 3, 4),
        "day",
        None,
        None,
    ),
    (
        "On 3 March 2021 police raided the market.",
        None,
        "On 3 March 2021",
        D(2021, 3, 3),
        D(2021, 3, 3),
        "day",
        None,
        None,
    ),
    (
        "The raid took place on March 3, 2021.",
        None,
        "on March 3, 2021",
        D(2021, 3, 3),
        D(2021, 3, 3),
        "day",
        None,
        None,
    ),
    (
        "It happened on Tuesday, March 8, 2016.",
        None,
        "on Tuesday, March 8, 2016",
        D(2016, 3, 8),
        D(2016, 3, 8),
        "day",
        None,
        None,
    ),
    (
        "The raid happened on 15/03/2016.",
        None,
        "on 15/03/2016",
        D(2016, 3, 15),
        D(2016, 3, 15),
        "day",
        None,
        None,
    ),
    (
        "The raid happened on 03/15/2016.",
        None,
        "on 03/15/2016",
        D(2016, 3, 15),
        D(2016, 3, 15),
        "day",
        None,
        None,
    ),
    (
        "The decree of 2018年1月7日 applies.",
        None,
        "2018年1月7日",
        D(2018, 1, 7),
        D(2018, 1, 7),
        "day",
        None,
        None,
    ),
    (
        "El decreto del 5 de enero de 2018 sigue.",
        None,
        "5 de enero de 2018",
        D(2018, 1, 5),
        D(2018, 1, 5),
        "day",
        None,
        None,
    ),
    ("He fled in January 2017.", None, "in January 2017", D(2017, 1, 1), D(2017, 1, 31), "month", None, None),
    (
        "The office opened in September of 2015.",
        None,
        "in September of 2015",
        D(2015, 9, 1),
        D(2015, 9, 30),
        "month",
        None,
        None,
    ),
    # holidays
    (
        "He fled on New Year's Eve.",
        MON,
        "on New Year's Eve",
        D(2017, 12, 31),
        D(2017, 12, 31),
        "day",
        None,
        None,
    ),
    ("He fled on New Year’s Day.", MON, "on New Year’s Day", D(2018, 1, 1), D(2018, 1, 1), "day", None, None),
    (
        "Markets close over the Lunar New Year.",
        MON,
        "over the Lunar New Year",
        D(2017, 1, 28),
        D(2017, 1, 28),
        "day",
        None,
        None,
    ),
    (
        "Markets closed for the Spring Festival.",
        D(2018, 3, 1),
        "for the Spring Festival",
        D(2018, 2, 16),
        D(2018, 2, 16),
        "day",
        None,
        None,
    ),
    (
        "Trains were full during the Chinese New Year holidays.",
        D(2018, 3, 1),
        "during the Chinese New Year holidays",
        D(2018, 2, 15),
        D(2018, 2, 21),
        "range",
        None,
        None,
    ),
    (
        "Families gathered on Chuseok.",
        D(2018, 10, 1),
        "on Chuseok",
        D(2018, 9, 24),
        D(2018, 9, 24),
        "day",
        None,
        None,
    ),
    (
        "Celebrations on Kim Il Sung's birthday were muted.",
        D(2018, 5, 1),
        "on Kim Il Sung's birthday",
        D(2018, 4, 15),
        D(2018, 4, 15),
        "day",
        None,
        None,
    ),
    (
        "Guards were doubled before Kim Jong Il's birthday.",
        D(2018, 3, 1),
        "Kim Jong Il's birthday",
        D(2018, 2, 16),
        D(2018, 2, 16),
        "day",
        None,
        None,
    ),
    (
        "Lanterns were lit for the 2018 Lantern Festival.",
        None,
        "for the 2018 Lantern Festival",
        D(2018, 3, 2),
        D(2018, 3, 2),
        "day",
        None,
        None,
    ),
    (
        "They were detained on Christmas Eve.",
        MON,
        "on Christmas Eve",
        D(2017, 12, 24),
        D(2017, 12, 24),
        "day",
        None,
        None,
    ),
    (
        "Prices jump around the Lunar New Year 2019.",
        None,
        "around the Lunar New Year 2019",
        D(2019, 2, 5),
        D(2019, 2, 5),
        "day",
        None,
        None,
    ),
    # months
    ("Arrests rose last January.", MON, "last January", D(2017, 1, 1), D(2017, 1, 31), "month", None, None),
    (
        "Arrests rose last January.",
        D(2015, 3, 10),
        "last January",
        D(2015, 1, 1),
        D(2015, 1, 31),
        "month",
        None,
        None,
    ),
    ("Arrests rose in January.", MON, "in January", D(2018, 1, 1), D(2018, 1, 31), "month", None, None),
    ("Arrests rose in May.", MON, "in May", D(2017, 5, 1), D(2017, 5, 31), "month", None, None),
    ("Prices rose this month.", MON, "this month", D(2018, 1, 1), D(2018, 1, 31), "month", None, None),
    (
        "Prices rose earlier this month.",
        MON,
        "earlier this month",
        D(2018, 1, 1),
        D(2018, 1, 31),
        "month",
        None,
        None,
    ),
    ("Prices rose last month.", MON, "last month", D(2017, 12, 1), D(2017, 12, 31), "month", None, None),
    (
        "They left three months ago.",
        MON,
        "three months ago",
        D(2017, 10, 1),
        D(2017, 10, 31),
        "month",
        None,
        None,
    ),
    # weeks and days
    ("He was arrested on Tuesday.", WED, "on Tuesday", D(2016, 7, 5), D(2016, 7, 5), "day", None, None),
    ("He was arrested on Friday.", WED, "on Friday", D(2016, 7, 1), D(2016, 7, 1), "day", None, None),
    ("He was arrested on Friday.", FRI, "on Friday", D(2016, 7, 8), D(2016, 7, 8), "day", None, None),
    ("He was arrested last Friday.", FRI, "last Friday", D(2016, 7, 1), D(2016, 7, 1), "day", None, None),
    ("The family left last week.", MON, "last week", D(2018, 1, 1), D(2018, 1, 7), "week", None, None),
    ("They fled two weeks ago.", MON, "two weeks ago", D(2017, 12, 25), D(2017, 12, 31), "week", None, None),
    ("Guards were added this week.", WED, "this week", D(2016, 7, 4), D(2016, 7, 10), "week", None, None),
    ("He fled yesterday.", MON, "yesterday", D(2018, 1, 7), D(2018, 1, 7), "day", None, None),
    ("The market reopened today.", MON, "today", D(2018, 1, 8), D(2018, 1, 8), "day", None, None),
    ("Ten people fled five days ago.", MON, "five days ago", D(2018, 1, 3), D(2018, 1, 3), "day", None, None),
    # years and decades
    (
        "The count fell in 2017.",
        MON,
        "in 2017",
        D(2017, 1, 1),
        D(2017, 1, 31).replace(month=12),
        "year",
        None,
        None,
    ),
    ("The count fell in 2017.", None, "in 2017", D(2017, 1, 1), D(2017, 12, 31), "year", None, None),
    ("Ten were caught last year.", MON, "last year", D(2017, 1, 1), D(2017, 12, 31), "year", None, None),
    ("Ten were caught this year.", MON, "this year", D(2018, 1, 1), D(2018, 12, 31), "year", None, None),
    (
        "Five fled the previous year.",
        MON,
        "the previous year",
        D(2017, 1, 1),
        D(2017, 12, 31),
        "year",
        None,
        None,
    ),
    ("They arrived two years ago.", MON, "two years ago", D(2016, 1, 1), D(2016, 12, 31), "year", None, None),
    (
        "It rose by 150% in 2017 compared to 2016.",
        MON,
        "in 2017",
        D(2017, 1, 1),
        D(2017, 12, 31),
        "year",
        None,
        None,
    ),
    ("The total rose to 1,418 in 2016.", MON, "in 2016", D(2016, 1, 1), D(2016, 12, 31), "year", None, None),
    (
        "Defections were common in the 1990s.",
        None,
        "in the 1990s",
        D(1990, 1, 1),
        D(1999, 12, 31),
        "range",
        None,
        None,
    ),
    (
        "Defections surged in the late 1990s.",
        None,
        "in the late 1990s",
        D(1997, 1, 1),
        D(1999, 12, 31),
        "range",
        None,
        None,
    ),
    (
        "Defections fell between 2011 and 2013.",
        None,
        "between 2011 and 2013",
        D(2011, 1, 1),
        D(2013, 12, 31),
        "range",
        None,
        None,
    ),
    (
        "Defections fell in 2011-2013.",
        None,
        "in 2011-2013",
        D(2011, 1, 1),
        D(2013, 12, 31),
        "range",
        None,
        None,
    ),
    ("The 2017-18 figures are out.", None, "2017-18", D(2017, 1, 1), D(2018, 12, 31), "range", None, None),
    # sub-periods, alone and composed with an anchor in the clause
    (
        "Raids began in mid-February.",
        MON,
        "in mid-February",
        D(2017, 2, 11),
        D(2017, 2, 20),
        "range",
        None,
        None,
    ),
    (
        "Raids began in early March 2015.",
        None,
        "in early March 2015",
        D(2015, 3, 1),
        D(2015, 3, 10),
        "range",
        None,
        None,
    ),
    (
        "Raids ended in late February 2016.",
        None,
        "in late February 2016",
        D(2016, 2, 21),
        D(2016, 2, 29),
        "range",
        None,
        None,
    ),
    ("Raids began in early 2015.", None, "in early 2015", D(2015, 1, 1), D(2015, 4, 30), "range", None, None),
    ("Raids began in mid-2015.", None, "in mid-2015", D(2015, 5, 1), D(2015, 8, 31), "range", None, None),
    ("Raids began in late 2015.", None, "in late 2015", D(2015, 9, 1), D(2015, 12, 31), "range", None, None),
    (
        "Early last year, ten people fled.",
        MON,
        "Early last year",
        D(2017, 1, 1),
        D(2017, 4, 30),
        "range",
        None,
        None,
    ),
    (
        "Numbers are tallied at the end of the year.",
        MON,
        "at the end of the year",
        D(2017, 12, 21),
        D(2017, 12, 31),
        "range",
        None,
        None,
    ),
    (
        "In 2016, arrests peaked at the end of the year.",
        MON,
        "at the end of the year",
        D(2016, 12, 21),
        D(2016, 12, 31),
        "range",
        None,
        None,
    ),
    (
        "Arrests peaked by the end of last year.",
        MON,
        "by the end of last year",
        D(2017, 12, 21),
        D(2017, 12, 31),
        "range",
        None,
        None,
    ),
    (
        "Arrivals fell in the first quarter of last year.",
        MON,
        "in the first quarter of last year",
        D(2017, 1, 1),
        D(2017, 3, 31),
        "range",
        None,
        None,
    ),
    (
        "Arrivals fell in the third quarter of 2016.",
        None,
        "in the third quarter of 2016",
        D(2016, 7, 1),
        D(2016, 9, 30),
        "range",
        None,
        None,
    ),
    (
        "Arrivals fell in the second half of 2016.",
        None,
        "in the second half of 2016",
        D(2016, 7, 1),
        D(2016, 12, 31),
        "range",
        None,
        None,
    ),
    (
        "They were caught in the first few weeks of January.",
        MON,
        "in the first few weeks of January",
        D(2018, 1, 1),
        D(2018, 1, 21),
        "range",
        None,
        None,
    ),
    (
        "Checks began at the beginning of March.",
        D(2018, 6, 1),
        "at the beginning of March",
        D(2018, 3, 1),
        D(2018, 3, 10),
        "range",
        None,
        None,
    ),
    (
        "A dozen were held in the first two weeks of the month.",
        MON,
        "in the first two weeks of the month",
        D(2018, 1, 1),
        D(2018, 1, 14),
        "range",
        None,
        None,
    ),
    (
        "Last January, 30 to 40 were held in the first couple weeks of the New Year.",
        MON,
        "in the first couple weeks of the New Year",
        D(2017, 1, 1),
        D(2017, 1, 14),
        "range",
        None,
        None,
    ),
    (
        "This year, 20 people were stopped on January 1 alone.",
        MON,
        "on January 1",
        D(2018, 1, 1),
        D(2018, 1, 1),
        "day",
        None,
        None,
    ),
    (
        "In 2015, raids began in mid-March.",
        MON,
        "in mid-March",
        D(2015, 3, 11),
        D(2015, 3, 20),
        "range",
        None,
        None,
    ),
    (
        "Nine people were held on March 9 last year.",
        MON,
        "on March 9",
        D(2017, 3, 9),
        D(2017, 3, 9),
        "day",
        None,
        None,
    ),
    # windows up to the reference
    (
        "Arrests increased over the last year.",
        MON,
        "over the last year",
        D(2017, 1, 9),
        D(2018, 1, 8),
        "range",
        None,
        None,
    ),
    (
        "Prices fell in the past three months.",
        MON,
        "in the past three months",
        D(2017, 10, 9),
        D(2018, 1, 8),
        "range",
        None,
        None,
    ),
    (
        "Checks grew over the past two years.",
        MON,
        "over the past two years",
        D(2016, 1, 9),
        D(2018, 1, 8),
        "range",
        None,
        None,
    ),
    (
        "Checks have intensified since October.",
        MON,
        "since October",
        D(2017, 10, 1),
        D(2018, 1, 8),
        "range",
        None,
        None,
    ),
    (
        "The crackdown has continued since 2012.",
        MON,
        "since 2012",
        D(2012, 1, 1),
        D(2018, 1, 8),
        "range",
        None,
        None,
    ),
    (
        "Since the crackdown began in March 2015, many fled.",
        D(2016, 6, 10),
        "Since the crackdown began in March 2015",
        D(2015, 3, 1),
        D(2016, 6, 10),
        "range",
        None,
        None,
    ),
    (
        "Since the new governor took office in 2015, patrols doubled.",
        MON,
        "Since the new governor took office in 2015",
        D(2015, 1, 1),
        D(2018, 1, 8),
        "range",
        None,
        None,
    ),
    ("Since October, guards have been doubled.", None, "Since October", None, None, "none", None, None),
    (
        "The same period last year saw fewer arrests.",
        MON,
        "The same period last year",
        D(2017, 1, 1),
        D(2017, 12, 31),
        "year",
        None,
        None,
    ),
    # seasons
    (
        "Arrests soared last winter.",
        D(2018, 6, 10),
        "last winter",
        D(2017, 12, 1),
        D(2018, 2, 28),
        "season",
        None,
        None,
    ),
    ("Arrests soared last winter.", MON, "last winter", D(2016, 12, 1), D(2017, 2, 28), "season", None, None),
    ("Arrests soared this winter.", MON, "this winter", D(2017, 12, 1), D(2018, 2, 28), "season", None, None),
    (
        "Patrols were stepped up in the summer of 2016.",
        None,
        "in the summer of 2016",
        D(2016, 6, 1),
        D(2016, 8, 31),
        "season",
        None,
        None,
    ),
    ("Arrests rise in winter.", MON, "in winter", None, None, "recurring", 12, 2),
    ("Arrests increase every winter.", MON, "every winter", None, None, "recurring", 12, 2),
    ("Brokers are busier during the winter.", MON, "during the winter", None, None, "recurring", 12, 2),
    (
        "Smuggling thrives in the coldest time of the year.",
        MON,
        "in the coldest time of the year",
        None,
        None,
        "recurring",
        12,
        2,
    ),
    # recurring windows: no year given, so no year invented, whatever the reference
    (
        "Raids run from December until the Chinese New Year in mid-February.",
        MON,
        "from December until the Chinese New Year in mid-February",
        None,
        None,
        "recurring",
        12,
        2,
    ),
    (
        "Raids run from December until the Lunar New Year.",
        None,
        "from December until the Lunar New Year",
        None,
        None,
        "recurring",
        12,
        2,
    ),
    (
        "Arrests peak between the end of the year and the Lunar New Year.",
        MON,
        "between the end of the year and the Lunar New Year",
        None,
        None,
        "recurring",
        12,
        2,
    ),
    (
        "Checks tighten around the end of the year through the Spring Festival holidays.",
        MON,
        "around the end of the year through the Spring Festival holidays",
        None,
        None,
        "recurring",
        12,
        2,
    ),
    (
        "Crossings rise starting in October when the river freezes.",
        MON,
        "starting in October",
        None,
        None,
        "recurring",
        10,
        None,
    ),
    ("Fishing is banned from May to September.", MON, "from May to September", None, None, "recurring", 5, 9),
    ("Police usually raid homes in December.", MON, "in December", None, None, "recurring", 12, 12),
    ("Smugglers are caught every December.", MON, "every December", None, None, "recurring", 12, 12),
    ("Every year arrests rise.", MON, "Every year", None, None, "recurring", 1, 12),
    (
        "The campaign ran from December 2016 to February 2017.",
        None,
        "from December 2016 to February 2017",
        D(2016, 12, 1),
        D(2017, 2, 28),
        "range",
        None,
        None,
    ),
    (
        "It ran this year from January 2 until mid-March.",
        MON,
        "from January 2 until mid-March",
        D(2018, 1, 2),
        D(2018, 3, 20),
        "range",
        None,
        None,
    ),
    (
        "Police held 20 people from January 3 to January 5.",
        MON,
        "from January 3 to January 5",
        D(2018, 1, 3),
        D(2018, 1, 5),
        "range",
        None,
        None,
    ),
    (
        "Raids took place over the weekend.",
        MON,
        "over the weekend",
        D(2018, 1, 6),
        D(2018, 1, 7),
        "range",
        None,
        None,
    ),
    (
        "Resolution 2094 was adopted in 2013.",
        MON,
        "in 2013",
        D(2013, 1, 1),
        D(2013, 12, 31),
        "year",
        None,
        None,
    ),
    # rates are not dates
    ("Officers must make about sixty arrests a year.", MON, "a year", None, None, "recurring", 1, 12),
    ("Fines reach 300,000 yuan per year.", MON, "per year", None, None, "recurring", 1, 12),
    # no usable time
    ("Smugglers have been quiet recently.", MON, "recently", None, None, "none", None, None),
    ("A report has emerged lately.", MON, "lately", None, None, "none", None, None),
    ("Trade collapsed during the pandemic.", MON, "during the pandemic", None, None, "none", None, None),
    ("Police arrested him on January 1.", None, "on January 1", None, None, "none", None, None),
]


@pytest.mark.parametrize(("text", "ref", "expr", "start", "end", "precision", "from_m", "to_m"), TABLE)
def test_expression_table(text, ref, expr, start, end, precision, from_m, to_m):
    found = {e.text: e for e in tag(text, ref)}
    assert expr in found, f"{expr!r} not in {list(found)}"
    iv = found[expr].interval
    assert (iv.start, iv.end, iv.precision, iv.from_month, iv.to_month) == (
        start,
        end,
        precision,
        from_m,
        to_m,
    )


def test_table_is_large_enough():
    assert len(TABLE) >= 80


@pytest.mark.parametrize(
    "text",
    [
        "30-40 people were arrested.",
        "Only 1,127 arrived, down 150%.",
        "2000 people were arrested and 20 people fled.",
        "They crossed at 3 a.m., but failed.",
        "Police may arrest them; they march to the border.",
        "The fall in defections continued.",
        "Since there are few jobs, many wander around.",
        "It lasted for a year, then five a month.",
        "The numbers are 22,345 (71%) of 31,339.",
        "Fined between 10,000 to 50,000 yuan.",
        "Resolution 2094 and Article 2017 apply; see the Winter Olympics and the Summer Palace.",
    ],
)
def test_counts_and_words_are_not_dates(text):
    assert [e.text for e in tag(text, MON)] == []


def test_listed_years_each_get_their_own_expression():
    text = "It fell from 2,706 people in 2011 to 1,502 people in 2012, then 1,514 people in 2013."
    got = [(e.text, e.interval.start.year, e.interval.precision) for e in tag(text, MON)]
    assert got == [("in 2011", 2011, "year"), ("in 2012", 2012, "year"), ("in 2013", 2013, "year")]


@pytest.mark.parametrize(
    ("text", "expr"),
    [
        ("A source told Daily NK on January 7 that ten fled.", "on January 7"),
        ("According to a January 5 report from the ministry, 900 arrived.", "January 5"),
        ("He said on Tuesday that the border was closed.", "on Tuesday"),
        ("In a report released on January 5, the ministry gave the figures.", "on January 5"),
    ],
)
def test_report_dates_are_not_event_dates(text, expr):
    found = {e.text: e for e in tag(text, MON)}
    assert found[expr].role == "report"


def test_event_dates_next_to_speech_stay_events():
    found = {e.text: e for e in tag("He said police arrested 20 people on January 1.", MON)}
    assert found["on January 1"].role == "event"


def test_inferred_reference_dates_explicit_days_but_never_closes_a_range():
    exprs = {
        e.text: e.interval
        for e in tag("Since 2012 and on January 7, over the last year.", MON, reference_inferred=True)
    }
    assert exprs["Since 2012"].start == D(2012, 1, 1) and exprs["Since 2012"].end is None
    assert exprs["on January 7"].start == D(2018, 1, 7)
    assert exprs["over the last year"].end is None


def test_habitual_flag_and_composed_text():
    (window,) = tag("Raids run from December until the Lunar New Year.", None)
    assert window.habitual
    composed = {
        e.text: e for e in tag("Last January, ten were held in the first couple weeks of the New Year.", MON)
    }
    assert composed["in the first couple weeks of the New Year"].interval.text.startswith("Last January ...")


def test_back_references_resolve_across_the_article():
    body = (
        "The governor took office in 2014 after a long campaign. Checks run from November until the "
        "Lunar New Year. During this period of checks, traders are stopped. Smuggling has fallen since "
        "the governor took office."
    )
    exprs = {e.text: e for e in tag_article(body, MON)}
    period = exprs["During this period of checks"]
    assert (period.interval.precision, period.interval.from_month, period.interval.to_month) == (
        "recurring",
        11,
        2,
    )
    since = exprs["since the governor took office"]
    assert (since.interval.start, since.interval.end, since.interval.precision) == (
        D(2014, 1, 1),
        MON,
        "range",
    )
    assert since.refers_to == "the governor took office"


def test_unresolvable_back_references_keep_precision_none():
    exprs = tag_article(
        "Smuggling has fallen since the mayor took office. During this period, many left.", MON
    )
    assert [(e.refers_to, e.interval.precision) for e in exprs] == [
        ("the mayor took office", "none"),
        ("period", "none"),
    ]


def test_most_specific_prefers_narrow_event_dates():
    exprs = tag("This year, 20 people were held on January 1, a source told reporters on January 7.", MON)
    best = most_specific(exprs)
    assert best is not None and best.text == "on January 1"
    assert most_specific([]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said on 3 March 2021 that ten fled. On 9 March more were held.", D(2021, 3, 3)),
        (
            "Ten fled in 2016, the most in years. This year five fled on January 4, "
            "a source said on January 6.",
            D(2017, 1, 6),
        ),
        ("Arrests rise every winter and fall in spring.", None),
        ("Ten fled on January 4, a source said.", None),
    ],
)
def test_infer_published(text, expected):
    assert infer_published(text) == expected


def test_spans_and_text_agree_and_do_not_overlap():
    text = "On 3 March 2021, and again on 9 March, and between 2011 and 2013, and last winter."
    exprs = tag(text, D(2021, 6, 1))
    assert all(text[e.start : e.end] == e.text for e in exprs)
    assert all(a.end <= b.start for a, b in zip(exprs, exprs[1:], strict=False))


# --- properties ------------------------------------------------------------------------------------

_WORDS = str.split(
    "on in at the of last this next since from until between and to during every per a year month week "
    "January March May December Monday Friday winter summer fall New Year's Eve Lunar Chinese Chuseok "
    "early mid- late end first couple few weeks days ago recently 2017 2011 1990s 12 3 31 1,127 30-40 "
    "a.m. , . 150% 2018-01-08 15/03/2016 年 月 日 period came to power took office Kim"
)


def _check(exprs: list[TimeExpr], text: str) -> None:
    for e in exprs:
        assert text[e.start : e.end] == e.text
        iv = e.interval
        if iv.start and iv.end:
            assert iv.start <= iv.end
        if iv.precision == "day":
            assert iv.start == iv.end
        assert e.role in ("event", "report")
    assert all(a.end <= b.start for a, b in zip(exprs, exprs[1:], strict=False))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates()))
def test_any_text_never_crashes(text, ref):
    _check(tag(text, ref), text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join),
    st.one_of(st.none(), st.dates(min_value=D(1950, 1, 1), max_value=D(2049, 12, 31))),
    st.booleans(),
)
def test_time_like_text_never_crashes_and_intervals_are_ordered(text, ref, inferred):
    _check(tag(text, ref, reference_inferred=inferred), text)
    _check(tag_article(text, ref, reference_inferred=inferred), text)


# --- the seed reports ----------------------------------------------------------------------------


def _sentence(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around a span, split as the scorer does (line breaks, '.!?' before a capital)."""
    bounds = [0] + [m.end() for m in re.finditer(r"\n|[.!?][\"”’]?\s+(?=[\"“‘]?[A-Z])", body)] + [len(body)]
    left = max(b for b in bounds if b <= start)
    right = min(b for b in bounds if b >= end)
    return left, right


def _date_ok(gold: dict, iv) -> bool:
    if gold["precision"] == "recurring":
        return iv.precision == "recurring" and (iv.from_month, iv.to_month) == (
            gold.get("from_month"),
            gold.get("to_month"),
        )
    return (iv.to_json()["start"], iv.to_json()["end"]) == (gold["start"], gold["end"])


def _seed_cases():
    gold_dir = SHARED / "eval" / "gold"
    if not gold_dir.is_dir():
        return []
    cases = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for i, event in enumerate(gold["events"]):
            if event["when"]["precision"] != "none":
                cases.append(pytest.param(gold, event, id=f"{path.stem[:3]}-{i}"))
    return cases


@pytest.mark.parametrize(("gold", "event"), _seed_cases())
def test_seed_gold_dates(gold, event):
    body = (SHARED / "seeds" / gold["article"]).read_text(encoding="utf-8")
    ref = date.fromisoformat(gold["published"]) if gold["published"] else None
    exprs = tag_article(body, ref)
    start = body.index(event["sentence"])
    end = start + len(event["sentence"])
    inside = [e for e in exprs if e.start < end and e.end > start]
    if not inside:
        left, right = _sentence(body, start, end)
        inside = [e for e in exprs if e.start < right and e.end > left]
    if not inside:  # the gold carries the date of the same happening from a neighbouring sentence
        assert "sentence" in (event["when"]["text"] or ""), "gold dates this sentence by its own words"
        left, right = _sentence(body, start, end)
        before, after = _sentence(body, left - 2, left - 1), _sentence(body, right + 1, right + 2)
        inside = [e for e in exprs if (before[0] <= e.start < before[1]) or (after[0] <= e.start < after[1])]
        inside = [e for e in inside if e.role == "event" and e.interval.precision != "none"]
    best = most_specific(inside)
    assert _date_ok(event["when"], best.interval), (best.text, best.interval, event["when"])
