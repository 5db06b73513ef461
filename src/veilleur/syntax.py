"""Small helpers over a spaCy dependency parse (French UD conventions).

Shared by the event, modality and attribution stages so that each of them
reads the parse the same way: what a token's preposition is, where a clause
ends, who the subject of a participle or an infinitive is.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Span, Token

#: dependency labels that open a new clause below a token
CLAUSAL = {"ccomp", "advcl", "parataxis", "acl:relcl", "csubj", "xcomp", "acl", "conj"}
#: contractions of a preposition and an article
_CONTRACTED = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de"}
_MULTI_PREP = {("auprès", "de"): "auprès de", ("auprès", "d'"): "auprès de", ("auprès", "d’"): "auprès de",
               ("auprès", "du"): "auprès de", ("auprès", "des"): "auprès de",
               **{(adv, de): f"{adv} de" for adv in ("autour", "près") for de in ("de", "d'", "d’", "du", "des")},
               ("à", "encontre"): "contre", ("d'", "après"): "d'après",
               ("en", "provenance"): "de", ("à", "destination"): "vers", ("face", "à"): "face à",
               ("aux", "côtés"): "avec", ("à", "côté"): "avec", ("face", "aux"): "face à", ("face", "au"): "face à",
               ("suite", "à"): "suite à", ("suite", "aux"): "suite à", ("suite", "au"): "suite à",
               ("en", "faveur"): "en faveur de"}


def norm_prep(word: str) -> str:
    w = word.lower()
    return _CONTRACTED.get(w, w)


def preposition(tok: Token) -> str | None:
    """The preposition introducing ``tok`` ("à la Russie" → "à", "auprès de Moscou" → "auprès de")."""
    cases = [c for c in tok.children if c.dep_ in ("case", "mark") and c.i < tok.i]
    if not cases:
        # "au Mali": spaCy may attach the contraction as det
        dets = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ("au", "aux", "du")]
        if dets:
            return norm_prep(dets[0].text)
        return None
    first = cases[0]
    nxt = first.doc[first.i + 1] if first.i + 1 < len(first.doc) else None
    if nxt is not None:
        key = (first.lower_, nxt.lower_)
        if key in _MULTI_PREP:
            return _MULTI_PREP[key]
    if len(cases) > 1:
        key2 = (cases[0].lower_, cases[1].lower_)
        if key2 in _MULTI_PREP:
            return _MULTI_PREP[key2]
    return norm_prep(first.text)


def span_head(tokens: list[Token]) -> Token:
    """The token of a multi-token span whose head lies outside the span."""
    ids = {t.i for t in tokens}
    for t in tokens:  # attached outside: the real head ("Royaume-Uni" split by the tokenizer)
        if t.head.i not in ids:
            return t
    for t in tokens:
        if t.head.i == t.i:
            return t
    return tokens[-1]


#: verbs of motion and state whose compound tenses take "être" and that have no passive
#: ("Macron est arrivé à Pékin", "la délégation est partie"): the subject is the agent
ETRE_VERBS = frozenset({"arriver", "venir", "revenir", "partir", "repartir", "aller", "entrer", "rentrer",
                        "sortir", "retourner", "rester", "demeurer", "tomber", "monter", "descendre",
                        "passer", "parvenir", "intervenir", "devenir", "naître", "mourir", "décéder"})


def is_passive(tok: Token) -> bool:
    if tok.lemma_.lower() in ETRE_VERBS and not any(c.dep_ == "obl:agent" for c in tok.children):
        return False
    if any(c.dep_ == "aux:pass" for c in tok.children):
        return True
    if any(c.dep_ == "nsubj:pass" for c in tok.children):
        # the tagger's passive subject with "avoir" ("ont reconnu") is an active subject
        return not any(c.dep_.startswith("aux") and c.lemma_.lower() == "avoir" for c in tok.children)
    # "les missiles livrés par l'Iran" — but not "les missiles que l'Iran a vendus"
    return (tok.dep_ == "acl" and tok.morph.get("VerbForm") == ["Part"] and tok.morph.get("Tense") == ["Past"]
            and not any(c.dep_ in ("nsubj", "aux:tense", "aux") for c in tok.children))


#: participles that only carry the circumstances of the act ("une opération menée dans le centre du Mali")
CARRIER_PARTICIPLES = frozenset({"mener", "conduire", "lancer", "effectuer", "perpétrer", "commettre", "réaliser"})
#: participles that only say where forces are ("retirer les militaires stationnés en Allemagne"):
#: their place belongs to the clause that moves the forces
STATION_PARTICIPLES = frozenset({"stationner", "baser", "positionner", "cantonner"})
#: speech acts a participle adds to a report ("a reconnu que des avions avaient pris feu, dénonçant un
#: acte terroriste"): the speaker's, not the completive's subject's
STANCE_PARTICIPLES = frozenset({"dénoncer", "accuser", "condamner", "fustiger", "qualifier", "saluer", "exiger",
                                "réclamer", "appeler", "menacer", "avertir", "déplorer", "regretter", "promettre"})
#: participles that name the parties of a pact ("a dénoncé les accords conclus avec la France"): the
#: partner belongs to the clause that acts on the pact
PARTY_PARTICIPLES = frozenset({"signer", "conclure", "passer", "lier", "nouer", "parapher"})


def clause_tokens(trigger: Token) -> Iterator[Token]:
    """Tokens of the trigger's own clause: its subtree minus embedded clauses."""
    yield from _clause_walk(trigger, None)


