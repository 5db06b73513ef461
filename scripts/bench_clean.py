"""Benchmark: clean() (and detect_language()) over 1,000 articles. Prints figures, asserts nothing.

    .venv/bin/python scripts/bench_clean.py [articles.jsonl] [--n 1000]

Articles are recombined from the paragraphs of the given JSON Lines file (default: the
development set, ../shared/eval/dev/articles.jsonl) with residue lines of several site
styles mixed in, so every article gives the cleaner real work; a fixed seed keeps runs
comparable.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

RESIDUE = [
    "Veuillez utiliser le navigateur Chrome pour un lecteur vidéo plus accessible\n\n0:53\n\nUn titre de vidéo",
    "Lire aussi : Un autre article sur le même sujet",
    "Publicité",
    "© AFP",
    "Partager sur Facebook",
    "Nous utilisons des cookies pour améliorer votre expérience. En poursuivant, vous acceptez leur utilisation.",
    "Le Kremlin dément – suivez les dernières mises à jour",
    "Photo : Ivan Petrov / Reuters",
]


def articles(path: Path, n: int) -> list[str]:
    paras = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            paras += [p for p in json.loads(line)["text"].split("\n\n") if p.strip()]
    rng = random.Random(20240314)
    out = []
    for _ in range(n):
        body = rng.sample(paras, k=min(len(paras), rng.randint(6, 14)))
        for _ in range(rng.randint(1, 4)):
            body.insert(rng.randrange(len(body) + 1), rng.choice(RESIDUE))
        out.append("\n\n".join(body))
    return out


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "shared/eval/dev/articles.jsonl"
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", nargs="?", type=Path, default=default)
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    texts = articles(args.articles, args.n)
    chars = sum(map(len, texts))

    t = time.perf_counter()
    from veilleur.clean import _french_words, _rules, clean
    from veilleur.language import detect_language, preload

    _rules()
    t_rules = time.perf_counter() - t
    t = time.perf_counter()
    _french_words()
    t_vocab = time.perf_counter() - t

    t = time.perf_counter()
    dropped = repaired = 0
    for text in texts:
        c = clean(text)
        dropped += len(c.dropped)
        repaired += len(c.repairs)
    t_clean = time.perf_counter() - t

    t = time.perf_counter()
    preload()
    t_lang_load = time.perf_counter() - t
    t = time.perf_counter()
    langs = [detect_language(text) for text in texts]
    t_lang = time.perf_counter() - t

    # worst cases: one 5 MB article (the ingest limit), and a 1 MB line without spaces
    big = "\n\n".join(texts)[: 5 * 2**20]
    t = time.perf_counter()
    clean(big)
    t_big = time.perf_counter() - t
    t = time.perf_counter()
    clean("Russiecapacité" * 75_000)
    t_word = time.perf_counter() - t

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(texts)}  characters: {chars:,}  (mean {chars // len(texts):,} per article)")
    print(f"clean: load rules {t_rules * 1000:.0f} ms, load vocabulary {t_vocab * 1000:.0f} ms (once, lazily)")
    print(f"clean: {t_clean:.2f} s total, {t_clean / len(texts) * 1000:.2f} ms per article, "
          f"{chars / t_clean / 1e6:.1f} M chars/s; {dropped} lines dropped, {repaired} repairs")
    print(f"detect_language: build {t_lang_load * 1000:.0f} ms; {t_lang:.2f} s total, "
          f"{t_lang / len(texts) * 1000:.2f} ms per article; fr: {langs.count('fr')}/{len(langs)}")
    print(f"worst cases: a 5 MB article {t_big:.2f} s; a 1 MB word {t_word:.2f} s")
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
