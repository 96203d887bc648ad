"""Find the places a text names, with exact spans, in one pass over the text.

Two scanners run once each: one compiled regular expression for border phrases ("the Chinese
border", "the North Korean border with China", "border between China and North Korea", "where China
meets the borders of …", "cross the border"), tried only around border words, and a walk of the
gazetteer's token trie for names, longest match first, over the tokens of the stretches where a name
can start (a capitalised or accented word, Hanzi or Hangul, or a known lower-case phrase): most
lower-case prose is never tokenized. What they understand, and what they leave out on purpose:

- names in any spelling the gazetteer folds (case, diacritics, apostrophes, -si/City/Province),
  possessives ("China's"), parenthetical equivalents ("Amnok (Yalu) River" is one mention), lists
  with a plural kind ("Ryanggang and Jagang Provinces"), a bare name read as the kind of its list
  neighbours ("Liaoning, Jilin, Heilongjiang" are provinces), "the Tumen" and "the frozen Tumen" as
  the river (not "the city of Tumen");
- demonyms and adjectives are not places: "North Korean" is not "North Korea", "Chinese" is not China,
  "Lao police" is not the town Laodong; "the North"/"the South" are the Koreas only as nouns ("came to
  the South", not "the South Korean"); "North and South Hamgyong" names both provinces;
- the place words inside an organisation's name are not places ("Border Rights Watch", "China Daily",
  "Korea Institute for National Unification"): a capitalised run holding a head word of curated.json;
- a bare or one-sided border ("the frontier", "the Chinese border") is the domain's default border
  unless its sentence (or, if that names no country, a neighbouring one) names a country outside the
  region as the other side: "across the Chinese border into Mongolia" is China–Mongolia;
- an appositive that says what a place is picks that reading ("Jilin, the province's second city");
- a name must start with a capital (lower-case "china" is porcelain), except multi-word names of
  countries, regions, rivers and borders ("north korea", "tumen river", "northeast China"); a
  capitalised run that starts with a family name ("Kim Jong Un") is a person;
- a border or border word that only qualifies a following noun ("border guards", "the border
  crackdown") is kept with `modifier=True`: it is not a place of the event;
- a place that only names or dates an event ("after the Beijing Olympics", "the Pyongyang summit")
  is kept with `modifier=True` too: mentioned in passing, it is neither an article nor an event place;
- a place joined by a hyphen to a lower-case word ("a Seoul-based group") is an adjective: `modifier`;
- a border at sea ("the maritime border", "the sea border") is not the domain's land border and has
  no line in the data: no border place, while the countries it names are places;
- a capital followed by a verb or noun of government ("Seoul protested", "the Pyongyang regime", also
  after an adverb: "Seoul has repeatedly asked"), or addressed by one ("urged Beijing", "called on
  Beijing to"), is kept with `metonymy=True`;
- a relation written just before a place ("near", "across the river from", "between") is kept.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from geodata.gazetteer import Gazetteer, Settings, name_forms
from geodata.names import (
    APOSTROPHES,
    CJK_CHARS,
    Token,
    fold,
    fold_name,
    is_capitalised,
    is_cased_word,
    tokenize,
)
from geodata.places import Place

COORDINATORS = {",", "and", "or", "&", "/"}
PREPOSITION_BEFORE = re.compile(
    r"\b(?i:in|at|from|to|near|of|for|into|via|through|outside|inside|around)\s+$"
)
NEAR_DEG = 0.05  # a town this close to a province outline lies in it (outlines are generalised)
LOWER_CASE_KINDS = ("country", "region", "river", "border")  # multi-word names found in lower case too
TOWN_NOUNS = {
    "city",
    "county",
    "town",
    "police",
    "government",
    "authorities",
    "station",
    "office",
    "officials",
}
SHORT_NAME = 3  # a one-word name this short counts only after a preposition ('in Hue', not 'Ha said')
PAREN_MAX = 4  # tokens inside a parenthetical equivalent: "Amnok (Yalu) River"
PERSON_MAX = 4  # tokens of a person's name after the family name
# A name runs at most three words past the word it starts on (longer ones restart on capitals).
WORDS_AHEAD = re.compile(r"[^\W_]*(?:[^\w\n]+[^\W_]+){0,3}")
WORD_END = re.compile(rf"[^\W_]*(?:[{APOSTROPHES}][^\W_]+)*")  # a word with its apostrophes: "Ji'an"
NEXT_WORDS = re.compile(r"[ \t]+(\w+)(?:[ \t]+(\w+))?")
RELATION_WINDOW = 48  # characters before a place searched for a relation word
BORDER_REACH = 100  # characters a border phrase may reach on either side of its border word
ORGANISATION_REACH = 120  # characters an organisation's name may run before its head word
JOINING_ONLY = re.compile(r"(?:[^\w\n]|(?<!\w)(?i:and|or)(?!\w))*")  # the ASCII reading of COORDINATORS
# a name joined by a hyphen to a lower-case word is an adjective: 'Seoul-based', 'Beijing-backed'
ADJECTIVE_AFTER = re.compile(r"[-–][a-z]")
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n")


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str  # exact span in the text searched
    place: Place
    relation: str | None = None  # "near", "across the river from", "between", ... when the text states one
    modifier: bool = False  # the name only modifies a following noun: not a place of the event
    metonymy: bool = False  # a capital standing for its government ("Seoul protested")


@dataclass(frozen=True)
class _Hit:
    first: int  # token indices, inclusive
    last: int
    candidates: tuple[Place, ...]
    kind: str | None = None  # the kind its own words give ("… Provinces", "… City")
    meets: str | None = None  # "China meets the borders of …": the country whose partner follows
    sides: tuple[str, ...] | None = None  # a border phrase: the countries it names (0, 1 or 2)


@dataclass(frozen=True)
class _Rules:
    """What match() compiles once per gazetteer."""

    border: re.Pattern
    border_word: re.Pattern
    name_start: re.Pattern
    term_country: dict[str, str]
    relation: re.Pattern
    relation_of: dict[str, str]
    suffix_kind: dict[str, str]
    government: re.Pattern
    organisation: re.Pattern
    organisation_left: re.Pattern
    event_after: re.Pattern
    appositive: re.Pattern
    maritime: re.Pattern
    addressed: re.Pattern
    the_described: re.Pattern


def match(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every place mention in the text, in order; spans are exact and never overlap."""
    rules = _rules(gazetteer)
    windows = _border_windows(text, rules)
    tokens = _tokens(text, rules, windows)
    organisations = _organisation_tokens(text, tokens, rules)
    borders = [
        b for b in _border_hits(text, tokens, windows, gazetteer, rules) if b.first not in organisations
    ]
    blocked = organisations | {i for b in borders for i in range(b.first, b.last + 1)}
    names = list(_name_hits(text, tokens, gazetteer, blocked))
    hits = _shared_heads(text, tokens, sorted(borders + names, key=lambda h: h.first), gazetteer, blocked)
    places = _choose(text, hits, tokens, gazetteer, rules)
    places = _borders_in_context(text, hits, places, tokens, gazetteer)
    mentions = []
    for hit, place in zip(hits, places, strict=True):
        if place is None:
            continue
        start, end = tokens[hit.first].start, tokens[hit.last].end
        if place.kind == "border":
            modifier = _modifies(text, end, gazetteer.settings)
        else:  # 'the Beijing Olympics', 'a Seoul-based group'
            modifier = (
                rules.event_after.match(text, end) is not None or ADJECTIVE_AFTER.match(text, end) is not None
            )
        metonymy = place.capital and (
            (
                rules.government.match(text, end) is not None
                and not PREPOSITION_BEFORE.search(text, max(0, start - 12), start)
            )
            or rules.addressed.search(text, max(0, start - 24), start) is not None  # 'urged Beijing'
        )
        relation = _relation(text, start, rules)
        mentions.append(PlaceMention(start, end, text[start:end], place, relation, modifier, metonymy))
    return _inherit_relations(mentions, text)


