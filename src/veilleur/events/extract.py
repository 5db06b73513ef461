"""Event mentions in parsed sentences, and document-level event records.

For each trigger found in a parsed sentence (lexicon lemma + frame constraints),
the actor mentions of the sentence are placed in syntactic *slots* relative to
the trigger (subject, agent, object, prepositional phrases, actor adjectives on
the object …); the frame's ordered slot lists then say which slot holds the
actor and which the recipient. Modality, attribution, arms items and date are
read for the same trigger. Mentions of the same (type, actor, recipient) in a
document are merged into one record (SPEC §2, §7).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from .. import arms, attribution, dates, modality
from ..records import ActorMention, ArmsItem, Source
from ..syntax import (
    clause_tokens,
    clause_with_participles,
    conjunct_head,
    is_passive,
    participle_aside,
    path_to,
    preposition,
    span_head,
    subject_of,
)
from .lexicon import Frame, Lexicon, avoir_before, reads_as_noun


@lru_cache(maxsize=1)
def _goods() -> frozenset[str]:
    raw = yaml.safe_load((resources.files("veilleur") / "data" / "events" / "goods.yaml").read_text("utf-8"))
    return frozenset(w.lower() for w in raw["commodities"])


@lru_cache(maxsize=1)
def _governors() -> dict[str, frozenset[str]]:
    """The word lists of governors.yaml: verbs over a nominal event ("light" ones lend it their
    subject, "stop" ones cancel it), and the nouns and verbs that steer role assignment."""
    raw = yaml.safe_load((resources.files("veilleur") / "data" / "events" / "governors.yaml").read_text("utf-8"))
    return {k: frozenset(v) for k, v in raw.items()}


#: pronouns and possessives resolved to the salient actor
PRONOUNS = frozenset({"il", "elle", "ils", "elles"})
#: verbs of response whose means ("par des sanctions") is the event
RESPONSE_VERBS = frozenset({"riposter", "répondre", "réagir", "répliquer", "rétorquer", "sanctionner", "punir"})
#: participles that name a target: "les sanctions visant l'Iran"
TARGETING = frozenset({"viser", "cibler", "frapper", "concerner", "toucher", "lier"})
#: participles whose "à X" bears a measure ("l'embargo imposé au Soudan du Sud")
IMPOSING = frozenset({"imposer", "infliger", "appliquer", "décréter"})
#: first-person subjects inside a quotation stand for its speaker
SPEAKER_PRONOUNS = frozenset({"nous", "je", "j'"})
STATE_KINDS = frozenset({"state", "igo", "group", "body", "person"})
#: events between partners: coordinated subjects are each other's recipients
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: acts that carry a protest named as their purpose ("pour protester, X a rappelé son ambassadeur")
MEANS_OF_PROTEST = frozenset({"SANCTION", "REJECT", "REDUCE", "RETREAT", "COERCE", "THREATEN"})
#: acts a written text can carry to whoever it is handed ("un mémorandum exigeant …")
ADDRESSED = frozenset({"REQUEST", "THREATEN", "ACCUSE", "REJECT"})
#: cooperative acts whose refusal is a rejection
OVERTURES = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT", "CONCEDE"})
#: nouns of a number of people ("des centaines de manifestants")
CROWD_NOUNS = frozenset({"centaine", "centaines", "millier", "milliers", "dizaine", "dizaines", "foule", "groupe",
                         "cortège", "masse", "million", "millions"})
#: nouns of a border, whose "avec X" or demonym names the neighbour a deployment faces
BORDER_NOUNS = frozenset({"frontière", "frontières", "ligne de front", "ligne", "confins"})
#: prepositions of place
PLACE_PREPS = frozenset({"à", "dans", "en"})
#: acts against someone that a condemnation of a bare grievance ("une violation") answers
HOSTILE = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE", "ACCUSE", "REDUCE", "REJECT", "RETREAT"})
#: the pending type of a condemnation that names a grievance but no act
GRIEVANCE = "HOSTILE"
#: the pending type of an expulsion of envoys whose state is not named ("l'Allemagne expulse quatre
#: diplomates" in an article on Russian diplomats expelled): the state of the envoys expelled before
SAME_ENVOYS = "ENVOYS"
MODALITY_STRENGTH = ("asserted", "alleged", "planned", "possible", "conditional", "negated")


@dataclass
class SentMention:
    mention: ActorMention
    tokens: list[Token]
    head: Token
    prefix: str = ""  # the characters just before the mention ("anti-")
    #: indices of the conjuncts hung on the mention's tokens (read by every trigger of the sentence)
    _conjuncts: list[int] | None = field(default=None, repr=False, compare=False)

    def conjuncts(self) -> list[int]:
        if self._conjuncts is None:
            self._conjuncts = [c.i for t in self.tokens for c in t.children if c.dep_ == "conj"]
        return self._conjuncts


@dataclass
class EventMention:
    frame: Frame
    trigger: Token
    actors: list[ActorMention]
    recipients: list[ActorMention]
    modality: str
    cue_tokens: list[Token]
    attribution: list[Source]
    items: list[ArmsItem]
    deal: str | None
    sentence: int
    base: int  # offset of the sentence in the cleaned text
    date: str | None
    contexts: tuple[str, ...] = field(default_factory=tuple)
    #: "Téhéran a condamné les frappes": the type of the act condemned, whose actor is the recipient,
    #: to be found among the document's other events (see ``resolve_pending``)
    pending: str | None = None
    pending_word: str | None = None  # the noun naming the condemned act ("frappes")
    #: "Pyongyang a tiré un missile. Séoul a condamné ce tir": whoever the demonstrative points back
    #: to, when the article reports no such act as an event
    pending_fallback: list[ActorMention] = field(default_factory=list)


def align_mentions(sent: Doc, base: int, mentions: Sequence[ActorMention]) -> list[SentMention]:
    """Attach each actor mention (cleaned offsets) to the tokens of the parsed sentence."""
    out = []
    text: str | None = None  # (Doc.text joins every token: read it once)
    for m in mentions:
        s, e = m.start - base, m.end - base
        span = sent.char_span(s, e, alignment_mode="expand")
        toks = list(span) if span is not None else []
        if toks:
            if text is None:
                text = sent.text
            out.append(SentMention(m, toks, _described(span_head(toks), m), text[max(0, s - 6):max(0, s)].lower()))
    return out


def _described(head: Token, m: ActorMention) -> Token:
    """"du groupe paramilitaire russe Wagner": a group's name set after the common noun that
    introduces it (and its adjectives) takes that noun's place in the sentence."""
    noun = head.head
    if m.kind == "group" and head.dep_ in ("appos", "nmod") and noun.pos_ == "NOUN" and noun.i < head.i and \
            not any(c.dep_ == "case" for c in head.children) and \
            all(t.dep_ == "amod" and t.head.i == noun.i for t in head.doc[noun.i + 1:head.i]):
        return noun
    return head


