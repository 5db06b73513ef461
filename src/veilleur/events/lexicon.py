"""The trigger lexicon (data/events/triggers.yaml) and its fast pre-filter."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from ..records import EVENT_TYPES


def fold(s: str) -> str:
    """Lower case without accents: the key of the cheap pre-filter."""
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


@dataclass(frozen=True)
class Frame:
    """One lexicon entry: a group of triggers sharing type, mode and role frame."""

    type: str
    mode: str | None
    verbs: frozenset[str]
    nouns: frozenset[str]
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    noun_actor: tuple[str, ...]
    noun_recipient: tuple[str, ...]
    with_obj: frozenset[str]
    not_obj: frozenset[str]
    reflexive: bool
    deal: str | None
    contexts: tuple[str, ...]
    needs_recipient: bool
    with_obj_optional: bool = False
    #: the verb counts only with one of these lemmas as a clausal complement or as a complement of
    #: its object ("sommer l'ambassadeur de quitter le pays", "ordonner le départ du diplomate")
    with_comp: frozenset[str] = frozenset()
    #: the act counts only with an actor of one of these sectors ("l'armée russe a quitté Kherson"
    #: is a retreat, "le président a quitté Pékin" is not)
    actor_sector: frozenset[str] = frozenset()
    #: the modality the trigger itself gives an otherwise asserted act ("l'Allemagne a promis 14
    #: chars à l'Ukraine": the delivery is planned)
    modality: str | None = None
    #: whether the type's recipient fallbacks (types.yaml) apply: drills "en Estonie" are held in a
    #: host country, not aimed at it
    fallback: bool = True


class LexiconError(ValueError):
    pass


@dataclass(frozen=True)
class TypeRules:
    """Coding conventions of one event type (data/events/types.yaml)."""

    recipient_fallback: tuple[str, ...] = ()
    passive_actor_fallback: tuple[str, ...] = ()
    domestic: bool = False
    recipient_first: tuple[str, ...] = ()
    domestic_objects: frozenset[str] = frozenset()
    domestic_nouns: bool = False


@dataclass
class Lexicon:
    frames: list[Frame]
    types: dict[str, TypeRules] = field(default_factory=dict)
    by_verb: dict[str, list[Frame]] = field(default_factory=dict)
    by_noun: dict[str, list[Frame]] = field(default_factory=dict)
    #: first four folded letters -> folded stems, for the pre-filter
    stems: dict[str, list[str]] = field(default_factory=dict)
    multiword: dict[str, list[tuple[tuple[str, ...], Frame]]] = field(default_factory=dict)
    place_nouns: frozenset[str] = frozenset()
    time_nouns: frozenset[str] = frozenset()
    #: ``maybe_trigger`` answers by surface form (emptied whenever a stem is added)
    _maybe: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    #: ``trigger_candidates`` answers by (lemma, form) hash
    _keyed: dict[tuple[int, int], bool] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for f in self.frames:
            for v in f.verbs:
                self.by_verb.setdefault(v, []).append(f)
            for n in f.nouns:
                if " " in n:  # "soutien militaire": the head noun, checked with its followers
                    self.multiword.setdefault(n.split()[0], []).append((tuple(n.split()[1:]), f))
                else:
                    self.by_noun.setdefault(n, []).append(f)

    def add_stem(self, stem: str) -> None:
        self._maybe.clear()
        s = fold(stem)
        if len(s) < 2:
            return
        self.stems.setdefault(s[:4], [])
        if s not in self.stems[s[:4]]:
            self.stems[s[:4]].append(s)

    def maybe_trigger(self, word: str) -> bool:
        """Cheap test on a surface form: could this token be a trigger?"""
        known = self._maybe.get(word)
        if known is None:
            if len(self._maybe) > 200_000:  # a long run meets many forms: keep the memory flat
                self._maybe.clear()
            known = self._maybe[word] = self._maybe_trigger(word)
        return known

    def _maybe_trigger(self, word: str) -> bool:
        w = fold(word)
        if len(w) < 2:
            return False
        for k in {w[:4], w[:3], w[:2]}:
            for s in self.stems.get(k, ()):
                if w.startswith(s):
                    return True
        return False

    def trigger_candidates(self, doc: Doc) -> list[int]:
        """Indices of the tokens of ``doc`` to which ``frames_for`` may give frames: those whose
        lemma or form is an entry of the lexicon. (Read from the doc's arrays: the other tokens,
        most of them, are never made into Token objects.)"""
        known = self._keyed
        out = []
        lemmas, forms = doc.to_array(LEMMA).tolist(), doc.to_array(LOWER).tolist()
        for i, key in enumerate(zip(lemmas, forms, strict=True)):
            hit = known.get(key)
            if hit is None:
                if len(known) > 200_000:  # a long run meets many forms: keep the memory flat
                    known.clear()
                strings = doc.vocab.strings
                hit = known[key] = self._has_entry(strings[key[0]], strings[key[1]])
            if hit:
                out.append(i)
        return out

    def _has_entry(self, lemma: str, lower: str) -> bool:
        """Could ``frames_for`` find frames for a token of this lemma and lower-case form?"""
        low = lemma.lower()
        return bool(self.by_verb.get(low) or self.by_verb.get(_guess_infinitive(lower, lemma)) or
                    self.by_noun.get(low) or self.by_noun.get(lower) or low in self.multiword)

    def frames_for(self, tok: Token) -> list[Frame]:
        # (called on every token of every parsed sentence: the cheap tests come first)
        lemma = tok.lemma_.lower()
        pos = tok.pos_
        if pos in ("VERB", "AUX"):
            return self.by_verb.get(lemma, []) or self.by_verb.get(_infinitive_guess(tok), [])
        if reads_as_noun(tok):
            found = list(self.by_noun.get(lemma, []) or self.by_noun.get(tok.lower_, []))
            for rest, frame in self.multiword.get(lemma, ()):
                following = tuple(t.lower_ for t in tok.doc[tok.i + 1: tok.i + 1 + len(rest)])
                if following == rest:
                    found.insert(0, frame)
            return found
        if pos != "ADV" and pos != "ADJ":
            return []
        frames = self.by_verb.get(lemma, []) or self.by_verb.get(_infinitive_guess(tok), [])
        if not frames:
            return []  # no verb of the lexicon, whatever the auxiliaries say
        has_aux = any(c.dep_.startswith("aux") for c in tok.children)
        if (pos == "ADV" and has_aux) or (pos == "ADJ" and (
                tok.morph.get("VerbForm") == ["Part"] or has_aux or avoir_before(tok) is not None)):
            # "les avoirs ont été gelés", "avait violé": a participle the tagger calls an adjective
            # or an adverb, which its auxiliary shows to be a verb
            return frames
        return []


def reads_as_noun(tok: Token) -> bool:
    """A noun, or an adjective the tagger made of a noun it heads with a determiner ("a mené de
    nouvelles frappes": "frappes" tagged ADJ, object of the verb)."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return True
    return tok.pos_ == "ADJ" and tok.dep_ in ("obj", "nsubj", "nsubj:pass", "obl:arg", "obl:mod", "nmod") and \
        any(c.dep_ == "det" for c in tok.children) and not any(c.dep_.startswith("aux") for c in tok.children)


def avoir_before(tok: Token) -> Token | None:
    """"Ottawa a aussi gelé": the form of "avoir" just before ``tok`` (past adverbs), which makes an
    adjective there a past participle."""
    k = tok.i - 1
    while k >= 0 and tok.doc[k].pos_ in ("ADV", "SPACE"):
        k -= 1
    aux = tok.doc[k] if k >= 0 else None
    return aux if aux is not None and aux.lemma_.lower() == "avoir" and aux.pos_ in ("AUX", "VERB") else None


_ER_ENDINGS = ("aient", "ait", "ant", "ent", "ons", "ez", "ées", "és", "ée", "es", "é", "e", "a")


def _infinitive_guess(tok: Token) -> str:
    """The lemmatizer misses some -er verbs ("se tourne" → "tourne"): guess the infinitive."""
    return _guess_infinitive(tok.lower_, tok.lemma_)


@lru_cache(maxsize=65536)
def _guess_infinitive(w: str, lemma: str) -> str:
    for end in _ER_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)] + "er"
    return lemma.lower()