def _organisation_tokens(text: str, tokens: Sequence[Token], rules: _Rules) -> set[int]:
    """Indices of the tokens inside organisations' names: a capitalised run of two or more words
    that holds a head word ('Border Rights Watch', 'Korea Institute for National Unification',
    'China Daily'), or a listed name ('Voice of America'). The place words in them are not places."""
    starts = [t.start for t in tokens]
    inside: set[int] = set()
    for m in rules.organisation.finditer(text):
        start = m.start()
        if m.group("head") is not None:
            left = rules.organisation_left.search(text, max(0, start - ORGANISATION_REACH), start)
            if left is None:
                continue  # a head word alone ('Watch', 'News') names nothing
            start = left.start()
        inside.update(range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, m.end())))
    return inside


def _shared_heads(
    text: str, tokens: Sequence[Token], hits: list[_Hit], gazetteer: Gazetteer, blocked: set[int]
) -> list[_Hit]:
    """'North and South Hamgyong', 'North and South Korea': a capitalised word joined by 'and'/'or'
    to a name whose first word it can replace names that other place ('North Hamgyong')."""
    taken = {i for h in hits for i in range(h.first, h.last + 1)} | blocked
    extra = []
    for h in hits:
        k = h.first - 2
        if not h.candidates or h.last == h.first or k < 0 or k in taken:
            continue
        word, conj, head = tokens[k], tokens[k + 1], tokens[h.first]
        if conj.fold not in ("and", "or") or not is_capitalised(word):
            continue
        if text[word.end : conj.start].strip() or text[conj.end : head.start].strip():
            continue
        rest = tuple(t.fold for t in tokens[h.first + 1 : h.last + 1])
        candidates = gazetteer.candidates((word.fold, *rest))
        if candidates:
            extra.append(_Hit(k, k, candidates))
    return sorted(hits + extra, key=lambda h: h.first) if extra else hits


