"""Tense: whether a stretch of text tells something past ("were detained", "crossed") or a present
practice ("are detained", "is banned"), and the sentence bounds it is judged in.

It exists because both rule handlers (a season "this winter" told in the past) and clause composition
(a window told about one happening is dated) ask the same question.
"""

from __future__ import annotations

import bisect
import re

from timeline.grammar import _grammar

_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _sentence_span(starts: list[int], pos: int, length: int) -> tuple[int, int]:
    k = bisect.bisect_right(starts, pos)
    return starts[k - 1], starts[k] if k < len(starts) else length


_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:(?:not|never|also|\w+ly)\s+)?been\s+(?:\w+ly\s+)?$", re.I)


def _is_past(text: str, start: int, end: int) -> bool:
    """Does the stretch state something in the past ("were detained", "crossed", "fled"), as opposed to
    a present practice ("are detained", "run", "is banned")?"""
    g = _grammar()
    for m in g.past.finditer(text, start, end):
        word = m.group().lower()
        if word in g.not_past:
            continue
        if word.endswith("ed"):
            before = text[max(start, m.start() - 40) : m.start()]
            if g.present_aux.search(before) and not _PERFECT.search(before):
                continue
        return True
    return False
