"""The tagger's grammar: `timeline/data/temporal.toml` compiled once into patterns, word lists and an
index of which rules can start at which word.

It exists so that the data file is the only place rules and word lists are written, and so that the
scanner can try at each word only the few rules that can begin there (the trigger index) instead of
every rule everywhere.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class _Grammar:
    first: dict[str, tuple[int, ...]]  # word -> rules a match can start with it, in priority order
    digit_first: dict[str, tuple[int, ...]]  # number shape ("day", "year") -> rules that can start with it
    triggers: frozenset[str]
    rules: tuple[tuple[str, re.Pattern[str]], ...]
    requires: tuple[frozenset[str] | None, ...]  # per rule: words one of which each of its matches contains
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    holidays: dict[str, str]
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    ordinals: dict[str, int]
    count_after: re.Pattern[str]
    label_before: re.Pattern[str]
    rate_before: re.Pattern[str]
    habitual: re.Pattern[str]
    clause_break: re.Pattern[str]
    report_before: re.Pattern[str]
    report_after: re.Pattern[str]
    deadline_lead: re.Pattern[str]
    directive: re.Pattern[str]
    future: re.Pattern[str]
    past: re.Pattern[str]
    not_past: frozenset[str]
    present_aux: re.Pattern[str]


_FLAGS = re.IGNORECASE | re.VERBOSE
_PLACEHOLDER = re.compile(r"\{([A-Z_]+)\}")
_SINCE_BEFORE = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+)?$", re.IGNORECASE)


_TOKEN = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _surface(phrase: str) -> str:
    """A phrase as a pattern: any run of spaces, apostrophe straight, curly or absent."""
    parts = [re.escape(w).replace("'", "['’]?").replace(r"\-", "[-\\s]?") for w in phrase.split()]
    return r"\s+".join(parts)


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("'", "").replace("-", " ").split())


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """Compile the grammar data once; the result is immutable."""
    data = tomllib.loads(resources.files("timeline").joinpath("data/temporal.toml").read_text("utf-8"))
    w = data["words"]
    months = {name: i + 1 for i, name in enumerate(w["months"])}
    abbreviations = {a: i + 1 for i, abbrs in enumerate(w["month_abbreviations"]) for a in abbrs}
    numbers = {k: int(v) for k, v in w["numbers"].items()}
    fragments: dict[str, str] = {
        "MONTH": rf"(?:(?:{_alternation(list(months))})\b|(?:{_alternation(list(abbreviations))})\.)",
        "MON": rf"(?:(?:{_alternation(list(months))})\b|(?:{_alternation(list(abbreviations))})\b\.?)",
        "WEEKDAY": rf"(?:{_alternation(w['weekdays'])})\b",
        "SEASON": rf"(?:{_alternation(w['seasons'])})",
        "NUM": rf"(?:{_alternation([_surface(n) for n in numbers])})",
        "HOLIDAY": rf"(?:{_alternation([_surface(h) for h in data['holidays']])})",
    }
    fragments.update(data["fragments"])

    def expand(pattern: str, depth: int = 0) -> str:
        if depth > 5:
            raise ValueError("placeholders nest too deeply")
        return _PLACEHOLDER.sub(lambda m: "(?:" + expand(fragments[m.group(1)], depth + 1) + ")", pattern)

    rules = tuple((r["name"], re.compile(expand(r["pattern"]), _FLAGS)) for r in data["rule"])
    first, digit_first = _first_words(rules)
    word_lists = {
        "@months": w["months"] + list(abbreviations),
        "@weekdays": w["weekdays"],
        "@holidays": sorted({word for h in data["holidays"] for word in _first_tokens(h)}),
    }
    requires = tuple(
        frozenset(x for r in rule["requires"] for x in word_lists.get(r, [r])) if "requires" in rule else None
        for rule in data["rule"]
    )
    counts = _alternation([_surface(n) for n in w["count_nouns"]])
    triggers = frozenset(w["triggers"] + w["months"] + list(abbreviations) + w["weekdays"] + w["seasons"])
    return _Grammar(
        first=first,
        digit_first=digit_first,
        triggers=triggers,
        rules=rules,
        requires=requires,
        months={**months, **abbreviations},
        ambiguous_months=frozenset(w["ambiguous_months"]),
        weekdays={name: i for i, name in enumerate(w["weekdays"])},
        numbers={_fold(k): v for k, v in numbers.items()},
        holidays={_fold(k): v for k, v in data["holidays"].items()},
        month_parts={k: tuple(v) for k, v in w["month_parts"].items()},
        year_parts={k: tuple(v) for k, v in w["year_parts"].items()},
        ordinals=dict(w["ordinals"]),
        label_before=re.compile(rf"\b(?:{_alternation(w['number_labels'])})\.?\s*#?\s*$", re.IGNORECASE),
        count_after=re.compile(rf"['’]?s?\s*(?:{counts})\b", re.IGNORECASE),
        rate_before=re.compile(
            rf"(?:\d|\b(?:{_alternation(w['rate_words'])}))(?:\s+[^\W\d_]+)?\s*,?\s*$", re.IGNORECASE
        ),
        habitual=re.compile(rf"\b(?:{_alternation([_surface(c) for c in w['habitual_cues']])})\b", re.I),
        clause_break=re.compile(
            r"[.!?;]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+|[,;]?\s+\b(?:"
            + _alternation(w["clause_breaks"])
            + r")\b",
        ),
        report_before=re.compile(
            rf"\b(?:{_alternation(w['report_verbs'])})(?:\s+(?:{_alternation(w['report_fillers'])}"
            r"|[A-Z][\w.'’-]*)){0,4}\s*,?\s*(?:on\s+)?$"
        ),
        report_after=re.compile(
            rf"\s*(?:{_alternation([_surface(n) for n in w['report_nouns']])})\b", re.IGNORECASE
        ),
        deadline_lead=re.compile(
            rf"\b(?P<lead>{_alternation([_surface(n) for n in w['deadline_leads']])})\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        directive=re.compile(rf"\b(?:{_alternation([_surface(c) for c in w['directive_cues']])})\b", re.I),
        future=re.compile(rf"\b(?:{_alternation([_surface(c) for c in w['future_cues']])})\b", re.I),
        past=re.compile(rf"\b(?:(?:{_alternation(w['past_verbs'])})|[a-z]{{2,}}ed)\b", re.IGNORECASE),
        not_past=frozenset(w["not_past"]),
        present_aux=re.compile(
            rf"\b(?:{_alternation(w['present_auxiliaries'])})\s+(?:(?:not|never|also|often|now|then|\w+ly)\s+)?$",
            re.IGNORECASE,
        ),
    )


def _first_tokens(phrase: str) -> set[str]:
    """The token a phrase starts with, as `_TOKEN` splits text, with its hyphen or apostrophe written or not
    ("Mid-Autumn": "mid" or "midautumn")."""
    words = phrase.lower().split()
    first = words[0]
    joined = re.sub(r"['’-]", "", first)
    return {re.split(r"['’-]", first)[0], joined}


def _first_words(
    rules: tuple[tuple[str, re.Pattern[str]], ...],
) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """Which words (and shapes of number) can begin a match of each rule, found by partial matching
    (the `regex` package, a dependency of dateparser): the scanner then tries at a word only the rules
    that can start there."""
    import regex

    vocabulary = {w.lower() for _, p in rules for w in re.findall(r"[A-Za-z]+\d?", p.pattern)}
    first: dict[str, list[int]] = {}
    digit_first: dict[str, list[int]] = {shape: [] for shape in _DIGIT_SAMPLES}
    for i, (_, pattern) in enumerate(rules):
        partial = regex.compile(pattern.pattern, regex.IGNORECASE | regex.VERBOSE | regex.VERSION0)
        for word in vocabulary:
            if partial.match(word + " ", partial=True):
                first.setdefault(word, []).append(i)
        for shape, samples in _DIGIT_SAMPLES.items():
            if any(partial.match(sample, partial=True) for sample in samples):
                digit_first[shape].append(i)
    return {w: tuple(ix) for w, ix in first.items()}, {k: tuple(v) for k, v in digit_first.items()}


_DIGIT_SAMPLES = {
    "day": ("1 ", "12 ", "1st ", "12/", "3 a.m. ", "10:30 ", "1.", "7 de ", "7年"),
    "year": ("2017 ", "2017-", "2017/", "2017年", "2017.", "1990s", "1990's"),
    "number": ("100 ", "250 ", "1000 ", "12345 "),
}


def _digit_shape(token: str) -> str:
    """The shape of the digits a token starts with: days/months/hours (1-2 digits), years, other numbers
    ("100 days ago")."""
    if len(token) <= 2:
        return "day"
    if len(token) == 4 and token[:2] in ("18", "19", "20"):
        return "year"
    return "number"
