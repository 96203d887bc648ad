"""Events: what happened, to how many people, when and where, with the quote that proves it.

`extract_events` reads one article that earlier steps have cut into sentences, time expressions
and place mentions, and decides which statements report a happening. The words come from the
lexicon (`timeline/lexicon.py`); the rules here are about news language in general:

- a trigger word states an event unless its clause denies it ("were not arrested"), speculates
  ("will likely be sent back", "if ..."), describes a practice ("regularly", quotas) or a trend
  (a rise in arrests with no window); a rise in a security measure is a crackdown;
- one event per happening: items of a list with their own numbers or dates are one event each,
  quoted by their own phrase; two types in one sentence are one event of each; the same happening
  stated twice in one report is printed once;
- facts pass between sentences only within one happening: a sentence that continues the people
  of the one before ("They ...", "The family ...") shares its date, count and places; a place of
  arrest never takes the destination of the crossing; failing a place, the source's place
  ("a source in Ryanggang Province said") with a lower geoprecision, then the nearest preceding
  sentence that names one;
- within a sentence, two happenings of the same people share a date only at one moment (an arrest
  during a crossing) or in one clause of one tense ("was arrested in 2017; he was later
  sentenced" keeps them apart); a time counted from another happening ("two days later", "the
  same night", "at the same trial") is resolved from the one told before, and one that is a limit
  in an order (temporal's `deadline` role) dates nothing;
- places in a phrase about a motive or about who the people are ("for calling relatives in South
  Korea", "a team from Pyongyang") and capitals standing for their governments are not event places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from geodata.places import Place
from timeline.articles import Article
from timeline.counts import (
    NUMBER,
    QUALIFIERS,
    Amount,
    Count,
    YearlyFigure,
    find_amounts,
    find_counts,
    find_yearly_figures,
    parse_number,
)
from timeline.intervals import NO_TIME, Interval
from timeline.lexicon import EventType, Lexicon, load_lexicon
from timeline.sentences import Sentence
from timeline.temporal import TimeExpr, shift, tag

if TYPE_CHECKING:
    from geodata.match import PlaceMention

EVENT_TYPES = (
    "arrest",
    "crossing_attempt",
    "repatriation",
    "crackdown",
    "fine",
    "arrival_statistic",
    "trafficking",
    "execution_or_punishment",
)

PREVIOUS_EVENT = "previous-event"  # TimeExpr.refers_to: counted from the happening told before
# "at the same trial", "at the same rally": names the happening it counts from (not "the same day")
_NAMES_A_THING = re.compile(
    r"\bsame\s+(?!(?:day|night|morning|afternoon|evening|week|month|year|time)\b)", re.I
)
# Precisions that name a window in which a rise happens ("every winter", "in January").
WINDOWS = frozenset({"recurring", "season", "day", "week", "month"})
DATED_YEAR = frozenset({"year", "range", "month", "season", "week", "day"})


@dataclass
class Event:
    """One happening stated in one article.

    `span` is the character span of `quote` in the article body; `rule` names the lexicon rule
    that fired, so a reader can see why it was extracted. `place_basis` says where the places came
    from: `own` (the statement), `linked` (the same happening in a neighbouring sentence),
    `source` (where the quoted source is), `preceding` (the nearest earlier sentence naming one).
    """

    type: str
    quote: str
    span: tuple[int, int]
    article_id: str = ""
    interval: Interval = NO_TIME
    places: list[Place] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    geoprecision: int | None = None
    count: int | None = None
    count_min: int | None = None
    count_max: int | None = None
    count_qualifier: str | None = None
    count_text: str | None = None
    amount: str | None = None
    rule: str = ""
    place_basis: str = ""


class Located(Protocol):
    lon: float
    lat: float
    geoprecision: int | None


Locate = Callable[[list["PlaceMention"]], "Located | None"]


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


def extract_events(
    article: Article,
    sentences: Sequence[Sentence],
    times: Sequence[TimeExpr],
    mentions: Sequence[PlaceMention],
    *,
    lexicon: Lexicon | None = None,
    locate: Locate | None = None,
) -> list[Event]:
    """The events an article states, in the order of their quotes."""
    lex = lexicon or load_lexicon()
    text = article.text
    views = [_view(i, s, text, article, times, mentions, lex) for i, s in enumerate(sentences)]
    views = [_without_background(v, text, lex) for v in _captions_skipped(views, lex)]
    drafts: list[_Draft] = []
    for view in views:
        if not view.skipped:
            drafts.extend(_sentence_drafts(view, text, lex))
    drafts.extend(_series_continuations(views, drafts, text, lex))
    drafts.extend(_table_rows(views, lex))
    _list_years(views, drafts)
    drafts.sort(key=lambda d: (d.quote[0], d.quote[1]))
    _since_when(drafts, text, article)
    _clause_times(views, drafts, text, article)
    _resolve_relative_times(drafts, text)
    _link_chains(views, drafts, lex)
    lede = next((v.index for v in views if not v.skipped), -1)
    drafts = _merge_restatements(drafts, lede)
    _counts_from_antecedents(views, drafts, text, lex)
    _join_also(views, drafts, text)
    _fall_back_places(views, drafts)
    return [_event(d, text, article, locate) for d in drafts if _complete(d)]


# --- one sentence -------------------------------------------------------------------------------


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


def _without_background(view: _View, text: str, lex: Lexicon) -> _View:
    """ "Park, who fled North Korea in 2009, said ...": the source's past gives no date or place to
    the news, nor to a later sentence that looks back for a place."""
    if not re.search(r"\bwho\b", view.sentence.text, re.I):
        return view
    spans = [span for t in _triggers(view, text, lex) if (span := _background(t, view, text, lex))]
    if not spans:
        return view
    return replace(
        view,
        times=[t for t in view.times if not any(a <= t.start < b for a, b in spans)],
        places=[m for m in view.places if not any(a <= m.start < b for a, b in spans)],
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


def _refers_to_clause(t: TimeExpr) -> bool:
    """ "since the border was sealed", "after a soldier crossed": a time told by a clause."""
    return bool(t.refers_to) and t.refers_to in t.text and bool(_CLAUSE_TIME.match(t.text))


_CLAUSE_TIME = re.compile(r"(?:since|after|before|until|when)\s", re.I)


def _triggers(view: _View, text: str, lex: Lexicon) -> list[_Trigger]:
    """Trigger words of every type, longest first where they overlap, minus false friends."""
    body, offset = view.sentence.text, view.sentence.start
    false = [(m.start(), m.end()) for m in lex.cue("false_triggers").finditer(body)]
    # a time's words are no trigger, except the clause a "since ..." refers to ("since the border was sealed")
    false += [(t.start - offset, t.end - offset) for t in view.times if not _refers_to_clause(t)]
    found: list[_Trigger] = []
    # One scan finds where some trigger starts; only there is each type's list tried.
    starts = [
        m.start() for m in lex.any_trigger.finditer(body) if not any(a <= m.start() < b for a, b in false)
    ]
    for start in starts:
        for etype in lex.types:
            for kind, pattern in (
                ("happening", etype.triggers),
                ("measure", etype.measures),
                ("statistic", etype.statistics),
            ):
                m = pattern.match(body, start) if pattern is not None else None
                if m:
                    rule = f"{etype.name}:{kind}:{m.group().lower()}"
                    found.append(_Trigger(etype, offset + m.start(), offset + m.end(), rule, kind))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[_Trigger] = []
    for t in found:
        if not any(k.start < t.end and t.start < k.end for k in kept):
            kept.append(t)
    return kept


def _sentence_drafts(view: _View, text: str, lex: Lexicon) -> list[_Draft]:
    """The events one sentence states, with what the sentence itself says of them."""
    if not lex.any_trigger.search(view.sentence.text):
        return []
    every = _triggers(view, text, lex)
    triggers = [t for t in every if _states_happening(t, view, text, lex)]
    if not triggers:
        return []
    drafts = [_draft(t, view, text, lex) for t in triggers]
    found = [_shift_count(c, view.sentence.start) for c in find_counts(view.sentence.text, lex)]
    found = [
        c
        for c in found
        if not _object_of_other_verb(c, every, view, text)
        and not _SPECTATORS.match(text, c.end)
        and not any(t.start <= c.start < t.end and not _refers_to_clause(t) for t in view.times)
    ]
    _assign(view, drafts, found, text, lex)
    drafts = [d for d in drafts if _keeps(d, view, text, lex)]
    if not drafts:
        return []
    for d in drafts:  # what a dropped trigger held goes to the nearest one that stays
        d.own, d.destinations = [], []
    _assign(view, drafts, found, text, lex)
    drafts = _group_same_type(drafts, view, text)
    _share_within_sentence(drafts, view, text)
    drafts = _split_figures(drafts, view, text, lex)
    _apply_lead_time(drafts, view, text)
    return drafts


# "hundreds of villagers were made to attend the trial": an audience, not the people it happened to
_SPECTATORS = re.compile(
    r"\s+(?:(?:were|was|had been|have been)\s+)?(?:\w+\s+)?(?:(?:mobili[sz]ed|forced|made|gathered|summoned|"
    r"assembled|brought|ordered|called)\s+to\s+(?:watch|attend|witness|see|observe)|watched|witnessed|attended|looked on)\b",
    re.I,
)
_PAST_VERB = re.compile(
    r"\b(?:[a-z]{3,}ed|shot|hit|beat|struck|hurt|met|found|saw|told|took|gave|left|led)\s+"
    r"(?:(?:about|some|at least|more than|nearly)\s+)?$"
)


def _object_of_other_verb(c: Count, triggers: list[_Trigger], view: _View, text: str) -> bool:
    """ "crossed the river and killed four villagers": the people of a later verb, not of the event."""
    a, _ = _clause_of(view, c.start)
    verb = _PAST_VERB.search(text, max(a, c.start - 40), c.start)
    if verb is None or any(t.start <= verb.start() < t.end for t in triggers):
        return False
    return any(t.end <= verb.start() for t in triggers)  # not "recorded 196 defectors who arrived"


def _stood_at(view: _View, d: _Draft, text: str) -> Count | None:
    a, b = _clause_of(view, d.trigger[0])
    m = _STOOD_AT.search(text, d.trigger[1], b)
    if m is None:
        return None
    qualifier = QUALIFIERS.get((m.group("qual") or "").lower())
    return Count(
        m.start("num"), m.end("num"), m.group("num"), parse_number(m.group("num")), qualifier=qualifier
    )


def _bare_subject(view: _View, d: _Draft, text: str) -> Count | None:
    """ "Of those, 37 were handed over": a bare number as the subject of a passive trigger counts people."""
    m = _BARE_SUBJECT.search(text, max(view.body_start, d.trigger[0] - 40), d.trigger[0])
    if m is None:
        return None
    qualifier = QUALIFIERS.get((m.group("qual") or "").lower())
    return Count(
        m.start("num"), m.end("num"), m.group("num"), parse_number(m.group("num")), qualifier=qualifier
    )


_BARE_SUBJECT = re.compile(
    rf"(?:^|[,;:]\s+|\b(?:and|but|while)\s+)(?:(?P<qual>about|around|some|nearly|more than|over|at least)\s+)?"
    rf"(?P<num>{_DIGITS_RE})\s+(?:were|had been|have been|are being|was)\s+(?:\w+\s+)?$",
    re.I | re.M,
)


def _apply_lead_time(drafts: list[_Draft], view: _View, text: str) -> None:
    """ "Every winter, police run checks ... and more people are arrested": a time that opens the
    sentence holds for all of it."""
    first = min(d.trigger[0] for d in drafts)
    lead = next(
        (t for t in view.times if t.end <= first and re.match(r"\s*,", text[t.end : t.end + 3])), None
    )
    if lead is None or text[view.body_start : lead.start].strip(" “\"'‘"):
        return
    for d in drafts:
        if d.time is None and d.kind != "item":
            d.time = lead


def _states_happening(t: _Trigger, view: _View, text: str, lex: Lexicon) -> bool:
    """The clause around a trigger does not deny, doubt, generalise or merely intend it."""
    a, b = _clause_of(view, t.start)
    lo = a
    clause = text[a:b]
    if _FOLLOW_ON.match(clause):  # "can expect to spend months there before being sent to a camp"
        lo = _clause_of(view, max(view.body_start, a - 1))[0]
    before = text[lo : t.start]
    if _background(t, view, text, lex):
        return False  # "a defector who fled in 2015 told ...": the source's background
    near = _PAPERLESS.sub(" ", text[max(a, t.start - 30) : t.start])  # "without papers" denies nothing
    if _ending(lex.cue("negation").pattern, r"\s+(?:\w+\s+){0,2}").search(near):
        return False
    sent_to = t.kind == "measure" and _intensified(t, view, text, lex)  # "troops were sent to patrol"
    if not t.type.attempt and not sent_to and _ending(lex.cue("intent").pattern, r"\s*").search(near):
        return False
    # "anyone who helps faces a fine", "drivers can be made to pay 2,000 yuan": an announced penalty
    rule_for_anyone = t.type.announced and (
        bool(lex.cue("generic_subject").search(before)) or bool(_MONEY.search(clause))
    )
    if not rule_for_anyone and any(
        not _in_time(view, lo + m.start()) for m in lex.cue("hypothetical").finditer(before)
    ):
        return False  # "may be sent back", but not "in May"; "anyone who helps faces a fine" is a rule
    seasonal = _seasonal_window(view, a, b)
    consequence = _SO_THAT.search(clause)  # "grown so dense that brokers charge higher fees": a result
    cut = consequence.end() if consequence and a + consequence.start() > t.end else len(clause)
    generic = next(  # words of the trigger itself do not count ("spent a year in a camp")
        (m for m in lex.cue("generic").finditer(clause, 0, cut) if not t.start <= a + m.start() < t.end), None
    )
    if generic and not (seasonal and _EVERY_YEAR.fullmatch(generic.group())):
        return False  # "every year from December to February" is a window, not a practice
    if lex.cue("uncertain").search(view.sentence.text):
        return False
    if not t.type.announced and lex.cue("generic_subject").search(before):
        return False
    if t.kind == "measure" and not (seasonal or _intensified(t, view, text, lex) or _since(view, t, a)):
        return False  # "police run checks every winter": a seasonal measure is a crackdown
    if _adjectival(t, view, text, lex):
        return False
    if _CLASS_OF_PEOPLE.search(text[max(a, t.start - 20) : t.start]):
        return False  # "those sent back can expect ...", "80 of those sent back": such people
    return not _reduced_relative(t, view, text) and not _names_the_people(t, view, text, lex)


def _since(view: _View, t: _Trigger, a: int) -> bool:
    """ "Since June, officers have been searching lorries": a measure in place since a time began then."""
    return any(
        _SINCE.match(x.text) and x.start < t.start and (x.start >= a or x.start - view.body_start < 3)
        for x in view.times
    )


def _in_time(view: _View, pos: int) -> bool:
    return any(t.start <= pos < t.end for t in view.times)


_SO_THAT = re.compile(r"\bso\s+\w+\s+(?:[\w-]+\s+){0,4}?that\b", re.I)
_EVERY_YEAR = re.compile(r"(?:a|each|every) year", re.I)


def _seasonal_window(view: _View, a: int, b: int) -> bool:
    """A recurring window of some months of the year in the clause ("every year from December to
    February", "every winter"): a seasonal pattern, which is an event of its type."""
    return any(
        a <= t.start < b
        and t.interval.precision == "recurring"
        and t.interval.from_month is not None
        and (t.interval.from_month, t.interval.to_month) != (1, 12)
        for t in view.times
    )


def _background(t: _Trigger, view: _View, text: str, lex: Lexicon) -> tuple[int, int] | None:
    """The span of "who fled North Korea in 2015" in "Kim, who fled North Korea in 2015, said ...": a
    relative clause on the speaker tells the source's past, not the news."""
    a, _ = _clause_of(view, t.start)
    who = _BACKGROUND.search(text, a, t.start)
    speech = lex.cue("speech").search(text, t.end, view.sentence.end)
    if who is None or speech is None:
        return None
    between = text[t.end : speech.start()]
    if len(between) > 60 or re.search(r"\b(?:was|were|is|are|has|have|had)\b", between):
        return None  # "the soldier who defected was jailed, officials said": the news, not a bio
    comma = text.find(",", t.end, speech.start())
    return who.start(), (comma if comma >= 0 else speech.start())


def _intensified(t: _Trigger, view: _View, text: str, lex: Lexicon) -> bool:
    """A measure word states a crackdown only next to a word of introduction or escalation."""
    a, b = _clause_of(view, t.start)
    left = text[a : t.start].split()[-10:]
    right = text[t.end : b].split()[:10]
    return bool(lex.cue("intensify").search(" ".join(left + ["|"] + right)))


def _adjectival(t: _Trigger, view: _View, text: str, lex: Lexicon) -> bool:
    """ "repatriated defectors have faced ...": a participle that names a class of people."""
    if not text[t.start : t.end].endswith("ed") or not lex.people.match(text, t.end + 1):
        return False
    before = text[max(view.sentence.start, t.start - 12) : t.start].lower().split()
    return (
        not before
        or before[-1].endswith(",")
        or before[-1] in ("the", "these", "those", "many", "some", "most")
    )


def _reduced_relative(t: _Trigger, view: _View, text: str) -> bool:
    """ "a person caught (for) assisting defectors is fined": the participle describes who is fined."""
    if not text[t.start : t.end].endswith(("ed", "ught")) or not re.match(
        r"\s+(?:for\s+)?(?!during|including|following|regarding|concerning|according|morning|evening)\w+ing\b",
        text[t.end : t.end + 30],
    ):
        return False
    if re.match(r"\s+(?:trying|attempting|crossing|fleeing|seeking)\b", text[t.end : t.end + 15], re.I):
        return False  # "caught trying to cross": caught in the act, a happening
    before = text[max(view.sentence.start, t.start - 12) : t.start].lower().split()
    return not before or before[-1] not in ("was", "were", "been", "being", "is", "are", "be", "got", "get")


def _names_the_people(t: _Trigger, view: _View, text: str, lex: Lexicon) -> bool:
    """ "three men deported in June were later jailed": a participle right after its people,
    before the clause's own verb, says who they are; the happening it names was told elsewhere."""
    if not text[t.start : t.end].endswith("ed") or t.type.measure:
        return False
    before = text[max(view.sentence.start, t.start - 40) : t.start]
    if not re.search(rf"(?:{lex.people.pattern})\s+$", before, re.I):
        return False
    _, b = _clause_of(view, t.start)
    return bool(_MAIN_VERB.match(text, t.end, b))


_PAPERLESS = re.compile(
    r"\bwithout\s+(?:\w+\s+)?(?:papers|permission|documents|permits?|ids?|identification|visas?|passports?)\b",
    re.I,
)
_MONEY = re.compile(
    r"(?:\d[\d,.]*\s*(?:(?:hundred|thousand|million)\s+)?(?:yuan|won|rmb|renminbi|dollars?|usd|euros?)\b|\$\s?\d)",
    re.I,
)
_MAIN_VERB = re.compile(
    r"(?:\s+(?!and\b|but\b)[\w’'-]+){0,6}?\s+(?:were|was)\s+(?:later\s+|then\s+|also\s+)?\w+(?:ed|en)\b"
)
_FOLLOW_ON = re.compile(r"\s*,?\s*(?:before|after|while|until)\s+\w+ing\b", re.I)
_BACKGROUND = re.compile(r"\bwho\s+(?:had\s+|has\s+|have\s+)?(?:\w+\s+)?$", re.I)
# "those sent back can expect ...", "anyone caught is fined": a participle naming a class of people
_CLASS_OF_PEOPLE = re.compile(r"\b(?:those|anyone|anybody|the ones)\s+$", re.I)
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|their|his|her|its)\s+(?:[\w-]+\s+)?$", re.I)
_THOSE = re.compile(r"\b(?:those|the ones|the people|the (?:\w+ )?(?:defectors|women|men))\s+$", re.I)
_NUMBER_OF = re.compile(r"\b(?:number|numbers|rate|share) of (?:[\w’'-]+ ){0,8}$", re.I)


