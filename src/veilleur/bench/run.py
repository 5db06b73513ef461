"""Measurements behind ``veilleur bench``: the same texts through four set-ups.

1. ``spacy``     plain ``nlp.pipe`` of fr_core_news_md, full default pipeline, 1 process
2. ``veilleur-1`` ``Pipeline.pipe`` in 1 worker process
3. ``pool-N``    ``Pipeline.pipe`` on chunks in N worker processes (ProcessPoolExecutor)
4. ``dask-N``    the same chunks on a local Dask cluster of N single-threaded worker processes

Every set-up runs in fresh *spawned* worker processes (never forked from a parent that
already holds a model), so each worker's peak RSS is its own and load times are real.
Each worker loads its model once and warms it up before the clock starts: load time is
measured separately and excluded from throughput. Throughput is wall time in the parent
from dispatching the first chunk to receiving the last result, so it includes the cost
of shipping texts out and events back, which is what a user of a parallel run pays.
With ``repeat`` > 1 the measured phase runs again on the loaded workers and the best
time is kept; every repeat's time is in the JSON.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import resource
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from time import perf_counter
from typing import Any

from ..records import Document, Event
from ..scale.worker import SINGLE_THREAD_ENV, single_threaded_children
from .corpus import word_count

SPACY_BATCH = 32  # nlp.pipe batch for whole articles: larger batches only grow memory
WARMUP_TEXT = ("La France a livré des obus à l'Ukraine, a annoncé mardi le ministère des Armées.\n\n"
               "Moscou a condamné cette livraison.")
WARMUP_DATE = "2023-03-14"
BARRIER_TIMEOUT = 600.0
#: one worker = one core. numpy's OpenBLAS otherwise starts a spinning thread per core in
#: every worker, and N workers on N cores fight over them (measured here: the 2-worker pool
#: went from 1.9x to 1.1x the 1-worker rate). Dask's nanny sets the same variables.

# ------------------------------------------------------------ worker side
# Module-level state: one model per worker process, loaded by the pool initializer or the
# Dask worker plugin, reused by every chunk the worker receives.
_STATE: dict[str, Any] = {}


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def mark_cpu() -> None:
    """Start of the measured phase: CPU used before (model load) is not the run's."""
    _STATE["cpu0"] = cpu_seconds()


def load_engine(kind: str) -> None:
    """Load and warm up the model of ``kind`` ("spacy" or "veilleur") once in this process."""
    if _STATE.get("kind") == kind:
        return
    t0 = perf_counter()
    if kind == "spacy":
        import spacy

        from ..nlp import MODEL

        engine: Any = spacy.load(MODEL)  # every component that loads by default
        engine(WARMUP_TEXT)
    else:
        import veilleur

        engine = veilleur.load()
        # lazy resources (language detector, sanctions base) load on first use: pay it here
        engine.extract(WARMUP_TEXT, date=WARMUP_DATE)
    _STATE.update(kind=kind, engine=engine, load_seconds=perf_counter() - t0)


def _init_pool_worker(kind: str, barrier: Any) -> None:
    load_engine(kind)
    _STATE["barrier"] = barrier


def _pool_ready(_: int) -> None:
    """Returns only once every worker of the pool has loaded its model (so the clock can start)."""
    _STATE["barrier"].wait(BARRIER_TIMEOUT)
    mark_cpu()


WorkerInfo = tuple[int, float, float, float]  # pid, load seconds, peak RSS MB, CPU seconds of the run


def worker_info() -> WorkerInfo:
    cpu = cpu_seconds() - _STATE.get("cpu0", 0.0)
    return os.getpid(), float(_STATE.get("load_seconds", 0.0)), peak_rss_mb(), cpu


def _pool_info(_: int) -> WorkerInfo:
    """``worker_info`` from every worker: the barrier keeps each worker to one of these tasks."""
    _STATE["barrier"].wait(BARRIER_TIMEOUT)
    return worker_info()


@dataclass
class ChunkResult:
    #: per document: (id, events or None for plain spaCy, error)
    docs: list[tuple[str, list[Event] | None, str | None]]
    tokens: int = 0


def process_chunk(docs: list[Document], kind: str = "veilleur") -> ChunkResult:
    """Run one chunk through this worker's model; the model loads here if no plugin did."""
    load_engine(kind)
    engine = _STATE["engine"]
    if kind == "spacy":
        # only counts go back: shipping spaCy Docs would measure pickling, not parsing
        tokens = sum(len(doc) for doc in engine.pipe([d.text for d in docs], batch_size=SPACY_BATCH))
        return ChunkResult([(d.id, None, None) for d in docs], tokens)
    out = [(r.document.id, r.events, r.error) for r in engine.pipe(docs)]
    return ChunkResult(out)


