"""Schema and migrations.

``schema_version`` holds one row: the number of migration steps applied. Each
step is a list of DDL statements applied in one transaction at open time, so a
store created by an older veilleur is upgraded in place and a half-applied step
cannot exist. Add steps at the end; never edit a released one.

Column names avoid SQL keywords (``start``/``end`` are ``start_char``/``end_char``).
Offsets are character offsets into the document's raw text (SPEC §7).
"""

from __future__ import annotations

from .db import Database, Dialect

#: ``{pk}`` and ``{real}`` are filled from the dialect
MIGRATIONS: list[tuple[str, list[str]]] = [
    ("initial schema", [
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            raw_text TEXT NOT NULL,
            cleaned_text TEXT,
            title TEXT, url TEXT, source TEXT, date TEXT, language TEXT,
            origin TEXT,
            metadata TEXT,
            status TEXT NOT NULL,
            error TEXT,
            n_events INTEGER NOT NULL DEFAULT 0,
            ingested_at TEXT NOT NULL,
            processed_at TEXT)""",
        "CREATE INDEX documents_date ON documents(date)",
        "CREATE INDEX documents_status ON documents(status)",
        """CREATE TABLE actor_mentions (
            id {pk},
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start_char INTEGER, end_char INTEGER, text TEXT,
            code TEXT NOT NULL, name TEXT, sector TEXT, kind TEXT, via TEXT, parent TEXT, wikidata TEXT)""",
        "CREATE INDEX actor_mentions_doc ON actor_mentions(doc_id)",
        "CREATE INDEX actor_mentions_code ON actor_mentions(code)",
        """CREATE TABLE stories (
            id {pk},
            event_type TEXT NOT NULL,
            actor_key TEXT NOT NULL,
            recipient_key TEXT NOT NULL,
            date_lo TEXT, date_hi TEXT,
            first_seen TEXT, last_seen TEXT,
            modality TEXT,
            n_reports INTEGER NOT NULL DEFAULT 0,
            n_documents INTEGER NOT NULL DEFAULT 0,
            n_origins INTEGER NOT NULL DEFAULT 0,
            n_negated INTEGER NOT NULL DEFAULT 0,
            arms_categories TEXT,
            headline TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL)""",
        "CREATE INDEX stories_key ON stories(event_type, actor_key, recipient_key)",
        """CREATE TABLE events (
            id {pk},
            event_id TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            event_type TEXT NOT NULL,
            mode TEXT,
            modality TEXT NOT NULL,
            date TEXT,
            date_lo TEXT, date_hi TEXT,
            contexts TEXT,
            event_text TEXT,
            sentence TEXT,
            sentence_index INTEGER, sentence_start INTEGER, sentence_end INTEGER,
            trigger_start INTEGER, trigger_end INTEGER,
            cues TEXT,
            actor_key TEXT NOT NULL,
            recipient_key TEXT NOT NULL,
            terms TEXT,
            origin_key TEXT, origin_name TEXT, origin_code TEXT, origin_kind TEXT,
            story_id INTEGER REFERENCES stories(id),
            UNIQUE (doc_id, event_id))""",
        "CREATE INDEX events_type ON events(event_type)",
        "CREATE INDEX events_story ON events(story_id)",
        "CREATE INDEX events_date ON events(date_lo, date_hi)",
        "CREATE INDEX events_modality ON events(modality)",
        """CREATE TABLE event_mentions (
            event_pk BIGINT NOT NULL REFERENCES events(id),
            position INTEGER NOT NULL,
            sentence_index INTEGER, start_char INTEGER, end_char INTEGER)""",
        "CREATE INDEX event_mentions_event ON event_mentions(event_pk)",
        """CREATE TABLE event_actors (
            event_pk BIGINT NOT NULL REFERENCES events(id),
            role TEXT NOT NULL,
            position INTEGER NOT NULL,
            code TEXT NOT NULL, sector TEXT, name TEXT, entity_text TEXT,
            start_char INTEGER, end_char INTEGER, wikidata TEXT, parent TEXT)""",
        "CREATE INDEX event_actors_event ON event_actors(event_pk)",
        "CREATE INDEX event_actors_code ON event_actors(code, role, event_pk)",
        """CREATE TABLE attributions (
            event_pk BIGINT NOT NULL REFERENCES events(id),
            position INTEGER NOT NULL,
            name TEXT, code TEXT, kind TEXT, cue TEXT, start_char INTEGER, end_char INTEGER)""",
        "CREATE INDEX attributions_event ON attributions(event_pk)",
        """CREATE TABLE arms_transfers (
            event_pk BIGINT PRIMARY KEY REFERENCES events(id),
            supplier TEXT, recipient TEXT, deal TEXT)""",
        """CREATE TABLE arms_items (
            event_pk BIGINT NOT NULL REFERENCES events(id),
            position INTEGER NOT NULL,
            text TEXT, category TEXT, designation TEXT,
            qty_text TEXT, qty_min {real}, qty_max {real},
            start_char INTEGER, end_char INTEGER)""",
        "CREATE INDEX arms_items_event ON arms_items(event_pk)",
        """CREATE TABLE sanctions_links (
            event_pk BIGINT NOT NULL REFERENCES events(id),
            position INTEGER NOT NULL,
            regime TEXT NOT NULL, provision TEXT, relation TEXT, basis TEXT,
            modality TEXT, explanation TEXT)""",
        "CREATE INDEX sanctions_links_event ON sanctions_links(event_pk)",
        "CREATE INDEX sanctions_links_regime ON sanctions_links(regime, event_pk)",
        """CREATE TABLE story_origins (
            story_id BIGINT NOT NULL REFERENCES stories(id),
            origin_key TEXT NOT NULL,
            name TEXT, code TEXT, kind TEXT,
            n_reports INTEGER NOT NULL,
            PRIMARY KEY (story_id, origin_key))""",
    ]),
]

SCHEMA_VERSION = len(MIGRATIONS)

# PostgreSQL: one advisory lock id for "schema changes / story assignment", so two
# ingesters never migrate at once nor open the same story twice.
PG_LOCK_ID = 0x7665696C  # "veil"


def _render(stmt: str, dialect: Dialect) -> str:
    return stmt.replace("{pk}", dialect.pk).replace("{real}", dialect.real)


def current_version(db: Database) -> int:
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    v = db.scalar("SELECT MAX(version) FROM schema_version")
    return int(v or 0)


def migrate(db: Database) -> int:
    """Apply pending migration steps in order; returns the resulting version."""
    from .db import StoreError

    version = current_version(db)
    if version > SCHEMA_VERSION:
        raise StoreError(f"{db.label}: database schema version {version} is newer than this "
                         f"veilleur ({SCHEMA_VERSION}); upgrade veilleur")
    if version == SCHEMA_VERSION:
        return version
    with db.transaction():
        if db.dialect.name == "postgresql":
            db.execute("SELECT pg_advisory_xact_lock(?)", (PG_LOCK_ID,))
        version = int(db.scalar("SELECT MAX(version) FROM schema_version") or 0)  # re-read under lock
        for n, (_desc, statements) in enumerate(MIGRATIONS[version:], start=version + 1):
            for stmt in statements:
                db.execute(_render(stmt, db.dialect))
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (n,))
            version = n
    return version
