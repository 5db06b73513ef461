"""Normalised word keys: the one representation both patterns and documents are matched in.

Matching is on *sub-words*: spaCy tokens folded to lower case without accents, split at hyphens
and after elided articles. fr_core_news_md keeps "nord-coréens" and "États-Unis" whole but splits
"Maison-Blanche" and "Kim Jong-un", and writers alternate "Nord coréen"/"nord-coréen"; splitting
both sides at hyphens makes all of these the same key sequence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_HYPHENS = "-\u2010\u2011\u2012\u2013"
# an elided article/pronoun glued to the next word when the tokenizer did not split it
_ELISION = re.compile(r"^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'(?=\w)", re.IGNORECASE)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: "L’Élysée" -> "l'elysee"."""
    t = unicodedata.normalize("NFKD", text.translate(_APOS).lower())
    return "".join(c for c in t if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def split_word(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the sub-words of one token ("d'Iran" -> "d'", "Iran")."""
    spans: list[tuple[int, int]] = []
    start = 0
    m = _ELISION.match(text.translate(_APOS))
    if m and m.end() < len(text):
        spans.append((0, m.end()))
        start = m.end()
    piece = start
    for i in range(start, len(text)):
        if text[i] in _HYPHENS and i > start:
            if i > piece:
                spans.append((piece, i))
            piece = i + 1
    if piece < len(text):
        spans.append((piece, len(text)))
    return tuple(spans)


def pattern_keys(phrase: str) -> tuple[str, ...]:
    """Keys of a pattern written in a data file (same splitting as documents)."""
    keys: list[str] = []
    for word in phrase.translate(_APOS).split():
        for s, e in split_word(word):
            keys.append(fold(word[s:e]))
    return tuple(k for k in keys if k)


@dataclass(slots=True)
class Words:
    """The sub-words of a document, in parallel arrays (fast to index in the matcher)."""

    keys: list[str]
    text: list[str]  # original surface
    start: list[int]  # character offsets into doc.text
    end: list[int]
    sent: list[int]  # sentence index
    sent_first: list[bool]  # first word of its sentence (capitalised for grammar, not as a name)
    hyphen_after: list[bool]  # a hyphen follows directly ("franco-" in "franco-allemand")


@lru_cache(maxsize=200_000)
def _pieces(t: str) -> tuple[tuple[int, int, str, str, bool], ...]:
    """(start, end, key, surface, hyphen follows) of each sub-word of the token text ``t``."""
    return tuple((s, e, fold(t[s:e]), t[s:e], e < len(t) and t[e] in _HYPHENS) for s, e in split_word(t))


def words_of(doc: Doc) -> Words:
    """Sub-words of a tokenised (and sentence-segmented) Doc."""
    sent_of = _sentence_index(doc)
    w = Words([], [], [], [], [], [], [])
    keys, texts, starts, ends, sents, firsts, hyphens = (w.keys, w.text, w.start, w.end, w.sent, w.sent_first,
                                                         w.hyphen_after)
    prev_sent = -1
    for tok in doc:
        if tok.is_space:
            continue
        t = tok.text
        if len(t) == 1 and t in _HYPHENS:  # "Maison - Blanche" split by the tokenizer
            if keys and ends[-1] == tok.idx:
                hyphens[-1] = True
            continue
        base = tok.idx
        si = sent_of[tok.i]
        for s, e, key, piece, hyphen in _pieces(t):
            keys.append(key)
            texts.append(piece)
            starts.append(base + s)
            ends.append(base + e)
            sents.append(si)
            firsts.append(si != prev_sent)
            hyphens.append(hyphen)
            prev_sent = si
    return w


def _sentence_index(doc: Doc) -> list[int]:
    """Sentence number of each token (one sentence if the Doc has no sentence boundaries)."""
    out = [0] * len(doc)
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return out
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out