class SentenceExtractor:
    """Finds event mentions in one parsed sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    # ------------------------------------------------------------ slots
    def _slots(self, trig: Token, frame: Frame, noun: bool, sms: list[SentMention],
               antecedent: Callable[[Token, frozenset[int]], list[ActorMention]]) -> dict[str, list[ActorMention]]:
        slots: dict[str, list[ActorMention]] = {}

        placed: set[int] = set()  # mentions already in a core slot (subject)

        def put(slot: str, m: ActorMention) -> None:
            lst = slots.setdefault(slot, [])
            if all(x.start != m.start for x in lst):
                lst.append(m)
            if slot in ("subj", "poss"):
                placed.add(m.start)

        by_head = {sm.head.i: sm for sm in sms}
        light_host: Token | None = None  # the light verb that carries a nominal act ("a mené des frappes")
        # (walked once, read by every rule below; with the participles hung on the clause)
        clause_list, clause_acls = clause_with_participles(trig)
        clause = {t.i for t in clause_list}
        # (an unlabelled noun after a verb is its object: "a gelé les avoirs", "gelé" read as an adjective)
        obj_children = {c.i for c in trig.children if c.dep_ in ("obj", "nsubj:pass") or (
            c.dep_ == "dep" and c.pos_ == "NOUN" and c.i > trig.i)} if not noun else \
            {c.i for c in trig.children if c.dep_ == "nmod"}
        passive = (not noun) and is_passive(trig)

        # the object of a relative clause comes first: "les Émirats, qu'il accuse …" — "il" is not them
        relative_objects = [] if noun else _relative_object(trig, sms)
        for m in relative_objects:
            put("obj", m)
        # subject (through control, coordination, participles, relatives)
        if not noun:
            subs, patient = subject_of(trig)
            if passive:
                patient = True
            for k, s in enumerate(subs):
                if k and s.head.i != subs[k - 1].head.i and any(x in slots for x in ("subj", "obj")) \
                        and patient is False:
                    break  # the nearest subject that names an actor wins; co-subjects of one verb all do
                found = [sm for sm in sms if _in_np(sm.head, s)]
                # "L'Espagne, l'Irlande et la Norvège": a list the parser read as appositions
                found += [by_head[c.i] for c in s.children if c.dep_ == "appos" and c.i in by_head
                          and by_head[c.i] not in found]
                for sm in found:
                    put("obj" if patient else "subj", sm.mention)
                    if patient and sm.head.i != s.i and sm.mention.via in ("demonym", "body"):
                        put("origin", sm.mention)  # "les éléments du système russe ont été livrés à …"
                    for ci in sm.conjuncts():  # "la Russie et la Syrie"
                        if ci in by_head:
                            put("obj" if patient else "subj", by_head[ci].mention)
                    if sm.head.i == s.i and s.dep_ == "conj" and s.head.i in by_head and s.i in by_head:
                        # "l'Allemagne et la Pologne expulsant …": the participle hangs on the last conjunct
                        put("obj" if patient else "subj", by_head[s.head.i].mention)
                    for other in _loose_conjuncts(sm, sms):
                        put("obj" if patient else "subj", other.mention)
                if not found and s.lower_ in SPEAKER_PRONOUNS:
                    speaker = _speaker(trig, sms)  # « Nous allons livrer … », a déclaré X
                    if speaker is not None:
                        put("subj", speaker)
                elif not found and s.lower_ in PRONOUNS:
                    for ant in _agreeing_antecedent(s, sms, antecedent, {m.start for m in relative_objects}):
                        put("obj" if patient else "subj", ant)
            if not subs and not passive and "Fin" in trig.morph.get("VerbForm") and trig.i > 0 \
                    and trig.doc[trig.i - 1].text == ",":
                # inverted incise "…, accuse Washington": the name after the verb speaks, and the
                # main clause's subject is what the verb is about
                after = [sm for sm in sms if trig.i < sm.head.i <= trig.i + 4]
                if after:
                    put("subj", after[0].mention)
                    root = trig.doc[0].sent.root if trig.doc[0].sent.root.i != trig.i else None
                    for r in (subject_of(root)[0] if root is not None else []):
                        for sm in sms:
                            if _in_np(sm.head, r) and sm.mention.start not in placed:
                                put("obj", sm.mention)
        else:
            for c in trig.children:
                if c.dep_ == "det" and "Yes" in c.morph.get("Poss"):
                    for ant in _fronted_owner(trig, c, sms) or antecedent(c, frozenset()):
                        put("poss", ant)
            for sp in _caller(trig, sms):
                put("speaker", sp)
            # "Pékin a démenti les accusations de Washington", "a rejeté les appels de Bruxelles à …":
            # who rejects a demand or a charge is whom it was made to
            rejecting = trig.head
            if frame.type in ("ACCUSE", "REQUEST") and rejecting.pos_ == "VERB" and (
                    trig.dep_ in ("obj", "nsubj:pass") or (trig.dep_ == "obl:arg" and preposition(trig) == "à")) and \
                    any(f.type == "REJECT" for f in self.lexicon.frames_for(rejecting)):
                for s in subject_of(rejecting)[0]:
                    for sm in sms:
                        if _in_np(sm.head, s):
                            put("rejecter", sm.mention)
            crowd = trig.head if trig.dep_ == "nmod" and trig.head.lemma_.lower() in CROWD_NOUNS else trig
            if crowd.dep_ == "nsubj" and crowd.head.pos_ == "VERB":
                # "des manifestants irakiens ont incendié l'ambassade de Suède": what the crowd acts on
                for o in (c for c in crowd.head.children if c.dep_ in ("obj", "obl:arg", "obl:mod")):
                    for sm in sms:
                        if _in_np(sm.head, o) and sm.mention.kind in ("body", "state"):
                            put("verb_target", sm.mention)
            head = trig.head
            if head.pos_ == "VERB" and preposition(trig) == "par" and head.lemma_.lower() in RESPONSE_VERBS:
                for s in subject_of(head)[0]:  # "les Occidentaux ont riposté par des sanctions"
                    for sm in sms:
                        if _in_np(sm.head, s):
                            put("subj", sm.mention)
            root = next((t for t in trig.doc if t.dep_ == "ROOT" and
                         t.pos_ == "VERB"), None)
            between = [a for a in trig.ancestors if root is not None and a.i != root.i and root.i in
                       {x.i for x in a.ancestors}]
            if "rejecter" in slots:
                pass  # "a démenti les accusations de X": the denier made no accusation
            elif root is not None and root.i < trig.i and root.lemma_.lower() in _governors()["light"] and \
                    trig.dep_ in ("obj", "nmod", "appos") and root.i in {a.i for a in trig.ancestors} and \
                    all(a.lemma_.lower() in self.lexicon.time_nouns for a in between):
                # "ont mené dans la nuit de jeudi à vendredi une série de frappes": the parser lost the
                # object, but the light verb's subject still leads the act
                light_host = root
                for s in subject_of(root)[0]:
                    for sm in sms:
                        if _in_np(sm.head, s):
                            put("subj", sm.mention)
            if frame.type == "CONSULT" and trig.dep_.startswith("obl") and head.pos_ in ("VERB", "AUX") and \
                    preposition(trig) in ("pendant", "durant", "lors de", "au cours de"):
                # "Xi a averti lors d'un entretien téléphonique avec Joe Biden": who speaks during a
                # meeting takes part in it
                for s in subject_of(head)[0]:
                    for sm in sms:
                        if _in_np(sm.head, s):
                            put("subj", sm.mention)
            # ("a effectué mardi des tirs": the parser took the day for the object and "des tirs" for an oblique)
            # ("a procédé à l'expulsion": the light verb takes its act with "à")
            partitive = trig.dep_ in ("obl:arg", "obl:mod") and any(
                c.dep_ == "case" and c.lower_ in ("des", "du", "de", "à", "au", "aux") for c in trig.children)
            if (trig.dep_ in ("obj", "nsubj:pass") or partitive) and head.pos_ == "VERB" and \
                    head.lemma_.lower() in _governors()["light"] and "rejecter" not in slots:
                light_host = head
                subs, _ = subject_of(head)
                for s in subs:
                    for sm in sms:
                        if sm.head.i == s.i:
                            put("subj", sm.mention)

        for sm in sms:
            if noun and any(t.i == trig.i for t in sm.tokens) and sm.mention.via == "body" and \
                    sm.mention.start not in placed:
                put("amod", sm.mention)  # "les frappes israéliennes": the act read as a body of its state
                continue
            if sm.head.i == trig.i or any(t.i == trig.i for t in sm.tokens) or sm.mention.start in placed:
                continue
            path = path_to(sm.head, trig)
            from_host = False
            if path is None and light_host is not None:
                # "a mené des frappes en Syrie": the light verb's adjuncts are the act's
                up = path_to(sm.head, light_host)
                if up and len(up) <= 3 and up[-1].dep_ in ("obl", "obl:mod", "obl:arg") and \
                        trig.i not in {t.i for t in up[-1].subtree} and preposition(up[-1]) not in (None, "selon", "d'après"):
                    path, from_host = up, True
                    clause.add(sm.head.i)
            if path is None and noun and trig.dep_.startswith("obl") and trig.head.pos_ in ("VERB", "AUX"):
                # "a averti lors d'un entretien téléphonique avec son homologue Joe Biden": the parser hung
                # the partner on the verb, right after the act's phrase
                up = path_to(sm.head, trig.head)
                if up and len(up) <= 3 and up[-1].dep_.startswith("obl") and preposition(up[-1]) == "avec" and \
                        _right_after(trig, up[-1]):
                    path, from_host = up, True
                    clause.add(sm.head.i)
            if path is None or sm.head.i not in clause:
                # PROTEST in a capital: "rassemblées dans le centre de Téhéran"
                continue
            if noun and len(path) >= 2 and path[-1].dep_ == "acl" and path[-1].lemma_.lower() in _governors()["light"]:
                path = path[:-1]  # "l'attaque menée par un commando": the participle only carries the noun's roles
            if noun and len(path) > 2 and not _de_chain(path) and not from_host:
                continue  # a nominal event's arguments hang on the noun itself, or on a chain of "de"
            if not noun and len(path) > 3 and not _de_chain(path[:-1]) and preposition(sm.head):
                continue  # deep in a phrase: "qualifié de violation de la souveraineté et de l'intégrité du Yémen"
            if any(preposition(t) in ("pendant", "durant") for t in path[1:]):
                continue  # "a confirmé le transfert lors d'une visite à Londres": when, not with whom
            if frame.type == "ACCUSE" and _through_victim(path[1:]):
                continue  # "qualifie de violation de la souveraineté du Yémen": the victim is not accused
            if sm.prefix.endswith(("anti-", "anti")):
                put("anti", sm.mention)  # "manifestation anti-américaine": the target, never the actor
                continue
            if any(t.dep_ in ("xcomp", "ccomp", "advcl") and t.pos_ in ("VERB", "AUX") for t in path[1:]):
                # inside an embedded clause ("accusé X de fournir des munitions au groupe Wagner"):
                # that clause's arguments are not this event's, except a threatened act's target
                if not noun and path[-1].dep_ == "xcomp":
                    put("xobj", sm.mention)
                continue
            if not noun and sm.head.dep_ == "amod" and path[-1].i in obj_children and len(path) <= 3 \
                    and sm.head.head.lower_ in _governors()["owner_nouns"]:
                put("owner", sm.mention)  # "l'essentiel des armements pakistanais": whose forces
            prep = preposition(sm.head)
            if prep is None and sm.head.pos_ == "PROPN" and sm.head.dep_ in ("nmod", "obj") and \
                    sm.head.head.lemma_.lower() in self.lexicon.time_nouns and not noun:
                put("obj", sm.mention)  # "a accusé dans la soirée Téhéran de mentir": the parser's slip
                continue
            if noun and len(path) > 2 and prep in (None, "de"):
                # in a chain of "de", the noun's own complement gives the role — unless the actor has a
                # preposition of its own the parser hung too low ("la vente de 66 avions de combat à Taïwan")
                prep = preposition(path[-1])
            if prep is None and len(path) >= 2 and all(t.dep_ in ("nmod", "amod", "appos", "flat:name", "flat")
                                                        for t in path[:-1]):
                prep = preposition(path[-1])  # "par un commando des islamistes shebab" → par
            if prep == "par" and passive and len(path) <= 2:
                put("agent", sm.mention)  # "livrés à l'Ukraine par la France": the parser hung the agent on the oblique
                continue
            if prep and any(sm.head.head.i in {t.i for t in o.tokens} for o in sms if o is not sm):
                if prep in ("à", "en", "auprès de") and sm.head.head.lemma_.lower() in _governors()["envoys"]:
                    put("post", sm.mention)  # "l'ambassadeur algérien à Paris": where the envoy serves
                continue  # a modifier inside another actor's phrase: "l'ambassade de France au Caire"
            if prep is None and sm.head.dep_ == "amod" and sm.head.head.i != trig.i:
                prep = preposition(sm.head.head)  # "contre l'occupation chinoise" → contre
            if _border_of(sm.head, prep):
                put("border", sm.mention)  # "à sa frontière avec la Biélorussie", "à la frontière ukrainienne"
            top = path[-1]
            # an actor inside the object, one phrase deep: "l'indépendance de Donetsk"
            in_obj = top.i in obj_children and len(path) <= 2
            if prep in ("selon", "d'après"):
                continue
            if prep == "par":
                put("agent", sm.mention)
                continue
            # (but "a annoncé l'envoi de 14 chars Leopard 2 à Kiev": an "à" right after the act's own
            # phrase is the act's, wherever the parser hung it)
            right_after = prep == "à" and from_host and _right_after(trig, path[-1])
            if from_host and prep in PLACE_PREPS and not right_after and not (
                    prep == "à" and light_host is not None and light_host.lemma_.lower() in _governors()["dative_light"]):
                # "a signé à Berlin une lettre d'engagement pour l'achat à Israël": where the light
                # verb happens is only a place, never the act's partner
                if sm.mention.kind in ("state", "region", "city"):
                    put("loc", sm.mention)
                continue
            if prep:
                if sm.head.dep_ == "conj" and sm.head.head.i != trig.i:
                    # coordinated with a phrase that has the preposition (not with the act itself:
                    # "avec le soutien de l'Australie, … et des Pays-Bas" keeps its own "de")
                    first = sm.head.head
                    prep = preposition(first) or prep
                put(prep, sm.mention)
                if in_obj:
                    put("obj_in", sm.mention)
                outer = preposition(sm.head.head) if prep == "de" and sm.head.head.i != trig.i else None
                if outer and outer not in ("de", "par", "selon"):
                    put(outer, sm.mention)  # "avec des représentants du Mali" → avec Mali
                elif outer == "par":
                    put("agent", sm.mention)  # "menée par un commando des talibans"
                places = self.lexicon.place_nouns
                place_adj = sm.head.lemma_.lower() in places or (
                    sm.head.dep_ == "amod" and sm.head.head.lemma_.lower() in places)
                if (sm.mention.via in ("metonym", "name") or place_adj) and sm.mention.kind in ("state", "region", "city") \
                        and (prep in ("à", "dans", "en", "sur") or outer in ("à", "dans", "en", "sur")):
                    put("loc", sm.mention)
                if prep == "de" and any(t.lemma_.lower() in ("fabrication", "origine", "conception", "production")
                                        for t in path[1:]):
                    put("origin", sm.mention)
                continue
            if sm.head.i == top.i:
                dep = top.dep_
                if dep == "nsubj" and not passive:
                    put("subj", sm.mention)
                elif dep in ("nsubj:pass", "obj"):
                    put("obj", sm.mention)
                    if sm.mention.via == "demonym":  # "acheter d'autres nord-coréens du matériel"
                        put("origin", sm.mention)
                elif dep == "iobj":
                    put("à", sm.mention)
                elif dep == "obl:agent":
                    put("agent", sm.mention)
                elif dep == "amod" and noun:
                    put("amod", sm.mention)
                elif dep == "conj":
                    continue
                elif dep == "xcomp" and sm.head.pos_ == "PROPN" and not noun:
                    put("obj", sm.mention)  # "a appelé Washington à …": the parser's xcomp is the object
                elif dep in ("obl:mod", "obl") and sm.head.pos_ == "PROPN" and not noun and \
                        0 < sm.tokens[0].i - trig.i <= 2:
                    put("obj", sm.mention)  # "a sollicité Pékin afin de …": a bare name right after the verb
                else:
                    put("obj_in", sm.mention)
            elif top.dep_ == "xcomp" and not noun:
                put("xobj", sm.mention)  # "menacé d'envahir l'ambassade équatorienne"
            else:
                is_adj = sm.head.pos_ == "ADJ" or sm.mention.via == "demonym"
                if is_adj and (in_obj or top.dep_ in ("obl:arg", "obl:mod", "nmod")):
                    put("origin", sm.mention)
                if in_obj:
                    put("obj_in", sm.mention)
        # "dénonçant une invasion russe", "condamne les frappes israéliennes": the agent of the act
        # named in the object is whom the condemnation is about
        if not noun:
            for o in (c for c in trig.children if c.dep_ == "obj"):
                for t in o.subtree:
                    if t.pos_ != "NOUN" or t.i == trig.i or not self.lexicon.frames_for(t):
                        continue
                    for sm in sms:
                        if sm.head.head.i == t.i and (sm.head.dep_ == "amod" or preposition(sm.head) in ("par",)):
                            put("obj_agent", sm.mention)
                        # "a critiqué la visite à Moscou de Viktor Orban": who acted, not where
                        if sm.head.head.i == t.i and t.i == o.i and (
                                sm.head.dep_ == "amod" or preposition(sm.head) in ("par", "de")):
                            put("obj_doer", sm.mention)
                # "a qualifié de violation le survol du territoire américain par un ballon chinois"
                for sm in sms:
                    by = sm.head.head if sm.head.dep_ == "amod" else sm.head
                    if by.head.i == o.i and preposition(by) == "par" and o.pos_ == "NOUN":
                        put("obj_doer", sm.mention)
        # "a dénoncé « un coup dans le dos » de l'Australie et une décision américaine": an actor anywhere
        # in the object's phrase, however the parser nested it (a last resort for whom a judgement is about)
        if not noun:
            for o in (c for c in trig.children if c.dep_ == "obj"):
                for sm in sms:
                    up = path_to(sm.head, o)
                    if up is not None and len(up) <= 5 and all(
                            t.dep_ in ("nmod", "amod", "conj", "appos", "flat:name") for t in up) and \
                            not _through_victim([*up[1:], o]):
                        put("obj_deep", sm.mention)
        # "a dépêché des navires pour dissuader la Russie": whom a show of force aims at
        if not noun and frame.type == "MOBILIZE":
            aims = _governors()["deterring"]
            for v in (trig, conjunct_head(trig) if trig.dep_ == "conj" else None):
                for c in (v.children if v is not None else ()):
                    if c.dep_ == "advcl" and c.lemma_.lower() in aims and \
                            any(m.dep_ == "mark" and m.lower_ in ("pour", "afin") for m in c.children):
                        for sm in sms:
                            up = path_to(sm.head, c)
                            if up and len(up) <= 2 and up[-1].dep_ == "obj" and \
                                    all(t.dep_ in ("amod", "nmod", "flat:name") for t in up[:-1]):
                                put("aim", sm.mention)
        # "a exprimé sa profonde indignation face aux agissements de la Chine", "a vivement réagi après
        # la visite de Nancy Pelosi à Taïwan": whoever did what provoked the disapproval
        if frame.type == "ACCUSE" and frame.mode == "disapprove":
            causes = _governors()["causes"]
            for a in (trig, light_host):
                for c in (a.children if a is not None else ()):
                    if c.dep_.startswith(("obl", "nmod", "advcl")) and preposition(c) in causes:
                        # the first actor of the phrase: "la vente d'armes américaines à Taïwan"
                        doers = [sm for sm in sms if sm.mention.start not in placed and
                                 (up := path_to(sm.head, c)) is not None and len(up) <= 4 and
                                 not _through_victim([*up[1:], c])]
                        if doers:
                            put("cause", min(doers, key=lambda sm: sm.mention.start).mention)
        # "a salué le plan présenté par Pékin": the author of what is judged
        if not noun:
            # (on the object itself unless it names an actor: "a accusé Kiev, soutenu par Washington, de …")
            # ("a opposé son veto à un projet de résolution présenté par les États-Unis": what an "à"
            # complement names is judged too, and a participle may hang on its "de" complement)
            judged_nouns = [o for o in trig.children if o.i not in by_head and (
                o.dep_ in ("obj", "nsubj:pass") or (o.dep_ == "obl:arg" and preposition(o) == "à"))]
            judged_nouns += [n for o in judged_nouns for n in o.children if n.dep_ in ("nmod", "amod")
                             and n.i not in by_head]
            judged = [c for o in judged_nouns for c in o.children]
            for t in [*clause_list, *judged]:
                if t.dep_ == "acl" and t.pos_ == "VERB" and t.i != trig.i:
                    for sm in sms:
                        if sm.head.head.i == t.i and (sm.head.dep_ == "obl:agent" or preposition(sm.head) == "par"):
                            put("obj_agent", sm.mention)
        # "un pétrolier battant pavillon britannique": the flag state owns the object
        gov = _governors()
        for _t, c in clause_acls:
            if c.lemma_.lower() in gov["flag_participles"] and any(
                    o.lemma_.lower() in gov["flag_nouns"] for o in c.children if o.dep_ == "obj"):
                for sm in sms:
                    if path_to(sm.head, c) is not None and len(path_to(sm.head, c) or []) <= 2:
                        put("origin", sm.mention)
                        put("obj_in", sm.mention)
        # "l'accusant de partialité": a clitic object pronoun stands for an actor named before
        if not noun and "obj" not in slots:
            for c in trig.children:
                if c.dep_ == "obj" and c.i < trig.i and c.lower_ in ("l'", "l’", "le", "la", "les"):
                    # not a place a noun is at: in "a confirmé le transfert lors d'une visite à Londres,
                    # le qualifiant d'escalade", "le" is the transfer
                    here = {sm.mention.start for sm in sms if not (
                        preposition(sm.head) in PLACE_PREPS and sm.head.head.pos_ == "NOUN")}
                    for ant in antecedent(c, frozenset(placed)):
                        if ant.start in here:  # only a referent of the same sentence: "le" is too vague
                            put("obj", ant)
        # "avant de lui retirer le statut de nation la plus favorisée": a dative clitic stands for an
        # actor named before in the sentence (not the subject's own)
        if not noun and "à" not in slots:
            for c in trig.children:
                if c.dep_ == "iobj" and c.i < trig.i and c.lower_ in ("lui", "leur"):
                    # (nor the subject of a clause above: in "que Kiev accuse Téhéran de lui avoir
                    # fournis", "lui" is not Kiev)
                    above = {sm.mention.start for sm in sms for a in trig.ancestors if a.pos_ in ("VERB", "AUX")
                             for sub in subject_of(a)[0] if _in_np(sm.head, sub)}
                    # (and a participant, not a place: "les villes ukrainiennes")
                    minor = {sm.mention.start for sm in sms if sm.head.dep_ not in (
                        "nsubj", "nsubj:pass", "obj", "iobj", "obl:arg", "appos", "xcomp")}
                    here = {sm.mention.start for sm in sms} - above - minor
                    for ant in antecedent(c, frozenset(placed) | above | minor):
                        if ant.start in here:
                            put("à", ant)
        # "l'embargo sur les armes visant la Libye": the target of a targeting participle
        for t, c in clause_acls:
            # ("l'embargo sur les armes imposé au Soudan du Sud": the one it is imposed on)
            imposed = c.lemma_.lower() in IMPOSING and frame.type == "SANCTION"
            if (imposed or c.lemma_.lower() in TARGETING) and (
                    c.lemma_.lower() != "lier" or any(f.type == "SANCTION" for f in self.lexicon.frames_for(t))):
                for sm in sms:
                    up = path_to(sm.head, c)  # "liées au programme nucléaire iranien"
                    if up and len(up) <= 3 and up[-1].dep_ in ("obj", "obl:arg") and all(
                            t.dep_ in ("nmod", "amod", "flat:name") for t in up[:-1]) and (
                            not imposed or preposition(up[-1]) == "à"):
                        put("contre", sm.mention)
                        put("obj_in", sm.mention)
        # "a prévenu que l'Iran s'exposerait …": the subject of the clause a warning is about
        # ("… et que l'Iran s'exposerait": in a coordinated clause too); else an actor the
        # clause's verb governs ("que toute livraison ferait de l'Allemagne une partie au conflit")
        if not noun:
            comps = [c for c in trig.children if c.dep_ == "ccomp"]
            comps += [cc for c in comps for cc in c.children if cc.dep_ == "conj" and cc.pos_ in ("VERB", "AUX")]
            for c in comps:
                for sm in sms:
                    if any(_in_np(sm.head, x) for x in c.children if x.dep_ in ("nsubj", "nsubj:pass")):
                        put("ccomp_subj", sm.mention)
                    elif sm.head.head.i == c.i and sm.head.dep_ in ("obj", "obl:arg", "iobj"):
                        put("ccomp_arg", sm.mention)
        # "X estime que Y viole …": the one who says it, and the agent of an act named as subject
        if not noun:
            if trig.dep_ == "ccomp" and trig.head.pos_ in ("VERB", "AUX") and (
                    trig.head.lemma_.lower() in _opinion_verbs()):
                for s in subject_of(trig.head)[0]:
                    for sm in sms:
                        if _in_np(sm.head, s):
                            put("speaker", sm.mention)
                            for other in _loose_conjuncts(sm, sms):
                                put("speaker", other.mention)
            # "« L'Amérique devra payer un prix lourd », a averti un responsable houthi": the quoted
            # clause's root carries the reporting verb that follows it
            rep = _reporting_verb(trig)
            for s in (subject_of(rep)[0] if rep is not None else ()):
                for sm in sms:
                    if _in_np(sm.head, s):
                        put("speaker", sm.mention)
            for c in (c for c in trig.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
                      and self.lexicon.frames_for(c)):
                for sm in sms:
                    if sm.head.head.i == c.i and (sm.head.dep_ == "amod" or preposition(sm.head) == "par"):
                        put("subj_agent", sm.mention)
        # coordination: "l'indépendance de Donetsk et Louhansk"; the list grows as it is read, so a
        # chain the parser nested ("de la Cedeao, de l'Union africaine et de l'ONU") comes along whole
        for lst in slots.values():
            for m in lst:
                sm = next((x for x in sms if x.mention.start == m.start), None)
                if sm is None:
                    continue
                for ci in sm.conjuncts():
                    if ci in by_head and all(x.start != by_head[ci].mention.start for x in lst):
                        lst.append(by_head[ci].mention)
        # "les islamistes somaliens shebab": the group named, not the adjective beside it
        for key, lst in slots.items():
            named_heads = {x.head.i for x in sms if x.mention.kind in ("group", "igo") and x.mention in lst}
            if not named_heads:
                continue  # (no group named: the filter below would keep every mention)
            slots[key] = [m for m in lst if not any(
                x.mention is m and x.mention.via == "demonym" and x.head.pos_ == "ADJ" and x.head.head.i in
                {y.head.head.i for y in sms if y.head.i in named_heads} | named_heads for x in sms)]
        # "manifestation anti-américaine"
        for t in clause_list:
            if t.i in by_head and t.lower_.startswith("anti"):  # (also "anti-"; only a mention's head matters)
                for sm in sms:
                    if sm.head.i == t.i:
                        put("anti", sm.mention)
        return slots

    def _condemned_act(self, trig: Token) -> tuple[str | None, str | None]:
        """The event type and noun of an act named as the object ("a condamné les frappes")."""
        acts = {"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE", "AID"}
        # the object ("a condamné les frappes"), or the subject of a passive or of a violation
        # ("les frappes ont été condamnées", "ces transferts violent la résolution")
        for o in (c for c in trig.children if c.dep_ in ("obj", "nsubj:pass", "nsubj")):
            for t in [o, *(c for c in o.children if c.dep_ == "nmod")]:
                if t.pos_ == "NOUN":
                    types = {f.type for f in self.lexicon.frames_for(t)} & acts
                    if types:
                        return sorted(types)[0], t.lemma_.lower()
        return None, None

    def _rejected_claim(self, trig: Token) -> str:
        """The type of what a rejection answers: an accusation when the object names one, else a request."""
        for o in (c for c in trig.children if c.dep_ == "obj"):
            if o.lower_ in ("que", "qu'", "qu’") and trig.dep_ == "acl:relcl":
                o = trig.head.head  # "Washington accuse Téhéran de …, ce que l'Iran dément": the main verb
            types = {f.type for f in self.lexicon.frames_for(o)}
            if "ACCUSE" in types:
                return "ACCUSE"
        return "REQUEST"

    # ------------------------------------------------------------ frames
    def _frame_ok(self, trig: Token, frame: Frame, noun: bool) -> bool:
        if noun:
            if not frame.with_obj:
                return True
            # "le retrait « avec effet immédiat » de son ambassadeur": the parser may hang the
            # complement one step lower
            nmods = [c for c in trig.children if c.dep_ == "nmod"]
            nmods += [g for c in nmods for g in c.children if g.dep_ in ("nmod", "conj")]
            return bool(frame.nouns) and any(c.lemma_.lower() in frame.with_obj for c in nmods)
        # (the objects are read only for a frame that constrains them)
        if ((frame.with_obj and not frame.with_obj_optional) or frame.with_comp) and not self._objects_ok(trig, frame):
            return False
        if frame.not_obj and {c.lemma_.lower() for c in trig.children if c.dep_ in ("obj", "nsubj:pass")} & \
                frame.not_obj:
            return False
        if not frame.reflexive:
            return True
        return any(c.lower_ in ("se", "s'", "me", "te", "nous", "vous") and
                   c.dep_ in ("expl:comp", "expl:pv", "expl:pass", "obj", "iobj", "expl") for c in trig.children)

    def _objects_ok(self, trig: Token, frame: Frame) -> bool:
        """The ``with_obj`` and ``with_comp`` constraints of a verb's frame."""
        objs = [c for c in trig.children if c.dep_ in ("obj", "nsubj:pass", "obl:arg", "obl", "obl:mod", "xcomp")
                or (c.dep_ == "dep" and c.pos_ == "NOUN" and c.i > trig.i)]
        collective = _governors()["collective"]
        objs += [n for o in objs if o.lemma_.lower() in collective or o.lemma_.lower() in self.lexicon.time_nouns
                 or o.text[:1].isupper()  # "a suspendu le Gabon de ses instances": on the name
                 for n in o.children if n.dep_ == "nmod"]  # "rappelé la semaine dernière ses ambassadeurs"
        # "a massé plus de 100 000 soldats": the parser hangs the noun on the quantity adverb
        objs += [n for a in trig.children if a.dep_ == "advmod" and a.lower_ in ("plus", "moins", "près")
                 for n in a.children if n.dep_ in ("obl:arg", "obl", "obl:mod", "nmod")]
        # "a jugé la réaction chinoise « disproportionnée »": the parser hangs the attribute on the object
        objs += [a for o in trig.children if o.dep_ == "obj" for a in o.children if a.dep_ == "amod" and a.i > o.i]
        # "les chars promis à Kiev", "les F-16 que le Danemark avait promis": the noun the participle
        # or the object relative clause hangs on is the verb's object
        if trig.dep_ == "acl" or (trig.dep_ == "acl:relcl" and any(
                c.lower_ in ("que", "qu'", "qu’") and c.dep_ in ("obj", "mark") for c in trig.children)):
            objs.append(trig.head)
        obj_lemmas = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
        if frame.with_obj and not frame.with_obj_optional and not (obj_lemmas & frame.with_obj):
            return False
        if frame.with_comp:
            comps = [c for c in trig.children if c.dep_ in ("xcomp", "advcl", "ccomp", "acl")]
            comps += [n for o in objs for n in o.children if n.dep_ in ("nmod", "acl", "xcomp")]
            if not {c.lemma_.lower() for c in comps} & frame.with_comp:
                return False
        return True

    def find(self, sent: Doc, base: int, sentence_index: int, sms: list[SentMention],
             antecedent: Callable[[Token, frozenset[int]], list[ActorMention]], doc_date: str | None,
             original: str | None = None) -> list[EventMention]:
        """Event mentions of one parsed sentence; ``original`` is its unmasked text."""
        out: list[EventMention] = []
        sent_date: str | None | bool = False  # computed lazily
        for ti in self.lexicon.trigger_candidates(sent):  # (the tokens of no lexicon entry have no frames)
            trig = sent[ti]
            frames = self.lexicon.frames_for(trig)
            if not frames:
                continue
            noun = reads_as_noun(trig)
            if trig.dep_ == "acl" and trig.lemma_.lower() in TARGETING and trig.head.pos_ in ("NOUN", "PROPN"):
                continue  # "des sanctions visant Minsk" names a target, it is no attack
            stopped = trig.head if trig.dep_ == "conj" else trig  # ("… ses exportations et son aide")
            if noun and stopped.dep_ in ("obj", "nsubj:pass") and stopped.head.lemma_.lower() in _governors()["stop"]:
                continue  # "a suspendu ses exportations d'armes": the stop is the event, not the exports
            if not noun and _purpose(trig) and any(f.type == "PROTEST" for f in frames) and \
                    any(f.type in MEANS_OF_PROTEST for f in self.lexicon.frames_for(trig.head)):
                continue  # "Pour protester contre ces ventes, l'Arménie a rappelé son ambassadeur": the recall is the act
            if not noun and any(c.dep_ == "mark" and c.lower_ == "comme" for c in trig.children) and \
                    any(c.dep_ == "obj" and c.lower_ in ("l'", "l’", "le") for c in trig.children):
                continue  # "comme l'exige la convention de Vienne": an incise, no act
            if trig.dep_ == "acl" and trig.head.lemma_.lower() in _governors()["documents"] and \
                    trig.lemma_.lower() in ("interdire", "autoriser"):
                continue  # "les résolutions de l'ONU interdisant à Pyongyang toute activité balistique": a rule
            if _hypothesis(trig):
                continue  # "Si la Chine venait à envahir Taïwan, …": a case considered, no event
            if not noun and _indirect_question(trig):
                continue  # "Pékin n'a pas précisé s'il accorderait des prêts": unknown, no event
            if not noun and any(_purpose(c) and c.lemma_.lower() in _governors()["celebrations"]
                                for c in trig.children) and any(f.type == "PROTEST" for f in frames):
                continue  # "sont descendus dans la rue pour célébrer l'annonce": no protest
            for frame in frames:
                host = _avoir_host(trig) if not noun else None
                if not self._frame_ok(host or trig, frame, noun):
                    continue
                anchor = host or trig
                # "une série de frappes contre …", "une lettre d'engagement pour l'achat": the carrier
                # noun holds the arguments
                for _ in range(2):
                    if noun and anchor.dep_ == "nmod" and anchor.head.lemma_.lower() in _governors()["collective"]:
                        anchor = anchor.head
                slots = self._slots(anchor, frame, noun, sms, antecedent)
                if frame.type == "AID" and any(m.kind == "person" for m in slots.get("obj", [])):
                    continue  # handing over a person ("remettre Assange aux États-Unis") is no aid
                actor_order = frame.noun_actor if noun else frame.actor
                recip_order = frame.noun_recipient if noun else frame.recipient
                # (a city is struck or visited, it never acts: "les rebelles de Homs" are not Syria)
                doers = {k: [m for m in v if m.kind != "city"] for k, v in slots.items()}
                actors = _first(doers, actor_order, exclude=set())
                rules = self.lexicon.types.get(frame.type)
                if not actors and rules is not None and not noun and is_passive(trig) and "agent" not in slots:
                    actors = _first(doers, rules.passive_actor_fallback, exclude=set())
                if frame.actor_sector:
                    actors = [a for a in actors if a.sector in frame.actor_sector]
                if not actors:
                    continue
                actor_codes = {a.code for a in actors}
                if not noun and frame.type != "THREATEN" and modality.announced(trig):
                    out.extend(self._conditional_threat(trig, actors, sms, antecedent, sentence_index, base,
                                                        doc_date, original))
                if rules is not None and rules.recipient_first:
                    recip_order = (*rules.recipient_first, *recip_order)
                recipients = _first(slots, recip_order, exclude=actor_codes)
                if not recipients and not noun and rules is not None and rules.domestic and participle_aside(trig):
                    # "a pilonné la banlieue sud de Beyrouth, tuant au moins quarante personnes": the
                    # participle's victims are those of the act it follows, not the actor's own people
                    recipients = _shared_recipients(trig, out, actor_codes)
                if not recipients and not noun and frame.type in ADDRESSED:
                    # "a remis à la partie américaine un document exigeant …": the paper's addressee
                    recipients = [a for a in _addressee(trig, sms) if a.code not in actor_codes]
                if not recipients and rules is not None and frame.fallback:
                    recipients = _first(slots, rules.recipient_fallback, exclude=actor_codes)
                    if not recipients and rules.domestic and _domestic_ok(trig, noun, rules):
                        recipients = [a for a in actors if a.kind in ("state", "body", "person")][:1]
                if frame.type in SYMMETRIC and len(actors) >= 2 and recipients and \
                        all(r in slots.get("loc", ()) for r in recipients):
                    recipients = []  # "se sont réunies mardi à Riyad": a meeting place, not a partner
                symmetric = frame.type in SYMMETRIC and not recipients and len(actors) >= 2
                pending = pending_word = None
                fallback: list[ActorMention] = []
                if not recipients and not noun and frame.type in ("ACCUSE", "PROTEST"):
                    pending, pending_word = self._condemned_act(trig)
                    this = next((d for o in trig.children if o.dep_ in ("obj", "nsubj:pass") for d in o.children
                                 if d.dep_ == "det" and d.lower_ in ("ce", "cet", "cette", "ces")), None)
                    if pending is None and (frame.with_obj or any(
                            c.dep_ in ("obj", "nsubj:pass") and c.lemma_.lower() in _governors()["grievances"]
                            for c in trig.children)):
                        pending = GRIEVANCE  # a grievance, or a word of blame ("a jugé inacceptable")
                    if pending is not None and this is not None:
                        # "ce déploiement", "ce nouveau lancement": what an earlier sentence reported
                        # (not a name in this one: "l'Otan, dont le chef a reçu … à Bruxelles, a qualifié
                        # ce déploiement d'escalade")
                        skip = frozenset(sm.mention.start for sm in sms)
                        for _ in range(3):  # back past the condemners' own names
                            found = antecedent(this, skip)
                            fallback = [a for a in found if a.code not in actor_codes]
                            if fallback or not found:
                                break
                            skip |= {a.start for a in found}
                elif not recipients and noun and ("speaker" in actor_order or (
                        frame.type == "ACCUSE" and frame.mode == "disapprove")) and \
                        trig.lemma_.lower() not in _governors()["concerns"]:
                    # "Tusk a parlé de provocation", "a exprimé sa profonde désapprobation": whoever acted
                    # against the speaker
                    pending = GRIEVANCE
                elif not recipients and not noun and frame.type == "THREATEN" and frame.with_obj:
                    # "Les Houthis ont promis une riposte": a response to whoever struck them
                    pending = GRIEVANCE
                elif not recipients and not noun and frame.type == "REJECT" and \
                        any((c.dep_ == "obj" and (c.pos_ == "NOUN" or c.lower_ in ("que", "qu'", "qu’"))) or
                            (c.dep_ == "xcomp" and c.pos_ == "VERB" and not _speaking(c)) for c in trig.children):
                    # ("a refusé de les livrer": what is refused was asked before)
                    # "Les autorités chinoises ont refusé cet accès": what is refused was asked of
                    # them (or alleged against them: "a rejeté les accusations")
                    pending, pending_word = self._rejected_claim(trig), None
                if not recipients and not noun and trig.dep_ == "conj" and not slots.get("obj") and \
                        trig.head.dep_ != "ccomp":  # "a estimé que Xi offrait …, et mis en garde": the parser's slip
                    recipients = _shared_recipients(trig, out, actor_codes)
                if not recipients and pending is None and frame.mode == "expel" and any(
                        c.lemma_.lower() in _governors()["envoys"] for c in (trig.children if not noun else ())
                        if c.dep_ == "obj") | any(
                        c.lemma_.lower() in _governors()["envoys"] for c in (trig.children if noun else ())
                        if c.dep_ == "nmod"):
                    pending = SAME_ENVOYS
                if not recipients and frame.needs_recipient and not symmetric and pending is None:
                    continue
                if symmetric:
                    # "Paris et Berlin ont signé un accord": each is the other's partner
                    pairs = [([a], [b for b in actors if b.code != a.code]) for a in actors]
                else:
                    pairs = [(actors, recipients)]
                # an accusation or threat made by saying something ("X estime que Y viole …") is the
                # act of saying: its status and sources are those of the verb of saying
                said = trig.head if "speaker" in frame.actor and trig.dep_ == "ccomp" else trig
                if "speaker" in frame.actor and said is trig:
                    said = _reporting_verb(trig) or trig
                mod, cue_toks = modality.classify(said)
                if frame.modality and mod == "asserted":
                    mod, cue_toks = frame.modality, [trig]  # "a promis 14 chars": the promise is the plan
                if recipients and all(r in slots.get("rejecter", ()) for r in recipients):
                    mod, cue_toks = "asserted", []  # denied or refused, the charge or demand was still made
                chain, src_toks = attribution.sources_for(said, _mentions_in(sms))
                items: list[ArmsItem] = []
                deal = None
                if frame.type == "AID":
                    scope = list(clause_tokens(trig)) if not noun else list(trig.subtree)
                    if not noun and trig.dep_ == "acl":  # "des missiles livrés par l'Iran": the noun modified
                        scope += [t for t in trig.head.subtree if t.i < trig.i]
                    elif not noun and trig.dep_ == "advcl" and "Part" in trig.morph.get("VerbForm") and \
                            not any(c.dep_.startswith(("aux", "nsubj")) for c in trig.children):
                        # "a reçu la première batterie de S-400, achetée à la Russie": the parser hung the
                        # participle on the verb; it qualifies that verb's object
                        scope += [t for o in trig.head.children if o.dep_ == "obj" and o.i < trig.i for t in o.subtree]
                    items = arms.find_items(sorted(scope, key=lambda t: t.i), text=original)
                    deal = arms.deal_for(trig, frame.deal) if items else None
                if sent_date is False:
                    sent_date = dates.resolve(original or sent.text, doc_date)
                used = frame
                scope_words = {t.lemma_.lower() for t in (trig.subtree if noun else clause_tokens(trig))}
                commodity = bool(scope_words & _goods())
                if frame.type == "AID" and not items and (commodity or frame.deal == "sale" or
                                                          arms.deal_for(trig, frame.deal) == "sale"):
                    # a sale of goods that are not weapons is trade, PLOVER's COOPERATE (SPEC §2)
                    used = replace(frame, type="COOPERATE", mode="trade", contexts=("economic",))
                if not noun and frame.type in OVERTURES and trig.dep_ == "xcomp" and \
                        trig.head.lemma_.lower() in _governors()["refusing"]:
                    # "a refusé de recevoir une délégation de la Cédéao": refusing an overture rejects it
                    used = replace(frame, type="REJECT", mode=None, contexts=("diplomatic",))
                    mod, cue_toks = modality.classify(trig.head)
                if not noun and frame.type == "MOBILIZE" and _backing(trig):
                    # "d'envoyer des troupes en appui au Niger": personnel sent to help is aid
                    used = replace(frame, type="AID", mode=None, contexts=("military",))
                if not noun and frame.type in ("ASSAULT", "COERCE", "SANCTION") and trig.dep_ == "xcomp" and \
                        trig.head.lemma_.lower() in _governors()["vowing"]:
                    # "Téhéran a promis de punir Israël": vowing a blow threatens its target
                    used = replace(frame, type="THREATEN", mode=None)
                    mod, cue_toks = modality.classify(trig.head)
                for acts, recs in pairs:
                    out.append(EventMention(
                        frame=used, trigger=trig, actors=acts, recipients=recs, modality=mod,
                        cue_tokens=cue_toks + src_toks, attribution=chain, items=items, deal=deal,
                        sentence=sentence_index, base=base, date=sent_date or None,
                        contexts=used.contexts, pending=pending, pending_word=pending_word, pending_fallback=fallback,
                    ))
                break  # one frame per trigger: the lexicon lists the specific frames first
        return _drop_nested(out)


    def _conditional_threat(self, trig: Token, actors: list[ActorMention], sms: list[SentMention],
                            antecedent: Callable[[Token, frozenset[int]], list[ActorMention]],
                            sentence_index: int, base: int, doc_date: str | None,
                            original: str | None) -> list[EventMention]:
        """"Les États-Unis ne fourniront pas d'armes à Israël si celui-ci lance une invasion": an act
        announced for the case where another actor does something threatens that actor."""
        frame = next((f for f in self.lexicon.by_verb.get("menacer", []) if f.type == "THREATEN"), None)
        if frame is None:
            return []
        actor_codes = {a.code for a in actors}
        out = []
        clauses = [c for c in trig.subtree if c.i != trig.i]
        if trig.dep_ == "advcl" and trig.head.i < trig.i:
            clauses.append(trig.head)  # "Si le Bélarus envoie …, l'UE adoptera …": the parser's root is the condition
        for c in clauses:
            if c.pos_ not in ("VERB", "AUX") or not any(
                    m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
                continue
            targets: list[ActorMention] = []
            for subj in (x for x in c.children if x.dep_ in ("nsubj", "nsubj:pass")):
                targets += [sm.mention for sm in sms if _in_np(sm.head, subj)]
                if not targets and subj.pos_ == "PRON":
                    targets += antecedent(subj, frozenset(a.start for a in actors))
            targets = [t for t in targets if t.code not in actor_codes]
            if targets:
                chain, src_toks = attribution.sources_for(trig, _mentions_in(sms))
                if chain and not any(src.code in actor_codes for src in chain):
                    return []  # "…, Israël frapperait sans doute ses installations, estime un chercheur": a forecast
                date = dates.resolve(original or trig.doc.text, doc_date)
                out.append(EventMention(
                    frame=frame, trigger=trig, actors=actors, recipients=targets[:1], modality="asserted",
                    cue_tokens=[m for m in c.children if m.dep_ == "mark"] + src_toks, attribution=chain,
                    items=[], deal=None, sentence=sentence_index, base=base, date=date,
                    contexts=frame.contexts))
        return out


#: conjunctions of a condition: "si", and its elided form before "il(s)"
CONDITION_MARKS = frozenset({"si", "s'"})


def _right_after(noun: Token, phrase: Token) -> bool:
    """Does ``phrase`` start right where the noun's own phrase ends?"""
    start = min(t.i for t in phrase.subtree)
    end = max(t.i for t in noun.subtree if t.i < start) if any(t.i < start for t in noun.subtree) else noun.i
    return noun.i < start and start == end + 1


def _fronted_owner(noun: Token, poss: Token, sms: list[SentMention]) -> list[ActorMention]:
    """"Lors de sa visite à Pékin, Emmanuel Macron a …": a possessive in a phrase put before the
    subject points forward to that subject (with "leur", to all the coordinated subjects)."""
    top = noun
    while top.head.i != top.i and top.head.pos_ not in ("VERB", "AUX"):
        top = top.head
    verb = top.head
    if top.dep_ not in ("obl", "obl:mod", "advcl", "nmod") or verb.i == top.i or top.i > verb.i:
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and top.i < c.i < verb.i]
    if not subjects:
        return []
    heads = [subjects[0], *(c for c in subjects[0].children if c.dep_ == "conj")]
    if poss.lower_ not in ("leur", "leurs"):
        heads = heads[:1]
    return [sm.mention for h in heads for sm in sms if _in_np(sm.head, h)]


