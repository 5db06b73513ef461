"""Parallel ingest (``--workers N``), Dask (``--dask``, ``--out``) and ``veilleur import``.

The promise under test: however extraction is spread, the store ends up with the same
events as a one-process ingest, every document exactly once — even when a worker dies.
The slow tests run the real pipeline on 200 short articles recombined from the test corpus.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from veilleur.records import Document
from veilleur.scale import dataset_dask, import_dataset, ingest_dask, ingest_parallel
from veilleur.scale.parquet import event_from_dict, iter_dataset
from veilleur.store import Store
from veilleur.store.fake import FakeExtractor
from veilleur.store.results import Result

CLI = [sys.executable, "-c", "from veilleur.cli import main; main()"]
TESTS = Path(__file__).parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
N_ARTICLES = 200


def veilleur(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600, env={**ENV, **(env or {})})


def fake(*args: str) -> subprocess.CompletedProcess[str]:
    return veilleur(*args, env={"VEILLEUR_EXTRACTOR": "fake"})


# ------------------------------------------------------------ corpora

def short_articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` distinct short articles (a paragraph and one sentence of another) from tests/corpus."""
    paras = [p.strip() for f in sorted((TESTS / "corpus/articles").glob("*.txt"))
             for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 60]
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    while len(rows) < n:
        a, b = rng.sample(range(len(paras)), 2)
        text = paras[a] + "\n\n" + paras[b].split(". ")[0].rstrip(".") + "."
        if text not in seen:
            seen.add(text)
            rows.append({"id": f"g{len(rows):04d}", "date": "2023-03-14", "text": text})
    return rows


def write_jsonl(path: Path, rows: Iterable[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def write_parquet(path: Path, rows: list[dict[str, str]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=64)
    return path


def fake_rows(n: int) -> list[dict[str, str]]:
    """Documents for the fake extractor: an AID event each, every 10th a SANCTION too, one failure."""
    rows = []
    for i in range(n):
        text = f"Dépêche {i}. Pyongyang livre des obus AID:PRK>RUS à Moscou."
        if i % 10 == 0:
            text += " Washington riposte SANCTION:USA>PRK."
        if i == 17:
            text += " FAIL"
        rows.append({"id": f"f{i:04d}", "date": "2022-09-06", "text": text})
    return rows


# ------------------------------------------------------------ what the store holds

def event_tuples(db: Path) -> set[tuple[str, str, tuple[str, ...], tuple[str, ...], str]]:
    with Store.open(str(db), create=False) as store:
        return {(e.doc_id, e.event_type, tuple(a.code for a in e.actor), tuple(r.code for r in e.recipient),
                 e.modality) for e in store.events()}


def event_records(db: Path) -> list[dict[str, object]]:
    """Every stored event in full (SPEC §7 record), in a stable order."""
    with Store.open(str(db), create=False) as store:
        return sorted((e.to_dict() for e in store.events()), key=lambda d: (str(d["doc_id"]), str(d["id"])))


def documents(db: Path) -> dict[str, str]:
    """doc id -> status, asserting no document is stored twice."""
    with Store.open(str(db), create=False) as store:
        infos = list(store.documents())
    ids = Counter(i.id for i in infos)
    assert max(ids.values(), default=1) == 1, [k for k, v in ids.items() if v > 1]
    return {i.id: i.status for i in infos}


def n_stories(db: Path) -> int:
    with Store.open(str(db), create=False) as store:
        return int(store.stats()["stories"])


# ------------------------------------------------------------ a worker that dies once

CRASH_MARK = "CRASH-ICI"


class CrashOnce:
    """The fake extractor, except that the first process to meet the marker document dies
    on the spot (``os._exit``: no exception, no clean-up, like an OOM kill). A flag file
    makes the retry succeed. Built in the workers by spec ``test_scale:CrashOnce``."""

    def __init__(self) -> None:
        self.inner = FakeExtractor()
        self.flag = Path(os.environ["VEILLEUR_TEST_CRASH_FLAG"])

    def _maybe_die(self, docs: list[Document]) -> None:
        if any(CRASH_MARK in d.text for d in docs) and not self.flag.exists():
            self.flag.write_text(str(os.getpid()))
            os._exit(1)

    def process(self, doc: Document) -> Result:
        self._maybe_die([doc])
        return self.inner.process(doc)

    def pipe(self, docs: Iterable[Document]) -> Iterator[Result]:
        docs = list(docs)
        self._maybe_die(docs)
        return self.inner.pipe(docs)


@pytest.fixture
def crash_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    flag = tmp_path / "crashed"
    monkeypatch.setenv("VEILLEUR_TEST_CRASH_FLAG", str(flag))
    # spawned workers and Dask's nanny processes import the extractor from this file
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]))
    return flag