def _draft(t: _Trigger, view: _View, text: str, lex: Lexicon) -> _Draft:
    statistic = t.kind == "statistic" or bool(_NUMBER_OF.search(text[max(0, t.start - 50) : t.start]))
    kind = "measure" if t.type.measure else ("trend" if statistic else "happening")
    before = text[max(0, t.start - 25) : t.start]
    participle = text[t.start : t.end].endswith("ed")
    introduces = re.match(r"\s+of\b", text[t.end : t.end + 4])  # "the arrest of a pastor": someone new
    definite = (
        bool(_THOSE.search(before)) if participle else bool(_DEFINITE.search(before)) and not introduces
    )
    span = (view.body_start, view.sentence.end)
    distinct = bool(lex.cue("distinct").search(text[slice(*_clause_of(view, t.start))]))
    return _Draft(
        t.type, view.index, (t.start, t.end), span, t.rule, kind, definite=definite, distinct=distinct
    )


def _gap(span: tuple[int, int], start: int, end: int) -> int:
    return max(span[0] - end, start - span[1], 0)


def _assign(view: _View, drafts: list[_Draft], found: list[Count], text: str, lex: Lexicon) -> None:
    """Each count goes to the nearest trigger; each time and place to the trigger whose phrase it
    follows in the same clause ("who crossed the Yalu in November were sent back last week"),
    else to the nearest one."""

    def nearest(start: int, end: int) -> _Draft:
        clause = _clause_of(view, start)
        return min(
            drafts,
            key=lambda d: (
                _clause_of(view, d.trigger[0]) != clause,
                _gap(d.trigger, start, end),
                d.trigger[0] < start,
            ),
        )

    def governing(start: int, end: int) -> _Draft:
        within = [d for d in drafts if d.trigger[0] <= start < d.trigger[1]]
        if within:  # "the border was sealed": the name is part of the trigger's own words
            return within[0]
        clause = _clause_of(view, start)
        before = [d for d in drafts if d.trigger[1] <= start and _clause_of(view, d.trigger[0]) == clause]
        return max(before, key=lambda d: d.trigger[1]) if before else nearest(start, end)

    times: dict[int, list[TimeExpr]] = {}
    lead = min(d.trigger[0] for d in drafts)
    for t in view.times:
        head = view.sentence.text[view.body_start - view.sentence.start : t.start - view.sentence.start]
        opens = t.start < lead and len(head.split()) <= 2
        if not opens and not any(_clause_of(view, d.trigger[0]) == _clause_of(view, t.start) for d in drafts):
            continue  # "the route, used in the mid-2000s, became less popular as China stepped up patrols"
        times.setdefault(id(governing(t.start, t.end)), []).append(t)
    counts: dict[int, list[Count]] = {}
    body, offset = view.sentence.text, view.sentence.start
    for c in found:
        counts.setdefault(id(nearest(c.start, c.end)), []).append(c)
    for m in view.places:
        if _dates_only(m, view, drafts, text, lex):
            continue
        d = governing(m.start, m.end)
        d.own.append(m)
        if id(m) in view.destinations:
            d.destinations.append(m)
    for d in drafts:
        d.time = _best_time(_outside_since(times.get(id(d), []), d, text), d)
        d.count = _best_count(counts.get(id(d), []), d)
        if d.count is None and d.etype.series:
            d.count = _stood_at(view, d, text)
        if d.count is None:
            d.count = _bare_subject(view, d, text)
        if d.etype.amount:
            amounts = [_shift_amount(a, offset) for a in find_amounts(body, lex)]
            d.amount = min(amounts, key=lambda a: _gap(d.trigger, a.start, a.end), default=None)