def _stems_of(word: str) -> list[str]:
    w = word.split()[0]
    for end in ("oir", "er", "ir", "re"):
        if w.endswith(end) and len(w) - len(end) >= 3:
            return [w[: -len(end)]]
    if w.endswith("s") or w.endswith("x"):
        return [w[:-1]]
    return [w[:-1] if len(w) > 4 else w]


def _frame(entry: dict, where: str) -> Frame:
    t = entry.get("type")
    if t not in EVENT_TYPES:
        raise LexiconError(f"{where}: type: {t!r} is not a PLOVER type")
    if not entry.get("verbs") and not entry.get("nouns"):
        raise LexiconError(f"{where}: needs verbs or nouns")
    if entry.get("modality") not in (None, "alleged", "possible", "planned", "conditional"):
        raise LexiconError(f"{where}: modality: {entry['modality']!r} is not alleged, possible, planned or conditional")
    return Frame(
        type=t,
        mode=entry.get("mode"),
        verbs=frozenset(entry.get("verbs") or ()),
        nouns=frozenset(entry.get("nouns") or ()),
        actor=tuple(entry.get("actor") or ()),
        recipient=tuple(entry.get("recipient") or ()),
        noun_actor=tuple(entry.get("noun_actor") or ()),
        noun_recipient=tuple(entry.get("noun_recipient") or ()),
        with_obj=frozenset(entry.get("with_obj") or ()),
        not_obj=frozenset(entry.get("not_obj") or ()),
        reflexive=bool(entry.get("reflexive")),
        deal=entry.get("deal"),
        contexts=tuple(entry.get("contexts") or ()),
        needs_recipient=entry.get("needs_recipient", True),
        with_obj_optional=bool(entry.get("with_obj_optional")),
        with_comp=frozenset(entry.get("with_comp") or ()),
        actor_sector=frozenset(entry.get("actor_sector") or ()),
        modality=entry.get("modality"),
        fallback=entry.get("fallback", True),
    )