def crash_docs(n: int) -> list[Document]:
    rows = fake_rows(n)
    rows[n // 2]["text"] += f" {CRASH_MARK}"
    return [Document(id=r["id"], text=r["text"], date=r["date"], origin=f"mem:{i + 1}") for i, r in enumerate(rows)]


# ------------------------------------------------------------ fast: options, inputs, fake extractor

@pytest.mark.parametrize("args, message", [
    (["--workers", "0"], "--workers"),
    (["--workers", "2", "--dask", "local:2"], "do not mix"),
    (["--dask", "nowhere"], "tcp://HOST:PORT or local:N"),
    (["--dask", "local:0"], "N >= 1"),
    (["--out", "ds"], "--out needs --dask"),
])
def test_bad_scale_options_are_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", fake_rows(3))
    r = fake("ingest", str(src), "--db", str(tmp_path / "v.db"), *args)
    assert r.returncode == 2 and message in r.stderr, r.stderr


def test_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", fake_rows(3))
    r = veilleur("ingest", str(src), "--db", str(tmp_path / "v.db"), "--dask", "tcp://127.0.0.1:9",
                 env={"VEILLEUR_EXTRACTOR": "fake", "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert r.returncode == 2, r.stderr
    assert "cannot reach the Dask scheduler" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_workers_give_the_sequential_report_and_skip_stored_documents(tmp_path: Path) -> None:
    rows = fake_rows(120)
    src = write_jsonl(tmp_path / "in.jsonl", rows + rows[:5])  # 5 repeated texts: stored once
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = fake("ingest", str(src), "--db", str(one), "--batch-size", "8")
    r2 = fake("ingest", str(src), "--db", str(two), "--batch-size", "8", "--workers", "2")
    assert r1.returncode == r2.returncode == 1  # the FAIL document
    line = "119 new, 0 reprocessed, 5 already stored, 1 failed"
    assert line in r1.stdout and line in r2.stdout, r2.stdout + r2.stderr
    assert [x for x in r2.stderr.splitlines() if "FAIL" in x] == [f"{src}:18: fake extractor: document marked FAIL"]
    assert event_records(one) == event_records(two)
    assert documents(one) == documents(two)
    again = fake("ingest", str(src), "--db", str(two), "--workers", "2")
    assert "0 new, 0 reprocessed, 124 already stored, 1 failed" in again.stdout, again.stdout


def test_parquet_input_reads_rows_and_names_bad_ones(tmp_path: Path) -> None:
    rows = fake_rows(30)
    rows[4]["text"] = "   "  # an empty article: one error line naming file and row, the rest goes on
    src = write_parquet(tmp_path / "in.parquet", rows)
    db = tmp_path / "v.db"
    r = fake("ingest", str(src), "--db", str(db), "--workers", "2")
    assert r.returncode == 1
    assert f"{src}:row 5: empty \"text\"" in r.stderr, r.stderr
    assert "28 new, 0 reprocessed, 0 already stored, 1 failed" in r.stdout, r.stdout
    assert len(documents(db)) == 29


def test_pool_worker_killed_mid_run_loses_no_document(tmp_path: Path, crash_flag: Path) -> None:
    docs = crash_docs(150)
    with Store.open(str(tmp_path / "v.db")) as store:
        report = ingest_parallel(store, docs, 2, extractor="test_scale:CrashOnce", batch_size=8)
    assert crash_flag.exists()  # a worker did die
    assert (report.new, report.failed) == (149, 1)
    stored = documents(tmp_path / "v.db")
    assert sorted(stored) == sorted(d.id for d in docs)
    assert sum(1 for t in event_tuples(tmp_path / "v.db") if t[1] == "AID") == 149


def test_out_restart_redoes_only_missing_partitions(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", fake_rows(40))
    out = tmp_path / "ds"
    r = fake("ingest", str(src), "--dask", "local:1", "--out", str(out), "--batch-size", "10")
    assert r.returncode == 1 and "4 partition(s) written, 0 already there" in r.stdout, r.stdout + r.stderr
    # a run killed while writing partition 2: its documents file (the commit mark) is missing, a tmp is left
    (out / "documents/part-000002.parquet").unlink()
    (out / "events/part-000002.parquet.1234abcd.tmp").write_bytes(b"half a file")
    again = fake("ingest", str(src), "--dask", "local:1", "--out", str(out), "--batch-size", "10")
    assert "1 partition(s) written, 3 already there" in again.stdout, again.stdout + again.stderr
    assert sorted(r.document.id for part in iter_dataset(out) for r in part) == [f"f{i:04d}" for i in range(40)]
    other = fake("ingest", str(src), "--dask", "local:1", "--out", str(out), "--batch-size", "20")
    assert other.returncode == 2 and "--batch-size 10" in other.stderr


# ------------------------------------------------------------ slow: the real pipeline

@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("scale")
    rows = short_articles(N_ARTICLES)
    write_jsonl(d / "articles.jsonl", rows)
    write_parquet(d / "articles.parquet", rows)
    return d


@pytest.fixture(scope="module")
def sequential(corpus: Path) -> Path:
    """The reference: a one-process ingest of the 200 articles."""
    db = corpus / "sequential.db"
    r = veilleur("ingest", str(corpus / "articles.jsonl"), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert f"{N_ARTICLES} new" in r.stdout
    return db


@pytest.mark.slow
def test_results_pickle_without_spacy_objects_and_events_survive_json(pipeline: Any) -> None:
    from veilleur.scale.worker import slim

    docs = [Document(id=f.stem, text=f.read_text(encoding="utf-8"), date="2023-03-14")
            for f in sorted((TESTS / "corpus/articles").glob("*.txt"))]
    results = list(pipeline.pipe(docs))
    events = [e for r in results for e in r.events]
    assert len(events) > 20 and any(e.arms_transfer for e in events) and any(e.attribution for e in events)
    for res in results:
        back = pickle.loads(pickle.dumps(res))  # ProcessResult itself travels (its OffsetMap too)
        assert back.events == res.events and back.cleaned_text == res.cleaned_text
        data = pickle.dumps(slim(res))
        assert b"spacy" not in data  # a Token or Doc would pickle its module path
    for e in events:
        assert event_from_dict(json.loads(json.dumps(e.to_dict()))) == e


@pytest.mark.slow
def test_two_worker_processes_store_what_one_stores(corpus: Path, sequential: Path) -> None:
    db = corpus / "workers2.db"
    r = veilleur("ingest", str(corpus / "articles.jsonl"), "--db", str(db), "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert event_tuples(db) == event_tuples(sequential)
    assert event_records(db) == event_records(sequential)  # event for event, every field
    assert documents(db) == documents(sequential)
    assert n_stories(db) == n_stories(sequential)  # written in input order: the same stories


@pytest.mark.slow
def test_local_dask_cluster_from_parquet_stores_what_one_process_stores(corpus: Path, sequential: Path) -> None:
    db = corpus / "dask.db"
    r = veilleur("ingest", str(corpus / "articles.parquet"), "--db", str(db), "--dask", "local:2")
    assert r.returncode == 0, r.stderr
    assert f"{N_ARTICLES} new" in r.stdout
    assert event_tuples(db) == event_tuples(sequential)
    assert event_records(db) == event_records(sequential)
    assert documents(db) == documents(sequential)
    assert n_stories(db) == n_stories(sequential)


@pytest.mark.slow
def test_parquet_out_then_import_equals_direct_ingest(corpus: Path, sequential: Path) -> None:
    out = corpus / "events"
    r = veilleur("ingest", str(corpus / "articles.jsonl"), "--dask", "local:2", "--out", str(out))
    assert r.returncode == 0, r.stderr
    db = corpus / "imported.db"
    imp = veilleur("import", str(out), "--db", str(db))
    assert imp.returncode == 0, imp.stderr
    assert f"{N_ARTICLES} new" in imp.stdout
    assert event_records(db) == event_records(sequential)
    assert documents(db) == documents(sequential)
    with Store.open(str(db), create=False) as a, Store.open(str(sequential), create=False) as b:
        # actor mentions and cleaned text made the trip too
        assert a.get_document("g0007").cleaned_text == b.get_document("g0007").cleaned_text  # type: ignore[union-attr]
        assert a.actors_top(10) == b.actors_top(10)
    twice = veilleur("import", str(out), "--db", str(db))
    assert f"0 new, 0 reprocessed, {N_ARTICLES} already stored" in twice.stdout, twice.stdout
    # the events dataset reads on its own, one row per event
    import pyarrow.dataset as pads

    table = pads.dataset(out / "events", format="parquet").to_table()
    assert table.num_rows == len(event_records(sequential))
    assert set(table.column_names) >= {"doc_id", "event_type", "event_json"}


@pytest.mark.slow
def test_dask_worker_killed_mid_run_loses_no_document(tmp_path: Path, crash_flag: Path) -> None:
    docs = crash_docs(N_ARTICLES)
    out = tmp_path / "ds"
    report = dataset_dask(docs, "local:2", out, extractor="test_scale:CrashOnce", batch_size=10)
    assert crash_flag.exists()  # a worker process died holding the marker's partition
    assert (report.partitions, report.documents, report.failed) == (20, N_ARTICLES, 1)
    ids = [r.document.id for part in iter_dataset(out) for r in part]
    assert sorted(ids) == sorted(d.id for d in docs)  # every document exactly once
    assert not list(out.rglob("*.tmp"))
    with Store.open(str(tmp_path / "imported.db")) as store:
        imported = import_dataset(store, out)
    assert (imported.new, imported.failed) == (N_ARTICLES - 1, 1)

    crash_flag.unlink()  # the same death, with the client writing to the store
    with Store.open(str(tmp_path / "direct.db")) as store:
        direct = ingest_dask(store, docs, "local:2", extractor="test_scale:CrashOnce", batch_size=10)
    assert crash_flag.exists()
    assert (direct.new, direct.failed) == (N_ARTICLES - 1, 1)
    assert documents(tmp_path / "direct.db") == documents(tmp_path / "imported.db")
    assert event_records(tmp_path / "direct.db") == event_records(tmp_path / "imported.db")