_TIME_CONJUNCTION = re.compile(r"[\s,;:—–-]*(?:\w+\s+)?(?:after|before|since|until)\b", re.I)


def _dates_only(m: PlaceMention, view: _View, drafts: list[_Draft], text: str, lex: Lexicon) -> bool:
    """A place in a phrase that only dates the happening ("shortly after the North reopened its border
    with China, ...") or in a main clause that a time clause ties the happening to ("Arrivals in
    South Korea fell after the border was sealed"): not where the happening was."""
    s, e = view.body_start, view.sentence.end
    cut = max(text.rfind(c, s, m.start) for c in ",;:")
    end = min((i for i in (text.find(c, m.end, e) for c in ",;") if i >= 0), default=e)
    phrase = (max(cut, s), end)
    if _TIME_CONJUNCTION.match(text, *phrase) and not any(
        phrase[0] <= d.trigger[0] < phrase[1] for d in drafts
    ):
        return True
    clause = _clause_of(view, m.start)
    if any(clause[0] <= d.trigger[0] < clause[1] for d in drafts) or not lex.cue("trend").search(
        text, *clause
    ):
        return False
    return all(_TIME_CONJUNCTION.match(text, *_clause_of(view, d.trigger[0])) for d in drafts)


def _outside_since(found: list[TimeExpr], d: _Draft, text: str) -> list[TimeExpr]:
    """ "Since the crossing opened again in May 2019, monitors have counted ...": May dates the
    opening, not the main clause, which takes the span since then."""
    return [
        x
        for x in found
        if not any(
            _refers_to_clause(t)
            and t.end <= x.start
            and not re.search(r"[,;:]", text[t.end : x.start])
            and not t.start <= d.trigger[0] < x.end
            for t in found
        )
    ]


