"""Sentence views: one sentence as extraction reads it, and the working values every step passes on.

A view gathers a sentence's clauses, times and places once (leaving out source attributions,
asides and datelines), so that triggers, drafting, figures and linking all read the same facts;
`_Trigger` and `_Draft` live here because every later step builds on them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from timeline.articles import Article
from timeline.counts import Amount, Count
from timeline.lexicon import EventType, Lexicon
from timeline.sentences import Sentence
from timeline.temporal import TimeExpr

if TYPE_CHECKING:
    from geodata.match import PlaceMention


PREVIOUS_EVENT = "previous-event"  # TimeExpr.refers_to: counted from the happening told before


@dataclass
class _Draft:
    """An event while the article is being read: its evidence, before linking and merging."""

    etype: EventType
    sentence: int
    trigger: tuple[int, int]
    quote: tuple[int, int]
    rule: str
    kind: str  # "happening", "trend" (a rise with a window), "measure" (crackdown), "item" (a figure)
    time: TimeExpr | None = None
    time_note: str = ""
    year: int | None = None  # the year of a figure ("63 in 2021") that no time expression covered
    quarter: int | None = None  # and its quarter ("65 in the second")
    count: Count | None = None
    count_note: str = ""
    amount: Amount | None = None
    own: list[PlaceMention] = field(default_factory=list)
    linked: list[PlaceMention] = field(default_factory=list)
    fallback: list[PlaceMention] = field(default_factory=list)
    basis: str = ""
    destinations: list[PlaceMention] = field(default_factory=list)
    story: int | None = None  # drafts about the same people in neighbouring sentences share one
    definite: bool = False  # "the repatriation": a noun that points back to a happening stated before
    distinct: bool = False  # "also", "another": a further happening of the same kind
    part_of: _Draft | None = None  # "handed over the same night": a part of that happening

    @property
    def type(self) -> str:
        return self.etype.name

    def info(self) -> int:
        """How much the statement itself says: the detailed mention of a restated happening wins."""
        return bool(self.own) + (self.time is not None) + bool(self.count and self.count.known)


@dataclass(frozen=True)
class _Trigger:
    type: EventType
    start: int
    end: int
    rule: str
    kind: str


@dataclass(frozen=True)
class _View:
    """One sentence with what earlier steps found in it (offsets into the body)."""

    index: int
    sentence: Sentence
    body_start: int  # after a dateline ("SEOUL, June 10 (Yonhap) --"), if any
    skipped: bool
    clauses: list[tuple[int, int]]
    times: list[TimeExpr]
    places: list[PlaceMention]  # event places: not adjectives, not the source's place
    sources: list[PlaceMention]  # places named only as where a source is
    destinations: set[int]  # ids of places named as where people were heading
    source_reference: bool
    anaphoric: bool


_CLAUSE = re.compile(
    r";|:\s|[“”\"]|,?\s+(?:but|so(?!\s+far\b)(?!\s+\w+\s+(?:\w+\s+){0,3}that\b)|because|although|though|whereas"
    r"|while|hoping|which|before(?!\s+(?:dawn|daybreak|sunrise|sunset|noon|midnight|a|an|crowds?|hundreds|thousands"
    r"|the\s+(?:court|judge|tribunal|crowd|public)))|after)\b"
    r"|,\s+and\b|(?<!such)\s+as\s+(?=the\b|they\b|he\b|she\b|police\b|authorities\b|officials\b|(?-i:[A-Z]))",
    re.I,
)
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")
_DATELINE = re.compile(  # "SEOUL, June 10 (Yonhap) --"
    r"^[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][\w.' ]{1,25}?)??(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:--|—|–|-|:)\s+"
)
_MARKUP = re.compile(r"\s*\[[^\]]{1,30}\]\s*")  # residue such as "[imText1]" that opens a paragraph
_DIGITS_RE = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
_BORDER_WORD = re.compile(r"\bborders?\b|\bmeets?\b", re.I)


def _view(
    index: int,
    sentence: Sentence,
    text: str,
    article: Article,
    times: Sequence[TimeExpr],
    mentions: Sequence[PlaceMention],
    lex: Lexicon,
) -> _View:
    s, e = sentence.start, sentence.end
    body = sentence.text
    dateline = _DATELINE.match(body)
    if dateline:  # "DANDONG, China (Agency) --": where and when the report was filed
        s = sentence.start + dateline.end()
    inside = [m for m in mentions if s <= m.start and m.end <= e and not m.modifier and not m.metonymy]
    if dateline and not inside:  # the filing place stands for the event's when the text gives no other
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= s and not m.modifier]
    dest_re = _ending(lex.cue("destination").pattern, r"\s+(?:the\s+)?")
    sources = [m for m in inside if _is_source_place(m, text, s, e, lex)]
    places = [
        m
        for m in inside
        if m not in sources
        and not _locates_border(m, inside, text, s, e, dest_re)
        and not _aside(m, text, s, lex)
    ]
    destinations = {id(m) for m in places if dest_re.search(text[max(s, m.start - 25) : m.start])}
    clauses = _clauses(text[s:e], s)
    return _View(
        index=index,
        sentence=sentence,
        body_start=s,
        skipped=_is_skipped(sentence, article, lex),
        clauses=clauses,
        times=[t for t in times if s <= t.start and t.end <= e and _event_time(t, text)],
        places=places,
        sources=sources,
        destinations=destinations,
        source_reference=bool(lex.cue("source_reference").search(body)) or bool(sources),
        anaphoric=bool(lex.cue("anaphora").search(_unmarked(body)[:100])),
    )


def _captions_skipped(views: list[_View], lex: Lexicon) -> list[_View]:
    """A paragraph that ends in a photo credit ("... , March 2, 2021. (Agency Photo)") is a caption."""
    credit = lex.cue("caption_credit")
    captions = {v.sentence.paragraph for v in views if credit.search(v.sentence.text)}
    return [replace(v, skipped=True) if v.sentence.paragraph in captions else v for v in views]


def _event_time(t: TimeExpr, text: str) -> bool:
    """A usable event time: not the day someone spoke, not "recently", not "fewer than 2016"."""
    if t.role in ("report", "deadline"):
        return False
    if t.interval.precision == "none" and t.refers_to != PREVIOUS_EVENT:
        return False
    return not re.search(r"\b(?:than|compared (?:with|to))\s+$", text[max(0, t.start - 20) : t.start])


def _is_source_place(m: PlaceMention, text: str, s: int, e: int, lex: Lexicon) -> bool:
    """ "a source in Ryanggang Province", or "an official in Yanji said": where a source is."""
    before = text[max(s, m.start - 60) : m.start]
    if _ending(lex.cue("source").pattern, r"\s+(?:the\s+)?").search(before):
        return True
    speaks = _starting(lex.cue("speech").pattern).match(text, m.end, e)
    return bool(speaks) and bool(_ending(lex.cue("speaker").pattern, r"\s+(?:the\s+)?").search(before))


@lru_cache(maxsize=16)
def _starting(cue: str) -> re.Pattern[str]:
    """A cue right after a name ("... of Onsong told RFA", "... in Yanji, said")."""
    return re.compile(rf"[\s,]*(?:\w+\s+)?(?:{cue})", re.I)


@lru_cache(maxsize=64)
def _ending(cue: str, tail: str) -> re.Pattern[str]:
    """A cue that ends a stretch of text ("... a source in" right before a place name)."""
    return re.compile(f"(?:{cue}){tail}$", re.I)


def _aside(m: PlaceMention, text: str, s: int, lex: Lexicon) -> bool:
    """A place inside a phrase that describes people or a motive rather than the happening: "for
    calling relatives in South Korea", "of smuggling goods across the Yalu", "families of defectors
    who reach South Korea", "a team from Pyongyang". A phrase that itself states a happening
    ("for trying to flee to China", "who was caught in Yanji") keeps its places."""
    before = text[max(s, m.start - 80) : m.start]
    if _ending(lex.cue("describes").pattern, r"\s+(?:the\s+)?").search(before):
        return True
    opener = next(reversed(list(lex.cue("aside").finditer(before))), None)
    if opener is None or re.search(r"[,;:]", before[opener.end() :]):
        return False
    return not _happening_words(lex).search(before[opener.start() :])


@lru_cache(maxsize=8)
def _happening_words_for(lex_digest: str, pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _happening_words(lex: Lexicon) -> re.Pattern[str]:
    """Every word that states a happening or a security measure ("a stretch of fencing near Musan"),
    not a statistic."""
    lists = [p for t in lex.types for p in (t.triggers, t.measures) if p is not None]
    words = "|".join(p.pattern for p in lists)
    return _happening_words_for(lex.digest, words)


def _locates_border(
    m: PlaceMention, inside: list[PlaceMention], text: str, s: int, e: int, dest_re: re.Pattern[str]
) -> bool:
    """A country named only to say where a border runs ("where China meets the borders of ...",
    "the border with China") is not a place of the event: the border is."""
    if m.place.kind != "country" or not any(o.place.kind == "border" for o in inside):
        return False
    if dest_re.search(text[max(s, m.start - 25) : m.start]):
        return False
    window = text[max(s, m.start - 25) : min(e, m.end + 25)]
    return bool(_BORDER_WORD.search(window))


def _is_skipped(sentence: Sentence, article: Article, lex: Lexicon) -> bool:
    """Headlines, subheadings, captions, bylines and author notes state no event of the report."""
    body = _unmarked(sentence.text).strip()
    if article.title and _squash(body) == _squash(article.title):
        return True
    if lex.cue("boilerplate").search(body):
        return True
    if _LABEL_ROW.match(body):  # "- Forced returns from China: 670 people": a finding, not a heading
        return False
    words = len(body.split())
    return not _TERMINAL.search(body) and words <= lex.heading_max_words and not body.endswith(("”", '"'))


# "- Women sold into forced marriage: 41", "Executions: at least 11": a labelled figure in a list
_LABEL_ROW = re.compile(
    r"(?:[-•*–·]\s+)?[A-Z][^:\n]{2,120}:\s+(?:(?:about|around|some|nearly|more than|over|at least|up to)\s+)?\d",
)


def _unmarked(body: str) -> str:
    m = _MARKUP.match(body)
    return body[m.end() :] if m else body


def _squash(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _clauses(body: str, offset: int) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE.finditer(body)] + [len(body)]
    return [(offset + a, offset + b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _clause_of(view: _View, pos: int) -> tuple[int, int]:
    for a, b in view.clauses:
        if a <= pos < b:
            return a, b
    return view.sentence.start, view.sentence.end


def _in_time(view: _View, pos: int) -> bool:
    return any(t.start <= pos < t.end for t in view.times)


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    piece = text[a:b]
    lead = len(piece) - len(piece.lstrip(" ,;:–—-“”\"'‘’"))
    tail = len(piece) - len(piece.rstrip(" ,;:–—-“”\"'‘’"))
    return a + lead, b - tail


_SINCE = re.compile(r"since\s+", re.I)


def _shift_count(c: Count, offset: int) -> Count:
    return replace(c, start=c.start + offset, end=c.end + offset)


def _shift_amount(a: Amount, offset: int) -> Amount:
    return replace(a, start=a.start + offset, end=a.end + offset)
