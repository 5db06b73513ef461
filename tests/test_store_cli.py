"""The store commands as a user runs them: ingest, events, stories, top-actors, export, bad --db."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest_plugins = ["pg"]

CLI = [sys.executable, "-c", "from veilleur.cli import main; main()"]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}


def veilleur(*args: str, env: dict[str, str] | None = None, user: list[str] | None = None,
             cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*(user or []), *CLI, *args], capture_output=True, text=True, timeout=300,
                          env={**ENV, **(env or {})}, cwd=cwd)


def fake(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return veilleur(*args, env={"VEILLEUR_EXTRACTOR": "fake"}, **kw)  # type: ignore[arg-type]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    rows = [
        {"id": "a1", "source": "Le Monde", "date": "2022-09-06",
         "text": "Selon le NYT, la Russie achète des obus à la Corée du Nord AID:PRK>RUS/alleged."},
        {"id": "a2", "source": "Le Figaro", "date": "2022-09-07",
         "text": "La Russie achète des obus nord-coréens AID:PRK>RUS/alleged, selon le NYT."},
        {"id": "a3", "source": "RFI", "date": "2022-09-08",
         "text": "Washington sanctionne Pyongyang SANCTION:USA>PRK pour ces ventes d'obus."},
    ]
    (d / "news.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    (d / "broken.txt").write_text("This one FAILs in the fake extractor.")
    return d


def test_ingest_summary_idempotence_and_exit_codes(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    r = fake("ingest", str(corpus), "--db", db)
    assert r.returncode == 1, r.stderr  # one document failed
    assert [line for line in r.stderr.splitlines() if "FAIL" in line or "fake extractor" in line] == \
        [f"{corpus / 'broken.txt'}: fake extractor: document marked FAIL"]
    assert "3 new, 0 reprocessed, 0 already stored, 1 failed" in r.stdout
    assert "events extracted: 3 — AID 2, SANCTION 1" in r.stdout
    assert "PRK → RUS AID ×2" in r.stdout
    assert "2 stories" in r.stdout

    (corpus / "broken.txt").rename(corpus / "broken.bak")
    again = fake("ingest", str(corpus), "--db", db)
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 reprocessed, 3 already stored, 0 failed" in again.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM documents WHERE status = 'ok'").fetchone() == (3,)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone() == (3,)

    re = fake("ingest", "--reprocess", "--db", db)
    # every stored document is extracted again, the failed one too (and it fails again)
    assert re.returncode == 1 and "3 reprocessed, 0 already stored, 1 failed" in re.stdout, re.stdout + re.stderr
    assert re.stderr.startswith(f"{corpus / 'broken.txt'}: fake extractor")
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone() == (3,)


def test_queries_and_exports(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    (corpus / "broken.txt").unlink()
    assert fake("ingest", str(corpus), "--db", db).returncode == 0

    r = veilleur("events", "--db", db, "--actor", "PRK", "--format", "jsonl")
    assert r.returncode == 0
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(e["event_type"], e["actor"][0]["code"], e["recipient"][0]["code"]) for e in rows] == [("AID", "PRK", "RUS")] * 2

    r = veilleur("events", "--db", db, "--type", "SANCTION", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(r.stdout)))
    assert row["actor_codes"] == "USA" and row["doc_source"] == "RFI"

    r = veilleur("events", "--db", db, "--since", "2022-09-07")
    assert r.returncode == 0 and "2 of 2 matching events" in r.stdout

    r = veilleur("stories", "--db", db, "--show-origins", "--type", "AID")
    assert r.returncode == 0
    assert "AID PRK → RUS" in r.stdout and "2 report(s) in 2 document(s)" in r.stdout
    assert "origin:" in r.stdout and "Le Monde" in r.stdout and "Le Figaro" in r.stdout

    r = veilleur("top-actors", "--db", db, "-n", "2", "--format", "jsonl")
    assert [json.loads(line)["code"] for line in r.stdout.splitlines()] == ["PRK", "RUS"]

    for fmt in ("jsonl", "csv", "plover", "parquet"):
        out = tmp_path / f"out.{fmt}"
        r = veilleur("export", "--db", db, "--format", fmt, "--output", str(out), "--actor", "PRK")
        assert r.returncode == 0, r.stderr
        assert "2 events written" in r.stderr and out.stat().st_size > 0
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "out.parquet").num_rows == 2


@pytest.mark.parametrize("args, message", [
    (["events", "--type", "HUG"], "unknown event type 'HUG'"),
    (["events", "--since", "yesterday"], "is not a date"),
    (["export", "--format", "parquet"], "needs --output"),
    (["export", "--format", "xml"], "--format must be one of"),
])
def test_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    r = veilleur(*args, "--db", str(tmp_path / "x.db"))
    assert r.returncode == 2 and message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_bad_databases_are_one_line_errors(tmp_path: Path, corpus: Path) -> None:
    notdb = tmp_path / "notes.db"
    notdb.write_bytes(b"not a database at all\n" * 100)
    before = notdb.read_bytes()
    for args in (["ingest", str(corpus)], ["events"], ["export", "--format", "jsonl"]):
        r = fake(*args, "--db", str(notdb))
        assert r.returncode == 2 and r.stderr.strip() == f"error: {notdb}: not a SQLite database (or the file is corrupt)"
    assert notdb.read_bytes() == before

    r = veilleur("events", "--db", str(tmp_path / "missing.db"))
    assert r.returncode == 2 and "no such database" in r.stderr and not (tmp_path / "missing.db").exists()

    r = fake("ingest", str(corpus), "--db", "postgresql://nobody:pw@127.0.0.1:9/none?connect_timeout=2")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert r.stderr.startswith("error: cannot connect to PostgreSQL at postgresql://nobody:***@127.0.0.1:9/none")


def test_read_only_store_is_refused_and_left_intact(corpus: Path, tmp_path: Path) -> None:
    base = tmp_path / "ro"
    base.mkdir()
    db = base / "ro.db"
    assert fake("ingest", str(corpus / "news.jsonl"), "--db", str(db)).returncode == 0
    new = tmp_path / "new.txt"
    new.write_text("Un nouvel article AID:IRN>RUS.")
    db.chmod(0o444)
    base.chmod(0o555)
    before = db.read_bytes()
    # root ignores permission bits: drop the capabilities that let it, as an ordinary user would be
    user: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot test permissions")
        user = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    try:
        r = fake("ingest", str(new), "--db", str(db), user=user)
    finally:
        base.chmod(0o755)
    assert r.returncode == 2, r.stdout + r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "read-only" in r.stderr, r.stderr
    assert db.read_bytes() == before


@pytest.mark.postgres
def test_ingest_and_query_on_postgresql(corpus: Path, pg_url: str) -> None:
    r = fake("ingest", str(corpus), "--db", pg_url)
    assert r.returncode == 1 and "3 new" in r.stdout
    r = fake("ingest", str(corpus), "--db", pg_url)
    assert "3 already stored" in r.stdout
    r = veilleur("stories", "--db", pg_url, "--format", "jsonl", "--show-origins")
    stories = [json.loads(line) for line in r.stdout.splitlines()]
    assert sorted(s["event_type"] for s in stories) == ["AID", "SANCTION"]


def test_kill_9_mid_ingest_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    n_docs = 400
    src = tmp_path / "bulk.jsonl"
    with src.open("w") as fh:
        for i in range(n_docs):
            codes = "AID:PRK>RUS" + (" PROTEST:FRA>RUS" if i % 3 == 0 else "")
            fh.write(json.dumps({"id": f"b{i:04d}", "source": f"outlet{i % 7}", "date": f"2022-{1 + i % 12:02d}-01",
                                 "text": f"Article {i} sur les obus {codes}."}) + "\n")
    expected_events = n_docs + len(range(0, n_docs, 3))
    db = tmp_path / "k.db"
    proc = subprocess.Popen([*CLI, "ingest", str(src), "--db", str(db), "--batch-size", "10"],
                            env={**ENV, "VEILLEUR_EXTRACTOR": "fake", "VEILLEUR_FAKE_DELAY": "0.01"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as c:
                    stored = c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue  # schema not created yet
        if stored >= 120:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < n_docs, "the ingest was not killed mid-way"

    r = fake("ingest", str(src), "--db", str(db), "--batch-size", "10")
    assert r.returncode == 0, r.stderr
    c = sqlite3.connect(db)
    assert c.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM documents").fetchone() == (n_docs, n_docs)
    assert c.execute("SELECT COUNT(*) FROM events").fetchone() == (expected_events,)
    assert c.execute("SELECT COUNT(*) FROM documents d WHERE n_events != "
                     "(SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id)").fetchone() == (0,)
    assert c.execute("SELECT SUM(n_reports) FROM stories").fetchone() == (expected_events,)
    assert c.execute("SELECT COUNT(*) FROM events WHERE story_id IS NULL").fetchone() == (0,)
    assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    skipped = int(r.stdout.split(" already stored")[0].rsplit(",", 1)[1].strip())
    assert skipped >= stored  # what was committed before the kill was not extracted again


@pytest.mark.slow
def test_real_pipeline_end_to_end(tmp_path: Path) -> None:
    """The real NLP pipeline (spaCy) through ingest into the store, and back out."""
    art = tmp_path / "a"
    art.mkdir()
    (art / "nyt.txt").write_text("La Russie achète des millions d'obus d'artillerie à la Corée du Nord, a rapporté "
                                 "le New York Times, citant des services de renseignement américains.\n")
    db = str(tmp_path / "e2e.db")
    r = veilleur("ingest", str(art), "--db", db, "--date", "2022-09-06")
    assert r.returncode == 0, r.stderr
    assert "1 new" in r.stdout
    r = veilleur("events", "--db", db, "--format", "jsonl")
    events = [json.loads(line) for line in r.stdout.splitlines()]
    assert ("AID", "PRK", "RUS") in {(e["event_type"], e["actor"][0]["code"], e["recipient"][0]["code"])
                                     for e in events if e["actor"] and e["recipient"]}
    r = veilleur("ingest", str(art), "--db", db)
    assert "1 already stored" in r.stdout