def _borders_in_context(
    text: str, hits: Sequence[_Hit], places: list[Place | None], tokens: Sequence[Token], gazetteer: Gazetteer
) -> list[Place | None]:
    """A bare or one-sided border ('the frontier', 'the Chinese border') is the domain's default
    border unless its sentence names a country outside the region as the other side ('… across
    the Chinese border into Mongolia' is China–Mongolia); a neighbouring sentence counts only when
    its own sentence names no country at all."""
    todo = [k for k, h in enumerate(hits) if h.sides is not None and len(h.sides) < 2 and places[k]]
    if not todo:
        return places
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    named: dict[int, list[tuple[int, int, str, int]]] = {}  # sentence -> (sentence, position, country, hit)
    for k, (h, p) in enumerate(zip(hits, places, strict=True)):
        countries = h.sides if h.sides is not None else (p.country,) if p is not None and p.country else ()
        pos = tokens[h.first].start
        sentence = bisect.bisect_right(ends, pos)
        named.setdefault(sentence, []).extend((sentence, pos, c, k) for c in countries)
    out = list(places)
    for k in todo:
        pos = tokens[hits[k].first].start
        sentence = bisect.bisect_right(ends, pos)
        same = [n for n in named.get(sentence, ()) if n[3] != k]
        near = [] if same else [*named.get(sentence - 1, ()), *named.get(sentence + 1, ())]
        for context in (same, near):
            other = _other_side(set(hits[k].sides or ()), context, pos, gazetteer)
            if other is not None:
                out[k] = other
                break
    return out


def _other_side(own: set[str], context: list, pos: int, gazetteer: Gazetteer) -> Place | None:
    """The border that a country outside the region named nearby makes of a one-sided or bare one."""
    s = gazetteer.settings
    countries = list(dict.fromkeys(c for _, _, c, _ in sorted(context, key=lambda n: abs(n[1] - pos))))
    foreign = [c for c in countries if c not in s.home_countries and c not in own]
    for x in foreign:
        partners = list(own) if own else [*countries, *s.border_pivots]
        for y in partners:
            if y != x and (border := gazetteer.border_between(x, y)) is not None:
                return border
    return None


