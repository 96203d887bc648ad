"""Counts of people and amounts of money in report text.

A count is a number of people, never of events, money or percentages: "three households – 12 people
in all" is 12 (the stated total wins over the groups), "140 men and 610 women" adds up to
750, "eight defectors and their two guides" is 10, "10 defectors and their guide" is 11, "30-40
people" is a range, "some 35" keeps 35 with the qualifier "about". Sizes that the words do not
tell ("an entire family", "dozens", "several") are counts with no value, kept for their text. One
person named by a singular noun ("a man", "the broker", "a 62-year-old pastor") is 1, marked
`single` so that a stated number near the same event wins over it; "she crossed with two other
women" counts her too (3), and "sold her and one of the other women" is 2.
Money is an `Amount` ("10,000 to 50,000 yuan"), which events keep on fines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from timeline.lexicon import Lexicon, load_lexicon

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_WORD = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_UNITS[1:10]) + r"))?"
    r"|" + "|".join(sorted(_UNITS[1:], key=len, reverse=True)) + r"|a dozen|a hundred|a thousand)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
NUMBER = rf"(?:(?:{_DIGITS})(?:\s+(?:hundred|thousand|million))?|{_WORD}(?:\s+(?:hundred|thousand))?)"
QUALIFIERS = {
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "close to": "nearly",
    "nearly": "nearly",
    "almost": "nearly",
    "more than": "more than",
    "over": "more than",
    "upwards of": "more than",
    "at least": "at least",
    "no fewer than": "at least",
    "up to": "up to",
    "as many as": "up to",
    "fewer than": "fewer than",
    "less than": "fewer than",
    "under": "fewer than",
}
_QUAL = r"(?P<qual>" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+"
_RANGE = rf"(?:between\s+)?(?P<low>{NUMBER})\s*(?:-|–|—|to|or|and)\s*(?P<high>{NUMBER})"
_ONE = rf"(?P<num>{NUMBER})"
_OF = r"(?:of\s+(?:the|his|her|their|these|those|its)\s+)?"
# Up to three words between a number and its noun ("five North Korean women"), never a function word
# or a unit ("30,000 yuan to a farmer" is money, not people).
_ADJ = (
    r"(?:(?!(?:to|a|an|the|in|on|at|for|from|by|with|per|and|or|yuan|won|dollars?|euros?|rmb|usd)\b)"
    r"[a-z][\w’'-]*\s+){0,3}?"
)
_NOT_PEOPLE_AFTER = re.compile(r"\s*(?:fewer|more|less)\s+than\b|\s*(?:%|percent|per\s?cent)", re.I)
_ONLOOKERS = re.compile(r"(?:in front of|before|watched by|attended by|audience of|crowd of)\s+$", re.I)
_SUBSET = re.compile(r"(?:including|among them|among whom|of whom|such as)[,:]?\s+$", re.I)
_IRREGULAR_PLURALS = frozenset({"children", "people", "women", "men"})
_TOTAL_AFTER = re.compile(r"\s*(?:[–—-]\s*)?(?:in\s+(?:all|total)|altogether|in\s+sum)\b", re.I)
_ACCORDING = re.compile(r"\baccording\s+to\s+$", re.I)
_POSSESSIVE = re.compile(r"[’']s?\b|\s+of\b|\s+(?:and|or)\s+(?:his|her|their)\b")
_COMPANIONS = re.compile(
    r"\b(?:with|along with|together with)\s+$", re.I
)  # "she crossed with two other women"
_AND_PRONOUN = re.compile(r"\b(?:her|him|me|she|he)\s+and\s+$", re.I)  # "sold her and one of the other women"
_SUBJECT_PRONOUN = re.compile(r"\b(?:she|he)\b(?!\s+and\b)", re.I)
_TOTAL_BEFORE = re.compile(r"(?:a\s+total\s+of|in\s+total,?|totall?ing|total\s+of)\s+$", re.I)


@dataclass(frozen=True)
class Count:
    """People counted in `text` (offsets into the text searched); `value` None = size unknown."""

    start: int
    end: int
    text: str
    value: int | None
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    total: bool = False
    single: bool = False  # one person named by a singular noun ("a man", "the broker"): 1

    @property
    def known(self) -> bool:
        return self.value is not None or self.low is not None


@dataclass(frozen=True)
class Amount:
    """Money as written ("10,000 to 50,000 yuan"), with its bounds and currency word."""

    start: int
    end: int
    text: str
    low: float
    high: float | None
    currency: str


def parse_number(text: str) -> int | None:
    """'1,127' -> 1127, 'twenty-five' -> 25, 'a dozen' -> 12, '3 thousand' -> 3000."""
    words = text.lower().replace(",", "").split()
    if not words:
        return None
    scale = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
    factor = 1
    if len(words) > 1 and words[-1] in scale:
        factor = scale[words.pop()]
    head = " ".join(words)
    if head in ("a dozen",):
        return 12 * factor
    if head in ("a hundred", "a thousand"):
        return (100 if head == "a hundred" else 1000) * factor
    try:
        return int(float(head) * factor)
    except ValueError:
        pass
    total = 0
    for part in re.split(r"[- ]", head):
        if part not in WORD_VALUES:
            return None
        total += WORD_VALUES[part]
    return total * factor


def find_counts(text: str, lexicon: Lexicon | None = None) -> list[Count]:
    """Every count of people in `text`, in order; conjoined groups are one count."""
    lex = lexicon or load_lexicon()
    patterns = _patterns(lex)
    found: list[Count] = []
    taken: list[tuple[int, int]] = []
    for m in patterns.phrase.finditer(text):
        if _NOT_PEOPLE_AFTER.match(text, m.end()) or (taken and m.start() < taken[-1][1]):
            continue
        if _ONLOOKERS.search(text, max(0, m.start() - 25), m.start()):
            continue  # "tried in front of about 500 residents": the crowd, not the people it happened to
        if _SUBSET.search(text, max(0, m.start() - 25), m.start()):
            continue  # "15 people, including three children": part of a count already made
        if (
            parent := patterns.parent.search(text, max(0, m.start() - 80), m.end())
        ) and parent.end() == m.end():
            continue  # counted with the parent below
        count = _count_from_match(text, m)
        count = _extend_conjoined(text, count, patterns)
        count = _with_subject(text, count, m.group("adj"))
        found.append(count)
        taken.append((count.start, count.end))
    for m in patterns.parent.finditer(text):  # "a woman and her two children": 1 + 2
        extra = parse_number(m.group("num")) if m.group("num") else 1  # "the mother and her daughter": 2
        if extra is not None and not any(a < m.end() and m.start() < b for a, b in taken):
            found = [c for c in found if not (m.start() <= c.start and c.end <= m.end())]
            found.append(Count(m.start(), m.end(), m.group(), (2 if m.group("pair") else 1) + extra))
            taken.append((m.start(), m.end()))
    for m in patterns.family_of.finditer(text):  # "a family of four"
        if not any(a < m.end() and m.start() < b for a, b in taken):
            qualifier = QUALIFIERS.get((m.group("qual") or "").lower())
            found.append(
                Count(m.start(), m.end(), m.group(), parse_number(m.group("num")), qualifier=qualifier)
            )
            taken.append((m.start(), m.end()))
    speaks = _speaker(lex)
    for m in patterns.single.finditer(text):  # "a man", "the broker", "his wife": one person
        if any(a < m.end() and m.start() < b for a, b in taken) or _POSSESSIVE.match(text, m.end()):
            continue
        if not speaks.match(text, m.end()) and not _ACCORDING.search(text, max(0, m.start() - 20), m.start()):
            found.append(Count(m.start(), m.end(), m.group(), 1, single=True))
            taken.append((m.start(), m.end()))
    for m in _SUBJECT_PRONOUN.finditer(text):  # "she was taken to a camp": one person
        if not any(a < m.end() and m.start() < b for a, b in taken) and not speaks.match(text, m.end()):
            found.append(Count(m.start(), m.end(), m.group(), 1, single=True))
            taken.append((m.start(), m.end()))
    for pattern in (patterns.group, patterns.vague):
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                found.append(Count(m.start(), m.end(), m.group(), None))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda c: c.start)


@dataclass(frozen=True)
class YearlyFigure:
    """One item of a list of figures by year or quarter: "1,514 people in 2013", "34 arrivals in the
    first quarter of 2023, 65 in the second" (the second takes the year of the first)."""

    start: int
    end: int
    count: Count
    year: int
    year_start: int  # where its time is written
    quarter: int | None = None


_ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}


def find_yearly_figures(text: str, lexicon: Lexicon | None = None) -> list[YearlyFigure]:
    """'2,706 people in 2011 to 1,502 people in 2012' -> two figures (the noun may be left out)."""
    lex = lexicon or load_lexicon()
    out: list[YearlyFigure] = []
    for m in _patterns(lex).figure.finditer(text):
        value = parse_number(m.group("num"))
        quarter = _ORDINAL_QUARTERS.get((m.group("ord") or "").lower())
        year = m.group("year") or m.group("qyear")
        if year is None and quarter and out and out[-1].quarter:  # "..., 65 in the second"
            year = str(out[-1].year)
        if value is None or year is None or (m.group("ord") and not quarter):
            continue
        count = Count(m.start(), m.end("head"), m.group("head"), value)
        out.append(YearlyFigure(m.start(), m.end(), count, int(year), m.start("when"), quarter))
    return out


def find_amounts(text: str, lexicon: Lexicon | None = None) -> list[Amount]:
    """Money amounts: a number or range next to a currency word or sign."""
    lex = lexicon or load_lexicon()
    matches = _patterns(lex).amount.finditer(text)
    return [_amount(m) for m in matches if m.group("cur1") or m.group("cur2")]


@dataclass(frozen=True)
class _Patterns:
    phrase: re.Pattern[str]
    conjoined: re.Pattern[str]
    group: re.Pattern[str]
    vague: re.Pattern[str]
    amount: re.Pattern[str]
    figure: re.Pattern[str]
    parent: re.Pattern[str]
    family_of: re.Pattern[str]
    single: re.Pattern[str]


