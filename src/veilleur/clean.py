"""Cleaning (SPEC §1.2) — placeholder: identity with typographic normalisation.

Replaced by the rule-driven cleaner; the interface stays: ``clean(text) -> Cleaned``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .offsets import OffsetMap


@dataclass
class Dropped:
    start: int  # raw offsets
    end: int
    rule: str


@dataclass
class Cleaned:
    text: str
    offsets: OffsetMap
    dropped: list[Dropped] = field(default_factory=list)


_TYPO = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u202f": " "})


def clean(text: str) -> Cleaned:
    return Cleaned(text.translate(_TYPO), OffsetMap.identity(len(text)))