def clause_with_participles(trigger: Token) -> tuple[list[Token], list[tuple[Token, Token]]]:
    """``clause_tokens`` as a list, and the participles (``acl``) hung on those tokens, each with
    its token, in the same order: both read in one walk."""
    acls: list[tuple[Token, Token]] = []
    return list(_clause_walk(trigger, acls)), acls


def _clause_walk(trigger: Token, acls: list[tuple[Token, Token]] | None) -> Iterator[Token]:
    stack = [trigger]
    while stack:
        t = stack.pop()
        yield t
        for c in t.children:
            dep = c.dep_  # (read once: each read is a string-store lookup)
            if acls is not None and dep == "acl":
                acls.append((t, c))
            if dep == "acl" and (c.lemma_.lower() in CARRIER_PARTICIPLES or c.lemma_.lower() in STATION_PARTICIPLES
                                 or c.lemma_.lower() in PARTY_PARTICIPLES):
                stack.append(c)
                continue
            # a coordinated noun is part of the phrase ("des chars et des missiles à l'Ukraine")
            if t is trigger or dep not in CLAUSAL or (dep == "conj" and c.pos_ == "NOUN"):
                if dep in ("ccomp", "parataxis", "acl:relcl") or (dep == "advcl" and c.pos_ == "VERB"):
                    continue
                if dep == "conj" and c.pos_ in ("VERB", "AUX"):
                    continue
                stack.append(c)


def path_to(tok: Token, ancestor: Token) -> list[Token] | None:
    """Tokens from ``tok`` up to (excluding) ``ancestor``, or None if not below it."""
    path = []
    cur = tok
    for _ in range(64):
        if cur.i == ancestor.i:
            return path
        path.append(cur)
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


@lru_cache(maxsize=1)
def _control_verbs() -> tuple[frozenset[str], frozenset[str]]:
    raw = yaml.safe_load((resources.files("veilleur") / "data" / "events" / "governors.yaml").read_text("utf-8"))
    return frozenset(raw.get("object_control") or ()), frozenset(raw.get("dative_control") or ())


def _controller(inf: Token) -> list[Token]:
    """Who does the act of an infinitive under a control verb.

    "accuser la Corée du Nord de fournir …" (object control), "demander à Pékin de cesser …"
    (dative control); subject control ("décider de", "promettre de") returns nothing here.
    """
    verb = inf.head
    objects, datives = _control_verbs()
    lemma = verb.lemma_.lower()
    if lemma in objects:
        objs = [c for c in verb.children if c.i != inf.i and c.pos_ in ("NOUN", "PROPN") and (
            c.dep_ == "obj" or (c.dep_ == "xcomp" and c.pos_ == "PROPN"))]
        if not objs:
            # "a accusé à plusieurs reprises Pyongyang de fournir": a bare name between the verb and
            # its infinitive is its object, wherever the parser hung it
            objs = [t for t in inf.doc[verb.i + 1: inf.i] if t.pos_ == "PROPN" and t.dep_ not in
                    ("flat:name", "flat", "nsubj") and not any(c.dep_ == "case" for c in t.children)][-1:]
        return objs
    if lemma in datives:
        return [c for c in verb.children if c.i != inf.i and c.pos_ in ("NOUN", "PROPN") and
                (c.dep_ == "iobj" or any(cc.dep_ == "case" and cc.lower_ in ("à", "au", "aux") for cc in c.children))]
    return []