def _through_victim(tokens: Sequence[Token]) -> bool:
    """Does a path pass through a noun whose complement suffers the act ("la souveraineté du Yémen")?"""
    victims = _governors()["victim_nouns"]
    return any(t.lemma_.lower() in victims for t in tokens)


def _border_of(tok: Token, prep: str | None) -> bool:
    """Does ``tok`` name the neighbour of a border: the demonym on "frontière", or "avec X" right
    after it (wherever the parser hung it)?"""
    if tok.head.lemma_.lower() in BORDER_NOUNS and (prep == "avec" or tok.dep_ == "amod"):
        return True
    case = next((c for c in tok.children if c.dep_ == "case"), None)
    return prep == "avec" and case is not None and case.i > 0 and case.doc[case.i - 1].lemma_.lower() in BORDER_NOUNS


def _shared_recipients(trig: Token, found: list[EventMention], actor_codes: set[str]) -> list[ActorMention]:
    """"La Cédéao a imposé des sanctions au Niger et brandit la menace d'une intervention": a verb
    coordinated with one whose event has the same actor and names its recipient acts on that recipient."""
    head = conjunct_head(trig)
    for em in found:
        t = em.trigger
        if (t.i == head.i or (t.head.i == head.i and t.dep_ in ("obj", "nsubj:pass"))) and \
                actor_codes & {a.code for a in em.actors} and em.recipients:
            return [r for r in em.recipients if r.code not in actor_codes]
    return []


