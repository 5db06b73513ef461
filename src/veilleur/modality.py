"""Factuality of an event mention (SPEC §4): asserted, alleged, possible, planned,
negated or conditional, read off the trigger and the words that govern it.
Cues are data: ``data/events/modality.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token


@dataclass(frozen=True)
class ModalityCues:
    possible_verbs: frozenset[str]
    possible_adverbs: frozenset[str]
    planned_verbs: frozenset[str]
    planned_nouns: frozenset[str]
    alleged_verbs: frozenset[str]
    alleged_adjectives: frozenset[str]
    negation: frozenset[str]
    negation_dets: frozenset[str]
    deny_verbs: frozenset[str]
    conditional_verbs: frozenset[str]
    conditional_marks: frozenset[str]
    implicative_verbs: frozenset[str] = frozenset()
    deny_forms: frozenset[str] = frozenset()
    future_stems: dict[str, str] = field(default_factory=dict)
    planned_adjectives: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_cues() -> ModalityCues:
    raw = yaml.safe_load((resources.files("veilleur") / "data" / "events" / "modality.yaml").read_text("utf-8"))
    s = lambda *keys: frozenset(w.lower() for w in _dig(raw, keys))  # noqa: E731
    return ModalityCues(
        s("possible", "verbs"), s("possible", "adverbs"), s("planned", "verbs"), s("planned", "nouns"),
        s("alleged", "verbs"), s("alleged", "adjectives"), s("negated", "adverbs"), s("negated", "determiners"),
        s("negated", "verbs"), s("conditional", "verbs"), s("conditional", "marks"),
        s("implicative", "verbs") or IMPLICATIVE_DEFAULT, s("negated", "forms"),
        {k.lower(): v.lower() for k, v in (raw.get("future_stems") or {}).items()},
        s("planned", "adjectives"),
    )


#: verbs whose negation negates their complement ("n'est pas parvenue à arrêter")
IMPLICATIVE_DEFAULT = frozenset({"parvenir", "réussir", "arriver", "oser", "daigner", "pouvoir"})


def _dig(d: dict, keys: tuple[str, ...]) -> list[str]:
    for k in keys:
        d = d.get(k) or {}
    return list(d) if isinstance(d, list) else []


def _future_stem(tok: Token) -> str:
    """The stem of the future and the conditional: irregular ones from data, else the infinitive
    ("livrer-", "fournir-"), -re verbs dropping their e ("vendr-")."""
    lemma = tok.lemma_.lower()
    return load_cues().future_stems.get(lemma) or (lemma[:-1] if lemma.endswith("re") else lemma)


def _surface_conditional(tok: Token) -> bool:
    """The tagger reads some conditionals as imperfects ("violerait"): check the form itself."""
    stem = _future_stem(tok)
    return tok.lower_ in (stem + "ait", stem + "aient", stem + "ais")


_FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont")


def _surface_future(tok: Token) -> bool:
    """The tagger reads some futures as presents ("fourniront"): check the form itself."""
    if tok.pos_ not in ("VERB", "AUX") or "Fin" not in tok.morph.get("VerbForm"):
        return False
    stem = _future_stem(tok)
    return len(stem) >= 3 and tok.lower_ in {stem + e for e in _FUTURE_ENDINGS}


def announced(tok: Token) -> bool:
    """A verb in the future or the conditional, simple or compound: an act announced, not done."""
    if "Fut" in tok.morph.get("Tense") or _surface_future(tok) or _is_conditional(tok):
        return True
    return any(c.dep_.startswith("aux") and ("Fut" in c.morph.get("Tense") or _surface_future(c))
               for c in tok.children)


def _is_conditional(tok: Token) -> bool:
    if "Cnd" in tok.morph.get("Mood") or _surface_conditional(tok):
        return True
    return any(c.dep_.startswith("aux") and "Cnd" in c.morph.get("Mood") for c in tok.children)


def _negated(tok: Token, cues: ModalityCues) -> Token | None:
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ in cues.negation:
            return c
        # "n'excluait plus": "plus" negates only with "ne" ("frappe plus fort" is no negation)
        if c.dep_ == "advmod" and c.lower_ == "plus" and any(n.lower_ in ("ne", "n'", "n’") for n in tok.children):
            return c
        if c.dep_.startswith("aux"):
            for cc in c.children:
                if cc.dep_ == "advmod" and cc.lower_ in cues.negation:
                    return cc
    return None


def _finite_past(tok: Token) -> bool:
    """A conjugated past ("a livré", "livra"): a done act, whatever governs it."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux:tense" for c in tok.children) and "Part" in tok.morph.get("VerbForm"):
        return True
    return "Fin" in tok.morph.get("VerbForm") and "Past" in tok.morph.get("Tense")


def _future_in_past(tok: Token) -> bool:
    """"Trump a déclaré que les États-Unis enverraient des armes": a present conditional reported
    after a past verb of saying is the future seen from the past (a plan), not the journalistic
    conditional of an unconfirmed fact ("aurait livré")."""
    from .attribution import load_cues as speech_cues

    if tok.dep_ != "ccomp" or any(c.dep_.startswith("aux") for c in tok.children):
        return False  # a compound conditional ("aurait livré") reports an unconfirmed past
    head = tok.head
    said = head.lemma_.lower() in speech_cues().speech_verbs or head.lemma_.lower() in ("annoncer", "promettre")
    return said and (_finite_past(head) or "Imp" in head.morph.get("Tense"))


