"""The veilleur pipeline: stages wired together.

    >>> import veilleur
    >>> pipe = veilleur.load()
    >>> result = pipe.process(Document(id="a1", text="…", date="2022-09-06"))
    >>> result.events

Stages, each a small object with one job: language → clean → tokenize and segment
(no model) → actors (knowledge base) → select the sentences that can hold an event
→ parse them (spaCy, batched) → events (triggers, roles, modality, attribution,
arms, dates) → document records → sanctions links.
Only the selected sentences are parsed: that is where the time goes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from . import nlp as nlp_stage
from .actors import ActorResolver
from .clean import Cleaned, clean
from .events.extract import (
    STATE_KINDS,
    EventMention,
    SentenceExtractor,
    align_mentions,
    event_id,
    resolve_pending,
    strongest,
)
from .events.lexicon import Lexicon, load_lexicon
from .ingest import dateline_end
from .records import Actor, ActorMention, ArmsItem, ArmsTransfer, Document, Event, Source, Span
from .syntax import subject_of

POSSESSIVE_OR_PRONOUN = frozenset({"il", "elle", "ils", "elles", "son", "sa", "ses", "leur", "leurs"})
PLURAL_PRONOUNS = frozenset({"ils", "elles", "leur", "leurs"})


@dataclass
class ProcessResult:
    document: Document
    cleaned_text: str | None = None
    language: str | None = None
    events: list[Event] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None
    cleaned: Cleaned | None = None


@dataclass
class _Prepared:
    document: Document
    cleaned: Cleaned
    doc: Doc
    mentions: list[ActorMention]
    sentences: list[tuple[int, int, int]]  # (index, start, end) in cleaned text
    candidates: list[int]  # indices into sentences


class Pipeline:
    """A reusable pipeline; the spaCy model and the knowledge bases load once."""

    def __init__(self, model: str = nlp_stage.MODEL, lexicon: str | None = None, detect_language: bool = True,
                 batch_size: int = 64) -> None:
        self.nlp: Language = nlp_stage.load_model(model)
        self.resolver = ActorResolver()
        self.lexicon: Lexicon = load_lexicon(lexicon)
        self.extractor = SentenceExtractor(self.lexicon)
        self.detect = detect_language
        self.batch_size = batch_size

    # ------------------------------------------------------------ public API
    def extract(self, text: str, date: str | None = None, doc_id: str | None = None) -> list[Event]:
        from .ingest import content_id

        doc = Document(id=doc_id or content_id(text), text=text, date=date)
        res = self.process(doc)
        if res.error:
            raise ValueError(res.error)
        return res.events

    def process(self, document: Document) -> ProcessResult:
        return next(iter(self.pipe([document])))

    def pipe(self, documents: Iterable[Document]) -> Iterator[ProcessResult]:
        """Process documents in batches; a document that fails yields a result with ``error``."""
        batch: list[Document] = []
        for d in documents:
            batch.append(d)
            if len(batch) >= self.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    # ------------------------------------------------------------ stages
    def _prepare(self, document: Document) -> _Prepared | ProcessResult:
        text = document.text or ""
        if not text.strip():
            return ProcessResult(document, error="empty document")
        if self.detect:
            lang = _detect_language(text)
            if lang is not None and lang != "fr":
                return ProcessResult(document, language=lang, skipped=f"language is {lang!r}, not French")
        cleaned = clean(text)
        doc = nlp_stage.tokenize(self.nlp, cleaned.text)
        # the place and agency of a dateline say where and by whom the dispatch was filed
        dateline = dateline_end(cleaned.text)
        mentions = [m for m in self.resolver.resolve(doc, document.date) if m.start >= dateline]
        # the sentence that holds the dateline starts after it
        sentences = [(i, max(s.start_char, dateline) if s.end_char > dateline else s.start_char, s.end_char)
                     for i, s in enumerate(doc.sents)]
        starts = [m.start for m in mentions]
        candidates = []
        for k, (_, s, e) in enumerate(sentences):
            lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            has_ref = hi > lo or any(t.lower_ in POSSESSIVE_OR_PRONOUN for t in span)
            if has_ref and any(self.lexicon.maybe_trigger(t.text) for t in span if t.is_alpha):
                candidates.append(k)
        return _Prepared(document, cleaned, doc, mentions, sentences, candidates)

    def _batch(self, documents: list[Document]) -> Iterator[ProcessResult]:
        prepared: list[_Prepared | ProcessResult] = []
        for d in documents:
            try:
                prepared.append(self._prepare(d))
            except Exception as e:  # one broken document never stops a batch
                prepared.append(ProcessResult(d, error=f"{type(e).__name__}: {e}"))
        texts: list[str] = []
        owners: list[tuple[int, int]] = []
        given_back: list[dict[int, str]] = []
        for pi, p in enumerate(prepared):
            if isinstance(p, _Prepared):
                ends = {m.end for m in p.mentions}
                try:
                    views = [stand_in_verbs(p.cleaned.text[s:e], {x - s for x in ends if s < x <= e})
                             for _, s, e in (p.sentences[k] for k in p.candidates)]
                except Exception as exc:  # one broken document never stops a batch
                    prepared[pi] = ProcessResult(p.document, error=f"{type(exc).__name__}: {exc}")
                    continue
                for k, (text, lemmas) in zip(p.candidates, views, strict=True):
                    texts.append(text)
                    given_back.append(lemmas)
                    owners.append((pi, k))
        parsed: dict[tuple[int, int], Doc] = {}
        masked = (nlp_stage.one_sentence(self.nlp, nlp_stage.mask_incises(mask_designations(t))) for t in texts)
        for owner, lemmas, sdoc in zip(owners, given_back, nlp_stage.parse(self.nlp, masked), strict=True):
            parsed[owner] = _give_back_lemmas(sdoc, lemmas)
        for pi, p in enumerate(prepared):
            if isinstance(p, ProcessResult):
                yield p
                continue
            try:
                yield self._events(p, {k: parsed[(pi, k)] for k in p.candidates})
            except Exception as e:
                yield ProcessResult(p.document, error=f"{type(e).__name__}: {e}")

    def _events(self, p: _Prepared, parsed: dict[int, Doc]) -> ProcessResult:
        mentions = p.mentions
        starts = [m.start for m in mentions]
        ems: list[EventMention] = []
        for k, sdoc in parsed.items():
            index, s, e = p.sentences[k]
            lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            in_sent = mentions[lo:hi]
            sms = align_mentions(sdoc, s, in_sent)
            antecedent = _antecedent_finder(p, k, s, in_sent)
            ems.extend(self.extractor.find(sdoc, s, index, sms, antecedent, p.document.date,
                                           original=p.cleaned.text[s:e]))
        ems.sort(key=lambda em: (em.sentence, em.trigger.i))
        events = build_records(p.document, p.cleaned, resolve_pending(ems))
        _link_sanctions(events, p.document, p.document.text)
        return ProcessResult(p.document, cleaned_text=p.cleaned.text, language="fr", events=events,
                             actors=mentions, cleaned=p.cleaned)


def mask_designations(text: str) -> str:
    """Hide weapon designations ("Shahed-136", "Leopard 2") from the parser behind a number of
    the same length: as they are, the tagger takes "-136" for a verb and breaks the clause, while a
    number after a noun parses as its modifier. Same length, so every offset stays valid; items are
    read from the unmasked text."""
    from .arms import load_vocabulary

    voc = load_vocabulary()
    if voc.any_code is None or voc.any_code.search(text) is None:
        return text  # no designation that could be masked (most sentences): one scan, not one per pattern
    chars = list(text)
    for pat in voc.codes:
        for m in pat.finditer(text):
            # plain names ("Caesar", "Rafale") parse well as they are; codes do not
            if m.end() - m.start() >= 2 and any(c.isdigit() or c == "-" for c in m.group(0)):
                chars[m.start():m.end()] = ["2"] * (m.end() - m.start())
    return "".join(chars)


@dataclass(frozen=True)
class _StandIns:
    by_length: dict[int, str]
    clitics: frozenset[str]
    subjects: frozenset[str]
    homographs: dict[str, str]  # form -> infinitive


@lru_cache(maxsize=1)
def _stand_ins() -> _StandIns:
    data = yaml.safe_load((resources.files("veilleur") / "data" / "nlp" / "stand_ins.yaml").read_text("utf-8"))
    low = lambda xs: frozenset(str(x).lower() for x in xs)  # noqa: E731
    return _StandIns({int(k): v for k, v in data["by_length"].items()}, low(data["clitics"]), low(data["subjects"]),
                     {str(k).lower(): str(v).lower() for k, v in (data.get("homographs") or {}).items()})


_WORD = re.compile(r"\w+", re.UNICODE)


def stand_in_verbs(text: str, subject_ends: set[int]) -> tuple[str, dict[int, str]]:
    """Hide present-tense homographs ("livre", "frappe", "dément") that follow their subject behind
    an unambiguous verb of the same length (``data/nlp/stand_ins.yaml``), for the parser only.

    ``subject_ends`` are the offsets (in ``text``) where an actor mention ends. Returns the text for
    the parser and, for each replaced word, its offset and the lemma to give back to the token."""
    data = _stand_ins()
    by_length, clitics, subjects, homographs = data.by_length, data.clitics, data.subjects, data.homographs
    chars = list(text)
    lemmas: dict[int, str] = {}
    words = list(_WORD.finditer(text))
    for k, m in enumerate(words):
        word = m.group(0).lower()
        lemma = homographs.get(word)
        if lemma is None or len(word) not in by_length or k == 0:
            continue
        j = k - 1
        while j >= 0 and words[j].group(0).lower() in clitics:
            j -= 1
        if j < 0:
            continue
        prev = words[j]
        gap = text[prev.end():m.start()]
        subject = prev.end() in subject_ends or prev.group(0).lower() in subjects
        # only clitics (skipped above), spaces and apostrophes between the subject and the verb —
        # or the comma closing a name in apposition ("Le directeur de l'AIEA, Rafael Grossi, presse")
        punct = _WORD.sub("", gap)
        if punct.strip() == "," and prev.end() in subject_ends and _closes_apposition(text, prev.end()):
            punct = ""
        if not subject or any(c not in " '’\u00a0" for c in punct):
            continue
        chars[m.start():m.end()] = list(by_length[len(word)])
        lemmas[m.start()] = lemma
    return "".join(chars), lemmas


_APPOSED_NAME = re.compile(r",\s*(?:[A-ZÀ-Ý][\w'’-]*\s*|(?:de|du|d'|d’|al-|ben|bin|van|von|le|la)\s*){1,5}$")


def _closes_apposition(text: str, end: int) -> bool:
    """Is ``text[:end]`` a name set off by a comma ("…, Rafael Grossi")?"""
    return _APPOSED_NAME.search(text[:end]) is not None


def _give_back_lemmas(doc: Doc, lemmas: dict[int, str]) -> Doc:
    if not lemmas:
        return doc
    for tok in doc:
        lemma = lemmas.get(tok.idx)
        if lemma is not None:
            tok.lemma_ = lemma
            tok.pos_ = "VERB"
            tok.set_morph("Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin")
    return doc


def _detect_language(text: str) -> str | None:
    try:
        from .language import detect_language
    except ImportError:  # language detection not installed: assume French
        return None
    return detect_language(text)


def _antecedent_finder(p: _Prepared, k: int, sent_start: int, in_sent: list[ActorMention]):
    """Resolve "il", "ses", "son" to the salient actor: the nearest preceding actor in the
    sentence, else the first actor (usually the subject) of the nearest earlier sentence. A plural
    ("ils", "leurs") takes the whole list that actor belongs to ("Londres, Paris et Berlin")."""

    def find(tok: Token, skip: frozenset[int] = frozenset()) -> list[ActorMention]:
        at = sent_start + tok.idx
        plural = tok.lower_ in PLURAL_PRONOUNS
        speaker = _speaker_of_clause(tok, sent_start, [m for m in in_sent if m.start not in skip])
        if speaker:
            return _listed(p, in_sent, in_sent.index(speaker[0])) if plural else speaker
        before = [m for m in in_sent if m.end <= at and m.kind in STATE_KINDS and m.start not in skip]
        if before:
            return _listed(p, before, len(before) - 1) if plural else [before[-1]]
        for j in range(k - 1, max(-1, k - 4), -1):
            _, s, e = p.sentences[j]
            prev = [m for m in p.mentions if s <= m.start < e and m.kind in STATE_KINDS and m.start not in skip]
            if prev and _pronoun_before(p, s, prev[0].start):
                continue  # that sentence's subject was a pronoun too: the chain goes further back
            if prev:
                return _listed(p, prev, 0) if plural else [prev[0]]
        return []

    return find


def _speaker_of_clause(tok: Token, sent_start: int, mentions: list[ActorMention]) -> list[ActorMention]:
    """"Séoul a fait savoir qu'il n'excluait plus de fournir des armes": the subject pronoun of a
    clause that completes a verb is that verb's subject, whatever name comes between."""
    if tok.lower_ not in ("il", "elle", "ils", "elles") or not tok.dep_.startswith(("nsubj", "expl:subj")):
        return []
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return []
    for s in subject_of(verb.head)[0]:
        lo, hi = sent_start + s.left_edge.idx, sent_start + s.right_edge.idx + len(s.right_edge.text)
        inside = [m for m in mentions if lo <= m.start < hi]
        if inside:
            return inside[:1]
    return []