def _speaking(verb: Token) -> bool:
    """Is this a verb of saying ("a refusé de répondre", "de commenter")? Refusing to speak
    rejects no one."""
    from ..attribution import load_cues

    return verb.lemma_.lower() in load_cues().speech_verbs or verb.lemma_.lower() in ("répondre", "commenter")


def _hypothesis(trig: Token) -> bool:
    """Is the trigger in a condition ("si …") set before a main clause?"""
    cur = trig
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in cur.children):
            return cur.dep_ == "advcl"
        if cur.dep_ not in ("xcomp", "conj", "obj", "nsubj", "nsubj:pass", "nmod") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _indirect_question(trig: Token) -> bool:
    """"n'a pas précisé s'il accorderait …", "on ignore si …": a question, not a statement."""
    return trig.head.i != trig.i and trig.head.lemma_.lower() in _governors()["questioning"] and any(
        c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in trig.children)


def _avoir_host(trig: Token) -> Token | None:
    """"Ottawa a aussi gelé les avoirs": the tagger read the participle as an adjective on the
    object and made "a" the main verb; that verb then holds the participle's subject and object."""
    if trig.pos_ != "ADJ" or trig.dep_ != "amod":
        return None
    aux = avoir_before(trig)
    if aux is not None and trig.head.head.i == aux.i and trig.head.dep_ == "obj":
        return aux
    return None


