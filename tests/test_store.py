"""The store on SQLite and PostgreSQL: round trips, idempotence, filters, stories, corroboration."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest_store import ANON, AP, NYT, SENTENCE, UKR_INTEL, US_INTEL, event, result, rich_event
from veilleur.store import EventFilter, Store, StoreError, content_hash, export, origin_of
from veilleur.store.schema import SCHEMA_VERSION

pytest_plugins = ["pg"]


@pytest.fixture
def store(store_url: str):
    with Store.open(store_url) as s:
        yield s


# --- round trip and idempotence -------------------------------------------------------------

def test_event_round_trip_keeps_every_field(store: Store) -> None:
    ev = rich_event("d1")
    out = store.add(result("d1", [ev]))
    assert out.status == "ok" and out.events == 1
    [back] = list(store.events())
    assert back.to_dict() == ev.to_dict()
    doc = store.get_document("d1")
    assert doc is not None and doc.status == "ok" and doc.n_events == 1
    assert doc.content_hash == content_hash(doc.raw_text) and doc.source == "Le Monde" and doc.language == "fr"
    assert store.has_document(content_hash(doc.raw_text))
    assert not store.has_document(content_hash("something else"))
    assert [d.id for d in store.documents()] == ["d1"]


def test_adding_the_same_document_twice_stores_it_once(store: Store) -> None:
    r = result("d1", [event("d1")])
    store.add(r)
    again = store.add(r)
    assert again.replaced
    assert store.count_documents() == 1 and store.count_events() == 1
    assert store.stats()["stories"] == 1
    assert store.known_hashes([content_hash(r.document.text), "nope"]) == {content_hash(r.document.text): "ok"}


def test_reprocessing_replaces_events_and_updates_stories(store: Store) -> None:
    store.add(result("d1", [event("d1")], text="same text"))
    [story] = store.stories()
    assert story.event_type == "AID"
    # lexicons changed: the same document now yields a SANCTION event instead
    store.add(result("d1", [event("d1", etype="SANCTION", actors=("USA",), recipients=("PRK",))], text="same text"))
    assert [e.event_type for e in store.events()] == ["SANCTION"]
    stories = list(store.stories())
    assert [(s.event_type, s.n_reports) for s in stories] == [("SANCTION", 1)]  # the AID story is gone


def test_a_failed_document_is_recorded_without_events(store: Store) -> None:
    out = store.add(result("bad", [event("bad")], error="pipeline error: boom"))
    assert out.status == "failed" and out.events == 0
    doc = store.get_document("bad")
    assert doc is not None and doc.status == "failed" and doc.error == "pipeline error: boom"
    assert store.count_events() == 0


def test_a_batch_is_all_or_nothing(store: Store) -> None:
    good = result("ok1", [event("ok1")])
    broken = result("ok2", [event("ok2")])
    broken.events[0].actor[0].code = None  # type: ignore[assignment]  # violates NOT NULL
    with pytest.raises(StoreError):
        store.add_many([good, broken])
    assert store.count_documents() == 0 and store.count_events() == 0
    assert store.stats()["stories"] == 0


def test_pages_stream_in_order_with_limit_and_offset(store: Store) -> None:
    results = [result(f"d{i:04d}", [event(f"d{i:04d}", n=k, etype=t) for k, t in enumerate(("AID", "ACCUSE"))])
               for i in range(300)]
    store.add_many(results)
    assert store.count_events() == 600
    ids = [e.id for e in store.events()]
    assert len(ids) == 600 and len(set(ids)) == 600
    page = [e.id for e in store.events(EventFilter(limit=520, offset=70))]
    assert page == ids[70:590]
    assert [e.id for e in store.events(EventFilter(type="ACCUSE", limit=3, offset=1))] == \
        [i for i in ids if i.endswith("e1")][1:4]


# --- filters ---------------------------------------------------------------------------------

def _filter_ids(store: Store, **kw: object) -> list[str]:
    return sorted(e.doc_id for e in store.events(EventFilter(**kw)))  # type: ignore[arg-type]


def test_filters(store: Store) -> None:
    store.add_many([
        result("a", [event("a", date="2022-09-06", regimes=("UN-DPRK",))]),
        result("b", [event("b", etype="SANCTION", actors=("USA",), recipients=("PRK",), date="2023-03",
                           modality="planned")]),
        result("c", [event("c", etype="AID", actors=("IRN",), recipients=("RUS",), date=None, modality="alleged")],
               date="2022-11-02"),
    ])
    assert _filter_ids(store, actor="PRK") == ["a"]
    assert _filter_ids(store, actor="prk,irn") == ["a", "c"]
    assert _filter_ids(store, recipient="RUS") == ["a", "c"]
    assert _filter_ids(store, type="SANCTION") == ["b"]
    assert _filter_ids(store, modality="alleged") == ["c"]
    assert _filter_ids(store, regime="UN-DPRK") == ["a"]
    # a month-precision date overlaps a day filter inside it
    assert _filter_ids(store, since="2023-03-15") == ["b"]
    assert _filter_ids(store, until="2022-09") == ["a"]
    # an undated event sits at its document's date
    assert _filter_ids(store, since="2022-10", until="2022-12") == ["c"]
    assert _filter_ids(store, actor="PRK", type="SANCTION") == []
    assert store.count_events(EventFilter(recipient="RUS")) == 2


def test_filter_validation() -> None:
    assert EventFilter(type="AID", modality="alleged", since="2022-01").validate() == []
    problems = EventFilter(type="HUG", modality="sure", since="last week").validate()
    assert len(problems) == 3 and "HUG" in problems[0]


def test_top_actors(store: Store) -> None:
    store.add_many([result(f"d{i}", [event(f"d{i}", text=f"{SENTENCE} {i}")]) for i in range(3)] +
                   [result("x", [event("x", etype="SANCTION", actors=("USA",), recipients=("PRK",))])])
    top = store.actors_top(2)
    assert [(a.code, a.events, a.as_actor, a.as_recipient) for a in top] == [("PRK", 4, 3, 1), ("RUS", 3, 0, 3)]
    assert [a.code for a in store.actors_top(5, EventFilter(type="SANCTION"))] == ["PRK", "USA"]


# --- stories ---------------------------------------------------------------------------------

def _stories(store: Store) -> list[tuple[str, int]]:
    return [(s.event_type, s.n_reports) for s in store.stories()]


def test_reports_of_the_same_event_form_one_story(store: Store) -> None:
    store.add_many([
        result("lemonde", [event("lemonde", text="La Russie achète des obus d'artillerie à la Corée du Nord.",
                                 date="2022-09-05")]),
        result("figaro", [event("figaro", text="Moscou achète à Pyongyang des millions d'obus d'artillerie.",
                                date="2022-09")], source="Le Figaro"),
    ])
    [story] = store.stories()
    assert story.n_reports == 2 and story.n_documents == 2 and story.actors == ["PRK"] and story.recipients == ["RUS"]
    assert story.first_seen == "2022-09-06"


def test_different_events_stay_apart(store: Store) -> None:
    store.add_many([
        result("base", [event("base", date="2022-09", arms=["ammunition"])]),
        # same dyad, a year later
        result("later", [event("later", date="2023-09", arms=["ammunition"])]),
        # reversed direction
        result("rev", [event("rev", actors=("RUS",), recipients=("PRK",))]),
        # other arms category (missiles, not shells), same month
        result("missiles", [event("missiles", arms=["missile"])]),
        # same dyad and month but unrelated wording
        result("other", [event("other", text="Pyongyang envoie des ouvriers agricoles vers Vladivostok cet été.")]),
    ])
    assert sorted(_stories(store)) == [("AID", 1)] * 5


def test_story_modality_is_the_strongest_and_denials_count_apart(store: Store) -> None:
    store.add_many([
        result("a", [event("a", modality="alleged")]),
        result("b", [event("b", modality="planned")], source="Le Figaro"),
        result("c", [event("c", modality="negated", attribution=[Source_kremlin()])], source="TASS"),
    ])
    [story] = store.stories()
    assert story.modality == "alleged" and story.n_negated == 1 and story.n_reports == 3
    store.add(result("d", [event("d", modality="asserted")], source="AFP"))
    [story] = store.stories()
    assert story.modality == "asserted"
    assert [s.id for s in store.stories(EventFilter(modality="asserted"))] == [story.id]
    assert list(store.stories(EventFilter(modality="alleged"))) == []


def Source_kremlin():  # noqa: N802 - reads like a constant
    from veilleur.records import Source

    return Source(name="Kremlin", code="RUS", kind="government", cue="dément")


# --- corroboration ---------------------------------------------------------------------------

def test_ten_outlets_citing_the_nyt_are_one_origin(store: Store) -> None:
    outlets = ["Le Monde", "Le Figaro", "Libération", "France 24", "RFI", "Les Echos", "La Croix",
               "Ouest-France", "20 Minutes", "L'Express"]
    store.add_many([result(f"d{i}", [event(f"d{i}", modality="alleged", attribution=[NYT])], source=o)
                    for i, o in enumerate(outlets)])
    # ...and the NYT's own article, first-hand
    store.add(result("nyt", [event("nyt", modality="alleged")], source="The New York Times"))
    [story] = store.stories()
    assert story.n_reports == 11 and story.n_origins == 1
    [origin] = store.story_origins(story.id)
    assert origin.kind == "media" and len(origin.reports) == 11


def test_the_same_intelligence_via_two_outlets_is_one_origin(store: Store) -> None:
    store.add_many([
        result("a", [event("a", modality="alleged", attribution=[NYT, US_INTEL])]),
        result("b", [event("b", modality="alleged", attribution=[AP, US_INTEL.__class__(
            name="des responsables du renseignement américain", code="USA", kind="intelligence", cue="selon")])],
            source="Le Figaro"),
    ])
    [story] = store.stories()
    assert story.n_origins == 1


def test_independent_sources_are_counted_separately(store: Store) -> None:
    store.add_many([
        result("firsthand", [event("firsthand")], source="Le Monde"),  # the outlet's own reporting
        result("ukr", [event("ukr", attribution=[UKR_INTEL])], source="Le Monde"),  # a foreign service
        result("usint", [event("usint", attribution=[NYT, US_INTEL])], source="Le Figaro"),
        # anonymous sources are told apart by who relays them
        result("anon-nyt", [event("anon-nyt", attribution=[NYT, ANON])], source="RFI"),
        result("anon-ap", [event("anon-ap", attribution=[AP, ANON])], source="RFI"),
        result("anon-nyt2", [event("anon-nyt2", attribution=[NYT, ANON])], source="France 24"),
    ])
    [story] = store.stories()
    origins = {o.key: sorted(r.doc_id for r in o.reports) for o in store.story_origins(story.id)}
    assert story.n_origins == 5, origins
    assert sorted(origins.values()) == [["anon-ap"], ["anon-nyt", "anon-nyt2"], ["firsthand"], ["ukr"], ["usint"]]


def test_origin_rules() -> None:
    assert origin_of([], "lemonde.fr", None, "x").key == origin_of([], "Le Monde", None, "y").key
    assert origin_of([NYT], "Le Monde", None, "x").key == origin_of([], "nytimes.com", None, "y").key
    assert origin_of([], None, "https://www.lemonde.fr/a", "x").key == origin_of([], "Le Monde", None, "y").key
    assert origin_of([NYT, US_INTEL], None, None, "x").key == "intelligence:USA"
    assert origin_of([], None, None, "x").key == origin_of([], None, None, "y").key  # unknown outlets: once


# --- exports ---------------------------------------------------------------------------------

def test_exports(store: Store, tmp_path: Path) -> None:
    import csv
    import io

    import pyarrow.parquet as pq

    store.add_many([result("d1", [rich_event("d1")]), result("d2", [event("d2", actors=("UNO",),
                                                                           recipients=("DPR",))])])
    buf = io.StringIO()
    assert export(store, EventFilter(), "jsonl", buf) == 2
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert rows[0] == rich_event("d1").to_dict()

    buf = io.StringIO()
    export(store, EventFilter(actor="PRK"), "csv", buf)
    [row] = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["recipient_codes"] == "RUS;WAGNER" and row["sanctions_regimes"] == "UN-DPRK"
    assert row["attribution"] == "New York Times (USA, media) > US intelligence (USA, intelligence)"

    path = tmp_path / "e.parquet"
    with open(path, "wb") as fh:
        assert export(store, EventFilter(), "parquet", fh) == 2
    table = pq.read_table(path)
    assert table.num_rows == 2 and table.column("event_type").to_pylist() == ["AID", "AID"]

    buf = io.StringIO()
    assert export(store, EventFilter(), "plover", buf) == 2
    plover = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert [p["id"] for p in plover] == ["d1-rich#1", "d1-rich#2", "d2-e0"]  # dyadic: one line per pair
    first = plover[0]
    assert first["event_type"] == "AID" and first["context"] == ["military"] and first["date"] == "2022-09"
    assert first["actor"]["code"] == "PRK" and first["actor"]["sector"] == ["Government"]
    assert plover[1]["recipient"] == {"code": "RUS", "sector": ["Rebel"], "name": "Wagner Group", "text": "Wagner",
                                      "veilleur_code": "WAGNER", "veilleur_sector": "REB"}
    assert plover[2]["actor"]["code"] is None and plover[2]["actor"]["sector"] == ["IGO"]
    assert plover[2]["recipient"]["code"] is None  # DPR without a parent: no country to give


# --- opening and bad input -------------------------------------------------------------------

def test_migrations_are_recorded_and_not_reapplied(store_url: str) -> None:
    with Store.open(store_url) as s:
        assert s.db.scalar("SELECT version FROM schema_version") == SCHEMA_VERSION
        s.add(result("d1", [event("d1")]))
    with Store.open(store_url) as s:
        assert s.count_events() == 1
        assert s.db.scalar("SELECT COUNT(*) FROM schema_version") == 1
        s.db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer than this veilleur"):
        Store.open(store_url)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store.open(bad)
    assert bad.read_text().startswith("these are my notes")  # untouched


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_directory(tmp_path: Path) -> None:  # pragma: no cover - CI runs as root, see CLI test
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    with pytest.raises(StoreError, match="not writable"):
        Store.open(ro / "x.db")


def test_a_read_only_database_file_cannot_be_written(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    with Store.open(path) as s:
        s.add(result("d1", [event("d1")]))
    # even root cannot write through a read-only SQLite connection
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.close()
    from veilleur.store.core import Store as S
    from veilleur.store.db import SQLITE, Database

    db = Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None), SQLITE, str(path))
    s = S(db)
    with pytest.raises(StoreError, match="read-only"):
        s.add(result("d2", [event("d2")]))
    assert s.count_documents() == 1


def test_missing_database_is_not_created_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store.open(tmp_path / "typo.db", create=False)
    assert not (tmp_path / "typo.db").exists()
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nodir" / "x.db")


def test_unreachable_postgresql_is_one_clear_line() -> None:
    with pytest.raises(StoreError) as e:
        Store.open("postgresql://someone:secret@127.0.0.1:9/veilleur?connect_timeout=2")
    msg = str(e.value)
    assert msg.startswith("cannot connect to PostgreSQL at postgresql://someone:***@127.0.0.1:9/veilleur")
    assert "secret" not in msg and "\n" not in msg


def test_url_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from veilleur.store.db import default_url, parse_url

    assert parse_url("sqlite:///rel/x.db")[1] == "rel/x.db"
    assert parse_url("sqlite:////abs/x.db")[1] == "/abs/x.db"
    assert parse_url("postgres://h/db")[0].name == "postgresql"
    with pytest.raises(StoreError, match="unsupported"):
        parse_url("mysql://h/db")
    monkeypatch.setenv("VEILLEUR_DB", str(tmp_path / "env.db"))
    assert default_url() == str(tmp_path / "env.db")
    with Store.open() as s:
        assert s.backend == "sqlite"
    assert (tmp_path / "env.db").exists()


def test_library_import_does_not_load_heavy_modules() -> None:
    code = "import sys, veilleur.store; print('spacy' in sys.modules, 'pyarrow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.stdout.split() == ["False", "False"]