#: a list of actors: "Londres, Paris et Berlin", "la France ainsi que l'Allemagne"
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*et|,?\s*ainsi que)\s*(?:(?:le|la|les)\s+|l['’]\s*)?", re.IGNORECASE)


def _listed(p: _Prepared, mentions: list[ActorMention], i: int) -> list[ActorMention]:
    """The mentions listed together with ``mentions[i]`` (joined only by commas and "et")."""
    lo = hi = i
    text = p.cleaned.text
    while lo > 0 and _LIST_GAP.fullmatch(text[mentions[lo - 1].end:mentions[lo].start]):
        lo -= 1
    while hi + 1 < len(mentions) and _LIST_GAP.fullmatch(text[mentions[hi].end:mentions[hi + 1].start]):
        hi += 1
    return mentions[lo:hi + 1]


def _pronoun_before(p: _Prepared, start: int, end: int) -> bool:
    """Is there a subject pronoun ("ils ont lancé …") between ``start`` and ``end``?"""
    span = p.doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(t.lower_ in ("il", "elle", "ils", "elles") for t in span)


def _actor(m: ActorMention, cleaned: Cleaned) -> Actor:
    s, e = cleaned.offsets.span_to_raw(m.start, m.end)
    return Actor(entity_text=m.text, code=m.code, sector=m.sector, name=m.name, wikidata=m.wikidata,
                 parent=m.parent, start=s, end=e)


def _raw(cleaned: Cleaned, s: int, e: int) -> tuple[int, int]:
    return cleaned.offsets.span_to_raw(s, e)


def build_records(document: Document, cleaned: Cleaned, ems: list[EventMention]) -> list[Event]:
    """Merge sentence-level mentions into one record per (type, actor, recipient)."""
    groups: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[EventMention]] = {}
    for em in ems:
        key = (em.frame.type, tuple(sorted({a.code for a in em.actors})),
               tuple(sorted({r.code for r in em.recipients})))
        groups.setdefault(key, []).append(em)
    events: list[Event] = []
    lengths: dict[int, int] = {}  # sentence doc (alive for the call) -> len(doc.text), which joins every token

    def length(doc: Doc) -> int:
        n = lengths.get(id(doc))
        if n is None:
            n = lengths[id(doc)] = len(doc.text)
        return n

    for (etype, acodes, rcodes), group in groups.items():
        group.sort(key=lambda em: (em.sentence, em.trigger.i))
        first = group[0]
        spans = []
        seen_sent: set[int] = set()
        for em in group:
            if em.sentence in seen_sent:
                continue
            seen_sent.add(em.sentence)
            s, e = _raw(cleaned, em.base, em.base + length(em.trigger.doc))
            spans.append(Span(em.sentence, s, e))
        sources: list[Source] = []
        for em in group:
            for src in em.attribution:
                if not any(_same_source(x, src) for x in sources):
                    if src.start is not None and src.end is not None:
                        rs, re_ = _raw(cleaned, em.base + src.start, em.base + src.end)
                        src = Source(src.name, src.code, src.kind, src.cue, rs, re_)
                    sources.append(src)
        arms_transfer = None
        items: list[ArmsItem] = []
        deal = None
        for em in group:
            for it in em.items:
                if not any(x.text == it.text and x.category == it.category for x in items):
                    if it.start is not None and it.end is not None:
                        it.start, it.end = _raw(cleaned, em.base + it.start, em.base + it.end)
                    items.append(it)
            deal = deal if deal not in (None, "unknown") else em.deal
        if etype == "AID" and items:
            arms_transfer = ArmsTransfer(supplier=acodes[0], recipient=rcodes[0] if rcodes else "",
                                         deal=deal or "unknown", items=items)
        trig = first.trigger
        ts, te = _raw(cleaned, first.base + trig.idx, first.base + trig.idx + len(trig))
        cues = []
        for em in group:
            for c in em.cue_tokens:
                cs, ce = _raw(cleaned, em.base + c.idx, em.base + c.idx + len(c))
                cues.append({"text": c.text, "start": cs, "end": ce})
        contexts: list[str] = []
        for em in group:
            for c in em.contexts:
                if c not in contexts:
                    contexts.append(c)
        actors = _unique_actors([a for em in group for a in em.actors], cleaned)
        recipients = _unique_actors([r for em in group for r in em.recipients], cleaned)
        events.append(Event(
            id=event_id(document.id, etype, acodes, rcodes), doc_id=document.id, event_type=etype,
            mode=next((em.frame.mode for em in group if em.frame.mode), None), contexts=contexts,
            actor=actors, recipient=recipients,
            event_text=cleaned.text[first.base + trig.idx: first.base + trig.idx + len(trig)],
            text=cleaned.text[first.base: first.base + length(first.trigger.doc)],
            text_info=spans[0], mentions=spans[1:],
            date=next((em.date for em in group if em.date), None),
            modality=strongest([em.modality for em in group]), attribution=sources,
            arms_transfer=arms_transfer, trigger=(ts, te), cues=cues,
        ))
    events.sort(key=lambda ev: (ev.text_info.start, ev.event_type))
    return events


def _same_source(a: Source, b: Source) -> bool:
    """Coded sources are one origin per (code, kind); uncoded ones go by their words."""
    if a.kind == "media" or b.kind == "media":
        return a.kind == b.kind and a.name == b.name
    if a.code or b.code:
        return (a.code, a.kind) == (b.code, b.kind)
    return (a.kind, a.name) == (b.kind, b.name)


def _unique_actors(ms: list[ActorMention], cleaned: Cleaned) -> list[Actor]:
    out: list[Actor] = []
    for m in ms:
        if not any(a.code == m.code for a in out):
            out.append(_actor(m, cleaned))
    return out


def _link_sanctions(events: list[Event], document: Document, text: str) -> None:
    try:
        from .sanctions import link_events
    except ImportError:  # the sanctions stage is optional for the extractor
        return
    link_events(events, document.date, text)


# ------------------------------------------------------------ spaCy component

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


@Language.factory("veilleur", default_config={"date": None})
def make_veilleur_component(nlp: Language, name: str, date: str | None) -> VeilleurComponent:
    return VeilleurComponent(date)


class VeilleurComponent:
    """``nlp.add_pipe("veilleur")`` on a parsing French pipeline sets ``doc._.events``.

    The component reads the parse the pipeline already made, so it works on the
    whole document (no sentence selection, no cleaning).
    """

    def __init__(self, date: str | None = None) -> None:
        self.date = date
        self.resolver = ActorResolver()
        self.extractor = SentenceExtractor(load_lexicon())

    def __call__(self, doc: Doc) -> Doc:
        from .offsets import OffsetMap

        mentions = self.resolver.resolve(doc, self.date)
        sentences = [(i, s.start_char, s.end_char) for i, s in enumerate(doc.sents)]
        document = Document(id=str(hash(doc.text) & 0xFFFFFFFF), text=doc.text, date=self.date)
        cleaned = Cleaned(doc.text, OffsetMap.identity(len(doc.text)))
        p = _Prepared(document, cleaned, doc, mentions, sentences, list(range(len(sentences))))
        ems: list[EventMention] = []
        starts = [m.start for m in mentions]
        for k, (index, s, e) in enumerate(sentences):
            sdoc = doc[doc.char_span(s, e, alignment_mode="expand").start:
                       doc.char_span(s, e, alignment_mode="expand").end].as_doc()
            lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            sms = align_mentions(sdoc, s, mentions[lo:hi])
            ems.extend(self.extractor.find(sdoc, s, index, sms, _antecedent_finder(p, k, s, mentions[lo:hi]),
                                           self.date))
        events = build_records(document, cleaned, resolve_pending(ems))
        _link_sanctions(events, document, doc.text)
        doc._.events = events
        return doc