def _addressee(trig: Token, sms: list[SentMention]) -> list[ActorMention]:
    """Whom the text that carries ``trig`` is handed: "a remis à la partie américaine un document
    exigeant …", "a adressé à Pékin une lettre réclamant …"."""
    paper = trig.head
    if trig.dep_ != "acl" or paper.dep_ != "obj" or paper.head.lemma_.lower() not in _governors()["handing"]:
        return []
    verb = paper.head
    out = []
    for sm in sms:
        tok = sm.head.head if sm.head.dep_ == "amod" else sm.head
        if tok.head.i == verb.i and tok.i > verb.i and tok.dep_ in ("obl", "obl:arg", "obl:mod", "iobj") and \
                preposition(tok) == "à":
            out.append(sm.mention)
    return out


def _backing(verb: Token) -> bool:
    """A deployment put at another's side: "en appui au Niger", "en soutien à Kiev", "pour aider …"."""
    backing = _governors()["backing"]
    for c in verb.children:
        if c.lemma_.lower() not in backing:
            continue
        if c.pos_ == "NOUN" and c.dep_.startswith("obl") and preposition(c) in ("en", "pour", "à"):
            return True
        if c.pos_ == "VERB" and _purpose(c):
            return True
    return False


def _purpose(tok: Token) -> bool:
    """A purpose clause: "pour protester", "afin de dénoncer"."""
    return tok.dep_ in ("advcl", "acl", "xcomp", "obl:mod") and "Inf" in tok.morph.get("VerbForm") and any(
        c.dep_ in ("mark", "case") and c.lower_ in ("pour", "afin") for c in tok.children)


