"""Attribution (SPEC §4): the chain of who says an event happened, outermost first.

"…, a rapporté le New York Times, citant des services de renseignement américains"
→ [New York Times (media, USA), services de renseignement américains (intelligence, USA)].
Cues and source kinds are data: ``data/events/attribution.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from .records import ActorMention, Source

SECTOR_KIND = {"SPY": "intelligence", "MIL": "military", "GOV": "government", "DIP": "government",
               "LEG": "government", "JUD": "government", "POL": "government", "IGO": "organization",
               "MED": "media", "CVL": "organization", "REB": "organization"}


@dataclass(frozen=True)
class AttributionCues:
    according_to: frozenset[str]
    speech_verbs: frozenset[str]
    speech_complements: dict[str, frozenset[str]]
    citing: frozenset[str]
    kinds: dict[str, str]  # head lemma -> kind


@lru_cache(maxsize=1)
def load_cues() -> AttributionCues:
    raw = yaml.safe_load((resources.files("veilleur") / "data" / "events" / "attribution.yaml").read_text("utf-8"))
    kinds = {w.lower(): kind for kind, words in raw["kinds"].items() for w in words}
    return AttributionCues(
        frozenset(raw["according_to"]), frozenset(raw["speech_verbs"]),
        {k: frozenset(v) for k, v in raw.get("speech_complements", {}).items()},
        frozenset(raw["citing"]), kinds,
    )


#: (tokens of a noun phrase) -> the actor mentions inside it
MentionsIn = Callable[[list[Token]], list[ActorMention]]


def _to_phrases(head: Token) -> list[Token]:
    """Children of a speaker introduced by "à": "un responsable américain à l'Associated Press"."""
    return [c for c in head.children if c.dep_ in ("nmod", "obl") and
            any(cc.dep_ == "case" and cc.lower_ in ("à", "au") for cc in c.children)]


def _np_tokens(head: Token, skip: frozenset[int] = frozenset()) -> list[Token]:
    """The noun phrase of ``head`` without relative or embedded clauses (nor ``skip`` subtrees)."""
    out = [head]
    stack = [c for c in head.children if c.dep_ not in ("acl:relcl", "acl", "punct", "ccomp", "advcl", "parataxis",
                                                        "case", "mark")]
    while stack:
        t = stack.pop()
        if t.dep_ in ("acl:relcl", "acl", "ccomp", "advcl", "parataxis") or t.i in skip:
            continue
        if t.dep_ == "appos" and t.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ in ("un", "une")
                                                          for d in t.children):
            continue  # "citant des responsables, un développement qui …": a comment, not the speaker
        out.append(t)
        stack.extend(t.children)
    return sorted(out, key=lambda t: t.i)


def _is_speech(v: Token, cues: AttributionCues) -> bool:
    lemma = v.lemma_.lower()
    if lemma not in cues.speech_verbs or v.pos_ not in ("VERB", "AUX"):
        return False
    comp = cues.speech_complements.get(lemma)
    if comp:
        nxt = v.doc[v.i + 1: v.i + 3]
        return any(t.lemma_.lower() in comp or t.lower_ in comp for t in nxt)
    return True


def _source(head: Token, cue: str, mentions_in: MentionsIn, cues: AttributionCues,
            skip: frozenset[int] = frozenset()) -> Source | None:
    if head.pos_ == "PRON":
        return None
    toks = _np_tokens(head, skip)
    found = mentions_in(toks)
    media = [m for m in found if m.kind == "media"]
    m = media[0] if media else (found[0] if found else None)
    lemma = head.lemma_.lower()
    kind = cues.kinds.get(lemma) or cues.kinds.get(head.lower_)
    if m is not None and m.kind == "media":
        kind = "media"
    # "services de renseignement": the kind sits on a modifier of the head
    if kind in (None, "official", "document", "organization"):
        for t in toks:
            k = cues.kinds.get(t.lemma_.lower())
            if k == "intelligence":
                kind = k
                break
    if kind is None and m is not None:
        kind = SECTOR_KIND.get(m.sector or "") or ("government" if m.kind in ("person", "state") else None)
    if kind is None:
        return None
    if m is None and kind not in ("anonymous", "expert", "official"):
        return None  # an uncoded report or body says nothing about who speaks
    text = head.doc.text[toks[0].idx: toks[-1].idx + len(toks[-1])]
    name = m.name if m is not None and m.kind in ("media", "group", "igo") else text
    code = m.code if m is not None else None
    return Source(name=name, code=code, kind=kind, cue=cue, start=toks[0].idx, end=toks[-1].idx + len(toks[-1]))


@lru_cache(maxsize=8)
def _cue_phrases(according_to: frozenset[str]) -> tuple[list[list[str]], dict[str, list[list[str]]] | None]:
    """The "selon X" cues as word lists, longest first, and the same lists by first word (None when
    an empty cue, which matches anywhere, makes that index useless)."""
    phrases = sorted((c.lower().replace("d'", "d' ").replace("l'", "l' ").split() for c in according_to),
                     key=len, reverse=True)
    if any(not p for p in phrases):
        return phrases, None
    by_first: dict[str, list[list[str]]] = {}
    for p in phrases:
        by_first.setdefault(p[0], []).append(p)
    return phrases, by_first


#: lower-case form hash -> the form with straight apostrophes (read from the doc's arrays)
_FORMS: dict[int, str] = {}
#: lemma hash -> is the lower-cased lemma a verb of saying (for the cues in ``_SPEECH_CUES``)
_SPEECH_LEMMAS: dict[int, bool] = {}
_SPEECH_CUES: list[AttributionCues] = []


def _words(sent: Doc) -> list[str]:
    """``t.lower_`` with straight apostrophes for every token, without making Token objects."""
    if len(_FORMS) > 200_000:  # a long run meets many forms: keep the memory flat
        _FORMS.clear()
    strings = sent.vocab.strings
    out = []
    for h in sent.to_array(LOWER).tolist():
        w = _FORMS.get(h)
        if w is None:
            w = _FORMS[h] = strings[h].replace("’", "'")
        out.append(w)
    return out


def _speech_candidates(sent: Doc, cues: AttributionCues) -> list[int]:
    """Indices of the tokens whose lemma is a verb of saying: the only ones ``_is_speech`` can accept."""
    if not _SPEECH_CUES or _SPEECH_CUES[0] is not cues or len(_SPEECH_LEMMAS) > 200_000:
        _SPEECH_CUES[:] = [cues]
        _SPEECH_LEMMAS.clear()
    strings = sent.vocab.strings
    out = []
    for i, h in enumerate(sent.to_array(LEMMA).tolist()):
        hit = _SPEECH_LEMMAS.get(h)
        if hit is None:
            hit = _SPEECH_LEMMAS[h] = strings[h].lower() in cues.speech_verbs
        if hit:
            out.append(i)
    return out


def _according_to(sent, cues: AttributionCues) -> list[tuple[str, list[Token], Token]]:
    """(cue, cue tokens, head of the source phrase) for each "selon X"-like phrase."""
    words = _words(sent)
    phrases, by_first = _cue_phrases(cues.according_to)
    out = []
    i = 0
    while i < len(sent):
        # (only the phrases that start with this word can match here: same order, same first hit)
        starting = by_first.get(words[i], ()) if by_first is not None else phrases
        hit = next((p for p in starting if words[i:i + len(p)] == p), None)
        if hit is None:
            i += 1
            continue
        end = i + len(hit)
        cue = " ".join(hit).replace("' ", "'")
        if hit[-1] in ("source", "sources"):
            np = sent[end - 1]  # "de source diplomatique": the source is the noun of the cue
        else:
            np = next((t for t in sent[end:end + 5] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
            while np is not None and np.dep_ in ("flat:name", "fixed", "compound", "flat") and np.head.i != np.i:
                np = np.head
        if np is not None:
            out.append((cue, list(sent[i:end]), np))
        i = end
    return out


def _ancestors(tok: Token) -> list[Token]:
    out = []
    cur = tok
    while cur.head.i != cur.i and len(out) < 16:
        cur = cur.head
        out.append(cur)
    return out


def _as_circumstance(trigger: Token, verb: Token) -> bool:
    """Does ``trigger`` hang on ``verb`` through a circumstance (an oblique) or as a second act of the
    same subject ("a jugé … et appelé …"), rather than through what the verb says (its object or
    complement clause)?"""
    cur = trigger
    while cur.head.i != cur.i and cur.head.i != verb.i:
        cur = cur.head
    return cur.head.i == verb.i and cur.i != verb.i and cur.dep_ in ("obl", "obl:mod", "advmod", "conj")


def sources_for(trigger: Token, mentions_in: MentionsIn) -> tuple[list[Source], list[Token]]:
    """The attribution chain of the event whose trigger is ``trigger``, and its cue tokens."""
    cues = load_cues()
    sent = trigger.doc
    chain: list[Source] = []
    cue_tokens: list[Token] = []
    up = [trigger, *_ancestors(trigger)]
    up_ids = {t.i for t in up}

    # speech verbs that govern the event ("X a déclaré que …") or comment on it ("…, a rapporté X")
    speakers: list[Token] = []
    for vi in _speech_candidates(sent, cues):  # (the other tokens are no verb of saying)
        v = sent[vi]
        if v.i == trigger.i or not _is_speech(v, cues):
            continue
        subordinate = any(c.dep_ == "mark" and c.lower_ not in ("comme", "que", "qu'") for c in v.children)
        if v.i in up_ids and _as_circumstance(trigger, v):
            continue  # "a annoncé des sanctions en représailles aux ventes d'armes": a reason, not what is said
        if v.i in up_ids or (v.head.i in up_ids and v.dep_ in ("parataxis", "advcl", "conj", "ccomp", "acl", "xcomp")
                             and v.i > trigger.i and not subordinate):
            # (an incise speaks about the event; "après que l'AIEA a certifié …" is a circumstance)
            speakers.append(v)
    # outermost first: the speaker nearest the root
    speakers.sort(key=lambda v: len(_ancestors(v)))
    seen: set[tuple[str | None, str]] = set()

    def add(src: Source | None, cue_tok: Token) -> None:
        if src is None or (src.code, src.kind) in seen and src.kind != "media":
            return
        if any(s.start == src.start for s in chain):
            return
        seen.add((src.code, src.kind))
        chain.append(src)
        cue_tokens.append(cue_tok)

    for v in speakers:
        cue = v.lemma_.lower() if v.lemma_.lower() != "citer" else "citant"
        media_to = [c for c in v.children if c.dep_.startswith("obl") and c.pos_ in ("PROPN", "NOUN")
                    and any(cc.dep_ == "case" and cc.lower_ in ("à", "au") for cc in c.children)]
        for c in media_to:  # "a déclaré un responsable à l'Associated Press": the outlet is outermost
            src = _source(c, f"{v.text} à", mentions_in, cues)
            if src is not None and src.kind == "media":
                add(src, v)
        speakers_np = [c for c in v.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if not speakers_np and v.i > trigger.i:
            # inverted incise "…, a déclaré un responsable": the parser often takes the speaker for an object
            speakers_np = [c for c in v.children if c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN")]
        for sp in speakers_np:
            skip: set[int] = set()
            for c in _to_phrases(sp):  # "… un responsable américain à l'Associated Press": outlet first
                src = _source(c, f"{v.text} à", mentions_in, cues)
                if src is not None and src.kind == "media":
                    add(src, v)
                    skip.update(t.i for t in c.subtree)
            add(_source(sp, v.text, mentions_in, cues, frozenset(skip)), v)
        if v.lemma_.lower() in cues.citing:
            for o in (c for c in v.children if c.dep_ == "obj"):
                add(_source(o, "citant", mentions_in, cues), v)
        for cit in v.children:  # "…, citant X"
            if cit.lemma_.lower() in cues.citing and cit.i != v.i:
                for o in (c for c in cit.children if c.dep_ in ("obj", "obl:arg")):
                    add(_source(o, "citant", mentions_in, cues), cit)
                    for sub in _np_tokens(o):  # "la découverte déclassée des services de renseignement"
                        if sub.i != o.i and sub.pos_ in ("NOUN", "PROPN") and mentions_in([sub]):
                            add(_source(sub, "citant", mentions_in, cues), cit)
                            break

    # "selon X", "d'après X", "de source diplomatique", "à en croire X" (cues from the data file)
    for cue, cue_toks, np in _according_to(sent, cues):
        first = cue_toks[0]
        # the phrase must bear on the event's clause, not on another event's clause
        anchor = np.head
        if anchor.i not in up_ids and not any(a.i in up_ids for a in _ancestors(np)[:1]) and len(speakers) == 0 \
                and anchor.i != np.i and anchor.pos_ == "VERB" and anchor.i != trigger.i and \
                trigger.i not in {a.i for a in _ancestors(anchor)} and anchor.i not in {a.i for a in up}:
            continue
        before = len(chain)
        add(_source(np, cue, mentions_in, cues), first)
        if len(chain) > before:
            cue_tokens.extend(cue_toks[1:])  # every word of "d'après", "à en croire"
        for sub in np.subtree:
            if sub.dep_ == "nmod" and sub.i != np.i and sub.pos_ in ("NOUN", "PROPN"):
                inner = _source(sub, cue, mentions_in, cues)
                if inner is not None and inner.code and (not chain or chain[-1].code != inner.code):
                    add(inner, first)
                break
    return chain, cue_tokens