@lru_cache(maxsize=8)
def _speaker_pattern(speech: str) -> re.Pattern[str]:
    return re.compile(rf"(?:\s+(?:in|from|of|at)\s+[\w-]+(?:\s+[A-Z][\w-]+)*)?[\s,]+(?:{speech})", re.I)


def _speaker(lex: Lexicon) -> re.Pattern[str]:
    """The source of a quote ("the activist said", "a man in Hyesan told"), not a person it happened to."""
    return _speaker_pattern(lex.cue("speech").pattern)


def _patterns(lex: Lexicon) -> _Patterns:
    return _build_patterns(
        _bare(lex.people), _bare(lex.groups), _bare(lex.vague), lex.currencies.pattern, _bare(lex.person)
    )


def _bare(pattern: re.Pattern[str]) -> str:
    return pattern.pattern.removeprefix(r"(?<![\w-])").removesuffix(r"(?![\w])")


@lru_cache(maxsize=8)
def _build_patterns(people: str, groups: str, vague: str, cur: str, person: str) -> _Patterns:
    """Patterns built from a lexicon's word lists, once per lexicon."""
    return _Patterns(
        phrase=re.compile(
            rf"(?<![\w$.,])(?:{_QUAL})?(?:{_RANGE}|{_ONE})\s+{_OF}(?P<adj>{_ADJ})(?P<noun>{people})(?![\w])"
            rf"(?!\s+(?:{people})(?![\w]))",  # "five North Korean women": the noun is the last one
            re.I,
        ),
        conjoined=re.compile(
            rf"\s*(?:,\s*|\s+and\s+|\s+plus\s+|,\s+and\s+)(?!including|among|such|of\s|mostly|mainly)(?:(?:their|his|her|its|the|a)\s+)?"
            rf"(?:(?P<num>{NUMBER})\s+)?{_ADJ}(?P<noun>{people})(?![\w])",
            re.I,
        ),
        group=re.compile(
            rf"(?<![\w])(?:(?:an?\s+)?entire|whole|(?:{NUMBER})|an?|the|another|one)\s+{_ADJ}(?:{groups})(?![\w])",
            re.I,
        ),
        vague=re.compile(rf"(?<![\w])(?:{vague})\s+(?:of\s+)?{_ADJ}(?:{people})(?![\w])", re.I),
        amount=re.compile(
            rf"(?:(?P<cur1>{cur})\s?)?(?P<low>{_DIGITS})(?:\s*(?:million|thousand))?"
            rf"(?:\s*(?:-|–|to|and)\s*(?:{cur})?\s?(?P<high>{_DIGITS})(?:\s*(?:million|thousand))?)?"
            rf"(?:\s*(?P<cur2>{cur})(?![a-z]))?",
            re.I,
        ),
        parent=re.compile(
            rf"(?<![\w])(?:(?:an?|one|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{person})"
            rf"|(?P<pair>(?:the|his|her|their|a)\s+(?:parents|couple)))"
            rf"\s+(?:(?:from|of|in)\s+[A-Z][\w-]+\s+)?(?:and|with)\s+(?:his|her|their|the)\s+"
            rf"(?:(?P<num>{NUMBER})\s+{_ADJ}(?:{people})|{_ADJ}(?:{person}))(?![\w’'-])"
            rf"(?!\s+(?:{people})(?![\w]))",
            re.I,
        ),
        single=re.compile(
            rf"(?<![\w])(?:an?|the|his|her|their|this|that)\s+(?:[\w-]+\s+){{0,2}}?(?:{person})(?![\w’'-])"
            r"(?!\s+(?:command|commands|post|posts|unit|units|station|stations|force|forces|house|houses|camp|"
            r"service|agency|office|bureau|ministry|department|network|ring|team|squad|company|patrols?|duty|"
            r"uniform|fees?|job|jobs|group|groups|market|zone)\b)",
            re.I,
        ),
        family_of=re.compile(
            rf"(?<![\w])(?:an?|one|the)\s+(?:[a-z]+\s+)?(?:family|group|household)\s+of\s+(?:{_QUAL})?"
            rf"(?P<num>{NUMBER})(?![\w])",
            re.I,
        ),
        figure=re.compile(
            rf"(?<![\w$.,])(?P<head>(?P<num>{_DIGITS}|{_WORD})(?:\s+{_ADJ}(?:{people}))?)"
            rf"\s+in\s+(?P<when>(?P<year>(?:19|20)\d\d)(?!\d)|the\s+(?P<ord>first|second|third|fourth|final|last)"
            rf"(?:\s+quarter(?:\s+of\s+(?P<qyear>(?:19|20)\d\d)(?!\d))?)?(?![\w-]))",
            re.I,
        ),
    )