def _loose_conjuncts(sm: SentMention, sms: list[SentMention]) -> list[SentMention]:
    """"Paris et Berlin ont signé", "L'Espagne, l'Irlande et la Norvège ont reconnu": the parser cut
    the first conjuncts loose as a root (with its appositions); they lead along with ``sm``."""
    first = sm.tokens[0]
    k = first.i - 1
    while k >= 0 and first.doc[k].pos_ == "DET":
        k -= 1
    cc = first.doc[k] if k >= 0 else None
    if cc is None or cc.dep_ != "cc":
        return []
    return [other for other in sms if other is not sm and other.head.i < cc.i and (
        other.head.dep_ == "ROOT" or (other.head.dep_ in ("appos", "conj") and other.head.head.dep_ == "ROOT"))]


def _agreeing_antecedent(pron: Token, sms: list[SentMention],
                         antecedent: Callable[[Token, frozenset[int]], list[ActorMention]],
                         skip: set[int]) -> list[ActorMention]:
    """The antecedent of a subject pronoun, passing over mentions of its own sentence whose gender
    disagrees ("le Soudan a saisi la Cour …, qu'il accuse …": "il" is not "la Cour")."""
    gender = pron.morph.get("Gender")
    skip = set(skip)
    for _ in range(4):
        ants = antecedent(pron, frozenset(skip))
        if not ants or not gender:
            return ants
        sm = next((x for x in sms if x.mention.start == ants[-1].start), None)
        other = sm.head.morph.get("Gender") if sm is not None else []
        if not other or other == gender or len(ants) > 1:
            return ants
        skip.add(ants[-1].start)
    return []


