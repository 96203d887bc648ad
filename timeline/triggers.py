"""Triggers: finding the words that may state an event, and dropping those that do not.

A trigger states a happening unless its clause denies it, speculates, describes a practice or
background, or reports a trend with no window; each reason to drop one is a rule of its own here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from timeline.lexicon import Lexicon
from timeline.temporal import TimeExpr
from timeline.views import _SINCE, _clause_of, _ending, _in_time, _Trigger, _View


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