def _best_time(found: list[TimeExpr], d: _Draft) -> TimeExpr | None:
    """The narrowest of nested expressions ("this year ... on January 1"), else the nearest; a
    window of the whole year ("each year") only when nothing says more."""
    if not found:
        return None
    found = [t for t in found if not _all_year(t.interval)] or found
    nested = [t for t in found if any(o is not t and _within(t.interval, o.interval) for o in found)]
    if nested:
        return min(nested, key=_width)
    return min(found, key=lambda t: _gap(d.trigger, t.start, t.end))


def _all_year(iv: Interval) -> bool:
    return iv.precision == "recurring" and (iv.from_month, iv.to_month) == (1, 12)


def _within(inner: Interval, outer: Interval) -> bool:
    if None in (inner.start, inner.end, outer.start, outer.end):
        return False
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (inner.start, inner.end) != (outer.start, outer.end)
    )


def _width(t: TimeExpr) -> int:
    iv = t.interval
    return (iv.end - iv.start).days if iv.start and iv.end else 10**6


def _best_count(found: list[Count], d: _Draft) -> Count | None:
    """A stated total wins over its parts; a number wins over a group of unknown size and over one
    person named by a singular noun."""
    if not found:
        return None
    return min(found, key=lambda c: (not c.total, not c.known, c.single, _gap(d.trigger, c.start, c.end)))


def _keeps(d: _Draft, view: _View, text: str, lex: Lexicon) -> bool:
    """A rise or fall in numbers is a trend unless it names a window; a rise in a measure is not."""
    etype = d.etype
    clause = text[slice(*_clause_of(view, d.trigger[0]))]
    trending = d.kind == "trend" or (etype.trend and bool(lex.cue("trend").search(clause)))
    if not trending:
        return True
    d.kind = "trend"
    if not lex.cue("trend").search(clause):  # "crossings at Hunchun": a number of happenings, no rise
        return d.time is not None and (
            d.time.interval.precision in ("recurring", "season")
            or d.time.habitual
            or _stated_figure(d, clause)
        )
    if d.time is not None and (d.time.interval.precision in WINDOWS or d.time.habitual):
        return True
    if etype.series and _figures(view, lex):  # "rose to 196 in 2023 from 67 in 2022": figures by year
        return True
    return bool(d.count and d.count.known and d.time is not None and d.time.interval.precision == "year")


def _stated_figure(d: _Draft, clause: str) -> bool:
    """ "The number of escapees who reached the South in 2015 stood at 1,275": a figure for a dated period (not
    a running total "since the 1990s", not a cumulative one)."""
    t = d.time
    return (
        d.etype.series
        and d.count is not None
        and d.count.known
        and t is not None
        and t.interval.is_dated
        and not _SINCE.match(t.text)
        and not _RUNNING_TOTAL.search(clause)
    )


_RUNNING_TOTAL = re.compile(r"\b(?:cumulative|in total|so far|to date|all-time|since)\b", re.I)
# "stood at 1,275", "totalled 880": the number a statistic's sentence gives, with no noun of its own
_STOOD_AT = re.compile(
    rf"\b(?:stood|stands|stand|totall?ed|totals|amounted|came|numbered|reached|was|were)\s+(?:at\s+|to\s+)?"
    rf"(?:(?P<qual>about|around|some|nearly|more than|over|at least|just)\s+)?(?P<num>{_DIGITS_RE})(?![\w%-]|[.,]\d)",
    re.I,
)


def _group_same_type(drafts: list[_Draft], view: _View, text: str) -> list[_Draft]:
    """Triggers of one type in one sentence are one happening unless each has its own number or
    date (a list): then each is an event quoted by its own clause."""
    out: list[_Draft] = []
    for d in drafts:
        same = next((o for o in out if o.type == d.type), None)
        if same is None or _distinct(same, d):
            out.append(d)
        else:
            _absorb(same, d)
    by_type: dict[str, list[_Draft]] = {}
    for d in out:
        by_type.setdefault(d.type, []).append(d)
    for group in by_type.values():
        if len(group) > 1:
            for d in group:
                d.quote = _clause_quote(d, view, text)
    return out


def _distinct(a: _Draft, b: _Draft) -> bool:
    def key_time(d: _Draft) -> tuple | None:
        return (d.time.interval.start, d.time.interval.end, d.time.interval.precision) if d.time else None

    counts = a.count and b.count and a.count.known and b.count.known and a.count != b.count
    times = key_time(a) and key_time(b) and key_time(a) != key_time(b)
    if times and (_within(a.time.interval, b.time.interval) or _within(b.time.interval, a.time.interval)):
        times = False  # "this year the campaign began ...: a team arrived earlier this month": one campaign
    return bool(counts or times)


def _absorb(into: _Draft, other: _Draft) -> None:
    if into.time and other.time and _within(other.time.interval, into.time.interval):
        into.time = other.time  # the narrower statement of one happening's time
    into.time = into.time or other.time
    into.count = into.count if into.count and into.count.known else (other.count or into.count)
    into.amount = into.amount or other.amount
    into.own += [m for m in other.own if m not in into.own]
    into.destinations += [m for m in other.destinations if m not in into.destinations]
    if into.kind == "trend" and other.kind != "trend":
        into.kind = other.kind


def _clause_quote(d: _Draft, view: _View, text: str) -> tuple[int, int]:
    a, b = _clause_of(view, d.trigger[0])
    for span in [(x.start, x.end) for x in ([d.time] if d.time else []) + ([d.count] if d.count else [])]:
        a, b = min(a, span[0]), max(b, span[1])
    return _trimmed(text, a, b)


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    piece = text[a:b]
    lead = len(piece) - len(piece.lstrip(" ,;:–—-“”\"'‘’"))
    tail = len(piece) - len(piece.rstrip(" ,;:–—-“”\"'‘’"))
    return a + lead, b - tail