def _relative_object(trig: Token, sms: list[SentMention]) -> list[ActorMention]:
    """The noun a relative "que" stands for, as the verb's object: "les Émirats, qu'il accuse de
    complicité" — also when the parser took the relative "qu'" after the comma for a conjunction."""
    rel = next((c for c in trig.children if c.lower_ in ("que", "qu'", "qu’") and c.i < trig.i
                and c.dep_ in ("obj", "mark")), None)
    if rel is None:
        return []
    before = trig.doc[rel.i - 1] if rel.i > 0 else None
    if trig.dep_ == "acl:relcl":
        noun: Token | None = trig.head
    elif before is not None and before.text == "," and rel.dep_ == "mark" and before.i > 0:
        noun = trig.doc[before.i - 1]
    else:
        return []
    return [sm.mention for sm in sms if noun.i in {t.i for t in sm.tokens} | {sm.head.i}]


@lru_cache(maxsize=1)
def _reporting_verb(trig: Token) -> Token | None:
    """The verb of saying after a quoted clause that holds ``trig``, which the parser hangs on the
    quote's root ("« L'Amérique devra payer un prix lourd », a averti un responsable houthi")."""
    top = trig
    while top.dep_ in ("xcomp", "ccomp") and top.head.i != top.i:
        top = top.head
    if top.head.i != top.i:
        return None
    return next((c for c in top.children if c.dep_ in ("advcl", "parataxis") and c.i > trig.i
                 and c.lemma_.lower() in _opinion_verbs()), None)


def _opinion_verbs() -> frozenset[str]:
    """Verbs whose subject says or judges what their clause states: the attribution cues' verbs of
    saying, plus ``judging`` verbs of governors.yaml."""
    from ..attribution import load_cues

    return load_cues().speech_verbs | _governors()["judging"]


def _de_chain(path: list[Token], longest: int = 4) -> bool:
    """"la reconnaissance de l'indépendance des républiques de Donetsk": every link below the noun's
    own complement (the top of the path, whose preposition gives the role) a "de" complement or an
    adjective."""
    if len(path) > longest:
        return False
    for t in path[1:-1]:
        if t.dep_ == "amod":
            continue
        # ("des frappes de missiles contre neuf sites au Pakistan": a target the parser hung one link down)
        if t.dep_ != "nmod" or (preposition(t) or "de") not in ("de", "contre", "sur") or \
                t.pos_ not in ("NOUN", "PROPN"):
            return False
    return True


def _caller(noun: Token, sms: list[SentMention]) -> list[ActorMention]:
    """Who calls something by ``noun``: the subject of a naming verb ("ce que Tusk a appelé une
    provocation", "Athènes y voit une ingérence"), the "pour X" of "il s'agit de", or the speaker of a
    quoted "C'est une provocation"."""
    gov = _governors()
    called = noun
    for _ in range(2):  # "un acte d'agression"
        if called.dep_ == "nmod" and called.head.lemma_.lower() in gov["act_nouns"]:
            called = called.head
    if called.dep_ == "nmod" and preposition(called) == "de" and called.head.dep_ == "obj" and \
            called.head.head.lemma_.lower() in gov["calling"]:
        called = called.head  # "a qualifié l'incident de provocation": the parser hung the name on the object
    verb = called.head
    out: list[ActorMention] = []
    if verb.i != called.i and verb.pos_ == "VERB" and verb.lemma_.lower() in gov["calling"] and \
            (called.dep_ in ("obj", "xcomp", "obl:arg", "obl:mod", "obl") or (
                called.dep_ == "nmod" and preposition(called) == "de")):  # "la qualifiant de provocation"
        for s in subject_of(verb)[0]:
            out += [sm.mention for sm in sms if _in_np(sm.head, s)]
        for c in verb.children:
            if c.dep_.startswith("obl") and preposition(c) == "pour" and c.i < called.i:
                out += [sm.mention for sm in sms if _in_np(sm.head, c)]
    elif called.dep_ == "ROOT" and any(c.dep_ == "cop" for c in called.children):
        sp = _speaker(called, sms)
        if sp is not None:
            out.append(sp)
    return out