def _type_rules(path: Path) -> dict[str, TypeRules]:
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = {}
    for t, r in raw.items():
        if t not in EVENT_TYPES:
            raise LexiconError(f"{path}: {t!r} is not a PLOVER type")
        out[t] = TypeRules(
            recipient_fallback=tuple(r.get("recipient_fallback") or ()),
            passive_actor_fallback=tuple(r.get("passive_actor_fallback") or ()),
            domestic=bool(r.get("domestic")),
            domestic_objects=frozenset(r.get("domestic_objects") or ()),
            recipient_first=tuple(r.get("recipient_first") or ()),
            domestic_nouns=bool(r.get("domestic_nouns")),
        )
    return out


def _default_path() -> Path:
    return Path(str(resources.files("veilleur") / "data" / "events" / "triggers.yaml"))


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    p = Path(path) if path else _default_path()
    try:
        entries = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise LexiconError(f"{p}: not valid YAML: {e}") from e
    if not isinstance(entries, list):
        raise LexiconError(f"{p}: expected a list of entries")
    frames = [_frame(e, f"{p.name}: entry {i}") for i, e in enumerate(entries)]
    lex = Lexicon(frames, _type_rules(p.with_name("types.yaml")))
    places = p.with_name("places.yaml")
    if places.exists():
        raw_places = yaml.safe_load(places.read_text(encoding="utf-8")) or {}
        lex.place_nouns = frozenset(raw_places.get("place_nouns") or ())
        lex.time_nouns = frozenset(raw_places.get("time_nouns") or ())
    for e, f in zip(entries, frames, strict=True):
        for w in list(f.verbs) + list(f.nouns):
            for s in _stems_of(w):
                lex.add_stem(s)
        for s in e.get("forms") or ():
            lex.add_stem(s)
    return lex