def _split_figures(drafts: list[_Draft], view: _View, text: str, lex: Lexicon) -> list[_Draft]:
    """'1,047 reached the South in 2019, 229 in 2020 and 63 in 2021' under a series type: one event
    a year, each quoted by its own figure; any happening with a number of people compared with the
    figure of another year ("caught 40 this year, compared with 100 in 2012") is one more event."""
    out: list[_Draft] = []
    for d in drafts:
        if d.etype.series:
            figures = _figures(view, lex)
        elif d.kind == "happening" and d.count and d.count.known:
            every = _figures(view, lex)
            listed = len(every) >= 2 and any(f.start <= d.count.start < f.end for f in every)
            # "detained 41 in the first quarter, 37 in the second ...", "..., compared with 100 in 2012"
            figures = [f for f in every if listed or _COMPARED.search(text, max(0, f.start - 30), f.start)]
        else:
            figures = []
        own = d.count is not None and any(f.start <= d.count.start < f.end for f in figures)
        if not own:
            out.append(d)
            if d.time is not None and any(_dates(d.time, f) for f in figures):
                d.time = _best_time(_times_left(view, d, figures), d)  # "30 in May, up from 12 in April"
        for f in figures:
            item = _figure_draft(d.etype, d.rule, view, f, d.own + d.linked)
            if compared := _COMPARED.search(text, max(0, f.start - 30), f.start):
                qualifier = QUALIFIERS.get((compared.group("qual") or "").lower())
                item.quote = (compared.start(), item.quote[1])
                item.count = replace(f.count, qualifier=qualifier or f.count.qualifier)
            out.append(item)
    return out


def _dates(t: TimeExpr, f: YearlyFigure) -> bool:
    return t.start <= f.year_start < t.end


def _times_left(view: _View, d: _Draft, figures: list[YearlyFigure]) -> list[TimeExpr]:
    """The times of a happening's own clause, or that open the sentence, which no figure took."""
    clause = _clause_of(view, d.trigger[0])
    return [
        t
        for t in view.times
        if not any(_dates(t, f) for f in figures)
        and (t.start < d.trigger[0] or _clause_of(view, t.start) == clause)
    ]


_COMPARED = re.compile(
    r"\b(?:compared (?:with|to)|compares? (?:with|to)|against|(?:up|down) from|from)\s+"
    r"(?:(?P<qual>about|around|some|nearly|almost|roughly|approximately|more than|over|at least|up to|as many as)\s+)?$",
    re.I,
)
# "310 last year", "25 the winter before", "18 in the first two months": a number right before a time
_TIMED = re.compile(
    rf"(?<![\w$.,])(?P<num>{NUMBER})(?:\s+(?P<noun>[a-z-]+))?\s+(?:(?:in|during|over)\s+)?$", re.I
)


def _figures(view: _View, lex: Lexicon) -> list[YearlyFigure]:
    """Figures by year or quarter ("1,514 in 2013"), and a number set against any other time
    ("climbing back to 310 last year", "against some 25 the winter before")."""
    offset = view.sentence.start
    found = [
        replace(f, start=f.start + offset, end=f.end + offset, count=_shift_count(f.count, offset))
        for f in find_yearly_figures(view.sentence.text, lex)
    ]
    for t in view.times:
        if t.interval.start is None or any(f.start <= t.start < f.end for f in found):
            continue
        m = _TIMED.search(view.sentence.text, max(0, t.start - offset - 40), t.start - offset)
        noun = m and m.group("noun")
        if m is None or (noun and not lex.people.fullmatch(noun)) or _in_time(view, m.start() + offset):
            continue
        value = parse_number(m.group("num"))
        if value is None or 1900 <= value <= 2100:
            continue
        count = Count(m.start() + offset, m.end("num") + offset, m.group().strip(), value)
        found.append(YearlyFigure(count.start, t.end, count, t.interval.start.year, t.start))
    return sorted(found, key=lambda f: f.start)


def _figure_draft(
    etype: EventType, rule: str, view: _View, figure: YearlyFigure, places: list[PlaceMention]
) -> _Draft:
    time = next((t for t in view.times if t.start <= figure.year_start < t.end), None)
    span = (figure.start, figure.end)
    d = _Draft(etype, view.index, span, span, f"{rule}:figure", "item")
    d.count = figure.count
    d.time = time
    d.year = None if time else figure.year
    d.quarter = None if time else figure.quarter
    d.linked = list(places)
    return d


def _share_within_sentence(drafts: list[_Draft], view: _View, text: str) -> None:
    """An arrest made during a crossing and the crossing share date, count and places (an arrest
    never takes the destination); a repatriation takes the place of the arrest before it; other
    happenings of the same people share a date only within one clause ("was arrested in 2017; he was
    later sentenced ..." keeps them apart) and take the others' places only when they name none; figures and trends keep what is next to them."""
    people = [d for d in drafts if d.kind == "happening" and d.etype.group]
    if len(people) < 2:
        return
    for d in people:
        for o in people:
            if o is d or d.definite:
                continue
            if _weaker(d.count, o.count):
                d.count = o.count  # the same people, whenever each part happened
            if o.type in d.etype.follows:  # "caught ... and sent back": it starts where they were caught
                d.linked += [m for m in o.own + o.linked if m not in d.own + d.linked and _may_take(d, o, m)]
            if not _same_time(d, o):
                continue
            tense = _earlier(d, text) == _earlier(o, text)
            # "caught while trying to cross": one moment, one place
            moment = tense and ((d.etype.attempt and o.etype.during) or (o.etype.attempt and d.etype.during))
            one_clause = _clause_of(view, d.trigger[0]) == _clause_of(view, o.trigger[0])
            if moment or (one_clause and tense):
                d.time = d.time or o.time
            if not (moment or not d.own):
                continue
            d.linked += [m for m in o.own if m not in d.own and m not in d.linked and _may_take(d, o, m)]


def _earlier(d: _Draft, text: str) -> bool:
    """ "who had been sent back", "the soldier who defected ... was jailed": the past perfect or a
    relative clause on the people tells a happening before the one in the main verb."""
    return bool(_PERFECT.search(text, max(0, d.trigger[0] - 25), d.trigger[0]))


_PERFECT = re.compile(r"\b(?:(?:had|'d)\s+(?:been\s+)?|who\s+)(?:\w+\s+)?$", re.I)


def _weaker(mine: Count | None, other: Count | None) -> bool:
    """Another statement's count says more: a number against none, an unknown size or one person."""
    if other is None:
        return False
    if mine is None or not mine.known:
        return True
    return mine.single and other.known and not other.single


def _may_take(d: _Draft, o: _Draft, m: PlaceMention) -> bool:
    return not (d.etype.stays and m in o.destinations)


# --- across sentences ---------------------------------------------------------------------------


def _series_continuations(views: list[_View], drafts: list[_Draft], text: str, lex: Lexicon) -> list[_Draft]:
    """A sentence of figures by year right after a series event ("The number fell from 2,706 in
    2011 to 1,502 in 2012") continues that series."""
    out: list[_Draft] = []
    by_sentence: dict[int, list[_Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence, []).append(d)
    last: _Draft | None = None
    gap = 0
    for view in views:
        if view.skipped:
            continue
        series = [d for d in by_sentence.get(view.index, []) if d.etype.series]
        if series:
            last, gap = series[-1], 0
            continue
        gap += 1
        figures = _figures(view, lex)
        if last is not None and gap <= 2 and figures:
            made = [_figure_draft(last.etype, last.rule, view, f, last.own or last.linked) for f in figures]
            for d in made:
                d.rule = f"{last.type}:series"
            out.extend(made)
            last, gap = made[-1], 0
    return out


_ROW = re.compile(rf"^(?P<label>[^:\n]{{1,60}}?)\s*[:–—-]\s*(?P<num>{_DIGITS_RE})\s*$")
_QUARTER_LABEL = re.compile(
    r"^(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b|^Q(?P<q>[1-4])\b", re.I
)
_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])")
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_HEAD_NOUN = re.compile(r"[a-z]{4,}", re.I)