def _speaker(trig: Token, sms: list[SentMention]) -> ActorMention | None:
    """The actor who says the sentence: the subject of a saying verb outside the trigger's clause."""
    from ..attribution import load_cues

    speech = load_cues().speech_verbs
    for v in trig.doc:
        if v.i == trig.i or v.lemma_.lower() not in speech or v.pos_ not in ("VERB", "AUX"):
            continue
        for subj in (c for c in v.children if c.dep_ in ("nsubj", "obj")):
            for sm in sms:
                if _in_np(sm.head, subj):
                    return sm.mention
    return None


def _in_np(tok: Token, head: Token, depth: int = 3) -> bool:
    """Is ``tok`` part of the noun phrase of ``head`` ("l'administration du président américain")?"""
    cur = tok
    for _ in range(depth + 1):
        if cur.i == head.i:
            return True
        if cur.dep_ in ("obl:arg", "obl:mod", "obl") and cur.head.dep_ == "acl" and \
                cur.head.lemma_.lower() in _governors()["seat_participles"]:
            cur = cur.head.head  # "le régime militaire installé à Niamey": where a body sits says whose it is
            continue
        if cur.dep_ == "conj" and cur.pos_ == "NOUN" and not any(c.dep_ == "cc" for c in cur.children) and \
                cur.doc[min(t.i for t in cur.subtree if not t.is_punct) - 1].text == "," and cur.head.i != cur.i:
            cur = cur.head  # "Kharkiv, deuxième ville d'Ukraine": an apposition the parser coordinated
            continue
        if cur.dep_ not in ("amod", "nmod", "flat:name", "appos", "compound", "flat") or cur.head.i == cur.i:
            return False
        if cur.dep_ == "nmod" and (preposition(cur) or "de") not in ("de", "du", "des"):
            return False
        cur = cur.head
    return False


def _domestic_ok(trig: Token, noun: bool, rules) -> bool:
    """A domestic reading needs people as the object ("a arrêté cinq hommes"), when it is a verb,
    and no other target named ("pour protester contre la visite" is not against one's own state)."""
    for c in trig.children:
        if preposition(c) == "contre" or c.lower_.startswith("anti"):
            return False
    if not rules.domestic_objects:
        return True
    if noun:
        return rules.domestic_nouns  # "arrestations arbitraires": yes; "des frappes": no named victims
    objs = [c for c in trig.children if c.dep_ in ("obj", "nsubj:pass")]
    return any(o.lemma_.lower() in rules.domestic_objects for o in objs)


def _first(slots: dict[str, list[ActorMention]], order: Sequence[str], exclude: set[str]) -> list[ActorMention]:
    for slot in order:
        found = [m for m in slots.get(slot, []) if m.code not in exclude]
        if found:
            seen: set[str] = set()
            uniq = []
            for m in found:
                if m.code not in seen:
                    seen.add(m.code)
                    uniq.append(m)
            return uniq
    return []


def _mentions_in(sms: list[SentMention]) -> Callable[[list[Token]], list[ActorMention]]:
    def inner(tokens: list[Token]) -> list[ActorMention]:
        ids = {t.i for t in tokens}
        return [sm.mention for sm in sms if sm.head.i in ids]
    return inner


def _drop_nested(ems: list[EventMention]) -> list[EventMention]:
    """Two triggers for one event in one sentence ("imposer des sanctions"): keep the verb.
    A threatened or requested act is the content of the threat or call, not an event of its own."""
    # "ont riposté par une salve de sanctions": the means is the event, the verb only frames it
    means = {em.trigger.head.i for em in ems if em.trigger.pos_ == "NOUN" and preposition(em.trigger) == "par"}
    means |= {em.trigger.head.head.i for em in ems if em.trigger.pos_ == "NOUN" and
              preposition(em.trigger.head) == "par"}
    ems = [em for em in ems if not (em.trigger.i in means and em.trigger.lemma_.lower() in RESPONSE_VERBS)]
    threats = {em.trigger.i for em in ems if em.frame.type == "THREATEN"}
    # a threat that named no target still makes its content a threat ("a contesté en menaçant de
    # retirer ses soldats de la force de l'Union africaine")
    if ems:
        threats |= {t.i for t in ems[0].trigger.doc
                    if t.pos_ in ("VERB", "ADJ") and t.lemma_.lower() in _governors()["threatening"]}
    requests = {em.trigger.i for em in ems if em.frame.type == "REQUEST"}
    keep = []
    for em in ems:
        # the act a threat or a call asks for is its content ("appelé Washington à cesser …")
        # (but a participle set off by a comma is the speaker's aside: "a exhorté Pékin à cesser ses
        # manœuvres, jugeant la réaction chinoise « disproportionnée »")
        t = em.trigger
        aside = participle_aside(t) and t.head.i in threats | requests
        right_after_threat = t.i >= 2 and t.doc[t.i - 1].lower_ in ("de", "d'", "d’") and t.i - 2 in threats
        if not aside and (_under(em.trigger, threats) or right_after_threat or
                          (em.trigger.pos_ == "VERB" and _under(em.trigger, requests, depth=1))):
            continue
        if em.trigger.pos_ == "NOUN" and em.trigger.dep_ == "obj" and em.trigger.head.i in requests and \
                em.frame.type != "REQUEST":
            continue  # "a exigé la libération des militaires": the release asked for has not happened
        dup = any(o is not em and o.frame.type == em.frame.type and
                  {a.code for a in o.actors} == {a.code for a in em.actors} and
                  {r.code for r in o.recipients} == {r.code for r in em.recipients} and
                  o.trigger.pos_ == "VERB" and em.trigger.pos_ != "VERB" for o in ems)
        if not dup:
            keep.append(em)
    return keep


def _under(tok: Token, triggers: set[int], depth: int = 3) -> bool:
    """Is ``tok`` inside the complement of one of ``triggers`` ("menacé d'envahir … pour capturer")?"""
    cur = tok
    for _ in range(depth):
        if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX") and cur.head.i != cur.i:
            cur = cur.head  # "menacé d'exclure la Turquie … et de lui imposer des sanctions": a coordinated
            continue        # complement; a verb coordinated with the trigger itself is its own act
        if cur.dep_ not in ("xcomp", "acl", "advcl", "ccomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i in triggers:
            return True
    return False


def resolve_pending(ems: list[EventMention]) -> list[EventMention]:
    """Give a condemnation of "the strikes" the actor of the strikes the article reports, the
    nearest before it (else the first after it); drop it when the article reports none."""
    out = []
    for em in ems:
        if em.pending is None or em.recipients:
            out.append(em)
            continue
        own = {a.code for a in em.actors}
        if em.pending == SAME_ENVOYS:
            expulsions = [o for o in ems if o.frame.mode == "expel" and o.pending is None and o.recipients
                          and (o.sentence, o.trigger.i) < (em.sentence, em.trigger.i)
                          and not own & {r.code for r in o.recipients}]
            if expulsions:
                # the state whose envoys the article has most often seen expelled; on a tie, the first
                # (the lead names what the article is about)
                count = Counter(r.code for o in expulsions for r in o.recipients)
                first: dict[str, tuple[int, ActorMention]] = {}
                for n, o in enumerate(expulsions):
                    for r in o.recipients:
                        first.setdefault(r.code, (n, r))
                code = max(count, key=lambda c: (count[c], -first[c][0]))
                em.recipients = [first[code][1]]
                out.append(em)
            continue
        if em.pending == GRIEVANCE:  # whoever acted against the one who condemns
            # (an act against a region is against its state: "la répression à Hongkong" and Pékin)
            acts = [o for o in ems if o.frame.type in HOSTILE and o.pending is None and o.actors and
                    own & {c for r in o.recipients for c in (r.code, r.parent) if c}
                    and not own & {a.code for a in o.actors}]
        else:
            acts = [o for o in ems if o.frame.type == em.pending and o.pending is None and o.actors]
        if em.pending == GRIEVANCE and not acts:
            # "Washington a annoncé le déploiement de missiles en Allemagne. Moscou a réagi, la
            # qualifiant de provocation": the act just reported, by another, is what is blamed
            acts = [o for o in ems if o.pending is None and o.actors and not own & {a.code for a in o.actors}
                    and 0 <= em.sentence - o.sentence <= 1 and (o.sentence, o.trigger.i) < (em.sentence, em.trigger.i)]
            acts = acts[-1:]
        if em.frame.type == "REJECT":  # only what was asked of, or said about, the one who rejects it
            acts = [o for o in acts if own & {r.code for r in o.recipients}]
        named = [o for o in acts if o.trigger.lemma_.lower() == em.pending_word]
        acts = named or acts  # "les frappes" refers to the strikes, before any other attack
        before = [o for o in acts if (o.sentence, o.trigger.i) < (em.sentence, em.trigger.i)]
        src = before[-1] if before else (acts[0] if acts else None)
        if src is None:
            if em.pending_fallback:
                em.recipients = em.pending_fallback
                out.append(em)
            continue
        recipients = [a for a in src.actors if a.code not in own]
        if recipients:
            em.recipients = recipients
            out.append(em)
    return out


def event_id(doc_id: str, etype: str, actors: Sequence[str], recipients: Sequence[str]) -> str:
    key = f"{doc_id}|{etype}|{','.join(actors)}|{','.join(recipients)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def strongest(modalities: Sequence[str]) -> str:
    for m in MODALITY_STRENGTH:
        if m in modalities:
            return m
    return "asserted"