def _count_from_match(text: str, m: re.Match[str]) -> Count:
    qualifier = QUALIFIERS.get((m.group("qual") or "").lower())
    total = bool(
        _TOTAL_AFTER.match(text, m.end()) or _TOTAL_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
    )
    end = m.end()
    if m.group("low"):
        low, high = parse_number(m.group("low")), parse_number(m.group("high"))
        if low is not None and high is not None and low < high:
            return Count(m.start(), end, m.group(), None, low, high, qualifier, total)
        value = None if low is None or high is None else low + high
        return Count(m.start(), end, m.group(), value, qualifier=qualifier, total=total)
    return Count(m.start(), end, m.group(), parse_number(m.group("num")), qualifier=qualifier, total=total)


def _extend_conjoined(text: str, count: Count, patterns: _Patterns) -> Count:
    """'eight defectors and their two guides' -> 10; '10 defectors and their guide' -> 11."""
    if count.value is None:
        return count
    value, end = count.value, count.end
    while m := patterns.conjoined.match(text, end):
        if not m.group("num") and not re.search(r"\b(?:and|plus)\b", m.group()[:12], re.I):
            break  # "seven defectors, an activist said": an apposition, not one more person
        noun = m.group("noun").lower()
        if m.group("num"):
            extra = parse_number(m.group("num"))
        elif not (noun.endswith("s") or noun in _IRREGULAR_PLURALS):
            extra = 1
        else:
            break
        if extra is None:
            break
        value, end = value + extra, m.end()
    if end == count.end:
        return count
    total = count.total or bool(_TOTAL_AFTER.match(text, end))
    return Count(count.start, end, text[count.start : end], value, qualifier=count.qualifier, total=total)


def _with_subject(text: str, count: Count, adj: str | None) -> Count:
    """ "she crossed with two other women": the others and her; "sold her and one of the other
    women": the one and her."""
    if count.value is None:
        return count
    before = text[max(0, count.start - 20) : count.start]
    if _AND_PRONOUN.search(before):
        start = count.start - len(_AND_PRONOUN.search(before).group())
        return replace(count, start=start, text=text[start : count.end], value=count.value + 1)
    if _COMPANIONS.search(before) and re.search(r"\bother\b", adj or "", re.I):
        return replace(count, value=count.value + 1)
    return count


def _amount(m: re.Match[str]) -> Amount:
    low = float(m.group("low").replace(",", ""))
    high = float(m.group("high").replace(",", "")) if m.group("high") else None
    currency = (m.group("cur2") or m.group("cur1") or "").lower()
    return Amount(m.start(), m.end(), m.group().strip(), low, high, currency)
