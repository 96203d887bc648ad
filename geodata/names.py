"""Tokens and folded names: the one way text and aliases are cut and compared.

Aliases and text go through the same tokenizer, so a name matches whatever its spelling in case,
diacritics, apostrophes and hyphens: "Hoeryŏng", "Manp'o", "Musan-ŭp", "HYESAN". Hanzi and Hangul
have no spaces between words, so each of their characters is a token of its own and "延吉" is found
inside "在延吉市".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

CJK_CHARS = _CJK = "\u1100-\u11ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
APOSTROPHES = "'\u2019\u02bc\u2018`"
WORD_RE = re.compile(rf"[^\W_]+(?:[{APOSTROPHES}][^\W_]+)*|[(),;&/]")
CJK_RE = re.compile(rf"[{_CJK}]")


class Token(NamedTuple):
    start: int
    end: int
    fold: str
    raw: str


# Token from one tuple without the Python-level __new__ of a NamedTuple: tokenizing is the hot loop.
_token = functools.partial(tuple.__new__, Token)


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case, no diacritics, no apostrophes: 'Manp’o' -> 'manpo', 'Hoeryŏng' -> 'hoeryong'."""
    s = unicodedata.normalize("NFKD", word)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.translate(_STRIP_APOSTROPHES).lower()


_STRIP_APOSTROPHES = str.maketrans("", "", APOSTROPHES)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens with exact spans (of text[start:end]); a possessive "'s" is cut off ("China's"
    -> "China"); each Hanzi or Hangul character is a token of its own."""
    out: list[Token] = []
    append = out.append
    for m in WORD_RE.finditer(text, start, len(text) if end is None else end):
        raw = m.group()
        at, to = m.span()
        if not raw.isascii() and CJK_RE.search(raw):
            out.extend(_split_cjk(raw, at))
        elif len(raw) > 3 and raw[-2] in APOSTROPHES and raw[-1] in "sS":
            append(_token((at, to - 2, fold(raw[:-2]), raw[:-2])))
        else:
            append(_token((at, to, fold(raw), raw)))
    return out


def _split_cjk(raw: str, start: int) -> list[Token]:
    """'Hyesan혜산' -> Hyesan, 혜, 산 (apostrophes between them dropped)."""
    out, word_at = [], None
    for k, ch in enumerate(raw + " "):
        if CJK_RE.match(ch) or ch == " ":
            if word_at is not None:
                word = raw[word_at:k]
                out.append(Token(start + word_at, start + k, fold(word), word))
                word_at = None
            if ch != " ":
                out.append(Token(start + k, start + k + 1, ch, ch))
        elif word_at is None and ch not in APOSTROPHES:
            word_at = k
    return out


def fold_name(name: str) -> tuple[str, ...]:
    """A name as the tuple of its folded tokens, the key of every lookup."""
    return tuple(t.fold for t in tokenize(name))


def is_cased_word(token: Token) -> bool:
    """A Latin word (one that has case), as opposed to punctuation, digits and CJK."""
    return token.raw[:1].lower() != token.raw[:1].upper()


def is_capitalised(token: Token) -> bool:
    return is_cased_word(token) and token.raw[0].isupper()