@functools.lru_cache(maxsize=8)
def _rules(gazetteer: Gazetteer) -> _Rules:
    s = gazetteer.settings
    term_country = {_norm(t): cc for cc, terms in s.border_terms.items() for t in terms}

    def alt(words, flags="") -> str:
        body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
        return f"(?{flags}:{body})" if flags else f"(?:{body})"

    term = alt([t for terms in s.border_terms.values() for t in terms])
    word = alt(s.border_words, "i") + r"\b"
    bare = alt([w for w in s.border_words if "border" in w], "i") + r"\b"  # not a bare 'frontier'
    qual = rf"(?:{alt(s.border_qualifiers, 'i')}\s+)?"
    poss = r"(?:['’]s)?"
    the = r"(?:(?i:the)\s+)?"
    pats = [
        rf"(?P<a1>{term})\s*[-–—/]\s*(?P<b1>{term})\s+{qual}{word}",
        rf"(?P<a2>{term}){poss}\s+{qual}{word}\s+(?i:with|to)\s+{the}(?P<b2>{term})",
        rf"{qual}{word}\s+(?i:between|of)\s+{the}(?P<a3>{term})\s+(?i:and)\s+{the}(?P<b3>{term})",
        rf"(?P<a4>{term})\s+(?:(?i:meets?|touches)\s+{the}{word}(?:\s+(?i:of|with))?|(?i:borders)\b)",
        rf"(?P<a5>{term}){poss}\s+{qual}{word}(?!\s+(?i:with|between))",
        rf"{qual}{word}\s+(?i:with)\s+{the}(?P<a6>{term})",
        rf"(?P<a7>{term})\s+(?i:side)\s+(?i:of)\s+{the}{word}",
        rf"{qual}{bare}",
        r"(?<=\b[Tt]he )frontier\b(?!\s+of\b)",
    ]
    border = re.compile(r"(?<![\w-])(?:" + "|".join(pats) + r")(?!\w)")
    relation_of = {_norm(p): rel for rel, phrases in s.relations.items() for p in phrases}
    relation = re.compile(rf"(?<!\w){alt(relation_of.keys(), 'i')}\s+(?:(?i:the|where)\s+)*$")
    suffix_kind = {
        suf[-1]: kind
        for kind, sufs in s.kind_suffixes.items()
        for suf in sufs
        if kind != "city" or suf[-1] == "city"
    }
    verbs = alt(s.government_verbs, "i")
    nouns = alt(s.government_nouns or ["government"], "i")
    government = re.compile(
        rf"(?:['’]s\s+{nouns}\b|[ \t]+{nouns}\b|\s+(?:(?i:has|have|had|also|again|then|[a-z]+ly)\s+)*{verbs}\b)"
    )
    cap = r"[A-Z][\w&-]*"  # a capitalised word; an apostrophe or a full stop ends a run ("China's")
    conn = alt(s.organisation_connectors or ["of"])
    heads = alt(s.organisation_heads or ["(?!)"])
    organisation = re.compile(  # every head and name starts with a capital: (?=[A-Z]) skips the rest fast
        rf"(?=[A-Z])(?<![\w'’])(?:(?P<head>{heads})(?:[ \t]+{conn}[ \t]+{cap}(?:[ \t]+(?:{conn}[ \t]+)?{cap})*)?"
        rf"|{alt(s.organisation_names or ['(?!)'])})(?![\w'’])"
    )
    organisation_left = re.compile(rf"(?:{cap}[ \t]+(?:(?:{conn}|and|&)[ \t]+(?:the[ \t]+)?)?)+$")
    events = alt(s.event_nouns or ["(?!)"], "i")
    event_after = re.compile(rf"(?:[ \t]+(?:{cap}|\d{{4}})){{0,2}}[ \t]+{events}(?![\w'’])")
    kinds = alt(s.appositive_kinds or ["(?!)"], "i")
    appositive = re.compile(
        rf",[ \t]+(?i:a|an|the)[ \t]+(?:[\w'’-]+[ \t]+){{0,4}}?(?P<noun>{kinds})(?![\w'’])"
    )
    return _Rules(
        border,
        re.compile(_by_first_letter(s.border_words) + r"\b"),
        _name_start(gazetteer),
        term_country,
        relation,
        relation_of,
        suffix_kind,
        government,
        organisation,
        organisation_left,
        event_after,
        appositive,
        re.compile(rf"(?<!\w){alt(s.maritime_words or ['(?!)'], 'i')}[ \t]+$"),
        re.compile(rf"(?<!\w){alt(s.addressing_verbs or ['(?!)'], 'i')}[ \t]+$"),
        re.compile(rf"(?<!\w)[Tt]he[ \t]+(?:{alt(s.river_adjectives or ['(?!)'], 'i')}[ \t]+){{0,2}}$"),
    )


def _by_first_letter(words: Sequence[str]) -> str:
    """A case-insensitive alternation of words, longest first, in one branch per first letter: the
    same matches as a flat one, with far fewer tries at each position of a long text."""
    branches: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        escaped, first = r"\s+".join(map(re.escape, w.split())), re.escape(w[0].lower())
        branches.setdefault(first, []).append(escaped[len(first) :])
    return "(?i:" + "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in branches.items()) + ")"