# ------------------------------------------------------------ parent side
@dataclass
class RunResult:
    name: str
    label: str
    workers: int
    articles: int
    words: int
    seconds: float  # throughput wall time, model load excluded (best of the repeats)
    startup_seconds: float  # start processes + load models (+ cluster for Dask)
    load_seconds: list[float]  # model load + warm-up, per worker
    peak_rss_mb: list[float]  # per worker
    events: int | None = None
    errors: int = 0
    per_doc_events: list[int] | None = field(default=None, repr=False)
    #: CPU time of the workers / (wall time x workers): well under 1 means the workers
    #: waited, on IPC or on other processes of a busy machine (then the figures are noisy)
    cpu_busy: float = 0.0
    #: CPU seconds the parent spent meanwhile (shipping chunks, unpickling events; for Dask also
    #: the scheduler, which LocalCluster runs in the parent): it competes with the workers for cores
    parent_cpu_seconds: float = 0.0  # per repeat
    times: list[float] = field(default_factory=list)  # every repeat's wall time

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("per_doc_events")
        d["articles_per_s"] = round(self.articles_per_s, 2)
        d["words_per_s"] = round(self.words_per_s, 1)
        d["seconds"] = round(self.seconds, 3)
        d["startup_seconds"] = round(self.startup_seconds, 3)
        d["load_seconds"] = [round(x, 3) for x in self.load_seconds]
        d["peak_rss_mb"] = [round(x, 1) for x in self.peak_rss_mb]
        d["cpu_busy"] = round(self.cpu_busy, 3)
        d["parent_cpu_seconds"] = round(self.parent_cpu_seconds, 3)
        d["times"] = [round(t, 3) for t in self.times]
        return d


def chunked(docs: list[Document], size: int) -> list[list[Document]]:
    return [docs[i:i + size] for i in range(0, len(docs), size)]