def detached_subject(verb: Token) -> Token | None:
    """A sentence-initial name the parser cut loose as its own root ("Bruxelles a salué …",
    "Moscou dément avoir acheté …"): a nominal root followed only by auxiliaries, adverbs and
    clitics up to the verb."""
    doc = verb.doc
    for t in doc[: verb.i]:
        # a root of its own, or (when the sentence is parsed as one tree) an unlabelled dependent
        loose = (t.dep_ == "ROOT" and t.head.i == t.i) or (t.dep_ == "dep" and t.head.i == verb.i)
        if loose and t.pos_ in ("NOUN", "PROPN") and t.i != verb.i and \
                not any(c.dep_ == "case" for c in t.children):
            end = max(x.i for x in t.subtree)
            if all(x.pos_ in ("AUX", "ADV", "PRON", "PUNCT", "SCONJ") for x in doc[end + 1: verb.i]):
                return t
    return None


def _relative_antecedent(pron: Token, clause: Token) -> Token:
    """The noun a relative pronoun stands for. The parser sometimes hangs the relative clause on the
    verb of the sentence ("a indiqué Islamabad, qui a dénoncé …"); the noun just before the pronoun
    is then the antecedent."""
    head = clause.head
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head
    k = pron.i - 1
    while k >= 0 and pron.doc[k].text in (",", "«", "»", '"'):
        k -= 1
    if k < 0:
        return head
    t = pron.doc[k]
    for _ in range(4):  # from the last word of the phrase to its head: "Jean-Yves Le Drian", "l'armée malienne"
        if t.dep_ in ("flat:name", "flat", "amod", "nmod", "fixed") and t.head.i < pron.i and t.head.i != t.i:
            t = t.head
        else:
            break
    return t if t.pos_ in ("NOUN", "PROPN") else head


def conjunct_head(tok: Token) -> Token:
    """The word a conjunct is coordinated with. In "a accusé l'Occident de pratiquer un chantage et
    averti que …" the parser hangs the participle on the infinitive; a participle is coordinated
    with the participle that shares its auxiliary."""
    head = tok.head
    if "Part" in tok.morph.get("VerbForm") and "Inf" in head.morph.get("VerbForm") and head.dep_ == "xcomp" \
            and any(c.dep_.startswith("aux") for c in head.head.children):
        return head.head
    # "a jugé inacceptable que X n'aient pas protégé l'ambassade, comme l'exige la convention, et a
    # convoqué le chargé d'affaires": out of an incise ("comme …") and of a clause in another mood
    for _ in range(3):
        if head.dep_ not in ("advcl", "ccomp") or head.head.i == head.i:
            break
        marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
        if not ("comme" in marks or (marks and _mood(head) and _mood(tok) and _mood(head) != _mood(tok))):
            break
        head = head.head
    return head


def participle_aside(tok: Token) -> bool:
    """A present participle set off after its clause ("a pilonné Beyrouth, tuant quarante personnes",
    "a exhorté Pékin à cesser, jugeant la réaction disproportionnée"): it shares the clause's subject."""
    return tok.dep_ == "advcl" and "Part" in tok.morph.get("VerbForm") and "Pres" in tok.morph.get("Tense") \
        and not any(c.dep_ == "mark" for c in tok.children)


def _mood(verb: Token) -> str:
    """The mood of a verb, or of its auxiliary for a compound tense."""
    for t in [*(c for c in verb.children if c.dep_.startswith("aux")), verb]:
        mood = t.morph.get("Mood")
        if mood:
            return mood[0]
    return ""


