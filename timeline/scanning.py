"""Finding time expressions in text: the scan that tries the grammar's rules at the words that can
start them and keeps, left to right, the first reading that applies.

It exists apart from the grammar so that compiling the data and walking a text are separate, and
apart from the handlers so that "where can an expression start" is decided in one place.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from timeline.grammar import _DIGITS, _SINCE_BEFORE, _TOKEN, _digit_shape, _Grammar, _grammar
from timeline.resolution import _HANDLERS, _apply, _Ctx, _Hit


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    rule: str
    hit: _Hit
    since: bool = False
    role: str | None = None  # decided by the clause ("deadline"); None: decided by the words around


_SINCE_RULES = frozenset(
    {"iso", "cjk", "numeric", "mdy", "dmy", "foreign_date", "subperiod", "month_year", "season", "holiday"}
    | {"month", "year", "decade", "relative", "weekday"}
)


_BACK = 40  # how far before its trigger word an expression may start ("between the very end of the year")


@lru_cache(maxsize=1)
def _checked_grammar() -> _Grammar:
    """The grammar, once checked to have a handler for every rule and a rule for every handler."""
    g = _grammar()
    unknown = {name for name, _ in g.rules} ^ set(_HANDLERS)
    if unknown:
        raise ValueError(f"grammar rules and handlers differ: {sorted(unknown)}")
    return g


def _scan(text: str, ctx: _Ctx, *, exhaustive: bool = False) -> list[_Found]:
    """Try, at each word that a trigger word follows closely, the rules that can start with that word,
    in priority order; the first that matches and accepts wins, and scanning resumes after it.
    `exhaustive` tries every rule at every word: the same result, slowly (tests check they agree)."""
    g = _checked_grammar()
    lowered = text.lower()
    same = len(lowered) == len(text)
    tokens = [(t.start(), t.group()) for t in _TOKEN.finditer(lowered if same else text)]
    if not same:
        tokens = [(at, word.lower()) for at, word in tokens]
    triggers = [at for at, word in tokens if word[0].isdecimal() or word in g.triggers]
    if not triggers and not exhaustive:
        return []
    present = {word for _, word in tokens}
    off = (
        ()
        if exhaustive
        else {i for i, req in enumerate(g.requires) if req is not None and req.isdisjoint(present)}
    )
    every_rule = tuple(range(len(g.rules)))
    found: list[_Found] = []
    pos = 0
    for at, word in tokens:
        if at < pos:
            continue
        if exhaustive:
            candidates = every_rule
        else:
            k = bisect.bisect_left(triggers, at)
            if k == len(triggers) or triggers[k] - at > _BACK:
                continue
            if word[0].isdecimal():
                candidates = g.digit_first.get(_digit_shape(_DIGITS.match(word).group()))
            else:
                candidates = g.first.get(word)
            if not candidates:
                continue
        for index in candidates:
            if index in off:
                continue
            name, pattern = g.rules[index]
            rm = pattern.match(text, at)
            hit = _apply(name, rm, ctx) if rm and rm.end() > at else None
            if hit:
                since = name in _SINCE_RULES and bool(_SINCE_BEFORE.search(text, max(0, at - 16), at))
                if not hit.skip:
                    found.append(_Found(at, rm.end(), name, hit, since))
                pos = rm.end()
                break
    return found
