"""Sentence spans of a report body.

Every later step quotes a sentence and links facts between neighbouring sentences, so the spans
must be exact offsets into the body and the split must survive news typography: curly quotes
around several sentences of speech, "a.m.", "Mr.", "U.S.", initials, and headlines or captions
that stand on a line of their own without a full stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "mt",
        "no",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "prof",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "ltd",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "dept",
        "est",
        "fig",
        "ft",
    ]
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9\u0080-\uffff])")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_TIME_OF_DAY = re.compile(r"\b[ap]\.m$", re.I)
_MONTH_OR_DAY = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split a body into sentences; each line of text is a paragraph of one or more sentences.

    >>> [s.text for s in split_sentences("Mr. Lee left at 3 a.m. on Friday. He was caught.")]
    ['Mr. Lee left at 3 a.m. on Friday.', 'He was caught.']
    """
    sentences: list[Sentence] = []
    for number, line in enumerate(_lines(text)):
        start, end = line
        cursor = start
        for boundary in _BOUNDARY.finditer(text, start, end):
            if _is_abbreviation(text, cursor, boundary):
                continue
            _append(sentences, text, cursor, boundary.end(), number)
            cursor = boundary.end()
        _append(sentences, text, cursor, end, number)
    return sentences


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _is_abbreviation(text: str, cursor: int, boundary: re.Match[str]) -> bool:
    """A boundary after "Mr.", an initial ("J."), "U.S." or "a.m." before a date is not one."""
    if text[boundary.start()] != ".":
        return False
    before = text[cursor : boundary.start()]
    word = _LAST_WORD.search(before)
    if not word:
        return False
    w = word.group(1)
    if w.lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", w) or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", w):
        if _TIME_OF_DAY.search(w):
            return bool(_MONTH_OR_DAY.match(text, boundary.end()))
        return True
    return False


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end, paragraph, text[start:end]))