def _governors(tok: Token, depth: int = 4) -> list[Token]:
    """Words above the trigger that can change its status ("pourrait acheter", "visant à acquérir")."""
    out = []
    cur = tok
    for _ in range(depth):
        if cur.dep_ == "conj" and "Inf" in cur.morph.get("VerbForm") and "Inf" in cur.head.morph.get("VerbForm"):
            cur = cur.head  # "allaient annuler … et imposer": the first infinitive's governors are shared
        # not through adverbial clauses: "a annoncé des sanctions, dénonçant une invasion" is no plan
        if cur.head.i == cur.i or cur.dep_ not in ("xcomp", "ccomp", "acl", "nmod", "obj", "obl:arg", "obl",
                                                    "csubj", "nsubj") or (
                cur.dep_ == "advcl" and "Inf" not in cur.morph.get("VerbForm")):
            break
        cur = cur.head
        out.append(cur)
        if cur.pos_ == "VERB" and cur.dep_ in ("ROOT", "parataxis"):
            break
    return out


def classify(trigger: Token) -> tuple[str, list[Token]]:
    """(modality, cue tokens) for one trigger in a parsed sentence."""
    cues = load_cues()
    neg = _negated(trigger, cues)
    if neg is not None:
        return "negated", [neg]
    deny = [c for c in trigger.children if c.lower_ in cues.deny_forms]
    if deny:  # "Moscou dément avoir acheté": the tagger made an adverb of the verb of denial
        return "negated", deny
    if any(c.dep_ == "det" and c.lower_ in cues.negation_dets for c in trigger.children):
        return "negated", [c for c in trigger.children if c.lower_ in cues.negation_dets]
    # "si" clause: a hypothesis
    if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in trigger.children):
        return "conditional", [c for c in trigger.children if c.dep_ == "mark"]
    for adv in trigger.children:
        if adv.dep_ == "advmod" and adv.lower_ in cues.possible_adverbs:
            return "possible", [adv]
    for adj in trigger.children:
        if adj.dep_ == "amod" and adj.lower_ in cues.alleged_adjectives:
            return "alleged", [adj]
    for g in _governors(trigger):
        lemma = g.lemma_.lower()
        if any(c.dep_ == "advmod" and c.lower_ in cues.possible_adverbs for c in g.children):
            return "possible", [g]  # "va probablement bombarder"
        if g.pos_ in ("VERB", "AUX"):
            if lemma in cues.deny_verbs and _negated(g, cues) is not None:
                return "possible", [g, _negated(g, cues)]  # type: ignore[list-item]  # "n'exclut pas de fournir"
            if lemma in cues.deny_verbs:
                return "negated", [g]
            if _negated(g, cues) is not None and (lemma in cues.possible_verbs or lemma in cues.planned_verbs
                                                  or lemma in cues.implicative_verbs):
                return "negated", [g, _negated(g, cues)]  # type: ignore[list-item]
            if lemma in cues.possible_verbs:
                return "possible", [g]
            if lemma in cues.planned_verbs and not _finite_past(trigger):
                # "prévoit de livrer" is planned; "a annoncé qu'elle a livré" is not
                return "planned", [g]
            if lemma in cues.alleged_verbs:
                return "alleged", [g]
            if any(c.dep_ == "advmod" and c.lower_ in cues.possible_adverbs for c in g.children):
                return "possible", [g]
        elif g.pos_ == "NOUN" and lemma in cues.planned_nouns:
            return "planned", [g]
        elif g.pos_ in ("ADJ", "VERB") and g.lower_ in cues.alleged_adjectives:
            return "alleged", [g]
        elif g.pos_ in ("ADJ", "VERB") and g.lower_ in cues.planned_adjectives:
            return "planned", [g]  # "Varsovie s'est dite prête à céder"
    head = trigger.head
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("obj", "nsubj:pass") and head.pos_ == "VERB" and \
            any(c.dep_.startswith("aux") and "Cnd" in c.morph.get("Mood") for c in head.children):
        # "l'Ouganda, qui aurait apporté un soutien logistique au M23": the act its verb reports
        return "alleged", [c for c in head.children if c.dep_.startswith("aux")]
    if _is_conditional(trigger):
        if trigger.lemma_.lower() in cues.conditional_verbs:
            return "conditional", [trigger]
        if _future_in_past(trigger):
            return "planned", [trigger]
        aux = [c for c in trigger.children if c.dep_.startswith("aux")]
        return "alleged", aux or [trigger]
    if "Fut" in trigger.morph.get("Tense") or _surface_future(trigger):
        return "planned", [trigger]
    if trigger.dep_ in ("nsubj", "csubj") and _is_conditional(head) and head.lemma_.lower() in cues.conditional_verbs:
        return "conditional", [head]  # "l'envoi de travailleurs violerait une résolution"
    if trigger.dep_ in ("nsubj", "csubj") and _is_conditional(head):
        # "ses exportations seraient une violation": the conditional bears on the claim
        return "alleged", [head]
    return "asserted", []