def _table_rows(views: list[_View], lex: Lexicon) -> list[_Draft]:
    """Figures laid out as a table: a heading that ends in a colon ("Yearly arrivals in South Korea:",
    "By quarter, 2023:") and one "LABEL: NUMBER" line per year or quarter. Each row is one event of the
    type the heading states (or the previous table's, when the heading repeats its noun), in the
    heading's place, quoted by the row itself."""
    out: list[_Draft] = []
    previous: tuple[EventType, list[PlaceMention], set[str]] | None = None
    for i, view in enumerate(views):
        heading = view.sentence.text.rstrip()
        if not heading.endswith(":") or i + 1 >= len(views) or not _ROW.match(views[i + 1].sentence.text):
            continue
        nouns = {w.lower() for w in _HEAD_NOUN.findall(heading)}
        etype = _heading_type(heading, lex)
        places = list(view.places)
        if etype is None and previous is not None and nouns & previous[2]:
            etype, places = previous[0], places or previous[1]
        if etype is None:
            continue
        places = places or (previous[1] if previous and previous[0] is etype else [])
        previous = (etype, places, nouns)
        year = _YEAR.search(heading)
        for row in views[i + 1 :]:
            if row.sentence.paragraph != view.sentence.paragraph + (row.index - view.index):
                break
            m = _ROW.match(row.sentence.text)
            if m is None:
                break
            draft = _row_draft(etype, row, m, int(year.group()) if year else None, places)
            if draft is not None:
                out.append(draft)
    return out


def _list_years(views: list[_View], drafts: list[_Draft]) -> None:
    """Items of a list under a heading with a year ("Key findings for 2023:") happened in that year,
    unless the item gives its own time."""
    for d in drafts:
        view = views[d.sentence]
        if d.time is not None or d.year is not None or not _LABEL_ROW.match(view.sentence.text.strip()):
            continue
        if d.count is None:
            d.count = _label_count(view)
        for prev in reversed(views[: d.sentence]):
            head = prev.sentence.text.rstrip()
            if head.endswith(":"):
                year = _YEAR.search(head)
                d.year = int(year.group()) if year else None
                break
            if not _LABEL_ROW.match(prev.sentence.text.strip()):
                break


def _label_count(view: _View) -> Count | None:
    """ "Women sold into forced marriage: 41": the bare number after the label counts the people it names."""
    m = _LABEL_VALUE.search(view.sentence.text)
    if m is None:
        return None
    value = parse_number(m.group("num"))
    qualifier = QUALIFIERS.get((m.group("qual") or "").lower())
    start = view.sentence.start
    return Count(start + m.start("num"), start + m.end("num"), m.group("num"), value, qualifier=qualifier)


_LABEL_VALUE = re.compile(
    rf":\s+(?:(?P<qual>about|around|some|nearly|more than|over|at least|up to)\s+)?(?P<num>{_DIGITS_RE})"
    r"(?=\s*(?:[,;.)]|$|people\b|persons\b))",
    re.I,
)


def _heading_type(heading: str, lex: Lexicon) -> EventType | None:
    """The type whose words the heading uses; a type of yearly figures first."""
    found = [t for t in lex.types for p in (t.triggers, t.statistics) if p is not None and p.search(heading)]
    return min(found, key=lambda t: not t.series, default=None)


def _row_draft(
    etype: EventType, row: _View, m: re.Match[str], year: int | None, places: list[PlaceMention]
) -> _Draft | None:
    label = m.group("label").strip()
    quarter_m = _QUARTER_LABEL.match(label)
    own_year = _YEAR.search(label)
    quarter = None
    if quarter_m:
        quarter = (
            int(quarter_m.group("q")) if quarter_m.group("q") else _QUARTERS[quarter_m.group("ord").lower()]
        )
    elif not (own_year and own_year.group() == label.strip()):
        return None  # a row labelled by something other than its year or quarter
    value = parse_number(m.group("num"))
    when = int(own_year.group()) if own_year else year
    if value is None or when is None:
        return None
    span = (row.sentence.start, row.sentence.end)
    d = _Draft(etype, row.index, span, span, f"{etype.name}:table", "item")
    d.count = Count(
        row.sentence.start + m.start("num"), row.sentence.start + m.end("num"), m.group("num"), value
    )
    d.year, d.quarter = when, quarter
    d.linked = list(places)
    return d


_SINCE = re.compile(r"since\s+", re.I)
_WHEN_AFTER = re.compile(r"\s*,\s*when\b", re.I)


def _since_when(drafts: list[_Draft], text: str, article: Article) -> None:
    """ "had lived there since last year, when a broker sold her": the happening of the "when" clause
    is at the time named after "since", not over the whole span since then."""
    for d in drafts:
        t = d.time
        if t is None or not _SINCE.match(t.text) or not _WHEN_AFTER.match(text, t.end):
            continue
        if d.trigger[0] < t.end:
            continue
        point = _SINCE.match(t.text)
        inner = tag(
            t.text[point.end() :],
            article.published,
            reference_inferred=article.published_source == "inferred",
        )
        if inner and inner[0].interval.is_dated:
            d.time = replace(t, interval=inner[0].interval, text=inner[0].text)


def _clause_times(views: list[_View], drafts: list[_Draft], text: str, article: Article) -> None:
    """ "fell sharply since the border was closed in January": the closing is dated by the time its
    own clause names (January), not by the span since then; with none named it stays undated."""
    for d in drafts:
        view = views[d.sentence]
        t = next((t for t in view.times if t.start <= d.trigger[0] < t.end), None)
        if t is None or not _refers_to_clause(t):
            continue
        clause = _clause_of(view, d.trigger[0])
        named = [
            x
            for x in view.times
            if x is not t and d.trigger[1] <= x.start < clause[1] and x.interval.is_dated and not x.refers_to
        ]
        if not named:  # the expression may hold the clause's own time ("since X was sealed in 2020")
            inferred = article.published_source == "inferred"
            inner = tag(text[d.trigger[1] : t.end], article.published, reference_inferred=inferred)
            named = [
                replace(t, interval=x.interval, text=x.text, refers_to=None)
                for x in inner
                if x.interval.is_dated
            ]
        d.time = named[0] if named else None


def _resolve_relative_times(drafts: list[_Draft], text: str) -> None:
    """ "the following morning", "two days later", "the same day" count from the happening the text
    told just before; "at the same trial" from the last one of its own kind; "had arrested ... the
    previous week" from the last one the story tells in the simple past (its present moment)."""
    ordered = sorted(drafts, key=lambda d: d.trigger[0])
    for d in ordered:
        if d.time is None or d.time.refers_to != PREVIOUS_EVENT:
            continue
        before = [
            o
            for o in ordered
            if o.trigger[0] < d.trigger[0] and o.time is not None and o.time.interval.is_dated
        ]
        if _NAMES_A_THING.search(d.time.text):
            before = [o for o in before if o.type == d.type] or before
        if _pluperfect(d, text):
            before = [o for o in before if not _pluperfect(o, text)] or before
        if before:
            anchor = before[-1]
            d.time = replace(d.time, interval=shift(d.time, anchor.time.interval))
            d.time_note = f"{d.time.text} ({anchor.time.text})"
            if not d.own and (d.time.offset_days, d.time.offset_months) == (0, 0):
                d.linked += [m for m in anchor.own + anchor.linked if _may_take(d, anchor, m)]
            same_people = not (d.count and d.count.known and anchor.count and d.count != anchor.count)
            moment = not _NAMES_A_THING.search(d.time.text)  # "the same night", not "at the same trial"
            if (
                anchor.type == d.type
                and moment
                and (d.time.offset_days, d.time.offset_months) == (0, 0)
                and same_people
            ):
                d.part_of = anchor  # "handed over the same night": part of that happening


