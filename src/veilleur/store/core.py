"""The :class:`Store`: documents, events and stories in SQLite or PostgreSQL.

    >>> from veilleur.store import Store, EventFilter
    >>> with Store.open("veilleur.db") as store:                     # doctest: +SKIP
    ...     store.add_many(pipe.pipe(documents))
    ...     for ev in store.events(EventFilter(actor="PRK", type="AID")):
    ...         print(ev.date, ev.actor[0].code, ev.recipient[0].code)

Writes go through :meth:`Store.add_many`: one transaction per call, so a batch is
stored entirely or not at all (a killed ingest loses at most the batch in flight and
never leaves half a document behind).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from ..records import (
    Actor,
    ActorMention,
    ArmsItem,
    ArmsTransfer,
    Document,
    Event,
    Quantity,
    SanctionLink,
    Source,
    Span,
)
from .db import Database, default_url
from .filters import EventFilter
from .schema import PG_LOCK_ID, migrate
from .stories import StoryConfig, assign_story, candidate, origin_of, refresh_stories

PAGE = 500  # events fetched per round trip when streaming


class ResultLike(Protocol):
    """What the pipeline's ``ProcessResult`` provides (duck-typed: the store does not import the pipeline)."""

    document: Document
    cleaned_text: str | None
    language: str | None
    events: list[Event]
    actors: list[ActorMention]
    error: str | None
    skipped: str | None


