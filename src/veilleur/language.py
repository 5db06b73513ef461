"""Language detection (SPEC §1.3): ``detect_language(text) -> "fr" | "en" | … | None``.

lingua, restricted to the languages a French-first news reader meets, in low-accuracy
mode (trigram models only: a fraction of the memory and load time of the full models,
still reliable on paragraphs). Only the first ``SAMPLE_CHARS`` characters are looked at:
an article's language is settled by its first paragraphs and the cost stays flat.
The detector is built once, on first use (about 0.07 s with its models), or ahead with
``preload()``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

SAMPLE_CHARS = 1000
#: fewer letters than this and any guess is noise
MIN_LETTERS = 12
#: lingua's minimum relative distance between the best and second language: below it,
#: the detector answers None rather than guess (e.g. a line of names, "Paris-Berlin").
MIN_RELATIVE_DISTANCE = 0.1

#: languages considered (lingua ``Language`` names): French first, then the languages of
#: the neighbouring press and of the conflicts veilleur follows.
LANGUAGES = (
    "FRENCH", "ENGLISH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "RUSSIAN",
    "UKRAINIAN", "POLISH", "ARABIC", "PERSIAN", "TURKISH", "CHINESE", "JAPANESE", "KOREAN",
)

_LETTERS = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+")
#: below this many letters, lingua's trigram mode is unreliable (its documentation says so for
#: texts under about 120 characters): "Washington a promis une aide de 2 milliards de dollars à
#: Kiev." comes out English. A short text with a French function word is then not overruled.
SHORT_LETTERS = 120


@lru_cache(maxsize=1)
def _french_function_words() -> frozenset[str]:
    from importlib import resources

    import yaml

    data = yaml.safe_load((resources.files("veilleur") / "data" / "nlp" / "function_words.yaml").read_text("utf-8"))
    return frozenset(data["fr"])


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in LANGUAGES]
    return (LanguageDetectorBuilder.from_languages(*langs)
            .with_low_accuracy_mode()
            .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE)
            .with_preloaded_language_models()  # ~0.07 s, ~10 MB: paid once, not mid-batch
            .build())


def preload() -> None:
    """Build the detector now (servers and batch runs pay the cost before the first article)."""
    _detector()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when unsure or too short."""
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTERS.findall(sample))
    if letters < MIN_LETTERS:
        return None
    lang = _detector().detect_language_of(sample)
    code = None if lang is None else lang.iso_code_639_1.name.lower()
    if code not in (None, "fr") and letters < SHORT_LETTERS:
        french = _french_function_words()
        if any(w.lower() in french for w in _WORDS.findall(sample)):
            return None  # a guess on a short text that reads like French: no verdict
    return code