def _pluperfect(d: _Draft, text: str) -> bool:
    return bool(_HAD.search(text, max(0, d.trigger[0] - 25), d.trigger[0]))


_HAD = re.compile(r"\b(?:had|'d)\s+(?:been\s+)?(?:\w+\s+)?$", re.I)


def _link_chains(views: list[_View], drafts: list[_Draft], lex: Lexicon) -> None:
    """A sentence that continues the people of the one before ("They tried to cross ...", "The
    family was arrested ...") is the same happening: each side fills what it lacks from the other."""
    by_sentence: dict[int, list[_Draft]] = {}
    for d in drafts:
        if d.kind == "happening" and d.etype.group:
            by_sentence.setdefault(d.sentence, []).append(d)
    readable = [v for v in views if not v.skipped]
    for prev, view in zip(readable, readable[1:], strict=False):
        if not view.anaphoric:
            continue
        first, second = by_sentence.get(prev.index, []), by_sentence.get(view.index, [])
        if not lex.any_trigger.search(view.sentence.text):  # "The detainees had been held in Jilin ..."
            journey = [d for d in first if d.etype.attempt] or first  # the route belongs to the crossing
            for d in journey:
                d.linked += [m for m in _route(view, lex) if m not in d.own and m not in d.linked]
            continue
        story = next((d.story for d in first if d.story is not None), prev.index)
        for d in first + second:
            d.story = story
        for d in first + second:
            others = second if d in first else first
            where = "next sentence" if d in first else "previous sentence"
            for o in sorted(others, key=lambda o: o.type != d.type):
                later = o if d in first else d
                if o.type == d.type and later.distinct:
                    continue  # "They also detained five more": another happening
                one = d.count is not None and d.count.single  # "She spent ...": one of the group, not all
                if _weaker(d.count, o.count) and (o.count.known or d.count is None) and not one:
                    d.count, d.count_note = o.count, f"{o.count.text} ({where})"  # the same people
                # an arrest made during a crossing is the same moment and place; a later trial is not
                if not (o.type == d.type or o.etype.attempt or d.etype.attempt) or not _same_time(d, o):
                    continue  # "... on 4 March. The broker was arrested two days later": another moment
                if d.time is None and o.time is not None:
                    d.time, d.time_note = o.time, f"{o.time.text} ({where})"
                d.linked += [
                    m for m in o.own + o.linked if m not in d.own and m not in d.linked and _may_take(d, o, m)
                ]


def _route(view: _View, lex: Lexicon) -> list[PlaceMention]:
    """The places of a sentence that tells what came before the happening ("They had travelled from
    Yanji to Erenhot", "had been held in Jilin"), not a later leg ("She then travelled to Kunming")
    nor a plan ("were about to leave for Shenyang")."""
    if not _HAD_DONE.search(view.sentence.text):
        return []
    hypothetical = lex.cue("hypothetical")
    return [
        m
        for m in view.places
        if not hypothetical.search(
            view.sentence.text,
            _clause_of(view, m.start)[0] - view.sentence.start,
            m.start - view.sentence.start,
        )
    ]


_HAD_DONE = re.compile(r"\b(?:had|'d)\s+(?:been\s+)?[a-z]+(?:ed|en|wn|ght|lt|ne)\b", re.I)


def _merge_restatements(drafts: list[_Draft], lede: int) -> list[_Draft]:
    """The same happening stated twice in one report is printed once, quoting its most detailed
    mention: a chain's repeated type, one seasonal pattern stated in several places, or the same
    figure for the same time."""
    out: list[_Draft] = []
    for d in drafts:
        whole = next((o for o in out if o is d.part_of), None)
        if whole is not None:  # its places are more of that happening's crossing points
            whole.linked += [m for m in d.own + d.linked if m not in whole.own and m not in whole.linked]
            continue
        if d.definite and d.time is None and not (d.count and d.count.known):
            earlier = next((o for o in reversed(out) if o.type == d.type), None)
            if earlier is not None:
                continue  # "Seoul protested the repatriation": a back-reference, not a new happening
        same = next((o for o in out if _same_happening(o, d) or _lede_and_detail(o, d, lede)), None)
        if same is None:
            out.append(d)
            continue
        keep, drop = (d, same) if d.info() > same.info() else (same, d)
        _absorb(keep, drop)
        keep.linked += [  # where the other mention says it happened, never only where they were heading
            m
            for m in drop.own + drop.linked
            if m not in keep.linked and m not in keep.own and _may_take(keep, drop, m)
        ]
        if keep is d:
            out[out.index(same)] = d
    return out


def _same_happening(a: _Draft, b: _Draft) -> bool:
    if a.type != b.type:
        return False
    if a.story is not None and a.story == b.story and _same_time(a, b) and not b.distinct:
        return not (
            a.count and b.count and a.count.known and b.count.known and _size(a.count) != _size(b.count)
        )
    if a.kind in ("trend", "measure") and b.kind in ("trend", "measure") and _same_window(a, b):
        return True
    return (
        a.count is not None
        and b.count is not None
        and a.count.known
        and (a.count.value, a.count.low, a.count.high) == (b.count.value, b.count.low, b.count.high)
        and a.time is not None
        and b.time is not None
        and (a.time.interval.start, a.time.interval.end) == (b.time.interval.start, b.time.interval.end)
        and a.time.interval.is_dated
    )


def _lede_and_detail(a: _Draft, b: _Draft, lede: int) -> bool:
    """A report opens with a summary ("Police have detained a group of migrants") and tells the same
    happening in detail in the next sentence: one happening, unless the second is another one."""
    return (
        a.sentence == lede
        and b.sentence == lede + 1
        and a.type == b.type
        and a.kind == b.kind == "happening"
        and a.time is None
        and not b.distinct
        and not (a.count and b.count and a.count.known and b.count.known and _size(a.count) != _size(b.count))
    )


def _size(c: Count) -> tuple[int | None, int | None, int | None]:
    return c.value, c.low, c.high


def _same_time(a: _Draft, b: _Draft) -> bool:
    if a.time is None or b.time is None or _unresolved(a.time) or _unresolved(b.time):
        return True  # "caught within hours": counted from the other, not yet dated
    return (a.time.interval.start, a.time.interval.end) == (b.time.interval.start, b.time.interval.end)


def _unresolved(t: TimeExpr) -> bool:
    return t.refers_to == PREVIOUS_EVENT and not t.interval.is_dated


def _same_window(a: _Draft, b: _Draft) -> bool:
    """One seasonal pattern stated twice: measures with the same window, trends whose windows meet."""
    if a.time is None or b.time is None:
        return False
    ia, ib = a.time.interval, b.time.interval
    if ia.precision != "recurring" or ib.precision != "recurring":
        return False
    if (ia.from_month, ia.to_month) == (ib.from_month, ib.to_month):
        return True
    return a.kind == b.kind == "trend" and bool(ia.months() & ib.months())


_THOSE_TAKEN = re.compile(
    r"[“\"]?(?:those|the ones|the people)\s+(?:who\s+were\s+)?[a-z]+(?:ed|ght|ken|eld)\b", re.I
)
_ANTECEDENT = re.compile(r"\b(?:the|these|those)\s+(?P<noun>[a-z]+)\b", re.I)