def content_hash(text: str) -> str:
    """The identity of a document's content: SHA-256 of its raw text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _key(actors: Sequence[Actor]) -> str:
    return ",".join(sorted({a.code for a in actors if a.code}))


@dataclass
class AddOutcome:
    doc_id: str
    status: str  # ok | failed | skipped
    events: int
    replaced: bool  # the document was already stored (reprocessed or updated)


@dataclass
class DocumentInfo:
    id: str
    content_hash: str
    title: str | None
    url: str | None
    source: str | None
    date: str | None
    language: str | None
    status: str
    error: str | None
    n_events: int
    ingested_at: str
    origin: str | None = None


@dataclass
class StoredDocument(DocumentInfo):
    raw_text: str = ""
    cleaned_text: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_document(self) -> Document:
        return Document(id=self.id, text=self.raw_text, date=self.date, title=self.title, url=self.url,
                        source=self.source, origin=self.origin or f"store:{self.id}", metadata=dict(self.metadata))


@dataclass
class StoredEvent:
    """An event with what the store knows around it."""

    event: Event
    pk: int
    story_id: int | None
    origin_key: str | None
    origin_name: str | None
    doc_title: str | None
    doc_url: str | None
    doc_source: str | None
    doc_date: str | None


@dataclass
class StoryReport:
    event_id: str
    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    modality: str
    attribution: list[Source]


@dataclass
class StoryOrigin:
    key: str
    name: str | None
    code: str | None
    kind: str | None
    reports: list[StoryReport] = field(default_factory=list)


@dataclass
class Story:
    id: int
    event_type: str
    actors: list[str]
    recipients: list[str]
    date_lo: str | None
    date_hi: str | None
    first_seen: str | None
    last_seen: str | None
    modality: str | None
    n_reports: int
    n_documents: int
    n_origins: int
    n_negated: int
    arms_categories: list[str]
    headline: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ActorCount:
    code: str
    name: str | None
    as_actor: int
    as_recipient: int
    events: int


_EVENT_COLS = ("e.id, e.event_id, e.doc_id, e.event_type, e.mode, e.modality, e.date, e.contexts, e.event_text, "
               "e.sentence, e.sentence_index, e.sentence_start, e.sentence_end, e.trigger_start, e.trigger_end, "
               "e.cues, e.story_id, e.origin_key, e.origin_name, d.title, d.url, d.source, d.date")

_STORY_COLS = ("s.id, s.event_type, s.actor_key, s.recipient_key, s.date_lo, s.date_hi, s.first_seen, s.last_seen, "
               "s.modality, s.n_reports, s.n_documents, s.n_origins, s.n_negated, s.arms_categories, s.headline")

STORY_ORDERS = {"id": "s.id", "origins": "s.n_origins DESC, s.n_reports DESC, s.id",
                "recent": "s.last_seen DESC, s.id DESC", "reports": "s.n_reports DESC, s.id"}


class Store:
    """A veilleur store. Open with :meth:`Store.open`; use as a context manager to close it."""

    def __init__(self, db: Database, story_config: StoryConfig | None = None) -> None:
        self.db = db
        self.story_config = story_config or StoryConfig()

    # --- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str | Path | None = None, *, create: bool = True,
             story_config: StoryConfig | None = None) -> Store:
        """Open (and create or upgrade) a store.

        ``url``: a file path or ``sqlite:///path`` (SQLite, WAL mode) or ``postgresql://…``;
        ``None`` means ``$VEILLEUR_DB``, else ``./veilleur.db``. ``create=False`` refuses
        to create a missing SQLite file (for read commands: a typo must not create a store).
        Raises :class:`~veilleur.store.db.StoreError` with a one-line message.
        """
        db = Database.connect(str(url) if url is not None else default_url(), create=create)
        try:
            migrate(db)
        except BaseException:
            db.close()
            raise
        return cls(db, story_config)

    @property
    def backend(self) -> str:
        return self.db.dialect.name

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- documents -------------------------------------------------------------------------
    def has_document(self, content_hash: str) -> bool:
        """Whether a document with this content (see :func:`content_hash`) is stored."""
        return self.db.one("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)) is not None

    def known_hashes(self, hashes: Iterable[str]) -> dict[str, str]:
        """Status ("ok", "failed", "skipped") of each of these content hashes already stored."""
        out: dict[str, str] = {}
        hs = list(dict.fromkeys(hashes))
        for i in range(0, len(hs), PAGE):
            chunk = hs[i:i + PAGE]
            marks = ", ".join("?" for _ in chunk)
            for h, status in self.db.all(f"SELECT content_hash, status FROM documents WHERE content_hash IN ({marks})",
                                         chunk):
                out[h] = status
        return out

    def documents(self, status: str | None = None, limit: int | None = None, offset: int = 0
                  ) -> Iterator[DocumentInfo]:
        """Stored documents in ingest order (optionally only those with ``status``)."""
        where, params = ("status = ?", [status]) if status else ("1=1", [])
        last, sent = "", 0
        while limit is None or sent < limit:
            page = PAGE if limit is None else min(PAGE, limit - sent)
            rows = self.db.all(
                "SELECT id, content_hash, title, url, source, date, language, status, error, n_events, "
                f"ingested_at, origin FROM documents WHERE {where} AND id > ? ORDER BY id LIMIT ? OFFSET ?",
                [*params, last, page, offset if not last else 0])
            if not rows:
                return
            for r in rows:
                yield DocumentInfo(*r)
            sent += len(rows)
            last = rows[-1][0]

    def get_document(self, doc_id: str) -> StoredDocument | None:
        r = self.db.one(
            "SELECT id, content_hash, title, url, source, date, language, status, error, n_events, ingested_at, "
            "origin, raw_text, cleaned_text, metadata FROM documents WHERE id = ?", (doc_id,))
        if r is None:
            return None
        return StoredDocument(*r[:12], raw_text=r[12], cleaned_text=r[13], metadata=json.loads(r[14] or "{}"))

    def count_documents(self, status: str | None = None) -> int:
        if status:
            return int(self.db.scalar("SELECT COUNT(*) FROM documents WHERE status = ?", (status,)))
        return int(self.db.scalar("SELECT COUNT(*) FROM documents"))

    # --- writing ---------------------------------------------------------------------------
    def add(self, result: ResultLike) -> AddOutcome:
        """Store one pipeline result (see :meth:`add_many`)."""
        return self.add_many([result])[0]

    def add_many(self, results: Iterable[ResultLike]) -> list[AddOutcome]:
        """Store pipeline results in ONE transaction: all of them or none.

        A document already stored (same content hash, or same id with new text) has its
        events replaced — that is how ``--reprocess`` works; callers that want to skip
        known documents check :meth:`known_hashes` first (before paying for extraction).
        """
        now = _now()
        outcomes: list[AddOutcome] = []
        with self.db.transaction():
            if self.backend == "postgresql":
                # concurrent ingesters: serialise story assignment so two batches never
                # open the same story twice; the lock ends with the transaction
                self.db.execute("SELECT pg_advisory_xact_lock(?)", (PG_LOCK_ID,))
            touched: set[int] = set()
            for res in results:
                outcome, stories = self._write(res, now)
                outcomes.append(outcome)
                touched |= stories
            refresh_stories(self.db, touched, now)
        return outcomes

    def _write(self, res: ResultLike, now: str) -> tuple[AddOutcome, set[int]]:
        db = self.db
        doc = res.document
        h = content_hash(doc.text)
        status = "failed" if res.error else ("skipped" if res.skipped else "ok")
        error = res.error or res.skipped
        events = list(res.events or []) if status == "ok" else []
        existing = db.one("SELECT id FROM documents WHERE content_hash = ?", (h,)) or \
            db.one("SELECT id FROM documents WHERE id = ?", (doc.id,))
        touched: set[int] = set()
        doc_id = doc.id
        meta = json.dumps(doc.metadata, ensure_ascii=False, default=str) if doc.metadata else None
        values = (h, doc.text, res.cleaned_text, doc.title, doc.url, doc.source, doc.date, res.language,
                  doc.origin, meta, status, error, len(events), now)
        if existing:
            doc_id = existing[0]
            touched |= self._delete_extraction(doc_id)
            db.execute("UPDATE documents SET content_hash = ?, raw_text = ?, cleaned_text = ?, title = ?, url = ?, "
                       "source = ?, date = ?, language = ?, origin = ?, metadata = ?, status = ?, error = ?, "
                       "n_events = ?, processed_at = ? WHERE id = ?", (*values, doc_id))
        else:
            db.execute("INSERT INTO documents (content_hash, raw_text, cleaned_text, title, url, source, date, "
                       "language, origin, metadata, status, error, n_events, processed_at, id, ingested_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*values, doc_id, now))
        if status == "ok":
            db.executemany(
                "INSERT INTO actor_mentions (doc_id, start_char, end_char, text, code, name, sector, kind, via, "
                "parent, wikidata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(doc_id, m.start, m.end, m.text, m.code, m.name, m.sector, m.kind, m.via, m.parent, m.wikidata)
                 for m in (res.actors or [])])
            touched |= self._insert_events(doc_id, doc, events, now)
        return AddOutcome(doc_id, status, len(events), bool(existing)), touched

    def _delete_extraction(self, doc_id: str) -> set[int]:
        """Remove a document's events and mentions; returns the stories they were in."""
        db = self.db
        stories = {s for (s,) in db.all("SELECT DISTINCT story_id FROM events WHERE doc_id = ? "
                                        "AND story_id IS NOT NULL", (doc_id,))}
        sub = "(SELECT id FROM events WHERE doc_id = ?)"
        for table in ("event_mentions", "event_actors", "attributions", "arms_items", "arms_transfers",
                      "sanctions_links"):
            db.execute(f"DELETE FROM {table} WHERE event_pk IN {sub}", (doc_id,))
        db.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM actor_mentions WHERE doc_id = ?", (doc_id,))
        return stories

    def _insert_events(self, doc_id: str, doc: Document, events: list[Event], now: str) -> set[int]:
        db = self.db
        touched: set[int] = set()
        mentions, actors, attrib, transfers, items, sanctions = [], [], [], [], [], []
        seen_ids: set[str] = set()
        for n, ev in enumerate(events):
            ev_id = ev.id or f"{doc_id}-{n}"
            if ev_id in seen_ids:  # the UNIQUE (doc_id, event_id) key must hold even for a sloppy extractor
                ev_id = f"{ev_id}-{n}"
            seen_ids.add(ev_id)
            a_key, r_key = _key(ev.actor), _key(ev.recipient)
            mention_texts = [doc.text[m.start:m.end] for m in ev.mentions[:5]
                             if m.start is not None and m.end is not None]
            arms = {i.category for i in ev.arms_transfer.items if i.category} if ev.arms_transfer else set()
            cand = candidate(ev.event_type, a_key, r_key, ev.date, doc.date, [ev.text, *mention_texts], arms)
            story_id = assign_story(db, cand, now, self.story_config)
            touched.add(story_id)
            origin = origin_of(ev.attribution, doc.source, doc.url, doc_id)
            ti = ev.text_info
            pk = db.insert_id(
                "INSERT INTO events (event_id, doc_id, event_type, mode, modality, date, date_lo, date_hi, contexts, "
                "event_text, sentence, sentence_index, sentence_start, sentence_end, trigger_start, trigger_end, "
                "cues, actor_key, recipient_key, terms, origin_key, origin_name, origin_code, origin_kind, story_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (ev_id, doc_id, ev.event_type, ev.mode, ev.modality or "asserted", ev.date,
                 cand.interval[0] if cand.interval else None, cand.interval[1] if cand.interval else None,
                 json.dumps(ev.contexts), ev.event_text, ev.text,
                 ti.sentence if ti else None, ti.start if ti else None, ti.end if ti else None,
                 ev.trigger[0] if ev.trigger else None, ev.trigger[1] if ev.trigger else None,
                 json.dumps(ev.cues, ensure_ascii=False) if ev.cues else None, a_key, r_key,
                 json.dumps(sorted(cand.terms), ensure_ascii=False),
                 origin.key, origin.name, origin.code, origin.kind, story_id))
            mentions += [(pk, i, m.sentence, m.start, m.end) for i, m in enumerate(ev.mentions)]
            for role, group in (("actor", ev.actor), ("recipient", ev.recipient)):
                actors += [(pk, role, i, a.code, a.sector, a.name, a.entity_text, a.start, a.end, a.wikidata,
                            a.parent) for i, a in enumerate(group)]
            attrib += [(pk, i, s.name, s.code, s.kind, s.cue, s.start, s.end) for i, s in enumerate(ev.attribution)]
            if ev.arms_transfer:
                t = ev.arms_transfer
                transfers.append((pk, t.supplier, t.recipient, t.deal))
                items += [(pk, i, it.text, it.category, it.designation,
                           it.quantity.text if it.quantity else None, it.quantity.min if it.quantity else None,
                           it.quantity.max if it.quantity else None, it.start, it.end)
                          for i, it in enumerate(t.items)]
            sanctions += [(pk, i, s.regime, s.provision, s.relation, s.basis, s.modality, s.explanation)
                          for i, s in enumerate(ev.sanctions)]
        db.executemany("INSERT INTO event_mentions (event_pk, position, sentence_index, start_char, end_char) "
                       "VALUES (?, ?, ?, ?, ?)", mentions)
        db.executemany("INSERT INTO event_actors (event_pk, role, position, code, sector, name, entity_text, "
                       "start_char, end_char, wikidata, parent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", actors)
        db.executemany("INSERT INTO attributions (event_pk, position, name, code, kind, cue, start_char, end_char) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", attrib)
        db.executemany("INSERT INTO arms_transfers (event_pk, supplier, recipient, deal) VALUES (?, ?, ?, ?)",
                       transfers)
        db.executemany("INSERT INTO arms_items (event_pk, position, text, category, designation, qty_text, qty_min, "
                       "qty_max, start_char, end_char) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", items)
        db.executemany("INSERT INTO sanctions_links (event_pk, position, regime, provision, relation, basis, "
                       "modality, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sanctions)
        return touched

    # --- events ----------------------------------------------------------------------------
    def events(self, flt: EventFilter | None = None) -> Iterator[Event]:
        """Stored events matching ``flt``, as :class:`~veilleur.records.Event` (streamed, ingest order)."""
        for rec in self.event_records(flt):
            yield rec.event

    def count_events(self, flt: EventFilter | None = None) -> int:
        where, params = (flt or EventFilter()).where("e")
        return int(self.db.scalar(f"SELECT COUNT(*) FROM events e WHERE {where}", params))

    def event_records(self, flt: EventFilter | None = None) -> Iterator[StoredEvent]:
        """Like :meth:`events`, with story, origin and document details. Pages by key: constant memory."""
        flt = flt or EventFilter()
        where, params = flt.where("e")
        remaining = flt.limit
        offset = flt.offset
        last = 0
        while remaining is None or remaining > 0:
            page = PAGE if remaining is None else min(PAGE, remaining)
            rows = self.db.all(
                f"SELECT {_EVENT_COLS} FROM events e JOIN documents d ON d.id = e.doc_id "
                f"WHERE {where} AND e.id > ? ORDER BY e.id LIMIT ? OFFSET ?", [*params, last, page, offset])
            offset = 0  # the offset applies once; later pages continue from the last key
            if not rows:
                return
            yield from self._hydrate(rows)
            last = rows[-1][0]
            if remaining is not None:
                remaining -= len(rows)
            if len(rows) < page:
                return

    def _hydrate(self, rows: list[tuple[Any, ...]]) -> Iterator[StoredEvent]:
        pks = [r[0] for r in rows]
        marks = ", ".join("?" for _ in pks)
        actors: dict[int, dict[str, list[Actor]]] = {}
        for pk, role, code, sector, name, text, s, e, wd, parent in self.db.all(
                "SELECT event_pk, role, code, sector, name, entity_text, start_char, end_char, wikidata, parent "
                f"FROM event_actors WHERE event_pk IN ({marks}) ORDER BY event_pk, role, position", pks):
            actors.setdefault(pk, {}).setdefault(role, []).append(
                Actor(entity_text=text, code=code, sector=sector, name=name, wikidata=wd, parent=parent,
                      start=s, end=e))
        mentions: dict[int, list[Span]] = {}
        for pk, sent, s, e in self.db.all("SELECT event_pk, sentence_index, start_char, end_char FROM event_mentions "
                                          f"WHERE event_pk IN ({marks}) ORDER BY event_pk, position", pks):
            mentions.setdefault(pk, []).append(Span(sent, s, e))
        attrib: dict[int, list[Source]] = {}
        for pk, name, code, kind, cue, s, e in self.db.all(
                "SELECT event_pk, name, code, kind, cue, start_char, end_char FROM attributions "
                f"WHERE event_pk IN ({marks}) ORDER BY event_pk, position", pks):
            attrib.setdefault(pk, []).append(Source(name=name, code=code, kind=kind, cue=cue, start=s, end=e))
        transfers = {pk: ArmsTransfer(supplier=sup, recipient=rec, deal=deal) for pk, sup, rec, deal in self.db.all(
            f"SELECT event_pk, supplier, recipient, deal FROM arms_transfers WHERE event_pk IN ({marks})", pks)}
        for pk, text, cat, des, qt, qmin, qmax, s, e in self.db.all(
                "SELECT event_pk, text, category, designation, qty_text, qty_min, qty_max, start_char, end_char "
                f"FROM arms_items WHERE event_pk IN ({marks}) ORDER BY event_pk, position", pks):
            qty = Quantity(qt, qmin, qmax) if (qt is not None or qmin is not None or qmax is not None) else None
            if pk in transfers:
                transfers[pk].items.append(ArmsItem(text=text, category=cat, designation=des, quantity=qty,
                                                    start=s, end=e))
        sanctions: dict[int, list[SanctionLink]] = {}
        for pk, regime, prov, rel, basis, mod, expl in self.db.all(
                "SELECT event_pk, regime, provision, relation, basis, modality, explanation FROM sanctions_links "
                f"WHERE event_pk IN ({marks}) ORDER BY event_pk, position", pks):
            sanctions.setdefault(pk, []).append(SanctionLink(regime=regime, provision=prov, relation=rel,
                                                             basis=basis, modality=mod, explanation=expl))
        for r in rows:
            (pk, ev_id, doc_id, etype, mode, modality, date, contexts, ev_text, sentence, s_idx, s_start, s_end,
             t_start, t_end, cues, story_id, o_key, o_name, d_title, d_url, d_source, d_date) = r
            ev = Event(
                id=ev_id, doc_id=doc_id, event_type=etype,
                actor=actors.get(pk, {}).get("actor", []), recipient=actors.get(pk, {}).get("recipient", []),
                event_text=ev_text or "", text=sentence or "",
                text_info=Span(s_idx, s_start, s_end), mode=mode, contexts=json.loads(contexts or "[]"),
                mentions=mentions.get(pk, []), date=date, modality=modality, attribution=attrib.get(pk, []),
                arms_transfer=transfers.get(pk), sanctions=sanctions.get(pk, []),
                trigger=(t_start, t_end) if t_start is not None else None, cues=json.loads(cues or "[]"))
            yield StoredEvent(ev, pk, story_id, o_key, o_name, d_title, d_url, d_source, d_date)

    # --- stories ---------------------------------------------------------------------------
    def stories(self, flt: EventFilter | None = None, order: str = "id") -> Iterator[Story]:
        """Stories with at least one report matching ``flt`` (``modality`` tests the story's own)."""
        flt = flt or EventFilter()
        where, params = flt.where("e", story_modality="s.modality")
        sql = (f"SELECT {_STORY_COLS} FROM stories s WHERE EXISTS (SELECT 1 FROM events e WHERE e.story_id = s.id "
               f"AND {where}) ORDER BY {STORY_ORDERS.get(order, 's.id')}")
        if flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [flt.limit, flt.offset]
        elif flt.offset:
            sql += " LIMIT -1 OFFSET ?" if self.backend == "sqlite" else " OFFSET ?"
            params.append(flt.offset)
        for r in self.db.execute(sql, params).fetchall():
            yield Story(r[0], r[1], [c for c in r[2].split(",") if c], [c for c in r[3].split(",") if c],
                        *r[4:13], json.loads(r[13] or "[]"), r[14])

    def get_story(self, story_id: int) -> Story | None:
        return next(self.stories(EventFilter(story_id=story_id)), None)

    def story_origins(self, story_id: int) -> list[StoryOrigin]:
        """The independent origins of a story, each with the reports that hang on it."""
        origins = {k: StoryOrigin(k, name, code, kind) for k, name, code, kind in self.db.all(
            "SELECT origin_key, name, code, kind FROM story_origins WHERE story_id = ? "
            "ORDER BY n_reports DESC, origin_key", (story_id,))}
        for rec in self.event_records(EventFilter(story_id=story_id)):
            key = rec.origin_key or f"document:{rec.event.doc_id}"
            o = origins.get(key)
            if o is None:  # a negated report when the story has positive ones: shown apart
                o = origins.setdefault(key, StoryOrigin(key, rec.origin_name, None, None))
            o.reports.append(StoryReport(rec.event.id, rec.event.doc_id, rec.doc_title, rec.doc_source,
                                         rec.doc_url, rec.event.modality, rec.event.attribution))
        return list(origins.values())

    # --- actors ----------------------------------------------------------------------------
    def actors_top(self, n: int = 20, flt: EventFilter | None = None) -> list[ActorCount]:
        """The ``n`` actor codes in most events (as actor or recipient), among events matching ``flt``."""
        where, params = (flt or EventFilter()).where("e")
        rows = self.db.all(
            "SELECT a.code, MAX(a.name), SUM(CASE WHEN a.role = 'actor' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN a.role = 'recipient' THEN 1 ELSE 0 END), COUNT(DISTINCT a.event_pk) "
            f"FROM event_actors a JOIN events e ON e.id = a.event_pk WHERE {where} "
            "GROUP BY a.code ORDER BY 5 DESC, a.code LIMIT ?", [*params, n])
        return [ActorCount(c, name, int(x), int(y), int(z)) for c, name, x, y, z in rows]

    def stats(self) -> dict[str, Any]:
        """Counts for a summary: documents by status, events by type, stories."""
        docs = dict(self.db.all("SELECT status, COUNT(*) FROM documents GROUP BY status"))
        types = dict(self.db.all("SELECT event_type, COUNT(*) FROM events GROUP BY event_type ORDER BY 2 DESC"))
        return {"documents": {k: int(v) for k, v in docs.items()},
                "events": {k: int(v) for k, v in types.items()},
                "stories": int(self.db.scalar("SELECT COUNT(*) FROM stories")),
                "corroborated_stories": int(self.db.scalar("SELECT COUNT(*) FROM stories WHERE n_origins > 1"))}
