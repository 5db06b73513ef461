#!/usr/bin/env python3
"""Store benchmark: ingest throughput and filtered-query latency, SQLite and PostgreSQL.

    .venv/bin/python scripts/bench_store.py                      # 1,000 articles, 100,000 events
    .venv/bin/python scripts/bench_store.py --docs 2000 --events 200000 --pg postgresql://…

Measures the store layer only (synthetic pipeline results: no NLP). Ingest: documents
written through Store.add_many in batches (story linking and corroboration included).
Queries: the store is then filled to --events synthetic events and typical filtered
queries are timed (median of 5). Without --pg, a throw-away PostgreSQL server is
started like the tests do (skipped if the server binaries are missing).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from veilleur.records import (  # noqa: E402
    Actor,
    ArmsItem,
    ArmsTransfer,
    Document,
    Event,
    SanctionLink,
    Source,
    Span,
)
from veilleur.store import EventFilter, Store, content_hash  # noqa: E402
from veilleur.store.results import Result  # noqa: E402

CODES = ["PRK", "RUS", "IRN", "UKR", "USA", "CHN", "SYR", "FRA", "DEU", "GBR", "ISR", "TUR", "BLR", "UNO", "EUR",
         "NAT", "WAGNER", "HAMAS", "HEZBOLLAH", "HOUTHIS", "SAU", "ARE", "IND", "PAK", "JPN", "KOR", "MLI", "SDN",
         "ETH", "VEN"]
TYPES = ["AID", "ACCUSE", "SANCTION", "ASSAULT", "CONSULT", "THREATEN", "COOPERATE", "REJECT", "AGREE", "PROTEST"]
_WORDS = ("obus missiles drones livraison frontière accord sommet négociations attaque frappe embargo sanctions "
          "usine pétrole navire port aérien soldats munitions centrale uranium réacteur blé céréales gaz "
          "pipeline banque dette élection manifestation réfugiés otages cessez-le-feu corridor")
WORDS = _WORDS.split()
SOURCES = [[], [], [Source("New York Times", "USA", "media", "selon")],
           [Source("Reuters", "GBR", "media", "selon"), Source("US intelligence", "USA", "intelligence", "citant")],
           [Source("Kremlin", "RUS", "government", "a annoncé")], [Source("des sources", None, "anonymous", "selon")]]
OUTLETS = ["Le Monde", "Le Figaro", "AFP", "RFI", "France 24", "Libération", "Les Echos", "Ouest-France"]


def synthetic(n_docs: int, events_per_doc: int, seed: int, start: int = 0) -> list[Result]:
    rng = random.Random(seed)
    out = []
    for i in range(start, start + n_docs):
        doc_id = f"bench{i:07d}"
        y, m = rng.randint(2015, 2024), rng.randint(1, 12)
        events = []
        for k in range(events_per_doc):
            a, r = rng.sample(CODES, 2)
            etype = rng.choice(TYPES)
            text = " ".join(rng.sample(WORDS, 8)) + f" {a} {r}."
            arms = (ArmsTransfer(a, r, "sale", [ArmsItem("obus", rng.choice(["ammunition", "missile", "uav"]))])
                    if etype == "AID" and rng.random() < 0.5 else None)
            sanctions = ([SanctionLink(rng.choice(["UN-DPRK", "EU-RUSSIA", "US-IRAN"]), None, "violates", "inferred")]
                         if rng.random() < 0.1 else [])
            events.append(Event(
                id=f"{doc_id}-{k}", doc_id=doc_id, event_type=etype,
                actor=[Actor(a, a, "GOV", a, start=0, end=3)], recipient=[Actor(r, r, None, r, start=4, end=7)],
                event_text="livre", text=text, text_info=Span(k, 0, len(text)), mentions=[Span(k + 1, 0, 10)],
                date=f"{y}-{m:02d}" if rng.random() < 0.8 else None, modality=rng.choice(
                    ["asserted", "asserted", "alleged", "planned", "negated"]),
                attribution=list(rng.choice(SOURCES)), arms_transfer=arms, sanctions=sanctions, contexts=["military"]))
        body = " ".join(e.text for e in events) + f" #{i}"
        doc = Document(id=doc_id, text=body, date=f"{y}-{m:02d}-15", source=rng.choice(OUTLETS), title=f"T{i}")
        out.append(Result(doc, cleaned_text=body, language="fr", events=events))
    return out


def ingest(store: Store, results: list[Result], batch: int) -> float:
    t0 = time.perf_counter()
    for i in range(0, len(results), batch):
        store.add_many(results[i:i + batch])
    return time.perf_counter() - t0


def timed(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


QUERIES: list[tuple[str, Callable[[Store], object]]] = [
    ("events actor=PRK type=AID limit 100", lambda s: list(s.events(EventFilter(actor="PRK", type="AID", limit=100)))),
    ("events recipient=RUS 2020..2021 limit 100",
     lambda s: list(s.events(EventFilter(recipient="RUS", since="2020", until="2021", limit=100)))),
    ("events regime=UN-DPRK limit 100", lambda s: list(s.events(EventFilter(regime="UN-DPRK", limit=100)))),
    ("count actor=IRN modality=alleged", lambda s: s.count_events(EventFilter(actor="IRN", modality="alleged"))),
    ("all events actor=PRK recipient=RUS (stream)",
     lambda s: sum(1 for _ in s.events(EventFilter(actor="PRK", recipient="RUS")))),
    ("stories actor=PRK type=AID limit 50",
     lambda s: list(s.stories(EventFilter(actor="PRK", type="AID", limit=50), order="origins"))),
    ("top 20 actors (all events)", lambda s: s.actors_top(20)),
]


def bench(label: str, url: str, args: argparse.Namespace) -> None:
    with Store.open(url) as store:
        docs = synthetic(args.docs, args.per_doc, seed=1)
        secs = ingest(store, docs, args.batch)
        n_ev = args.docs * args.per_doc
        print(f"[{label}] ingest {args.docs} documents / {n_ev} events in {secs:.2f} s: "
              f"{args.docs / secs:.0f} documents/s, {n_ev / secs:.0f} events/s (batches of {args.batch})")
        t0 = time.perf_counter()
        again = len(store.known_hashes(content_hash(r.document.text) for r in docs))
        print(f"[{label}] idempotence check of {again} stored documents: {time.perf_counter() - t0:.2f} s")
        have = store.count_events()
        if have < args.events:
            need_docs = (args.events - have + args.per_doc - 1) // args.per_doc
            t0 = time.perf_counter()
            for start in range(args.docs, args.docs + need_docs, 5000):
                chunk = synthetic(min(5000, args.docs + need_docs - start), args.per_doc, seed=start, start=start)
                ingest(store, chunk, 200)
            secs = time.perf_counter() - t0
            print(f"[{label}] filled to {store.count_events()} events in {secs:.0f} s "
                  f"({need_docs * args.per_doc / secs:.0f} events/s, batches of 200)")
        store.db.execute("ANALYZE")  # fresh statistics, as autovacuum / a long-lived store would have
        for name, q in QUERIES:
            print(f"[{label}] {name}: {timed(lambda q=q: q(store)):.1f} ms (median of 5)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000, help="articles for the ingest measurement")
    ap.add_argument("--per-doc", type=int, default=4, help="events per article")
    ap.add_argument("--events", type=int, default=100_000, help="events in the store for the query measurement")
    ap.add_argument("--batch", type=int, default=32, help="documents per transaction (ingest default)")
    ap.add_argument("--pg", help="PostgreSQL URL (default: start a throw-away server)")
    ap.add_argument("--only", choices=["sqlite", "postgresql"])
    args = ap.parse_args()
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as d:
            bench("sqlite", str(Path(d) / "bench.db"), args)
    if args.only != "sqlite":
        if args.pg:
            bench("postgresql", args.pg, args)
        else:
            from pg import PgServer, _bindir

            if _bindir() is None:
                print("[postgresql] skipped: server binaries not found (scripts/install-system-deps.sh)")
                return 0
            server = PgServer()
            try:
                server.start()
                bench("postgresql", server.url, args)
            finally:
                server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
