"""The veilleur store: SQLite by default, PostgreSQL for teams (SPEC §1.8).

Public API::

    Store.open(url_or_path=None, create=True) -> Store   # $VEILLEUR_DB, else ./veilleur.db
    store.add(result) / store.add_many(results)         # one transaction per call
    store.has_document(content_hash) / store.known_hashes(hashes)
    store.events(EventFilter(...)) -> Iterator[Event]
    store.event_records(EventFilter(...)) -> Iterator[StoredEvent]
    store.stories(EventFilter(...), order="origins") -> Iterator[Story]
    store.story_origins(story_id) -> list[StoryOrigin]
    store.actors_top(n, EventFilter(...)) -> list[ActorCount]
    store.documents(status=None) / store.get_document(doc_id)
    ingest(store, documents, extractor, reprocess=False, batch_size=32) -> IngestReport
    export(store, EventFilter(...), "jsonl"|"csv"|"parquet"|"plover", out) -> int
"""

from __future__ import annotations

from .core import (
    ActorCount,
    AddOutcome,
    DocumentInfo,
    Store,
    StoredDocument,
    StoredEvent,
    Story,
    StoryOrigin,
    StoryReport,
    content_hash,
)
from .db import StoreError, default_url
from .export import FORMATS, export
from .filters import EventFilter
from .ingest import IngestReport, ingest
from .stories import Origin, StoryConfig, origin_of

__all__ = [
    "FORMATS", "ActorCount", "AddOutcome", "DocumentInfo", "EventFilter", "IngestReport", "Origin", "Store",
    "StoreError", "StoredDocument", "StoredEvent", "Story", "StoryConfig", "StoryOrigin", "StoryReport",
    "content_hash", "default_url", "export", "ingest", "origin_of",
]