def _name_start(gazetteer: Gazetteer) -> re.Pattern:
    """Where a name may start: a word that does not begin with a lower-case ASCII letter (capitals,
    accented letters), any Hanzi or Hangul character, or the first two words of a multi-word name
    of a country, region, river or border, or of a hand-written alias that starts in lower case
    ('north korea', 'tumen river', 'the three northeast provinces')."""
    lower = {
        _phrase_start(a.lower().split()[:2])
        for p in gazetteer.places()
        if p.kind in LOWER_CASE_KINDS or p.source.startswith("https://")
        for a in (p.name, *p.aliases)
        if len(a.split()) > 1 and a.isascii() and (a[:1].islower() or p.kind in LOWER_CASE_KINDS)
    }
    by_letter: dict[str, list[str]] = {}  # one branch per first letter: far fewer tries per position
    for phrase in sorted(lower, key=len, reverse=True):
        by_letter.setdefault(phrase[0], []).append(phrase[1:])
    phrases = "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in by_letter.items()) or "(?!)"
    ahead = WORDS_AHEAD.pattern.removeprefix("[^\\W_]*")  # what follows a name's first word
    return re.compile(  # phrases: lower case; each branch also captures the words ahead (group 1, 2 or 3)
        rf"(?<![\w'’])(?=([^\W\da-z_][^\W_]*{ahead}))[^\W\da-z_]"
        rf"|(?<!\w)(?=(?:{phrases}))(?=([^\W_]*{ahead}))(?:{phrases})"
        rf"|(?=([{CJK_CHARS}][^\W_]*{ahead}))[{CJK_CHARS}]"
    )


def _phrase_start(words: list[str]) -> str:
    """The first word in lower case, the second in any case: 'north korea', 'northeast China'."""
    first, *rest = map(re.escape, words)
    return r"[\s-]+".join([first, *(f"(?i:{w})" for w in rest)])


def _norm(phrase: str) -> str:
    return " ".join(phrase.split()).lower()


def _tokens(text: str, rules: _Rules, windows: list[tuple[int, int]]) -> list[Token]:
    """Tokens of the stretches of text where a name or a border phrase may be: most lower-case prose
    is never tokenized, which makes the pass several times faster. Stretches that touch are cut in
    one go unless a word could run across the seam ("China|'s")."""
    spans = list(windows)
    for m in rules.name_start.finditer(text):  # the words ahead of a start: WORDS_AHEAD, in one pass
        at = m.start()
        lo = at - 4 if at >= 4 and text[at - 4 : at].lower() == "the " else at
        spans.append((lo, m.end(m.lastindex)))
    spans.sort()
    cuts: list[list[int]] = []
    covered = 0
    for lo, hi in spans:
        lo = max(lo, covered)
        if hi <= lo:
            continue
        hi = WORD_END.match(text, hi).end()
        if lo > 0 and lo > covered and text[lo - 1].isalnum():
            lo = WORD_END.match(text, lo).end()  # never start inside a word
        if cuts and lo == cuts[-1][1] and text[lo : lo + 1] not in APOSTROPHES:
            cuts[-1][1] = hi
        else:
            cuts.append([lo, hi])
        covered = hi
    tokens: list[Token] = []
    for lo, hi in cuts:
        tokens.extend(tokenize(text, lo, hi))
    return tokens


def _border_hits(
    text: str, tokens: Sequence[Token], windows: list[tuple[int, int]], gazetteer: Gazetteer, rules: _Rules
) -> Iterator[_Hit]:
    starts = [t.start for t in tokens]
    for lo, hi in windows:
        for m in rules.border.finditer(text, lo, hi):
            if rules.maritime.search(text, max(0, m.start() - 24), m.start()) is not None:
                continue  # 'the sea border': no land border, and no line of it in the data
            named = {k: rules.term_country[_norm(v)] for k, v in m.groupdict().items() if v}
            first = bisect.bisect_left(starts, m.start())
            last = bisect.bisect_left(starts, m.end()) - 1
            if first > last:
                continue
            if "a4" in named:  # the partner comes after: "China meets the borders of Ryanggang …"
                yield _Hit(first, last, (), meets=named["a4"])
                continue
            sides = tuple(named.values())
            place = _border_of(list(sides), gazetteer)
            if place is not None:
                yield _Hit(first, last, (place,), sides=sides)