def subject_of(verb: Token) -> tuple[list[Token], bool]:
    """Subject tokens of a verb, climbing through control, coordination and participles.

    Returns (subjects, is_patient): ``is_patient`` is True for a passive subject.
    """
    cur = verb
    for _ in range(6):
        subs = [c for c in cur.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj")]
        if not subs:  # "Volodymyr Zelensky a … exhorté": the parser hung the subject on the auxiliary
            subs = [c for a in cur.children if a.dep_.startswith("aux") for c in a.children
                    if c.dep_ in ("nsubj", "nsubj:pass") and c.i < a.i]
        if len(subs) > 1 and any(c.i < cur.i for c in subs):
            # two subjects, one before the verb: the one after is an object the parser mislabelled
            # ("que ces transferts violent la résolution")
            subs = [c for c in subs if c.i < cur.i]
        if subs:
            # a passive needs "être": "ont reconnu" with a subject tagged nsubj:pass is active
            patient = any(s.dep_ == "nsubj:pass" for s in subs) and cur.i == verb.i and is_passive(cur)
            out = []
            for s in subs:
                if s.lower_ in ("qui", "que", "lequel", "laquelle") and cur.dep_ == "acl:relcl":
                    out.append(_relative_antecedent(s, cur))  # relative pronoun: the noun it stands for
                else:
                    out.append(s)
            return out, patient
        if cur.dep_ == "acl:relcl":
            return [cur.head], False
        loose = detached_subject(cur) if cur.pos_ in ("VERB", "AUX") else None
        if loose is not None:
            return [loose], False
        if cur.dep_ == "advcl" and "Part" in cur.morph.get("VerbForm") and "Pres" in cur.morph.get("Tense") and \
                cur.head.dep_ == "ccomp" and cur.head.head.pos_ == "VERB" and \
                cur.lemma_.lower() in STANCE_PARTICIPLES and cur.i > 0 and cur.doc[cur.i - 1].text == ",":
            cur = cur.head.head  # the reporter's own speech act
            continue
        if cur.dep_ == "advcl" and "Part" in cur.morph.get("VerbForm") and cur.head.dep_ == "advcl" and \
                any(c.dep_ == "mark" for c in cur.head.children):
            # "X a fait …, alors que Y …, accusant Z": the participle goes with the main clause
            cur = cur.head.head
            continue
        if cur.dep_ == "xcomp" and cur.head.i != cur.i:
            controller = _controller(cur)
            if controller:
                return controller, False
        if (cur.dep_ == "conj" or (cur.dep_ in ("appos", "acl") and cur.i > 0 and cur.doc[cur.i - 1].text == ",")
                or (cur.dep_ == "appos" and cur.i > 1 and cur.doc[cur.i - 2].text == ",")) \
                and cur.head.pos_ in ("NOUN", "PROPN") and "Part" in cur.morph.get("VerbForm") \
                and "Pres" in cur.morph.get("Tense") and cur.head.head.i != cur.head.i:
            # "a rejeté le rapport, l'accusant de …": a participle clause the parser coordinated with
            # the object; it goes with the verb that governs that object
            cur = cur.head.head
            continue
        if cur.dep_ == "conj" and conjunct_head(cur).i != cur.head.i:
            cur = conjunct_head(cur)
            continue
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp") and cur.head.i != cur.i:
            if cur.dep_ == "ccomp" and cur.head.pos_ == "VERB":
                return [], False  # the subject of a saying verb is a source, not our subject
            cur = cur.head
            continue
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
            purpose = any(c.dep_ == "mark" and c.lower_ in ("pour", "afin") for c in cur.children)
            if purpose and cur.head.head.i != cur.head.i:
                # "convoqué l'ambassadeur pour protester": a purpose clause the parser hung on a noun
                cur = cur.head.head
                continue
            if "Inf" in cur.morph.get("VerbForm") or (
                    "Part" in cur.morph.get("VerbForm") and "Pres" in cur.morph.get("Tense")):
                # "l'intention d'acheter", "un plan russe visant à acquérir": the noun's owner, else
                # the subject of the verb that governs the noun ("Moscou a l'intention d'acheter")
                noun = cur.head
                gov_subs = subject_of(noun.head)[0] if noun.head.i != noun.i and noun.head.pos_ in ("VERB", "AUX") \
                    else []
                return [noun, *gov_subs], False
            # "les drones livrés par l'Iran": the noun is the patient
            return [cur.head], True
        break
    return [], False


def sentence_offset(span: Span | Token) -> int:
    return span.idx if isinstance(span, Token) else span.start_char
