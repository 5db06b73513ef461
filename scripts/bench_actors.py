"""Benchmark: actor resolution vs plain spaCy parsing on the same 1,000 articles.

    .venv/bin/python scripts/bench_actors.py [--n 1000]

Articles are recombined from tests/corpus/articles (paragraphs shuffled across articles with a
fixed seed), so the texts are realistic French news but not 22 repeated ones. Prints figures; it
asserts nothing (DEVELOPING.md: speed is a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def articles(n: int, seed: int = 7) -> list[str]:
    paras = [p.strip() for f in sorted((ROOT / "tests/corpus/articles").glob("*.txt"))
             for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    rng = random.Random(seed)
    return ["\n\n".join(rng.sample(paras, k=rng.randint(3, 6))) for _ in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()

    import spacy

    from veilleur.actors import ActorResolver, load_kb
    from veilleur.nlp import MODEL, load_model, tokenize

    texts = articles(args.n)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words:,} words")

    t0 = time.perf_counter()
    load_kb()
    print(f"knowledge base load: {time.perf_counter() - t0:.2f} s ({load_kb().size:,} patterns)")

    tok = load_model()
    resolver = ActorResolver()
    docs = [tokenize(tok, t) for t in texts[:20]]  # warm caches
    for d in docs:
        resolver.resolve(d, "2024-01-01")

    t0 = time.perf_counter()
    docs = [tokenize(tok, t) for t in texts]
    t_tok = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_mentions = sum(len(resolver.resolve(d, "2024-01-01")) for d in docs)
    t_act = time.perf_counter() - t0
    print(f"tokenize + segment:          {t_tok:7.2f} s")
    print(f"actor resolution:            {t_act:7.2f} s  ({n_mentions:,} mentions, "
          f"{1000 * t_act / len(texts):.2f} ms/article, {words / t_act:,.0f} words/s)")

    full = spacy.load(MODEL)
    t0 = time.perf_counter()
    for _ in full.pipe(texts, batch_size=64):
        pass
    t_full = time.perf_counter() - t0
    print(f"nlp.pipe {MODEL} (all components): {t_full:7.2f} s  ({words / t_full:,.0f} words/s)")
    print(f"actor resolution / full spaCy pipe: {100 * t_act / t_full:.1f} %")


if __name__ == "__main__":
    main()