def chunk_size(n_docs: int, workers: int) -> int:
    """About 8 chunks per worker for load balancing, but never tiny (per-chunk IPC) nor huge."""
    return max(4, min(64, n_docs // (workers * 8) or 1))


def _timed(call: Callable[[], list[ChunkResult]], repeat: int) -> tuple[list[float], float, list[ChunkResult]]:
    """The measured phase ``repeat`` times: wall times, parent CPU seconds per repeat, first results.

    The best time is reported: on a shared machine, slower repeats measure the neighbours."""
    times: list[float] = []
    first: list[ChunkResult] | None = None
    c0 = cpu_seconds()
    for _ in range(max(1, repeat)):
        t0 = perf_counter()
        out = call()
        times.append(perf_counter() - t0)
        first = out if first is None else first
    assert first is not None
    return times, (cpu_seconds() - c0) / len(times), first


def _collect(name: str, label: str, workers: int, docs: list[Document], times: list[float], startup: float,
             info: list[WorkerInfo], chunks: list[ChunkResult], kind: str) -> RunResult:
    """``info``: read from every worker after the run."""
    per_doc = [len(ev) if ev is not None else 0 for c in chunks for _, ev, _ in c.docs]
    errors = sum(1 for c in chunks for _, _, err in c.docs if err)
    return RunResult(name, label, workers, len(docs), word_count(docs), min(times), startup,
                     [i[1] for i in info], sorted((i[2] for i in info), reverse=True),
                     None if kind == "spacy" else sum(per_doc), errors,
                     None if kind == "spacy" else per_doc,
                     sum(i[3] for i in info) / (sum(times) * workers) if sum(times) else 0.0, times=times)


def run_pool(docs: list[Document], workers: int, kind: str, name: str, label: str,
             chunk: int | None = None, repeat: int = 1) -> RunResult:
    """``docs`` through a fresh spawned process pool of ``workers``, each loading ``kind`` once."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(workers)
    t0 = perf_counter()
    # spawned workers start on first submit, so the environment must hold for the whole run
    with single_threaded_children(), ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_pool_worker,
                                                         initargs=(kind, barrier)) as pool:
        # one blocking task per worker: all have returned only when every model is loaded
        list(pool.map(_pool_ready, range(workers)))
        startup = perf_counter() - t0
        parts = chunked(docs, chunk or (len(docs) if kind == "spacy" else chunk_size(len(docs), workers)))
        times, parent_cpu, results = _timed(lambda: list(pool.map(process_chunk, parts, [kind] * len(parts))),
                                            repeat)
        # read from every worker, not from chunk results: a worker that got no chunk still holds a model
        info = list(pool.map(_pool_info, range(workers)))
    result = _collect(name, label, workers, docs, times, startup, info, results, kind)
    result.parent_cpu_seconds = parent_cpu
    return result


def run_dask(docs: list[Document], workers: int, repeat: int = 1) -> RunResult:
    """The pool-N run on ``distributed.LocalCluster``; the model loads once per worker via a plugin."""
    import dask
    from distributed import Client, LocalCluster
    from distributed.diagnostics.plugin import WorkerPlugin

    class LoadVeilleur(WorkerPlugin):
        def setup(self, worker: Any) -> None:
            load_engine("veilleur")

    t0 = perf_counter()
    # The nanny's default environment also sets MALLOC_TRIM_THRESHOLD_=65536: glibc then hands
    # memory back to the system after nearly every free, and spaCy's many short-lived
    # allocations made veilleur about 2x slower per worker (measured: 200 articles, 2 workers,
    # 5.1 s vs 8-12 s of worker time). Same environment as the process pool, for a fair comparison.
    with dask.config.set({"distributed.nanny.pre-spawn-environ": dict(SINGLE_THREAD_ENV)}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.register_plugin(LoadVeilleur(), name="veilleur-model")
        client.run(mark_cpu)
        startup = perf_counter() - t0
        parts = chunked(docs, chunk_size(len(docs), workers))
        times, parent_cpu, results = _timed(
            lambda: client.gather(client.map(process_chunk, parts, pure=False)), repeat)
        info = list(client.run(worker_info).values())
    result = _collect(f"dask-{workers}", f"veilleur, Dask LocalCluster, {workers} processes", workers,
                      docs, times, startup, info, results, "veilleur")
    result.parent_cpu_seconds = parent_cpu
    return result


@dataclass
class Bench:
    articles: int
    words: int
    workers: int
    cpus: int
    corpus: str
    runs: list[RunResult]
    doc_ids: list[str] = field(default_factory=list, repr=False)
    load_average: float | None = None  # 1-minute load average before the runs: other work on the machine

    def run(self, name_prefix: str) -> RunResult | None:
        return next((r for r in self.runs if r.name.startswith(name_prefix)), None)

    def ratios(self) -> dict[str, float | None]:
        spacy_, one = self.run("spacy"), self.run("veilleur-1")
        pool, dask = self.run("pool-"), self.run("dask-")

        def rate(a: RunResult | None, b: RunResult | None) -> float | None:
            return round(a.articles_per_s / b.articles_per_s, 3) if a and b and b.articles_per_s else None

        return {
            "veilleur1_over_spacy": rate(one, spacy_),  # > 1: veilleur is faster than a full parse
            "speedup_pool_over_1": rate(pool, one),
            "speedup_dask_over_1": rate(dask, one),
            # wall time of Dask relative to the process pool, minus 1: 0.1 means 10 % slower
            "dask_overhead_vs_pool": round(dask.seconds / pool.seconds - 1, 3) if dask and pool else None,
        }

    def events_check(self) -> tuple[bool, str]:
        """Parallel runs must find exactly the events of the single run, document by document."""
        runs = [r for r in self.runs if r.per_doc_events is not None]
        if len(runs) < 2:
            return True, "events: only one veilleur run"
        ref = runs[0]
        differ = sorted({i for r in runs[1:] for i, (a, b) in
                         enumerate(zip(ref.per_doc_events or [], r.per_doc_events or [], strict=True)) if a != b})
        if not differ:
            return True, f"events: same across runs ({ref.events} events)"
        counts = ", ".join(f"{r.name}: {r.events}" for r in runs)
        where = ", ".join(self.doc_ids[i] for i in differ[:5]) + (" …" if len(differ) > 5 else "")
        return False, f"events: MISMATCH across runs ({counts}); {len(differ)} documents differ: {where}"

    def to_dict(self) -> dict[str, Any]:
        same, line = self.events_check()
        return {
            "articles": self.articles, "words": self.words, "workers": self.workers, "cpus": self.cpus,
            "corpus": self.corpus, "load_average": self.load_average, "runs": [r.to_dict() for r in self.runs], "ratios": self.ratios(),
            "events_same": same, "events_line": line,
        }


def run_all(docs: list[Document], workers: int, corpus: str, dask: bool = True, repeat: int = 1,
            progress: Callable[[str], None] = lambda _: None) -> Bench:
    """The four set-ups, in order, on the same documents."""
    runs: list[RunResult] = []
    load_average = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
    progress("plain spaCy (fr_core_news_md, full pipeline), 1 process")
    runs.append(run_pool(docs, 1, "spacy", "spacy", "plain spaCy nlp.pipe, full fr_core_news_md, 1 process",
                         repeat=repeat))
    progress("veilleur, 1 worker")
    runs.append(run_pool(docs, 1, "veilleur", "veilleur-1", "veilleur Pipeline.pipe, 1 worker process",
                         chunk=chunk_size(len(docs), workers), repeat=repeat))
    if workers > 1:
        progress(f"veilleur, process pool of {workers}")
        runs.append(run_pool(docs, workers, "veilleur", f"pool-{workers}",
                             f"veilleur, ProcessPoolExecutor, {workers} processes", repeat=repeat))
    if dask:
        progress(f"veilleur, Dask LocalCluster of {workers}")
        runs.append(run_dask(docs, workers, repeat=repeat))
    return Bench(len(docs), word_count(docs), workers, os.cpu_count() or 1, corpus, runs, [d.id for d in docs],
                 load_average)