def _counts_from_antecedents(views: list[_View], drafts: list[_Draft], text: str, lex: Lexicon) -> None:
    """ "The women said they had crossed ...", "police arrested the group": people counted a few
    sentences before ("eight women", "a group of five", "she and four others")."""
    for i, d in enumerate(drafts):
        linked = d.count_note.endswith("sentence)")  # a chain's count yields to the people named
        if d.kind != "happening" or (d.count and d.count.known and not d.count.single and not linked):
            continue
        a, b = _clause_of(views[d.sentence], d.trigger[0])
        those = _THOSE_TAKEN.match(text, views[d.sentence].body_start)
        told = [o for o in drafts[:i] if o.sentence >= d.sentence - 2 and o.count and o.count.known]
        if those and told:  # "Those caught were fined ...": the people of the happening told just before
            d.count, d.count_note = told[-1].count, f"{told[-1].count.text} ({those.group()})"
            continue
        for m in _ANTECEDENT.finditer(text, a, b):
            noun = m.group("noun").lower()
            if not (lex.people.fullmatch(noun) or lex.groups.fullmatch(noun)) or not noun.endswith(
                ("s", "up", "en")
            ):
                continue
            found = _earlier_count(views, d.sentence, noun, lex)
            if found is not None:
                d.count, d.count_note = found, f"{found.text} ({m.group()})"
                break


def _earlier_count(views: list[_View], index: int, noun: str, lex: Lexicon) -> Count | None:
    """The latest count of these people in the three sentences before: the same noun, or any group
    of two or more for "the group"."""
    group = bool(lex.groups.fullmatch(noun))
    for view in reversed(views[max(0, index - 3) : index]):
        for c in reversed(find_counts(view.sentence.text, lex)):
            if not c.known or c.single or re.search(r"\bof\s+(?:the|them|these|those)\b", c.text, re.I):
                continue  # "one of the women": a part of them
            if group and (c.value or 0) >= 2:
                return c
            if re.search(rf"\b{re.escape(noun)}\b", c.text, re.I):
                return _part_named(c, noun)
    return None


def _part_named(c: Count, noun: str) -> Count:
    """ "the women" after "a driver and the three women": the three, not all four."""
    part = re.search(rf"(?<![\w,])({NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{re.escape(noun)}\b", c.text, re.I)
    if part is None or part.group() == c.text or not re.search(r"\band\b|\bwith\b", c.text, re.I):
        return c
    value = parse_number(part.group(1))
    return c if value is None else replace(c, text=part.group(), value=value, low=None, high=None)


_ALSO = re.compile(r"\b(?:also|as well|too)\b", re.I)
_OTHER_OCCASION = re.compile(r"\b(?:another|separate(?:ly)?|second|other|again|earlier|later)\b", re.I)


def _join_also(views: list[_View], drafts: list[_Draft], text: str) -> None:
    """ "A pastor who ran the house was also detained": more people taken in the happening of that
    kind told before, so it shares its date and place when it names none of its own."""
    for i, d in enumerate(drafts):
        clause = text[slice(*_clause_of(views[d.sentence], d.trigger[0]))]
        if d.kind != "happening" or d.time is not None or d.own or not _ALSO.search(clause):
            continue
        if _OTHER_OCCASION.search(clause):
            continue
        same = (o for o in reversed(drafts[:i]) if o.type == d.type and o.kind == "happening" and o.time)
        earlier = next(same, None)
        if earlier is not None and earlier.time is not None:
            d.time, d.time_note = earlier.time, f"{earlier.time.text} (with the {d.type} told before)"
            d.linked += [m for m in earlier.own + earlier.linked if m not in d.linked]


def _fall_back_places(views: list[_View], drafts: list[_Draft]) -> None:
    """An event whose statement names no place takes its source's place, else the places of the
    nearest preceding sentence that names one."""
    for d in drafts:
        if d.own or d.linked:
            d.basis = "own" if d.own else "linked"
            continue
        source = _source_places(views, d.sentence)
        if source:
            d.fallback, d.basis = source, "source"
            continue
        for view in reversed(views[: d.sentence]):
            told = [m for o in drafts if o.sentence == view.index and o is not d for m in _places_of(o)]
            if (told or view.places) and not view.skipped:  # a place its events took counts as named
                d.fallback, d.basis = _unique(told or list(view.places)), "preceding"
                break


def _places_of(d: _Draft) -> list[PlaceMention]:
    return d.own + d.linked if d.own or d.linked else d.fallback


def _source_places(views: list[_View], index: int) -> list[PlaceMention]:
    """The place of the source quoted for a statement: in its sentence, in the attribution that
    closes its paragraph, or, for "the source" / "he added", where that source was introduced."""
    here = views[index]
    if here.sources:
        return list(here.sources)
    paragraph = [v for v in views if v.sentence.paragraph == here.sentence.paragraph]
    after = [v for v in paragraph if v.index > index and v.sources]
    if after:
        return list(after[0].sources)
    if here.source_reference:
        for view in reversed(views[:index]):
            if view.sources:
                return list(view.sources)
    return []


# --- output -------------------------------------------------------------------------------------


def _complete(d: _Draft) -> bool:
    """An event that needs a number of people or a dated time has them."""
    requires = d.etype.requires
    if "count" in requires and not (d.count and d.count.known):
        return False
    if "year" in requires:
        period = d.time is not None and d.time.interval.precision in DATED_YEAR and not _open(d.time)
        return period or d.year is not None
    return True


def _event(d: _Draft, text: str, article: Article, locate: Locate | None) -> Event:
    mentions = _unique(d.own + d.linked) if d.basis in ("own", "linked") else _unique(d.fallback)
    places = _unique_places(mentions)
    interval = _interval(d)
    located = locate(mentions) if (locate and mentions) else None
    geoprecision = located.geoprecision if located else None
    if located and d.basis == "source" and geoprecision is not None:
        geoprecision = min(4, geoprecision + 1)
    count = d.count
    start, end = _trimmed(text, *d.quote)
    if markup := _MARKUP.match(text, start, end):
        start = markup.end()
    return Event(
        type=d.type,
        quote=text[start:end],
        span=(start, end),
        article_id=article.id,
        interval=interval,
        places=places,
        lat=located.lat if located else None,
        lon=located.lon if located else None,
        geoprecision=geoprecision,
        count=count.value if count else None,
        count_min=count.low if count else None,
        count_max=count.high if count else None,
        count_qualifier=count.qualifier if count else None,
        count_text=(d.count_note or count.text) if count else None,
        amount=d.amount.text if d.amount else None,
        rule=d.rule,
        place_basis=d.basis if places else "",
    )


def _open(t: TimeExpr) -> bool:
    """ "since the 1990s", "so far": a running total, not a figure for a period."""
    return t.text.lower().startswith(("since", "so far", "to date", "over the"))


def _interval(d: _Draft) -> Interval:
    if d.time is not None:
        return d.time.interval.with_text(d.time_note or d.time.text)
    if d.year is not None and d.quarter is not None:
        last = date(d.year, 3 * d.quarter, 1) + timedelta(days=31)
        end = last - timedelta(days=last.day)
        return Interval(date(d.year, 3 * d.quarter - 2, 1), end, "range", f"quarter {d.quarter} of {d.year}")
    if d.year is not None:
        return Interval(date(d.year, 1, 1), date(d.year, 12, 31), "year", f"in {d.year}")
    return NO_TIME


def _unique(mentions: list[PlaceMention]) -> list[PlaceMention]:
    seen: set[int] = set()
    out = []
    for m in mentions:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out


def _unique_places(mentions: list[PlaceMention]) -> list[Place]:
    out: list[Place] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if m.place not in out:
            out.append(m.place)
    return out


def _shift_count(c: Count, offset: int) -> Count:
    return replace(c, start=c.start + offset, end=c.end + offset)


def _shift_amount(a: Amount, offset: int) -> Amount:
    return replace(a, start=a.start + offset, end=a.end + offset)