def _border_windows(text: str, rules: _Rules) -> list[tuple[int, int]]:
    """Stretches of text around each border word: the full border pattern, costly to try at every
    position, runs only there (every border phrase holds a border word)."""
    windows: list[list[int]] = []
    for m in rules.border_word.finditer(text):
        lo, hi = max(0, m.start() - BORDER_REACH), min(len(text), m.end() + BORDER_REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    return [(lo, hi) for lo, hi in windows]


def _border_of(countries: Sequence[str], gazetteer: Gazetteer) -> Place | None:
    """Two countries: their border; one: its border with the first pivot country it touches
    ("the Chinese border" -> China–North Korea); none: the domain's default border."""
    s = gazetteer.settings
    if len(countries) == 2:
        return gazetteer.border_between(*countries) if countries[0] != countries[1] else None
    if len(countries) == 1:
        for pivot in s.border_pivots:
            if pivot != countries[0] and (b := gazetteer.border_between(countries[0], pivot)):
                return b
        if countries[0] != s.border_pivots[0]:
            return None
    return gazetteer.get(s.default_border)


def _gap_ok(text: str, a: Token, b: Token) -> bool:
    """Two tokens belong to one name when only spaces or a hyphen part them ('N. Korea' too)."""
    gap = text[a.end : b.start]
    if not gap.strip(" -–\u00a0\t"):
        return "\n" not in gap
    return gap.strip() == "." and len(a.raw) == 1


def _person_runs(text: str, tokens: Sequence[Token], surnames: frozenset[str]) -> dict[int, int]:
    """Token index -> length of the person's name starting there ('Kim Jong Un' -> 3)."""
    runs = {}
    for i in [i for i, t in enumerate(tokens) if t.fold in surnames]:
        if not is_capitalised(tokens[i]):
            continue
        j = i
        while (
            j + 1 < len(tokens)
            and j - i < PERSON_MAX
            and is_capitalised(tokens[j + 1])
            and _gap_ok(text, tokens[j], tokens[j + 1])
        ):
            j += 1
        if j > i:
            runs[i] = j - i + 1
    return runs


def _name_hits(text: str, tokens: Sequence[Token], gazetteer: Gazetteer, blocked: set[int]) -> Iterator[_Hit]:
    s = gazetteer.settings
    persons = _person_runs(text, tokens, s.surnames)
    firsts = gazetteer.first_words
    starts = [i for i, t in enumerate(tokens) if t.fold in firsts or t.fold == "the" or i in persons]
    resume = 0
    for i in starts:  # most tokens start no name and are never visited
        if i < resume or i in blocked:
            continue
        hit = _article_name(text, tokens, i, gazetteer) or _longest(text, tokens, i, gazetteer, blocked)
        run = persons.get(i, 0)
        if hit is not None and hit.last - hit.first + 1 >= run:
            yield hit
            resume = hit.last + 1
        else:
            resume = i + max(run, 1)


def _article_name(text: str, tokens: Sequence[Token], i: int, gazetteer: Gazetteer) -> _Hit | None:
    """'the North' / 'the South' as a noun; not 'the North Korean side' nor 'the South-east'."""
    if tokens[i].fold != "the" or i + 1 >= len(tokens):
        return None
    word = tokens[i + 1]
    place_id = gazetteer.settings.article_names.get(f"the {word.raw}")
    if place_id is None or not _gap_ok(text, tokens[i], word):
        return None
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    if after is not None and text[word.end : after.start].strip() in ("", "-") and is_capitalised(after):
        return None
    if text[word.end : word.end + 1] in "-–":
        return None
    place = gazetteer.get(place_id)
    return _Hit(i, i + 1, (place,)) if place else None


def _longest(
    text: str, tokens: Sequence[Token], i: int, gazetteer: Gazetteer, blocked: set[int]
) -> _Hit | None:
    """The longest name starting at token i (a parenthetical equivalent may sit inside it)."""
    first = tokens[i]
    node = gazetteer.walk(None, first.fold)
    best: tuple[int, tuple[Place, ...]] | None = None
    j = i
    while node is not None:
        if gazetteer.ends(node):
            best = (j, gazetteer.ends(node))
        if j + 1 >= len(tokens) or j + 1 in blocked:
            break
        nxt = tokens[j + 1]
        if nxt.raw == "(":
            inner = _paren_continuation(text, tokens, i, j, node, gazetteer)
            if inner is not None:
                best = inner
            break
        if not _gap_ok(text, tokens[j], nxt):
            break
        node = gazetteer.walk(node, nxt.fold)
        j += 1
    if best is None:
        return None
    last, cands = best
    if last == i and is_cased_word(first) and not _name_cased(first.raw):
        return None  # a one-word name in lower case ('china') or odd case ('NaN') is something else
    short = last == i and len(first.fold) <= SHORT_NAME and not first.raw.isupper()
    if short and not PREPOSITION_BEFORE.search(text, max(0, first.start - 12), first.start):
        return None  # 'Ha', 'Ann', 'Chu' are names of people more often than of towns
    last = _paren_after(tokens, last, cands[0], gazetteer)
    return _Hit(i, last, cands)


def _name_cased(word: str) -> bool:
    """'Hyesan', 'HYESAN', "Manp'o" (not 'hyesan', 'NaN')."""
    return word.isupper() or (word[0].isupper() and not any(c.isupper() for c in word[1:]))


def _close_paren(tokens: Sequence[Token], open_at: int) -> int | None:
    for k in range(open_at + 1, min(open_at + PAREN_MAX + 2, len(tokens))):
        if tokens[k].raw == ")":
            return k if k > open_at + 1 else None
    return None


def _paren_continuation(text, tokens, i, j, node, gazetteer) -> tuple[int, tuple[Place, ...]] | None:
    """'Amnok (Yalu) River': the name goes on after the brackets, which hold another name of it."""
    close = _close_paren(tokens, j + 1)
    if close is None:
        return None
    inner = tuple(t.fold for t in tokens[j + 2 : close])
    best, k = None, close
    while k + 1 < len(tokens) and _gap_ok(text, tokens[k], tokens[k + 1]):
        node = gazetteer.walk(node, tokens[k + 1].fold)
        if node is None:
            break
        k += 1
        ends = gazetteer.ends(node)
        tail = tuple(t.fold for t in tokens[close + 1 : k + 1])
        if ends and (set(gazetteer.candidates(inner + tail)) | set(gazetteer.candidates(inner))) & set(ends):
            best = (k, ends)
    return best


def _paren_after(tokens: Sequence[Token], last: int, place: Place, gazetteer: Gazetteer) -> int:
    """'Yalu River (Amnok)', 'Hyesan (혜산)': brackets right after a name that hold another name of
    the same place belong to the mention."""
    if (
        last + 1 >= len(tokens)
        or tokens[last + 1].raw != "("
        or tokens[last + 1].start - tokens[last].end > 1
    ):
        return last
    close = _close_paren(tokens, last + 1)
    if close is None:
        return last
    inner = tuple(t.fold for t in tokens[last + 2 : close])
    same = place in gazetteer.candidates(inner) or place in gazetteer.candidates(inner + (tokens[last].fold,))
    return close if same else last


def _choose(
    text: str, hits: Sequence[_Hit], tokens: Sequence[Token], gazetteer: Gazetteer, rules: _Rules
) -> list[Place | None]:
    """One place per hit: the likeliest reading, unless the hit's list says which kind it is
    ('Liaoning, Jilin, Heilongjiang' are provinces; 'Ryanggang and Jagang Provinces')."""
    kinds = [rules.suffix_kind.get(tokens[h.last].fold) if h.candidates else None for h in hits]
    chosen: list[Place | None] = [h.candidates[0] if h.candidates else None for h in hits]
    first = list(chosen)
    for chain in _chains(text, hits, tokens):
        if _apposition(text, tokens, hits, chain):
            a, b = chain
            inside = [
                p for p in hits[b].candidates if first[a] and p.geometry.distance(first[a].point) < NEAR_DEG
            ]
            chosen[b] = inside[0] if inside else chosen[b]
            continue
        stated = [kinds[k] for k in chain if kinds[k]]
        for k in chain:
            others = [first[j].kind for j in chain if j != k and first[j] is not None]
            want = stated[-1] if stated else (max(set(others), key=others.count) if others else None)
            said = tuple(t.fold for t in tokens[hits[k].first : hits[k].last + 1])
            pick = next(
                (p for p in hits[k].candidates if p.kind == want and _own_name(p, said, gazetteer)), None
            )
            if pick is not None:
                chosen[k] = pick
    for k, h in enumerate(hits):
        told = rules.appositive.match(text, tokens[h.last].end) if len(h.candidates) > 1 else None
        if told is not None:  # 'Jilin, the province's second city'
            want = gazetteer.settings.appositive_kinds[told.group("noun").lower()]
            said = tuple(t.fold for t in tokens[h.first : h.last + 1])
            chosen[k] = next(
                (p for p in h.candidates if p.kind == want and _own_name(p, said, gazetteer)), chosen[k]
            )
    for k, h in enumerate(hits):
        if h.meets is not None:
            chosen[k] = _meets_partner(hits, chosen, k, gazetteer)
        elif chosen[k] is not None and chosen[k].kind in ("city", "province"):
            chosen[k] = _the_river(text, tokens, h, gazetteer, rules) or chosen[k]
    return chosen


def _the_river(
    text: str, tokens: Sequence[Token], hit: _Hit, gazetteer: Gazetteer, rules: _Rules
) -> Place | None:
    """'the Tumen', 'the frozen Tumen' is the river, not the town: a town's name after 'the' (and up
    to two words that describe a river, curated.json) that is also a river's, unless a word such as
    'city' or 'police' follows ('the Tumen city police'); 'the city of Tumen' and 'the group near
    Tumen' are the town."""
    at = tokens[hit.first].start
    if hit.last != hit.first or rules.the_described.search(text, max(0, at - 60), at) is None:
        return None
    after = NEXT_WORDS.match(text, tokens[hit.last].end)
    if after is not None and fold(after.group(1)) in TOWN_NOUNS:
        return None
    rivers = gazetteer.candidates((tokens[hit.first].fold, "river"))
    return next((p for p in rivers if p.kind == "river"), None)


def _own_name(place: Place, folded: tuple[str, ...], gazetteer: Gazetteer) -> bool:
    """The words are the place's own name ('Jilin' for Jilin City), not one of its alternate names
    ('Laos' is an old name of Lao Cai, but 'Laos and Kunming' are not two towns)."""
    return folded in name_forms(fold_name(place.name), place.kind, gazetteer.settings)


def _apposition(text: str, tokens: Sequence[Token], hits: Sequence[_Hit], chain: list[int]) -> bool:
    """'Yanji, Jilin' and 'Hyesan, Ryanggang': a place and, after a comma, the larger one it lies in."""
    if len(chain) != 2 or not all(hits[k].candidates for k in chain):
        return False
    a, b = chain
    return text[tokens[hits[a].last].end : tokens[hits[b].first].start].strip() == ","


def _chains(text: str, hits: Sequence[_Hit], tokens: Sequence[Token]) -> list[list[int]]:
    """Runs of hits joined only by commas, 'and', 'or'."""
    chains, cur = [], [0] if hits else []
    for k in range(1, len(hits)):
        if hits[k].first > hits[k - 1].last and _coordinated(
            text[tokens[hits[k - 1].last].end : tokens[hits[k].first].start]
        ):
            cur.append(k)
        else:
            chains.append(cur)
            cur = [k]
    if cur:
        chains.append(cur)
    return chains


def _meets_partner(hits, chosen, k, gazetteer) -> Place | None:
    """'where China meets the borders of Ryanggang …': the border of China and Ryanggang's country."""
    own = hits[k].meets
    for p in chosen[k + 1 : k + 2]:
        if p is not None and p.country and p.country != own:
            return gazetteer.border_between(own, p.country) or _border_of([own], gazetteer)
    return _border_of([own], gazetteer)


def _modifies(text: str, end: int, settings: Settings) -> bool:
    """'border guards', 'the border crackdown': the border word qualifies the next noun."""
    m = NEXT_WORDS.match(text, end)
    nxt = tuple(fold(w) for w in m.groups() if w) if m else ()
    return nxt[:1] in settings.modifier_nouns or nxt[:2] in settings.modifier_nouns


def _coordinated(gap: str) -> bool:
    """Text between two names that only joins them: ', ', ' and ', ', or '. Most gaps are whole
    sentences or paragraphs: a line break, or ASCII text that is not only joining words, says no
    at once; other scripts are folded word by word."""
    if "\n" in gap:
        return False
    if JOINING_ONLY.fullmatch(gap) is not None:
        return True
    return not gap.isascii() and {fold(w) for w in re.findall(r"\w+|[,&/]", gap)} <= COORDINATORS


def _relation(text: str, start: int, rules: _Rules) -> str | None:
    m = rules.relation.search(text, max(0, start - RELATION_WINDOW), start)
    if m is None:
        return None
    phrase = re.sub(r"(?:\s+(?:the|where))+$", "", _norm(m.group()))
    return rules.relation_of.get(phrase)


def _inherit_relations(mentions: list[PlaceMention], text: str) -> list[PlaceMention]:
    """'between Hyesan and Changbai', 'near Yanji and Helong', '… meets the borders of Ryanggang and
    Jagang': a list shares the relation written before its first member."""
    out: list[PlaceMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and m.relation is None and prev.relation is not None and not m.modifier:
            gap = text[prev.end : m.start]
            if _coordinated(gap) or (prev.place.kind == "border" and _coordinated(gap.replace(" of ", " "))):
                m = replace(m, relation=prev.relation)
        out.append(m)
    return out
