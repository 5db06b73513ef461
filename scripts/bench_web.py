#!/usr/bin/env python3
"""Page load and API latency of ``veilleur serve`` over a synthetic store (prints figures, asserts nothing).

    .venv/bin/python scripts/bench_web.py                 # 10,000 events
    .venv/bin/python scripts/bench_web.py --events 50000 --repeat 20

Fills a temporary SQLite store through the store API with synthetic events (random
dyads, types, modalities, dates, attribution chains, arms items and sanctions links,
with raw offsets into each document), then times each main view in-process with
FastAPI's TestClient (no network: this measures the app and the store, not a socket).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from veilleur.api import create_app
from veilleur.records import (
    EVENT_TYPES,
    Actor,
    ArmsItem,
    ArmsTransfer,
    Document,
    Event,
    Quantity,
    SanctionLink,
    Source,
    Span,
)
from veilleur.store import Store
from veilleur.store.results import Result

STATES = ["RUS", "PRK", "IRN", "UKR", "USA", "CHN", "SYR", "FRA", "DEU", "GBR", "TUR", "ISR", "BLR", "IND", "PAK"]
MODALITIES = ["asserted"] * 6 + ["alleged"] * 3 + ["planned", "possible", "negated", "conditional"]
CATS = ["ammunition", "uav", "missile", "artillery", "air_defence", "armoured_vehicle", "small_arms"]
REGIMES = ["UN-DPRK", "UN-IRAN", "EU-RUSSIA", "US-RUSSIA", "UK-RUSSIA", "EU-BELARUS"]
OUTLETS = ["Le Monde", "Le Figaro", "AFP", "Reuters", "Libération", "France 24", "RFI", "Les Échos"]


def _doc(rng: random.Random, n: int, per_doc: int) -> Result:
    doc_id = f"doc-{n:06d}"
    sentences, events = [], []
    pos = 0
    day = f"202{rng.randint(0, 4)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    for k in range(per_doc):
        a, r = rng.sample(STATES, 2)
        etype = "AID" if rng.random() < 0.4 else rng.choice(EVENT_TYPES)
        s = (f"Selon des responsables, {a} aurait livré des obus et des drones à {r} "
             f"dans le cadre d'un accord n°{n}-{k}. ")
        base = pos
        sentences.append(s)
        pos += len(s)

        def off(needle: str, _s: str = s, _b: int = base) -> tuple[int, int]:
            i = _s.index(needle)
            return _b + i, _b + i + len(needle)

        arms = None
        if etype == "AID":
            cat = rng.choice(CATS)
            qs, qe = off("obus")
            arms = ArmsTransfer(a, r, rng.choice(["sale", "aid", "unknown"]), [
                ArmsItem("obus", cat, None, Quantity("des milliers", 1000, None), qs, qe)])
        src = [Source("des responsables", rng.choice(STATES), rng.choice(["official", "intelligence", "media"]),
                      "selon", *off("des responsables"))] if rng.random() < 0.7 else []
        sanc = [SanctionLink(rng.choice(REGIMES), "provision", rng.choice(["violates", "mentions", "imposes"]),
                             "inferred", None, "synthetic link")] if rng.random() < 0.3 else []
        a0, a1 = off(f"{a} aurait")
        r0, r1 = off(f"à {r}")
        events.append(Event(
            id=f"{doc_id}-{k}", doc_id=doc_id, event_type=etype,
            actor=[Actor(a, a, None, a, start=a0, end=a0 + len(a))],
            recipient=[Actor(r, r, None, r, start=r0 + 2, end=r1)], event_text="livré", text=s.strip(),
            text_info=Span(k, base, pos), date=day[:7], modality=rng.choice(MODALITIES), attribution=src,
            arms_transfer=arms, sanctions=sanc, trigger=off("livré"),
            cues=[{"text": "aurait", "start": a1 - 6, "end": a1}]))
    text = "".join(sentences)
    doc = Document(id=doc_id, text=text, date=day, title=f"Article {n}", url=f"https://example.org/{n}",
                   source=rng.choice(OUTLETS))
    return Result(doc, cleaned_text=text, language="fr", events=events)


def fill(path: Path, n_events: int, per_doc: int = 4, seed: int = 7) -> float:
    rng = random.Random(seed)
    t0 = time.perf_counter()
    with Store.open(str(path)) as st:
        batch: list[Result] = []
        for n in range((n_events + per_doc - 1) // per_doc):
            batch.append(_doc(rng, n, per_doc))
            if len(batch) == 250:
                st.add_many(batch)
                batch = []
        if batch:
            st.add_many(batch)
    return time.perf_counter() - t0


VIEWS = [
    ("API  events (100)", "/api/events?limit=100"),
    ("API  events actor+type", "/api/events?actor=PRK&type=AID&limit=100"),
    ("API  events page 50", "/api/events?limit=100&offset=5000"),
    ("API  events CSV (1000)", "/api/events?format=csv&limit=1000"),
    ("API  stories (100)", "/api/stories?limit=100"),
    ("API  stories + origins", "/api/stories?limit=20&origins=true"),
    ("API  document + spans", "/api/documents/doc-000123"),
    ("API  actors top 20", "/api/actors"),
    ("API  arms flows (all)", "/api/arms/flows"),
    ("API  sanctions", "/api/sanctions"),
    ("API  sanctions UN-DPRK", "/api/sanctions/UN-DPRK?limit=200"),
    ("API  timeline dyad", "/api/timeline?actor=PRK&recipient=RUS"),
    ("page events", "/"),
    ("page events filtered", "/?actor=PRK&type=AID"),
    ("page evidence", "/evidence/doc-000123"),
    ("page stories", "/stories"),
    ("page arms graph", "/graph"),
    ("page timeline actor", "/timeline?actor=PRK"),
    ("page sanctions regime", "/sanctions?regime=UN-DPRK"),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="veilleur-bench-web-") as tmp:
        db = Path(tmp) / "bench.db"
        secs = fill(db, args.events)
        with Store.open(str(db)) as st:
            n_ev, n_docs = st.count_events(), st.count_documents()
            n_stories = st.stats()["stories"]
        print(f"store: {n_ev:,} events, {n_docs:,} documents, {n_stories:,} stories "
              f"(filled in {secs:.1f} s); {args.repeat} timed requests per view after one warm-up\n")
        print(f"{'view':28} {'median ms':>10} {'p95 ms':>9} {'max ms':>9} {'KB':>8}")
        with TestClient(create_app(str(db))) as c:
            for name, url in VIEWS:
                r = c.get(url)
                if r.status_code != 200:
                    print(f"{name:28} HTTP {r.status_code}: {r.text[:100]}")
                    continue
                times = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    r = c.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
                times.sort()
                p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
                print(f"{name:28} {statistics.median(times):10.1f} {p95:9.1f} {times[-1]:9.1f} "
                      f"{len(r.content) / 1024:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
