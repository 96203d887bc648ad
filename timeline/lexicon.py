"""The event lexicon: event types, their trigger words, and the cues that cancel them.

The words live in a TOML file (`timeline/data/lexicon.toml` by default) so that a user can extend
the extractor to another domain without touching code. Loading compiles each word list into one
alternation, so a sentence is scanned once per list, not once per word.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).parent / "data" / "lexicon.toml"
CUE_KINDS = (
    "negation",
    "hypothetical",
    "intent",
    "generic",
    "generic_subject",
    "uncertain",
    "trend",
    "intensify",
    "false_triggers",
    "boilerplate",
    "source",
    "speaker",
    "speech",
    "source_reference",
    "anaphora",
    "distinct",
    "destination",
    "aside",
    "describes",
    "caption_credit",
)


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class EventType:
    """One kind of happening and the words that state it (see the lexicon file's header)."""

    name: str
    triggers: re.Pattern[str] | None
    measures: re.Pattern[str] | None
    statistics: re.Pattern[str] | None
    requires: frozenset[str]
    series: bool
    trend: bool
    group: bool  # happens to a group of people, whose story may continue in the next sentence
    stays: bool  # takes place where the people are, never where they were heading
    attempt: bool  # "tried to ..." is itself the happening
    measure: bool  # a security measure: a rise in it is an event, not a trend
    amount: bool  # keeps the money amount stated with it
    announced: bool  # a rule stated for anyone is itself an event (an announced penalty)
    follows: frozenset[str] = frozenset()  # types whose place it takes when stated with it
    during: bool = False  # may happen during an attempt ("caught crossing"): shares its moment and place


@dataclass(frozen=True)
class Lexicon:
    types: tuple[EventType, ...]
    cues: dict[str, re.Pattern[str]]
    heading_max_words: int
    people: re.Pattern[str]
    groups: re.Pattern[str]
    vague: re.Pattern[str]
    person: re.Pattern[str]  # singular nouns that name one person ("broker", "pastor")
    currencies: re.Pattern[str]
    digest: str
    any_trigger: re.Pattern[str]  # every trigger, measure and statistic word: a quick first test

    def type(self, name: str) -> EventType:
        return next(t for t in self.types if t.name == name)

    def cue(self, kind: str) -> re.Pattern[str]:
        return self.cues[kind]


def alternation(words: list[str], *, flags: int = re.I) -> re.Pattern[str]:
    """One pattern for a word list, longest alternatives first, bounded by word edges."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{w})" for w in ordered) + r")(?![\w])", flags)


@lru_cache(maxsize=8)
def load_lexicon(path: Path = DEFAULT_PATH) -> Lexicon:
    """Read and compile a lexicon file; cached, since a lexicon is immutable once loaded."""
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        return _compile(data, hashlib.sha256(raw).hexdigest()[:12])
    except (tomllib.TOMLDecodeError, re.error, KeyError, TypeError) as error:
        raise LexiconError(f"{path}: {error}") from None


def _compile(data: dict, digest: str) -> Lexicon:
    types = tuple(_event_type(name, entry) for name, entry in data["types"].items())
    cues = data["cues"]
    compiled = {}
    for kind in CUE_KINDS:
        flags = re.I | re.M
        words = cues.get(kind, [])
        if kind in ("boilerplate", "caption_credit"):
            compiled[kind] = re.compile("|".join(words) or r"(?!x)x", re.I | re.M)
        elif kind == "anaphora":
            compiled[kind] = re.compile("|".join(words) or r"(?!x)x", re.I)
        else:
            compiled[kind] = alternation(words, flags=flags) if words else re.compile(r"(?!x)x")
    counts = data["counts"]
    words = [
        w
        for entry in data["types"].values()
        for key in ("triggers", "measures", "statistics")
        for w in entry.get(key, [])
    ]
    return Lexicon(
        types=types,
        cues=compiled,
        heading_max_words=int(cues.get("heading_max_words", 20)),
        people=alternation(counts["people"]),
        groups=alternation(counts["groups"]),
        vague=alternation(counts["vague"]),
        person=alternation(counts.get("person") or [r"(?!x)x"]),
        currencies=re.compile(
            r"(?:" + "|".join(sorted(counts["currencies"], key=len, reverse=True)) + r")", re.I
        ),
        digest=digest,
        any_trigger=alternation(words),
    )


def _event_type(name: str, entry: dict) -> EventType:
    def maybe(key: str) -> re.Pattern[str] | None:
        words = entry.get(key) or []
        return alternation(words) if words else None

    return EventType(
        name=name,
        triggers=maybe("triggers"),
        measures=maybe("measures"),
        statistics=maybe("statistics"),
        requires=frozenset(entry.get("requires", [])),
        series=bool(entry.get("series", False)),
        trend=bool(entry.get("trend", False)),
        group=bool(entry.get("group", False)),
        stays=bool(entry.get("stays", False)),
        attempt=bool(entry.get("attempt", False)),
        measure=bool(entry.get("measure", False)),
        amount=bool(entry.get("amount", False)),
        announced=bool(entry.get("announced", False)),
        follows=frozenset(entry.get("follows", [])),
        during=bool(entry.get("during", False)),
    )
